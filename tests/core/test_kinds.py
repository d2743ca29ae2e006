"""The note kinds table: every row parses, shows, lists and exports, so a new row is tested here too."""

from __future__ import annotations

import pytest

from tui.core.export import render
from tui.core.guide import Guide, Question, Section
from tui.core.kinds import KIND_NAMES, KINDS, LISTED, NOTE, kind_of
from tui.core.schema import note_from_dict
from tui.core.session import Note, Session
from tui.core.shorthand import SHORTHAND_HINT, STAR_MARKER, parse_shorthand

GUIDE = Guide(name="k", title="Kinds", goal="", sections=(Section("Only", (Question("Tell me about it."),)),))
MARKED = [kind for kind in KINDS if kind.mark]


def test_names_and_marks_are_unique_and_marks_are_not_other_shorthand() -> None:
    assert len(set(KIND_NAMES)) == len(KINDS)
    marks = [kind.mark for kind in MARKED]
    assert len(set(marks)) == len(marks)
    assert all(len(mark) == 1 and mark not in (STAR_MARKER, "#") and not mark.isalnum() for mark in marks)
    assert [kind.name for kind in KINDS if not kind.mark] == [NOTE]  # only the plain note has no mark


@pytest.mark.parametrize("kind", MARKED, ids=lambda kind: kind.name)
def test_each_mark_gives_its_kind_and_the_note_reads_back_as_typed(kind) -> None:
    note = Note.from_typed(f"*{kind.mark} S: what they said #theme", question=0, elapsed=1.0)
    assert (note.kind, note.starred, note.star, note.themes) == (kind.name, True, "S", ["theme"])
    assert parse_shorthand(note.as_typed()).kind == kind.name
    assert note_from_dict(note.to_dict()).kind == kind.name  # the schema reads every kind
    assert f"{kind.mark} {kind.hint}" in SHORTHAND_HINT


def test_an_unknown_kind_shows_as_a_plain_note() -> None:
    assert kind_of("no-such-kind") is kind_of(NOTE)


@pytest.mark.parametrize("kind", LISTED, ids=lambda kind: kind.name)
def test_each_listed_kind_has_its_list_in_the_exports(kind) -> None:
    session = Session(guide=GUIDE)
    session.add_note(Note.from_typed(f"{kind.mark} the one note", question=0, elapsed=5.0))
    markdown, text = render(session, "md"), render(session, "txt")
    assert f"## {kind.heading}\n" in markdown and f"\n{kind.heading.upper()}\n" in text
    assert f"**{kind.label}:** the one note" in markdown  # by question, with its label
