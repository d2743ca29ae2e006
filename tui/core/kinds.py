"""The one table of note kinds: what each is called, typed, shown and listed as.

Parsing (the shorthand mark), the live hint, help, badges, the review's lists
and kind picker, exports and the themes report all read this table, in its
order; adding a kind is one row here (and its tests). The names are what files
store, so a row is never renamed. Code that gives one kind a rule of its own
(a quote's curly quotes, pains and ideas in the themes report) names it by
the constants below, never by a string.
"""

from __future__ import annotations

from typing import NamedTuple

NOTE, QUOTE, PAIN, IDEA, ACTION, QUESTION = "note", "quote", "pain", "idea", "action", "question"


class NoteKind(NamedTuple):  # a row of a constant table: a named tuple is built at start-up for a tenth of a frozen dataclass
    name: str  # as files and exports store it: "pain"
    mark: str  # the shorthand that starts a note of this kind: "!"; "" for the plain note
    label: str  # before a note's text in exports and quotes: "Pain" (as "Pain: ...")
    badge: str  # the one-cell sign beside a note on screen
    style: str  # the badge's colour, a Textual theme variable
    hint: str  # the word after the mark in the shorthand hint: "! pain"
    meaning: str  # in help and the kind picker: "a pain point"
    heading: str = ""  # title of the review's and exports' list of these notes; "": no list


KINDS: tuple[NoteKind, ...] = (
    NoteKind(NOTE, "", "Note", "·", "dim", "", "a plain note"),
    NoteKind(QUOTE, '"', "Quote", "“", "$text-accent", "quote", "a quote: their own words"),
    NoteKind(PAIN, "!", "Pain", "!", "$text-error", "pain", "a pain point", "Pain points"),
    NoteKind(IDEA, "+", "Idea", "+", "$text-success", "idea", "an idea", "Ideas"),
    NoteKind(ACTION, ">", "Action", ">", "$text-warning", "action", "an action item", "Action items"),
    NoteKind(QUESTION, "?", "Q", "?", "$text-primary", "ask later", "a question to come back to", "Questions to come back to"),
)
KIND_NAMES: tuple[str, ...] = tuple(kind.name for kind in KINDS)
BY_MARK: dict[str, NoteKind] = {kind.mark: kind for kind in KINDS if kind.mark}
LISTED: tuple[NoteKind, ...] = tuple(kind for kind in KINDS if kind.heading)

_BY_NAME = {kind.name: kind for kind in KINDS}


def kind_of(name: str) -> NoteKind:
    """The row of a kind; a name no row has (an old cache, a newer file) reads as a plain note."""
    return _BY_NAME.get(name, _BY_NAME[NOTE])
