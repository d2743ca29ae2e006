"""`interview list | export | import | delete | restore` against a real store in a tmp dir."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import signal
import stat
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest


from pilot_helpers import drawn_until  # noqa: E402
from sample_sessions import make_session  # noqa: E402

from tui.cli import main  # noqa: E402
from tui.core.export import render  # noqa: E402
from tui.core.session import Session  # noqa: E402
from tui.store import Store  # noqa: E402


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def sessions(root: Path) -> list[Session]:
    """Three saved sessions, oldest first."""
    store = Store(root)
    made = [make_session(8, seed) for seed in (11, 12, 13)]
    for day, session in enumerate(made, 1):
        session.started_at = f"2025-04-0{day}T10:00:00+00:00"
        store.create(session).close()
    return made


def run(root: Path, *args: str) -> int:
    return main(["--store", str(root), *args])


def interview(root: Path, *args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, as a user runs it."""
    command = [sys.executable, "-m", "tui", "--store", str(root), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, **kwargs)


def assert_one_line_error(stderr: str) -> None:
    assert stderr.startswith("interview") and stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr


# --- list ---------------------------------------------------------------------------
def test_list_of_an_empty_store(root: Path, capsys) -> None:
    assert run(root, "list") == 0
    assert capsys.readouterr().out.startswith("No sessions yet")


def test_list_is_an_aligned_table_newest_first_within_80_columns(root: Path, sessions, capsys) -> None:
    assert run(root, "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Date", "Participant", "Company", "Guide", "Status", "Time", "Notes", "ID"]
    assert [line.split()[-1] for line in lines[1:]] == [s.id[:8] for s in reversed(sessions)]
    assert all(len(line) <= 80 for line in lines)
    assert len({line.index(line.split()[-1]) for line in lines}) == 1  # the ID column lines up


def test_list_json(root: Path, sessions, capsys) -> None:
    assert run(root, "list", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["id"] for d in data] == [s.id for s in reversed(sessions)]
    assert data[0]["note_count"] == 8 and isinstance(data[0]["themes"], dict)


def test_list_reports_store_problems_on_stderr(root: Path, sessions, capsys) -> None:
    (root / "sessions" / "2025-01-01-junk-00000000.json").write_text("{")
    assert run(root, "list") == 0
    out, err = capsys.readouterr()
    assert "unreadable" in err and len(out.splitlines()) == 4


# --- export -------------------------------------------------------------------------
def test_export_prints_markdown_by_default(root: Path, sessions, capsys) -> None:
    assert run(root, "export", "latest") == 0
    assert capsys.readouterr().out == render(sessions[-1], "md")


def test_export_to_a_file_is_private_and_complete(root: Path, sessions, tmp_path: Path, capsys) -> None:
    target = tmp_path / "out.json"
    assert run(root, "export", sessions[0].id[:6], "--format", "json", "--output", str(target)) == 0
    assert target.read_text(encoding="utf-8") == render(sessions[0], "json")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    out, err = capsys.readouterr()
    assert out == "" and str(target) in err


def test_export_anonymized_hides_the_name(root: Path, sessions, capsys) -> None:
    named = next(s for s in sessions if s.participant.name)
    assert run(root, "export", named.id, "--anonymize", "--format", "txt") == 0
    assert named.participant.name not in capsys.readouterr().out


def test_export_copy_reports_where_the_text_went(root: Path, sessions, capsys) -> None:
    assert run(root, "export", "latest", "--copy") == 0
    out, err = capsys.readouterr()
    assert out == "" and err.strip()


def test_export_of_an_exported_json_imports_back_unchanged(root: Path, sessions, tmp_path: Path, capsys) -> None:
    target = tmp_path / "share.json"
    run(root, "export", "latest", "--format", "json", "--output", str(target))
    assert run(root, "import", str(target)) == 0
    assert capsys.readouterr().out.startswith("Already in the store")


@pytest.mark.parametrize("ref", ["nope", ""])
def test_export_of_an_unknown_id_is_one_line_exit_2(root: Path, sessions, ref: str) -> None:
    result = interview(root, "export", ref)
    assert result.returncode == 2 and result.stdout == ""
    assert_one_line_error(result.stderr)


def test_an_ambiguous_prefix_is_one_line_exit_2(root: Path) -> None:
    store = Store(root)
    for seed, session_id in ((1, "abcd1111-x"), (2, "abcd2222-y")):
        session = make_session(1, seed)
        session.id = session_id
        store.create(session).close()
    result = interview(root, "export", "abcd")
    assert result.returncode == 2
    assert_one_line_error(result.stderr)
    assert "abcd1111" in result.stderr and "abcd2222" in result.stderr


