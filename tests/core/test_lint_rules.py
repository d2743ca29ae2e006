"""Each rule family of the question checker, on the examples it exists for."""

from __future__ import annotations

import string

import pytest

from tui.core.guide import Guide, Question, Section
from tui.core.lint import RULES, LintResult, lint_guide, lint_question


@pytest.mark.parametrize(
    "question",
    [
        "Do you use Slack?",
        "Does your team review the numbers weekly?",
        "Did you find onboarding easy?",
        "Is the pricing page clear?",
        "Are you happy with the reports?",
        "Was the import quick?",
        "Were you able to finish the setup?",
        "Have you ever tried a competitor?",
        "Has your manager seen it?",
        "Will you renew?",
        "Should we add dark mode?",
        "Can you export it on your own?",
        "Could you find the button?",
        "When you signed up, did you read the guide?",
        "So, do you still use spreadsheets?",
        "You use Excel for this?",
        "Is there anything else I should have asked?",
        "Any other tools you use for this?",
        "Do you prefer an aisle or a window seat?",
    ],
)
def test_yes_no_questions_are_closed(question: str) -> None:
    assert "closed" in lint_question(question).kinds


@pytest.mark.parametrize(
    "question",
    [
        # negative and tag questions, anywhere
        "Don't you think the new layout is cleaner?",
        "Isn't it annoying when sync fails?",
        "The checkout was easy, right?",
        "You use the mobile app, don't you?",
        "You picked the grid view, correct? We chose that layout because it shows more at once.",
        "So hang on, you never plan ahead for the month?",
        "Why didn't you call support?",
        # feeling and judging words, anywhere
        "How easy was it to set up the integration?",
        "How lost did you feel when the dashboard first loaded?",
        "When you open the dashboard, how valuable do you find it?",
        "What annoyed you about the export?",
        "What do you adore about the mobile app?",
        "Please rate how helpful our staff were.",
        "What do you like most about our amazing dashboard?",
        # a presupposed event or difficulty
        "Why did you give up on the signup form?",
        "At which step did you get lost?",
        "How did our support team rescue you when the import failed?",
        # an opinion or an observation first
        "Since our alerts save teams hours, how often do you check them?",
        "It looked like the upload confused you. What happened?",
        "Spreadsheets are error-prone. How do you track your budget?",
        # social proof, any group noun
        "Now that most agencies have moved to online invoicing, how do you send invoices?",
        "Your colleagues all seem to like the new planner. What do you think of it?",
        "Everyone tells us the calendar is a lifesaver. What do you think?",
    ],
)
def test_pushy_questions_are_leading(question: str) -> None:
    assert "leading" in lint_question(question).kinds


@pytest.mark.parametrize(
    "question",
    [
        "Would you buy this?",
        "What would you pay for an app that plans your meals?",
        "Suppose we built a budget planner, how often would you open it?",
        "How likely are you to recommend us to a friend?",
        "Would it help if we added reminders?",
        "We're building a tool that writes meeting notes for you. Would you use it?",
        "Do you think it's a good idea?",
        "Is this something you'd buy?",
    ],
)
def test_predictions_and_pitches_are_hypothetical(question: str) -> None:
    result = lint_question(question)
    assert result.kinds[0] in ("leading", "hypothetical") and "hypothetical" in result.kinds
    assert "Mom Test" in result.findings[result.kinds.index("hypothetical")].reason


@pytest.mark.parametrize(
    "question",
    [
        "What do you think about our pricing and our support?",
        "How do you feel about pricing and support?",
        "What tools do you use and how did you choose them?",
        "How did you choose a vendor, who else was involved?",
        "How do you file expenses; who checks them?",
        "What did you try first - and what did it cost you?",
        "What happened at the meeting, and also, what did your boss say afterwards?",
        "What was hardest? What would you change?",
        "Was the app fast and reliable?",
    ],
)
def test_two_questions_in_one_are_double(question: str) -> None:
    assert "double" in lint_question(question).kinds


