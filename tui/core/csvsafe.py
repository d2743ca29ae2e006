"""CSV that a spreadsheet shows as text and never runs: the one formula guard, for every CSV export.

A cell a spreadsheet could read as a formula gets a leading `'` (OWASP's advice):
one starting with `=`, `+`, `-`, `@`, their full-width forms (`＝` `＋` `－` `＠`,
which some spreadsheets normalise), or with any whitespace, including a tab, a
line break and a no-break space (spreadsheets skip leading blanks before
looking for `=`). A cell holding `,`, `"`, a line break or `;` (the separator of
CSV in many locales) is quoted, quotes doubled (RFC 4180); lines end in CRLF.
"""

from __future__ import annotations

from collections.abc import Iterable

_FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
_NEEDS_QUOTES = frozenset(',";\r\n')


def inert(cell: str) -> str:
    """The cell as a spreadsheet shows it, never as a formula it would run."""
    if cell and (cell[0] in _FORMULA_STARTS or cell[0].isspace()):
        return "'" + cell
    return cell


def quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if _NEEDS_QUOTES.intersection(cell) else cell


def render(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """The whole CSV: header as given, every other cell made inert, then quoted where needed."""
    lines = [",".join(quoted(cell) for cell in header)]
    lines += [",".join(quoted(inert(cell)) for cell in row) for row in rows]
    return "".join(line + "\r\n" for line in lines)
