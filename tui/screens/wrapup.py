"""Wrap-up: thank them, ask about following up, write takeaways while they are fresh.

Nothing typed here can go astray: the takeaways field is the only thing that
takes the keyboard, so a Tab or a fast burst never moves typing onto a button.
The choices are keys that work while typing, and each says in words which
option is chosen. Completing is ctrl+s and nothing else (or a click). A note
left unsent in the live field is offered here: kept as a note, or discarded.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from tui.core.session import Session
from tui.core.text import one_line
from tui.screens.base import use_styles
from tui.screens.keys import key_for

FOLLOW_UP_CHOICES = ((True, "yes"), (False, "no"), (None, "not asked"))
DRAFT_SHOWN = 60  # characters of the unsent note quoted


@dataclass(frozen=True)
class WrapUpResult:
    completed: bool
    keep_draft: bool = True  # the unsent note becomes a note (else it is discarded)


class WrapUpScreen(ModalScreen[WrapUpResult]):
    BINDINGS = [
        Binding("ctrl+s", "complete", "Complete", id="complete_session", priority=True),
        Binding("escape", "back", "Back to interview", id="back_to_interview"),
        Binding("ctrl+y", "follow_up(True)", "May follow up: yes", id="wrapup_follow_up_yes", priority=True),
        Binding("ctrl+n", "follow_up(False)", "May follow up: no", id="wrapup_follow_up_no", priority=True),
        Binding("ctrl+u", "follow_up(None)", "May follow up: not asked", id="wrapup_follow_up_unasked", priority=True),
        Binding("ctrl+k", "toggle_draft", "Keep or discard the unsent note", id="wrapup_draft", priority=True),
    ]

    def __init__(self, session: Session, draft: str = "") -> None:
        super().__init__()
        use_styles(self, "wrapup.tcss")
        self.session = session
        self.draft = draft.strip()
        self.keep_draft = True

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wrapup", can_focus=False):  # the field alone takes keys
            yield Static(id="wrapup-title", classes="dialog-title")
            yield Static(
                Content.assemble(
                    "☐ Thank ",
                    (one_line(self.session.participant.name) or "them", "bold"),
                    " for their time.  ☐ Ask whether you may contact them again.",
                ),
                id="wrapup-checklist",
            )
            yield Static(id="follow-up")
            yield Static(id="draft")
            yield Label("Takeaways, one per line:")
            shown = (line for t in self.session.takeaways if (line := one_line(t).strip()))  # one per line, as saved
            yield TextArea("\n".join(shown), id="takeaways", soft_wrap=True, compact=True)
            with Horizontal(classes="buttons"):
                yield Button("Complete  ctrl+s", id="complete", variant="success", compact=True)
                yield Button("Back  Esc", id="back", compact=True)

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False  # a click still works; Tab and Enter never land on them
        area = self.query_one("#takeaways", TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        self.query_one("#draft", Static).display = bool(self.draft)
        self._show()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < 24, "-short")  # beside a video call: the takeaways field gives way

    def _show(self) -> None:
        complete, back = key_for(self, "complete_session"), key_for(self, "back_to_interview")
        self.query_one("#wrapup-title", Static).update(
            Content.assemble(("Wrap up", "bold"), (f"  {complete} completes · {back} back to the call", "dim"))
        )
        options = [
            Content.assemble(("● " if value is self.session.follow_up_ok else "○ "), (label, "bold" if value is self.session.follow_up_ok else "dim"))
            for value, label in FOLLOW_UP_CHOICES
        ]
        keys = "/".join(key_for(self, b) for b in ("wrapup_follow_up_yes", "wrapup_follow_up_no", "wrapup_follow_up_unasked"))
        self.query_one("#follow-up", Static).update(
            Content.assemble(("May we contact them again?  ", "bold"), Content("  ").join(options), (f"  {keys}", "dim"))
        )
        if self.draft:
            quoted = one_line(self.draft)
            if len(quoted) > DRAFT_SHOWN:
                quoted = quoted[: DRAFT_SHOWN - 1] + "…"
            choice = Content.assemble(
                ("● keep as a note" if self.keep_draft else "○ keep as a note", "bold" if self.keep_draft else "dim"),
                "   ",
                ("● discard" if not self.keep_draft else "○ discard", "bold" if not self.keep_draft else "dim"),
            )
            self.query_one("#draft", Static).update(
                Content("\n").join([
                    Content.assemble(("Unsent in the note field: ", "bold"), f"“{quoted}”"),
                    Content.assemble("  ", choice, (f"  {key_for(self, 'wrapup_draft')}", "dim")),
                ])
            )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "complete":
            self.action_complete()
        else:
            self.action_back()

    # What is typed here goes into the session as it is typed, so Esc, ctrl+q or a
    # closed terminal keep it; the live screen saves it with everything else.
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._keep_takeaways()

    def _keep_takeaways(self) -> None:
        text = self.query_one("#takeaways", TextArea).text
        self.session.takeaways = [line.strip() for line in text.splitlines() if line.strip()]

    def action_follow_up(self, value: bool | None) -> None:
        self.session.follow_up_ok = value
        self._show()

    def action_toggle_draft(self) -> None:
        if self.draft:
            self.keep_draft = not self.keep_draft
            self._show()

    def action_complete(self) -> None:
        """ctrl+s acts the moment it arrives: finish after the keys typed before it reach the field."""
        self.query_one("#takeaways", TextArea).call_later(self.call_later, self._close, WrapUpResult(True, self.keep_draft))

    def action_back(self) -> None:
        self._close(WrapUpResult(False))

    def _close(self, result: WrapUpResult) -> None:
        if self.is_attached and self.is_current:
            self._keep_takeaways()
            self.dismiss(result)
