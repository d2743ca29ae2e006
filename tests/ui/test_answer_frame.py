"""A key in search or history's filter: its answer is drawn as soon as it is posted, not at the frame clock's tick.

The frame clock is set an hour apart, so a frame drawn here is one the screen asked for itself.
Nothing below may call `pilot.pause()` once typing starts: it draws a frame of its own.
"""

from __future__ import annotations

import asyncio

import pytest
import textual.screen
from textual import events
from textual.widgets import Input

from tui.app import Start
from tui.widgets.row_table import RowTable

from pilot_helpers import until


def drawn_states(app, state) -> list[object]:
    """What `state()` was at each frame the app draws from now on."""
    frames: list[object] = []
    display = app._display

    def recording(target, renderable) -> None:  # type: ignore[no-untyped-def]
        if renderable is not None:
            frames.append(state())
        display(target, renderable)

    app._display = recording
    return frames


async def typed_and_answered(app, text: str, answered) -> None:
    """Send `text` as the terminal driver would, key by key, then let the app run until `answered()`."""
    for key in text:
        app._driver.send_message(events.Key(key, key))
    for _ in range(500):
        await asyncio.sleep(0.01)
        if answered():
            break
    for _ in range(5):  # the frame, had it been asked for, comes in the next turns of the loop
        await asyncio.sleep(0.01)


@pytest.fixture
def no_frame_clock(monkeypatch) -> None:
    monkeypatch.setattr(textual.screen, "UPDATE_PERIOD", 3600.0)


async def test_search_results_are_drawn_when_they_come(build_app, demo, no_frame_clock) -> None:
    app = build_app(Start("search"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen._indexed)
        field = screen.query_one(Input)
        frames = drawn_states(app, lambda: screen.found.text if screen.found else None)
        await typed_and_answered(app, "xero", lambda: screen.found is not None and screen.found.text == "xero")
        assert field.value == "xero"
        assert "xero" in frames


async def test_history_filter_is_drawn_when_it_comes(build_app, demo, no_frame_clock) -> None:
    app = build_app(Start("history"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.settled)
        table = screen.query_one(RowTable)
        everyone = len(table.rows)
        await pilot.press("/")
        frames = drawn_states(app, lambda: len(table.rows))
        await typed_and_answered(app, "xero", lambda: screen.settled and len(table.rows) < everyone)
        assert 0 < len(table.rows) < everyone
        assert len(table.rows) in frames
