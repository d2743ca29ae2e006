"""The four bundled guides load and follow the house rules for guides."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.guide import Guide
from tui.catalog import load_guide

GUIDES = Path(__file__).parents[2] / "guides"
NAMES = ("customer-feedback", "customer-impact", "follow-up", "switching")


@pytest.fixture(params=NAMES)
def guide(request: pytest.FixtureRequest) -> Guide:
    return load_guide(GUIDES / f"{request.param}.toml", source="bundled")


def test_exactly_the_four_guides_are_bundled() -> None:
    assert sorted(p.stem for p in GUIDES.glob("*.toml")) == list(NAMES)


def test_guide_has_goal_duration_and_codebook(guide: Guide) -> None:
    assert guide.goal
    assert guide.duration_minutes
    assert 5 <= len(guide.themes) <= 9


def test_section_budgets_add_up_to_the_duration(guide: Guide) -> None:
    minutes = [section.minutes for section in guide.sections]
    assert None not in minutes
    assert sum(m for m in minutes if m) == guide.duration_minutes


def test_most_questions_have_probes(guide: Guide) -> None:
    with_probes = [ref for ref in guide.questions if ref.question.probes]
    assert len(with_probes) >= 0.75 * len(guide.questions)


def test_wrap_up_asks_permission_to_follow_up(guide: Guide) -> None:
    wrap_up = guide.sections[-1]
    assert wrap_up.title == "Wrap-up"
    assert all(not q.star for q in wrap_up.questions)
    assert "getting in touch" in wrap_up.questions[-1].text
    assert wrap_up.questions[-1].text.startswith("Thank you")


def test_context_questions_are_not_story_prompts(guide: Guide) -> None:
    first = guide.sections[0].questions[0]
    assert not first.star
    assert any(ref.question.star for ref in guide.questions)


def test_every_question_ends_as_one_question(guide: Guide) -> None:
    for ref in guide.questions:
        text = ref.question.text
        assert text.count("?") <= 1, text
        assert text.endswith(("?", ".")), text
