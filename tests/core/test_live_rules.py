"""The rules of a running interview, on a fake clock: no UI, no sleeping."""

from __future__ import annotations

from pathlib import Path

from tui.core.clock import FakeClock
from tui.catalog import load_guide
from tui.core.live import LiveInterview
from tui.core.session import STAR_PROMPTS, Note, Session

GUIDE = Path(__file__).parents[1] / "ui" / "data" / "three.toml"


def started(elapsed: float = 0.0) -> tuple[LiveInterview, FakeClock]:
    clock = FakeClock()
    live = LiveInterview(Session(guide=load_guide(GUIDE), elapsed=elapsed), clock)
    live.start()
    return live, clock


def test_moving_on_records_time_spent_and_when_each_question_was_first_asked():
    live, clock = started()
    clock.advance(30)
    assert live.go_to(1)
    clock.advance(45)
    live.go_to(0)
    clock.advance(5)
    live.go_to(1)
    records = live.session.questions
    assert (records[0].time_spent, records[1].time_spent) == (35.0, 45.0)
    assert (records[0].asked_at, records[1].asked_at) == (0.0, 30.0)
    assert not live.go_to(1) and not live.go_to(99)  # same question, or no such question


def test_skip_marks_the_question_and_a_note_on_it_later_unmarks_it():
    live, clock = started()
    live.go_to(1, skip=True)
    assert live.session.questions[0].skipped
    live.session.add_note(Note.from_typed("came back to it", question=0, elapsed=10))
    live.go_to(0)
    assert not live.session.questions[0].skipped


def test_the_silence_timer_runs_only_when_the_interviewer_starts_it():
    live, clock = started()
    assert live.silence_since is None  # showing the first question does not start it
    clock.advance(8)
    live.go_to(1)
    assert live.silence_since is None  # nor does moving on, skipping or going back
    live.go_to(2, skip=True)
    live.go_to(1)
    live.stop("paused")
    live.start()  # nor resuming
    clock.advance(30)
    live.stop("completed")
    assert live.session.silences == []


def test_each_silence_is_recorded_with_what_ended_it():
    live, clock = started()
    live.toggle_silence()
    clock.advance(4)
    live.stop_silence("typing")
    live.toggle_silence()
    clock.advance(9)
    live.go_to(1)  # a new question ends the running wait, and starts none
    assert live.silence_since is None
    clock.advance(5)
    assert live.toggle_silence() is True
    clock.advance(2)
    assert live.toggle_silence() is False
    waits = [(w.question, w.started, w.seconds, w.ended_by) for w in live.session.silences]
    assert waits == [(0, 0.0, 4.0, "typing"), (0, 4.0, 9.0, "question"), (1, 18.0, 2.0, "key")]


def test_a_long_silence_suggests_the_next_missing_star_part_then_a_probe():
    live, _ = started()
    live.go_to(1)
    assert live.suggestion() == STAR_PROMPTS["situation"]
    for element in ("situation", "task", "action", "result"):
        live.session.toggle_star(1, element)
    assert live.suggestion() == "What happened next?"  # the question's first probe
    live.go_to(0)  # STAR is off there and it has no probes
    assert live.suggestion() == "Tell me more about that."


def test_a_note_is_timed_at_its_first_key_and_time_goes_on_across_a_pause():
    live, clock = started(elapsed=100.0)  # resumed: 100 s were already on the clock
    clock.advance(5)
    began = live.elapsed()
    clock.advance(20)
    assert live.note_from("typed slowly", began).elapsed == 105.0
    live.stop("paused")
    clock.advance(600)  # time away does not count
    assert live.session.elapsed == 125.0 and live.session.status == "paused"
    live.start()
    clock.advance(10)
    assert live.stop("completed").elapsed == 135.0
    assert live.session.ended_at
