"""Closing the terminal (SIGHUP) or SIGTERM leaves the session saved as interrupted."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from pilot_helpers import drawn_until, live_on_a_terminal

from tui.store import Store


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_saves_the_session_as_interrupted(tmp_path: Path, sig: signal.Signals):
    with live_on_a_terminal(tmp_path) as (process, terminal, store_dir):
        os.write(terminal, b"kept note\r")
        drawn_until(terminal, lambda drawn: b"kept note" in drawn, "the note was not drawn")
        os.write(terminal, b"unsent draft")
        drawn_until(terminal, lambda drawn: b"unsent draft" in drawn, "the draft was not drawn")
        process.send_signal(sig)
        # Keep reading while it ends: an app whose terminal is not read blocks on a full one.
        drawn_until(terminal, lambda _: process.poll() is not None, "the app did not end")
    [summary] = Store(store_dir).summaries()
    session = Store(store_dir).load(summary.id)
    assert session.status == "interrupted"
    assert [n.text for n in session.notes] == ["kept note"]
    assert session.draft.text == "unsent draft"


AT_THE_FIRST_FRAME = """
import os, signal, sys
import textual.app

display = textual.app.App._display


def first_frame(self, screen, renderable):  # SIGTERM the moment the live screen's first frame is written
    display(self, screen, renderable)
    if renderable is not None and type(screen).__name__ == "LiveScreen":
        textual.app.App._display = display
        os.kill(os.getpid(), signal.SIGTERM)


textual.app.App._display = first_frame
from tui.cli import main

sys.exit(main(sys.argv[1:]))
"""


def test_a_signal_at_the_first_frame_before_the_note_field_is_mounted_saves_and_ends(tmp_path: Path):
    """The note field is mounted just after the first frame, while the app holds its keys back:
    a signal in between ended in a frozen app, or in a traceback, and must end as any other."""
    import fcntl
    import pty
    import struct
    import subprocess
    import sys
    import termios

    store_dir = tmp_path / "store"
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    command = [sys.executable, "-c", AT_THE_FIRST_FRAME, "--store", str(store_dir), "new", "--guide", "customer-impact",
               "--participant", "Sam", "--consent", "yes"]
    process = subprocess.Popen(command, stdin=secondary, stdout=secondary, stderr=secondary, env=env, start_new_session=True)
    os.close(secondary)
    try:
        drawn = drawn_until(primary, lambda _: process.poll() is not None, "the app did not end", timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(primary)
    assert process.returncode == 0, drawn[-2000:]
    assert b"Error" not in drawn and b"Traceback" not in drawn
    [summary] = Store(store_dir).summaries()
    assert summary.status == "interrupted"
