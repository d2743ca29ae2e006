"""A store of 1,000 or 10,000 sessions (benchmark, not a test): `python tests/benchmarks/bench_history.py --sessions 10000`.

Builds a store of that many realistic sessions (60 notes each) and as many
exports to import, once per size: they are kept in ~/.cache/interview-bench
(or $INTERVIEW_BENCH_CACHE), keyed by size and BENCH_VERSION, so a rerun starts
at once. Then it measures, from process start, what a user waits for:

- `interview list` and `interview themes` wall time (index warm), and their peak memory
  (by /usr/bin/time: a forked child's own rusage would count the benchmark's pages);
  each in turns with its floor: for list, plain Python listing the folder, reading
  the index's stamps and rows and printing them; for themes and search, plain
  Python opening the index;
- `interview search WORD` wall time, and search queries in-process (median, p95):
  the time a search box would take per keystroke, the index already open;
- a full index rebuild (`interview list` with index.sqlite3 deleted); its floor,
  plain Python reading every file and putting its notes' text in one FTS5 table;
  the files dropped from the page cache before each (see `uncached`), as for the import;
- `interview import` of N exports into the store of N: sessions a second overall
  and in each tenth of them, in order (flat as the store grows?); the imported
  files are removed afterwards, so the cached store stays as it was; its floor,
  plain Python copying IMPORT_FLOOR_FILES of the exports durably (write, fsync,
  rename, fsync the folder);
- `interview --version` beside `python -c pass`;
- from process start in an 80x24 pseudo-terminal, paired in each round with a
  bare Textual app's: the first frame of history (its title row), of history
  with its first page drawn and counted, and of the search screen
  (`interview search --tui`); and history's peak memory (VmHWM, read 2 s after
  its rows are drawn, the index refreshed from the folder by then);
- in the app (headless, the index open), keystroke to drawn results: typing
  queries into the search screen and into history's filter, a key at a time,
  from the key sent to the first frame showing the results for it (median, p95);
  beside it in the same run, the floor: the same keys into a bare Textual Input,
  to the first frame showing each (what any Textual app pays to route and draw a key);
  and End in history, from the key to the frame with the cursor on the last session.

Each figure is the median of RUNS runs, taken one after the other, so the
baselines share the machine's load. Prints readable lines, then JSON on the
last line. Targets (issue 12, at 10,000 sessions): themes <= 500 ms, list
<= 300 ms, rebuild <= 15 s, search median <= 20 ms and p95 <= 50 ms, import
>= 200 sessions/s, --version <= 2x python -c pass.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))  # tests/, for sample_sessions
sys.path.append(str(Path(__file__).resolve().parent))  # for bench_typing's first frame

from bench_typing import BARE_APP, GAPS, POLL, BareApp, first_frame_seconds, key_event, paired_first_frames, type_keys  # noqa: E402
from sample_sessions import make_session  # noqa: E402

from tui.core.search import parse  # noqa: E402
from tui.store import Store  # noqa: E402

BENCH_VERSION = 1  # bump when sample sessions or the store's layout change
NOTES_PER_SESSION = 60
EXPORT_SEEDS = 1_000_000  # exports are sessions of other seeds: new to the store
RUNS = 5
SEARCH_REPEATS = 7
QUERIES = (
    "salesforce", "permissions", "sync", '"two days"', "#onboarding", "#trust kind:pain", "kind:quote",
    "dashboard -trust", "export #reporting", "guide:onboarding since:2025-06-01 trust", "checklist", "zzz",
)
TYPED = ("salesforce", "permissions", "#trust kind:pain", "export #reporting", "dashboard -trust")
TARGETS = {"first_frame_ratio": 1.5, "keystroke_median_ms": 20, "keystroke_p95_ms": 50, "history_peak_mb": 120,
           "themes_ms": 500, "list_ms": 300, "rebuild_s": 15, "search_median_ms": 20, "search_p95_ms": 50,
           "import_per_s": 200, "version_ratio": 2.0}


def cache_dir(size: int) -> Path:
    base = Path(os.environ.get("INTERVIEW_BENCH_CACHE", Path.home() / ".cache" / "interview-bench"))
    return base / f"history-v{BENCH_VERSION}-{size}"


def prepared(size: int) -> tuple[Path, list[Path]]:
    """The cached store of `size` sessions (index warm) and `size` exports, made if missing."""
    folder = cache_dir(size)
    root, exports, done = folder / "store", folder / "exports", folder / "complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        exports.mkdir(parents=True)
        started = time.perf_counter()
        store = Store(root)
        store.startup()
        for seed in range(size):
            store.add(make_session(NOTES_PER_SESSION, seed))
            (exports / f"{seed:06d}.json").write_text(json.dumps(make_session(NOTES_PER_SESSION, EXPORT_SEEDS + seed).to_dict()))
        done.write_text("")
        print(f"built {size:,} sessions and {size:,} exports in {time.perf_counter() - started:.0f} s ({folder})")
    return root, sorted(exports.iterdir())


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # set to anything, it stops .pyc files: every run would compile
    return env


def interview() -> list[str]:
    """The installed `interview` script (what a user runs), else `python -m tui`."""
    script = Path(sys.executable).with_name("interview")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


# The physical floors, each a child of plain Python doing only what its figure cannot do without:
LIST_FLOOR = """
import os, sqlite3, sys
root = sys.argv[1]
stamps = {e.name: e.stat(follow_symlinks=False).st_mtime_ns for e in os.scandir(os.path.join(root, "sessions"))}
db = sqlite3.connect(f"file:{os.path.join(root, 'index.sqlite3')}?mode=ro", uri=True)
known = dict(db.execute("SELECT name, stamp FROM sessions"))
rows = db.execute("SELECT date, participant, company, guide_name, status, elapsed, note_count, id FROM sessions ORDER BY key DESC")
print("\\n".join("  ".join(map(str, row)) for row in rows))
"""  # list the folder, read its stamps and rows from the index, print a line per session
REBUILD_FLOOR = """
import os, sqlite3, sys
import msgspec
db = sqlite3.connect(":memory:")
db.execute("CREATE VIRTUAL TABLE notes USING fts5(text)")
with db:
    for entry in os.scandir(sys.argv[1]):
        with open(entry.path, "rb") as file:
            notes = msgspec.json.decode(file.read())["notes"].values()
        db.executemany("INSERT INTO notes (text) VALUES (?)", ((note["text"],) for note in notes))
