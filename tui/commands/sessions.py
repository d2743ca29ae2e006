"""`interview list | export | import | delete | restore`: the saved sessions, from a shell.

An ID is any unique start of a session id (as `list` shows), or `latest`.
Problems are one line on stderr and exit status 2 (see tui.cli).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

from tui.core.durations import format_duration
from tui.core.text import one_line, visible
from tui.errors import UsageError
from tui.files import atomic_write, exports_dir
from tui.gc_pause import collection_paused
from tui.paths import store_dir
from tui.store import ListedRow, Store

PROGRESS_FROM = 500  # session files to read before indexing shows its progress
_ID_HELP = "session id: any unique start of it, or 'latest'"


def arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "list":
        parser.add_argument("--json", action="store_true", help="print the summaries as JSON")
        parser.set_defaults(func=run_list)
    elif name == "export":
        from tui.core.formats import SESSION_FORMATS  # only here: `list` formats no session

        parser.add_argument("session", metavar="ID", help=_ID_HELP + ", or a file name in the store's sessions/")
        parser.add_argument("--format", choices=SESSION_FORMATS, default="md", help="output format (default: md)")
        parser.add_argument("--output", metavar="FILE", type=Path, help="write to FILE instead of stdout")
        parser.add_argument("--copy", action="store_true", help="copy to the clipboard instead of stdout")
        parser.add_argument("--anonymize", action="store_true", help="replace the participant's name with a code everywhere, notes included (role and company stay)")
        parser.set_defaults(func=run_export)
    elif name == "import":
        parser.add_argument("files", metavar="FILE", nargs="+", type=Path)
        parser.set_defaults(func=run_import)
    elif name == "delete":
        parser.add_argument("session", metavar="ID", help=_ID_HELP)
        parser.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
        parser.set_defaults(func=run_delete)
    else:
        parser.add_argument("session", metavar="ID", help="id (or unique start) of the trashed session")
        parser.set_defaults(func=run_restore)


def open_store(args: argparse.Namespace) -> Store:
    """The store named by --store / $INTERVIEW_STORE, tidied, its notices on stderr."""
    store = Store(store_dir(args.store))
    for line in store.startup(progress=IndexingProgress()):
        print(one_line(line), file=sys.stderr)
    return store


class IndexingProgress:
    """How far the index is in reading session files, on stderr, when there are many to read.

    On a terminal a bar redrawn in place; in a pipe or a log, a line as it starts and one as it ends.
    """

    def __init__(self) -> None:
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        if sys.stderr.isatty():
            filled = 30 * done // total
            end = "\n" if done == total else ""
            sys.stderr.write(f"\rIndexing sessions [{'#' * filled}{'.' * (30 - filled)}] {done:,}/{total:,}{end}")
        elif done == 0:
            sys.stderr.write(f"Indexing {total:,} session files...\n")
        elif done == total:
            sys.stderr.write(f"Indexed {total:,} session files in {time.monotonic() - self.started:.1f} s.\n")
        sys.stderr.flush()


# --- list ---------------------------------------------------------------------------
def run_list(args: argparse.Namespace) -> int:
    with collection_paused():  # 10,000 summaries and their 80,000 cells hold no cycles
        return _list(args)


def _list(args: argparse.Namespace) -> int:
    store = open_store(args)
    if args.json:  # JSON escapes C0 controls; on a terminal, C1 and the rest too
        import json

        print(json.dumps([s.to_dict() for s in store.summaries(refresh=False)], indent=2, ensure_ascii=sys.stdout.isatty()))
    elif not (rows := store.listed_rows(refresh=False)):
        print(f"No sessions yet in {store.root}.")
    else:
        width = shutil.get_terminal_size((80, 24)).columns
        print("\n".join(session_table(rows, width)))
    return 0


_HEADERS = ("Date", "Participant", "Company", "Guide", "Status", "Time", "Notes", "ID")
_RIGHT = (5, 6)
_GAP = "  "
# When the table is too wide, text columns give way in this order, each down
# to a floor: company and guide first, the participant last; then any, to 6.
_SHRINK_STEPS = (((2, 3), 8), ((1,), 11), ((1, 2, 3), 6))


def session_table(rows: list[ListedRow], width: int = 80) -> list[str]:
    """An aligned table, one line per session, fitting `width` by trimming text columns.

    10,000 sessions are 80,000 cells, so the table is built a column at a time:
    its cells, their widths, the cut of a column trimmed; then each line is one %-format.
    """
    columns = _columns(rows)
    natural = [max(map(len, column)) for column in columns]
    widths = list(natural)
    for shrinking, floor in _SHRINK_STEPS:
        while sum(widths) + len(_GAP) * (len(widths) - 1) > width:
            column = max(shrinking, key=lambda c: widths[c])
            if widths[column] <= floor:
                break
            widths[column] -= 1
    for c, fits in enumerate(widths):
        if fits < natural[c]:
            columns[c] = [text if len(text) <= fits else text[: fits - 1] + "…" for text in columns[c]]
    line = _GAP.join(f"%{'' if c in _RIGHT else '-'}{w}s" for c, w in enumerate(widths))
    return [(line % cells).rstrip() for cells in zip(*columns)]


def _columns(rows: list[ListedRow]) -> list[list[str]]:
    """The table's columns, each headed: every cell on one line with its control characters shown, never run."""
    date, who, company, guide, status, read_only, elapsed, notes, sid, _ = list(zip(*rows)) or [()] * len(ListedRow._fields)
    columns = [
        [_HEADERS[0], *(text or "—" for text in date)],
        [_HEADERS[1], *(text or "—" for text in who)],
        [_HEADERS[2], *(text or "—" for text in company)],
        [_HEADERS[3], *(text or "—" for text in guide)],
        [_HEADERS[4], *(s.replace("_", " ") + (" (read-only)" if r else "") for s, r in zip(status, read_only))],
        [_HEADERS[5], *map(format_duration, elapsed)],
        [_HEADERS[6], *map(str, notes)],
        [_HEADERS[7], *(text[:8] for text in sid)],
    ]
    for column in columns:  # one test a column: in most stores every cell is printable
        if not "".join(column).isprintable():
            column[:] = map(one_line, column)
    return columns


