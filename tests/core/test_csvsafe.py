"""The one CSV formula guard: every cell a spreadsheet could run is shown as text, in both CSV exports."""

from __future__ import annotations

import csv
import io

import pytest
from sample_sessions import make_session

from tui.core import csvsafe
from tui.core.themes_report import Quote, ThemeReport, ThemeRow
from tui.core.themes_report import render as render_themes
from tui.core.export import render
from tui.core.session import Note

DANGEROUS = ["=1+1", "+1", "-1", "@SUM(A1)", " =1+1", "\t=1", "\r=1", "\n=1", "\u00a0=1+1", "\uff1d1+1", "\u3000=1"]


@pytest.mark.parametrize("cell", DANGEROUS)
def test_a_cell_that_could_run_gets_a_leading_quote(cell: str) -> None:
    assert csvsafe.inert(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["plain", "", "a = b", "3 + 4", "#tag"])
def test_ordinary_cells_are_left_alone(cell: str) -> None:
    assert csvsafe.inert(cell) == cell


def test_semicolons_commas_quotes_and_line_breaks_are_quoted_and_read_back() -> None:
    cells = ["a;b", 'say "hi"', "x,y", "two\nlines", "plain"]
    text = csvsafe.render(["h1", "h2", "h3", "h4", "h5"], [cells])
    assert text.split("\r\n")[1].startswith('"a;b","say ""hi""","x,y","two\nlines",plain')
    assert list(csv.reader(io.StringIO(text, newline="")))[1] == cells


def test_the_session_csv_guards_every_text_cell() -> None:
    session = make_session(1, seed=3)
    session.participant.name = "\u00a0=HYPERLINK(\"http://x\")"
    session.notes = [Note(question=0, elapsed=1.0, text="\uff1dcmd|' /C calc'!A0; then", id="n1")]
    (row,) = csv.DictReader(io.StringIO(render(session, "csv"), newline=""))
    assert row["participant"].startswith("'\u00a0=") and row["text"].startswith("'\uff1d")
    assert '"\'\uff1dcmd|\' /C calc\'!A0; then"' in render(session, "csv")


def test_the_themes_csv_uses_the_same_guard() -> None:
    said = Quote("bad", "pain", " =Ana", "Co; Ltd", "2025-01-01", "s1")
    row = ThemeRow("t", 1, 1, 1.0, 1, 1, 0, 1, 0, "2025-01-01", "2025-01-01", (said,))
    text = render_themes(ThemeReport(sessions=1, themes=(row,)), "csv")
    row = list(csv.reader(io.StringIO(text, newline="")))[1]
    assert any(cell.startswith("' =Ana") for cell in row), row
    assert '"\' =Ana (Co; Ltd), 2025-01-01"' in text
