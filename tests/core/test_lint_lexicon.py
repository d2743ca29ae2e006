"""tui/core/lint_lexicon.py is VADER's lexicon, filtered: rebuild it and compare."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.core.lint_lexicon import VADER_NEGATIVE, VADER_POSITIVE
from tui.core.lint_words import is_balanced, is_evaluative, polarity

THRESHOLD = 1.0  # mean valence, in size, a word needs to count as judging


def derive(lexicon: str) -> tuple[set[str], set[str]]:
    """Alphabetic entries of vader_lexicon.txt whose mean valence is at least THRESHOLD in size."""
    positive, negative = set(), set()
    for line in lexicon.splitlines():
        token, mean, *_ = line.split("\t")
        if re.fullmatch(r"[a-z][a-z'-]+", token) and abs(float(mean)) >= THRESHOLD:
            (positive if float(mean) > 0 else negative).add(token)
    return positive, negative


def test_the_derived_lists_match_the_vader_package() -> None:
    vader = pytest.importorskip("vaderSentiment.vaderSentiment")
    lexicon = (Path(vader.__file__).parent / "vader_lexicon.txt").read_text(encoding="utf-8")
    assert derive(lexicon) == (set(VADER_POSITIVE), set(VADER_NEGATIVE))


def test_words_count_in_their_common_forms_and_asking_words_do_not() -> None:
    assert polarity("annoyed") == polarity("frustrates") == polarity("lost") == -1
    assert polarity("adore") == polarity("valuable") == polarity("intuitive") == 1
    assert not is_evaluative("surprised") and not is_evaluative("likely") and not is_evaluative("has")


def test_balanced_pairs_have_opposite_poles() -> None:
    assert is_balanced("easy", "hard") and is_balanced("satisfied", "dissatisfied")
    assert is_balanced("well", "badly") and is_balanced("likely", "unlikely")
    assert not is_balanced("fast", "reliable") and not is_balanced("confusing", "annoying")
