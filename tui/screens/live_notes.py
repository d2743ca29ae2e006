"""The live screen's keys for notes and theme mentions: star, edit, delete, undo, bump.

A mixin of `LiveScreen`, which owns the session, the writer and the widgets;
split out so each module stays small. Every change is saved at once, and a
delete or a one-key mention can be undone (ctrl+z on an empty field).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from tui.core.durations import format_elapsed
from tui.core.session import Note, ThemeBump
from tui.core.text import visible
from tui.errors import UsageError
from tui.screens.keys import key_for, keys_for
from tui.widgets.note_field_events import after_typing

if TYPE_CHECKING:
    from tui.core.live import LiveInterview
    from tui.core.session import Session
    from tui.widgets.note_field import NoteField
    from tui.writer import SessionWriter

MAX_THEME_KEYS = 9


def theme_bindings() -> list[Binding]:
    """F2–F10 bump codebook themes 1–9: every terminal sends them, unlike alt+digit.
    Shift+F2–F10 take one mention back, where the terminal sends them (as shift+F2 or as
    F14; tmux loses shift+F3); ctrl+z right after a bump always does."""
    bump = [
        Binding(
            f"f{i + 1}", f"bump_theme({i})", f"Theme {i}", id=f"bump_theme_{i}", show=False, priority=True,
            tooltip=f"One mention of codebook theme {i}",
        )
        for i in range(1, MAX_THEME_KEYS + 1)
    ]
    unbump = [
        Binding(
            f"shift+f{i + 1},f{i + 13}", f"unbump_theme({i})", f"Theme {i} −1", id=f"unbump_theme_{i}", show=False, priority=True,
            tooltip=f"Take back the last mention of codebook theme {i}",
        )
        for i in range(1, MAX_THEME_KEYS + 1)
    ]
    return bump + unbump


class NoteKeys:
    """Note and theme keys of the live screen (see `LiveScreen` for the bindings)."""

    session: Session
    writer: SessionWriter
    live: LiveInterview
    note_field: NoteField
    editing: Note | None
    field_text: str
    undoable: list[tuple[int, Note] | ThemeBump]
    theme_keys: dict[str, int]

    def _last_note(self) -> Note | None:
        return self.session.notes[-1] if self.session.notes else None

    def _saved(self, note: Note) -> bool:
        try:
            self.writer.save_note(note)
        except (OSError, UsageError) as error:
            self.notify(f"Not saved: {error}", severity="error", timeout=10, markup=False)
            return False
        return True

    @after_typing
    def action_star_last_note(self) -> None:
        note = self._last_note()
        if note is None:
            self.notify("No note to star yet.")
            return
        note.starred = not note.starred
        if self._saved(note):
            self.notify(("Starred" if note.starred else "Unstarred") + f" the note at [{_mmss(note)}].", markup=False)
        self._show_notes()

    @after_typing
    def action_edit_last_note(self) -> None:
        field = self.note_field
        if field.text:  # typed before Up, still queued when Up arrived: Up is the field's
            field.action_cursor_up()
            return
        note = self._last_note()
        if note is None:
            return
        self.editing = note
        field.set_text(visible(note.as_typed()))
        field.focus()

    def action_cancel_edit(self) -> None:
        if self.editing is None:
            return
        self.editing = None
        self.note_field.set_text("")
        self._update_preview("")

    def _finish_edit(self, raw: str) -> None:
        note, self.editing = self.editing, None
        assert note is not None
        if raw and note in self.session.notes:
            if raw != visible(note.as_typed()):  # unchanged: its exact text stays
                note.retype(raw)
            if note.star:
                self.session.cover_star(note)
                self._draft_dirty = True
            if self._saved(note):
                self.notify(f"Note at [{_mmss(note)}] updated.", markup=False)
        self._update_preview("")
        self._show_notes()
        self._show_star()
        self._show_themes()

    @after_typing
    def action_delete_last_note(self) -> None:
        self.action_cancel_edit()
        note = self._last_note()
        if note is None:
            self.notify("No note to delete.")
            return
        try:
            position, note = self.writer.remove_note(note.id)
        except (OSError, UsageError) as error:
            self.notify(f"Not deleted: {error}", severity="error", markup=False)
            return
        self.undoable.append((position, note))
        key = key_for(self, "undo_delete")
        self.notify(f"Deleted the note at [{_mmss(note)}]. {key} to undo.", markup=False)
        self._show_notes()
        self._show_themes()

    @after_typing
    def action_undo(self) -> None:
        """Undo the last delete or one-key theme mention, newest first (the text's undo if it was typed first)."""
        field = self.note_field
        if field.text:
            field.action_undo()
            return
        while self.undoable and isinstance(self.undoable[-1], ThemeBump) and not _holds(self.session.theme_bumps, self.undoable[-1]):
            self.undoable.pop()  # taken back already with shift+F-key
        if not self.undoable:
            self.notify("Nothing to undo.")
            return
        last = self.undoable[-1]
        if isinstance(last, ThemeBump):
            self._take_back(last)
            return
        position, note = last
        try:
            self.writer.restore_note(position, note)
        except (OSError, UsageError) as error:
            self.notify(f"Not restored: {error}", severity="error", markup=False)
            return
        self.undoable.pop()
        self.notify(f"Restored the note at [{_mmss(note)}].", markup=False)
        self._show_notes()
        self._show_themes()


    def _codebook_theme(self, number: int) -> str | None:
        theme = next((t for t, i in self.theme_keys.items() if i == number), None)
        if theme is None:
            self.notify(f"No codebook theme {number} in this guide.")
        return theme

    @after_typing
    def action_bump_theme(self, number: int) -> None:
        theme = self._codebook_theme(number)
        if theme is None:
            return
        bump = self.session.bump_theme(theme, self.session.current_question, self.live.elapsed())
        if not self._save_meta():
            self.session.remove_bump(bump)
            return
        self.undoable.append(bump)
        found = keys_for(self, (f"unbump_theme_{number}", "undo_delete"))
        keys = " or ".join(k for k in (found[f"unbump_theme_{number}"], found["undo_delete"]) if k)
        self.notify(f"#{theme}: {self.session.tally()[theme]} · {keys} takes it back", markup=False)
        self._show_themes()

    @after_typing
    def action_unbump_theme(self, number: int) -> None:
        theme = self._codebook_theme(number)
        if theme is None:
            return
        bump = next((b for b in reversed(self.session.theme_bumps) if b.theme == theme), None)
        if bump is None:
            self.notify(f"No one-key mention of #{theme} to take back.", markup=False)
            return
        self._take_back(bump)

    def _take_back(self, bump: ThemeBump) -> None:
        self.session.remove_bump(bump)
        if not self._save_meta():
            self.session.theme_bumps.append(bump)
            return
        self.undoable = [u for u in self.undoable if u is not bump]
        self.notify(f"Took back one mention of #{bump.theme} ({format_elapsed(bump.elapsed)}): {self.session.tally()[bump.theme]} now.", markup=False)
        self._show_themes()



def _holds(items: list[ThemeBump], bump: ThemeBump) -> bool:
    """`bump` itself is in `items` (two mentions at the same moment are still two)."""
    return any(item is bump for item in items)


def _mmss(note: Note) -> str:
    return format_elapsed(note.elapsed)

