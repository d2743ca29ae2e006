"""`interview saturation` over a real store: the demo's verdict, the JSON's shape, one-line errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tui.cli import main
from tui.demo import fill_store
from tui.store import Store

TODAY = date(2025, 4, 1)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def demo(root: Path) -> Store:
    return fill_store(root, TODAY)


def run(root: Path, *args: str) -> int:
    return main(["--store", str(root), "saturation", *args])


def test_json_holds_each_interview_in_date_order_and_the_rule(root: Path, demo: Store, capsys) -> None:
    assert run(root, "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["base"], data["run"], data["threshold"]) == (4, 2, 0.05)
    assert isinstance(data["saturated"], bool)
    steps = data["interviews"]
    assert [step["date"] for step in steps] == sorted(step["date"] for step in steps)
    assert all(set(step) >= {"session", "date", "new_themes", "cumulative"} for step in steps)
    assert steps[-1]["cumulative"] == len({t for step in steps for t in step["new_themes"]})
    sessions = {s.id for s in demo.summaries()}
    assert {step["session"] for step in steps} <= sessions
    assert len(steps) == 7 and sum(step["sessions"] for step in steps) == 8  # Ana Lima's follow-up is one person


def test_the_rule_is_configurable(root: Path, demo: Store, capsys) -> None:
    assert run(root, "--format", "json", "--base", "2", "--run", "3", "--threshold", "10%") == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["base"], data["run"], data["threshold"]) == (2, 3, 0.1)


def test_a_guide_with_too_few_interviews_says_how_many_more(root: Path, demo: Store, capsys) -> None:
    assert run(root, "--guide", "Switching") == 0
    out = capsys.readouterr().out
    assert "guide: Switching" in out
    assert "2 participants so far; the rule needs at least 6 (4 + 2): 4 more before it can say." in out


def test_all_guides_together_answer_with_a_caution(root: Path, demo: Store, capsys) -> None:
    assert run(root) == 0
    out = capsys.readouterr().out
    assert "saturation reached" in out and "used 4 guides" in out


def test_an_unknown_guide_is_one_line(root: Path, demo: Store, capsys) -> None:
    assert run(root, "--guide", "nope") == 2
    err = capsys.readouterr().err
    assert "no sessions use the guide 'nope'" in err and "Traceback" not in err


@pytest.mark.parametrize("args", [("--base", "0"), ("--run", "x"), ("--threshold", "150%"), ("--threshold", "lots")])
def test_a_rule_that_cannot_work_is_refused_in_one_line(root: Path, args: tuple[str, ...], capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        run(root, *args)
    assert stopped.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_an_empty_store_needs_interviews_first(root: Path, capsys) -> None:
    assert run(root, "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["saturated"] is False and data["interviews"] == []
    assert "0 participants so far" in data["verdict"]
