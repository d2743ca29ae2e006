"""The notes taken on the current question, newest last, each with its `[mm:ss]`."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.core.session import Note, format_elapsed

KIND_BADGES = {
    "note": ("·", "dim"),
    "quote": ("“", "$text-accent"),
    "pain": ("!", "$text-error"),
    "idea": ("+", "$text-success"),
    "action": (">", "$text-warning"),
    "question": ("?", "$text-primary"),
}


def note_line(note: Note) -> Content:
    """One note as the interviewer sees it: time, star, kind badge, STAR letter, text."""
    badge, style = KIND_BADGES.get(note.kind, KIND_BADGES["note"])
    return Content.assemble(
        (f"[{format_elapsed(note.elapsed)}] ", "dim"),
        ("★" if note.starred else " ", "$text-warning"),
        (badge, f"bold {style}"),
        " ",
        (f"{note.star}: ", "bold") if note.star else "",
        note.text,
    )


class NoteLog(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    NoteLog { height: 1fr; padding: 0 1; }
    NoteLog > Static { width: 1fr; }
    """

    def compose(self):
        yield Static(Content(""), id="note-lines")

    def show(self, notes: list[Note], empty: str = "No notes on this question yet.") -> None:
        lines = [note_line(n) for n in notes] or [Content.styled(empty, "dim")]
        self.query_one("#note-lines", Static).update(Content("\n").join(lines))
        self.call_after_refresh(self.scroll_end, animate=False)
