"""The note being typed: long notes wrap so they stay readable, Enter commits.

A TextArea rather than an Input: an Input relays out the whole screen on every
keystroke (its virtual width grows with the text), which made typing on the
live screen cost twice a bare Input (tests/benchmarks/bench_typing.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from textual import events
from textual.message import Message
from textual.screen import Screen
from textual.widgets import TextArea

from tui.core.session import MAX_TEXT


class _FromField(Message):
    """A message of the note field, which is its `control`. Written out, not a dataclass:
    Python compiles a dataclass's methods from source as its class is made, at every start."""

    def __init__(self, field: NoteField) -> None:
        super().__init__()
        self.field = field

    @property
    def control(self) -> NoteField:
        return self.field


class NoteField(TextArea):
    DEFAULT_CSS = """
    NoteField { height: auto; min-height: 1; max-height: 4; }
    """

    class Started(_FromField):
        """A first key went into the empty field: a note is being begun."""

    class Typing(_FromField):
        """A key went into the field while `report_typing` was set: they are talking again."""

    class PasteRefused(_FromField):
        """A paste would make the note longer than `MAX_TEXT`: nothing was inserted."""

        def __init__(self, field: NoteField, length: int) -> None:
            super().__init__(field)
            self.length = length  # characters in the refused paste

    class Submitted(_FromField):
        """Enter was pressed: `text` is the note as it stood at that key."""

        def __init__(self, field: NoteField, text: str) -> None:
            super().__init__(field)
            self.text = text

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(text, soft_wrap=True, tab_behavior="focus", highlight_cursor_line=False, **kwargs)
        self.report_typing = False  # set by the screen while a silence is timed; one Typing ends it

    def _announce(self) -> None:
        """Started and Typing go straight to the screen's queue, so the screen sees them
        in the order the keys were typed, before any key action queued behind them."""
        if not self.text:
            self.screen.post_message(self.Started(self))
        if self.report_typing:
            self.report_typing = False
            self.screen.post_message(self.Typing(self))

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable:
            self._announce()
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            # Clear now, not when the screen gets the message: keys typed right
            # after Enter belong to the next note.
            self.screen.post_message(self.Submitted(self, self.text))
            self.clear()
            return
        await super()._on_key(event)

    def _on_paste(self, event: events.Paste) -> None:
        """Announce the note, or refuse a paste too long for one.

        Textual runs each class's `_on_paste` in the MRO, so `TextArea._on_paste`
        inserts the text after this one; calling it here too inserted it twice.
        """
        selected = len(self.selected_text)
        if len(self.text) - selected + len(event.text) > MAX_TEXT:
            event.prevent_default()  # TextArea._on_paste is not run
            event.stop()
            self.post_message(self.PasteRefused(self, len(event.text)))
            return
        if event.text:
            self._announce()

    def set_text(self, text: str) -> None:
        """Replace the text and put the cursor at its end, ready to type on."""
        self.load_text(text)
        self.move_cursor(self.document.end)

    def give_back(self, submitted: str) -> None:
        """A note that could not be saved goes back in front of anything typed since."""
        self.set_text(" ".join(part for part in (submitted, self.text) if part))


def after_typing(action: Callable[..., None]) -> Callable[..., None]:
    """Run a screen's key action after the keys typed into its note field before it.

    Priority bindings act the moment a key arrives, while typed keys (and the Enter
    that saves a note) still wait in the note field's queue. Going through that queue,
    then the screen's, puts the action behind them: a note typed, Enter, ctrl+n in a
    burst is saved on the question it was typed on.
    """

    @wraps(action)
    def in_order(self: Screen, *args: object) -> None:
        self.query_one(NoteField).call_later(self.call_later, action, self, *args)

    return in_order
