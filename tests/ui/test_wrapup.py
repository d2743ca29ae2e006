"""Wrap-up keeps what is typed: a burst after Tab, Enter and Space land in the takeaways; only ctrl+s completes."""

from __future__ import annotations

from pilot_helpers import burst, notices

from tui.app import Start
from tui.core.export import render
from tui.core.session import Participant, Session
from tui.screens.live import LiveScreen
from tui.screens.review import ReviewScreen
from tui.screens.wrapup import WrapUpScreen
from tui.store import Store


def live_start(store_dir, guide) -> Start:
    session = Session(guide=guide, participant=Participant(name="Ana"), consent_to_record=True)
    Store(store_dir).create(session).close()
    return Start("live", session_id=session.id)


async def test_a_burst_of_space_tab_typing_and_enter_lands_in_the_takeaways(build_app, store_dir, guide):
    start = live_start(store_dir, guide)
    app = build_app(start)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, WrapUpScreen)
        await burst(pilot, "space", "tab", *"Export is the bottleneck", "enter")
        assert isinstance(app.screen, WrapUpScreen)  # nothing completed it
        assert app.screen.session.takeaways == ["Export is the bottleneck"]
        assert app.screen.session.status == "in_progress"
        await burst(pilot, *"Second one")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    saved = Store(store_dir).load(start.session_id)
    assert saved.status == "completed"
    assert saved.takeaways == ["Export is the bottleneck", "Second one"]
    assert saved.follow_up_ok is None


async def test_the_follow_up_choice_is_said_in_words_and_set_by_keys_while_typing(build_app, store_dir, guide):
    start = live_start(store_dir, guide)
    app = build_app(start)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("ctrl+d")
        await pilot.pause()
        shown = app.screen.query_one("#follow-up")
        assert "● not asked" in str(shown.render()) and "○ yes" in str(shown.render())
        await burst(pilot, *"they said yes")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert "● yes" in str(shown.render()) and "○ not asked" in str(shown.render())
        await pilot.press("escape")  # Esc keeps everything
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        assert app.screen.session.follow_up_ok is True and app.screen.session.takeaways == ["they said yes"]
        await pilot.press("ctrl+d", "ctrl+n", "ctrl+s")
        await pilot.pause()
        await pilot.pause()
    saved = Store(store_dir).load(start.session_id)
    assert (saved.status, saved.follow_up_ok, saved.takeaways) == ("completed", False, ["they said yes"])


async def test_an_unsent_draft_is_offered_as_a_note_before_completing(build_app, store_dir, guide, clock):
    start = live_start(store_dir, guide)
    app = build_app(start)
    async with app.run_test(size=(80, 24)) as pilot:
        clock.advance(30)
        await burst(pilot, *"! they never got the invite")
        clock.advance(20)
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert "Unsent in the note field: “! they never got the invite”" in str(app.screen.query_one("#draft").render())
        await pilot.press("ctrl+s")  # kept as a note by default
        await pilot.pause()
        await pilot.pause()
    saved = Store(store_dir).load(start.session_id)
    assert [(n.text, n.kind, n.elapsed) for n in saved.notes] == [("they never got the invite", "pain", 30.0)]
    assert saved.status == "completed" and saved.draft.text == ""
    assert "Unsent" not in render(saved, "md")


async def test_a_discarded_draft_is_gone(build_app, store_dir, guide):
    start = live_start(store_dir, guide)
    app = build_app(start)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *"half a thought")
        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.press("ctrl+k")
        assert "● discard" in str(app.screen.query_one("#draft").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
    saved = Store(store_dir).load(start.session_id)
    assert saved.notes == [] and saved.draft.text == "" and saved.status == "completed"


async def test_the_review_changes_follow_up_permission_and_consent_at_once(build_app, store_dir, guide):
    session = Session(guide=guide, participant=Participant(name="Ana"), consent_to_record=True, status="completed")
    Store(store_dir).create(session).close()
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("f")  # not asked -> yes
        await pilot.pause()
        assert Store(store_dir).load(session.id).follow_up_ok is True
        await pilot.press("r")
        await pilot.pause()
        assert Store(store_dir).load(session.id).consent_to_record is False
        await pilot.press("u")
        await pilot.pause()
        saved = Store(store_dir).load(session.id)
        assert (saved.follow_up_ok, saved.consent_to_record) == (True, True)
        header = "\n".join(str(o.prompt) for o in app.screen.query_one("ReviewDocument").options[:5])
        assert "May follow up: ✓ yes" in header and "(r / f to change)" in header


async def test_an_autosave_tick_after_completing_saves_nothing_and_says_nothing(seen, build_app, store_dir, guide):
    """The 1 s autosave can fire between completing (the writer closed) and the review replacing the screen."""
    start = live_start(store_dir, guide)
    app = build_app(start)
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        live = app.screen
        await burst(pilot, *"a draft never sent")
        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert live.writer.closed
        live.autosave()  # the tick still due
        await pilot.pause()
        assert not [text for text in notices(seen) if "Not saved" in text or "closed" in text]
    saved = Store(store_dir).load(start.session_id)
    assert [n.text for n in saved.notes] == ["a draft never sent"] and saved.status == "completed"
