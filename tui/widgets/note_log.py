"""The notes taken on the current question, newest last, each with its `[mm:ss]`."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.core.durations import format_elapsed
from tui.core.kinds import kind_of
from tui.core.session import Note
from tui.core.shorthand import Shorthand
from tui.core.text import visible


def shorthand_summary(parsed: Shorthand) -> Content:
    """How a typed note will be read: kind, key moment, STAR part, themes."""
    kind = kind_of(parsed.kind)
    parts: list[tuple[str, str]] = [(f"{kind.badge} {kind.name}", f"bold {kind.style}")]
    if parsed.starred:
        parts.append((" ★ key moment", "$text-warning"))
    if parsed.star:
        parts.append((f" · STAR {parsed.star}", "bold"))
    if parsed.themes:
        parts.append((" · " + " ".join(f"#{t}" for t in parsed.themes), "$text-accent"))
    return Content.assemble(*parts)


def note_line(note: Note) -> Content:
    """One note as the interviewer sees it: time, star, kind badge, STAR letter, text.

    A pasted note's later lines hang under its first."""
    kind = kind_of(note.kind)
    prefix = Content.assemble(
        (f"[{format_elapsed(note.elapsed)}] ", "dim"),
        ("★" if note.starred else " ", "$text-warning"),
        (kind.badge, f"bold {kind.style}"),
        " ",
        (f"{note.star}: ", "bold") if note.star else "",
    )
    first, *rest = visible(note.text).split("\n") or [""]
    indent = "\n" + " " * prefix.cell_length
    return Content.assemble(prefix, first, *(indent + line for line in rest))


SHOWN_NOTES = 40  # more than any screen shows at once; drawing every note would cost each key O(notes)


class NoteLog(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    NoteLog { height: 1fr; padding: 0 1; }
    NoteLog > Static { width: 1fr; }
    """

    def compose(self):
        yield Static(Content(""), id="note-lines")

    def show(self, notes: list[Note], empty: str = "No notes on this question yet.") -> None:
        """The latest `SHOWN_NOTES` notes: a 2-hour call can hold thousands on one question,
        and the screen redraws this widget on every layout, so the cost must not grow."""
        earlier = len(notes) - SHOWN_NOTES
        lines = [note_line(n) for n in notes[-SHOWN_NOTES:]] or [Content.styled(empty, "dim")]
        if earlier > 0:
            lines.insert(0, Content.styled(f"… {earlier:,} earlier note{'s' if earlier != 1 else ''} on this question (all in the review)", "dim"))
        self.query_one("#note-lines", Static).update(Content("\n").join(lines))
        self.call_after_refresh(self.scroll_end, animate=False)
