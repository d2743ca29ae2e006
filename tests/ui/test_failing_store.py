"""A store that fails under a screen's thread worker costs one notice, never the app.

Each screen that loads in a worker (home, history, themes, review, the live
screen's earlier pains) runs on a real Store whose listing and reading raise
StoreError, as an unreadable folder or a full disk would. The app keeps
running, the screen still answers keys, and the problem is said once.
Notices are observed as the messages Textual posts (`run_test(message_hook=...)`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.notifications import Notify

from pilot_helpers import burst

from tui.app import Start
from tui.core.session import Participant, Session
from tui.files import StoreError
from tui.screens.history import HistoryScreen
from tui.screens.home import HomeScreen
from tui.screens.live import LiveScreen
from tui.screens.review import ReviewScreen
from tui.screens.themes import ThemesScreen
from tui.store import Store
from tui.widgets.key_bar import Notice
from tui.widgets.row_table import RowTable

WHY = "Could not use /srv/sessions: permission denied. Check who owns that folder."


class UnreadableStore(Store):
    """A real store whose index cannot be refreshed and whose files cannot be read; writing what is open still works."""

    def _refresh(self, wanted: bool) -> None:
        raise StoreError(WHY)

    def load(self, session_id: str) -> Session:
        raise StoreError(WHY)


def notices(messages: list[object]) -> list[str]:
    """Every notification the app showed: toasts, and the live screen's key-bar messages."""
    shown = [m.notification.message for m in messages if isinstance(m, Notify)]
    return shown + [m.text.plain for m in messages if isinstance(m, Notice)]


async def run_failing(build_app, store_dir: Path, start: Start, check) -> list[str]:
    """Run the app on the failing store until its workers are done; `check(pilot)` then drives it."""
    app = build_app(start)
    app.store = UnreadableStore(store_dir)
    seen: list[object] = []
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        for _ in range(2):  # the screens start their workers after the first frame
            await pilot.pause()
            await app.workers.wait_for_complete()
        await pilot.pause()
        await check(pilot)
        assert app.is_running
    return [text for text in notices(seen) if WHY in text]


@pytest.fixture
def completed(store_dir: Path, guide) -> Session:
    session = Session(guide=guide, participant=Participant(name="Dana Lee"), status="completed")
    Store(store_dir).create(session).close()
    return session


async def test_home_lists_the_guides_and_says_once_that_sessions_are_not_listed(build_app, store_dir) -> None:
    async def check(pilot) -> None:
        assert isinstance(pilot.app.screen, HomeScreen)
        menu = pilot.app.screen.query_one("#home-menu")
        assert any((option.id or "").startswith("guide:") for option in menu.options)  # a new interview can start
        await pilot.press("h")
        assert isinstance(pilot.app.screen, HistoryScreen)

    shown = await run_failing(build_app, store_dir, Start(), check)
    assert shown[0] == f"Sessions not listed: {WHY}"
    assert len(shown) == 2  # home's, then history's when h opened it: one each


async def test_history_says_once_that_sessions_are_not_listed_and_goes_back(build_app, store_dir) -> None:
    async def check(pilot) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, HistoryScreen)
        assert "could not be listed" in screen.query_one(RowTable).empty_text
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, HomeScreen)

    shown = await run_failing(build_app, store_dir, Start("history"), check)
    assert shown == [f"Sessions not listed: {WHY}"] * 2  # history's, then home's after Esc


async def test_themes_says_once_that_themes_are_not_counted(build_app, store_dir) -> None:
    async def check(pilot) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, ThemesScreen)
        assert "could not be counted" in screen.query_one(RowTable).empty_text
        await pilot.press("p")  # the view still changes
        assert screen.view == "problems"

    shown = await run_failing(build_app, store_dir, Start("themes"), check)
    assert shown == [f"Themes not counted: {WHY}"]


async def test_review_opens_and_says_once_that_other_sessions_are_not_counted(build_app, store_dir, completed) -> None:
    async def check(pilot) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen) and screen.session is not None
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, HomeScreen)

    shown = await run_failing(build_app, store_dir, Start("review", session_id=completed.id), check)
    assert shown == [f"Other sessions not counted: {WHY}", f"Sessions not listed: {WHY}"]  # then home's, after Esc


async def test_a_follow_up_call_goes_on_when_the_earlier_session_cannot_be_read(build_app, store_dir, guide, completed) -> None:
    later = Session(guide=guide, participant=Participant(name="Dana Lee"), consent_to_record=True, follow_up_of=completed.id)
    Store(store_dir).create(later).close()

    async def check(pilot) -> None:
        assert isinstance(pilot.app.screen, LiveScreen)
        await burst(pilot, *"still typing", "enter")
        assert [n.text for n in pilot.app.screen.session.notes] == ["still typing"]

    shown = await run_failing(build_app, store_dir, Start("live", session_id=later.id), check)
    assert shown == [f"Earlier session not shown: {WHY}"]
    assert [n.text for n in Store(store_dir).load(later.id).notes] == ["still typing"]
