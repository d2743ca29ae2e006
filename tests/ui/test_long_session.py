"""A resumed session of thousands of notes keeps the live screen as light as a new one."""

from __future__ import annotations

from pilot_helpers import burst

from tui.app import Start
from tui.core.session import Note, Participant, Session
from tui.store import Store
from tui.widgets.note_log import SHOWN_NOTES, NoteLog


async def test_the_note_log_draws_the_latest_notes_only(build_app, store_dir, guide):
    session = Session(guide=guide, participant=Participant(name="Ana"), consent_to_record=True, status="paused")
    for number in range(3_000):
        session.add_note(Note(question=0, elapsed=float(number), text=f"note {number}"))
    Store(store_dir).create(session).close()
    app = build_app(Start("live", session_id=session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *"the newest", "enter")
        await pilot.pause()
        lines = str(app.screen.query_one(NoteLog).lines).splitlines()
    assert len(lines) == SHOWN_NOTES + 1
    assert lines[0].startswith(f"… {3_001 - SHOWN_NOTES:,} earlier notes on this question")
    assert lines[-1].endswith("the newest") and lines[-2].endswith(f"note {2_999}")
