"""The question before a session goes to the trash (history's Delete; `interview restore` brings it back)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core.text import one_line
from tui.screens.base import use_styles
from tui.screens.history_rows import label

if TYPE_CHECKING:
    from tui.index_rows import SessionSummary


class ConfirmDelete(ModalScreen[bool]):
    BINDINGS = [
        Binding("y,enter", "dismiss(True)", "Delete", id="confirm_delete_yes"),
        Binding("n,escape", "dismiss(False)", "Keep", id="confirm_delete_no"),
    ]

    def __init__(self, summary: SessionSummary) -> None:
        super().__init__()
        use_styles(self, "history.tcss")
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog history-confirm"):
            yield Static("Delete this session?", classes="dialog-title")
            yield Static(Content.assemble(("Session ", ""), (one_line(label(self.summary)), "bold")), classes="dialog-body")
            yield Static(
                Content(
                    one_line(f"It moves to the trash; `interview restore {self.summary.short_id}` brings it back.")
                ),
                classes="dialog-body",
            )
            yield Static(Content.styled("y / Enter: delete · n / Esc: keep", "dim"))
