"""A question skipped and returned to, with notes taken on it, is asked: in the picker, the review and every export."""

from __future__ import annotations

import json

from pilot_helpers import burst

from tui.app import Start
from tui.core.export import render
from tui.core.session import Participant, Session
from tui.screens.question_picker import QuestionPicker
from tui.screens.review import ReviewScreen
from tui.store import Store
from tui.widgets.review_document import ReviewDocument


async def test_skip_then_return_with_notes_is_asked_everywhere(build_app, store_dir, guide):
    session = Session(guide=guide, participant=Participant(name="Ana"), consent_to_record=True)
    Store(store_dir).create(session).close()
    app = build_app(Start("live", session_id=session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *"role", "enter")
        await pilot.press("ctrl+n", "ctrl+o")  # skip Q2
        await pilot.press("ctrl+b")
        await burst(pilot, *"came back to it", "enter")
        await pilot.press("ctrl+g")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, QuestionPicker)
        lines = [str(o.prompt) for o in picker.query_one("OptionList").options if o.id]
        assert [line[:3] for line in lines] == [" ✓ ", " ● ", " ↷ "]  # Q3 was shown for an instant: passed over
        await pilot.press("escape", "ctrl+n", "ctrl+o")  # on to Q3, skip it: wrap-up
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        header = "\n".join(str(o.prompt) for o in review.query_one(ReviewDocument).options[:4])
        assert "2 of 3 questions asked, 1 skipped" in header
    saved = Store(store_dir).load(session.id)
    assert [saved.question_state(i) for i in range(3)] == ["asked", "asked", "skipped"]
    assert "- **Questions:** 2 of 3 asked, 1 skipped" in render(saved, "md")
    exported = json.loads(render(saved, "json"))
    assert [q["skipped"] for q in exported["questions"]] == [False, False, True]
