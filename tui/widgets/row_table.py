"""A read-only table that draws only the rows on screen, for lists of thousands.

DataTable measures every cell of every row whenever its rows change, which
takes over 100 ms for 1,000 sessions: too slow to refilter on each keystroke.
This one takes rows of ready cells (plain strings are shown as they are,
never parsed as markup; `Content` keeps its styles; either way a cell is one
line, its control characters shown as signs), fits its columns to the
width it has (shrinking, then hiding the least important columns), and
renders only the visible lines (Textual's Line API).

Attributes down, messages up: the screen sets `columns` and calls
`set_rows`; the table posts `Highlighted` when its cursor moves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.text import one_line
from tui.widgets.safe import safe_line

GAP = 2
KEPT_STRIPS = 256  # rows drawn kept for the next frame (see `_row_strip`): a few screens of them


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    min_width: int = 4  # shrinks no further; below it the column is hidden
    max_width: int = 40  # natural width is capped here
    drop_order: int = 0  # at narrow widths, columns with higher numbers go first
    right: bool = False
    flex: bool = False  # takes the spare width
    marked: bool = False  # may carry a mark after its label (a sort arrow): room is kept for it


@dataclass(frozen=True)
class Row:
    key: str
    cells: tuple[str | Content, ...]


def fit_columns(columns: Sequence[Column], natural: Sequence[int], width: int) -> list[int]:
    """A width per column (0 = hidden) so that the visible ones fit `width` with gaps.

    Columns never shrink below their floor (`min_width`, and not below the
    label) while others can be hidden: the least important columns go first,
    then the rest give up width, the widest first. Spare width goes to `flex`.
    """
    floors = [
        min(n, max(c.min_width, cell_len(c.label) + (2 if c.marked else 0))) for c, n in zip(columns, natural)
    ]
    widths = [max(min(n, c.max_width), f) for c, n, f in zip(columns, natural, floors)]
    shown = list(range(len(columns)))

    def total(sizes: Sequence[int]) -> int:
        return sum(sizes[i] for i in shown) + GAP * max(len(shown) - 1, 0)

    droppable = sorted((i for i, c in enumerate(columns) if c.drop_order), key=lambda i: -columns[i].drop_order)
    while total(floors) > width and droppable:
        shown.remove(droppable.pop(0))
    while total(widths) > width:
        slack = [i for i in shown if widths[i] > floors[i]]
        if not slack:
            break
        widest = max(slack, key=lambda i: (widths[i] - floors[i], -i))
        widths[widest] -= 1
    while total(widths) > width and len(shown) > 1:  # essentials only, still too wide: cut from the right
        shown.pop()
    if total(widths) > width and shown:
        widths[shown[0]] = max(width, 0)
    flexible = [i for i in shown if columns[i].flex]
    spare = width - total(widths)
    if spare > 0:
        for number, i in enumerate(flexible):
            widths[i] += spare // len(flexible) + (1 if number < spare % len(flexible) else 0)
    return [widths[i] if i in shown else 0 for i in range(len(columns))]


class RowTable(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    RowTable { height: 1fr; min-width: 8; min-height: 2; background: $surface; }
    RowTable > .row-table--header { text-style: bold; color: $text-accent; background: $boost; }
    RowTable > .row-table--cursor { background: $block-cursor-blurred-background; }
    RowTable:focus > .row-table--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    RowTable > .row-table--empty { color: $text-muted; text-style: italic; }
    """
    COMPONENT_CLASSES = {"row-table--header", "row-table--cursor", "row-table--empty"}
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        def __init__(self, table: RowTable, key: str | None) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> RowTable:
            return self.table

    class LastAsked(Message):
        """End was pressed: the last row of the whole list is wanted (an owner that pages loads the rest)."""

        def __init__(self, table: RowTable) -> None:
            super().__init__()
            self.table = table

        @property
        def control(self) -> RowTable:
            return self.table

    def __init__(self, columns: Sequence[Column] = (), *, empty_text: str = "Nothing to show.", **kwargs) -> None:
        super().__init__(**kwargs)
        self.columns: tuple[Column, ...] = tuple(columns)
        self.rows: list[Row] = []
        self.empty_text = empty_text
        self.marks: dict[str, str] = {}  # column key -> mark after its label (sort arrow)
        self._natural = [cell_len(c.label) for c in self.columns]
        self._widths: list[int] = []
        self._fitted_for = -1
        self._strips: dict[tuple[object, ...], tuple[tuple[str | Content, ...], Strip]] = {}

    # --- data ----------------------------------------------------------------------
    def set_columns(self, columns: Sequence[Column]) -> None:
        self.columns = tuple(columns)
        self._natural = [cell_len(c.label) for c in self.columns]
        self._fitted_for = -1

    def measure(self, rows: Sequence[Row], *, widen: bool = False) -> None:
        """Natural column widths from these rows (all of them, so filtering does not make columns jump).

        `widen`: only ever wider, for a list loaded a page at a time (columns never jump back).
        """
        natural = [cell_len(c.label) + (2 if c.marked else 0) for c in self.columns]
        if widen and len(self._natural) == len(natural):
            natural = [max(a, b) for a, b in zip(natural, self._natural)]
        for row in rows:  # 10,000 after End in history: the common cell, printable ASCII, is its length
            for index, cell in enumerate(row.cells):
                text = cell.plain if isinstance(cell, Content) else cell  # drawn through safe_line: one_line's width
                length = len(text) if text.isascii() and text.isprintable() else cell_len(one_line(text))
                if length > natural[index]:
                    natural[index] = length
        self._natural = natural
        self._fitted_for = -1

    def set_rows(self, rows: list[Row], *, keep: str | None = None) -> None:
        """Show these rows, the cursor on the first; or on the row with key `keep`, else where it was."""
        self.rows = rows
        position = 0
        if keep is not None:
            position = next((i for i, row in enumerate(rows) if row.key == keep), min(self.cursor, len(rows) - 1))
        self.virtual_size = Size(self.virtual_size.width, len(rows) + 1)
        self.cursor = max(position, 0)
        self.refresh()

    def add_rows(self, rows: list[Row]) -> None:
        """Rows after those shown (the next page of a long list); the cursor stays."""
        self.rows = [*self.rows, *rows]
        self.virtual_size = Size(self.virtual_size.width, len(self.rows) + 1)
        self.refresh()

    @property
    def current_key(self) -> str | None:
        return self.rows[self.cursor].key if 0 <= self.cursor < len(self.rows) else None

    # --- cursor ----------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1))

    def watch_cursor(self, value: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current_key))

    def _scroll_to_cursor(self) -> None:
        visible = max(self.scrollable_content_region.height - 1, 1)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def action_move(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(self.scrollable_content_region.height - 2, 1)

    def action_jump(self, where: int) -> None:
        self.cursor = where if where >= 0 else len(self.rows) - 1
        if where < 0:
            self.post_message(self.LastAsked(self))

    def on_resize(self, event: events.Resize) -> None:
        self._fitted_for = -1
        self._scroll_to_cursor()

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self.cursor = round(self.scroll_y) + event.y - 1

    # --- drawing ---------------------------------------------------------------------
    def _fit(self, width: int) -> list[int]:
        if self._fitted_for != width or len(self._widths) != len(self.columns):
            self._widths = fit_columns(self.columns, self._natural, width)
            self._fitted_for = width
        return self._widths

    def _line(self, cells: Sequence[str | Content], widths: list[int]) -> Content:
        parts: list[Content] = []
        for column, cell, width in zip(self.columns, cells, widths):
            if not width:
                continue
            content = safe_line(cell)  # session fields come from teammates' files
            if column.right and content.cell_length < width:
                content = content.pad_left(width - content.cell_length)
            parts.append(content.truncate(width, ellipsis=True, pad=True))
        return Content(" " * GAP).join(parts)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width <= 0:
            return Strip.blank(0)
        widths = self._fit(width)
        if y == 0:
            labels = [c.label + self.marks.get(c.key, "") for c in self.columns]
            style = self.get_visual_style("row-table--header")
            return self._strip(self._line(labels, widths), style, width)
        index = round(self.scroll_y) + y - 1
        if not self.rows:
            text = Content(self.empty_text) if y == 1 else Content("")
            return self._strip(text.truncate(width, ellipsis=True), self.get_visual_style("row-table--empty"), width)
        if index >= len(self.rows):
            return Strip.blank(width, self.get_visual_style().rich_style)
        if index == self.cursor:
            style = self.get_visual_style("row-table--cursor")
        else:
            style = self.get_visual_style()
        return self._row_strip(self.rows[index], style, widths, width)

    def _row_strip(self, row: Row, style, widths: list[int], width: int) -> Strip:
        """A row as drawn, kept while its cells, the columns' widths and its style stay the same: each
        key typed into a filter redraws the table, and most rows it shows were there a key before."""
        key = (row.key, style, width, *widths)
        kept = self._strips.get(key)
        if kept is not None and kept[0] == row.cells:
            return kept[1]
        strip = self._strip(self._line(row.cells, widths), style, width)
        if len(self._strips) >= KEPT_STRIPS:
            self._strips.clear()
        self._strips[key] = (row.cells, strip)
        return strip

    @staticmethod
    def _strip(content: Content, style, width: int) -> Strip:
        segments = content.truncate(width).render_segments(style)
        return Strip(segments).extend_cell_length(width, style.rich_style).crop(0, width)
