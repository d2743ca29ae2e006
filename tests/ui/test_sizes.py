"""The live screen and home show what matters at every size, including resizing mid-session."""

from __future__ import annotations

from pilot_helpers import SIZES, burst, screen_text, until

from tui.app import Start
from tui.core.session import Participant, Session
from tui.screens.live import LiveScreen
from tui.store import Store

QUESTION = "Tell me about"  # the start of Q1 in tests/ui/data/three.toml
NOTE_FIELD = "Type a note"  # the note field's placeholder
KEYS = "Wrap up"  # the key bar's first key
TINY = (20, 8)  # too small for the note field and the key bar: the question and the notes come first


async def test_live_screen_shows_the_question_the_note_and_the_field_at_every_size(build_app, store_dir, guide):
    session = Session(guide=guide, participant=Participant(name="Sam"))
    Store(store_dir).create(session).close()
    app = build_app(Start("live", session_id=session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *"#export a note", "enter")
        for size in SIZES + SIZES[::-1]:
            await pilot.resize_terminal(*size)
            shown = screen_text(app)
            assert isinstance(app.screen, LiveScreen)
            assert QUESTION in shown and "a note" in shown, size
            assert size == TINY or (NOTE_FIELD in shown and KEYS in shown), size
        for key, title in (("ctrl+g", "Go to question"), ("f1", "Keys and")):
            await pilot.press(key)
            for size in SIZES:
                await pilot.resize_terminal(*size)
                assert title in screen_text(app), (key, size)
            await pilot.press("escape")
            assert isinstance(app.screen, LiveScreen), key


async def test_home_shows_its_menu_at_every_size(build_app):
    app = build_app(Start())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "New interview" in screen_text(app), "home's menu is filled after its first frame")
        for size in SIZES + SIZES[::-1]:
            await pilot.resize_terminal(*size)
            assert "New interview" in screen_text(app), size
