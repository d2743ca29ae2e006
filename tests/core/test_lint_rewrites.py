"""The checker's rewrites: open, grammatical, and worded as a person would say them."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from lint_corpus import DEVELOPMENT, HELD_OUT, read
from tui.core.lint import FALLBACK, lint_question

GOLDEN = Path(__file__).parent / "golden" / "lint_suggestions.txt"
_DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
# A determiner or a joining word right before the end: the rest of the phrase was lost.
_DANGLING = re.compile(r"\b(?:the|a|an|your|our|my|their|and|or|than|of)\s*[?.!]", re.IGNORECASE)
_LEFTOVER = re.compile(r"[{}]|\s[,.?!;:]|\s{2}|,[?.!]|\bif at all, if at all\b")


def reading_problems(suggestion: str) -> list[str]:
    problems = []
    if lint_question(suggestion).flagged:
        problems.append(f"flagged {lint_question(suggestion).kinds}")
    if _DOUBLED.search(suggestion):
        problems.append("a doubled word")
    if _DANGLING.search(suggestion):
        problems.append("a fragment")
    if _LEFTOVER.search(suggestion):
        problems.append("template leftovers")
    if not suggestion[:1].isupper() or not re.search(r'[?.!]"?$', suggestion):
        problems.append("not a sentence")
    if suggestion.count("Then ask") > 1:
        problems.append("'Then ask' twice")
    return problems


def every_flagged_question() -> list[str]:
    return [row.question for row in read(DEVELOPMENT) + read(HELD_OUT) if lint_question(row.question).flagged]


@pytest.mark.parametrize("question", every_flagged_question())
def test_every_suggestion_in_the_corpus_reads_and_is_open(question: str) -> None:
    for finding in lint_question(question).findings:
        assert finding.reason.strip()
        assert not reading_problems(finding.suggestion), (finding.kind, finding.suggestion, reading_problems(finding.suggestion))


def test_the_checker_catches_what_the_reading_check_looks_for() -> None:
    """A reading check that cannot fail is no check."""
    assert reading_problems("Tell me about the the export.") == ["a doubled word"]
    assert reading_problems("Tell me about your experience with the.") == ["a fragment"]
    assert "template leftovers" in reading_problems("How do you use {obj}?")
    assert reading_problems("Do you use it?") == ["flagged ('closed',)"]
    assert not reading_problems(FALLBACK)


def golden_pairs() -> list[tuple[str, str]]:
    blocks = GOLDEN.read_text(encoding="utf-8").strip().split("\n\n")
    pairs = []
    for block in blocks:
        question, suggestion = block.split("\n")
        pairs.append((question, suggestion.removeprefix("-> ")))
    return pairs


def test_the_golden_rewrites_are_unchanged() -> None:
    """60 question -> suggestion pairs, read by a person; INTERVIEW_UPDATE_GOLDEN=1 rewrites the file."""
    pairs = golden_pairs()
    assert len(pairs) == 60
    actual = [(question, lint_question(question).suggestion or "(open)") for question, _ in pairs]
    if os.environ.get("INTERVIEW_UPDATE_GOLDEN"):
        GOLDEN.write_text("".join(f"{q}\n-> {s}\n\n" for q, s in actual).rstrip("\n") + "\n", encoding="utf-8")
    assert actual == pairs
