"""A short form before the call: who, with whom, why, and consent to record.

One row per field, so the Start action shows at 60x20 without scrolling. Tab
and Enter move focus the moment they arrive (priority bindings), so a fast
typist's next words land in the field they moved to, not the one they left.
Consent is asked, never assumed: Start waits for a yes or a no. Esc on a
form with something typed asks before throwing it away.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.events import Key
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, Static

from tui.core.guide import Guide
from tui.core.session import Participant, Session
from tui.core.text import one_line
from tui.screens.base import TypeAhead, app_of, use_styles
from tui.screens.keys import key_for

FIELDS = (
    ("name", "Participant"),
    ("role", "Role"),
    ("company", "Company"),
    ("segment", "Segment"),
    ("interviewers", "Interviewers"),
    ("goal", "Goal"),
)
PLACEHOLDERS = {"interviewers": "comma-separated", "name": "their name"}


def consent_words(value: bool | None, *, nudged: bool = False, focused: bool = True) -> Content:
    """`● yes  ○ no`, in words and shapes, not only colour; `? not asked yet` until answered,
    `? ask them first` once Start was pressed without an answer.

    The keys that answer are shown only while they would: with the focus on another
    field, y would be typed into it, so the line says how to get here instead."""
    if focused:
        hint = ("   y yes · n no" if value is None else "   y / n", "dim")
    else:
        hint = ("   Tab down to answer" if value is None else "", "dim")
    if value is None:
        if nudged:
            return Content.assemble((" ? ask them first ", "bold reverse $text-warning"), hint)
        return Content.assemble(("? not asked yet", "bold $text-warning"), hint)
    return Content.assemble(
        ("● yes" if value else "○ yes", "bold" if value else "dim"), "   ",
        ("● no" if value is False else "○ no", "bold" if value is False else "dim"), hint,
    )


class ConsentChoice(Widget, can_focus=True):
    """Did the participant agree to be recorded: y / n (or space, ←, →) while focused."""

    DEFAULT_CSS = """
    ConsentChoice { height: 1; width: 1fr; padding: 0 1; background: $boost; }
    ConsentChoice:focus { background: $primary 30%; }
    """

    value: reactive[bool | None] = reactive(None)
    nudged: reactive[bool] = reactive(False)  # Start was pressed before an answer (said here, not in a toast
    # that would outlive the form and cover the live screen's notes)

    def render(self) -> Content:
        return consent_words(self.value, nudged=self.nudged, focused=self.has_focus)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_key(self, event: Key) -> None:
        choice = {"y": True, "n": False}.get(event.character or "")
        if event.key in ("space", "left", "right"):
            choice = not self.value if self.value is not None else True
        if choice is not None:
            event.stop()
            self.value = choice


class ConfirmDiscard(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "dismiss(True)", "Discard", id="setup_discard_yes"),
        Binding("n,escape", "dismiss(False)", "Keep", id="setup_discard_no"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Discard this form?", classes="dialog-title")
            yield Static("What you typed here is not saved anywhere yet.", classes="dialog-body")
            yield Static(Content.styled("y discard · n / Esc keep editing", "dim"))


class SetupScreen(TypeAhead):
    TYPE_AHEAD = "#name"  # the participant's name, typed on right after Enter at home
    BINDINGS = [
        Binding("ctrl+s", "start", "Start interview", id="start_interview", priority=True),
        Binding("escape", "back", "Back", id="setup_back"),
        # Priority, so focus moves before the next key arrives: fast typing stays in its field.
        Binding("enter", "next_field", "Next field", id="setup_next_field", show=False, priority=True),
        Binding("tab", "app.focus_next", "Next field", id="setup_tab", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", id="setup_shift_tab", show=False, priority=True),
    ]

    def __init__(
        self,
        guide: Guide,
        *,
        follow_up_of: str | None = None,
        participant: Participant | None = None,
        consent: bool | None = None,
    ) -> None:
        super().__init__()
        use_styles(self, "setup.tcss")
        self.guide = guide
        self.follow_up_of = follow_up_of
        self.participant = participant  # prefilled, e.g. for a follow-up with the same person
        self.consent = consent

    def compose(self) -> ComposeResult:
        with Vertical(id="setup"):
            yield Static(Content.assemble(("New interview · ", "bold"), one_line(self.guide.title)), classes="dialog-title")
            if self.follow_up_of:
                yield Static(Content.styled(f"Follow-up of session {one_line(self.follow_up_of[:8])}", "dim"))
            with Grid(id="setup-form"):
                for field_id, label in FIELDS:
                    yield Label(label)
                    yield Input(
                        self._initial(field_id), id=field_id, compact=True, select_on_focus=False,  # Tab back never selects to overwrite
                        placeholder=PLACEHOLDERS.get(field_id, ""),
                    )
                yield Label("Consent to record")
                yield ConsentChoice(id="consent")
            with Horizontal(classes="buttons"):
                yield Button("Start  ctrl+s", id="start", variant="success", compact=True)
                yield Static(id="setup-hint")
        yield Footer()

    def _initial(self, field_id: str) -> str:
        """A field's prefilled text, as it is shown and then saved: one line, control characters as signs."""
        if field_id == "goal":
            return one_line(self.guide.goal)
        if self.participant is not None and field_id in ("name", "role", "company", "segment"):
            return one_line(getattr(self.participant, field_id))
        return ""

    def on_mount(self) -> None:
        self.query_one(ConsentChoice).value = self.consent
        self.focus_first_field()
        self.query_one("#setup-hint", Static).update(
            Content.styled(f"Enter or Tab: next field · {key_for(self, 'setup_back')} back", "dim")
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_field":  # from a field; Enter still presses buttons
            return isinstance(self.focused, (Input, ConsentChoice))
        return True

    def action_next_field(self) -> None:
        self.focus_next()

    def _changed(self) -> bool:
        """Anything typed or chosen that Esc would throw away."""
        typed = any(self.query_one(f"#{f}", Input).value.strip() != self._initial(f).strip() for f, _ in FIELDS)
        return typed or self.query_one(ConsentChoice).value != self.consent

    def action_back(self) -> None:
        if not self._changed():
            self._leave()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self._leave()

        self.app.push_screen(ConfirmDiscard(), answered)

    def _leave(self) -> None:
        app_of(self).go_back()

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        """ctrl+s acts the moment it arrives: start after the keys typed before it (a `y`, a name) land."""
        (self.focused or self).call_later(self.call_later, self._start)

    def _start(self) -> None:
        if not self.is_current:
            return
        choice = self.query_one(ConsentChoice)
        if choice.value is None:
            choice.focus()
            choice.nudged = True
            return
        values = {field_id: self.query_one(f"#{field_id}", Input).value.strip() for field_id, _ in FIELDS}
        session = Session(
            guide=self.guide,
            participant=Participant(
                name=values["name"], role=values["role"], company=values["company"], segment=values["segment"]
            ),
            interviewers=[name.strip() for name in values["interviewers"].split(",") if name.strip()],
            goal=values["goal"] or self.guide.goal,
            consent_to_record=choice.value,
            follow_up_of=self.follow_up_of,
        )
        app_of(self).start_live(session)
