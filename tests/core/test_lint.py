"""The question checker measured on a labelled corpus it was not tuned on.

The corpus was committed, and split once into a development part and a held-out
part, before the rules were changed; the rules were tuned on the development
part only. `pytest tests/core/test_lint.py -s` prints both figures; the targets
are asserted on the held-out part.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from lint_corpus import DEVELOPMENT, HELD_OUT, Labelled, held_out_by_rule, read
from tui.core.lint import KINDS, lint_question

TARGETS = {"accuracy": 0.95, "precision": 0.95, "recall": 0.93}


@dataclass(frozen=True)
class Score:
    questions: int
    accuracy: float
    precision: float
    recall: float
    same_kinds: float  # labelled kinds found exactly

    def line(self, name: str) -> str:
        return (f"{name}: {self.questions} questions, accuracy {self.accuracy:.3f}, precision "
                f"{self.precision:.3f}, recall {self.recall:.3f}, same kinds {self.same_kinds:.3f}")


def score(rows: list[Labelled]) -> Score:
    """Flagged or not against the label; kinds are reported, not asserted."""
    results = [(row.kinds, lint_question(row.question)) for row in rows]
    true_pos = sum(bool(kinds) and r.flagged for kinds, r in results)
    false_pos = sum(not kinds and r.flagged for kinds, r in results)
    false_neg = sum(bool(kinds) and not r.flagged for kinds, r in results)
    right = len(rows) - false_pos - false_neg
    same = sum(kinds == set(r.kinds) for kinds, r in results)
    return Score(len(rows), right / len(rows), true_pos / max(true_pos + false_pos, 1),
                 true_pos / max(true_pos + false_neg, 1), same / len(rows))


def test_the_corpus_is_big_labelled_by_known_kinds_and_sourced() -> None:
    rows = read(DEVELOPMENT) + read(HELD_OUT)
    assert len(rows) >= 600
    assert len(read(HELD_OUT)) >= 200
    assert len({row.question for row in rows}) == len(rows), "a question is listed twice"
    assert set().union(*(row.kinds for row in rows)) == set(KINDS)
    assert all(row.source in ("own", "issue-13") or row.source.startswith(("http://", "https://")) for row in rows)
    published = sum(row.source.startswith("http") for row in rows)
    assert published >= 150, published
    flagged = sum(bool(row.kinds) for row in rows)
    assert abs(flagged - (len(rows) - flagged)) <= len(rows) * 0.1, "keep open and flagged questions balanced"


def test_the_split_is_the_fixed_hash_rule() -> None:
    """Nobody moved a question between the parts after the split."""
    assert not [row.question for row in read(DEVELOPMENT) if held_out_by_rule(row)]
    assert all(held_out_by_rule(row) for row in read(HELD_OUT))


def test_the_held_out_part_meets_the_targets() -> None:
    development, held_out = score(read(DEVELOPMENT)), score(read(HELD_OUT))
    print()
    print(development.line("development (tuned on)"))
    print(held_out.line("held out (never tuned on)"))
    for name, target in TARGETS.items():
        assert getattr(held_out, name) >= target, (name, held_out)


@pytest.mark.parametrize("row", [row for row in read(DEVELOPMENT) if row.source == "issue-13"], ids=lambda row: row.question)
def test_the_examples_in_issue_13_get_the_right_kind(row: Labelled) -> None:
    result = lint_question(row.question)
    if row.kinds:
        assert row.kinds <= set(result.kinds), result
    else:
        assert not result.flagged, result
