"""Nothing is lost: a crash keeps notes and the draft; user text is never markup."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from pilot_helpers import burst

from tui.app import Start
from tui.core.session import Participant, Session
from tui.screens.live import LiveScreen
from tui.store import Store
from tui.widgets.note_field import NoteField
from tui.widgets.note_log import NoteLog
from tui.final_folds import wait_for_folds

MARKUP = "[bold]x[/] [/] [link=http://e.x]y[/link] [red"


def saved_files(store_dir: Path) -> dict[Path, bytes]:
    """Every session snapshot and journal segment in the store, as bytes."""
    return {p: p.read_bytes() for folder in ("sessions", "journal") for p in (store_dir / folder).glob("*") if p.is_file()}


async def test_resume_after_crash_restores_notes_and_draft(build_app, clock, store_dir, guide):
    session = Session(guide=guide, participant=Participant(name="Ana"))
    store = Store(store_dir)
    store.create(session).close()

    app = build_app(Start("live", session_id=session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *"first note")
        await pilot.press("enter")
        clock.advance(4)
        await burst(pilot, *"half a thought")
        clock.advance(2)
        live = app.screen
        assert isinstance(live, LiveScreen)
        live.autosave()  # what the once-a-second autosave timer does
        # A crash now would leave exactly these bytes on disk: the snapshot and the journal
        # (a fold thread moves notes from one to the other on its own schedule).
        crashed = saved_files(store_dir)
    wait_for_folds(timeout=30)  # the final fold of the closing writer, before the files are put back
    for path in set(saved_files(store_dir)) - set(crashed):
        path.unlink()
    for path, data in crashed.items():
        path.write_bytes(data)

    reloaded = Store(store_dir).load(session.id)
    assert [n.text for n in reloaded.notes] == ["first note"]
    assert reloaded.draft.text == "half a thought"
    assert reloaded.draft.began == 4.0

    app = build_app(Start("live", session_id=session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.screen
        assert isinstance(live, LiveScreen)
        field = live.query_one(NoteField)
        assert field.text == "half a thought"
        await burst(pilot, *" ends here")
        await pilot.press("enter")
        await pilot.pause()
        notes = Store(store_dir).load(session.id).notes
        assert notes[-1].text == "half a thought ends here"
        assert notes[-1].elapsed == 4.0  # still timed at its first keystroke


async def test_markup_in_notes_and_names_is_shown_literally(build_app, store_dir, guide):
    session = Session(guide=guide, participant=Participant(name=MARKUP, company="[i]Co[/i]"))
    Store(store_dir).create(session).close()
    app = build_app(Start("live", session_id=session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *MARKUP)
        await pilot.press("enter")
        await pilot.pause()
        log_text = str(app.screen.query_one(NoteLog).lines)
        assert MARKUP in log_text
        assert MARKUP in str(app.screen.query_one("#who", Static).render())
    assert Store(store_dir).load(session.id).notes[0].text == MARKUP
