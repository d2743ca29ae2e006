"""Small dialogs of the review: edit a note in shorthand, change its kind, write takeaways.

Each returns what the user chose; the review screen changes the session and saves.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from tui.core.durations import format_elapsed
from tui.core.kinds import KINDS, KIND_NAMES
from tui.core.session import MAX_TEXT, Note
from tui.core.shorthand import SHORTHAND_HINT, parse_shorthand, typed_lines
from tui.core.text import one_line, visible
from tui.screens.base import use_styles
from tui.widgets.note_field import NoteField
from tui.widgets.note_log import shorthand_summary

PLAIN_MARK = "."  # the plain note has no shorthand mark; in the kind picker this key chooses it


def shorthand_preview(value: str) -> Content:
    """What the typed shorthand will make: kind, key moment, STAR part, themes."""
    if not value.strip():
        return Content.styled("An empty note is not saved; d deletes a note.", "dim")
    return shorthand_summary(parse_shorthand(value))


class NoteEditor(ModalScreen[str | None]):
    """The note as typed (shorthand): change its words, kind, star, STAR part or #themes."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="note_editor_cancel")]

    def __init__(self, note: Note, where: str) -> None:
        super().__init__()
        use_styles(self, "review.tcss")
        self.note = note
        self.where = where

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog note-editor"):
            yield Static(
                Content.assemble(("Edit note ", "bold"), f"[{format_elapsed(self.note.elapsed)}]", (one_line(f" · {self.where}"), "dim")),
                classes="dialog-title",
            )
            yield NoteField(id="note-text")
            yield Static(shorthand_preview(visible(self.note.as_typed())), id="note-preview")
            yield Static(Content.styled(SHORTHAND_HINT, "dim"))
            yield Static(Content.styled("Enter saves · Esc cancels", "dim"))

    def on_mount(self) -> None:
        field = self.query_one("#note-text", NoteField)
        field.set_text(visible(self.note.as_typed()))  # the live screen's field: a pasted note's lines stay
        field.focus()

    @on(NoteField.Changed, "#note-text")
    def _changed(self, event: NoteField.Changed) -> None:
        self.query_one("#note-preview", Static).update(shorthand_preview(event.text_area.text))

    @on(NoteField.PasteRefused, "#note-text")
    def _paste_refused(self, event: NoteField.PasteRefused) -> None:
        self.notify(f"Paste refused: a note holds at most {MAX_TEXT:,} characters.", severity="error")

    @on(NoteField.Submitted, "#note-text")
    def _submitted(self, event: NoteField.Submitted) -> None:
        typed = typed_lines(event.text)
        if typed:
            self.dismiss(typed)
            return
        event.field.give_back(event.text)
        self.notify("An empty note is not saved; Esc cancels, d deletes a note.", severity="warning")


class KindPicker(ModalScreen[str | None]):
    """Choose a note's kind: arrows and Enter, or the shorthand mark itself."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="kind_picker_cancel")]
    MARKS = {kind.mark or PLAIN_MARK: kind.name for kind in KINDS}

    def __init__(self, current: str) -> None:
        super().__init__()
        use_styles(self, "review.tcss")
        self.current = current

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog picker kind-picker"):
            yield Static("Kind of note", classes="dialog-title")
            options = [
                Option(Content.assemble((f"{kind.mark or PLAIN_MARK}  ", f"bold {kind.style}"), kind.meaning), id=kind.name)
                for kind in KINDS
            ]
            yield OptionList(*options, id="kinds")
            yield Static(Content.styled("Enter or the mark chooses · Esc cancels", "dim"))

    def on_mount(self) -> None:
        kinds = self.query_one("#kinds", OptionList)
        kinds.highlighted = KIND_NAMES.index(self.current) if self.current in KIND_NAMES else 0
        kinds.focus()

    def on_key(self, event: Key) -> None:
        if event.character in self.MARKS:
            event.stop()
            self.dismiss(self.MARKS[event.character])

    @on(OptionList.OptionSelected, "#kinds")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class TakeawaysEditor(ModalScreen[list[str] | None]):
    """Takeaways, one per line. Closing keeps what was written (u undoes it in the review)."""

    BINDINGS = [
        Binding("escape", "done", "Save and close", id="takeaways_done"),
        Binding("ctrl+s", "done", "Save and close", id="takeaways_save", priority=True, show=False),
    ]

    def __init__(self, takeaways: list[str]) -> None:
        super().__init__()
        use_styles(self, "review.tcss")
        self.takeaways = takeaways
        self.shown = [line for t in takeaways if (line := one_line(t).strip())]  # one per line, as saved

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog takeaways"):
            yield Static("Takeaways, one per line", classes="dialog-title")
            yield TextArea("\n".join(self.shown), id="takeaways-text", soft_wrap=True)
            yield Static(Content.styled("Esc or ctrl+s saves and closes · u in the review undoes", "dim"))

    def on_mount(self) -> None:
        area = self.query_one("#takeaways-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_done(self) -> None:
        text = self.query_one("#takeaways-text", TextArea).text
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        self.dismiss(None if lines in (self.takeaways, self.shown) else lines)  # unchanged: the exact text stays
