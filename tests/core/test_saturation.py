"""Saturation after Guest, Namey & Chen (2020): base, run and new-information threshold."""

from __future__ import annotations

import json

import pytest

from tui.core.saturation import Interview, Rule, added_line, held_order, saturation, themes_before
from tui.core.saturation_report import render


def interview(n: int, themes: str, *, who: str | None = None, company: str = "", follow_up_of: str | None = None) -> Interview:
    return Interview(
        session_id=f"s{n:02d}",
        date=f"2026-01-{n:02d}",
        started_at=f"2026-01-{n:02d}T10:00:00",
        participant=f"P{n}" if who is None else who,
        company=company,
        themes=frozenset(themes.split()),
        follow_up_of=follow_up_of,
    )


def test_each_step_lists_the_new_themes_and_the_running_total() -> None:
    result = saturation([interview(2, "b c"), interview(1, "a b"), interview(3, "c")])
    assert [(s.session_id, s.new_themes, s.cumulative) for s in result.steps] == [
        ("s01", ("a", "b"), 2),
        ("s02", ("c",), 3),
        ("s03", (), 3),
    ]


def test_too_few_interviews_say_how_many_more_are_needed() -> None:
    result = saturation([interview(n, "a") for n in range(1, 5)])
    assert not result.saturated and result.ratio is None
    assert "2 more" in result.verdict()


def test_a_run_adding_nothing_new_is_saturated() -> None:
    sessions = [interview(1, "a b c"), interview(2, "d e"), interview(3, "f"), interview(4, "g h"),
                interview(5, "a"), interview(6, "b h")]
    result = saturation(sessions)
    assert result.saturated and result.run_new == 0 and result.base_themes == 8
    assert result.reached_at == 6
    assert result.verdict().startswith("The last 2 interviews added 0 new themes, 0% of 8: saturation reached")


def test_the_threshold_is_a_share_of_the_themes_before_the_run() -> None:
    base = [interview(n, " ".join(f"t{n}{k}" for k in range(5))) for n in range(1, 5)]  # 20 themes
    one_new = base + [interview(5, "t10"), interview(6, "new")]
    assert saturation(one_new).saturated  # 1/20 = 5 %
    two_new = base + [interview(5, "x"), interview(6, "y")]
    result = saturation(two_new)
    assert not result.saturated and result.ratio == pytest.approx(0.1)
    assert "not saturated yet" in result.verdict()
    assert saturation(two_new, Rule(threshold=0.1)).saturated


def test_a_re_interview_of_the_same_person_is_not_a_new_voice() -> None:
    sessions = [interview(1, "a", who="Ana Lima", company="Acme"), interview(2, "b", who="ana  lima", company="acme"),
                interview(3, "c", who="Ben")]
    steps = saturation(sessions).steps
    assert [(s.participant, s.sessions, s.new_themes) for s in steps] == [("Ana Lima", 2, ("a", "b")), ("Ben", 1, ("c",))]


def test_a_follow_up_belongs_to_the_person_of_its_first_session() -> None:
    sessions = [interview(1, "a", who="Dana"), interview(2, "b", who="Dana Lee", follow_up_of="s01"),
                interview(3, "c", who="", follow_up_of="s02"), interview(4, "d", who="")]
    steps = saturation(sessions).steps
    assert [(s.session_id, s.sessions) for s in steps] == [("s01", 3), ("s04", 1)]


def test_a_follow_up_cycle_in_imported_data_does_not_hang() -> None:
    sessions = [interview(1, "a", follow_up_of="s02"), interview(2, "b", follow_up_of="s01")]
    assert len(saturation(sessions).steps) == 1


@pytest.mark.parametrize("rule", [dict(base=0), dict(run=0), dict(threshold=1.5), dict(threshold=-0.1)])
def test_a_rule_that_cannot_work_is_refused(rule: dict) -> None:
    with pytest.raises(ValueError):
        Rule(**rule)


def test_themes_before_an_interview_are_those_of_the_interviews_held_earlier() -> None:
    sessions = [interview(1, "a b"), interview(3, "d"), interview(2, "c"), interview(4, "e")]
    themes, count = themes_before(sessions, held_order("2026-01-03", "2026-01-03T10:00:00", "s03"))
    assert (themes, count) == (frozenset("abc"), 2)


def test_the_review_line_names_the_new_themes_relative_to_the_earlier_interviews() -> None:
    assert added_line(["a", "x", "y"], frozenset("ab"), 3) == (
        "This interview added 2 new themes to the 3 earlier interviews on this guide: #x #y"
    )
    assert added_line(["a"], frozenset("ab"), 1) == "This interview added no new theme: all 1 came up in the 1 earlier interview on this guide."
    assert added_line(["a", "b"], frozenset(), 0) == "The first interview on this guide: all 2 of its themes are new."
    assert added_line([], frozenset("a"), 2) == "No themes tagged in this interview."


def test_json_lists_each_person_in_date_order_with_the_rule() -> None:
    result = saturation([interview(2, "b c"), interview(1, "a b"), interview(3, "c")], Rule(base=1, run=1))
    data = json.loads(render(result, "json", guide="switching"))
    assert {k: data[k] for k in ("saturated", "base", "run", "threshold", "guide")} == {
        "saturated": True, "base": 1, "run": 1, "threshold": 0.05, "guide": "switching",
    }
    assert [(i["session"], i["date"], i["new_themes"], i["cumulative"]) for i in data["interviews"]] == [
        ("s01", "2026-01-01", ["a", "b"], 2), ("s02", "2026-01-02", ["c"], 3), ("s03", "2026-01-03", [], 3),
    ]


def test_markdown_gives_the_verdict_and_cautions_when_guides_are_mixed() -> None:
    result = saturation([interview(n, "a") for n in range(1, 4)])
    out = render(result, "md", guides=2)
    assert "**3 participants so far; the rule needs at least 6 (4 + 2): 3 more before it can say.**" in out
    assert "used 2 guides" in out
    assert "used 2 guides" not in render(result, "md", guide="switching", guides=2)
    assert "| 1 | 2026-01-01 | P1 | 1 | #a | 1 |" in out
