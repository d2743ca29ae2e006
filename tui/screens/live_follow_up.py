"""In a follow-up interview: the pain points of last time, a verdict on each, and the notes about it.

A mixin of `LiveScreen`. The earlier session is read in a thread; its pain
points are copied into this session (text and themes), so this session's
review and exports show them with their verdicts even without the earlier file.
ctrl+e lists them: a key marks each solved, partly, not solved or not
discussed (saved at once), and Enter makes one "the pain being discussed":
notes committed after that are kept beside it, until another is chosen, the
question changes, or x stops it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.session import Note
from tui.screens.base import in_thread, store_of
from tui.screens.keys import key_for
from tui.widgets.note_field_events import after_typing

if TYPE_CHECKING:
    from tui.core.session import Session


class EarlierPainKeys:
    """The follow-up part of the live screen (see `LiveScreen` for the binding)."""

    session: Session
    discussing: str | None  # note id of the earlier pain being discussed; new notes go beside it
    earlier_date: str

    def load_earlier_pains(self, session_id: str) -> None:
        """Read the earlier session off the UI thread; a problem is one notice, never the end of the call."""
        store = store_of(self)
        in_thread(
            self, lambda: store.load(session_id), self._earlier_pains_loaded,
            failure="Earlier session not shown", severity="warning", group="earlier-pains",
        )

    def _earlier_pains_loaded(self, earlier: Session) -> None:
        from tui.core.followups import pain_points

        pains = pain_points(earlier)
        self.earlier_date = earlier.date
        if self.session.track_earlier_pains(pains):
            self._save_meta()
        self._show_earlier_pains()

    def _show_earlier_pains(self) -> None:
        from tui.widgets.earlier_pains import EarlierPains  # composed in a follow-up only, imported then

        widget = self.query_one(EarlierPains)
        widget.when = self.earlier_date
        widget.key = key_for(self, "earlier_pains")
        widget.pains = tuple((p.text, p.verdict, p.note_id == self.discussing) for p in self.session.earlier_pains)

    @after_typing
    def action_earlier_pains(self) -> None:
        from tui.screens.earlier_pains import EarlierPainsDialog

        def chosen(discuss: str | None) -> None:
            if discuss is not None:
                self.discussing = discuss or None
            self._show_earlier_pains()

        self.app.push_screen(EarlierPainsDialog(self.session.earlier_pains, self.discussing, self._set_verdict), chosen)

    def _set_verdict(self, note_id: str, verdict: str | None) -> bool:
        """Saved at once; if the save fails the verdict stays as it was."""
        pain = self.session.earlier_pain(note_id)
        before, pain.verdict = pain.verdict, verdict
        if not self._save_meta():
            pain.verdict = before
            return False
        self._show_earlier_pains()
        return True

    def _keep_beside_discussed(self, note: Note) -> None:
        """A note committed while an earlier pain is being discussed is kept beside it."""
        if self.discussing is not None:
            self.session.earlier_pain(self.discussing).notes.append(note.id)

    def _forget_beside_discussed(self, note: Note) -> None:
        """A note that could not be saved is not beside any earlier pain either."""
        for pain in self.session.earlier_pains:
            if note.id in pain.notes:
                pain.notes.remove(note.id)
