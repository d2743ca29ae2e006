"""The earlier session's pain points during a follow-up: mark each, choose the one being discussed.

The dialog only chooses: each verdict key calls back to the live screen, which
saves it at once; Enter returns the pain to keep new notes beside.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.session import EarlierPain
from tui.core.text import one_line
from tui.widgets.earlier_pains import verdict_mark


class EarlierPainsDialog(ModalScreen[str | None]):
    """Returns the note id of the pain to discuss, "" to stop, None to leave it as it was."""

    BINDINGS = [
        Binding("s", "verdict('solved')", "Solved", id="pain_solved"),
        Binding("p", "verdict('partly')", "Partly", id="pain_partly"),
        Binding("n", "verdict('not_solved')", "Not solved", id="pain_not_solved"),
        Binding("d", "verdict('not_discussed')", "Not discussed", id="pain_not_discussed"),
        Binding("x", "dismiss('')", "Stop keeping notes beside it", id="pain_stop"),
        Binding("escape", "dismiss(None)", "Close", id="pain_close"),
    ]

    def __init__(self, pains: list[EarlierPain], discussing: str | None, set_verdict: Callable[[str, str | None], bool]) -> None:
        super().__init__()
        self.pains = pains
        self.discussing = discussing
        self.set_verdict = set_verdict

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker"):
            yield Static("Last time's pain points", classes="dialog-title")
            yield OptionList(*self._options(), id="pains")
            yield Static(
                Content.styled("s solved · p partly · n not solved · d not discussed · Enter: notes go beside it · x stop · Esc", "dim")
            )

    def _options(self) -> list[Option]:
        if not self.pains:
            return [Option(Content.styled("The earlier session noted no pain points.", "dim"), disabled=True)]
        return [
            Option(
                Content.assemble(
                    ("▸ " if pain.note_id == self.discussing else "  "),
                    verdict_mark(pain.verdict),
                    "  ",
                    one_line(pain.text),
                ),
                id=pain.note_id,
            )
            for pain in self.pains
        ]

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        index = next((i for i, p in enumerate(self.pains) if p.note_id == self.discussing), 0)
        options.highlighted = index if self.pains else None
        options.focus()

    def action_verdict(self, verdict: str) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not self.pains:
            return
        pain = self.pains[options.highlighted]
        if self.set_verdict(pain.note_id, None if pain.verdict == verdict else verdict):  # the same key again unmarks
            highlighted = options.highlighted
            options.set_options(self._options())
            options.highlighted = min(highlighted + 1, len(self.pains) - 1)  # on to the next one

    @on(OptionList.OptionSelected, "#pains")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
