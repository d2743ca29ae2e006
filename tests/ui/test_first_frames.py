"""What the first frame waits for: only what it shows. The rest comes right after it, and still comes.

`interview new --participant X --consent yes` opens on the live screen alone (no home composed
beneath it) and makes the session's file just after the first frame; a key that saves before
then makes it at once, and a store that cannot take it sends the interviewer home, saying why,
as it did before the live screen showed.
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.notifications import Notify

from pilot_helpers import burst, drawn_until

import tui.screens
from tui.cli import build_parser
from tui.commands.app_commands import new_start
from tui.core.session import Session
from tui.files import StoreError
from tui.screens.base import STYLES
from tui.screens.home import HomeScreen
from tui.screens.live import LiveScreen
from tui.store import Store
from tui.writer import SessionWriter

DATA = Path(__file__).parent / "data"
WHY = "Could not use /srv/sessions: permission denied. Check who owns that folder."


def straight_in(store_dir: Path):
    """`interview new --guide three.toml --participant "Dana Lee" --consent yes`, as the CLI builds it."""
    args = build_parser().parse_args(
        ["--store", str(store_dir), "new", "--guide", str(DATA / "three.toml"), "--participant", "Dana Lee", "--consent", "yes"]
    )
    return new_start(args)


def composed(seen: list[object]) -> set[str]:
    """The kinds of screen and widget that were built, from the messages the app handled."""
    return {type(m._sender).__name__ for m in seen if isinstance(m, events.Compose)}


class RefusingStore(Store):
    """A real store that cannot make a new session's file (a full disk, a folder it may not write)."""

    def create(self, session: Session) -> SessionWriter:
        raise StoreError(WHY)


