"""Loading guide files into the Guide model: values, defaults and normalising."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.guide import Guide, GuideError, Silence, parse_guide
from tui.catalog import load_guide
from tui.errors import UsageError

DATA = Path(__file__).parent / "data" / "guides"


def test_minimal_guide_gets_defaults() -> None:
    guide = load_guide(DATA / "minimal.toml")

    assert guide.name == "minimal"
    assert guide.title == "Minimal"
    assert guide.duration_minutes is None
    assert guide.themes == ()
    assert guide.silence == Silence()
    assert guide.source == "path"
    assert guide.path == str((DATA / "minimal.toml").absolute())
    (question,) = guide.sections[0].questions
    assert question.probes == () and question.star is True
    assert guide.planned_minutes is None


def test_full_guide_is_read_and_normalised() -> None:
    guide = load_guide(DATA / "full.toml", source="user")

    assert guide.title == "Full guide"
    assert guide.goal == "Exercise every key."
    assert guide.duration_minutes == 30
    assert guide.themes == ("onboarding", "multi-word", "time-saved", "support")
    assert guide.silence == Silence(2.5, 6.0)
    assert isinstance(guide.silence.prompt_seconds, float)
    assert [s.title for s in guide.sections] == ["Context", "Stories"]
    assert [s.minutes for s in guide.sections] == [5, 20]
    assert [q.question.star for q in guide.questions] == [False, True, True]
    assert guide.questions[1].question.probes == ("What happened next?", "How did it end?")
    assert guide.source == "user"
    assert guide.planned_minutes == 30


def test_snapshot_round_trip_keeps_the_guide() -> None:
    guide = load_guide(DATA / "full.toml")

    again = Guide.from_dict(guide.to_dict())

    assert again.to_dict() == guide.to_dict()


def test_parse_guide_names_and_labels() -> None:
    data = (DATA / "minimal.toml").read_bytes()

    guide = parse_guide(data, "somewhere/interview.toml", source="bundled", path="/x")
    named = parse_guide(data, "x.toml", name="chosen")

    assert (guide.name, guide.source, guide.path) == ("interview", "bundled", "/x")
    assert named.name == "chosen"


def test_utf8_bom_and_crlf_are_accepted() -> None:
    text = (DATA / "minimal.toml").read_text().replace("\n", "\r\n")

    guide = parse_guide(b"\xef\xbb\xbf" + text.encode(), "bom.toml")

    assert guide.title == "Minimal"


def test_non_ascii_text_is_kept() -> None:
    data = (
        'title = "Entretien café"\ngoal = "Comprendre l\'équipe"\n'
        '[[sections]]\ntitle = "Équipe"\n[[sections.questions]]\ntext = "Racontez-moi…"\n'
    ).encode()

    guide = parse_guide(data, "fr.toml")

    assert guide.sections[0].questions[0].text == "Racontez-moi…"


def test_every_problem_is_reported_at_once() -> None:
    data = b'title = ""\ngoal = 3\n[[sections]]\ntitle = "A"\nquestions = []\n'

    with pytest.raises(GuideError) as caught:
        parse_guide(data, "g.toml")

    assert caught.value.problems == [
        "g.toml: title: must be a non-empty string",
        "g.toml: goal: must be a non-empty string, not integer 3",
        "g.toml: sections[0].questions: must have at least one question",
    ]
    assert str(caught.value) == "\n".join(caught.value.problems)


def test_guide_error_is_a_usage_error() -> None:
    """So the CLI shows it as the user's to fix, never as a traceback."""
    assert issubclass(GuideError, UsageError)


@pytest.mark.parametrize(
    ("value", "shown"),
    [("1.5", "float 1.5"), ('"5"', 'string "5"'), ("[5]", "an array"), ("{a = 1}", "a table"),
     ("1979-05-27", "a date/time"), ("false", "boolean false")],
)
def test_wrong_types_are_named(value: str, shown: str) -> None:
    data = f'title = "T"\ngoal = "G"\nduration_minutes = {value}\n'.encode()
    data += b'[[sections]]\ntitle = "S"\n[[sections.questions]]\ntext = "Q?"\n'

    with pytest.raises(GuideError) as caught:
        parse_guide(data, "g.toml")

    assert caught.value.problems == [f"g.toml: duration_minutes: must be a whole number of minutes, not {shown}"]


def test_long_strings_are_shortened_in_messages() -> None:
    long = "x" * 100
    data = f'title = "T"\ngoal = "G"\nduration_minutes = "{long}"\n'.encode()
    data += b'[[sections]]\ntitle = "S"\n[[sections.questions]]\ntext = "Q?"\n'

    with pytest.raises(GuideError) as caught:
        parse_guide(data, "g.toml")

    (problem,) = caught.value.problems
    assert problem.endswith('not string "' + "x" * 39 + '…"')


def test_silence_must_be_positive_and_finite() -> None:
    data = b'title = "T"\ngoal = "G"\n[silence]\nhold_seconds = -1\nprompt_seconds = inf\n'
    data += b'[[sections]]\ntitle = "S"\n[[sections.questions]]\ntext = "Q?"\n'

    with pytest.raises(GuideError) as caught:
        parse_guide(data, "g.toml")

    assert caught.value.problems == [
        "g.toml: silence.hold_seconds: must be greater than 0, not -1",
        "g.toml: silence.prompt_seconds: must be greater than 0, not inf",
    ]


def test_too_large_a_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"# " + b"x" * (1024 * 1024) + b"\n")

    with pytest.raises(GuideError) as caught:
        load_guide(big)

    assert caught.value.problems == [f"{big}: too large for a guide (over 1 MiB)"]
