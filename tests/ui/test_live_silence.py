"""The silence timer runs only when the interviewer starts it, and coaching counts only those waits."""

from __future__ import annotations

from textual import events

from pilot_helpers import burst

from tui.app import Start
from tui.core.coaching import coaching
from tui.core.session import Participant, Session
from tui.store import Store
from tui.widgets.silence_timer import SilenceTimer


def live_start(store_dir, guide, **fields) -> Start:
    session = Session(guide=guide, participant=Participant(name="Ana"), consent_to_record=True, **fields)
    Store(store_dir).create(session).close()
    return Start("live", session_id=session.id)


def silence_text(coached) -> str:
    return next(p.text for p in coached if p.text.startswith("Silence"))


async def test_showing_moving_skipping_and_resuming_never_start_the_timer(build_app, store_dir, guide, clock):
    start = live_start(store_dir, guide)
    app = build_app(start)
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.screen
        timer = live.query_one(SilenceTimer)
        for key in ("ctrl+n", "ctrl+o", "ctrl+b", "ctrl+b", "ctrl+g"):
            clock.advance(9)
            await pilot.press(key)
            await pilot.pause()
            assert timer.since is None, key
        await pilot.press("escape", "ctrl+q", "p")
        await pilot.pause()
    app = build_app(start)
    async with app.run_test(size=(80, 24)) as pilot:
        clock.advance(9)
        await pilot.pause()
        assert app.screen.query_one(SilenceTimer).since is None
        assert "Silence off" in str(app.screen.query_one(SilenceTimer).render())
        await pilot.press("ctrl+q", "p")
        await pilot.pause()
    saved = Store(store_dir).load(start.session_id)
    assert saved.silences == []
    assert silence_text(coaching(saved)) == "Silence: no waits were timed."


async def test_the_key_starts_it_and_typing_moving_or_the_key_stop_it(build_app, store_dir, guide, clock):
    start = live_start(store_dir, guide)
    app = build_app(start)
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.screen
        await pilot.press("tab")
        clock.advance(5)
        await burst(pilot, *"they went on")  # typing ends it
        await pilot.press("tab")
        clock.advance(4)
        await pilot.press("!")  # so does a key in the middle of a note
        await pilot.press("enter", "ctrl+t")
        clock.advance(2)
        await pilot.press("ctrl+t")  # the key again
        await pilot.press("tab")
        clock.advance(3)
        await pilot.press("ctrl+n")  # and moving to another question
        await pilot.pause()
        assert live.query_one(SilenceTimer).since is None
        waits = [(w.question, w.seconds, w.ended_by) for w in live.session.silences]
        assert waits == [(0, 5.0, "typing"), (0, 4.0, "typing"), (0, 2.0, "key"), (0, 3.0, "question")]
        assert silence_text(coaching(live.session)) == "Silence: 4 waits, median 3.5 s; 1 ended before the 3 s hold."


async def test_in_a_burst_the_key_times_from_after_the_keys_typed_before_it(build_app, store_dir, guide, clock):
    app = build_app(live_start(store_dir, guide))
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.screen
        for key in [*"abc", "tab"]:  # all queued before any is handled
            app.post_message(events.Key(key, "\t" if key == "tab" else key))
        await pilot.pause()
        assert live.live.silence_since is not None  # the typed keys before it did not stop it
        clock.advance(6)
        app.post_message(events.Key("d", "d"))
        await pilot.pause()
        assert [(w.seconds, w.ended_by) for w in live.session.silences] == [(6.0, "typing")]
