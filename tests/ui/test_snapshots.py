"""Exact screens at the sizes interviewers use: 80x24, and 60x20 beside a video call."""

from __future__ import annotations

import pytest

from pilot_helpers import burst, first_screen

from tui.app import Start
from tui.core.session import Participant, Session
from tui.store import Store


@pytest.fixture
def live_start(store_dir, guide) -> Start:
    session = Session(
        guide=guide,
        participant=Participant(name="Dana Lee", role="Analyst", company="Acme"),
        id="00000000-0000-4000-8000-000000000001",
        started_at="2026-11-20T10:00:00+00:00",
    )
    session.consent_to_record = True
    Store(store_dir).create(session).close()
    return Start("live", session_id=session.id)


async def _interview(pilot) -> None:
    """A story question well over its section's time, a STAR prompt, ad-hoc tags, and a silence held
    until the screen says what to ask."""
    await first_screen(pilot)
    clock = pilot.app.clock
    pilot.app.screen.query_one("NoteField").cursor_blink = False  # a blinking cursor makes frames differ
    await burst(pilot, *"Leads a data team", "enter")
    await pilot.press("ctrl+n")
    clock.advance(200)
    await burst(pilot, *"! S: export fails at month end #export", "enter")
    clock.advance(190)
    await burst(pilot, *'*"I rebuild it by hand" #export #trust #spreadsheets', "enter")
    await pilot.press("tab")  # they stopped talking
    clock.advance(9)
    await pilot.pause()
    for ticking in ("SilenceTimer", "PaceClock"):  # draw the clock's time now, not on the next real tick
        pilot.app.screen.query_one(ticking).tick()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_live_screen(snap_compare, build_app, live_start, size):
    assert snap_compare(build_app(live_start), run_before=_interview, terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_home_screen(snap_compare, build_app, size):
    assert snap_compare(build_app(Start()), terminal_size=size)
