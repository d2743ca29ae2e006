"""Quitting mid-interview asks what to do with the session; nothing is lost either way."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class QuitMenu(ModalScreen[str | None]):
    BINDINGS = [
        Binding("p", "choose('pause')", "Pause & keep", show=False),
        Binding("e", "choose('end')", "End now", show=False),
        Binding("escape,c", "choose(None)", "Cancel", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Leave this interview?", classes="dialog-title")
            yield Static("Notes are already saved. Pause keeps the session to resume later.", classes="dialog-body")
            yield Button("Pause and keep  (p)", id="pause", variant="primary", compact=True)
            yield Button("End now: wrap up  (e)", id="end", variant="warning", compact=True)
            yield Button("Cancel  (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#pause", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)
