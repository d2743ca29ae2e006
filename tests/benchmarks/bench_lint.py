"""Question checker benchmark (not a test): `python tests/benchmarks/bench_lint.py`.

Measures, in one run:
- per question: every question of the labelled corpus checked 20 times, one at a
  time (median, p95 and worst per question; each result's rewrites included);
- start-up: `interview lint` on a one-line file, `interview --version`, and the
  import of `tui.core.lint`, beside `python -c pass` and the same commands run from
  the tree as it was before issue 13 (`git archive`), so "unchanged" is measured.
  The table compiles its patterns on first use, so the first pass over the corpus
  (which compiles them) is reported apart from the warm passes.

Prints a few readable lines, then one JSON object on its last line.
Targets: <= 1 ms per question (warm p95); `interview lint` on one question no slower
than before issue 13 by more than 10 %.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.append(str(ROOT / "tests"))

from lint_corpus import DEVELOPMENT, HELD_OUT, read  # noqa: E402

from tui.core.lint import lint_question  # noqa: E402

ROUNDS = 20
STARTS = 9
OLD_CHECKER = "ee8b470"  # the commit before issue 13's work


def per_question_ms() -> tuple[float, list[float]]:
    """(ms for the first pass, which compiles the table; per-question ms of the warm passes)."""
    questions = [row.question for row in read(DEVELOPMENT) + read(HELD_OUT)]
    started = time.perf_counter()
    for question in questions:
        lint_question(question)
    first_pass = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(ROUNDS):
        for question in questions:
            started = time.perf_counter()
            lint_question(question)
            times.append((time.perf_counter() - started) * 1000)
    return first_pass, times


def wall_ms(command: list[str], cwd: Path) -> float:
    """Median wall time of a fresh process, over STARTS runs after one warm-up."""
    subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    runs = []
    for _ in range(STARTS):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def old_tree(into: Path) -> bool:
    """The project as it was before issue 13, unpacked into `into`; False outside a git checkout."""
    archive = subprocess.run(["git", "archive", OLD_CHECKER, "tui", "guides"], cwd=ROOT, capture_output=True)
    if archive.returncode:
        return False
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return True


def main() -> None:
    first_pass, times = per_question_ms()
    times.sort()
    p95 = times[int(len(times) * 0.95)]
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        work, old = Path(tmp) / "work", Path(tmp) / "old"
        work.mkdir()
        old.mkdir()
        (work / "q.txt").write_text("Would you buy this?\n", encoding="utf-8")
        lint_one = [python, "-m", "tui", "lint", str(work / "q.txt")]
        lint_guides = [python, "-m", "tui", "lint"]
        importing = [python, "-c", "import tui.core.lint"]
        baseline = wall_ms([python, "-c", "pass"], work)
        version = wall_ms([python, "-m", "tui", "--version"], ROOT)
        new_lint, new_import = wall_ms(lint_one, ROOT), wall_ms(importing, ROOT)
        has_old = old_tree(old)
        old_lint = wall_ms(lint_one, old) if has_old else None
        old_import = wall_ms(importing, old) if has_old else None
        new_guides = wall_ms(lint_guides, ROOT)
        old_guides = wall_ms(lint_guides, old) if has_old else None
    result = {
        "questions": len(times) // ROUNDS,
        "first_pass_ms": round(first_pass, 1),
        "per_question_ms": {"median": round(statistics.median(times), 4), "p95": round(p95, 4), "max": round(times[-1], 3)},
        "python_pass_ms": round(baseline, 1),
        "interview_version_ms": round(version, 1),
        "interview_lint_one_question_ms": round(new_lint, 1),
        "interview_lint_one_question_before_ms": None if old_lint is None else round(old_lint, 1),
        "interview_lint_bundled_guides_ms": round(new_guides, 1),
        "interview_lint_bundled_guides_before_ms": None if old_guides is None else round(old_guides, 1),
        "import_checker_ms": round(new_import, 1),
        "import_checker_before_ms": None if old_import is None else round(old_import, 1),
        "lint_vs_before": None if old_lint is None else round(new_lint / old_lint, 3),
    }
    print(f"first pass over {result['questions']} questions (compiles the table): {first_pass:.0f} ms")
    print(f"warm, per question: median {result['per_question_ms']['median']} ms, p95 {result['per_question_ms']['p95']} ms, "
          f"worst {result['per_question_ms']['max']} ms ({ROUNDS} passes)")
    print(f"start-up: python -c pass {baseline:.0f} ms, interview --version {version:.0f} ms")
    print(f"interview lint, one question: {new_lint:.0f} ms; before issue 13: {old_lint and round(old_lint)} ms")
    print(f"interview lint, the bundled guides: {new_guides:.0f} ms; before issue 13: {old_guides and round(old_guides)} ms")
    print(f"import tui.core.lint: {new_import:.0f} ms; before issue 13: {old_import and round(old_import)} ms")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
