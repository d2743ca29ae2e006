"""What the first frame waits for: only what it shows. The rest comes right after it, and still comes.

`interview new --participant X --consent yes` opens on the live screen alone (no home composed
beneath it) and makes the session's file just after the first frame; a key that saves before
then makes it at once, and a store that cannot take it sends the interviewer home, saying why,
as it did before the live screen showed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.notifications import Notify

from pilot_helpers import burst

import tui.screens
from tui.cli import build_parser
from tui.commands.app_commands import new_start
from tui.core.session import Session
from tui.files import StoreError
from tui.screens.base import STYLES
from tui.screens.home import HomeScreen
from tui.screens.live import LiveScreen
from tui.store import SessionWriter, Store

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


# --- what is imported before the first frame: a real process, headless, stopped at its first frame -----------
PROBE = """
import json, os, sys
import textual.app

App = textual.app.App
display, run = App._display, App.run


def first_frame(self, screen, renderable):
    display(self, screen, renderable)
    if renderable is not None:
        with open(os.environ["PROBE_OUT"], "w") as out:
            styles = [os.path.basename(path) for path, _ in self.stylesheet.source if path.endswith(".tcss")]
            json.dump({"screen": type(screen).__name__, "modules": sorted(sys.modules), "styles": styles}, out)
        os._exit(0)


App._display = first_frame
App.run = lambda self, **kwargs: run(self, headless=True, size=(80, 24))
from tui.cli import main

main(sys.argv[1:])
"""
STORE_WORK = ("tui.store", "tui.storage", "tui.index", "tui.writer", "tinydb", "sqlite3", "msgspec")


def first_frame_of(tmp_path: Path, *args: str) -> tuple[str, list[str], list[str]]:
    """The screen `interview --store S ARGS` first draws, the modules imported and the styles read by then."""
    out = tmp_path / "probe.json"
    env = {**os.environ, "PROBE_OUT": str(out), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    subprocess.run([sys.executable, "-c", PROBE, "--store", str(tmp_path / "store"), *args], env=env, timeout=60, check=True)
    shown = json.loads(out.read_text())
    return shown["screen"], shown["modules"], shown["styles"]


def loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == n or m.startswith(n + ".") for n in names)]


@pytest.mark.parametrize(
    "args, screen, later, styles",
    [
        ((), "HomeScreen", STORE_WORK + ("tui.catalog", "tui.core.guide"), "home.tcss"),  # the menu is filled after it
        (
            ("new", "--guide", str(DATA / "three.toml"), "--participant", "Dana Lee", "--consent", "yes"),
            "LiveScreen", STORE_WORK, "live.tcss",
        ),
        (("history",), "HistoryScreen", STORE_WORK, "history.tcss"),  # the rows come from the index after it
    ],
)
def test_the_first_frame_waits_for_no_store_work_and_no_other_screens_styles(tmp_path, args, screen, later, styles):
    shown, modules, read = first_frame_of(tmp_path, *args)
    assert shown == screen
    assert loaded(modules, later) == []
    assert read == ["app.tcss", styles]


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