"""  # read and parse every file (msgspec, as the index does), its notes' text into a full-text index: nothing else
IMPORT_FLOOR = """
import os, sys
folder = sys.argv[1]
for number, source in enumerate(sys.argv[2:]):
    with open(source, "rb") as file:
        data = file.read()
    temp, final = os.path.join(folder, f".{number}.tmp"), os.path.join(folder, f"{number}.json")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, data)
    os.fsync(fd)
    os.close(fd)
    os.rename(temp, final)
    folder_fd = os.open(folder, os.O_RDONLY)
    os.fsync(folder_fd)
    os.close(folder_fd)
"""  # each file copied durably (written, fsynced, renamed, its folder fsynced): what any safe import pays
IMPORT_FLOOR_FILES = 1000
OPEN_FLOOR = """
import sqlite3, sys
sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True).execute("SELECT count(*) FROM sessions").fetchone()
"""  # a Python that opens the index and asks it one thing: what every command that reads the index pays


def uncached(paths: list[Path]) -> None:
    """Drop these files from the page cache, so a figure and its floor both read them from the disk.

    Else whichever ran second would find them in memory (and this machine pages out
    files idle for a minute, so the first would find them cold or not, by chance).
    """
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def plain_python(script: str, *args: str) -> list[str]:
    return [sys.executable, "-c", script, *args]


def paired(commands: dict[str, list[str]], runs: int = RUNS) -> dict[str, float]:
    """Median wall ms of each command, run in turns (one warm-up round), so they share the machine's load."""
    for command in commands.values():
        run_child(command)
    walls: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            walls[name].append(run_child(command))
    return {name: round(statistics.median(values), 1) for name, values in walls.items()}


