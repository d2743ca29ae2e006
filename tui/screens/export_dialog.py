"""Export a session: choose a format and whether to anonymize, see exactly what goes out, copy or save.

The preview is the very text that is copied or saved, its control characters
shown as signs (the file keeps them exact). The dialog only chooses; the review
screen does the copying (in a thread) and the writing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.core.anonymize import anonymized, participant_code
from tui.core.formats import SESSION_FORMATS
from tui.core.session import Session
from tui.core.text import visible
from tui.paths import display_path
from tui.screens.base import use_styles
from tui.screens.keys import key_for

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class ExportSettings:
    """What the user chose last time, kept by the screen between dialogs."""

    fmt: str = "md"
    anonymize: bool = False
    folder: Path | None = None  # where the suggested file goes; the screen sets the store's exports/


@dataclass(frozen=True)
class ExportRequest:
    action: str  # "copy" or "save"
    fmt: str  # a name in tui.core.formats.SESSION_FORMATS
    anonymize: bool
    output: str | bytes  # what is copied or saved: bytes for a binary format, which is saved only
    path: Path | None = None  # for "save"


def export_name(date: str, who: str, session_id: str, fmt: str) -> str:
    """`2026-11-20-dana-lee-1a2b3c4d.md`, of `[a-z0-9-]` only: the parts come from session files,
    which may be a teammate's import, so none of them can add a folder or climb out of one."""
    from tui.storage import slugify  # the store's own rule for names; imported when a name is made

    day = date if DATE.fullmatch(date) else "undated"
    return f"{day}-{slugify(who)}-{slugify(session_id[:8], limit=8)}.{SESSION_FORMATS[fmt].extension}"


def export_file_name(session: Session, fmt: str, anonymize: bool) -> str:
    """The session's export file name; anonymized, the code replaces the name."""
    who = participant_code(session) if anonymize else session.participant.name
    return export_name(session.date, who, session.id, fmt)


def typed_path(value: str) -> Path:
    """A path as the user typed it: `~` expanded, relative to the current folder."""
    path = Path(value.strip()).expanduser()
    return path if path.is_absolute() else Path.cwd() / path


