"""A paste holding ESC (tmux passes it on as it is) is one paste, in order, its ESCs shown as ␛."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from pilot_helpers import drawn_until, live_on_a_terminal

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
    with live_on_a_terminal(tmp_path) as (process, terminal, store_dir):
        os.write(terminal, ("\x1b[200~" + PASTED + "\x1b[201~").encode())
        os.write(terminal, b"\r")
        drawn_until(terminal, lambda drawn: "a sheet".encode() in drawn, "the note was not drawn")
        os.write(terminal, b"typed after\r")
        drawn_until(terminal, lambda drawn: b"typed after" in drawn, "the next note was not drawn")
        process.send_signal(signal.SIGTERM)
        drawn_until(terminal, lambda _: process.poll() is not None, "the app did not end")
    [summary] = Store(store_dir).summaries()
    notes = Store(store_dir).load(summary.id).notes
    assert [(n.kind, n.text) for n in notes] == [("quote", SHOWN.removeprefix('" ')), ("note", "typed after")]
