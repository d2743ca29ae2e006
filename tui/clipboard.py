"""Copy text for the user: a clipboard tool, else the terminal (OSC 52), else a file.

pyperclip's `copy` gives xclip and friends the terminal as stdout and stderr,
where an error message would be drawn over Textual's screen, and waits without
a timeout, while wl-copy can hang. So this module picks the same command
pyperclip would and runs it itself: in its own session, both streams sent to
/dev/null, killed after `timeout` seconds. pyperclip is left only Windows,
where the copy happens in-process and nothing can print.

`copy_text` blocks for up to `timeout`: call it from a thread worker, never
from the app's event loop. The result always says which way worked.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyperclip

from tui.files import StoreError, atomic_write, exports_dir, make_private_dir
from tui.paths import display_path, store_dir

if TYPE_CHECKING:
    from textual.app import App

# Terminals drop larger OSC 52 payloads: xterm, tmux and hterm cap the base64
# at about 100,000 bytes, which is 75,000 bytes of text.
OSC52_MAX_BYTES = 74_000


@dataclass(frozen=True)
class CopyResult:
    method: str  # "system", "osc52", "file", or "none" when even the file failed
    path: Path | None  # the file written, for "file"
    message: str  # one line for the user


@dataclass(frozen=True)
class _Tool:
    label: str
    argv: list[str]
    stdin: bytes
    env: dict[str, str] | None = None


def copy_text(
    text: str,
    *,
    app: App | None = None,
    timeout: float = 2.0,
    fallback_dir: Path | None = None,
    filename: str = "export.md",
) -> CopyResult:
    """Put `text` where the user can paste it, trying the ways in order of comfort.

    The file fallback goes to `fallback_dir` (default: `exports` in the store),
    replacing any earlier file of the same name.
    """
    byte_count = len(text.encode("utf-8"))
    size = _human_size(byte_count)
    tool, problem = _copy_with_tool(text, timeout)
    if problem is None:
        return CopyResult("system", None, f"Copied {size} to the clipboard ({tool}).")
    if app is not None and app.is_running:
        if byte_count > OSC52_MAX_BYTES:
            limit = _human_size(OSC52_MAX_BYTES)
            problem += f", and {size} is too much for the terminal (OSC 52 takes up to {limit})"
        elif _send_osc52(app, text):
            return CopyResult("osc52", None, f"{problem}; sent {size} via the terminal (OSC 52).")
    return _save(text, problem, fallback_dir or exports_dir(store_dir()), filename)


# --- clipboard tools ----------------------------------------------------------------
def _copy_with_tool(text: str, timeout: float) -> tuple[str, str | None]:
    """The tool's name and, if it did not take the text, why not."""
    if os.name == "nt" or sys.platform == "cygwin":  # in-process: nothing prints anywhere
        return "Windows", _call_with_timeout(pyperclip.copy, text, "Windows", timeout)
    tool = _find_tool(text)
    if tool is None:
        return "", "No clipboard tool found"
    return tool.label, _run_tool(tool, timeout)


def _find_tool(text: str) -> _Tool | None:
    """The command pyperclip's `determine_clipboard` would choose, found the same way.

    Not asked of pyperclip itself: with $DISPLAY and no command it falls back
    to Qt, creating a QApplication off the main thread that logs to the terminal.
    """
    data = text.encode("utf-8")
    if sys.platform == "darwin":  # pbcopy reads bytes in the locale's encoding
        return _Tool("pbcopy", ["pbcopy"], data, {**os.environ, "LC_CTYPE": "UTF-8"})
    if _on_wsl():
        return _Tool("clip.exe", ["clip.exe"], text.encode("utf-16-le"))
    if os.environ.get("WAYLAND_DISPLAY") and shutil.which("wl-copy"):
        return _Tool("wl-copy", ["wl-copy"], data)
    if os.environ.get("DISPLAY"):
        if shutil.which("xclip"):
            return _Tool("xclip", ["xclip", "-selection", "clipboard"], data)
        if shutil.which("xsel"):
            return _Tool("xsel", ["xsel", "--clipboard", "--input"], data)
        if shutil.which("klipper") and shutil.which("qdbus"):
            argv = ["qdbus", "org.kde.klipper", "/klipper", "setClipboardContents", text]
            return _Tool("Klipper", argv, b"")
    return None


def _on_wsl() -> bool:
    try:
        return "microsoft" in Path("/proc/version").read_text(errors="replace").lower()
    except OSError:
        return False


def _run_tool(tool: _Tool, timeout: float) -> str | None:
    """Run a clipboard tool silently; None if it took the text, else why not."""
    try:
        process = subprocess.Popen(
            tool.argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=tool.env,
            close_fds=True,
            start_new_session=True,  # off the terminal, and killable as a group
        )
    except OSError as error:
        return f"{tool.label} could not start ({error.strerror or error})"
    try:
        process.communicate(tool.stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        return f"{tool.label} did not answer within {timeout:g} s"
    if process.returncode != 0:
        return f"{tool.label} failed (exit status {process.returncode})"
    return None


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def _call_with_timeout(copy: Callable[[str], None], text: str, label: str, timeout: float) -> str | None:
    """Run an in-process copy in a daemon thread, so a hang costs `timeout`, not the app."""
    failure: list[str] = []

    def run() -> None:
        try:
            copy(text)
        except Exception as error:  # noqa: BLE001 - any failure means: try the next way
            failure.append(f"{label} failed ({error})")

    worker = threading.Thread(target=run, name="clipboard-copy", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        return f"{label} did not answer within {timeout:g} s"
    return failure[0] if failure else None


# --- the terminal (OSC 52) ---------------------------------------------------------
def _send_osc52(app: App, text: str) -> bool:
    """Ask the terminal to set the clipboard, on the app's thread; False if the app is gone."""
    try:
        app.call_from_thread(app.copy_to_clipboard, text)
    except RuntimeError:  # raised on the app's own thread, or once the app has stopped
        if not app.is_running:
            return False
        app.copy_to_clipboard(text)
    return True


# --- the file ------------------------------------------------------------------------
def _save(text: str, problem: str, folder: Path, filename: str) -> CopyResult:
    """Write the text atomically to a private file and say where it is."""
    path = folder / Path(filename).name
    try:
        make_private_dir(folder)
        atomic_write(path, text.encode("utf-8"))
    except StoreError as error:
        return CopyResult("none", None, f"{problem}; could not save to a file either. {error}")
    return CopyResult("file", path, f"{problem}; saved to {display_path(path)}")


def _human_size(count: int) -> str:
    if count < 1024:
        return f"{count} B"
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count / (1024 * 1024):.1f} MB"