class ExportDialog(ModalScreen[ExportRequest | None]):
    BINDINGS = [
        Binding("f", "next_format", "Format", id="export_format"),
        Binding("a", "toggle_anonymize", "Anonymize", id="export_anonymize"),
        Binding("c", "copy", "Copy", id="export_copy"),
        Binding("s", "save", "Save", id="export_save"),
        Binding("p", "edit_path", "File", id="export_path", priority=True),  # at once: a path typed right after goes in
        Binding("escape", "close", "Close", id="export_close"),
    ]

    def __init__(self, session: Session, settings: ExportSettings) -> None:
        super().__init__()
        use_styles(self, "export.tcss")
        self.session = session
        self.settings = settings
        self.output: str | bytes = ""
        self._suggested = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog export"):
            yield Static("Export", classes="dialog-title")
            yield Static(id="export-choices")
            with Horizontal(id="export-save-as"):
                yield Static(Content.styled("Save as ", "dim"), id="export-path-label")
                yield Input(id="export-path", select_on_focus=False)
            yield Static(id="export-target")
            yield Static(id="export-preview-title")
            with VerticalScroll(id="export-preview"):
                yield Static(id="export-preview-text")
            yield Static(id="export-keys")

    def on_mount(self) -> None:
        self._refresh()
        self.query_one("#export-preview", VerticalScroll).focus()

    def on_resize(self, event: Resize) -> None:
        """On a short terminal the blank lines go first, so the keys stay on screen (60x20)."""
        self.set_class(event.size.height < 24, "-short")

    # --- showing ---------------------------------------------------------------------
    def _refresh(self) -> None:
        settings = self.settings
        chosen = SESSION_FORMATS[settings.fmt]
        self.output = chosen.render(anonymized(self.session) if settings.anonymize else self.session)
        formats: list[str | tuple[str, str]] = [("Format ", "dim")]
        for fmt in SESSION_FORMATS.values():
            here = fmt is chosen
            formats.append((f"[{fmt.label}]" if here else f" {fmt.label} ", "bold reverse" if here else "dim"))
            formats.append(" ")
        anonymize = (
            Content.assemble(("☑ Anonymize", "bold"), ("  name shown as ", "dim"), participant_code(self.session))
            if settings.anonymize
            else Content.assemble(("☐ Anonymize", "bold"), ("  the participant's name is included", "dim"))
        )
        self.query_one("#export-choices", Static).update(Content("\n").join([Content.assemble(*formats), anonymize]))
        self._suggest_path()
        if isinstance(self.output, bytes):
            title, preview = f"{chosen.label} is a file of {len(self.output):,} bytes: it is saved, not copied", ""
        else:
            title, preview = f"Preview: exactly what is copied or saved ({self.output.count(chr(10))} lines)", self.output
        self.query_one("#export-preview-title", Static).update(Content.styled(title, "dim"))
        self.query_one("#export-preview-text", Static).update(Content(visible(preview)))
        self.call_after_refresh(self._show_keys)

    def _show_keys(self) -> None:
        self.query_one("#export-keys", Static).update(self._keys())

    def _suggest_path(self) -> None:
        """A file name that follows the format and the anonymize choice, unless the user typed one."""
        field = self.query_one("#export-path", Input)
        folder = self.settings.folder or Path.cwd()
        suggestion = display_path(folder / export_file_name(self.session, self.settings.fmt, self.settings.anonymize))
        if not field.value or field.value == self._suggested:
            field.value = suggestion
        else:
            path = Path(field.value)
            if path.suffix.lstrip(".") in {fmt.extension for fmt in SESSION_FORMATS.values()}:
                field.value = str(path.with_suffix("." + SESSION_FORMATS[self.settings.fmt].extension))
        self._suggested = suggestion

    def _keys(self) -> Content:
        parts: list[Content] = []
        for binding_id in ("export_format", "export_anonymize", "export_copy", "export_save", "export_path", "export_close"):
            for active in self.active_bindings.values():
                if active.binding.id == binding_id:
                    parts.append(Content.assemble((self.app.get_key_display(active.binding), "bold"), " ", active.binding.description))
                    break
        return Content("  ").join(parts)

    # --- actions -----------------------------------------------------------------------
    def action_next_format(self) -> None:
        names = list(SESSION_FORMATS)
        self.settings.fmt = names[(names.index(self.settings.fmt) + 1) % len(names)]
        self._refresh()

    def action_toggle_anonymize(self) -> None:
        self.settings.anonymize = not self.settings.anonymize
        self._refresh()

    def action_copy(self) -> None:
        if isinstance(self.output, bytes):
            self.notify(f"{SESSION_FORMATS[self.settings.fmt].label} cannot be copied; {key_for(self, 'export_save')} saves it.", severity="warning")
            return
        self.dismiss(ExportRequest("copy", self.settings.fmt, self.settings.anonymize, self.output))

    def action_save(self) -> None:
        value = self.query_one("#export-path", Input).value
        if not value.strip():
            self.notify("Type a file name first (p).", severity="warning")
            return
        path = typed_path(value)
        self.settings.folder = path.parent
        self.dismiss(ExportRequest("save", self.settings.fmt, self.settings.anonymize, self.output, path))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the path is edited, p is a letter of it."""
        return not (action == "edit_path" and isinstance(self.focused, Input))

    def action_edit_path(self) -> None:
        self.set_focus(self.query_one("#export-path", Input))

    def action_close(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one("#export-preview", VerticalScroll).focus()
            return
        self.dismiss(None)

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        """The whole path the file goes to, however long, as typed paths resolve (from the current folder)."""
        target = display_path(typed_path(event.value)) if event.value.strip() else "type a file name (p)"
        self.query_one("#export-target", Static).update(Content.assemble(("→ ", "dim"), (target, "dim")))

    @on(Input.Submitted, "#export-path")
    def _path_done(self) -> None:
        self.action_save()
