"""The rules of a running interview, independent of any UI.

The live screen owns one `LiveInterview` and asks it what happens on each key:
moving between questions records time spent, silences are timed against a
monotonic clock from the silence key and recorded as waits, notes get the session time of their
first keystroke.
"""

from __future__ import annotations

from tui.core.clock import Clock, Stopwatch
from tui.core.guide import QuestionRef
from tui.core.session import STAR_PROMPTS, Note, Session, SilenceWait, now_iso


class LiveInterview:
    def __init__(self, session: Session, clock: Clock) -> None:
        self.session = session
        self.refs = session.guide.questions
        self._watch = Stopwatch(clock, session.elapsed)
        self.entered_at = session.elapsed  # session seconds when the current question was shown
        self.silence_since: float | None = None

    # --- time ------------------------------------------------------------------
    def elapsed(self) -> float:
        """Session seconds: what was stored plus this run's span."""
        return self._watch.elapsed()

    def start(self) -> None:
        """Start (or resume) the clock and show the current question."""
        self._watch.start()
        self.session.status = "in_progress"
        self.entered_at = self.elapsed()
        self._mark_asked()

    def sync(self) -> Session:
        """Copy the running time into the session, ready to be saved."""
        self.session.elapsed = round(self.elapsed(), 3)
        return self.session

    # --- questions -------------------------------------------------------------
    @property
    def current(self) -> QuestionRef:
        return self.refs[self.session.current_question]

    def section_bounds(self) -> tuple[int, int]:
        """Flat indexes [first, last] of the current question's section."""
        indexes = [r.index for r in self.refs if r.section_index == self.current.section_index]
        return indexes[0], indexes[-1]

    def go_to(self, index: int, *, skip: bool = False) -> bool:
        """Leave the current question (recording its time) and show another."""
        if not 0 <= index < len(self.refs) or index == self.session.current_question:
            return False
        if skip:
            self.session.skip(self.session.current_question)
        self.stop_silence("question")  # the wait belongs to the question it was held on
        self._leave_question()
        self.session.current_question = index
        self.entered_at = self.elapsed()
        self._mark_asked()
        return True

    def _leave_question(self) -> None:
        now = self.elapsed()
        record = self.session.questions[self.session.current_question]
        record.time_spent = round(record.time_spent + now - self.entered_at, 3)
        self.entered_at = now

    def _mark_asked(self) -> None:
        record = self.session.questions[self.session.current_question]
        if record.asked_at is None:
            record.asked_at = round(self.elapsed(), 3)

    # --- silence -----------------------------------------------------------------
    # Only the interviewer starts the timer (the silence key: "they stopped talking").
    # Showing a question never does: the interviewer is still reading it aloud, and
    # coaching would count waits nobody held.
    def start_silence(self) -> None:
        """The participant stopped talking: (re)start the silence timer."""
        self.stop_silence("key")
        self.silence_since = self.elapsed()

    def stop_silence(self, ended_by: str) -> SilenceWait | None:
        """End the running silence, if any, and record it as a wait."""
        if self.silence_since is None:
            return None
        seconds = round(self.elapsed() - self.silence_since, 3)
        wait = SilenceWait(self.session.current_question, round(self.silence_since, 3), seconds, ended_by)
        self.silence_since = None
        if seconds > 0:
            self.session.silences.append(wait)
            return wait
        return None

    def toggle_silence(self) -> bool:
        """The silence key: start timing if stopped, stop if running. True if now running."""
        if self.silence_since is None:
            self.start_silence()
            return True
        self.stop_silence("key")
        return False

    def suggestion(self) -> str:
        """What to ask when a silence runs long: the next STAR prompt, else a probe."""
        ref = self.current
        if ref.question.star:
            missing = self.session.next_missing_star(ref.index)
            if missing:
                return STAR_PROMPTS[missing]
        probes = ref.question.probes
        if probes:
            asked = len(self.session.notes_for(ref.index))
            return probes[asked % len(probes)]
        return "Tell me more about that."

    # --- notes -------------------------------------------------------------------
    def note_from(self, raw: str, began: float | None) -> Note:
        """A note for the current question, timed at its first keystroke."""
        elapsed = self.elapsed() if began is None else began
        return Note.from_typed(raw, question=self.session.current_question, elapsed=round(elapsed, 3))

    # --- ending ------------------------------------------------------------------
    def stop(self, status: str) -> Session:
        """Stop the clock and leave the session with `status` (paused, interrupted, completed)."""
        if self._watch.running:
            self.stop_silence("end")
            self._leave_question()
            self._watch.stop()
        self.session.status = status
        if status == "completed":
            self.session.ended_at = now_iso()
        return self.sync()
