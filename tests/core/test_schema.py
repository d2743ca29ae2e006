"""The one schema: every field of a session is checked as it is read; what passes can be shown and exported."""

from __future__ import annotations

import copy
import json
import math

import pytest
from sample_sessions import make_session

from tui.core.export import render
from tui.core.schema import MAX_TEXT, SchemaError, check_field, check_items, check_note, session_from_dict
from tui.core.session import Note, QuestionRecord, Session


@pytest.fixture
def data() -> dict:
    return json.loads(render(make_session(5, seed=31), "json"))


def test_a_session_round_trips_exactly(data: dict) -> None:
    session = make_session(5, seed=31)
    assert session_from_dict(data).to_dict() == session.to_dict()
    assert Session.from_dict(data).to_dict() == session.to_dict()
    assert Note.from_dict(data["notes"][0]) == session.notes[0]
    assert QuestionRecord.from_dict(data["questions"][0]) == session.questions[0]


def at(path: str):
    """A setter for `a.b[0].c` in the export's JSON."""
    parts = path.replace("]", "").replace("[", ".").split(".")

    def set_to(data: dict, value: object) -> None:
        target = data
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        last = parts[-1]
        target[int(last) if last.isdigit() else last] = value

    return set_to


WRONG = [
    ("id", 7), ("id", ""), ("schema_version", "1"), ("participant.name", 5), ("participant.company", ["x"]),
    ("interviewers", "Sam"), ("interviewers[0]", None), ("goal", {}), ("consent_to_record", "no"),
    ("follow_up_ok", "yes"), ("follow_up_ok", 1), ("status", "running"), ("started_at", 20250101),
    ("ended_at", 3), ("elapsed", "long"), ("elapsed", -1), ("elapsed", 1e12), ("current_question", 99),
    ("current_question", 1.5), ("questions[0].asked_at", "soon"), ("questions[0].time_spent", True),
    ("questions[0].star.task", "yes"), ("questions[0].skipped", 0), ("silences", {}),
    ("takeaways", "one"), ("takeaways[0]", 3), ("draft", "text"), ("draft.text", 3), ("draft.question", -1),
    ("draft.began", "now"), ("follow_up_of", 12), ("guide", []), ("guide.title", 3), ("guide.themes", "a"),
    ("guide.duration_minutes", 0), ("guide.silence.hold_seconds", 0), ("guide.sections", {}),
    ("guide.sections[0].title", None), ("guide.sections[0].minutes", 2.5), ("guide.sections[0].questions", "q"),
    ("guide.sections[0].questions[0].text", 1), ("guide.sections[0].questions[0].probes", [1]),
    ("guide.sections[0].questions[0].star", "on"), ("notes", {}), ("notes[0].id", None), ("notes[0].question", -1),
    ("notes[0].question", 500), ("notes[0].elapsed", "x"), ("notes[0].text", None), ("notes[0].kind", "rant"),
    ("notes[0].themes", "a"), ("notes[0].themes[0]", 1), ("notes[0].star", "X"), ("notes[0].starred", "yes"),
    ("notes[0].created_at", 1), ("notes[0].text", "x" * (MAX_TEXT + 1)), ("takeaways[0]", "x" * (MAX_TEXT + 1)),
    ("notes[0].elapsed", math.nan), ("elapsed", math.inf),
]


@pytest.mark.parametrize(("field", "value"), WRONG, ids=[f"{f}={str(v)[:12]}" for f, v in WRONG])
def test_every_field_with_a_wrong_value_is_refused_naming_it(data: dict, field: str, value: object) -> None:
    at(field)(data, value)
    with pytest.raises(SchemaError) as raised:
        session_from_dict(data)
    message = str(raised.value)
    assert "\n" not in message
    assert field.split(".")[0].split("[")[0] in message, message


def test_silences_and_bumps_are_checked_item_by_item(data: dict) -> None:
    for field, item in (
        ("silences", {"question": 0, "started": 1, "seconds": 2, "ended_by": "magic"}),
        ("theme_bumps", {"theme": 3, "question": 0, "elapsed": 1}),
        ("theme_bumps", {"theme": "t", "question": 99, "elapsed": 1}),
    ):
        broken = copy.deepcopy(data)
        broken[field].append(item)
        with pytest.raises(SchemaError, match=field):
            session_from_dict(broken)


def test_cross_field_rules(data: dict) -> None:
    twice = copy.deepcopy(data)
    twice["notes"].append(twice["notes"][0])
    with pytest.raises(SchemaError, match="same id"):
        session_from_dict(twice)
    empty = copy.deepcopy(data)
    empty["guide"]["sections"] = []
    with pytest.raises(SchemaError, match="no questions"):
        session_from_dict(empty)
    many = copy.deepcopy(data)
    many["questions"] = many["questions"] * 3
    with pytest.raises(SchemaError, match="records for a guide"):
        session_from_dict(many)


def test_unknown_fields_are_ignored_and_a_null_name_reads_as_anonymous(data: dict) -> None:
    data["mood"] = "new in a later version"
    data["notes"][0]["sentiment"] = 0.4
    data["participant"]["name"] = None
    session = session_from_dict(data)
    assert session.participant.name == "" and session.notes[0].id == data["notes"][0]["id"]


def test_the_writer_checks_use_the_same_schema() -> None:
    check_field("elapsed", 12.5)
    check_field("a field this version does not know", object())
    with pytest.raises(SchemaError, match="draft"):
        check_field("draft", {"text": 5})
    check_items("theme_bumps", [{"theme": "t", "question": 0, "elapsed": 1.0}])
    with pytest.raises(SchemaError, match="silences"):
        check_items("silences", [{"question": 0}])
    with pytest.raises(SchemaError, match="text"):
        check_note({"id": "n", "text": "x" * (MAX_TEXT + 1)})
