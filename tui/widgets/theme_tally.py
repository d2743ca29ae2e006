"""The live theme strip: each codebook theme in a fixed place, with its key and count; ad-hoc #tags after.

Places never move during an interview: themes are laid out in key order (F2
first) in aligned columns, and counts have a fixed width. A name is shortened
only when the strip would otherwise need more than `MAX_ROWS` rows or a
single column is wider than the screen. Ad-hoc `#tags` are one line apart,
after the codebook, most mentioned first.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from tui.core.text import one_line

MAX_ROWS = 3
GAP = 2
COUNT_WIDTH = 2


class Grid(NamedTuple):
    """Where each codebook theme goes: `rows[r][c]` is an index into the themes, names as shown."""

    rows: tuple[tuple[int, ...], ...]
    widths: tuple[int, ...]  # cell width per column
    names: tuple[str, ...]  # each theme's name, shortened if it had to be


def _cell_width(key: str, name: str) -> int:
    return cell_len(key) + 1 + cell_len(name) + 1 + COUNT_WIDTH


def _columns(keys: list[str], names: list[str], columns: int) -> tuple[int, ...]:
    return tuple(
        max(_cell_width(keys[i], names[i]) for i in range(column, len(names), columns)) for column in range(columns)
    )


def _shorten(name: str, width: int) -> str:
    if cell_len(name) <= width:
        return name
    return name[: max(width - 1, 1)] + "…"


def layout(keys: list[str], names: list[str], width: int) -> Grid:
    """The most columns that fit `width` with whole names; shortened names only if that takes over MAX_ROWS rows."""
    count = len(names)
    if not count:
        return Grid((), (), ())
    fits = [c for c in range(1, count + 1) if sum(_columns(keys, names, c)) + GAP * (c - 1) <= width]
    columns = max(fits, default=1)
    rows_needed = -(-count // columns)
    shown = list(names)
    if rows_needed > MAX_ROWS or not fits:
        columns = max(columns, -(-count // MAX_ROWS))
        room = (width - GAP * (columns - 1)) // columns  # each column's share of the width
        for i, name in enumerate(names):
            shown[i] = _shorten(name, room - cell_len(keys[i]) - 2 - COUNT_WIDTH)
    rows = tuple(tuple(range(r * columns, min((r + 1) * columns, count))) for r in range(-(-count // columns)))
    return Grid(rows, _columns(keys, shown, columns), tuple(shown))


class ThemeTally(Widget):
    DEFAULT_CSS = """
    ThemeTally { height: auto; padding: 0 1; }
    """

    codebook: reactive[tuple[str, ...]] = reactive((), layout=True)  # in key order
    keys: reactive[dict[str, str]] = reactive(dict, layout=True)  # theme -> key label
    counts: reactive[dict[str, int]] = reactive(dict, always_update=True, layout=True)

    def ad_hoc(self) -> list[tuple[str, int]]:
        """Mentioned themes outside the codebook, most mentioned first, then by name."""
        codebook = set(self.codebook)
        tags = [(t, n) for t, n in self.counts.items() if n and t not in codebook]
        return sorted(tags, key=lambda item: (-item[1], item[0]))

    def _grid(self, width: int) -> Grid:
        keys = [self.keys.get(t, "") for t in self.codebook]
        return layout(keys, [one_line(t) for t in self.codebook], width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._grid(width).rows) + 1

    def render(self) -> Content:
        width = self.content_region.width or self.size.width
        grid = self._grid(width)
        lines = []
        for row in grid.rows:
            cells = []
            for column, index in enumerate(row):
                theme = self.codebook[index]
                count = self.counts.get(theme, 0)
                cell = Content.assemble(
                    (self.keys.get(theme, ""), "bold $text-accent"),
                    " ",
                    grid.names[index],
                    " ",
                    (f"{count:>{COUNT_WIDTH}}", "bold" if count else "dim"),
                )
                cells.append(cell.pad_right(grid.widths[column] - cell.cell_length) if column < len(row) - 1 else cell)
            lines.append(Content(" " * GAP).join(cells))
        tags = self.ad_hoc()
        body = " · ".join(f"#{one_line(t)} {n}" for t, n in tags) if tags else "none yet"
        label = "tags " if self.codebook else "Themes: #tag a note · "
        lines.append(Content.assemble((label, "dim"), (body, "" if tags else "dim")).truncate(width, ellipsis=True))
        return Content("\n").join(lines)
