"""Files no one should trust: each is one clear line, never a hang, a crash or a terminal taken over,
and list, themes, export, history and review still work for the rest of the store."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pilot_helpers import printed_on_a_terminal
from sample_sessions import make_session

from tui.app import Start, make_app
from tui.cli import main
from tui.config import load_keymap
from tui.core.clock import FakeClock
from tui.core.export import render
from tui.core.session import Session
from tui.store import ReadOnlySession, Store, StoreError

DEEP_JSON = b"[" * 100_000 + b"]" * 100_000
ESCAPES = "\x1b]52;c;cm0gLXJmIH4vKg==\x07\x1b[2J\x1b]0;owned\x07\x9b31m\r\nforged row\x00"


def good_store(root: Path) -> Session:
    session = make_session(6, seed=21)
    Store(root).create(session).close()
    return session


def interview(root: Path, *args: str, stdin: int | None = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tui", "--store", str(root), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, stdin=stdin)


def rest_still_works(root: Path, good: Session) -> None:
    """The CLI's list, themes and export of the good session, each exit 0 and no traceback, and the list shows it.

    In this process (`tui.cli.main`, as `python -m tui` runs it): an exception fails the test as a
    traceback would, at a fraction of the cost of three interpreters per hostile file."""
    for args in (("list",), ("themes",), ("export", good.id[:8])):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--store", str(root), *args])
        assert code == 0 and "Traceback" not in err.getvalue(), (args, err.getvalue())
        if args == ("list",):
            assert good.id[:8] in out.getvalue()


def one_line(messages: list[str], *words: str) -> str:
    (message,) = [m for m in messages if all(w in m for w in words)]
    assert "\n" not in message and "Traceback" not in message
    return message


# --- store files --------------------------------------------------------------------------
def session_file(session: Session) -> dict:
    return {"session": {"1": session.meta_dict()}, "notes": {str(i): n.to_dict() for i, n in enumerate(session.notes, 1)}}


WRONG_TYPES = {
    "participant name": lambda d: d["session"]["1"]["participant"].update(name=42),
    "follow_up_ok": lambda d: d["session"]["1"].update(follow_up_ok="yes"),
    "consent": lambda d: d["session"]["1"].update(consent_to_record="no"),
    "status": lambda d: d["session"]["1"].update(status="running"),
    "elapsed": lambda d: d["session"]["1"].update(elapsed=-3),
    "silence": lambda d: d["session"]["1"]["silences"].append({"question": 0, "started": "x", "seconds": 1, "ended_by": "key"}),
    "bump": lambda d: d["session"]["1"]["theme_bumps"].append({"theme": ["a"], "question": 0, "elapsed": 1}),
    "draft": lambda d: d["session"]["1"].update(draft={"text": 5}),
    "question record": lambda d: d["session"]["1"]["questions"][0].update(skipped="no"),
    "guide snapshot": lambda d: d["session"]["1"]["guide"]["sections"][0].update(questions="all of them"),
    "note text": lambda d: d["notes"]["1"].update(text={"evil": True}),
    "note question": lambda d: d["notes"]["1"].update(question=10_000),
    "note kind": lambda d: d["notes"]["1"].update(kind="\x1b[2Jrant"),
    "takeaways": lambda d: d["session"]["1"].update(takeaways="one string"),
    "oversize note": lambda d: d["notes"]["1"].update(text="x" * 60_000),
}


@pytest.mark.parametrize("damage", WRONG_TYPES.values(), ids=WRONG_TYPES.keys())
def test_a_store_file_with_a_wrong_field_is_moved_aside_in_one_line(tmp_path: Path, damage) -> None:
    root = tmp_path / "store"
    good = good_store(root)
    data = session_file(make_session(3, seed=22))
    damage(data)
    bad = root / "sessions" / "2025-01-01-bad-00000000.json"
    bad.write_text(json.dumps(data))
    message = one_line(Store(root).startup(), "Moved an unreadable session file aside", str(bad))
    assert "\x1b" not in message
    assert not bad.exists() and list(bad.parent.glob(f"{bad.name}.corrupt-*"))
    rest_still_works(root, good)


HOSTILE_CONTENT = {
    "deep nesting": (DEEP_JSON, "nested too deeply"),
    "NaN": (re.sub(r'"elapsed": [0-9.]+', '"elapsed": NaN', json.dumps(session_file(make_session(1, 23))), count=1).encode(), "NaN"),
    "Infinity": (b'{"session": {"1": {"id": "x", "elapsed": Infinity}}}', "Infinity"),
    "a huge number": (b'{"session": {"1": {"id": "x", "elapsed": 1e999}}}', "out of range"),
}


@pytest.mark.parametrize(("content", "why"), HOSTILE_CONTENT.values(), ids=HOSTILE_CONTENT.keys())
def test_hostile_json_in_the_store_is_moved_aside_in_one_line(tmp_path: Path, content: bytes, why: str) -> None:
    root = tmp_path / "store"
    good = good_store(root)
    bad = root / "sessions" / "2025-01-01-bad-00000000.json"
    bad.write_bytes(content)
    one_line(Store(root).startup(), "Moved an unreadable session file aside", why)
    rest_still_works(root, good)


def not_a_file(kind: str, path: Path, elsewhere: Path) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "symlink":
        path.symlink_to(elsewhere)
    else:
        with open(path, "wb") as file:  # sparse: 40 MiB on paper, nothing on disk
            file.truncate(40 * 1024 * 1024)


@pytest.mark.parametrize("kind", ["fifo", "folder", "device", "symlink", "oversize"])
def test_what_is_not_a_session_file_in_the_store_is_never_opened(tmp_path: Path, kind: str) -> None:
    root = tmp_path / "store"
    good = good_store(root)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(json.dumps(session_file(make_session(2, seed=24))))
    bad = root / "sessions" / "2025-01-01-bad-00000000.json"
    not_a_file(kind, bad, elsewhere)
    message = one_line(Store(root).startup(), "Moved an unreadable session file aside")
    assert {"fifo": "FIFO", "folder": "folder", "device": "symbolic link", "symlink": "symbolic link", "oversize": "too large"}[kind] in message
    assert elsewhere.read_text().startswith("{")  # a link's target is never moved or changed
    rest_still_works(root, good)


async def test_history_and_review_open_beside_every_hostile_file_at_once(tmp_path: Path) -> None:
    root = tmp_path / "store"
    good = good_store(root)
    sessions = root / "sessions"
    (sessions / "2025-01-01-deep-00000001.json").write_bytes(DEEP_JSON)
    os.mkfifo(sessions / "2025-01-01-fifo-00000002.json")
    (sessions / "2025-01-01-zero-00000003.json").symlink_to("/dev/zero")
    (sessions / "2025-01-01-dir-00000004.json").mkdir()
    data = session_file(make_session(3, seed=25))
    WRONG_TYPES["follow_up_ok"](data)
    (sessions / "2025-01-01-types-00000005.json").write_text(json.dumps(data))
    app = make_app(store_dir=root, clock=FakeClock(), start=Start("history"), config_path=tmp_path / "none.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HistoryScreen"
        app.open_review(good.id)
        await pilot.pause()
        assert app.screen.session is not None and app.screen.session.id == good.id
    assert app.return_code in (None, 0)


# --- escape sequences in every text field --------------------------------------------------
def every_text_field(session: Session) -> None:
    session.participant.name = session.participant.role = ESCAPES
    session.participant.company = session.participant.segment = ESCAPES
    session.goal = ESCAPES
    session.interviewers = [ESCAPES]
    session.takeaways = [ESCAPES]
    session.draft.text = ESCAPES
    for note in session.notes:
        note.text = ESCAPES
        note.themes = [ESCAPES]
    for bump in session.theme_bumps:
        bump.theme = ESCAPES


def test_escape_sequences_in_every_text_field_never_reach_the_terminal_but_exports_stay_exact(tmp_path: Path) -> None:
    root = tmp_path / "store"
    session = make_session(4, seed=26)
    every_text_field(session)
    export = tmp_path / "teammate.json"
    export.write_text(render(session, "json"))
    imported = interview(root, "import", str(export))
    assert imported.returncode == 0 and "\x1b" not in imported.stdout + imported.stderr
    listing = interview(root, "list")
    assert listing.returncode == 0 and "\x1b" not in listing.stdout and "\x07" not in listing.stdout
    assert len(listing.stdout.splitlines()) == 2  # a newline never forges a row
    assert "␛]52;c;" in listing.stdout
    piped = interview(root, "export", "latest", "--format", "json")
    assert json.loads(piped.stdout)["participant"]["name"] == ESCAPES  # exact into a pipe
    assert Store(root).load(session.id).to_dict() == session.to_dict()


def test_export_to_a_terminal_shows_control_characters_instead_of_running_them(tmp_path: Path) -> None:

    root = tmp_path / "store"
    session = make_session(2, seed=27)
    every_text_field(session)
    Store(root).create(session).close()
    result, shown = printed_on_a_terminal([sys.executable, "-m", "tui", "--store", str(root), "export", "latest"])
    assert result.returncode == 0
    assert b"\x1b" not in shown and b"\x07" not in shown and "␛".encode() in shown and "␇".encode() in shown


# --- the store's own folders ---------------------------------------------------------------
def test_a_sessions_folder_that_is_a_symlink_is_refused_in_one_line(tmp_path: Path) -> None:
    root = tmp_path / "store"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    root.mkdir()
    (root / "sessions").symlink_to(elsewhere)
    result = interview(root, "list")
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "symbolic link" in result.stderr
    assert elsewhere.stat().st_mode & 0o777 == 0o755  # never chmodded


@pytest.mark.parametrize("folder", ["trash", "locks", "journal"])
@pytest.mark.parametrize("what", ["symlink", "file"])
def test_a_trash_locks_or_journal_that_is_not_a_folder_refuses_only_what_needs_it(tmp_path: Path, folder: str, what: str) -> None:
    root = tmp_path / "store"
    good = good_store(root)
    target = root / folder
    for child in target.iterdir():
        child.unlink()
    target.rmdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    if what == "symlink":
        target.symlink_to(elsewhere)
    else:
        target.write_text("not a folder")
    store = Store(root)
    one_line(store.startup(), str(target))
    assert [s.id for s in store.summaries()] == [good.id]
    assert store.load(good.id).to_dict() == good.to_dict()
    if folder == "trash":
        with pytest.raises(StoreError, match=folder):
            store.delete(good.id)
    else:
        with pytest.raises(ReadOnlySession, match="cannot be saved"):
            store.open_writer(good.id)
    assert list(elsewhere.iterdir()) == [] and elsewhere.stat().st_mode & 0o777 == 0o755
    rest_still_works(root, good)


@pytest.mark.parametrize("what", ["folder", "symlink", "fifo"])
def test_a_lock_path_that_cannot_be_a_lock_means_read_only_not_a_crash(tmp_path: Path, what: str) -> None:
    root = tmp_path / "store"
    good = good_store(root)
    store = Store(root)
    (path,) = store.sessions_dir.iterdir()
    lock = store.locks_dir / f"{path.name}.lock"
    lock.unlink(missing_ok=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    {"folder": lambda: lock.mkdir(), "symlink": lambda: lock.symlink_to(elsewhere), "fifo": lambda: os.mkfifo(lock)}[what]()
    with pytest.raises(ReadOnlySession, match="opens read-only"):
        store.open_writer(good.id)
    assert store.summaries()[0].id == good.id and elsewhere.stat().st_mode & 0o777 == 0o755
    rest_still_works(root, good)


def test_an_exports_folder_that_is_a_symlink_is_not_written_through(tmp_path: Path) -> None:
    root = tmp_path / "store"
    good = good_store(root)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    (root / "exports").symlink_to(elsewhere)
    result = interview(root, "export", good.id[:8], "--copy")
    assert "symbolic link" in result.stderr and "Traceback" not in result.stderr
    assert list(elsewhere.iterdir()) == [] and elsewhere.stat().st_mode & 0o777 == 0o755


# --- two files, one id ---------------------------------------------------------------------
def test_of_two_files_with_one_id_the_newer_is_listed_and_each_can_be_exported(tmp_path: Path) -> None:
    root = tmp_path / "store"
    good = good_store(root)
    (original,) = (root / "sessions").iterdir()
    data = json.loads(original.read_text())
    data["session"]["1"]["takeaways"] = ["from the copy"]
    copy = original.with_name(original.stem + " copy.json")
    copy.write_text(json.dumps(data))
    os.utime(original, ns=(1, 1_000_000_000))
    store = Store(root)
    one_line(store.startup(), "Two files hold session", copy.name, original.name)
    (summary,) = store.summaries()
    assert summary.path == copy and store.load(good.id).takeaways == ["from the copy"]
    older = interview(root, "export", original.name, "--format", "json")
    newer = interview(root, "export", good.id[:8], "--format", "json")
    assert json.loads(older.stdout)["takeaways"] == good.takeaways
    assert json.loads(newer.stdout)["takeaways"] == ["from the copy"]
    assert original.exists() and copy.exists()


# --- imports, guides, config -------------------------------------------------------------------
IMPORTS = {
    "deep nesting": lambda p: p.write_bytes(DEEP_JSON),
    "NaN": lambda p: p.write_text(re.sub(r'"elapsed": [0-9.]+', '"elapsed": NaN', render(make_session(2, 28), "json"), count=1)),
    "a wrong type": lambda p: p.write_text(render(make_session(2, 28), "json").replace('"follow_up_ok": null', '"follow_up_ok": "yes"').replace('"follow_up_ok": true', '"follow_up_ok": "yes"').replace('"follow_up_ok": false', '"follow_up_ok": "yes"')),
    "an oversize note": lambda p: p.write_text(json.dumps({**make_session(1, 29).to_dict(), "notes": [{"id": "n", "text": "x" * 60_000}]})),
    "an oversize file": lambda p: open(p, "wb").truncate(40 * 1024 * 1024),
    "a FIFO": lambda p: os.mkfifo(p),
    "a folder": lambda p: p.mkdir(),
    "/dev/zero": lambda p: p.symlink_to("/dev/zero"),
}


@pytest.mark.parametrize("make", IMPORTS.values(), ids=IMPORTS.keys())
def test_a_hostile_import_is_one_line_exit_2_and_adds_nothing(tmp_path: Path, make) -> None:
    root = tmp_path / "store"
    good = good_store(root)
    path = tmp_path / "incoming.json"
    make(path)
    result = interview(root, "import", str(path))
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"interview: Cannot import {path}")
    assert [s.id for s in Store(root).summaries()] == [good.id]


GUIDES = {
    "deep nesting": lambda p: p.write_text("a = " + "[" * 100_000 + "]" * 100_000),
    "a FIFO": lambda p: os.mkfifo(p),
    "/dev/zero": lambda p: p.symlink_to("/dev/zero"),
    "a folder": lambda p: p.mkdir(),
    "a huge file": lambda p: open(p, "wb").truncate(5 * 1024 * 1024),
}


@pytest.mark.parametrize("make", GUIDES.values(), ids=GUIDES.keys())
def test_a_hostile_guide_is_one_line_as_an_argument_and_in_the_guides_folder(tmp_path: Path, make) -> None:
    path = tmp_path / "hostile.toml"
    make(path)
    result = interview(tmp_path / "store", "guides", str(path))
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and str(path) in result.stderr
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "interview-companion" / "guides"
    folder.mkdir(parents=True)
    make(folder / "mine.toml")
    listed = interview(tmp_path / "store", "guides")
    assert listed.returncode == 0 and "mine" in listed.stdout and listed.stderr.count("\n") == 1


@pytest.mark.parametrize("make", GUIDES.values(), ids=GUIDES.keys())
def test_a_hostile_config_is_one_line_at_start(tmp_path: Path, make) -> None:
    path = tmp_path / "config.toml"
    make(path)
    keymap, problem = load_keymap(path)
    assert keymap == {} and problem is not None and "\n" not in problem and str(path) in problem


def test_main_never_shows_a_traceback_for_a_hostile_import(tmp_path: Path, capsys) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(DEEP_JSON)
    assert main(["--store", str(tmp_path / "store"), "import", str(path)]) == 2
    assert "nested too deeply" in capsys.readouterr().err


@pytest.mark.parametrize("cell", ["[NaN]", "[" * 100_000 + "]" * 100_000, "7", '{"a": 1}', "not json"])
def test_a_hostile_problems_cell_in_the_index_is_left_out_at_start(tmp_path: Path, cell: str) -> None:
    """The index is a file in the store: what it says of damaged journals is read as any store file is."""
    import sqlite3

    from tui.final_folds import wait_for_folds

    root = tmp_path / "store"
    store = Store(root)
    store.create(make_session(2, seed=7)).close()
    wait_for_folds()
    store.startup()
    with sqlite3.connect(root / "index.sqlite3") as db:
        db.execute("UPDATE sessions SET problems = ?", (cell,))
    reopened = Store(root)
    assert reopened.startup() == []
    assert len(reopened.summaries()) == 1
