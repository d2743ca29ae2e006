"""A paste into the note field, as a terminal sends it (bracketed paste): saved once, lines kept."""

from __future__ import annotations

from textual import events

from pilot_helpers import burst

from tui.app import Start
from tui.core.export import render
from tui.core.session import MAX_TEXT, Participant, Session
from tui.screens.live import LiveScreen
from tui.store import Store
from tui.widgets.key_bar import KeyBar
from tui.widgets.note_field import NoteField


def live_start(store_dir, guide) -> Start:
    session = Session(guide=guide, participant=Participant(name="Ana"), consent_to_record=True)
    Store(store_dir).create(session).close()
    return Start("live", session_id=session.id)


async def test_a_paste_is_saved_once(build_app, store_dir, guide):
    app = build_app(live_start(store_dir, guide))
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.screen
        assert isinstance(live, LiveScreen)
        app.post_message(events.Paste("hello paste"))
        await pilot.pause()
        assert live.query_one(NoteField).text == "hello paste"
        await pilot.press("enter")
        await pilot.pause()
        assert [n.text for n in Store(store_dir).load(live.session.id).notes] == ["hello paste"]


async def test_a_multi_line_paste_is_one_note_that_keeps_its_lines(build_app, store_dir, guide):
    app = build_app(live_start(store_dir, guide))
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.screen
        await pilot.press('"')
        app.post_message(events.Paste("We rebuild it by hand.\r\n\r\n  Every Friday.  \nIt takes all afternoon."))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        [note] = Store(store_dir).load(live.session.id).notes
        assert note.kind == "quote"
        assert note.text == "We rebuild it by hand.\nEvery Friday.\nIt takes all afternoon."
        markdown = render(live.session, "md")
        assert "“We rebuild it by hand.  \n  Every Friday.  \n  It takes all afternoon.”" in markdown


async def test_a_paste_longer_than_a_note_is_refused_with_a_message(build_app, store_dir, guide):
    app = build_app(live_start(store_dir, guide))
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.screen
        await burst(pilot, *"kept")
        app.post_message(events.Paste("x" * MAX_TEXT))
        await pilot.pause()
        field = live.query_one(NoteField)
        assert field.text == "kept"  # nothing inserted, nothing cut
        assert "Paste refused" in live.query_one(KeyBar).message_text
        await pilot.press("enter")
        await pilot.pause()
        assert [n.text for n in Store(store_dir).load(live.session.id).notes] == ["kept"]
