"""Helpers for Pilot tests that wait on worker threads (importable: tests/ is on the path)."""

from __future__ import annotations

from collections.abc import Callable


async def until(pilot, condition: Callable[[], object], tries: int = 500) -> None:
    """Let the app run until `condition()` holds (workers post their results back)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app did not get there")
