"""Exports: golden files of a realistic session, round trips and anonymising.

Regenerate the golden files after an intended change with
`UPDATE_GOLDEN=1 pytest tests/core/test_export.py`, then read the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

from tui.core.anonymize import anonymized, participant_code
from tui.core.export import JSON_FORMAT, render
from tui.core.formats import SESSION_FORMATS
from tui.core.export_csv import CSV_COLUMNS, csv_rows, render_csv
from tui.core.guide import Guide, Question, Section
from tui.core.session import (
    Draft,
    Note,
    Participant,
    QuestionRecord,
    Session,
    SilenceWait,
    ThemeBump,
)

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

GUIDE = Guide(
    name="onboarding",
    title="Onboarding friction",
    goal="Learn where new teams get stuck in their first week.",
    duration_minutes=45,
    themes=("onboarding", "pricing", "billing"),
    sections=(
        Section("Warm-up", (Question("Tell me about your role and your team."),), minutes=5),
        Section(
            "First week",
            (
                Question("Walk me through the last time you onboarded a customer.", ("Who else?",)),
                Question("What happened when something went wrong?"),
            ),
            minutes=25,
        ),
        Section(
            "Wrap-up",
            (
                Question("If you could change one thing, what would it be?"),
                Question("Is there anything I should have asked but did not?", star=False),
            ),
            minutes=10,
        ),
    ),
)

NAME = "Dana Reyes"


def note(n: int, question: int, elapsed: float, text: str, **kw) -> Note:
    return Note(
        question=question,
        elapsed=elapsed,
        text=text,
        id=f"note-{n:02d}",
        created_at=f"2024-05-02T14:{3 + int(elapsed) // 60:02d}:00+02:00",
        **kw,
    )


def make_session() -> Session:
    star = lambda s, t, a, r: {"situation": s, "task": t, "action": a, "result": r}  # noqa: E731
    return Session(
        id="6f1c2a9e-0000-4000-8000-000000000001",
        guide=GUIDE,
        participant=Participant(NAME, "Operations lead", "Acme Freight", "mid-market"),
        interviewers=["Sam Ortiz"],
        consent_to_record=True,
        follow_up_ok=True,
        status="completed",
        started_at="2024-05-02T14:03:00+02:00",
        ended_at="2024-05-02T14:45:10+02:00",
        elapsed=2530.4,
        current_question=3,
        questions=[
            QuestionRecord(asked_at=0.0, time_spent=300.0, star=star(True, False, False, False)),
            QuestionRecord(asked_at=300.0, time_spent=1200.0, star=star(True, True, True, False)),
            QuestionRecord(asked_at=1500.0, time_spent=900.0),
            QuestionRecord(asked_at=2400.0, time_spent=20.0, skipped=True),
            QuestionRecord(),
        ],
        notes=[
            note(1, 0, 45.2, "Runs dispatch for 40 trucks, team of 6 #ops", themes=["ops"]),
            note(2, 0, 130.0, "Dana said the old tool was 'fine' | not great", kind="quote"),
            note(3, 1, 312.5, "Peak season, two new hires at once", star="S"),
            note(4, 1, 401.0, "Took 3 weeks to get the first invoice out #onboarding #billing",
                 kind="pain", starred=True, themes=["onboarding", "billing"]),
            note(5, 1, 455.9, "Honestly, onboarding felt like a maze — três semanas 😅",
                 kind="quote", themes=["onboarding"]),
            note(6, 1, 610.0, "Built a spreadsheet | shared it on Slack", star="A"),
            note(7, 1, 700.0, "Saw [bold]x[/] in the export preview, and *stars* `code` <b>"),
            note(8, 1, 820.0, "Import contacts from CSV #onboarding", kind="idea", themes=["onboarding"]),
            note(9, 2, 1530.0, "Send Dana the beta invite", kind="action"),
            note(10, 2, 1610.0, "What does 'approved' mean for finance? #pricing", kind="question",
                 themes=["pricing"]),
            note(11, 2, 1700.0, "=HYPERLINK(\"http://example.com\",\"x\") typed by mistake"),
            note(12, 2, 1790.0, "# not a heading, - not a list, 1. not numbered"),
            note(13, 2, 1850.0, "reyes's manager costs $5 and ~$10 == 50%% off", starred=True),
        ],
        silences=[SilenceWait(1, 420.0, 6.5, "typing")],
        theme_bumps=[ThemeBump("pricing", 2, 1620.0), ThemeBump("pricing", 2, 1640.0),
                     ThemeBump("onboarding", 1, 500.0)],
        takeaways=[
            "Invoicing is the slowest part of onboarding for Dana's team.",
            "- DANA wants a checklist on day one #onboarding",
            "2) Follow up with finance",
        ],
        draft=Draft(),
    )


def empty_session() -> Session:
    return Session(
        id="6f1c2a9e-0000-4000-8000-000000000002",
        guide=GUIDE,
        participant=Participant("Ana Lima"),
        started_at="2024-05-03T09:00:00+02:00",
    )


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{name} changed; rerun with UPDATE_GOLDEN=1 if intended"


# --- golden files ---------------------------------------------------------------
@pytest.mark.parametrize("fmt", SESSION_FORMATS)
def test_session_matches_golden(fmt: str) -> None:
    check_golden(f"session.{fmt}", render(make_session(), fmt))


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_empty_session_matches_golden(fmt: str) -> None:
    check_golden(f"empty.{fmt}", render(empty_session(), fmt))


def test_anonymized_markdown_matches_golden() -> None:
    check_golden("session.anonymized.md", render(make_session(), "md", anonymize=True))


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="md, txt, json, csv"):
        render(make_session(), "pdf")


# --- Markdown ---------------------------------------------------------------------
def test_markdown_keeps_user_text_from_changing_structure() -> None:
    md = render(make_session(), "md")
    assert r"\# not a heading, - not a list, 1. not numbered" in md
    assert "\n- 2\\) Follow up with finance\n" in md
    assert r"\[bold\]x\[/\]" in md and r"\*stars\* \`code\` \<b>" in md
    assert r"'fine' \| not great" in md
    assert r"\$5 and \~\$10 \== 50\%% off" in md
    assert "\n- \\- DANA wants a checklist on day one #onboarding\n" in md


def test_markdown_keeps_themes_as_tags() -> None:
    md = render(make_session(), "md")
    assert "| #onboarding | 4 |" in md and "| #pricing | 3 |" in md
    assert "to get the first invoice out #onboarding #billing" in md


def test_markdown_marks_star_coverage_skipped_and_unreached_questions() -> None:
    md = render(make_session(), "md")
    assert "STAR: S ✓ · T ✓ · A ✓ · R ✗" in md
    assert "#### Q4. If you could change one thing, what would it be?\n\n_Skipped._" in md
    assert "#### Q5. Is there anything I should have asked but did not?\n\n_Not reached._" in md


def test_markdown_has_no_raw_html() -> None:
    md = render(make_session(), "md")
    assert not re.search(r"(?<!\\)<[a-zA-Z/]", md)


def test_session_without_notes_says_so() -> None:
    md = render(empty_session(), "md")
    assert "_No notes were taken in this session._" in md
    assert md.count("_Not reached._") == 5
    assert "Key moments" not in md and "| Theme |" not in md


# --- JSON ---------------------------------------------------------------------------
def test_json_round_trips_through_session_from_dict() -> None:
    session = make_session()
    data = json.loads(render(session, "json"))
    assert data["format"] == JSON_FORMAT and data["format_version"] == 1
    assert Session.from_dict(data) == session


def test_json_holds_the_documented_fields() -> None:
    data = json.loads(render(make_session(), "json"))
    assert {"id", "participant", "guide", "notes"} <= data.keys()
    first = data["notes"][0]
    assert {"text", "kind", "themes", "elapsed", "question"} <= first.keys()
    assert "três semanas 😅" in render(make_session(), "json")  # not \\u-escaped


# --- CSV ----------------------------------------------------------------------------
def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_reads_back_with_the_same_texts() -> None:
    session = make_session()
    text = render(session, "csv")
    assert text.endswith("\r\n") and text.count("\r\n") >= len(session.notes) + 1
    rows = read_csv(text)
    assert tuple(rows[0]) == CSV_COLUMNS
    mentions = [r for r in rows if r["kind"] == "mention"]
    rows = [r for r in rows if r["kind"] != "mention"]
    assert [r["text"].removeprefix("'") for r in rows] == [n.text for n in session.notes]
    assert [(r["themes"], r["elapsed"], r["question_number"], r["text"]) for r in mentions] == [
        ("#pricing", "27:00", "3", ""), ("#pricing", "27:20", "3", ""), ("#onboarding", "08:20", "2", ""),
    ]
    assert rows[3]["themes"] == "#onboarding #billing"
    assert rows[3]["elapsed"] == "06:41" and rows[3]["elapsed_seconds"] == "401.0"
    assert rows[3]["starred"] == "yes" and rows[2]["star"] == "S"
    assert rows[8]["question"] == "What happened when something went wrong?"
    assert rows[8]["section"] == "First week" and rows[8]["question_number"] == "3"


def test_csv_defuses_formulas() -> None:
    rows = read_csv(render(make_session(), "csv"))
    assert rows[10]["text"].startswith("'=HYPERLINK(")
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())


def test_csv_rows_keep_raw_values_and_join_sessions() -> None:
    rows = csv_rows([make_session(), empty_session(), make_session()])
    session = make_session()
    assert len(rows) == 2 * (len(session.notes) + len(session.theme_bumps))
    assert rows[10]["text"].startswith("=HYPERLINK(")
    assert len(read_csv(render_csv([make_session(), make_session()]))) == len(rows)


# --- anonymising ------------------------------------------------------------------
def test_participant_code_is_stable_and_unambiguous() -> None:
    code = participant_code(make_session())
    assert code == participant_code(make_session())
    assert re.fullmatch(r"P-[2-9A-HJKMNP-TV-Z]{4}", code)
    assert code != participant_code(empty_session())


@pytest.mark.parametrize("fmt", SESSION_FORMATS)
def test_anonymized_exports_hold_no_trace_of_the_name(fmt: str) -> None:
    session = make_session()
    out = render(session, fmt, anonymize=True)
    assert not re.search(r"dana|reyes", out, re.IGNORECASE)
    assert participant_code(session) in out


def test_anonymized_replaces_name_parts_as_whole_words_only() -> None:
    session = make_session()
    session.participant.name = "Mary-Jane Watson"
    session.notes[0].text = "mary-jane and Mary said WATSON's plan; Watsonville and maryland stay"
    session.notes[0].themes = ["watson-feedback"]
    session.draft.text = "ask Jane"
    hidden = anonymized(session)
    code = participant_code(session)
    assert hidden.notes[0].text == f"{code} and {code} said {code}'s plan; Watsonville and maryland stay"
    assert hidden.notes[0].themes == [f"{code.lower()}-feedback"]
    assert hidden.draft.text == f"ask {code}"
    assert hidden.participant.name == code
    assert session.notes[0].text.startswith("mary-jane")  # the original is untouched


def test_markdown_renders_every_note_text_literally() -> None:
    """Through a real CommonMark parser, escaped text comes back exactly as typed."""
    markdown_it = pytest.importorskip("markdown_it")
    parser = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    html = parser.render(render(make_session(), "md"))
    for typed in [n.text for n in make_session().notes] + make_session().takeaways:
        escaped = typed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped.replace('"', "&quot;") in html, typed
    assert "<em>" not in html.replace("<em>Skipped.</em>", "").replace("<em>Not reached.</em>", "")
