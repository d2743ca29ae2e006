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
