"""The themes report from the index's aggregate query: breadth in people, pains apart from ideas, quotes.

Golden files (tests/core/golden/themes.*): the report over the eight demo
interviews plus one session of text that must stay literal in Markdown and
inert in a spreadsheet. Regenerate after an intended change with
`UPDATE_GOLDEN=1 pytest tests/store/test_themes_report.py`, then read the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest
from sample_sessions import SAMPLE_GUIDE

from tui.core.themes_report import JSON_FORMAT, render, render_csv, render_markdown
from tui.core.session import Note, Participant, Session
from tui.demo import fill_store
from tui.store import Store

GOLDEN = Path(__file__).parents[1] / "core" / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def add(
    store: Store, *typed: str, who: str = "", company: str = "", day: str = "2025-03-01", guide: str = "g",
    bumps: tuple[str, ...] = (), follow_up_of: str | None = None, sid: str | None = None,
) -> Session:
    """Save a session of these typed notes."""
    session = Session(
        guide=SAMPLE_GUIDE._replace(name=guide),
        participant=Participant(name=who, company=company),
        started_at=f"{day}T10:00:00+00:00",
        follow_up_of=follow_up_of,
    )
    if sid:
        session.id = sid
    for number, text in enumerate(typed):
        session.add_note(Note.from_typed(text, question=0, elapsed=float(number)))
    for theme in bumps:
        session.bump_theme(theme, 0, 1.0)
    store.create(session).close()
    return session


def test_themes_rank_by_breadth_not_by_mentions(store: Store) -> None:
    add(store, *["! It is slow #speed"] * 9, "! Hard to invite people #invites", who="A")  # one customer, nine times
    add(store, "Invites went to spam #invites", who="B")
    add(store, "+ Bulk invite #invites", who="C")
    report = store.theme_report()
    assert [(t.theme, t.participants, t.sessions, t.mentions) for t in report.themes] == [
        ("invites", 3, 3, 3), ("speed", 1, 1, 9),
    ]
    assert report.themes[0].share == 1.0


def test_a_re_interview_of_the_same_person_does_not_double_a_theme(store: Store) -> None:
    first = add(store, "! Exports break #exports", who="Ana Lima", company="Acme", day="2025-03-01")
    add(store, "! Still broken #exports", who="Ana Lima", company="Acme", day="2025-03-09")  # same name and company
    add(store, "! Renamed herself #exports", who="Ana L.", company="Acme", day="2025-03-10", follow_up_of=first.id)
    add(store, "! Permissions #roles", who="Bo", day="2025-03-02")
    add(store, "! Roles again #roles", who="Cy", day="2025-03-03")
    add(store, "! Nameless #roles", day="2025-03-04")  # a session without a name is a person of its own
    report = store.theme_report()
    assert [(t.theme, t.participants, t.sessions) for t in report.themes] == [("roles", 3, 3), ("exports", 1, 3)]


def test_pains_and_ideas_are_ranked_apart(store: Store) -> None:
    add(store, "! Slow export #exports", "+ Role templates #roles", who="A")
    add(store, "! Export timeout #exports", "+ Per-report sharing #roles", who="B")
    add(store, "! Roles confuse admins #roles", "+ Parquet #exports", who="C")
    report = store.theme_report()
    assert [(t.theme, t.pain_sessions) for t in report.problems] == [("exports", 2), ("roles", 1)]
    assert [(t.theme, t.idea_sessions) for t in report.ideas] == [("roles", 2), ("exports", 1)]


def test_quotes_come_from_different_people_and_say_who(store: Store) -> None:
    add(store, '"First words" #t', '"More words" #t', '"Even more" #t', who="Ana Lima")
    add(store, "! Only a pain note #t", who="Bo", day="2025-03-05")
    add(store, '"Own words" #t', day="2025-03-07")
    quotes = store.theme_report().themes[0].quotes
    assert [(q.text, q.participant) for q in quotes] == [
        ("Own words #t", ""),  # quotes first, the newest first among equals
        ("First words #t", "Ana Lima"),
        ("Only a pain note #t", "Bo"),  # a third voice before Ana's second quote
    ]
    assert quotes[0].who == "anonymous"


def test_one_key_bumps_count_as_mentions_without_a_quote(store: Store) -> None:
    add(store, "! Export fails #exports", bumps=("exports", "pricing"), who="A")
    rows = {t.theme: t for t in store.theme_report().themes}
    assert (rows["exports"].mentions, rows["pricing"].mentions, rows["pricing"].quotes) == (2, 1, ())


def test_the_sessions_per_theme_beside_one_leave_it_out_and_count_a_bump(store: Store) -> None:
    me = add(store, "! Export fails #exports #pricing", who="Me")
    add(store, "#exports", "#exports", who="A")
    other = add(store, "Fine", bumps=("pricing",), who="B", day="2025-03-02")
    path = store.find(other.id)
    assert path is not None
    path.with_name("0000-" + path.name).write_bytes(path.read_bytes())  # a second file of B's session: counted once
    assert store.sessions_per_theme(besides=me.id) == {"exports": 1, "pricing": 1}
    assert store.sessions_per_theme(besides="nobody") == {"exports": 2, "pricing": 2}


def test_first_and_last_seen_and_dates_of_the_report(store: Store) -> None:
    add(store, "#t", day="2025-03-09", who="A")
    add(store, "#t", day="2025-01-02", who="B")
    add(store, "#u", day="2025-02-01", who="C")
    report = store.theme_report()
    row = next(t for t in report.themes if t.theme == "t")
    assert (row.first_seen, row.last_seen) == ("2025-01-02", "2025-03-09")
    assert (report.first_date, report.last_date, report.sessions) == ("2025-01-02", "2025-03-09", 3)


def test_filters_by_guide_in_any_case_and_by_date(store: Store) -> None:
    add(store, "#a", guide="Switching", day="2025-01-31", who="A")
    add(store, "#b", guide="switching", day="2025-02-01", who="B")
    add(store, "#c", guide="impact", day="2025-02-02", who="C")
    assert {t.theme for t in store.theme_report(guide="SWITCHING").themes} == {"a", "b"}
    assert {t.theme for t in store.theme_report(since="2025-02-01").themes} == {"b", "c"}
    report = store.theme_report(guide="switching", since="2025-02-01")
    assert ({t.theme for t in report.themes}, report.sessions, report.guide) == ({"b"}, 1, "switching")
    assert store.guide_names() == ["Switching", "impact", "switching"]


def test_the_report_follows_edits_and_deletes_and_lists_one_file_per_id(store: Store) -> None:
    session = add(store, "! Old problem #old", who="A")
    assert [t.theme for t in store.theme_report().themes] == ["old"]
    with store.open_writer(session.id) as writer:
        writer.session.notes[0].retype("! New problem #new")
        writer.save_note(writer.session.notes[0])
    writer.wait_closed(10)
    assert [t.theme for t in store.theme_report().themes] == ["new"]
    (path,) = store.sessions_dir.iterdir()
    copy = path.with_name("2000-01-01-copy-" + path.name)
    copy.write_bytes(path.read_bytes())  # a second file with the same id: listed once
    report = store.theme_report()
    assert (report.sessions, report.themes[0].sessions) == (1, 1)
    store.delete(session.id)  # the newer file, the copy, goes to the trash
    assert [t.theme for t in store.theme_report().themes] == ["new"]  # the other file is listed now
    store.delete(session.id)
    assert store.theme_report().themes == ()


# --- golden files ---------------------------------------------------------------------------
@pytest.fixture
def golden(tmp_path: Path):
    """The demo interviews, dated before 2025-04-01, plus one session of awkward text."""
    store = fill_store(tmp_path / "golden-store", date(2025, 4, 1))
    add(
        store,
        '"It costs [bold]$40[/bold] | month, *really*" #pricing',
        '"=SUM(A1) shows up in the export" #exports',
        "+ 1. Fix the _export_ first #exports",
        who="Zoë <Admin>", company="Pipe|Co", day="2025-03-30", guide="customer-feedback",
        sid="00000000-0000-4000-8000-000000000009",
    )
    return store.theme_report()


@pytest.mark.parametrize("fmt, suffix", [("md", "md"), ("csv", "csv")])
def test_golden(golden, fmt: str, suffix: str) -> None:
    text = render(golden, fmt)
    path = GOLDEN / f"themes.{suffix}"
    if UPDATE:
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8")


def test_the_golden_markdown_keeps_user_text_literal(golden) -> None:
    text = render_markdown(golden)
    assert "\\[bold\\]\\$40\\[/bold\\] \\| month, \\*really\\*" in text
    assert "Zoë \\<Admin> (Pipe\\|Co)" in text
    assert "[bold]" not in text


def test_the_golden_csv_is_inert_in_a_spreadsheet_and_ranked_by_breadth(golden) -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(golden))))
    assert [int(r["participants"]) for r in rows] == sorted((int(r["participants"]) for r in rows), reverse=True)
    assert rows[0]["theme"] == "reporting"  # seven people; #exports is in more sessions but Ana said it twice
    cells = [cell for r in rows for cell in r.values()]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert "'=SUM(A1) shows up in the export #exports" in cells
    assert any(cell.startswith("Pain: ") for cell in cells)  # not a quote: its kind is said


def test_json_report_shape(golden) -> None:
    data = json.loads(render(golden, "json"))
    assert data["format"] == JSON_FORMAT and data["sessions"] == 9
    top = data["themes"][0]
    assert set(top) >= {"theme", "participants", "sessions", "share", "mentions", "pain", "ideas", "first_seen", "last_seen", "quotes"}
    assert all({"text", "participant", "date", "session_id"} <= set(q) for q in top["quotes"])
    assert data["problems"][0] == "exports" and data["ideas"][0] == "permissions"
