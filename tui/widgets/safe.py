"""`one_line` and `visible` (tui/core/text.py) for styled text, at the places text is handed to be drawn.

Text from a file (a teammate's session, a guide, a config) is made safe field
by field where it is built; these run once more where it is drawn (the cells
of a `RowTable`, the lines of the review, notices), so no path that misses a
field can reach the terminal with a live control character. Only the runs of
control characters change: the styles around them stay.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content, Span

from tui.core.text import CHANGED_RUNS, one_line, visible


def _safe(content: Content | str, convert: Callable[[str], str]) -> Content:
    if isinstance(content, str):
        return Content(convert(content))
    plain = content.plain
    runs = [match.span() for match in CHANGED_RUNS.finditer(plain)]
    if not runs or convert(plain) == plain:
        return content
    offsets = sorted({offset for run in runs for offset in run} - {0, len(plain)})
    starts = {start for start, _ in runs}
    pieces = []
    for begin, piece in zip([0, *offsets], content.divide(offsets)):
        if begin in starts:
            shown = convert(piece.plain)
            piece = Content(shown, [Span(0, len(shown), span.style) for span in piece.spans])
        pieces.append(piece)
    return Content("").join(pieces)


def safe_line(content: Content | str) -> Content:
    """A cell, a row, a title: control characters shown as signs, line breaks and tabs as spaces."""
    return _safe(content, one_line)


def safe_text(content: Content | str) -> Content:
    """Text that may hold lines (a note): control characters shown as signs, newlines kept."""
    return _safe(content, visible)
