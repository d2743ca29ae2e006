"""The note being typed: long notes wrap so they stay readable, Enter commits.

A TextArea rather than an Input: an Input relays out the whole screen on every
keystroke (its virtual width grows with the text), which made typing on the
live screen cost twice a bare Input (tests/benchmarks/bench_typing.py).
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from tui.core.session import MAX_TEXT
from tui.widgets.note_field_events import PasteRefused, Started, Submitted, Typing

# ctrl+j is a newline: an Enter typed before the app took over the terminal reaches it so (the
# terminal's line editing turns Enter into a newline until then).
SUBMIT_KEYS = ("enter", "ctrl+j")


class NoteField(TextArea):
    DEFAULT_CSS = """
    NoteField { height: auto; min-height: 1; max-height: 4; }
    """

    Started, Typing, PasteRefused, Submitted = Started, Typing, PasteRefused, Submitted  # as NoteField.Submitted too

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
        if event.key in SUBMIT_KEYS:
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

