"""A row drawn a frame before is kept (a filter key redraws the table), and drawn anew when anything in it changes."""

from __future__ import annotations

from textual.app import App, ComposeResult

from pilot_helpers import screen_lines

from tui.widgets.row_table import Column, Row, RowTable

COLUMNS = [Column(key="name", label="Name"), Column(key="company", label="Company")]


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield RowTable(COLUMNS)


async def test_a_row_is_drawn_anew_when_its_cells_its_style_or_the_widths_change() -> None:
    app = TableApp()
    async with app.run_test(size=(40, 6)) as pilot:
        table = app.query_one(RowTable)
        rows = [Row("a", ("Alice", "Acme")), Row("b", ("Bob", "Bolt"))]
        table.measure(rows)
        table.set_rows(rows)
        await pilot.pause()
        assert [line.split() for line in screen_lines(app)[1:3]] == [["Alice", "Acme"], ["Bob", "Bolt"]]

        table.set_rows([Row("a", ("Alina", "Acme")), rows[1]])  # the same key, other cells of the same width
        await pilot.pause()
        assert screen_lines(app)[1].split() == ["Alina", "Acme"]

        bob = table.render_line(2)
        table.cursor = 1  # the same cells, the cursor's style
        await pilot.pause()
        assert table.render_line(2) != bob and table.render_line(1) != bob

        before = screen_lines(app)[2].index("Bolt")
        table.measure([Row("c", ("A much longer name", "X"))], widen=True)  # wider columns, the same width
        table.refresh()
        await pilot.pause()
        assert screen_lines(app)[2].index("Bolt") > before
