"""Themes across interviews, the pure parts: one session's facts, ranking, quotes, rendering, follow-ups.

The report over a real store (the aggregate query, the golden files) is in
tests/store/test_themes_report.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from tui.core.analysis import MAX_QUOTES, Example, ThemeFacts, theme_facts
from tui.core.followups import awaiting_follow_up
from tui.core.themes_report import (
    CSV_COLUMNS,
    Quote,
    ThemeReport,
    ThemeRow,
    parse_since,
    pick_quotes,
    ranked,
    render,
)
from tui.core.session import Note


def note(typed: str, **changes) -> dict:
    """A note as the store keeps it, from what the interviewer typed."""
    data = Note.from_typed(typed, question=0, elapsed=0.0).to_dict()
    data.update(changes)
    return data


def facts(*typed: str, bumps: tuple[str, ...] = ()) -> dict[str, ThemeFacts]:
    return theme_facts([note(t) for t in typed], bumps)


# --- one session ---------------------------------------------------------------------
def test_theme_facts_count_mentions_pains_ideas_and_bumps() -> None:
    found = facts(
        "! Export fails at month end #exports",
        "+ Scheduled export #exports #integrations",
        "Uses exports weekly #exports",
        bumps=("exports", "pricing"),
    )
    assert found["exports"].mentions == 4  # three notes and a one-key bump
    assert (found["exports"].pain, found["exports"].ideas) == (1, 1)
    assert found["pricing"] == ThemeFacts(1)  # a bump has no text to quote
    assert list(found) == ["exports", "integrations", "pricing"]  # most mentioned first


def test_a_theme_typed_twice_in_one_note_is_one_mention() -> None:
    assert facts("#exports and again #Exports")["exports"].mentions == 1


def test_examples_prefer_own_words_then_key_moments_and_keep_three() -> None:
    found = facts(
        "Plain note #t",
        "! A pain #t",
        "*Starred note #t",
        '"Their words" #t',
        '*"Their key words" #t',
    )
    assert [e.text for e in found["t"].examples] == ["Their key words #t", "Their words #t", "Starred note #t"]
    assert len(found["t"].examples) == MAX_QUOTES


def test_malformed_notes_do_not_break_the_facts() -> None:
    found = theme_facts([{"id": "x", "themes": "oops"}, {"id": "y", "themes": ["ok", 3], "text": None}])
    assert found == {"ok": ThemeFacts(1)}


# --- across sessions -------------------------------------------------------------------
def row(theme: str, participants: int, sessions: int, mentions: int) -> ThemeRow:
    return ThemeRow(theme, participants, sessions, 0.0, mentions, 0, 0, 0, 0, "", "")


def test_themes_rank_by_people_then_sessions_then_mentions() -> None:
    rows = [row("loud", 1, 1, 9), row("b", 2, 3, 3), row("a", 2, 3, 3), row("wide", 3, 3, 3), row("twice", 2, 4, 4)]
    assert [r.theme for r in ranked(rows)] == ["wide", "twice", "a", "b", "loud"]


def quote(text: str, session_id: str) -> Quote:
    return Quote(text, "quote", f"P {session_id}", "", "2025-03-01", session_id)


def test_quotes_come_from_as_many_sessions_as_there_are_then_the_next_best() -> None:
    best_first = [quote("a1", "a"), quote("a2", "a"), quote("b1", "b"), quote("a3", "a"), quote("c1", "c")]
    assert [q.text for q in pick_quotes(best_first)] == ["a1", "b1", "c1"]
    assert [q.text for q in pick_quotes(best_first[:4])] == ["a1", "b1", "a2"]
    assert pick_quotes([]) == ()
    assert len(pick_quotes(best_first)) == MAX_QUOTES


@pytest.mark.parametrize("bad", ["yesterday", "2025-13-01", "01/02/2025", ""])
def test_parse_since_explains_a_bad_date(bad: str) -> None:
    with pytest.raises(ValueError, match="like 2025-03-01"):
        parse_since(bad)
    assert parse_since(" 2025-03-01 ") == "2025-03-01"


def test_an_empty_report_renders_in_every_format() -> None:
    report = ThemeReport(sessions=0, themes=())
    assert "No themes tagged" in render(report, "md")
    assert render(report, "csv").splitlines() == [",".join(CSV_COLUMNS)]
    assert json.loads(render(report, "json"))["themes"] == []


# --- follow-ups ---------------------------------------------------------
@dataclass
class Linked:
    id: str
    follow_up_ok: bool | None
    follow_up_of: str | None = None


def test_awaiting_follow_up_is_who_agreed_and_was_not_followed_up() -> None:
    sessions = [
        Linked("a", True),
        Linked("b", True),
        Linked("c", False),
        Linked("d", None),
        Linked("e", None, follow_up_of="b"),
    ]
    assert [s.id for s in awaiting_follow_up(sessions)] == ["a"]


def test_example_preference_order() -> None:
    order = [Example("", "quote", True), Example("", "quote"), Example("", "note", True), Example("", "pain"), Example("", "note")]
    assert [e.preference for e in order] == [0, 1, 2, 3, 4]
