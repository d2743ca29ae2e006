"""The clipboard ladder against real programs: fake clipboard tools on PATH.

Each test builds its own PATH (an empty folder plus the fakes it needs), so
what the machine has installed never matters.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import stat
import threading
from pathlib import Path

import pytest
from textual.app import App

from tui.clipboard import OSC52_MAX_BYTES, CopyResult, copy_text

TEXT = "# Interview with Ana\n\n- [00:45] Quote: “três semanas” 😅\n"
SLEEP = shutil.which("sleep")
CAT = shutil.which("cat")


@pytest.fixture
def bin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty PATH and no display: no clipboard tool can be found."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return folder


def fake_tool(folder: Path, name: str, body: str) -> None:
    script = folder / name
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def test_no_tool_and_no_app_saves_a_private_file(bin_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "exports"
    result = copy_text(TEXT, fallback_dir=target, filename="dana.md")
    assert result.method == "file" and result.path == target / "dana.md"
    assert result.path.read_text(encoding="utf-8") == TEXT
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.stat().st_mode) == 0o700
    assert result.message == f"No clipboard tool found; saved to {target / 'dana.md'}"
    assert [p.name for p in target.iterdir()] == ["dana.md"]  # no temporary left behind


def test_file_fallback_replaces_an_earlier_export(bin_dir: Path, tmp_path: Path) -> None:
    copy_text("old", fallback_dir=tmp_path)
    result = copy_text("new", fallback_dir=tmp_path)
    assert result.path is not None and result.path.read_text() == "new"


def test_file_fallback_defaults_to_the_store(bin_dir: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("INTERVIEW_STORE", str(tmp_path / "store"))
    result = copy_text(TEXT)
    assert result.path == tmp_path / "store" / "exports" / "export.md"


def test_unwritable_folder_is_reported_not_raised(bin_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    result = copy_text(TEXT, fallback_dir=blocker)
    assert result.method == "none" and result.path is None
    assert result.message.startswith("No clipboard tool found; could not save to a file either. Could not create")


def test_working_tool_takes_the_text(bin_dir: Path, tmp_path: Path, monkeypatch) -> None:
    received = tmp_path / "received"
    fake_tool(bin_dir, "xclip", f'[ "$1 $2" = "-selection clipboard" ] && {CAT} > {received}')
    monkeypatch.setenv("DISPLAY", ":0")
    result = copy_text(TEXT, fallback_dir=tmp_path / "unused")
    assert result.method == "system" and result.path is None
    assert received.read_text(encoding="utf-8") == TEXT
    assert result.message == "Copied 64 B to the clipboard (xclip)."
    assert not (tmp_path / "unused").exists()


def test_tool_output_never_reaches_the_terminal(bin_dir: Path, tmp_path: Path, monkeypatch, capfd) -> None:
    fake_tool(bin_dir, "xclip", "echo \"Error: Can't open display: :0\" >&2; echo noise; exit 1")
    monkeypatch.setenv("DISPLAY", ":0")
    result = copy_text(TEXT, fallback_dir=tmp_path)
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""
    assert result.method == "file"
    assert result.message.startswith("xclip failed (exit status 1); saved to")


@pytest.mark.parametrize(("tool", "display"), [("xclip", "DISPLAY"), ("wl-copy", "WAYLAND_DISPLAY")])
def test_hanging_tool_is_abandoned_after_the_timeout(
    bin_dir: Path, tmp_path: Path, monkeypatch, tool: str, display: str
) -> None:
    pid_file = tmp_path / "pid"
    fake_tool(bin_dir, tool, f"echo $$ > {pid_file}; exec {SLEEP} 3600")
    monkeypatch.setenv(display, ":0" if display == "DISPLAY" else "wayland-0")
    results: list[CopyResult] = []
    worker = threading.Thread(target=lambda: results.append(copy_text(TEXT, timeout=0.5, fallback_dir=tmp_path / "out")), daemon=True)
    worker.start()
    worker.join(timeout=30)  # a bound, not a timing: waiting for the tool would take an hour
    if not results:
        os.kill(int(pid_file.read_text()), signal.SIGKILL)  # not left asleep for that hour
    assert results, "copy_text waited for a tool that never answers"
    [result] = results
    assert result.method == "file"
    assert result.message.startswith(f"{tool} did not answer within 0.5 s; saved to")
    assert not Path(f"/proc/{pid_file.read_text().strip()}").exists()  # killed, not left asleep


class Blank(App[None]):
    """Just enough app for OSC 52: under run_test it records the clipboard."""


async def test_osc52_when_no_tool_and_the_app_runs(bin_dir: Path, tmp_path: Path) -> None:
    app = Blank()
    async with app.run_test():
        result = copy_text(TEXT, app=app, fallback_dir=tmp_path / "out")
        assert app.clipboard == TEXT
    assert result.method == "osc52" and result.path is None
    assert result.message == "No clipboard tool found; sent 64 B via the terminal (OSC 52)."
    assert not (tmp_path / "out").exists()


async def test_osc52_from_a_worker_thread(bin_dir: Path, tmp_path: Path) -> None:
    app = Blank()
    async with app.run_test():
        result = await asyncio.to_thread(copy_text, TEXT, app=app, fallback_dir=tmp_path)
        assert app.clipboard == TEXT
    assert result.method == "osc52"


async def test_too_large_for_osc52_goes_to_a_file(bin_dir: Path, tmp_path: Path) -> None:
    big = "x" * (OSC52_MAX_BYTES + 1)
    app = Blank()
    async with app.run_test():
        result = copy_text(big, app=app, fallback_dir=tmp_path)
        assert app.clipboard == ""
    assert result.method == "file" and result.path is not None
    assert result.path.read_text() == big
    assert "72.3 KB is too much for the terminal (OSC 52 takes up to 72.3 KB); saved to" in result.message


async def test_stopped_app_means_a_file(bin_dir: Path, tmp_path: Path) -> None:
    app = Blank()
    async with app.run_test():
        pass
    result = copy_text(TEXT, app=app, fallback_dir=tmp_path)
    assert result.method == "file"
