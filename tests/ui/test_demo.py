"""`interview demo`: eight sample interviews in a temporary store that is gone after exit."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from datetime import date
from pathlib import Path

from pilot_helpers import drawn_until, until

from tui.app import Start, make_app
from tui.core.clock import FakeClock
from tui.demo import DEMO_PREFIX, demo_sessions, temporary_demo_store
from tui.screens.history import HistoryScreen
from tui.store import Store
from tui.widgets.row_table import RowTable


def test_eight_varied_sessions_with_a_linked_follow_up() -> None:
    sessions = demo_sessions(date(2025, 4, 1))
    assert len(sessions) == 8 and len({s.id for s in sessions}) == 8
    assert {s.guide_name for s in sessions} == {"customer-impact", "customer-feedback", "switching", "follow-up"}
    assert len({s.participant.company for s in sessions}) == 7  # Ana twice, once in the follow-up
    follow_up = next(s for s in sessions if s.follow_up_of)
    assert follow_up.follow_up_of == sessions[0].id and follow_up.participant.name == sessions[0].participant.name
    assert {s.status for s in sessions} == {"completed", "paused"}
    assert all(s.takeaways and s.silences for s in sessions if s.status == "completed")
    kinds = {n.kind for s in sessions for n in s.notes}
    assert kinds == {"note", "quote", "pain", "idea", "action", "question"}
    assert any(any(q.star.values()) for s in sessions for q in s.questions)  # STAR coverage from S:/T:/A:/R:
    assert [s.follow_up_ok for s in sessions].count(True) == 4
    assert all(s.date < "2025-04-01" for s in sessions)
    assert demo_sessions(date(2025, 4, 1))[3].to_dict() == sessions[3].to_dict()  # the same every time


async def test_demo_opens_on_history_with_eight_sessions_and_leaves_nothing(tmp_path: Path) -> None:
    with temporary_demo_store(date(2025, 4, 1)) as root:
        assert root.name == "store" and root.parent.name.startswith(DEMO_PREFIX)
        app = make_app(store_dir=root, clock=FakeClock(), start=Start("history"), config_path=tmp_path / "c.toml")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.screen
            assert isinstance(screen, HistoryScreen)
            await until(pilot, lambda: screen.loaded, "the demo's history did not load")
            assert len(screen.query_one(RowTable).rows) == 8
        assert len(Store(root).summaries()) == 8
    assert not root.parent.exists()


def test_the_demo_store_is_removed_even_after_an_error() -> None:
    try:
        with temporary_demo_store() as root:
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert not root.parent.exists()


def test_interview_demo_in_a_terminal_cleans_up_and_leaves_the_users_store_alone(tmp_path: Path) -> None:
    """The real command in a pseudo-terminal: quit with ctrl+q, and its temp folder is gone."""
    temp, user_store = tmp_path / "tmp", tmp_path / "user-store"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "INTERVIEW_STORE": str(user_store), "TERM": "xterm-256color"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "demo"], stdin=follower, stdout=follower, stderr=follower, env=env, close_fds=True
    )
    os.close(follower)
    try:
        drawn_until(leader, lambda drawn: b"Ana Lima" in drawn, "the demo did not show its sessions")
        assert [p.name[: len(DEMO_PREFIX)] for p in temp.iterdir()] == [DEMO_PREFIX]
        os.write(leader, b"\x11")  # ctrl+q
        drawn_until(leader, lambda _: process.poll() is not None, "the demo did not end")
        assert process.returncode == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)
    assert list(temp.iterdir()) == []
    assert not user_store.exists()


def test_a_demo_folder_left_by_a_killed_demo_is_removed_by_the_next(tmp_path: Path, monkeypatch) -> None:
    """kill -9 leaves the folder and its lock file, but no process holds the lock any more."""
    import tempfile

    from tui.demo import remove_abandoned_demos

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    script = (
        "import os, sys\n"
        "from tui.demo import temporary_demo_store\n"
        "with temporary_demo_store() as root:\n"
        "    print(root, flush=True)\n"
        "    sys.stdin.readline()\n"
    )
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    killed = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True)
    left = Path(killed.stdout.readline().strip()).parent
    running = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True)
    alive = Path(running.stdout.readline().strip()).parent
    try:
        killed.kill()  # SIGKILL: no cleanup runs
        killed.wait(timeout=10)
        assert left.exists() and (left / "demo.lock").exists()
        with temporary_demo_store(date(2025, 4, 1)) as root:
            assert not left.exists()  # the next demo removed the leftover
            assert alive.exists()  # but not a demo still running
            assert root.exists()
        assert remove_abandoned_demos(tmp_path) == []  # a running demo's folder stays
        assert alive.exists()
    finally:
        running.communicate("\n", timeout=20)
    assert not alive.exists() and list(tmp_path.iterdir()) == []
