"""Nothing crashes at any size from 20x8 to 250x70, including resizing mid-session."""

from __future__ import annotations

from pilot_helpers import burst

from tui.app import Start
from tui.core.session import Participant, Session
from tui.screens.live import LiveScreen
from tui.store import Store

SIZES = [(20, 8), (30, 10), (40, 12), (60, 20), (80, 24), (120, 40), (250, 70)]


async def test_live_screen_survives_a_size_sweep(build_app, store_dir, guide):
    session = Session(guide=guide, participant=Participant(name="Sam"))
    Store(store_dir).create(session).close()
    app = build_app(Start("live", session_id=session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *"#export a note")
        await pilot.press("enter")
        for size in SIZES + SIZES[::-1]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert isinstance(app.screen, LiveScreen)
        for key in ("ctrl+g",):
            await pilot.press(key)
            for size in SIZES:
                await pilot.resize_terminal(*size)
                await pilot.pause()
            await pilot.press("escape")
        await pilot.press("f1")
        for size in SIZES:
            await pilot.resize_terminal(*size)
            await pilot.pause()


async def test_home_survives_a_size_sweep(build_app):
    app = build_app(Start())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for size in SIZES + SIZES[::-1]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
