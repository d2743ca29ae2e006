"""The review and its dialogs survive every size from 20x8 to 250x70, and a 60-note session opens at once."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))  # tests/, for sample_sessions

from sample_sessions import make_session

from tui.app import Start
from tui.screens.review import ReviewScreen
from tui.store import Store
from tui.widgets.review_document import ReviewDocument

SIZES = [(20, 8), (30, 10), (40, 12), (60, 20), (80, 24), (120, 40), (250, 70)]


async def sweep(pilot, sizes=SIZES + SIZES[::-1]) -> None:
    for size in sizes:
        await pilot.resize_terminal(*size)
        await pilot.pause()


async def test_review_and_dialogs_survive_a_size_sweep(build_app, store_dir):
    earlier = make_session(30, seed=7)
    Store(store_dir).create(earlier).close()
    session = make_session(60, seed=1)
    session.follow_up_of = earlier.id
    Store(store_dir).create(session).close()
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await sweep(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("tab", "tab", "down")
        for key in ("e", "k", "t", "x", "f1"):
            await pilot.press(key)
            await sweep(pilot, SIZES)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ReviewScreen), key
        for _ in range(200):
            await pilot.press("down")
        await pilot.resize_terminal(20, 8)
        await pilot.press("pageup", "end", "home", "shift+tab")
        await sweep(pilot)


async def test_a_sixty_note_session_opens_at_once(build_app, store_dir):
    session = make_session(60, seed=1)
    Store(store_dir).create(session).close()
    for seed in range(2, 20):
        Store(store_dir).create(make_session(20, seed)).close()
    app = build_app(Start())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        began = time.perf_counter()
        app.open_review(session.id)
        document = None
        while document is None or not document.option_count:
            await pilot.pause()
            document = app.screen.query_one(ReviewDocument) if isinstance(app.screen, ReviewScreen) else None
        opened = time.perf_counter() - began
        assert opened < 1.0, f"{opened:.2f} s to open a 60-note review"