def test_export_to_a_missing_folder_is_one_line_exit_2(root: Path, sessions, tmp_path: Path) -> None:
    result = interview(root, "export", "latest", "--output", str(tmp_path / "no" / "such" / "x.md"))
    assert result.returncode == 2
    assert_one_line_error(result.stderr)


def test_an_unknown_format_is_a_usage_error(root: Path) -> None:
    result = interview(root, "export", "latest", "--format", "pdf")
    assert result.returncode == 2
    assert_one_line_error(result.stderr)


# --- import -------------------------------------------------------------------------
def test_import_reports_each_file_and_fails_for_bad_ones(root: Path, tmp_path: Path, capsys) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(make_session(3, 7).to_dict()))
    bad = tmp_path / "bad.json"
    bad.write_text("not json")
    assert run(root, "import", str(good), str(bad)) == 2
    out, err = capsys.readouterr()
    assert out.startswith("Imported session") and "bad.json" in err and err.count("\n") == 1
    assert len(Store(root).summaries()) == 1


# --- delete and restore -------------------------------------------------------------
def test_delete_without_a_terminal_or_yes_refuses(root: Path, sessions) -> None:
    result = interview(root, "delete", sessions[0].id[:8], stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert_one_line_error(result.stderr)
    assert "--yes" in result.stderr
    assert len(Store(root).summaries()) == 3


def test_delete_yes_then_restore(root: Path, sessions, capsys) -> None:
    target = sessions[1]
    assert run(root, "delete", target.id[:8], "--yes") == 0
    assert "interview restore" in capsys.readouterr().out
    assert target.id not in [s.id for s in Store(root).summaries()]
    assert run(root, "restore", target.id[:8]) == 0
    assert capsys.readouterr().out.startswith(f"Restored session {target.id[:8]}")
    assert Store(root).load(target.id).to_dict() == target.to_dict()


@pytest.mark.parametrize(("answer", "code", "left"), [("y", 0, 2), ("", 1, 3)])
def test_delete_asks_on_a_terminal(root: Path, sessions, answer: str, code: int, left: int) -> None:
    primary, secondary = pty.openpty()
    try:
        os.write(primary, f"{answer}\n".encode())
        result = interview(root, "delete", sessions[0].id[:8], stdin=secondary)
    finally:
        os.close(primary)
        os.close(secondary)
    assert result.returncode == code, result.stderr
    name = sessions[0].participant.name or "anonymous"
    assert f"Delete session {sessions[0].id[:8]} ({name}, {sessions[0].date})? [y/N]" in result.stdout
    assert len(Store(root).summaries()) == left


def test_resume_refuses_a_completed_session_in_one_line(tmp_path, capsys) -> None:
    from tui.cli import main

    root = tmp_path / "store"
    session = make_session(2, seed=9)
    session.status = "completed"
    Store(root).create(session).close()
    assert main(["--store", str(root), "resume", session.id[:8]]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "completed" in err and "interview review" in err


# --- a live session whose process dies --------------------------------------------------
def live_app(root: Path) -> tuple[int, int]:
    """`interview new ... --participant` in a real pseudo-terminal (80x24): (pid, terminal fd)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, on the terminal's other side
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.environ["TERM"] = "xterm-256color"
        os.execv(sys.executable, [sys.executable, "-m", "tui", "--store", str(root), "new", "--guide", "customer-impact", "--participant", "Dana Lee", "--consent", "yes"])
    return pid, fd


def journaled(root: Path, text: str) -> bool:
    folder = root / "journal"
    return folder.is_dir() and any(text in p.read_text(errors="replace") for p in folder.iterdir())


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "sigint"])
def test_a_session_whose_process_died_is_listed_as_interrupted(root: Path, capsys, how: signal.Signals) -> None:
    pid, fd = live_app(root)
    try:
        drawn_until(fd, lambda drawn: b"Type a note" in drawn, "the live screen was not drawn")
        os.write(fd, b"they export by hand every Friday\r")
        drawn_until(fd, lambda _: journaled(root, "every Friday"), "the note was not journaled")
        assert run(root, "list") == 0
        assert "in progress" in capsys.readouterr().out
        os.kill(pid, how)
        drawn_until(fd, lambda _: os.waitpid(pid, os.WNOHANG)[0] == pid, "the app did not end")
    finally:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
    assert run(root, "list") == 0
    out = capsys.readouterr().out
    assert "interrupted" in out and "in progress" not in out
    session = Store(root).load_ref("latest")
    assert session.notes[-1].text == "they export by hand every Friday"
