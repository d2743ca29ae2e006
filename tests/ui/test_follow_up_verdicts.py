"""A follow-up answers "did the change solve it?": a verdict on each earlier pain, notes kept beside it."""

from __future__ import annotations

import json

from pilot_helpers import burst

from tui.app import Start
from tui.core.export import render
from tui.core.session import Note, Participant, Session
from tui.screens.earlier_pains import EarlierPainsDialog
from tui.screens.review import ReviewScreen
from tui.store import Store
from tui.widgets.earlier_pains import EarlierPains
from tui.widgets.review_document import ReviewDocument


def earlier_session(store_dir, guide) -> Session:
    earlier = Session(guide=guide, participant=Participant(name="Dana Lee"), follow_up_ok=True, status="completed")
    earlier.add_note(Note.from_typed("! exports time out over 10k rows #export", question=1, elapsed=30))
    earlier.add_note(Note.from_typed("a plain note", question=1, elapsed=40))
    earlier.add_note(Note.from_typed("! nobody trusts the numbers", question=2, elapsed=50))
    with Store(store_dir).create(earlier) as writer:
        for note in earlier.notes:
            writer.save_note(note)
    return earlier


async def test_each_earlier_pain_gets_a_verdict_and_the_notes_beside_it(build_app, store_dir, guide):
    earlier = earlier_session(store_dir, guide)
    later = Session(guide=guide, participant=Participant(name="Dana Lee"), consent_to_record=True, follow_up_of=earlier.id)
    Store(store_dir).create(later).close()
    app = build_app(Start("live", session_id=later.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        live = app.screen
        panel = live.query_one(EarlierPains)
        assert [text for text, *_ in panel.pains] == ["exports time out over 10k rows #export", "nobody trusts the numbers"]
        assert "0/2 marked" in str(panel.render())
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, EarlierPainsDialog)
        await pilot.press("s")  # the first one is solved: saved at once, and on to the next
        assert Store(store_dir).load(later.id).earlier_pains[0].verdict == "solved"
        await pilot.press("enter")  # the second is being discussed: notes go beside it
        await pilot.pause()
        await burst(pilot, *"still redo the numbers by hand", "enter")
        await pilot.press("ctrl+e", "n", "escape")
        await pilot.pause()
        assert "2/2 marked" in str(panel.render())
        await pilot.press("ctrl+n")  # a new question ends the discussion
        await burst(pilot, *"exports are quick now #export", "enter")
        await pilot.pause()
        assert live.discussing is None
        await pilot.press("ctrl+d", "ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = "\n".join(str(o.prompt) for o in app.screen.query_one(ReviewDocument).options)
        assert "verdict ✓ solved" in text and "verdict ✗ not solved" in text
    saved = Store(store_dir).load(later.id)
    solved, trusted = saved.earlier_pains
    assert (solved.verdict, trusted.verdict) == ("solved", "not_solved")
    assert [n.text for n in saved.notes_beside(trusted)] == ["still redo the numbers by hand"]
    assert [n.text for n in saved.notes_beside(solved)] == ["exports are quick now #export"]  # by its theme
    markdown = render(saved, "md")
    assert "## Last time's pain points" in markdown
    assert "- **Not solved:** nobody trusts the numbers\n  - [00:00] still redo the numbers by hand" in markdown
    assert "- **Solved:** exports time out over 10k rows #export" in markdown
    exported = json.loads(render(saved, "json"))
    assert [p["verdict"] for p in exported["earlier_pains"]] == ["solved", "not_solved"]
    csv_text = render(saved, "csv")
    assert f",earlier_pain,,no,,nobody trusts the numbers,,not_solved,{trusted.note_id}" in csv_text
    assert f"still redo the numbers by hand,{saved.notes[0].id},,{trusted.note_id}" in csv_text
