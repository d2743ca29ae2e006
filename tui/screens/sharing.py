"""Copying and saving an export: the one way for the review, the history and the themes report.

`copy_out` runs the clipboard ladder (a tool, else OSC 52, else a private
file) in a worker of the App, so its notice comes even if the screen has
closed; `save_out` writes the file atomically, 0600. Files go to the store's
`exports/` folder unless the user types another path; a default name is built
only of `[a-z0-9-]`, so a date or a name from an imported session can never
steer it out of that folder. `Sharing` is the mixin of a screen that shows
one session (the review) or picks one (the history): `open_export` shows the
export dialog (format, anonymize, the very text, the file it goes to).
"""

from __future__ import annotations

from pathlib import Path

from textual.dom import DOMNode

from tui.core.formats import SESSION_FORMATS, as_bytes
from tui.core.session import Session
from tui.errors import UsageError
from tui.files import atomic_write, exports_dir, make_private_dir
from tui.paths import display_path
from tui.screens.base import app_of, in_thread, store_of
from tui.screens.export_dialog import ExportDialog, ExportRequest, ExportSettings, export_file_name


def copy_out(node: DOMNode, text: str, filename: str) -> None:
    """Copy `text` off the UI thread; the notice says which way worked (the file is `filename`)."""
    from tui.clipboard import CopyResult, copy_text

    app = app_of(node)
    fallback = exports_dir(app.store.root)

    def copied(result: CopyResult) -> None:
        severity = "error" if result.method == "none" else "information"
        app.notify(result.message, severity=severity, timeout=8, markup=False)

    copy = lambda: copy_text(text, app=app, fallback_dir=fallback, filename=filename)  # noqa: E731
    in_thread(app, copy, copied, failure="Not copied", group="share-copy", exclusive=False)


def save_out(node: DOMNode, path: Path, data: bytes, what: str) -> bool:
    """Write atomically, 0600, and say where it went, in full; the default folder is made on first use."""
    try:
        if path.is_dir():
            raise UsageError(f"{display_path(path)} is a folder; give a file name.")
        exports = exports_dir(store_of(node).root)
        if path.parent == exports:
            make_private_dir(exports)
        atomic_write(path, data)
    except (OSError, UsageError) as error:
        node.notify(f"Not saved: {error}", severity="error", timeout=10, markup=False)
        return False
    node.notify(f"Saved {what} to {display_path(path)}", timeout=8, markup=False)
    return True


class Sharing:
    """Export keys of a screen that shows one session (the review) or picks one (the history)."""

    export_settings: ExportSettings

    def open_export(self, session: Session) -> None:
        if self.export_settings.folder is None:
            self.export_settings.folder = exports_dir(store_of(self).root)

        def chosen(request: ExportRequest | None) -> None:
            if request is None:
                return
            if request.action == "copy" and isinstance(request.output, str):
                copy_out(self, request.output, export_file_name(session, request.fmt, request.anonymize))
            elif request.path is not None:
                what = SESSION_FORMATS[request.fmt].label + (", anonymized," if request.anonymize else "")
                save_out(self, request.path, as_bytes(request.output), what)

        app_of(self).push_screen(ExportDialog(session, self.export_settings), chosen)
