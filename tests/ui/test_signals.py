"""Closing the terminal (SIGHUP) or SIGTERM leaves the session saved as interrupted."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from pilot_helpers import drawn_until

from tui.store import Store


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_saves_the_session_as_interrupted(tmp_path: Path, sig: signal.Signals):
    store_dir = tmp_path / "store"
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    command = [sys.executable, "-m", "tui", "--store", str(store_dir), "new", "--guide", "customer-impact", "--participant", "Sam", "--consent", "yes"]
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    try:
        drawn_until(master, lambda drawn: b"Type a note" in drawn, "the note field was not drawn")
        os.write(master, b"kept note\r")
        drawn_until(master, lambda drawn: b"kept note" in drawn, "the note was not drawn")
        os.write(master, b"unsent draft")
        drawn_until(master, lambda drawn: b"unsent draft" in drawn, "the draft was not drawn")
        process.send_signal(sig)
        # Keep reading while it ends: an app whose terminal is not read blocks on a full one.
        drawn_until(master, lambda _: process.poll() is not None, "the app did not end")
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    [summary] = Store(store_dir).summaries()
    session = Store(store_dir).load(summary.id)
    assert session.status == "interrupted"
    assert [n.text for n in session.notes] == ["kept note"]
    assert session.draft.text == "unsent draft"
