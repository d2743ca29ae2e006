"""The notes taken on the current question, newest last, each with its `[mm:ss]`."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

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


class NoteLog(Widget):
    """The lines of the notes, bottom-aligned: the newest stays in view as notes come, with no
    scrolling. A plain widget, not a VerticalScroll: that (its scroll bars, bindings and styles)
    cost the live screen's first frame several milliseconds (tests/benchmarks/bench_typing.py)."""

    DEFAULT_CSS = """
    NoteLog { height: 1fr; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: Content = Content("")

    def show(self, notes: list[Note], empty: str = "No notes on this question yet.") -> None:
        """The latest `SHOWN_NOTES` notes: a 2-hour call can hold thousands on one question,
        and the screen redraws this widget on every layout, so the cost must not grow."""
        earlier = len(notes) - SHOWN_NOTES
        lines = [note_line(n) for n in notes[-SHOWN_NOTES:]] or [Content.styled(empty, "dim")]
        if earlier > 0:
            lines.insert(0, Content.styled(f"… {earlier:,} earlier note{'s' if earlier != 1 else ''} on this question (all in the review)", "dim"))
        self.lines = Content("\n").join(lines)
        self.refresh()

    def render(self) -> Content:
        """As many of the last wrapped lines as fit."""
        width, height = self.content_size
        if width <= 0 or height <= 0:
            return Content("")
        return Content("\n").join(self.lines.wrap(width)[-height:])
