"""Sharing from the review: Markdown to the clipboard, any format to a file, anonymized or not.

No clipboard tool may run here: PATH holds none and there is no display, so
copy_text falls back to OSC 52, which under run_test only sets app.clipboard.
"""

from __future__ import annotations

import re
import stat
import sys
from pathlib import Path

import pytest
from textual.widgets import Input, Static

sys.path.append(str(Path(__file__).resolve().parents[1]))  # tests/, for sample_sessions

from sample_sessions import make_session

from pilot_helpers import burst, notices, screen_lines, settled, until

from tui.app import Start
from tui.core.export import render
from tui.core.formats import SESSION_FORMATS
from tui.core.session import Session
from tui.screens.export_dialog import ExportDialog, export_file_name
from tui.screens.review import ReviewScreen
from tui.store import Store

NAME = "Élodie Martin"


@pytest.fixture(autouse=True)
def no_clipboard_tools(monkeypatch, tmp_path):
    empty = tmp_path / "no-tools"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    for variable in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr("tui.clipboard._on_wsl", lambda: False)


@pytest.fixture
def session(store_dir) -> Session:
    session = make_session(20, seed=3)
    session.participant.name = NAME
    session.status = "completed"
    session.notes[0].text = "Élodie said the export is slow"
    Store(store_dir).create(session).close()
    return session


@pytest.fixture
def out_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


async def test_c_copies_the_markdown_and_says_how(seen, build_app, session, store_dir):
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await settled(pilot)
        await pilot.press("c")
        await settled(pilot)
        assert app.clipboard == render(Store(store_dir).load(session.id), "md")
        assert any("OSC 52" in message for message in notices(seen))
    assert not (store_dir / "exports").exists(), "the terminal took it: no fallback file"


async def test_export_dialog_previews_exactly_what_is_copied(build_app, session, store_dir):
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        preview = str(dialog.query_one("#export-preview-text", Static).render())
        assert preview.rstrip("\n") == render(session, "md").rstrip("\n")
        await pilot.press("a")  # anonymize
        await pilot.pause()
        anonymized = render(session, "md", anonymize=True)
        assert str(dialog.query_one("#export-preview-text", Static).render()).rstrip("\n") == anonymized.rstrip("\n")
        await pilot.press("c")
        await settled(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert app.clipboard == anonymized
        for word in NAME.split():
            assert word.lower() not in app.clipboard.lower()
        # The choice is remembered: c on the review now copies anonymized Markdown too.
        app.copy_to_clipboard("")
        await pilot.press("c")
        await settled(pilot)
        assert app.clipboard == anonymized


@pytest.mark.parametrize("anonymize", [False, True], ids=["named", "anonymized"])
async def test_save_every_format_to_a_private_file_in_the_stores_exports_folder(seen, build_app, session, store_dir, anonymize):
    out_dir = store_dir / "exports"
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        await settled(pilot)
        for fmt in SESSION_FORMATS:
            await pilot.press("x")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            if anonymize and not dialog.settings.anonymize:
                await pilot.press("a")
            for _ in range(len(SESSION_FORMATS)):
                if dialog.settings.fmt == fmt:
                    break
                await pilot.press("f")
            assert dialog.settings.fmt == fmt
            await pilot.press("s")
            await pilot.pause()
            path = out_dir / export_file_name(session, fmt, anonymize)
            assert path.read_bytes().decode("utf-8") == render(session, fmt, anonymize=anonymize)
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            assert any(path.name in message for message in notices(seen))
    files = sorted(p.name for p in out_dir.iterdir())
    assert len(files) == len(SESSION_FORMATS) and not any(name.startswith(".") for name in files)
    if anonymize:
        for path in out_dir.iterdir():
            text = (path.name + path.read_text(encoding="utf-8")).lower()
            for word in ("élodie", "elodie", "martin"):
                assert word not in text, (path.name, word)


async def test_save_to_a_typed_path_and_a_bad_one(seen, build_app, session, out_dir):
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        await settled(pilot)
        await pilot.press("x", "p")
        field = app.screen.query_one("#export-path", Input)
        assert app.screen.focused is field
        field.value = "notes/ana.md"
        await burst(pilot, *"x")  # typing in the path field types, it does not run keys
        assert field.value == "notes/ana.mdx"
        await pilot.press("backspace", "escape")  # Esc leaves the field first
        assert isinstance(app.screen, ExportDialog)
        (out_dir / "notes").mkdir()
        await pilot.press("s")
        await pilot.pause()
        assert (out_dir / "notes" / "ana.md").read_text(encoding="utf-8") == render(session, "md")

        await pilot.press("x", "p")
        app.screen.query_one("#export-path", Input).value = "missing-folder/ana.md"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert any(message.startswith("Not saved:") for message in notices(seen))
        assert not (out_dir / "missing-folder").exists()


def test_a_file_name_built_from_imported_data_never_leaves_the_folder() -> None:
    hostile = make_session(2, seed=1)
    hostile.started_at = "../../../../etc/cron.d/x"
    hostile.id = "../../.ssh/authorized_keys"
    hostile.participant.name = "../../\x1b]52;c;evil\x07 /root"
    for anonymize in (False, True):
        name = export_file_name(hostile, "md", anonymize)
        assert re.fullmatch(r"[a-z0-9-]+\.md", name.lower()), name
        assert (Path("/exports") / name).parent == Path("/exports")
    assert export_file_name(hostile, "md", False) == "undated-52-c-evil-root-s.md"


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_dialogs_keys_and_file_stay_on_screen_on_a_small_terminal(build_app, session, size):
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        await pilot.press("x")
        await until(pilot, lambda: "Save" in str(app.screen.query_one("#export-keys", Static).render()))
        text = "\n".join(screen_lines(app))
        assert "s Save" in text and "esc Close" in text.replace("\n", " ")  # how to save and leave, visible
        assert "Save as" in text and "Format" in text


async def test_a_path_typed_right_after_p_goes_in_the_field_not_to_the_dialogs_keys(build_app, session):
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("x")
        dialog = app.screen
        await burst(pilot, "p", *"fast.csv")  # f, a, s and c are the dialog's keys when the field is not focused
        assert app.screen is dialog and dialog.settings.fmt == "md" and not dialog.settings.anonymize
        assert dialog.query_one("#export-path", Input).value.endswith("fast.csv")
