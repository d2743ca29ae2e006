"""The live screen's note field: composed with the screen, or mounted just after its first frame.

A mixin of `LiveScreen`. The field is a TextArea, whose modules take 7 ms to
import; with its styles and mount it was 13 to 16 ms of `interview new`'s first
frame. As the app's first screen (`field_later`), the live screen draws a
stand-in with the field's cells and styles (tui/styles/live.tcss) and mounts
the field right after that frame, while the app handles no key
(InterviewApp._start waits for `field_ready`): keys typed meanwhile go into the
field, in order.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, cast

from textual.events import ScreenResume

from tui.widgets.note_field_events import FIELD, FIELD_ID

if TYPE_CHECKING:
    from tui.core.live import LiveInterview
    from tui.widgets.note_field import NoteField

FIELD_PLACEHOLDER = "Type a note · Enter saves · F1 help"


class LiveField:
    """The note field of the live screen (see `LiveScreen`)."""

    field_later: bool
    field_ready: asyncio.Event  # set once the field is mounted and focused, or never will be
    field_text: str
    live: LiveInterview
    finished: bool
    _resumed: bool = False

    @staticmethod
    def new_field() -> NoteField:
        from tui.widgets.note_field import NoteField

        return NoteField(placeholder=FIELD_PLACEHOLDER, id=FIELD_ID)

    @property
    def note_field(self) -> NoteField:
        return cast("NoteField", self.query_one(FIELD))

    async def mount_field(self) -> None:
        """The field in place of its stand-in, focused, the draft in it (`field_later`). It runs
        behind the screen's resume, which draws the first frame (tests/ui/test_first_frames.py)."""
        try:
            if self.finished or not self.is_attached:  # a signal ended it (`interrupt`)
                return
            placeholder = self.query_one("#note-placeholder")
            await self.mount(self.new_field(), before=placeholder)
            await placeholder.remove()
            if self.is_attached:
                self.field_mounted()
        finally:
            self.field_ready.set()

    def field_mounted(self) -> None:
        field = self.note_field
        if self.field_text:  # shown as it is saved from now on: control characters as signs
            field.set_text(self.field_text)
        field.report_typing = self.live.silence_since is not None
        self.set_focus(field)

    def on_screen_resume(self, event: ScreenResume) -> None:
        """Its first showing keeps the styles its widgets were given as they mounted, a moment ago:
        Textual would apply the app's CSS to every widget again (5 ms of the first frame)."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
