"""Helpers for Pilot tests: typing in one burst, one bounded wait, notices and the screen as text.

Importable from any test: tests/ is on the path.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import select
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from textual import events
from textual.keys import KEY_NAME_REPLACEMENTS, key_to_character
from textual.notifications import Notify


def _key_event(key: str) -> events.Key:
    """The event the terminal driver would send for `key`: a key name ("enter", "ctrl+s") or one character."""
    if len(key) == 1:
        if key.isalnum():
            return events.Key(key, key)
        name = "tab" if key == "\t" else unicodedata.name(key, key).lower().replace("-", "_").replace(" ", "_")
        return events.Key(KEY_NAME_REPLACEMENTS.get(name, name), key)
    return events.Key(key, key_to_character(key))


async def burst(pilot, *keys: str) -> None:
    """Press `keys` as a fast typist or a terminal would send them: all at once, then wait once.

    `pilot.press` waits for the app to go idle after every key (40 ms or more each); posting the
    events to the app, as the driver does, and pausing afterwards costs that wait once per burst.
    As with type-ahead in a terminal, the app reads every key before the focused widget handles the
    ones before it, so a key whose binding looks at what was typed (ctrl+d, up, ctrl+z...) or that
    opens a screen does not belong in the burst: `pilot.press` it afterwards.
    The first pause lets the app forward every key; the second lets the widgets handle what was forwarded.
    """
    for key in keys:
        pilot.app.post_message(_key_event(key))
    await pilot.pause()
    await pilot.pause()


async def until(pilot, condition: Callable[[], object], what: str = "the app did not get there", tries: int = 500) -> None:
    """Let the app run until `condition()` holds (workers post their results back); fail loudly after ~10 s."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"{what} (waited {tries} pauses)")


def drawn_until(fd: int, done: Callable[[bytes], object], what: str, timeout: float = 30.0) -> bytes:
    """Read what an app in a pseudo-terminal draws (so it never blocks on a full terminal) until
    `done(drawn)` holds; fail loudly after `timeout` s. The same bound as `until`, for a real process."""
    drawn, closed = b"", False
    deadline = time.monotonic() + timeout
    while not done(drawn):
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"{what} (waited {timeout:g} s{', the terminal closed' if closed else ''}; last drawn {drawn[-300:]!r})")
        if closed:  # nothing more to read: only `done` can still change (a process being reaped)
            time.sleep(min(left, 0.02))
        elif select.select([fd], [], [], min(left, 0.05))[0]:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the app's side of the terminal is closed
                chunk = b""
            closed = not chunk
            drawn += chunk
    return drawn


@contextlib.contextmanager
def live_on_a_terminal(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], int, Path]]:
    """`interview new ... --consent yes` in an 80x24 pseudo-terminal, its real terminal driver
    reading what is written to the terminal's side: (process, that side's fd, its store folder),
    once its note field is drawn. The process is killed if it still runs at the end."""
    import fcntl
    import pty
    import struct
    import termios

    store_dir = tmp_path / "store"
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    command = [sys.executable, "-m", "tui", "--store", str(store_dir), "new", "--guide", "customer-impact", "--participant", "Sam", "--consent", "yes"]
    process = subprocess.Popen(command, stdin=secondary, stdout=secondary, stderr=secondary, env=env, start_new_session=True)
    os.close(secondary)
    try:
        drawn_until(primary, lambda drawn: b"Type a note" in drawn, "the note field was not drawn")
        yield process, primary, store_dir
    finally:
        if process.poll() is None:
            process.kill()
        os.close(primary)


def printed_on_a_terminal(argv: list[str]) -> tuple[subprocess.CompletedProcess[bytes], bytes]:
    """Run a command with a pseudo-terminal as its stdout (so it knows it prints to a terminal);
    the finished process, and every byte it printed there."""
    import pty

    primary, secondary = pty.openpty()
    try:
        result = subprocess.run(argv, stdout=secondary, stderr=subprocess.PIPE, timeout=60, check=False)
        os.close(secondary)
        shown = b""
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # EIO: all was read and the other side is closed
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(primary)
    return result, shown


async def first_screen(pilot) -> None:
    """Wait for the app's first screen. The app pushes it just after Textual's start-up (see
    `InterviewApp._start`); `run_test` waits for it, but a snapshot's `run_before` runs at once."""
    await until(pilot, lambda: len(pilot.app.screen_stack) > 1 and pilot.app.screen.is_mounted, "no first screen")


async def settled(pilot) -> None:
    """Let every running worker finish and the app handle what they posted back."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def notices(messages: list[object]) -> list[str]:
    """The text of every notice in `messages`, as collected by `run_test(message_hook=messages.append)`."""
    return [m.notification.message for m in messages if isinstance(m, Notify)]


SIZES = ((80, 24), (60, 20), (20, 8), (250, 70))
"""The sizes a sweep visits: the usual two, a tiny and a wide one (each costs a full layout, 0.1-0.3 s)."""

CELL_WIDTH = 12.2  # pixels per terminal cell in Textual's SVG screenshots


def screen_lines(app) -> list[str]:
    """The screen as text, one string per row, read from Textual's own screenshot (SVG)."""
    svg = app.export_screenshot()
    rows: dict[int, dict[int, str]] = {}
    for x, line, text in re.findall(r'<text [^>]*?x="([\d.]+)"[^>]*?clip-path="url\(#[\w-]+-line-(\d+)\)"[^>]*>(.*?)</text>', svg):
        row = rows.setdefault(int(line), {})
        for offset, char in enumerate(html.unescape(text).replace("\xa0", " ")):
            row[round(float(x) / CELL_WIDTH) + offset] = char
    return [
        "".join(rows.get(n, {}).get(c, " ") for c in range(max(rows.get(n, {0: ""}), default=0) + 1)).rstrip()
        for n in range(max(rows, default=-1) + 1)
    ]


def screen_text(app) -> str:
    """The whole screen as one string, for "is it on screen" checks."""
    return "\n".join(screen_lines(app))
