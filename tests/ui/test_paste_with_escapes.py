"""A paste holding ESC (tmux passes it on as it is) is one paste, in order, its ESCs shown as ␛."""

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

from pilot_helpers import drawn_until

from tui.paste_guard import GuardedParser, PasteGuard
from tui.store import Store

PASTED = '" We copy it by hand \x1b[31minto\x1b[0m a sheet'
SHOWN = '" We copy it by hand \u241b[31minto\u241b[0m a sheet'
INPUT = "a\x1b[200~" + PASTED + "\x1b[201~x\x1b[A"  # a key, the paste, a key, the up arrow


def events_of(chunks: list[str]) -> list[str]:
    parser = GuardedParser()
    found = [event for chunk in chunks for event in parser.feed(chunk)]
    return [f"Paste:{e.text}" if type(e).__name__ == "Paste" else f"Key:{e.key}" for e in found]


def test_the_paste_comes_whole_however_the_reads_cut_it() -> None:
    want = ["Key:a", f"Paste:{SHOWN}", "Key:x", "Key:up"]
    assert events_of([INPUT]) == want
    for first in range(1, len(INPUT)):
        for second in range(first + 1, len(INPUT)):
            chunks = [INPUT[:first], INPUT[first:second], INPUT[second:]]
            assert events_of(chunks) == want, chunks


def test_nothing_outside_a_paste_is_held_back_or_changed() -> None:
    """A lone ESC is the Escape key: the parser must see it at once to time it."""
    guard = PasteGuard()
    assert [guard(chunk) for chunk in ("\x1b", "\x1b[20", "x", "\x1b[A")] == ["\x1b", "\x1b[20", "x", "\x1b[A"]


def test_a_pasted_note_with_escapes_is_saved_in_order_on_a_real_terminal(tmp_path: Path) -> None:
    """Textual's parser read the text after an ESC as keys and the paste before it after them:
    the note was saved as `^[31minto^[0m a sheet" We copy it by hand`, a quote no more."""
    store_dir = tmp_path / "store"
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    command = [sys.executable, "-m", "tui", "--store", str(store_dir), "new", "--guide", "customer-impact", "--participant", "Sam", "--consent", "yes"]
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    try:
        drawn_until(master, lambda drawn: b"Type a note" in drawn, "the note field was not drawn")
        os.write(master, ("\x1b[200~" + PASTED + "\x1b[201~").encode())
        os.write(master, b"\r")
        drawn_until(master, lambda drawn: "a sheet".encode() in drawn, "the note was not drawn")
        os.write(master, b"typed after\r")
        drawn_until(master, lambda drawn: b"typed after" in drawn, "the next note was not drawn")
        process.send_signal(signal.SIGTERM)
        drawn_until(master, lambda _: process.poll() is not None, "the app did not end")
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    [summary] = Store(store_dir).summaries()
    notes = Store(store_dir).load(summary.id).notes
    assert [(n.kind, n.text) for n in notes] == [("quote", SHOWN.removeprefix('" ')), ("note", "typed after")]
