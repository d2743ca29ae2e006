"""Injectable monotonic clock, and the silence arithmetic built on it.

Textual timers skip ticks when the loop is busy, so every duration here is
computed from a clock reading; timers only decide when to redraw.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float: ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock tests move by hand, so no test ever sleeps."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def monotonic(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Stopwatch:
    """Session time that survives pauses and restarts: a base plus a running span."""

    def __init__(self, clock: Clock, base: float = 0.0) -> None:
        self._clock = clock
        self._base = base
        self._since: float | None = None

    @property
    def running(self) -> bool:
        return self._since is not None

    def start(self) -> None:
        if self._since is None:
            self._since = self._clock.monotonic()

    def stop(self) -> None:
        self._base = self.elapsed()
        self._since = None

    def elapsed(self) -> float:
        if self._since is None:
            return self._base
        return self._base + self._clock.monotonic() - self._since


QUIET, HOLD, PROMPT = "quiet", "hold", "prompt"


def silence_stage(seconds: float, hold: float, prompt: float) -> str:
    """Under `hold` keep quiet; until `prompt` keep holding; past it, prompt."""
    if seconds < hold:
        return QUIET
    if seconds < prompt:
        return HOLD
    return PROMPT
