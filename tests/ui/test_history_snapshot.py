"""Exact history and themes screens on the demo interviews (dated before 2025-04-01): 80x24, and 60x20."""

from __future__ import annotations


import pytest

from pilot_helpers import first_screen, settled, until

from tui.app import Start


async def _loaded(pilot) -> None:
    await first_screen(pilot)
    screen = pilot.app.screen
    await until(pilot, lambda: getattr(screen, "settled", False) or getattr(screen, "report", None) is not None, "nothing loaded")
    await settled(pilot)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_history_screen(snap_compare, build_app, demo, size):
    assert snap_compare(build_app(Start("history")), run_before=_loaded, terminal_size=size)


def test_follow_ups_view(snap_compare, build_app, demo):
    async def follow_ups(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("f")
        for _ in range(500):  # the follow-ups are a query of the index, run in a worker
            if pilot.app.screen.settled:
                break
            await pilot.pause(0.02)
        await pilot.pause()

    assert snap_compare(build_app(Start("history")), run_before=follow_ups, terminal_size=(80, 24))


def test_themes_screen(snap_compare, build_app, demo):
    assert snap_compare(build_app(Start("themes")), run_before=_loaded, terminal_size=(80, 24))
