"""Follow-ups: who is waiting for one, and each earlier pain point beside what the follow-up found.

Pure: sessions (or their summaries) in, plain data out. History lists the
participants awaiting a follow-up; the live screen copies an earlier session's
pain points into its follow-up; the review shows them then and now.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from tui.core.kinds import PAIN
from tui.core.session import EarlierPain, Note, Session


class _Linkable(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def follow_up_ok(self) -> bool | None: ...
    @property
    def follow_up_of(self) -> str | None: ...


L = TypeVar("L", bound=_Linkable)


def awaiting_follow_up(sessions: Iterable[L]) -> list[L]:
    """Sessions whose participant agreed to be contacted again and has no follow-up yet, in order."""
    sessions = list(sessions)
    followed = {s.follow_up_of for s in sessions if s.follow_up_of}
    return [s for s in sessions if s.follow_up_ok is True and s.id not in followed]


def pain_points(session: Session) -> list[Note]:
    """The notes a follow-up asks about: the session's pain points, in order."""
    return [note for note in session.notes if note.kind == PAIN]


@dataclass(frozen=True)
class PainFollowUp:
    """A pain point from the earlier session, the later session's verdict on it and its notes beside it."""

    pain: Note
    related: tuple[Note, ...]
    verdict: str | None = None  # one of session.VERDICTS; None when not marked


def follow_up_pairs(earlier: Session, later: Session) -> list[PainFollowUp]:
    """Each pain point of `earlier`, with the verdict `later` gave it and the notes `later` took
    about it (while discussing it, or on one of its themes)."""
    tracked = {p.note_id: p for p in later.earlier_pains}
    pairs = []
    for pain in pain_points(earlier):
        known = tracked.get(pain.id)
        current = EarlierPain(
            pain.id, pain.text, list(pain.themes), known.verdict if known else None, list(known.notes) if known else [],
        )
        pairs.append(PainFollowUp(pain, tuple(later.notes_beside(current)), current.verdict))
    return pairs
