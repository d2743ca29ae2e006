"""What the index keeps of each session for the themes report: per theme, its counts and best examples.

Pure: notes as stored in, plain data out. The index keeps each session's
`theme_facts` when its file changes and builds the report with one aggregate
query (tui/index_theme_queries.py), so a report over 10,000 sessions never opens
10,000 files; the report itself is tui.core.themes_report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from tui.core.kinds import IDEA, NOTE, PAIN, QUOTE

MAX_QUOTES = 3  # examples kept per theme and session, and quotes shown per theme
MAX_EXAMPLE_CHARS = 280


# --- one session's facts (cached by the store) ---------------------------------------
class Example(NamedTuple):
    """A note kept as a possible quote for a theme (a tuple: a rebuild makes 500,000)."""

    text: str
    kind: str
    starred: bool = False

    @property
    def preference(self) -> int:
        """Lower is a better example: own words first, then key moments, pains and ideas."""
        if self.kind == QUOTE:
            return 0 if self.starred else 1
        if self.starred:
            return 2
        return 3 if self.kind in (PAIN, IDEA) else 4


@dataclass(frozen=True)
class ThemeFacts:
    """One theme in one session: mentions (notes and one-key bumps), pains, ideas, examples."""

    mentions: int
    pain: int = 0
    ideas: int = 0
    examples: tuple[Example, ...] = ()


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _themes_of(note: Mapping[str, Any]) -> Sequence[str]:
    themes = note.get("themes")
    if not isinstance(themes, list) or not themes:
        return ()
    if len(themes) == 1:  # most notes: no set of seen ones needed
        return themes if isinstance(themes[0], str) and themes[0] else ()
    return list(dict.fromkeys(t for t in themes if isinstance(t, str) and t))


def theme_facts(notes: Iterable[Mapping[str, Any]], bumps: Iterable[str] = ()) -> dict[str, ThemeFacts]:
    """Per theme of one session: counts and up to `MAX_QUOTES` best examples, in note order.

    `notes` are notes as stored (`Note.to_dict()`); `bumps` the themes of its one-key bumps.
    """
    mentions: dict[str, int] = {}
    pain: dict[str, int] = {}
    ideas: dict[str, int] = {}
    examples: dict[str, list[tuple[int, int, Example]]] = {}
    for position, note in enumerate(notes):
        themes = _themes_of(note)
        if not themes:
            continue  # nothing to count, so its text is not looked at (the index reads 600,000 notes)
        kind = _str(note.get("kind")) or NOTE
        counted = pain if kind == PAIN else ideas if kind == IDEA else None
        text = " ".join(_str(note.get("text")).split())
        if text:
            example = Example(text[:MAX_EXAMPLE_CHARS], kind, note.get("starred") is True)
            ranked = (example.preference, position, example)  # positions differ: examples are never compared
        for theme in themes:
            mentions[theme] = mentions.get(theme, 0) + 1
            if counted is not None:
                counted[theme] = counted.get(theme, 0) + 1
            if text:
                examples.setdefault(theme, []).append(ranked)
    for theme in bumps:
        if isinstance(theme, str) and theme:
            mentions[theme] = mentions.get(theme, 0) + 1
    return {
        theme: ThemeFacts(
            count,
            pain.get(theme, 0),
            ideas.get(theme, 0),
            tuple(e for _, _, e in sorted(examples.get(theme, ()))[:MAX_QUOTES]),
        )
        for theme, count in sorted(mentions.items(), key=lambda item: (-item[1], item[0]))
    }

