"""`interview new --participant NAME`: the consent question, then the live screen.

Apart from the setup form, so a call started from the command line imports
neither the form nor its widgets before its first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core.session import Participant, Session
from tui.core.text import one_line

if TYPE_CHECKING:
    from tui.app import InterviewApp
    from tui.core.guide import Guide


class ConsentPrompt(ModalScreen[bool | None]):
    """One question before the live screen: did they agree to be recorded?"""

    BINDINGS = [
        Binding("y", "dismiss(True)", "Yes", id="consent_yes"),
        Binding("n", "dismiss(False)", "No", id="consent_no"),
        Binding("escape", "dismiss(None)", "Back", id="consent_back"),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.participant_name = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Consent to record", classes="dialog-title")
            yield Static(
                Content.assemble("Did ", (one_line(self.participant_name) or "the participant", "bold"), " agree to be recorded?"),
                classes="dialog-body",
            )
            yield Static(Content.styled("y yes · n no · Esc back", "dim"))


def start_after_consent(
    app: InterviewApp, guide: Guide, name: str, *,
    earlier: Participant | None, consent: bool | None, follow_up_of: str | None,
) -> None:
    """`interview new --participant NAME`: straight to the live screen, but consent is asked,
    never assumed (unless `--consent yes|no` answered it). Esc leaves nothing behind."""
    earlier = earlier or Participant()
    participant = Participant(name, earlier.role, earlier.company, earlier.segment)

    def answered(given: bool | None) -> None:
        if given is not None:
            app.start_live(Session(guide, participant, consent_to_record=given, follow_up_of=follow_up_of))

    if consent is not None:
        answered(consent)
    else:
        app.push_screen(ConsentPrompt(name), answered)
