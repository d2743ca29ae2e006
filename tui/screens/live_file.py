"""The live screen's session file: made once the screen shows, for a session that is new.

A mixin of `LiveScreen`. `interview new` opens the live screen at once and
makes the session's file just after its first frame (App.start_live calls
`create_file`), so the store is not imported before it; a key that saves
before then makes the file at once. A resumed session comes with its writer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.errors import UsageError
from tui.screens.base import app_of

if TYPE_CHECKING:  # the store is imported after the first frame of a new session
    from tui.core.session import Session
    from tui.writer import SessionWriter


class SessionFile:
    """The writer of the live screen's session (see `LiveScreen`)."""

    session: Session
    _writer: SessionWriter | None

    @property
    def writer(self) -> SessionWriter:
        """The session's writer; a new session's file is created on first use (UsageError if it cannot be)."""
        if self._writer is None:
            self._writer = app_of(self).store.create(self.session)
        return self._writer

    @property
    def finished(self) -> bool:
        """Ended (completed, paused, interrupted) and saved: nothing more is written."""
        return self._writer is not None and self._writer.closed

    def create_file(self) -> None:
        """A new session's file, made just after the first frame (App.start_live); a key that
        saves before then makes it at once. If it cannot be made, home says why, as before the call."""
        try:
            self.writer
        except UsageError as error:
            app_of(self).not_started(self, str(error))
            return
        self._save_meta()
