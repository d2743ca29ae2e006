"""Closing the terminal (SIGHUP) or SIGTERM leaves the session saved as interrupted."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tui.store import Store


def read_until(fd: int, marker: bytes, timeout: float = 20.0) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"never saw {marker!r}: {seen[-400:]!r}")
        seen += os.read(fd, 65536)
    return seen


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
        read_until(master, b"Type a note")
        os.write(master, b"kept note\r")
        read_until(master, b"kept note")
        os.write(master, b"unsent draft")
        read_until(master, b"unsent draft")
        process.send_signal(sig)
        assert process.wait(timeout=15) is not None
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    [summary] = Store(store_dir).summaries()
    session = Store(store_dir).load(summary.id)
    assert session.status == "interrupted"
    assert [n.text for n in session.notes] == ["kept note"]
    assert session.draft.text == "unsent draft"
