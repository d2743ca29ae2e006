"""On the live screen messages show in the key bar: no toast ever covers the field, the question or the themes."""

from __future__ import annotations

import pytest

from tui.app import Start
from tui.core.session import Participant, Session
from tui.store import Store
from tui.widgets.key_bar import KeyBar


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_skip_star_delete_edit_and_failures_say_so_in_the_key_bar(build_app, store_dir, guide, size):
    session = Session(guide=guide, participant=Participant(name="Ana"), consent_to_record=True)
    Store(store_dir).create(session).close()
    app = build_app(Start("live", session_id=session.id))
    async with app.run_test(size=size, notifications=True) as pilot:
        live = app.screen
        bar = live.query_one(KeyBar)
        said = []
        for keys in (["ctrl+o"], [*"a note", "enter", "ctrl+f"], ["up", *" more", "enter"], ["ctrl+r"], ["f9"]):
            await pilot.press(*keys)
            await pilot.pause()
            said.append(bar.message_text)
            assert not live.query("Toast"), keys
        assert said[0] == "Skipped Q 1."
        assert said[1].startswith("Starred the note at [")
        assert said[2].startswith("Note at [") and "updated" in said[2]
        assert said[3].startswith("Deleted the note at [") and "^z to undo" in said[3]
        assert said[4] == "No codebook theme 8 in this guide."
        region = bar.region
        assert region.y == size[1] - 1  # its own line, at the bottom: the field, question and themes are above
        for widget in ("NoteField", "QuestionCard", "ThemeTally"):
            assert live.query_one(widget).region.bottom <= region.y
        app.notify("Not saved: the disk is full.", severity="error", markup=False)  # as the store would say it
        await pilot.pause()
        assert bar.message_text == "Not saved: the disk is full." and "✗" in str(bar.render())
        assert not live.query("Toast")
