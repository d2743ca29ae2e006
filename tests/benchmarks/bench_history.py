"""History and themes benchmark (not a test): `python tests/benchmarks/bench_history.py`.

Builds a store of 1,000 realistic sessions (60 notes each) once in a temp
dir, warms its index and facts cache as an earlier run would, then measures
what a user waits for:

- history first frame: from starting the app (`run_test`) on the history
  screen until its table holds the sessions, and until that frame is drawn;
- a filter keystroke: typing into the filter until the table is updated,
  one key at a time (a name, a #theme, then words that only occur in notes);
- warm loads of the index and of the facts cache (search text, theme facts);
- `interview themes` wall time in a subprocess (interpreter start included).

Prints a few readable lines, then one JSON object on its last line.
Targets: first frame <= 300 ms, filter update <= 50 ms, themes <= 500 ms.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))  # tests/, for sample_sessions

from sample_sessions import make_session  # noqa: E402

from tui.app import Start, make_app  # noqa: E402
from tui.core.clock import FakeClock  # noqa: E402
from tui.store import Store  # noqa: E402
from tui.store_facts import FactsCache  # noqa: E402

SESSIONS = 1000
NOTES_PER_SESSION = 60
FIRST_FRAME_RUNS = 7
THEMES_RUNS = 5
QUERY = "ana #onboarding"  # participant, then a theme
NOTE_WORDS = "salesforce sync"  # only in note text


def build(root: Path) -> Store:
    store = Store(root)
    for seed in range(SESSIONS):
        store.create(make_session(NOTES_PER_SESSION, seed)).close()
    FactsCache(store).load(store.summaries())  # warm, as any earlier run leaves it
    return store


async def painted(app) -> None:
    """Wait until the screen has been drawn with the latest changes."""
    done = asyncio.Event()
    app.call_after_refresh(done.set)
    await done.wait()


async def first_frame(root: Path, config: Path, expect: int | None = SESSIONS) -> tuple[float, float]:
    """(ms until the table holds the sessions, ms until that frame is drawn)."""
    from tui.widgets.row_table import RowTable

    started = time.perf_counter()
    app = make_app(store_dir=root, clock=FakeClock(), start=Start("history"), config_path=config)
    async with app.run_test(size=(120, 40)):
        while True:
            tables = app.screen.query(RowTable)
            if tables and (tables.first().rows or (expect is None and app.screen.loaded)):
                break
            await asyncio.sleep(0.001)
        populated = time.perf_counter()
        await painted(app)
        drawn = time.perf_counter()
        assert len(tables.first().rows) == SESSIONS or expect is None
    return (populated - started) * 1000, (drawn - started) * 1000


async def filter_keys(root: Path, config: Path) -> dict[str, float]:
    """Per keystroke: ms from the key event until the updated table has been drawn.

    The key goes straight to the driver, as a terminal's would; Pilot.press
    would add its own waits for idleness (in 20 ms steps) to every key.
    """
    from textual import events

    from tui.widgets.row_table import RowTable

    app = make_app(store_dir=root, clock=FakeClock(), start=Start("history"), config_path=config)
    times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        while not getattr(screen, "notes_loaded", False):
            await asyncio.sleep(0.01)
        await pilot.press("slash")
        await pilot.pause(0.2)
        table = screen.query_one(RowTable)
        for query in (QUERY, NOTE_WORDS):
            for char in query:
                before = table.rows
                started = time.perf_counter()
                app._driver.send_message(events.Key(char if char != " " else "space", char))
                while table.rows is before:
                    await asyncio.sleep(0)
                await painted(app)
                times.append((time.perf_counter() - started) * 1000)
            assert table.rows, f"nothing matched {query!r}"
            await pilot.press(*["backspace"] * len(query))
            await pilot.pause(0.1)
    ordered = sorted(times)
    return {
        "median": round(statistics.median(times), 1),
        "p95": round(ordered[int(len(ordered) * 0.95)], 1),
        "max": round(ordered[-1], 1),
        "keys": len(times),
    }


def cache_loads(root: Path) -> dict[str, float]:
    """Warm loads from a fresh Store, as a new run does: the index alone, then the facts cache."""
    index, facts = [], []
    for _ in range(5):
        started = time.perf_counter()
        store = Store(root)
        summaries = store.summaries()
        index.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        FactsCache(store).load(summaries)
        facts.append((time.perf_counter() - started) * 1000)
    size = (root / "facts.json").stat().st_size
    return {
        "index_ms": round(statistics.median(index), 1),
        "facts_ms": round(statistics.median(facts), 1),
        "facts_mb": round(size / 1e6, 1),
    }


def themes_wall(root: Path) -> float:
    command = [sys.executable, "-m", "tui", "--store", str(root), "themes", "--format", "md"]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    subprocess.run(command, check=True, capture_output=True, env=env)  # warm: index, facts, .pyc
    times = []
    for _ in range(THEMES_RUNS):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-history-") as temp:
        root, config = Path(temp) / "store", Path(temp) / "config.toml"
        started = time.perf_counter()
        build(root)
        print(f"built a store of {SESSIONS:,} sessions in {time.perf_counter() - started:.1f} s")
        frames = [asyncio.run(first_frame(root, config)) for _ in range(FIRST_FRAME_RUNS)]
        populated = round(statistics.median(f[0] for f in frames), 1)
        drawn = round(statistics.median(f[1] for f in frames), 1)
        print(f"history first frame:     table filled {populated} ms, drawn {drawn} ms after app start (median)")
        keys = asyncio.run(filter_keys(root, config))
        print(f"filter keystroke:        {keys['median']} ms median, {keys['p95']} ms p95, {keys['max']} ms max ({keys['keys']} keys)")
        caches = cache_loads(root)
        print(
            f"warm loads:              index {caches['index_ms']} ms; facts cache {caches['facts_ms']} ms "
            f"({caches['facts_mb']} MB, read after the first frame)"
        )
        themes = themes_wall(root)
        print(f"interview themes:        {themes} ms wall (median of {THEMES_RUNS}, warm index)")
    result = {
        "sessions": SESSIONS,
        "notes_per_session": NOTES_PER_SESSION,
        "history_first_frame_ms": {"populated": populated, "drawn": drawn},
        "filter_keystroke_ms": keys,
        "warm_load_ms": caches,
        "themes_wall_ms": themes,
        "targets_met": {
            "first_frame_le_300ms": drawn <= 300,
            "filter_le_50ms": keys["p95"] <= 50,
            "themes_le_500ms": themes <= 500,
        },
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
