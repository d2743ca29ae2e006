"""A column is as wide as its widest cell as drawn: control characters as one-cell signs, wide characters two."""

from __future__ import annotations

import pytest
from textual.content import Content

from tui.widgets.row_table import Column, Row, RowTable
from tui.widgets.safe import safe_line

CELLS = [
    "plain ASCII",
    "Björn Åkesson",
    "名前の長い人",  # two cells a character
    "a\tb\nc",  # line breaks and tabs as spaces
    "\x1b[31mred\x9b",  # ESC and a C1 control as signs
    Content("— no"),
    Content.styled("bell\x07 and 名前", "bold"),
]


@pytest.mark.parametrize("cell", CELLS, ids=range(len(CELLS)))
def test_each_cell_is_measured_as_it_is_drawn(cell) -> None:
    table = RowTable([Column(key="c", label="C", max_width=100)])
    table.measure([Row("k", (cell,))])
    assert table._natural == [safe_line(cell).cell_length]
