"""Typing into the live screen costs no more than typing into a bare Textual Input.

Run: python tests/benchmarks/bench_typing.py [--first-frame] [--rounds N]

In one run it types 1,000 characters and commits 50 notes into the live screen
(timers running, real store in a temp dir), and the same keys into a bare app
with one Input. Keys go through the app's driver queue one at a time. A key's
time is from sending it to the first frame rendered after the note field
changed: what the interviewer sees. Textual draws at most 60 frames a second,
so keys are sent after random pauses of 10-50 ms to land at every phase of
that frame clock in both apps alike. A second pass sends the same keys 15 ms apart, like a fast
typist, with timers running, and divides the process's CPU time by the keys.

It also times process start to the first frame of `interview` (home), of
`interview new ...` and of a bare Textual app, run one after the other in each
of RUNS rounds so the three share the machine's load, in a real 80x24
pseudo-terminal. The output goes through a terminal emulator (pyte), and a
frame counts once the words of the screen's title row are on that row and the
words of its last line (its keys; the bare app's field) are drawn, as the user
would see them: a frame reaches the terminal in pieces, top first, so the title
alone is not the screen. The cursor never sits on either, so a cursor drawn on
a marker (the placeholder of a focused field) cannot hide it until it blinks.
Then, in rounds of their own, it types two keys into the terminal as the bare app and
`interview new` are spawned, and times them until the keys are drawn in the field: the
live screen's note field is mounted just after its first frame, so this says whether the
first frame's head start costs a hurried hand anything.
The last line is JSON.
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import pty
import random
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Input, TextArea

from tui.app import Start, make_app
from tui.catalog import discover
from tui.core.session import Participant, Session
from tui.store import Store

CHARACTERS = 1000
NOTES = 50
CADENCE = 0.015
GAPS = (0.01, 0.05)  # random pauses, so keys land at every phase of the 60 fps frame clock
POLL = 0.0005
RUNS = 15  # rounds of first frames: with 5, one busy moment of this machine moved a median ratio by 0.4
TYPED_AHEAD = b"qz"  # typed as the command starts, before any screen shows
TEXT = "the export failed again at month end #export and she rebuilt it by hand "

BARE_APP = """
from textual.app import App
from textual.widgets import Input, Static
class Bare(App):
    def compose(self):
        yield Static("READY MARKER")
        yield Input(placeholder="type here")
Bare().run()
"""


class BareApp(App[None]):
    """One Input that, like the note field, clears when Enter commits it."""

    def compose(self) -> ComposeResult:
        yield Input()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.input.value = ""


def keystrokes() -> list[str]:
    """1,000 characters in 50 notes of 20, each followed by Enter."""
    per_note = CHARACTERS // NOTES
    keys: list[str] = []
    for n in range(NOTES):
        keys += list((TEXT * 2)[n % 10 : n % 10 + per_note])
        keys.append("enter")
    return keys


def text_of(field: Input | TextArea) -> str:
    return field.text if isinstance(field, TextArea) else field.value


def key_event(app: App, key: str) -> events.Key:
    names = {"enter": "enter", " ": "space", "#": "number_sign"}
    event = events.Key(names.get(key, key), "\r" if key == "enter" else key)
    event.set_sender(app)
    return event


async def type_keys(app: App, keys: list[str]) -> dict[str, float]:
    """Key-to-frame latency of each key, then the CPU each key costs."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        field = app.focused
        assert isinstance(field, (Input, TextArea)), field
        driver = app._driver
        assert driver is not None
        frames: list[tuple[float, str]] = []  # when a frame was ready for the terminal, showing what
        display = app._display

        def recording_display(screen, renderable) -> None:  # type: ignore[no-untyped-def]
            if renderable is not None:
                frames.append((time.perf_counter(), text_of(field)))
            display(screen, renderable)

        app._display = recording_display  # type: ignore[method-assign]
        latencies: list[float] = []
        gaps = random.Random(7)
        for key in keys:
            before, seen = text_of(field), len(frames)
            sent = time.perf_counter()
            driver.send_message(key_event(app, key))
            while not any(value != before for _, value in frames[seen:]):
                await asyncio.sleep(POLL)
            shown = next(when for when, value in frames[seen:] if value != before)
            latencies.append(shown - sent)
            await asyncio.sleep(gaps.uniform(*GAPS))

        cpu_start = time.process_time()
        for key in keys:
            driver.send_message(key_event(app, key))
            await asyncio.sleep(CADENCE)
        await pilot.pause()
        cpu = time.process_time() - cpu_start
    latencies.sort()
    return {
        "median_ms": round(statistics.median(latencies) * 1000, 2),
        "p95_ms": round(latencies[int(len(latencies) * 0.95)] * 1000, 2),
        "cpu_per_key_ms": round(cpu / len(keys) * 1000, 3),
    }


def live_app(store_dir: Path) -> App:
    guide = discover().find("customer-impact")
    session = Session(guide=guide, participant=Participant(name="Bench Mark"))
    Store(store_dir).create(session).close()
    return make_app(store_dir=store_dir, start=Start("live", session_id=session.id), config_path=store_dir / "none.toml")


Marker = tuple[str, str]  # words on the top row, and words below it drawn last (a footer's keys)


