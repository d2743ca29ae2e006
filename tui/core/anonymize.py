"""Hiding the participant's name in an export: a stable code such as `P-7KQ3` in its place.

Pure functions of a `Session`; every export format calls `anonymized` first.
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Callable
from dataclasses import replace

from tui.core.session import Session
from tui.core.themes import normalize_theme

_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0/O, 1/I/L or U to misread
_CODE_LENGTH = 4


def participant_code(session: Session) -> str:
    """`P-` and four characters, the same every time for this session and name.

    Derived from the session id, so the same person in two sessions gets two
    codes: exports of different interviews cannot be linked by the code.
    """
    name = " ".join(session.participant.name.split()).casefold()
    digest = hashlib.sha256(f"{session.id}\0{name}".encode()).digest()
    number = int.from_bytes(digest[:8], "big")
    chars = []
    for _ in range(_CODE_LENGTH):
        number, digit = divmod(number, len(_CODE_ALPHABET))
        chars.append(_CODE_ALPHABET[digit])
    return "P-" + "".join(chars)


def anonymized(session: Session) -> Session:
    """A copy with the participant's name replaced by their code.

    Replaced in the participant's fields, the goal, interviewers, notes and
    their themes, theme bumps, earlier pain points, takeaways and the draft; not in the guide,
    which is the same for every interview.

    The full name, and each of its words (and each part of a hyphenated word)
    alone, is matched as a whole word in any case. This over-matches on
    purpose: a participant called "Will" turns "we will" into "we P-XXXX",
    because a leaked name is worse than an odd sentence. Single letters
    (initials) are left alone.
    """
    code = participant_code(session)
    hide = _name_hider(session.participant.name, code)
    result = copy.deepcopy(session)
    participant = result.participant
    result.participant = replace(
        participant,
        name=code,
        role=hide(participant.role),
        company=hide(participant.company),
        segment=hide(participant.segment),
    )
    result.goal = hide(result.goal)
    result.interviewers = [hide(name) for name in result.interviewers]
    result.takeaways = [hide(text) for text in result.takeaways]
    result.draft.text = hide(result.draft.text)
    for note in result.notes:
        note.text = hide(note.text)
        note.themes = list(dict.fromkeys(normalize_theme(hide(t)) for t in note.themes))
    result.theme_bumps = [replace(b, theme=normalize_theme(hide(b.theme))) for b in result.theme_bumps]
    for pain in result.earlier_pains:
        pain.text = hide(pain.text)
        pain.themes = list(dict.fromkeys(normalize_theme(hide(t)) for t in pain.themes))
    return result


def _name_hider(name: str, code: str) -> Callable[[str], str]:
    words = name.split()
    variants = {" ".join(words), *words, *(part for word in words for part in word.split("-"))}
    variants = {v for v in variants if sum(c.isalnum() for c in v) >= 2}
    if not variants:
        return lambda text: text
    longest_first = sorted(variants, key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, v.split())) for v in longest_first)
    pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    return lambda text: pattern.sub(code, text)
