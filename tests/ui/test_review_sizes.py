"""The review and its dialogs show what matters at the sizes that matter, and a 60-note session opens."""

from __future__ import annotations

from pilot_helpers import SIZES, burst, screen_text, until
from sample_sessions import make_session

from tui.app import Start
from tui.screens.review import ReviewScreen
from tui.store import Store
from tui.widgets.review_document import ReviewDocument

def review_shown(app) -> bool:
    """The review is the screen and its document has its notes."""
    return isinstance(app.screen, ReviewScreen) and any(d.option_count for d in app.screen.query(ReviewDocument))


DIALOG_TITLES = {"e": "Edit note", "k": "Kind of note", "t": "Takeaways, one", "x": "Export", "f1": "Keys and"}


async def test_review_and_dialogs_show_their_title_and_the_keys_at_every_size(build_app, store_dir):
    earlier = make_session(30, seed=7)
    Store(store_dir).create(earlier).close()
    session = make_session(60, seed=1)
    session.follow_up_of = earlier.id
    Store(store_dir).create(session).close()
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: review_shown(app))
        for size in SIZES:
            await pilot.resize_terminal(*size)
            assert "e Edit" in screen_text(app), size
        await pilot.resize_terminal(80, 24)
        await pilot.press("tab", "tab", "down")
        for key, title in DIALOG_TITLES.items():
            await pilot.press(key)
            for size in SIZES:
                await pilot.resize_terminal(*size)
                shown = screen_text(app)
                assert title in shown and "e Edit" in shown, (key, size)
            await pilot.press("escape")
            assert isinstance(app.screen, ReviewScreen), key
        await burst(pilot, *["down"] * 200)  # to the last note and past it
        document = app.screen.query_one(ReviewDocument)
        assert document.highlighted == document.option_count - 1
        await pilot.resize_terminal(20, 8)
        await pilot.press("pageup", "end", "home", "shift+tab")
        for size in SIZES:
            await pilot.resize_terminal(*size)
            assert "e Edit" in screen_text(app), size


async def test_a_sixty_note_session_opens_from_home(build_app, store_dir):
    session = make_session(60, seed=1)
    Store(store_dir).create(session).close()
    for seed in range(2, 20):
        Store(store_dir).create(make_session(20, seed)).close()
    app = build_app(Start())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_review(session.id)
        await until(pilot, lambda: review_shown(app))
        assert session.participant.name in screen_text(app)
