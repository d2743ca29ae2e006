"""Jump to any question of the guide; shows what was asked, skipped and where you are."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.session import Session
from tui.core.text import one_line


STATE_MARKS = {"asked": "✓", "skipped": "↷", "not reached": " "}


def question_marker(session: Session, index: int) -> str:
    return "●" if index == session.current_question else STATE_MARKS[session.question_state(index)]


class QuestionPicker(ModalScreen[int | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Close", show=False)]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        options: list[Option | None] = []
        section = -1
        for ref in self.session.guide.questions:
            if ref.section_index != section:
                section = ref.section_index
                minutes = f"  {ref.section.minutes} min" if ref.section.minutes else ""
                options.append(Option(Content.assemble((one_line(ref.section.title), "bold"), (minutes, "dim")), disabled=True))
            notes = len(self.session.notes_for(ref.index))
            options.append(
                Option(
                    Content.assemble(
                        f" {question_marker(self.session, ref.index)} {ref.index + 1:>2}. ",
                        one_line(ref.question.text),
                        (f"  ({notes})" if notes else "", "dim"),
                    ),
                    id=str(ref.index),
                )
            )
        with Vertical(classes="dialog picker"):
            yield Static("Go to question  ● here  ✓ asked  ↷ skipped", classes="dialog-title")
            yield OptionList(*options, id="questions")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = options.get_option_index(str(self.session.current_question))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))
