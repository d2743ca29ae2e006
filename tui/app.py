"""The App: screens, global bindings, keymap. Workflows live in the screens.

Screens are imported when first shown, which keeps start-up close to a bare
Textual app's (tests/benchmarks/bench_typing.py measures it).
"""

from __future__ import annotations

import asyncio
import re
import signal
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widget import AwaitMount

from tui.config import load_keymap
from tui.core.clock import Clock, SystemClock
from tui.core.text import one_line
from tui.errors import UsageError
from tui.paths import config_file
from tui.start import Start

__all__ = ["InterviewApp", "Start", "make_app"]  # Start is tui.start's, here too for the tests

if TYPE_CHECKING:  # the store (tinydb, sqlite3, msgspec) is imported after the first frame: see `store`
    from textual.driver import Driver

    from tui.core.guide import Guide
    from tui.core.session import Participant, Session
    from tui.store import Store


FUNCTION_KEY = re.compile(r"(shift\+)?f(\d{1,2})")
PROGRESS_FROM = 1000  # session files to read before the index shows a bar


class InterviewApp(App[None]):
    """Screens ask the App to go somewhere (`open_*`, `go_back`); none builds another workflow's screen."""

    TITLE = "Interview Companion"
    CSS_PATH = "styles/app.tcss"
    BINDINGS = [
        Binding("f1", "help", "Help", id="help", priority=True),
    ]

    def __init__(
        self,
        store_dir: Path,
        *,
        clock: Clock,
        start: Start = Start(),
        keymap: dict[str, str] | None = None,
        notices: Iterable[str] = (),
    ) -> None:
        super().__init__()
        self.store_dir = store_dir
        self._store: Store | None = None
        self.clock = clock
        self.start = start
        self._keymap_overrides = dict(keymap or {})
        self._notices = list(notices)
        self._waiting_for_first_frame: list[Callable[[], object]] | None = []  # None once it is drawn

    @property
    def store(self) -> Store:
        """The store, opened on first use: a first screen that needs none (home) draws before it is imported."""
        if self._store is None:
            from tui.store import Store

            self.store = Store(self.store_dir)
        assert self._store is not None
        return self._store

    @store.setter
    def store(self, store: Store) -> None:
        self._store = store
        store.index.progress = self._index_progress

    def _index_progress(self, done: int, total: int) -> None:
        """From the thread reading session files: a bar while it reads many (never a frozen screen)."""
        if threading.get_ident() == self._thread_id:
            self._show_index_progress(done, total)
        elif self.is_running:
            self.call_from_thread(self._show_index_progress, done, total)

    def _show_index_progress(self, done: int, total: int) -> None:
        from tui.widgets.rebuild_progress import RebuildProgress

        bars = [bar for screen in self.screen_stack for bar in screen.query(RebuildProgress)]
        if total < PROGRESS_FROM or done >= total:
            for bar in bars:
                bar.remove()
            return
        if not bars:
            bars = [RebuildProgress()]
            self.screen.mount(bars[0])
        bars[0].call_after_refresh(bars[0].show, done, total)

    def on_mount(self) -> None:
        if self._keymap_overrides:
            from tui.keymap import check_keymap, declared_bindings

            keymap, problems = check_keymap(self._normalize_keymap(self._keymap_overrides), declared_bindings(self))
            self._notices += problems
            self.set_keymap(keymap)
        save_on_signals(self)
        self.call_later(self._start)

    async def _start(self) -> None:
        """The first screen, pushed from the message loop: Textual starts the app inside one batch
        update, and a screen pushed there is laid out and rendered inside it, its frame dropped
        (only what changed later would reach the terminal). Then what waits for its first frame.

        The next message (a key, a test's pilot) is handled once the screen is mounted, and once
        a screen that finishes itself after its first frame has (the live screen's note field:
        `LiveScreen.field_ready`), so a key typed meanwhile goes where it would have gone."""
        self._open_first()
        for notice in self._notices:  # after the push, so they show on the first screen
            self.notify(notice, severity="warning", timeout=8, markup=False)
        self.after_first_frame(self.check_store)  # after what the first screen asked for, too
        await AwaitMount(self.screen, [self.screen])
        finished: asyncio.Event | None = getattr(self.screen, "field_ready", None)
        if finished is not None:
            await finished.wait()
        self.call_after_refresh(self._first_refresh_drawn)  # behind the keys typed by now: drawn before store work

    def _first_refresh_drawn(self) -> None:
        """Textual's Footer (setup, review) composes its keys after the first refresh, and they are part
        of the screen the user first sees: then one refresh more. A key bar (tui.widgets.key_bar) is
        drawn in the first, so waiting for another (a frame, 17 ms) would only hold up the rows."""
        if self.screen.query("Footer"):
            self.call_after_refresh(self._first_frame_drawn)
        else:
            self._first_frame_drawn()

    def _first_frame_drawn(self) -> None:
        """The first screen is on the terminal: what waited for it runs, in the order it was asked for."""
        waiting, self._waiting_for_first_frame = self._waiting_for_first_frame, None
        for callback in waiting or ():
            callback()

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the first frame is on the terminal (after the next refresh, once it is):
        for work the first screen shows the result of but need not wait for (store, guides, counts)."""
        if self._waiting_for_first_frame is None:
            self.call_after_refresh(callback)
        else:
            self._waiting_for_first_frame.append(callback)

    def _open_first(self) -> None:
        """The screen the command line asked for; home if it cannot open (or under the consent question).

        Home is built only when it shows: `interview new --participant X --consent yes` opens on the
        live screen alone (Esc or the end of the interview goes home, as from any first screen)."""
        start = self.start
        if start.screen == "review" and start.session_id:
            self.open_review(start.session_id)
        elif start.screen == "live" and start.session_id and self.open_live(start.session_id):
            pass
        elif start.screen == "history":
            self.open_history(follow_ups=start.follow_ups)
        elif start.screen == "themes":
            self.open_themes()
        elif start.screen == "search":
            self.open_search(start.query)
        elif start.screen == "setup" and start.guide is not None and not start.participant:
            self.open_setup(start.guide, follow_up_of=start.follow_up_of, participant=start.earlier, consent=start.consent)
        else:
            straight_in = start.screen == "setup" and start.guide is not None and bool(start.participant)
            if not (straight_in and start.consent is not None):
                self.push_screen(self._home())
            if straight_in:
                from tui.screens.consent import start_after_consent

                assert start.guide is not None and start.participant
                start_after_consent(
                    self, start.guide, start.participant, earlier=start.earlier, consent=start.consent,
                    follow_up_of=start.follow_up_of,
                )

    # --- where screens go: one method per destination ----------------------------
    def open_setup(
        self, guide: Guide, *, follow_up_of: str | None = None, participant: Participant | None = None, consent: bool | None = None,
    ) -> None:
        from tui.screens.setup import SetupScreen

        self.push_screen(SetupScreen(guide, follow_up_of=follow_up_of, participant=participant, consent=consent))

    def start_live(self, session: Session) -> None:
        """Create the session on disk, then the live screen that writes to it, in place of the form that asked.

        As the first screen (`interview new --participant X --consent yes`) the live screen shows first
        and the file is made right after its first frame (`LiveScreen.create_file`), before the store
        check starts (`after_first_frame` runs callbacks in the order they were asked for). The store and
        its index are imported then, not before the interviewer sees the question."""
        from tui.screens.live import LiveScreen

        if self._opening:
            screen = LiveScreen(session, self.clock, field_later=True)
            self.push_screen(screen)
            self.after_first_frame(screen.create_file)
            return
        try:
            writer = self.store.create(session)
        except UsageError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.switch_screen(LiveScreen(session, self.clock, writer))

    def not_started(self, screen: Screen, why: str) -> None:
        """The live screen of a session whose file could not be made gives way to home, saying why."""
        while isinstance(self.screen, ModalScreen) and screen in self.screen_stack:
            self.pop_screen()
        if self.screen is screen:
            self.switch_screen(self._home())
        self.notify(why, severity="error", markup=False)

    @property
    def _opening(self) -> bool:
        """No screen of ours shows yet: the first one is being chosen."""
        return len(self.screen_stack) <= 1

    @staticmethod
    def _home() -> Screen:
        from tui.screens.home import HomeScreen

        return HomeScreen()

    def open_live(self, session_id: str) -> bool:
        """Reopen a session where it stopped, or say in one line why not (False)."""
        from tui.screens.live import LiveScreen

        try:
            writer = self.store.open_writer(session_id)
        except UsageError as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        self.push_screen(LiveScreen(writer.session, self.clock, writer, field_later=self._opening))
        return True

    def open_review(self, session_id: str, *, note_id: str | None = None) -> None:
        """The session's review; on the note `note_id` if given (from search)."""
        from tui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen(session_id, note_id=note_id))

    def session_completed(self, session_id: str) -> None:
        """After wrap-up: the live screen gives way to the review, while details are fresh."""
        from tui.screens.review import ReviewScreen

        while isinstance(self.screen, ModalScreen):
            self.pop_screen()
        self.switch_screen(ReviewScreen(session_id))
        self.notify("Interview completed and saved.")

    def open_history(self, *, follow_ups: bool = False, query: str = "") -> None:
        from tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(follow_ups=follow_ups, query=query))

    def open_themes(self) -> None:
        from tui.screens.themes import ThemesScreen

        self.push_screen(ThemesScreen())

    def open_search(self, query: str = "") -> None:
        from tui.screens.search import SearchScreen

        self.push_screen(SearchScreen(query))

    def go_back(self) -> None:
        """Back to the screen below; home when nothing is (the screen opened from the command line)."""
        if len(self.screen_stack) > 2:
            self.pop_screen()
        else:
            self.switch_screen(self._home())

    def check_store(self) -> None:
        """Tidy the store (temp files, corrupt files, conflict copies) off the UI thread."""
        from tui.screens.base import in_thread

        def report(lines: list[str]) -> None:
            for line in lines:
                self.notify(line, severity="warning", timeout=10, markup=False)

        in_thread(self, self.store.startup, report, failure="The store was not checked", group="store-check")

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A toast, except on a screen with a message line of its own (the live screen):
        there a toast would cover the notes, the themes or the question. Thread-safe, like Textual's.

        Every notice is one line with its control characters shown as signs: many name a
        session file, a guide or a keymap entry, and any of those can come from a teammate."""
        message, title = one_line(message), one_line(title)
        screen = self.screen_stack[-1] if self.screen_stack else None
        if screen is None or not getattr(screen, "OWN_MESSAGES", False):
            super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
            return
        from tui.widgets.key_bar import Notice

        timeout = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        screen.post_message(Notice.of(message, title=title, severity=severity, timeout=timeout, markup=markup))

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal, reading a paste that holds an ESC as one (tui.paste_guard)."""
        from tui.paste_guard import guard_pastes

        driver = super().get_driver_class()
        guard_pastes(driver)
        return driver

    def get_key_display(self, binding: Binding) -> str:
        """Function keys as printed on the keyboard: F2, and ⇧F2 (some terminals send shift+F2 as F14)."""
        match = FUNCTION_KEY.fullmatch(binding.key)
        if match is None:
            return super().get_key_display(binding)
        number = int(match.group(2))
        return f"⇧F{number - 12}" if number > 12 else ("⇧" if match.group(1) else "") + f"F{number}"

    # --- global actions --------------------------------------------------------
    async def action_quit(self) -> None:
        """Mid-interview, ctrl+q asks what to do with the session instead of just leaving."""
        from tui.screens.live import LiveScreen

        live = next((s for s in self.screen_stack if isinstance(s, LiveScreen) and not s.finished), None)
        if live is None:
            self.exit()
            return
        while self.screen is not live:  # help, picker or wrap-up on top: what they hold is in the session
            self.pop_screen()
        live.action_quit_menu()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from tui.screens.keys import screen_commands

        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Keys and note shorthand", self.action_help)
        if not _is_search(screen):
            yield SystemCommand("Search notes", "Every note of every session, as you type", self.open_search)
        yield from screen_commands(screen)

def _is_search(screen: Screen) -> bool:
    return type(screen).__name__ == "SearchScreen"  # by name: the palette does not import the screen


def save_on_signals(app: InterviewApp) -> None:
    """SIGTERM / SIGHUP (a closed terminal) / SIGINT (`kill -INT`) leave a live session saved as interrupted."""

    def terminate() -> None:
        from tui.screens.live import LiveScreen

        for screen in app.screen_stack:
            if isinstance(screen, LiveScreen):
                screen.interrupt()
        app.exit()

    try:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            loop.add_signal_handler(sig, terminate)
    except (NotImplementedError, RuntimeError, ValueError):
        pass  # not the main thread (tests) or not a POSIX platform


def make_app(
    *,
    store_dir: Path,
    clock: Clock | None = None,
    start: Start = Start(),
    config_path: Path | None = None,
    notices: Iterable[str] = (),
) -> InterviewApp:
    """The one way to build the App, for the CLI and for tests."""
    keymap, problem = load_keymap(config_path or config_file())
    return InterviewApp(
        store_dir,
        clock=clock or SystemClock(),
        start=start,
        keymap=keymap,
        notices=[*notices, *([problem] if problem else [])],
    )
