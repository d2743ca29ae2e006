"""Wrap-up: thank them, ask about following up, write takeaways while they are fresh."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, RadioButton, RadioSet, Static, TextArea

from tui.core.session import Session

FOLLOW_UP_CHOICES = (("yes", True), ("no", False), ("not asked", None))


class WrapUpScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("ctrl+s", "complete", "Complete", id="complete_session", priority=True),
        Binding("escape", "back", "Back to interview", id="back_to_interview"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wrapup"):
            yield Static(
                Content.assemble(("Wrap up", "bold"), ("  ctrl+s completes · Esc back to the interview", "dim")),
                classes="dialog-title",
            )
            yield Static(
                Content.assemble(
                    "☐ Thank ",
                    (self.session.participant.name or "them", "bold"),
                    " for their time.\n☐ Ask whether you may contact them again.",
                ),
                classes="dialog-body",
            )
            yield Label("May we follow up?")
            with RadioSet(id="follow-up", compact=True):
                for label, value in FOLLOW_UP_CHOICES:
                    yield RadioButton(label.capitalize(), value=value == self.session.follow_up_ok)
            yield Label("Takeaways, one per line, while they are fresh:")
            yield TextArea("\n".join(self.session.takeaways), id="takeaways", soft_wrap=True, compact=True)
            with Horizontal(classes="buttons"):
                yield Button("Complete  ctrl+s", id="complete", variant="success")
                yield Button("Back  Esc", id="back")

    def on_mount(self) -> None:
        self.query_one("#takeaways", TextArea).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "complete":
            self.action_complete()
        else:
            self.action_back()

    # What is typed here goes into the session as it is typed, so Esc, ctrl+q or a
    # closed terminal keep it; the live screen saves it with everything else.
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.session.takeaways = [line.strip() for line in event.text_area.text.splitlines() if line.strip()]

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.session.follow_up_ok = FOLLOW_UP_CHOICES[event.index][1]

    def action_complete(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