def measured(command: list[str], floor_command: list[str], runs: int = RUNS) -> dict[str, float]:
    """Median wall ms of `runs` runs, in turns with its floor's; and the peak memory (MB) of one more."""
    walls = paired({"ours": command, "floor": floor_command}, runs)
    return {"ms": walls["ours"], "floor_ms": walls["floor"], "peak_mb": peak_mb(command)}


def run_child(command: list[str]) -> float:
    """Wall ms of one run, its output thrown away."""
    started = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment())
    wall = (time.perf_counter() - started) * 1000
    if result.returncode:
        raise RuntimeError(f"{command} failed: {result.stderr.decode()[-500:]}")
    return wall


def peak_mb(command: list[str]) -> float | None:
    """The child's own peak resident memory, by GNU time (a forked child's rusage counts this process's pages)."""
    if not Path("/usr/bin/time").exists():
        return None
    result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment(), text=True)
    return round(int(result.stderr.strip().splitlines()[-1]) / 1024)


def search_in_process(root: Path) -> dict[str, float]:
    """Each query run SEARCH_REPEATS times on an open store, as a search box runs them: ms, median and p95."""
    store = Store(root)
    store.startup()
    times = []
    for text in QUERIES:
        query = parse(text)
        for _ in range(SEARCH_REPEATS):
            started = time.perf_counter()
            store.search(query, 50, refresh=False)
            times.append((time.perf_counter() - started) * 1000)
    ordered = sorted(times)
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95)], 2),
        "max_ms": round(ordered[-1], 2),
        "queries": len(QUERIES),
    }


def rebuild(root: Path) -> dict[str, float]:
    """`interview list` with the index deleted: the whole rebuild, from process start; and its floor."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{root / 'index.sqlite3'}{suffix}").unlink(missing_ok=True)
    files = list((root / "sessions").iterdir())
    uncached(files)
    started = time.perf_counter()
    result = subprocess.run([*interview(), "--store", str(root), "list"], capture_output=True, text=True, env=environment(), check=True)
    wall = time.perf_counter() - started
    said = re.search(r"Indexed ([\d,]+) session files in ([\d.]+) s", result.stderr)
    uncached(files)
    floor_s = run_child(plain_python(REBUILD_FLOOR, str(root / "sessions"))) / 1000
    return {"wall_s": round(wall, 1), "said_s": float(said[2]) if said else None, "floor_s": round(floor_s, 1)}


def import_rate(root: Path, exports: list[Path]) -> dict[str, float]:
    """`interview import` of every export into the store: sessions a second, overall and per tenth; then undone."""
    before = {p.name for p in (root / "sessions").iterdir()}
    locks = {p.name for p in (root / "locks").iterdir()}
    command = [*interview(), "--store", str(root), "import", *map(str, exports)]
    uncached(exports)
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=environment(), text=True)
    marks = []
    for line in child.stdout:  # one line per session, printed once it is durable
        if line.startswith("Imported"):
            marks.append(time.perf_counter())
    child.wait()
    total = time.perf_counter() - started
    for path in (root / "sessions").iterdir():
        if path.name not in before:
            path.unlink()
    for path in (root / "locks").iterdir():
        if path.name not in locks:
            path.unlink()
    Store(root).startup()  # the index forgets them again
    copies = root / "floor-copies"
    copies.mkdir()
    some = exports[:IMPORT_FLOOR_FILES]
    uncached(some)
    floor_s = run_child(plain_python(IMPORT_FLOOR, str(copies), *map(str, some))) / 1000
    shutil.rmtree(copies)
    return {
        "imported": len(marks),
        "per_s": round(len(marks) / total, 1),
        "tenths_per_s": tenths(started, marks),
        "floor_per_s": round(len(some) / floor_s, 1),
    }


def tenths(started: float, marks: list[float]) -> list[float]:
    """Sessions a second in each tenth of the sessions, in order: the first from the command's start."""
    size = len(marks) // 10
    if size == 0:
        return [round(len(marks) / (marks[-1] - started), 1)] if marks else []
    ends = [marks[number * size - 1] for number in range(1, 11)]
    return [round(size / (end - begin), 1) for begin, end in zip([started, *ends], ends)]


