"""What the store keeps of each session for the themes report and history search, and the search itself.

Pure: notes as stored in, plain data out. The store caches each session's
`theme_facts` and `search_text` when its file changes (tui/store_facts.py), so
a report over a thousand sessions never opens a thousand files; the report
itself is tui.core.themes_report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tui.core.kinds import IDEA, NOTE, PAIN, QUOTE

MAX_QUOTES = 3  # examples kept per theme and session, and quotes shown per theme
MAX_EXAMPLE_CHARS = 280


# --- one session's facts (cached by the store) ---------------------------------------
@dataclass(frozen=True)
class Example:
    """A note kept as a possible quote for a theme."""

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


def _themes_of(note: Mapping[str, Any]) -> list[str]:
    themes = note.get("themes")
    if not isinstance(themes, list):
        return []
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
        kind = _str(note.get("kind")) or NOTE
        text = " ".join(_str(note.get("text")).split())
        example = Example(text[:MAX_EXAMPLE_CHARS], kind, note.get("starred") is True)
        for theme in _themes_of(note):
            mentions[theme] = mentions.get(theme, 0) + 1
            if kind == PAIN:
                pain[theme] = pain.get(theme, 0) + 1
            elif kind == IDEA:
                ideas[theme] = ideas.get(theme, 0) + 1
            if text:
                examples.setdefault(theme, []).append((example.preference, position, example))
    for theme in bumps:
        if isinstance(theme, str) and theme:
            mentions[theme] = mentions.get(theme, 0) + 1
    return {
        theme: ThemeFacts(
            count,
            pain.get(theme, 0),
            ideas.get(theme, 0),
            tuple(e for _, _, e in sorted(examples.get(theme, []), key=lambda x: x[:2])[:MAX_QUOTES]),
        )
        for theme, count in sorted(mentions.items(), key=lambda item: (-item[1], item[0]))
    }


def facts_to_json(facts: Mapping[str, ThemeFacts]) -> dict[str, list[Any]]:
    """Compact, JSON-ready: `{theme: [mentions, pain, ideas, [[kind, starred, text], ...]]}`."""
    return {
        theme: [f.mentions, f.pain, f.ideas, [[e.kind, e.starred, e.text] for e in f.examples]]
        for theme, f in facts.items()
    }


def facts_from_json(data: Any) -> dict[str, ThemeFacts]:
    """Back from `facts_to_json`; anything malformed is skipped, not fatal (it is a cache)."""
    facts: dict[str, ThemeFacts] = {}
    if not isinstance(data, dict):
        return facts
    for theme, row in data.items():
        try:
            mentions, pain, ideas, examples = row
            facts[theme] = ThemeFacts(
                int(mentions), int(pain), int(ideas), tuple(Example(str(t), str(k), bool(s)) for k, s, t in examples)
            )
        except (TypeError, ValueError):
            continue
    return facts


@dataclass(frozen=True)
class SessionThemes:
    """One session as the themes report sees it."""

    session_id: str
    participant: str
    company: str
    date: str  # YYYY-MM-DD
    guide: str
    themes: Mapping[str, ThemeFacts]


def search_text(notes: Iterable[Mapping[str, Any]], takeaways: Iterable[Any] = ()) -> str:
    """What history's filter searches in a session besides its summary: notes and takeaways, lowercased."""
    parts = [_str(note.get("text")) for note in notes]
    parts += [t for t in takeaways if isinstance(t, str)]
    return "\n".join(p for p in parts if p).lower()


# --- history search ----------------------------------------------------------------------
def search_terms(query: str) -> tuple[str, ...]:
    """`Ana  #Onboarding` -> `('ana', '#onboarding')`: every term must match."""
    return tuple(query.lower().split())


def matches(terms: Sequence[str], *haystacks: str) -> bool:
    """True if every term occurs in one of the (lowercase) haystacks."""
    return all(any(term in haystack for haystack in haystacks) for term in terms)
