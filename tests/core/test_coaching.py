"""Coaching and review summaries: pure functions of a session."""

from __future__ import annotations

from tui.core.coaching import (
    coaching,
    flagged_questions,
    section_times,
    silence_stats,
    star_badges,
    story_gaps,
)
from tui.core.followups import follow_up_pairs
from tui.core.guide import Guide, Question, Section, Silence
from tui.core.session import Note, Session, SilenceWait
from tui.core.session_themes import session_themes

GUIDE = Guide(
    name="t",
    title="Test guide",
    goal="Learn things.",
    sections=(
        Section("Context", (Question("Tell me about your role.", star=False),), minutes=2),
        Section(
            "Stories",
            (
                Question("Tell me about the last time you exported a report."),
                Question("Walk me through how you shared it."),
                Question("What happened after that?"),
            ),
            minutes=6,
        ),
        Section("Close", (Question("Anything else?", star=False),)),
    ),
    silence=Silence(hold_seconds=3, prompt_seconds=8),
)


def session_with(*typed: tuple[int, float, str]) -> Session:
    session = Session(guide=GUIDE)
    for question, elapsed, raw in typed:
        session.add_note(Note.from_typed(raw, question=question, elapsed=elapsed))
    return session


def test_question_state_skipped_not_reached_asked():
    session = session_with((2, 50.0, "a note on Q3"))
    session.questions[0].asked_at, session.questions[0].time_spent = 0.0, 40.0
    session.questions[1].skipped = True
    assert session.question_state(0) == "asked"
    assert session.question_state(1) == "skipped"
    assert session.question_state(2) == "asked"  # never shown, but it has a note
    assert session.question_state(3) == "not reached"


def test_a_question_only_passed_over_was_not_asked():
    session = session_with()
    session.current_question = 3
    for index in (0, 1, 2, 3):
        session.questions[index].asked_at = float(index)
    session.questions[0].time_spent = 2.0  # shown, left at once: ctrl+n on the way to Q3
    session.questions[1].time_spent = 30.0  # asked and answered, nothing typed
    session.questions[2].time_spent = 1.0
    session.questions[2].star["situation"] = True  # marked: it was asked
    assert [session.question_state(i) for i in range(4)] == ["skipped", "asked", "asked", "asked"]


def test_a_question_skipped_then_returned_to_with_notes_is_asked_everywhere():
    from tui.core.export import render

    session = session_with()
    for index in range(3):
        session.questions[index].asked_at = float(index)
    session.skip(1)
    session.skip(2)
    session.add_note(Note.from_typed("came back to it", question=1, elapsed=90.0))
    session.questions[2].skipped = True  # as an older version saved it: skipped, yet with notes
    session.notes.append(Note.from_typed("noted anyway", question=2, elapsed=95.0))
    assert [session.question_state(i) for i in range(5)] == ["asked", "asked", "asked", "not reached", "not reached"]
    assert not session.to_dict()["questions"][1]["skipped"]
    markdown = render(session, "md")
    assert "- **Questions:** 3 of 5 asked, 0 skipped" in markdown
    assert "Skipped." not in markdown


def test_story_gaps_only_for_asked_story_questions_lacking_action_or_result():
    session = session_with((1, 10.0, "S: month end"), (1, 20.0, "A: rebuilt it by hand"), (2, 40.0, "R: shipped"))
    for record in session.questions[:3]:
        record.asked_at = 0.0
    session.questions[3].skipped = True
    gaps = story_gaps(session)
    assert [(g.index, g.missing) for g in gaps] == [(1, ("result",)), (2, ("action",))]
    # Q1 is not a story question; Q4 was skipped; Q5 never reached.


def test_star_badges_in_star_order():
    coverage = {"situation": True, "task": False, "action": True, "result": False}
    assert star_badges(coverage) == (("S", True), ("T", False), ("A", True), ("R", False))


def test_session_themes_count_notes_and_bumps_with_question_numbers():
    session = session_with((1, 10.0, "! slow #export"), (2, 20.0, "again #export #pricing"))
    session.bump_theme("export", 0, 5.0)
    session.bump_theme("Onboarding", 3, 60.0)
    rows = session_themes(session)
    assert [(r.theme, r.count, r.questions) for r in rows] == [
        ("export", 3, (0, 1, 2)),
        ("onboarding", 1, (3,)),
        ("pricing", 1, (2,)),
    ]


def test_follow_up_pairs_match_pain_points_to_later_notes_by_theme():
    earlier = session_with((1, 10.0, "! export times out #export #performance"), (1, 20.0, "! no theme here"), (2, 30.0, "+ idea #export"))
    later = session_with((1, 5.0, "export takes a minute now #export"), (2, 9.0, "unrelated #pricing"))
    pairs = follow_up_pairs(earlier, later)
    assert [p.pain.text for p in pairs] == ["export times out #export #performance", "no theme here"]
    assert [n.text for n in pairs[0].related] == ["export takes a minute now #export"]
    assert pairs[1].related == ()


