"""`interview guides`: which guides an interview can use, and where each comes from.

Plain text or JSON, no textual: it must stay quick and work in a pipe.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from typing import Any

from tui.catalog import BUNDLED, PATH, USER, Catalog, GuideEntry, discover
from tui.core.text import one_line
from tui.paths import display_path, user_guides_dir

HEADERS = ("NAME", "TITLE", "QUESTIONS", "MINUTES", "FROM")
NUMERIC = {2, 3}  # right-aligned columns
GAP = "  "
MIN_TITLE_WIDTH = 12
FROM_RESERVE = len("bundled")  # FROM is last: a longer path may run on, titles stay


def arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "List bundled guides, your own guides (in the user guides folder) and any "
        "guide files given, with their questions and planned minutes. A guide of "
        "yours with the same name as a bundled one is used instead of it."
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="guide files (.toml) to check and list too; exit status 2 if one has problems",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    catalog = discover(args.paths)
    if args.json:
        # JSON escapes C0 controls; on a terminal, C1 and the rest too
        print(json.dumps([entry_json(e) for e in catalog.guides], indent=2, ensure_ascii=sys.stdout.isatty()))
    else:
        print(render_table(catalog, shutil.get_terminal_size().columns))
        print()
        for entry in catalog.guides:
            if entry.shadows:
                print(one_line(_shadow_note(entry)))
        print(f"Your own guides go in {display_path(user_guides_dir())}")
    broken = [e for e in catalog.guides if not e.ok]
    for entry in broken:
        for problem in entry.problems:
            print(one_line(problem), file=sys.stderr)
    return 2 if any(e.source == PATH for e in broken) else 0


def render_table(catalog: Catalog, width: int = 80) -> str:
    """An aligned table; the title column gives way so a row fits in `width`."""
    if not catalog.guides:
        return "No guides found."
    rows = [HEADERS, *(tuple(one_line(cell) for cell in _row(entry)) for entry in catalog.guides)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
    others = widths[0] + widths[2] + widths[3] + FROM_RESERVE + len(GAP) * (len(HEADERS) - 1)
    widths[1] = max(MIN_TITLE_WIDTH, min(widths[1], width - others))
    return "\n".join(_line(row, widths) for row in rows)


def entry_json(entry: GuideEntry) -> dict[str, Any]:
    guide = entry.guide
    return {
        "name": entry.name,
        "title": guide.title if guide else None,
        "goal": guide.goal if guide else None,
        "questions": len(guide.questions) if guide else None,
        "minutes": guide.planned_minutes if guide else None,
        "source": entry.source,
        "path": entry.path,
        "shadows": [{"source": s.source, "path": s.path} for s in entry.shadows],
        "problems": list(entry.problems),
    }


def _row(entry: GuideEntry) -> tuple[str, ...]:
    guide = entry.guide
    if guide is None:
        count = len(entry.problems)
        title = f"(invalid: {count} problem{'s' if count != 1 else ''})"
        return (entry.name, title, "-", "-", _origin(entry))
    minutes = guide.planned_minutes
    return (
        entry.name,
        guide.title,
        str(len(guide.questions)),
        str(minutes) if minutes else "-",
        _origin(entry),
    )


def _origin(entry: GuideEntry) -> str:
    return {BUNDLED: "bundled", USER: "user"}.get(entry.source, entry.path)


def _shadow_note(entry: GuideEntry) -> str:
    hidden = " and ".join(sorted({_origin(s) for s in entry.shadows}))
    return f"{entry.name} ({_origin(entry)}) shadows the {hidden} guide with the same name."


def _line(row: tuple[str, ...], widths: list[int]) -> str:
    cells = []
    for index, (cell, width) in enumerate(zip(row, widths, strict=True)):
        cell = one_line(cell)
        if len(cell) > width:
            cell = cell[: width - 1] + "…"
        cells.append(cell.rjust(width) if index in NUMERIC else cell.ljust(width))
    return GAP.join(cells).rstrip()


