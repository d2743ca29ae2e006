"""The labelled question corpus (tests/core/data/question_policy.md says how it is labelled)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "core" / "data"
DEVELOPMENT = DATA / "questions_dev.tsv"
HELD_OUT = DATA / "questions_heldout.tsv"


@dataclass(frozen=True)
class Labelled:
    kinds: frozenset[str]  # empty for an open question
    source: str
    question: str
    reason: str


def read(path: Path) -> list[Labelled]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, source, question, reason = line.split("\t")
            kinds = frozenset() if label == "ok" else frozenset(label.split(","))
            rows.append(Labelled(kinds, source, question, reason))
    return rows


def held_out_by_rule(row: Labelled) -> bool:
    """The split, fixed once: a hash of the text; the issue's own examples are development."""
    return row.source != "issue-13" and hashlib.sha256(row.question.encode()).digest()[0] < 102
