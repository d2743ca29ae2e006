"""Themes across interviews: breadth first, pains apart from ideas, quotes with who said them.

Golden files: the report over the eight demo interviews plus one session with
text that must stay literal in Markdown and inert in a spreadsheet.
Regenerate after an intended change with
`UPDATE_GOLDEN=1 pytest tests/core/test_analysis.py`, then read the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tui.core.analysis import (
    MAX_QUOTES,
    Example,
    SessionThemes,
    ThemeFacts,
    facts_from_json,
    facts_to_json,
    matches,
    search_terms,
    search_text,
    theme_facts,
)
from tui.core.followups import awaiting_follow_up
from tui.core.themes_report import (
    CSV_COLUMNS,
    JSON_FORMAT,
    analyse,
    parse_since,
    render,
    render_csv,
    render_markdown,
    select,
)
from tui.core.session import Note

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def note(typed: str, **changes) -> dict:
    """A note as the store keeps it, from what the interviewer typed."""
    data = Note.from_typed(typed, question=0, elapsed=0.0).to_dict()
    data.update(changes)
    return data


def session(
    sid: str, themes: dict[str, ThemeFacts], *, who: str | None = None, day: str = "2025-03-01", guide: str = "g"
) -> SessionThemes:
    return SessionThemes(sid, f"P {sid}" if who is None else who, "", day, guide, themes)


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


def test_facts_survive_json_and_a_damaged_cache_is_skipped() -> None:
    found = facts('"Quote" #a', "! Pain #a #b")
    assert facts_from_json(json.loads(json.dumps(facts_to_json(found)))) == found
    assert facts_from_json({"a": "nonsense", "b": [1, 0, 0, []]}) == {"b": ThemeFacts(1)}
    assert facts_from_json(None) == {}


def test_malformed_notes_do_not_break_the_facts() -> None:
    found = theme_facts([{"id": "x", "themes": "oops"}, {"id": "y", "themes": ["ok", 3], "text": None}])
    assert found == {"ok": ThemeFacts(1)}


def test_search_text_is_lowercase_notes_and_takeaways() -> None:
    text = search_text([note("Salesforce SYNC breaks"), {"id": "n"}], ["Weekly Exports are manual", 3])
    assert "salesforce sync breaks" in text and "weekly exports are manual" in text


# --- across sessions -------------------------------------------------------------------
def test_themes_rank_by_breadth_not_by_mentions() -> None:
    loud = facts(*["! It is slow #speed"] * 9)  # one customer, nine times
    report = analyse(
        [
            session("a", {**loud, **facts("! Hard to invite people #invites")}),
            session("b", facts("Invites went to spam #invites")),
            session("c", facts("+ Bulk invite #invites")),
        ]
    )
    assert [(t.theme, t.sessions, t.mentions) for t in report.themes] == [("invites", 3, 3), ("speed", 1, 9)]
    assert report.themes[0].share == 1.0


def test_pains_and_ideas_are_ranked_apart() -> None:
    report = analyse(
        [
            session("a", facts("! Slow export #exports", "+ Role templates #roles")),
            session("b", facts("! Export timeout #exports", "+ Per-report sharing #roles")),
            session("c", facts("! Roles confuse admins #roles", "+ Parquet #exports")),
        ]
    )
    assert [(t.theme, t.pain_sessions) for t in report.problems] == [("exports", 2), ("roles", 1)]
    assert [(t.theme, t.idea_sessions) for t in report.ideas] == [("roles", 2), ("exports", 1)]


def test_quotes_come_from_different_people_and_say_who() -> None:
    report = analyse(
        [
            session("a", facts('"First words" #t', '"More words" #t', '"Even more" #t'), who="Ana Lima"),
            session("b", facts("! Only a pain note #t"), who="Bo", day="2025-03-05"),
            session("c", facts('"Own words" #t'), who="", day="2025-03-07"),
        ]
    )
    quotes = report.themes[0].quotes
    assert [(q.text, q.participant) for q in quotes] == [
        ("Own words #t", ""),  # quotes first, the newest first among equals
        ("First words #t", "Ana Lima"),
        ("Only a pain note #t", "Bo"),  # a third voice before Ana's second quote
    ]
    assert quotes[0].who == "anonymous"


def test_first_and_last_seen_and_dates_of_the_report() -> None:
    report = analyse(
        [
            session("a", facts("#t"), day="2025-03-09"),
            session("b", facts("#t"), day="2025-01-02"),
            session("c", facts("#u"), day="2025-02-01"),
        ]
    )
    row = next(t for t in report.themes if t.theme == "t")
    assert (row.first_seen, row.last_seen) == ("2025-01-02", "2025-03-09")
    assert (report.first_date, report.last_date, report.sessions) == ("2025-01-02", "2025-03-09", 3)


def test_select_by_guide_and_date() -> None:
    sessions = [
        session("a", {}, guide="Switching", day="2025-01-31"),
        session("b", {}, guide="switching", day="2025-02-01"),
        session("c", {}, guide="impact", day="2025-02-02"),
    ]
    assert [s.session_id for s in select(sessions, guide="SWITCHING")] == ["a", "b"]
    assert [s.session_id for s in select(sessions, since="2025-02-01")] == ["b", "c"]
    assert [s.session_id for s in select(sessions, guide="switching", since="2025-02-01")] == ["b"]


@pytest.mark.parametrize("bad", ["yesterday", "2025-13-01", "01/02/2025", ""])
def test_parse_since_explains_a_bad_date(bad: str) -> None:
    with pytest.raises(ValueError, match="like 2025-03-01"):
        parse_since(bad)
    assert parse_since(" 2025-03-01 ") == "2025-03-01"


def test_an_empty_report_renders_in_every_format() -> None:
    report = analyse([])
    assert "No themes tagged" in render(report, "md")
    assert render(report, "csv").splitlines() == [",".join(CSV_COLUMNS)]
    assert json.loads(render(report, "json"))["themes"] == []


# --- follow-ups and history search ---------------------------------------------------------
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


def test_every_search_term_must_match_somewhere() -> None:
    terms = search_terms("  Ana  #Exports ")
    assert terms == ("ana", "#exports")
    assert matches(terms, "ana lima acme", "the #exports fail")
    assert not matches(terms, "ana lima acme", "nothing here")
    assert matches((), "anything")


# --- golden files ---------------------------------------------------------------------------
def golden_report():
    """The demo interviews, dated before 2025-04-01, plus one session of awkward text."""
    from tui.demo import demo_sessions

    inputs = [
        SessionThemes(
            s.id,
            s.participant.name,
            s.participant.company,
            s.date,
            s.guide_name,
            theme_facts([n.to_dict() for n in s.notes], [b.theme for b in s.theme_bumps]),
        )
        for s in demo_sessions(today=date(2025, 4, 1))
    ]
    awkward = theme_facts(
        [
            note('"It costs [bold]$40[/bold] | month, *really*" #pricing'),
            note('"=SUM(A1) shows up in the export" #exports'),
            note("+ 1. Fix the _export_ first #exports"),
        ]
    )
    inputs.append(SessionThemes("00000000-0000-4000-8000-000000000009", "Zoë <Admin>", "Pipe|Co", "2025-03-30", "customer-feedback", awkward))
    return analyse(inputs)


@pytest.mark.parametrize("fmt, suffix", [("md", "md"), ("csv", "csv")])
def test_golden(fmt: str, suffix: str) -> None:
    text = render(golden_report(), fmt)
    path = GOLDEN / f"themes.{suffix}"
    if UPDATE:
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8")


def test_the_golden_markdown_keeps_user_text_literal() -> None:
    text = render_markdown(golden_report())
    assert "\\[bold\\]\\$40\\[/bold\\] \\| month, \\*really\\*" in text
    assert "Zoë \\<Admin> (Pipe\\|Co)" in text
    assert "[bold]" not in text


def test_the_golden_markdown_renders_user_text_literally() -> None:
    """The report's one escaper is the session export's: through a CommonMark parser the text comes back as typed."""
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").enable(["table"]).render(render_markdown(golden_report()))
    assert "Zoë &lt;Admin&gt; (Pipe|Co)" in html
    assert "It costs [bold]$40[/bold] | month, *really* #pricing" in html
    assert "<em>" not in html and "<strong>#" in html


def test_the_golden_csv_is_inert_in_a_spreadsheet_and_ranked_by_breadth() -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(golden_report()))))
    assert [int(r["sessions"]) for r in rows] == sorted((int(r["sessions"]) for r in rows), reverse=True)
    assert rows[0]["theme"] == "exports"
    cells = [cell for r in rows for cell in r.values()]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert "'=SUM(A1) shows up in the export #exports" in cells
    assert any(cell.startswith("Pain: ") for cell in cells)  # not a quote: its kind is said


def test_json_report_shape() -> None:
    data = json.loads(render(golden_report(), "json"))
    assert data["format"] == JSON_FORMAT and data["sessions"] == 9
    top = data["themes"][0]
    assert set(top) >= {"theme", "sessions", "share", "mentions", "pain", "ideas", "first_seen", "last_seen", "quotes"}
    assert all({"text", "participant", "date", "session_id"} <= set(q) for q in top["quotes"])
    assert data["problems"][0] == "exports" and data["ideas"][0] == "permissions"


def test_example_preference_order() -> None:
    order = [Example("", "quote", True), Example("", "quote"), Example("", "note", True), Example("", "pain"), Example("", "note")]
    assert [e.preference for e in order] == [0, 1, 2, 3, 4]
