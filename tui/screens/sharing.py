"""Copying and saving a session's export, shared by the review and the history.

A mixin for a screen: `open_export` shows the export dialog (format,
anonymize, the very text, the file it goes to), then copies in a thread
worker or writes the file atomically (0600). Files go to the store's
`exports/` folder unless the user types another path; the default name is
built only of `[a-z0-9-]`, so a date or a name from an imported session can
never steer it out of that folder.
"""

from __future__ import annotations

from pathlib import Path

from textual import work

from tui.core.session import Session
from tui.errors import UsageError
from tui.files import atomic_write, exports_dir, make_private_dir
from tui.paths import display_path
from tui.screens.export_dialog import FORMAT_NAMES, ExportDialog, ExportRequest, ExportSettings, export_file_name


class Sharing:
    """Export keys of a screen that shows one session (the review) or picks one (the history)."""

    export_settings: ExportSettings

    def open_export(self, session: Session) -> None:
        if self.export_settings.folder is None:
            self.export_settings.folder = exports_dir(self.app.store.root)  # type: ignore[attr-defined]

        def chosen(request: ExportRequest | None) -> None:
            if request is None:
                return
            if request.action == "copy":
                self.copy_text(request.text, export_file_name(session, request.fmt, request.anonymize))
            elif request.path is not None:
                self.save_export(request)

        self.app.push_screen(ExportDialog(session, self.export_settings), chosen)  # type: ignore[attr-defined]

    @work(thread=True, group="share-copy", exit_on_error=False)
    def copy_text(self, text: str, filename: str) -> None:
        """The clipboard tool, else the terminal (OSC 52), else a private file: the message says which."""
        from tui.clipboard import copy_text

        store = self.app.store  # type: ignore[attr-defined]
        result = copy_text(text, app=self.app, fallback_dir=exports_dir(store.root), filename=filename)
        severity = "error" if result.method == "none" else "information"
        self.app.call_from_thread(self.notify, result.message, severity=severity, timeout=8, markup=False)

    def save_export(self, request: ExportRequest) -> None:
        """Write atomically, 0600; say where it went, in full."""
        path: Path = request.path  # type: ignore[assignment]
        try:
            if path.is_dir():
                raise UsageError(f"{display_path(path)} is a folder; give a file name.")
            exports = exports_dir(self.app.store.root)  # type: ignore[attr-defined]
            if path.parent == exports:
                make_private_dir(exports)  # the default folder is made on first use, 0700
            atomic_write(path, request.text.encode("utf-8"))
        except (OSError, UsageError) as error:
            self.notify(f"Not saved: {error}", severity="error", timeout=10, markup=False)  # type: ignore[attr-defined]
            return
        how = FORMAT_NAMES[request.fmt] + (", anonymized," if request.anonymize else "")
        self.notify(f"Saved {how} to {display_path(path)}", timeout=8, markup=False)  # type: ignore[attr-defined]