# --- export -------------------------------------------------------------------------
def run_export(args: argparse.Namespace) -> int:
    from tui.core.export import render
    from tui.core.formats import SESSION_FORMATS

    store = open_store(args)
    session = store.load_ref(args.session)
    text = render(session, args.format, anonymize=args.anonymize)
    if args.output:
        atomic_write(args.output, text.encode("utf-8"))
        print(f"Wrote {args.output}", file=sys.stderr)
    if args.copy:
        from tui.clipboard import copy_text

        filename = f"{session.date}-{session.id[:8]}.{SESSION_FORMATS[args.format].extension}"
        print(copy_text(text, fallback_dir=exports_dir(store.root), filename=filename).message, file=sys.stderr)
    if not args.output and not args.copy:  # exact into a pipe; on a terminal, controls shown, never run
        sys.stdout.write(visible(text) if sys.stdout.isatty() else text)
    return 0


# --- import, delete, restore --------------------------------------------------------
def run_import(args: argparse.Namespace) -> int:
    """Import each file; a bad one is reported and the rest still imported."""
    store = open_store(args)
    failed = 0
    for result in store.import_files(args.files):
        if isinstance(result, UsageError):
            print(f"interview: {one_line(str(result))}", file=sys.stderr)
            failed += 1
        else:
            print(one_line(result.message), flush=True)
    return 2 if failed else 0


def run_delete(args: argparse.Namespace) -> int:
    store = open_store(args)
    session = store.load(store.resolve(args.session))
    label = one_line(f"{session.id[:8]} ({session.participant.name or 'anonymous'}, {session.date or 'undated'})")
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError(f"Not deleting session {label} without confirmation: add --yes.")
        try:
            answer = input(f"Delete session {label}? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing deleted.")
            return 1
    trashed = store.delete(session.id)
    print(f"Moved session {label} to the trash: {trashed}")
    print(f"Undo with: interview restore {session.id[:8]}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    store = open_store(args)
    session = store.load(store.restore(args.session))
    print(one_line(f"Restored session {session.id[:8]} ({session.participant.name or 'anonymous'}, {session.date or 'undated'})."))
    return 0
