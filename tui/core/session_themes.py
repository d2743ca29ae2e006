"""A session's themes as the review and the exports list them: most mentioned first, with the
questions each came up in and its one-key mentions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.core.session import Session


@dataclass(frozen=True)
class ThemeInSession:
    theme: str
    count: int  # mentions in this session: #tags in notes plus one-key bumps
    questions: tuple[int, ...]  # flat indexes of the questions where it came up, in order
    bumps: tuple[tuple[float, int], ...] = ()  # one-key mentions: (session seconds, question), in time order


def session_themes(session: Session) -> list[ThemeInSession]:
    """Every theme of the session, most mentioned first (then by name), with the questions it came up in."""
    counts: Counter[str] = session.tally()
    where: dict[str, set[int]] = {}
    for note in session.notes:
        for theme in note.themes:
            where.setdefault(theme, set()).add(note.question)
    bumps: dict[str, list[tuple[float, int]]] = {}
    for bump in session.theme_bumps:
        where.setdefault(bump.theme, set()).add(bump.question)
        bumps.setdefault(bump.theme, []).append((bump.elapsed, bump.question))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [
        ThemeInSession(theme, count, tuple(sorted(where.get(theme, ()))), tuple(sorted(bumps.get(theme, ()))))
        for theme, count in ranked
    ]
