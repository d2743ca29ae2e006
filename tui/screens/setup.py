"""A short form before the call: who, with whom, why, and consent to record."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Static

from tui.core.guide import Guide
from tui.core.session import Participant, Session

FIELDS = (
    ("name", "Participant name"),
    ("role", "Role"),
    ("company", "Company"),
    ("segment", "Segment"),
    ("interviewers", "Interviewers present (comma-separated)"),
    ("goal", "Goal of this interview"),
)


class SetupScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "start", "Start interview", id="start_interview", priority=True),
        Binding("escape", "app.pop_screen", "Back", id="setup_back"),
        # Priority, so focus moves before the next key arrives: fast typing stays in its field.
        Binding("enter", "next_field", "Next field", id="setup_next_field", show=False, priority=True),
    ]

    def __init__(
        self, guide: Guide, *, follow_up_of: str | None = None, participant: Participant | None = None
    ) -> None:
        super().__init__()
        self.guide = guide
        self.follow_up_of = follow_up_of
        self.participant = participant  # prefilled, e.g. for a follow-up with the same person

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="setup"):
            yield Static(Content.assemble(("New interview · ", "bold"), self.guide.title), classes="dialog-title")
            if self.follow_up_of:
                yield Static(Content.styled(f"Follow-up of session {self.follow_up_of[:8]}", "dim"))
            for field_id, label in FIELDS:
                yield Label(label)
                yield Input(self._initial(field_id), id=field_id, compact=True)
            yield Checkbox("Participant agreed to be recorded", id="consent", compact=True)
            with Horizontal(classes="buttons"):
                yield Button("Start  ctrl+s", id="start", variant="success")
        yield Footer()

    def _initial(self, field_id: str) -> str:
        if field_id == "goal":
            return self.guide.goal
        if self.participant is not None and field_id in ("name", "role", "company", "segment"):
            return getattr(self.participant, field_id)
        return ""

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_field":  # only from a text field; Enter still presses buttons and boxes
            return isinstance(self.focused, Input)
        return True

    def action_next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        values = {field_id: self.query_one(f"#{field_id}", Input).value.strip() for field_id, _ in FIELDS}
        session = Session(
            guide=self.guide,
            participant=Participant(
                name=values["name"], role=values["role"], company=values["company"], segment=values["segment"]
            ),
            interviewers=[name.strip() for name in values["interviewers"].split(",") if name.strip()],
            goal=values["goal"] or self.guide.goal,
            consent_to_record=self.query_one("#consent", Checkbox).value,
            follow_up_of=self.follow_up_of,
        )
        screen = self.app.live_screen_for_new(session)  # type: ignore[attr-defined]
        if screen is not None:
            self.app.switch_screen(screen)