def version_against_python() -> dict[str, float]:
    version = [*interview(), "--version"]
    bare = [sys.executable, "-c", "pass"]
    pairs = [(run_child(version), run_child(bare)) for _ in range(RUNS * 4)]
    ours = statistics.median(p[0] for p in pairs)
    python = statistics.median(p[1] for p in pairs)
    return {"version_ms": round(ours, 1), "python_ms": round(python, 1), "ratio": round(ours / python, 2)}


def terminal_env() -> dict[str, str]:
    return {**environment(), "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}


def vm_hwm_mb(pid: int, read, seconds: float = 2.0) -> float:
    """The process's peak resident memory after `seconds` more of it running (its workers done by then)."""
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        read()
    status = Path(f"/proc/{pid}/status").read_text()
    return round(int(re.search(r"VmHWM:\s+(\d+) kB", status)[1]) / 1024, 1)


def screens_from_start(root: Path, folder: Path) -> dict[str, float]:
    """First frames (ms, median of RUNS rounds, each with a bare app's) and history's peak memory."""
    script = folder / "bare_app.py"
    script.write_text(BARE_APP)
    store = ["--store", str(root)]
    commands = {
        "bare": ([sys.executable, str(script)], ("READY MARKER", "type here")),  # title row, what is drawn last
        "history": ([*interview(), *store, "history"], ("History", "Back")),  # title row, its keys
        "history_rows": ([*interview(), *store, "history"], ("sessions · by", "Back")),  # the title once rows are counted
        "search": ([*interview(), *store, "search", "--tui"], ("Search notes", "palette")),
    }
    env = terminal_env()
    ms = paired_first_frames(commands, env, RUNS)  # this benchmark's rounds, not bench_typing's
    peaks: list[float] = []
    first_frame_seconds(commands["history_rows"][0], commands["history_rows"][1], env, then=lambda pid, read: peaks.append(vm_hwm_mb(pid, read)))
    return {
        **{f"{name}_ms": value for name, value in ms.items()},
        **{f"{name}_ratio": round(ms[name] / ms["bare"], 2) for name in ("history", "history_rows", "search")},
        "history_peak_mb": peaks[0],
    }


async def typed_in_app(root: Path, screen_name: str) -> dict[str, float]:
    """Keystroke to the first frame showing its results, typing TYPED into search or history's filter."""
    import asyncio
    import random

    from textual.widgets import Input

    from tui.app import Start, make_app
    from tui.core.search import QueryError

    app = make_app(store_dir=root, start=Start(screen_name), config_path=root / "none.toml")
    latencies: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        for _ in range(500):  # until the index is refreshed from the folder
            if (screen._indexed if screen_name == "search" else getattr(screen, "settled", False)):
                break
            await pilot.pause(0.02)
        field = screen.query_one(Input)
        field.focus()
        await pilot.pause()

        def state() -> object:  # what the screen shows results for
            if screen_name == "search":
                return screen.found.text if screen.found else None
            return (screen._version, screen.fetching)

        frames: list[tuple[float, object]] = []
        display = app._display

        def recording_display(target, renderable) -> None:  # type: ignore[no-untyped-def]
            if renderable is not None:
                frames.append((time.perf_counter(), state()))
            display(target, renderable)

        app._display = recording_display  # type: ignore[method-assign]
        gaps = random.Random(7)
        driver = app._driver
        for text in TYPED:
            field.value = ""
            await pilot.pause(0.3)
            for key in text:
                seen, sent = len(frames), time.perf_counter()
                driver.send_message(key_event(app, key))
                for _ in range(3):  # the key reaches the field
                    await asyncio.sleep(POLL)
                try:
                    readable = bool(field.value.strip()) and not parse(field.value, typing=True).is_empty
                except QueryError:
                    readable = False
                if readable:
                    wanted = field.value if screen_name == "search" else None
                    while True:
                        shown = [when for when, value in frames[seen:] if (
                            value == wanted if screen_name == "search" else (value == (screen._version, False))
                        )]
                        if shown:
                            latencies.append(shown[0] - sent)
                            break
                        await asyncio.sleep(POLL)
                await asyncio.sleep(gaps.uniform(*GAPS))
    latencies.sort()
    return {
        "median_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95)] * 1000, 1),
        "keys": len(latencies),
    }


async def end_in_history(root: Path) -> dict[str, float]:
    """End in history (headless, 80x24): from the key to the first frame with the cursor on the view's
    last session, every page up to it loaded. A new app each run: End loads the pages once."""
    from tui.app import Start, make_app
    from tui.widgets.row_table import RowTable

    seconds: list[float] = []
    for _ in range(RUNS):
        app = make_app(store_dir=root, start=Start("history"), config_path=root / "none.toml")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.screen
            for _ in range(500):
                if getattr(screen, "settled", False):
                    break
                await pilot.pause(0.02)
            table = screen.query_one(RowTable)
            table.focus()
            await pilot.pause()
            frames: list[tuple[float, bool]] = []
            display = app._display

            def recording_display(target, renderable) -> None:  # type: ignore[no-untyped-def]
                if renderable is not None:
                    frames.append((time.perf_counter(), screen.complete and table.cursor == len(table.rows) - 1))
                display(target, renderable)

            app._display = recording_display  # type: ignore[method-assign]
            sent = time.perf_counter()
            app._driver.send_message(key_event(app, "end"))
            while not any(last for _, last in frames):
                if time.perf_counter() - sent > 30:
                    raise RuntimeError("End never reached the last session")
                await pilot.pause(POLL)
            seconds.append(next(when for when, last in frames if last) - sent)
    return {"median_ms": round(statistics.median(seconds) * 1000, 1), "runs": len(seconds)}


def main() -> None:
    parser = argparse.ArgumentParser(description="history, search, themes, list, import at 1,000 or 10,000 sessions")
    parser.add_argument("--sessions", type=int, choices=(1000, 10000), default=1000)
    parser.add_argument("--screens", action="store_true", help="only the TUI: first frames, memory, keystrokes")
    args = parser.parse_args()
    size = args.sessions
    root, exports = prepared(size)
    Store(root).startup()  # the index warm, as any earlier run leaves it
    if args.screens:
        import asyncio

        screens = screens_from_start(root, cache_dir(size))
        keys = {name: asyncio.run(typed_in_app(root, name)) for name in ("search", "history")}
        keys["floor"] = asyncio.run(type_keys(BareApp(), [key for text in TYPED for key in text]))
        keys["history_end"] = asyncio.run(end_in_history(root))
        print(json.dumps({"sessions": size, "screens_from_start": screens, "keystrokes": keys}))
        return
    store_arg = ["--store", str(root)]
    startup = version_against_python()
    print(f"interview --version: {startup['version_ms']} ms vs python -c pass {startup['python_ms']} ms ({startup['ratio']}x)")
    opened = plain_python(OPEN_FLOOR, str(root / "index.sqlite3"))
    listing = measured([*interview(), *store_arg, "list"], plain_python(LIST_FLOOR, str(root)))
    print(
        f"interview list:      {listing['ms']} ms wall, {listing['peak_mb']} MB peak ({size:,} sessions, index warm); "
        f"floor {listing['floor_ms']} ms (plain Python: list the folder, read the index, print)"
    )
    themes = measured([*interview(), *store_arg, "themes"], opened)
    print(
        f"interview themes:    {themes['ms']} ms wall, {themes['peak_mb']} MB peak; "
        f"floor {themes['floor_ms']} ms (plain Python opens the index)"
    )
    searching = measured([*interview(), *store_arg, "search", "salesforce"], opened)
    print(f"interview search:    {searching['ms']} ms wall, {searching['peak_mb']} MB peak (one word); floor {searching['floor_ms']} ms")
    queries = search_in_process(root)
    print(f"search in-process:   {queries['median_ms']} ms median, {queries['p95_ms']} ms p95, {queries['max_ms']} ms max ({queries['queries']} queries)")
    screens = screens_from_start(root, cache_dir(size))
    print(
        f"first frame:         bare Textual app {screens['bare_ms']} ms; history {screens['history_ms']} ms "
        f"({screens['history_ratio']}x), with its rows counted {screens['history_rows_ms']} ms ({screens['history_rows_ratio']}x); "
        f"search screen {screens['search_ms']} ms ({screens['search_ratio']}x)"
    )
    print(f"history peak memory: {screens['history_peak_mb']} MB")
    import asyncio

    search_keys = asyncio.run(typed_in_app(root, "search"))
    print(f"search keystroke:    {search_keys['median_ms']} ms median, {search_keys['p95_ms']} ms p95 to drawn results ({search_keys['keys']} keys)")
    filter_keys = asyncio.run(typed_in_app(root, "history"))
    print(f"history filter key:  {filter_keys['median_ms']} ms median, {filter_keys['p95_ms']} ms p95 to drawn rows ({filter_keys['keys']} keys)")
    floor = asyncio.run(type_keys(BareApp(), [key for text in TYPED for key in text]))
    print(f"floor, bare Input:   {floor['median_ms']} ms median, {floor['p95_ms']} ms p95 key to drawn echo (the same keys)")
    end = asyncio.run(end_in_history(root))
    print(f"End in history:      {end['median_ms']} ms median from the key to the last session drawn ({size:,} sessions)")
    rebuilt = rebuild(root)
    print(
        f"full rebuild:        {rebuilt['wall_s']} s from process start (it says {rebuilt['said_s']} s); "
        f"floor {rebuilt['floor_s']} s (plain Python reads every file, its notes into one FTS5 table in memory)"
    )
    imported = import_rate(root, exports)
    print(
        f"interview import:    {imported['per_s']}/s ({imported['imported']:,} into {size:,}; "
        f"tenths {', '.join(f'{rate:.0f}' for rate in imported['tenths_per_s'])}/s); "
        f"floor {imported['floor_per_s']}/s (plain Python copies {IMPORT_FLOOR_FILES:,} of them durably)"
    )
    result = {
        "sessions": size,
        "notes_per_session": NOTES_PER_SESSION,
        "version_ms": startup,
        "list": listing,
        "themes": themes,
        "search_cli": searching,
        "search_in_process": queries,
        "screens_from_start": screens,
        "search_keystroke": search_keys,
        "history_filter_keystroke": filter_keys,
        "keystroke_floor": {"median_ms": floor["median_ms"], "p95_ms": floor["p95_ms"]},
        "history_end": end,
        "rebuild": rebuilt,
        "import": imported,
        "targets": TARGETS,
        "targets_met": {
            "first_frames": max(screens["history_ratio"], screens["search_ratio"]) <= TARGETS["first_frame_ratio"],
            "keystrokes": all(
                k["median_ms"] <= TARGETS["keystroke_median_ms"] and k["p95_ms"] <= TARGETS["keystroke_p95_ms"]
                for k in (search_keys, filter_keys)
            ),
            "history_memory": screens["history_peak_mb"] <= TARGETS["history_peak_mb"],
            "themes": themes["ms"] <= TARGETS["themes_ms"],
            "list": listing["ms"] <= TARGETS["list_ms"],
            "rebuild": rebuilt["wall_s"] <= TARGETS["rebuild_s"],
            "search": queries["median_ms"] <= TARGETS["search_median_ms"] and queries["p95_ms"] <= TARGETS["search_p95_ms"],
            "import": imported["per_s"] >= TARGETS["import_per_s"],
            "version": startup["ratio"] <= TARGETS["version_ratio"],
        },
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
