"""Store benchmark (not a test): `python tests/benchmarks/bench_store.py`.

Builds stores of 10 and of 1,000 realistic sessions (60 notes each) in a temp
dir and measures what a user waits for: committing one note (persisted and
fsynced), listing 1,000 sessions with a cold and a warm index, and exporting
one session as Markdown. Prints a few readable lines, then one JSON object on
its last line.

Targets: commit median <= 5 ms at 1,000 sessions and <= 1.5x its value at 10;
listing 1,000 sessions <= 200 ms; Markdown export <= 20 ms.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))  # tests/, for sample_sessions

from sample_sessions import make_session  # noqa: E402

from tui.core.session import Note  # noqa: E402
from tui.store import Store  # noqa: E402

COMMITS = 300
BLOCKS = 10  # commits alternate between the stores in blocks, so disk drift hits both alike
NOTES_PER_SESSION = 60


PROBE_SEED = 1_000_000  # the session notes are committed to: the same one in every store


def build(root: Path, count: int) -> Store:
    store = Store(root)
    for seed in [*range(count - 1), PROBE_SEED]:
        store.create(make_session(NOTES_PER_SESSION, seed)).close()
    return store


def commit_block(store: Store, count: int) -> list[float]:
    """Save `count` notes into the 60-note probe session, each removed again (untimed) so its size stays put."""
    times: list[float] = []
    with store.open_writer(make_session(0, PROBE_SEED).id) as writer:
        for number in range(count + 5):
            note = Note.from_typed(f"! benchmark note {number} #speed", question=2, elapsed=float(number))
            started = time.perf_counter()
            writer.save_note(note)
            times.append((time.perf_counter() - started) * 1000)
            writer.delete_note(note.id)
    return times[5:]


def commit_ms(stores: list[Store]) -> list[dict[str, float]]:
    times: list[list[float]] = [[] for _ in stores]
    for _ in range(BLOCKS):
        for store, collected in zip(stores, times):
            collected += commit_block(store, COMMITS // BLOCKS)
    return [
        {"median": round(statistics.median(t), 3), "p95": round(sorted(t)[int(len(t) * 0.95)], 3)} for t in times
    ]


def list_ms(root: Path) -> dict[str, float]:
    """Listing from a fresh Store object, as a new run does: without, then with, the index."""
    cold, warm = [], []
    for _ in range(3):
        (root / "index.json").unlink(missing_ok=True)
        started = time.perf_counter()
        count = len(Store(root).summaries())
        cold.append((time.perf_counter() - started) * 1000)
    for _ in range(5):
        started = time.perf_counter()
        assert len(Store(root).summaries()) == count
        warm.append((time.perf_counter() - started) * 1000)
    return {
        "sessions": count,
        "cold_index": round(statistics.median(cold), 1),
        "warm_index": round(statistics.median(warm), 1),
    }


def export_md_ms(store: Store) -> float | None:
    try:
        from tui.core.export import render
    except ImportError:
        return None
    session = store.load(store.summaries()[0].id)
    times = []
    for _ in range(50):
        started = time.perf_counter()
        render(session, "md")
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 3)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-store-") as temp:
        started = time.perf_counter()
        small, large = build(Path(temp) / "small", 10), build(Path(temp) / "large", 1000)
        print(f"built stores of 10 and 1,000 sessions in {time.perf_counter() - started:.1f} s")
        commit_small, commit_large = commit_ms([small, large])
        print(f"commit, 10 sessions:     median {commit_small['median']} ms, p95 {commit_small['p95']} ms")
        print(f"commit, 1,000 sessions:  median {commit_large['median']} ms, p95 {commit_large['p95']} ms")
        listing = list_ms(large.root)
        print(f"list 1,000 sessions:     cold index {listing['cold_index']} ms, warm index {listing['warm_index']} ms")
        export = export_md_ms(large)
        print(f"export one as Markdown:  {export} ms")
    ratio = commit_large["median"] / commit_small["median"]
    result = {
        "commit_ms": {"10": commit_small, "1000": commit_large},
        "commit_median_ratio_1000_vs_10": round(ratio, 2),
        "list_1000_ms": listing,
        "export_md_ms": export,
        "targets_met": {
            "commit_median_le_5ms": commit_large["median"] <= 5,
            "commit_ratio_le_1.5": ratio <= 1.5,
            "list_warm_le_200ms": listing["warm_index"] <= 200,
            "list_cold_le_200ms": listing["cold_index"] <= 200,
            "export_md_le_20ms": export is not None and export <= 20,
        },
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