def shown(display: list[str], marker: Marker) -> bool:
    """The screen is there: its title row, and what its frame draws last (rows arrive top first)."""
    top, last = marker
    return top in display[0] and any(last in row for row in display[1:])


def first_frame_seconds(command: list[str], marker: Marker, env: dict[str, str], then=None, typed: bytes = b"") -> float:
    """Seconds from spawning `command` in an 80x24 pseudo-terminal until `marker` shows (see `shown`).

    `typed` is written to the terminal right after the spawn, as a hand that types before the
    screen shows (the marker then names it: it counts once drawn in the field).
    `then(pid, read)`, if given, runs once the marker shows, before the process is ended (to read its
    memory); `read()` takes in what the process drew since, so it never waits on a full terminal.
    """
    import pyte

    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    if typed:
        os.write(master, typed)
    try:
        while not shown(screen.display, marker):
            ready, _, _ = select.select([master], [], [], 10)
            if not ready:
                raise RuntimeError(f"no first frame from {command}: {screen.display[:3]!r}")
            stream.feed(os.read(master, 65536))
        seconds = time.perf_counter() - started
        if then is not None:
            then(process.pid, lambda: stream.feed(os.read(master, 65536)) if select.select([master], [], [], 0.05)[0] else None)
        return seconds
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            while select.select([master], [], [], 0.5)[0]:
                os.read(master, 65536)
        except OSError:
            pass
        process.wait(timeout=10)
        os.close(master)


def paired_first_frames(
    commands: dict[str, tuple[list[str], Marker]], env: dict[str, str], runs: int = RUNS, typed: bytes = b"",
) -> dict[str, float]:
    """Median ms to each command's marker, the commands taken in turn in every round (a bare app
    among them), so a busy moment of the machine falls on all of them alike."""
    for command, marker in commands.values():
        first_frame_seconds(command, marker, env, typed=typed)  # warm: .pyc files, the page cache
    seconds: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, marker) in commands.items():
            seconds[name].append(first_frame_seconds(command, marker, env, typed=typed))
    return {name: round(statistics.median(values) * 1000, 1) for name, values in seconds.items()}


def rounds() -> int:
    """`--rounds N`: rounds of first frames (RUNS if not given)."""
    if "--rounds" in sys.argv:
        return int(sys.argv[sys.argv.index("--rounds") + 1])
    return RUNS


def startup(tmp: Path) -> dict[str, float]:
    """Process start to first frame: a bare app, `interview` (home), `interview new`, paired in each round."""
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # set to anything, it stops .pyc files: every run would compile
    bare_script = tmp / "bare_app.py"
    bare_script.write_text(BARE_APP)
    store = ["--store", str(tmp / "startup-store")]
    commands = {
        "bare": ([sys.executable, str(bare_script)], ("READY MARKER", "type here")),
        "home": ([sys.executable, "-m", "tui", *store], ("Interview Companion", "Quit")),  # title row, footer
        "new": (
            [sys.executable, "-m", "tui", *store, "new", "--guide", "customer-impact", "--participant", "Bench Mark",
             "--consent", "yes"],
            ("Bench Mark", "Wrap up"),  # the live screen's title row (who is interviewed) and its key bar
        ),
    }
    ms = paired_first_frames(commands, env, rounds())
    # Keys typed before the screen shows, drawn in the field: `new` mounts its note field after the
    # first frame (LiveScreen.mount_field), so this is what that frame's head start leaves of it.
    typing = {name: (command, (marker[0], TYPED_AHEAD.decode())) for name, (command, marker) in commands.items() if name != "home"}
    typed = paired_first_frames(typing, env, rounds(), typed=TYPED_AHEAD)
    return {
        "bare_first_frame_ms": ms["bare"],
        "interview_home_first_frame_ms": ms["home"],
        "interview_new_first_frame_ms": ms["new"],
        "home_ratio": round(ms["home"] / ms["bare"], 2),
        "new_ratio": round(ms["new"] / ms["bare"], 2),
        "bare_typed_ahead_drawn_ms": typed["bare"],
        "interview_new_typed_ahead_drawn_ms": typed["new"],
        "new_typed_ahead_ratio": round(typed["new"] / typed["bare"], 2),
    }


def main() -> None:
    if "--first-frame" in sys.argv:  # only the start-up rounds: a minute instead of several
        with tempfile.TemporaryDirectory() as folder:
            print(json.dumps(startup(Path(folder))))
        return
    keys = keystrokes()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        bare = asyncio.run(type_keys(BareApp(), keys))
        live = asyncio.run(type_keys(live_app(tmp / "store"), keys))
        saved = Store(tmp / "store").summaries()[0].note_count
        frames = startup(tmp)
    result = {
        "keys": len(keys),
        "notes_saved": saved,  # twice the 50: both passes commit their notes
        "bare_input": bare,
        "live_screen": live,
        "per_key_ratio": round(live["median_ms"] / bare["median_ms"], 2),
        "cpu_per_key_ratio": round(live["cpu_per_key_ms"] / bare["cpu_per_key_ms"], 2),
        **frames,
        "targets": {"per_key_ratio": 1.3, "home_ratio": 1.3, "new_ratio": 1.3},
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
