"""What the note field tells its screen, and `after_typing`: apart from the field itself.

The field is a TextArea, whose modules take 7 ms to import. The live screen
names these messages as its class is made, and, as the first screen, shows
its first frame before the field is imported (`LiveScreen.mount_field`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING

from textual.message import Message
from textual.screen import Screen

if TYPE_CHECKING:
    from tui.widgets.note_field import NoteField

FIELD_ID = "note"  # the live screen's note field
FIELD = f"#{FIELD_ID}"  # and its selector


class FieldMessage(Message):
    """A message of the note field, which is its `control`. Written out, not a dataclass:
    Python compiles a dataclass's methods from source as its class is made, at every start."""

    def __init__(self, field: NoteField) -> None:
        super().__init__()
        self.field = field

    @property
    def control(self) -> NoteField:
        return self.field


class Started(FieldMessage):
    """A first key went into the empty field: a note is being begun."""


class Typing(FieldMessage):
    """A key went into the field while `report_typing` was set: they are talking again."""


class PasteRefused(FieldMessage):
    """A paste would make the note longer than `MAX_TEXT`: nothing was inserted."""

    def __init__(self, field: NoteField, length: int) -> None:
        super().__init__(field)
        self.length = length  # characters in the refused paste


class Submitted(FieldMessage):
    """Enter was pressed: `text` is the note as it stood at that key."""

    def __init__(self, field: NoteField, text: str) -> None:
        super().__init__(field)
        self.text = text


def after_typing(action: Callable[..., None]) -> Callable[..., None]:
    """Run a screen's key action after the keys typed into its note field before it.

    Priority bindings act the moment a key arrives, while typed keys (and the Enter
    that saves a note) still wait in the note field's queue. Going through that queue,
    then the screen's, puts the action behind them: a note typed, Enter, ctrl+n in a
    burst is saved on the question it was typed on.
    """

    @wraps(action)
    def in_order(self: Screen, *args: object) -> None:
        self.query_one(FIELD).call_later(self.call_later, action, self, *args)

    return in_order