def test_section_times_sum_questions_against_minutes():
    session = Session(guide=GUIDE)
    session.questions[0].time_spent = 90.0
    session.questions[1].time_spent = 300.0
    session.questions[2].time_spent = 200.0
    times = section_times(session)
    assert [(t.title, t.spent, t.budget) for t in times] == [("Context", 90.0, 120), ("Stories", 500.0, 360), ("Close", 0.0, None)]
    assert not times[0].flagged and times[0].over == 0
    assert times[1].flagged and times[1].over == 140.0
    assert not times[2].flagged


def test_silence_stats_median_and_cut_short_before_hold():
    session = Session(guide=GUIDE)
    for seconds in (1.0, 2.5, 4.0, 9.0):
        session.silences.append(SilenceWait(1, 0.0, seconds, "typing"))
    stats = silence_stats(session)
    assert (stats.count, stats.median, stats.cut_short, stats.hold) == (4, 3.25, 2, 3)
    assert silence_stats(Session(guide=GUIDE)).median is None


def test_flagged_questions_lint_ad_hoc_question_notes_without_theme_tags():
    session = session_with(
        (1, 65.0, "? Did you like the export? #export"),
        (1, 70.0, "? What happened next?"),
        (1, 80.0, "! Did you like it? (a pain note, not a question)"),
    )
    flagged = flagged_questions(session)
    assert len(flagged) == 1
    item = flagged[0]
    assert (item.asked.text, item.asked.at, item.asked.number) == ("Did you like the export?", 65.0, None)
    assert "closed" in item.kinds or "leading" in item.kinds
    assert item.suggestion and item.suggestion != "Did you like the export?"


HYPOTHETICAL_GUIDE = Guide(
    name="h",
    title="Pitchy guide",
    goal="Learn things.",
    sections=(
        Section("Ideas", (
            Question("Tell me about your role.", star=False),
            Question("Would you buy this?", star=False),
            Question("Suppose we built a budget planner, how often would you open it?", star=False),
        )),
    ),
)


def test_guide_questions_moved_to_and_asked_are_coached_too_with_the_mom_tests_advice():
    session = Session(guide=HYPOTHETICAL_GUIDE)
    session.current_question = 1
    session.questions[0].asked_at, session.questions[0].time_spent = 0.0, 60.0
    session.questions[1].asked_at, session.questions[1].time_spent = 60.0, 90.0  # moved to and asked
    session.questions[2].asked_at, session.questions[2].time_spent = 150.0, 1.0  # passed over on the way: not asked
    session.current_question = 0
    session.add_note(Note.from_typed("? We're building a budget planner. Would you use it?", question=0, elapsed=30.0))
    flagged = flagged_questions(session)
    assert [(f.asked.number, f.kinds[0]) for f in flagged] == [(None, "hypothetical"), (1, "hypothetical")]
    texts = [p.text for p in coaching(session) if p.flagged]
    assert texts == [
        "[00:30] “We're building a budget planner. Would you use it?” is hypothetical: it pitches an idea;"
        " the Mom Test: ask about their life, not your idea. Leave the idea out and ask about the last time the problem came up.",
        "[01:00] Q2 “Would you buy this?” is hypothetical and closed: it asks for a prediction; the Mom Test: ask about"
        " the last time it happened instead. Try: “Tell me about the last time you bought something like this.”",
    ]


def test_open_questions_asked_are_counted_from_the_guide_and_ad_hoc():
    session = session_with((1, 65.0, "? What happened next?"))
    session.questions[0].asked_at, session.questions[0].time_spent = 0.0, 60.0
    assert "Questions asked: 2 from the guide and 1 ad hoc, all open." in [p.text for p in coaching(session)]


def test_coaching_points_are_short_facts():
    session = session_with((1, 65.0, "? Don't you think the export is slow?"), (1, 70.0, "S: month end"))
    session.elapsed = 700.0
    session.questions[0].time_spent = 60.0
    session.questions[1].time_spent = 500.0
    session.questions[1].asked_at = 60.0
    session.silences += [SilenceWait(1, 0.0, 2.0, "typing"), SilenceWait(1, 0.0, 6.0, "typing")]
    points = coaching(session)
    texts = [p.text for p in points]
    assert texts[0] == "Whole interview: 11:40 of 8 min planned, 03:40 over."
    assert points[0].flagged
    assert "Context: 01:00 of 2 min." in texts
    assert "Stories: 08:20 of 6 min, 02:20 over." in texts
    assert "Close: 00:00 (no budget)." in texts
    assert "Silence: 2 waits, median 4 s; 1 ended before the 3 s hold." in texts
    assert "Story answers with no Action: Q2; no Result: Q2." in texts
    question = next(p for p in points if p.text.startswith("[01:05]"))
    assert question.flagged and "leading" in question.text and "Try: “" in question.text


def test_coaching_without_waits_or_questions_says_so_plainly():
    points = coaching(Session(guide=GUIDE))
    assert "Silence: no waits were timed." in [p.text for p in points]
    assert not any(p.flagged for p in points)