@pytest.mark.parametrize(
    "question",
    [
        # story requests, with a modal, an adverb or "be able to"
        "Can you describe a time the app let you down?",
        "Could you walk me through the last time you exported data?",
        "Could you quickly describe how you share reports with your team?",
        "Would you be able to walk me through your last order?",
        "Can you just talk me through what you did there?",
        "Can I ask what you paid for it?",
        "Is it OK if I record this call?",
        # balanced pairs, follow-up tails and hedges
        "How simple or hard was it to set up your account?",
        "How satisfied or dissatisfied are you with this process?",
        "What made you pick the annual plan? Why?",
        "Which reports do you open first, and why?",
        "What, if anything, made it hard to find the settings?",
        # one topic with "and", wishes and neutral events
        "How did you find and fix the problem?",
        "How do your sales and support teams hand off accounts?",
        "If you could change one thing about the product, what would it be?",
        "What's the hardest part about hiring contractors?",
        "Why did you cancel your subscription?",
        "Tell me about a time the tool saved you from a mistake.",
    ],
)
def test_open_questions_are_left_alone(question: str) -> None:
    assert not lint_question(question).flagged, lint_question(question)


def test_every_template_only_uses_its_own_groups() -> None:
    """A typo in a template would otherwise surface only when that row matched."""
    computed = {"do", "wdo", "makes", "was", "past", "with_np", "when", "obj"}
    for rule in RULES:
        for template in (rule.reason, rule.rewrite, rule.then):
            fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
            assert fields <= set(rule.pattern.groupindex) | computed, (rule.pattern.pattern, fields)


@pytest.mark.parametrize(
    "text", ["", "   ", "?", "[bold]x[/]", "Is [red]this[/] ok?", "and and and?", "Do", "\u2019?", "If we", "Suppose?"]
)
def test_odd_text_never_crashes(text: str) -> None:
    result = lint_question(text)
    assert result.question == text
    assert result.flagged == (result.suggestion is not None)


def test_curly_apostrophes_count_as_straight_ones() -> None:
    assert lint_question("Don\u2019t you think it\u2019s slow?").kinds == ("leading",)


def test_a_result_with_several_kinds_leads_with_the_most_telling() -> None:
    result = lint_question("Would you buy this?")
    assert result.kinds == ("hypothetical", "closed")
    assert result.suggestion == result.findings[0].suggestion


def test_an_open_question_has_no_findings() -> None:
    assert lint_question("Tell me about your week.") == LintResult("Tell me about your week.", ())


def test_lint_guide_checks_every_question_in_order() -> None:
    guide = Guide(
        name="g",
        title="G",
        goal="Learn.",
        sections=(
            Section("One", (Question("Tell me about your week."), Question("Do you use Slack?"))),
            Section("Two", (Question("How easy was setup?"),)),
        ),
    )
    checked = lint_guide(guide)
    assert [ref.index for ref, _ in checked] == [0, 1, 2]
    assert [ref.question.text for ref, _ in checked] == [r.question for _, r in checked]
    assert [r.kinds for _, r in checked] == [(), ("closed",), ("leading",)]


def test_the_cheap_gates_never_change_a_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """`needs` and `opens` only spare work: every question lints the same without them."""
    from lint_corpus import DEVELOPMENT, HELD_OUT, read

    from tui.core import lint
    from tui.core.lint_rules import Rule

    questions = [row.question for row in read(DEVELOPMENT) + read(HELD_OUT)]
    questions += [s for q in questions for s in (f.suggestion for f in lint_question(q).findings)]
    gated = [lint_question(q) for q in questions]
    monkeypatch.setattr(Rule, "may_match", lambda self, lowered, opening: True)
    monkeypatch.setattr(lint, "openings", lambda text: frozenset({"*"}))
    assert [lint_question(q) for q in questions] == gated