async def test_new_with_consent_opens_on_the_live_screen_alone_and_saves_the_session(build_app, store_dir):
    app = build_app(straight_in(store_dir))
    seen: list[object] = []
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await pilot.pause()
        assert "LiveScreen" in composed(seen) and "HomeScreen" not in composed(seen)  # no home built beneath
        live = app.screen
        assert isinstance(live, LiveScreen)
        saved = Store(store_dir).load(live.session.id)
        assert saved.participant.name == "Dana Lee" and saved.consent_to_record is True
        assert saved.status == "in_progress" and saved.started_at == live.session.started_at
        app.go_back()  # the first screen of the run: back is home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_note_typed_as_the_live_screen_first_shows_is_saved(build_app, store_dir):
    app = build_app(straight_in(store_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.screen
        assert isinstance(live, LiveScreen)
        await burst(pilot, *"first words")  # at once: the file may not be made yet
        await pilot.press("enter")
        await pilot.pause()
    notes = Store(store_dir).load(live.session.id).notes
    assert [note.text for note in notes] == ["first words"]


async def test_an_enter_typed_before_the_app_took_the_terminal_saves_the_note(build_app, store_dir):
    """Typed as the command starts, Enter reaches the app as a newline (ctrl+j): the terminal's line
    editing turns it into one until the app puts the terminal in raw mode. It saved nothing."""
    app = build_app(straight_in(store_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.screen
        await burst(pilot, *"typed ahead", "ctrl+j", *"next")
        await pilot.pause()
        assert live.note_field.text == "next"
    assert [note.text for note in Store(store_dir).load(live.session.id).notes] == ["typed ahead"]


async def test_a_session_the_store_cannot_make_goes_home_saying_why(build_app, store_dir):
    app = build_app(straight_in(store_dir))
    app.store = RefusingStore(store_dir)
    seen: list[object] = []
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not any(isinstance(screen, LiveScreen) for screen in app.screen_stack)
        assert app.is_running
    shown = [m.notification.message for m in seen if isinstance(m, Notify)]
    assert shown.count(WHY) == 1
    assert Store(store_dir).summaries() == []


# --- the first frame the terminal gets: a real process on a pseudo-terminal, stopped once it is written ------
PROBE = """
import gc, json, os, sys
import textual.app

App = textual.app.App
display = App._display
frames = []
enable = gc.enable


def collecting_again():  # PROBE_UNTIL=collecting: stop when the collector is turned back on
    enable()
    with open(os.environ["PROBE_OUT"], "w") as out:
        json.dump({"frames_before": len(frames), "frozen": gc.get_freeze_count()}, out)
    os._exit(0)


gc.enable = collecting_again


def first_frame(self, screen, renderable):
    driver = self._driver
    written = []
    driver.write = written.append  # what this frame sends to the terminal, kept
    try:
        display(self, screen, renderable)
    finally:
        del driver.write
    for text in written:
        driver.write(text)
    if "".join(written).strip():
        frames.append(1)
        if os.environ.get("PROBE_UNTIL") == "collecting":
            return
        with open(os.environ["PROBE_OUT"], "w") as out:
            styles = [os.path.basename(path) for path, _ in self.stylesheet.source if path.endswith(".tcss")]
            json.dump({"screen": type(screen).__name__, "modules": sorted(sys.modules), "styles": styles,
                       "frame": "".join(written), "collecting": gc.isenabled()}, out)
        os._exit(0)


App._display = first_frame
from tui.cli import main

main(sys.argv[1:])
"""
STORE_WORK = ("tui.store", "tui.storage", "tui.index", "tui.writer", "tinydb", "sqlite3", "msgspec")
NOT_FOLLOW_UP = (  # what a first interview's live screen never shows, and a user without a keymap never checks
    "tui.core.followups", "tui.widgets.earlier_pains", "tui.core.session_themes", "tui.keymap",
)
NOTE_FIELD = ("tui.widgets.note_field", "textual.widgets._text_area", "textual.document")  # mounted just after


def first_frame_of(tmp_path: Path, *args: str, until: str = "frame") -> dict:
    """`interview --store S ARGS` on an 80x24 pseudo-terminal: the screen of the first frame written to
    it, that frame as the terminal shows it (`rows`), and the modules imported and styles read by then."""
    import pty

    import pyte

    out = tmp_path / "probe.json"
    env = {**os.environ, "PROBE_OUT": str(out), "PROBE_UNTIL": until, "XDG_CONFIG_HOME": str(tmp_path / "config"), "TERM": "xterm-256color"}
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-c", PROBE, "--store", str(tmp_path / "store"), *args], stdin=slave, stdout=slave, stderr=slave, env=env
    )
    os.close(slave)
    try:
        drawn_until(master, lambda _: process.poll() is not None, "no first frame")
    finally:
        os.close(master)
    shown = json.loads(out.read_text())
    screen = pyte.Screen(80, 24)
    pyte.Stream(screen).feed(shown.get("frame", ""))
    return {**shown, "rows": screen.display}


def loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == n or m.startswith(n + ".") for n in names)]


@pytest.mark.parametrize(
    "args, screen, later, styles",
    [
        ((), "HomeScreen", STORE_WORK + ("tui.catalog", "tui.core.guide", "tomllib"), ("home.tcss",)),  # the menu is filled after it
        (
            ("new", "--guide", str(DATA / "three.toml"), "--participant", "Dana Lee", "--consent", "yes"),
            "LiveScreen", STORE_WORK + ("importlib.resources",) + NOT_FOLLOW_UP + NOTE_FIELD, ("live.tcss",),  # the guide on disk, not in a zip
        ),
        (("history",), "HistoryScreen", STORE_WORK, ("history.tcss",)),  # the rows come from the index after it
        (("search", "--tui"), "SearchScreen", STORE_WORK, ()),  # the index is refreshed after it (it imported the store first)
    ],
)
def test_the_first_frame_waits_for_no_store_work_and_no_other_screens_styles(tmp_path, args, screen, later, styles):
    shown = first_frame_of(tmp_path, *args)
    assert shown["screen"] == screen
    assert loaded(shown["modules"], later) == []
    assert shown["styles"] == ["app.tcss", *styles]


@pytest.mark.parametrize(
    "args, top, below, keys",
    [
        ((), "Interview Companion", "▁▁▁▁▁▁▁▁▁▁", "q Quit"),  # the menu's box to its bottom, then the keys
        (("new", "--guide", str(DATA / "three.toml"), "--participant", "Dana Lee", "--consent", "yes"), "Dana Lee", "STAR", "Wrap up"),
        (("history",), "History", "Date  Participant", "esc Back"),  # the table's header, under the filter
        (("search", "--tui"), "Search notes", "Date  Participant", "palette"),
    ],
)
def test_the_first_frame_written_is_the_whole_screen_with_its_keys(tmp_path, args, top, below, keys):
    """Not a few rows of it: a frame rendered inside Textual's start-up batch is dropped, and only what
    changed after it would reach the terminal (history's last rows, say, and no title or table above
    them). The keys are in it too: Textual's Footer would add them a refresh or two later."""
    rows = first_frame_of(tmp_path, *args)["rows"]
    assert top in rows[0] and any(below in row for row in rows[1:-1]) and keys in rows[-1], "\n".join(rows)


def test_the_collector_waits_for_the_first_frame_then_skips_what_start_up_made(tmp_path):
    """Start-up's objects (modules, classes, CSS rules, widgets) live as long as the app: collecting
    while they are made walked them again and again; once drawn they are frozen and collecting resumes."""
    assert first_frame_of(tmp_path)["collecting"] is False
    resumed = first_frame_of(tmp_path, until="collecting")
    assert resumed["frames_before"] >= 1 and resumed["frozen"] > 10_000


def test_every_screens_styles_parse_and_are_used():
    """A screen's styles are parsed when it is first opened, not at start-up: a mistake in one must not wait for that."""
    folder = Path(tui.screens.__file__).parent
    sources = " ".join(path.read_text() for path in folder.glob("*.py"))
    variables = App().get_css_variables()  # $accent, $boost...: the theme's
    for path in sorted(STYLES.glob("*.tcss")):
        stylesheet = Stylesheet(variables=variables)
        stylesheet.add_source(path.read_text(), read_from=(str(path), ""))
        stylesheet.parse()  # raises on an error, naming the file
        assert path.name == "app.tcss" or f'use_styles(self, "{path.name}")' in sources, f"{path.name} is read by no screen"


def screen_drawn(app: App) -> str:
    """The screen as the terminal gets it, styles and all (ANSI)."""
    import io

    from rich.console import Console

    console = Console(width=app.size.width, height=app.size.height, record=True, file=io.StringIO(), color_system="truecolor")
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text(styles=True)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_the_first_frame_draws_the_note_field_as_it_is_once_mounted(build_app, store_dir, monkeypatch, size):
    """As the first screen, the live screen draws a stand-in for its note field, and mounts the field
    (a TextArea, 7 ms of imports) just after: the two frames differ only by the field's cursor."""

    async def shown(stand_in: bool) -> str:
        app = build_app(straight_in(store_dir))
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert [type(w).__name__ for w in app.screen.query("#note, #note-placeholder")] == ["Static" if stand_in else "NoteField"]
            for field in app.screen.query("NoteField"):
                field.blur()  # no cursor
            app.screen.query_one("PaceClock").tick()
            await pilot.pause()
            return screen_drawn(app)

    mounted = await shown(stand_in=False)
    monkeypatch.setattr(LiveScreen, "mount_field", lambda screen: screen.field_ready.set() or asyncio.sleep(0))
    assert await shown(stand_in=True) == mounted
