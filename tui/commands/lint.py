"""`interview lint`: flag leading, hypothetical, double-barrelled and closed questions.

Reads guides (.toml files or the names `interview guides` lists; all of
them when none is given), text files with one question per line, or `-` for
stdin, and prints only the questions worth rewriting, each with an open
rewrite. No textual: quick, and at home in a pipe or a pre-commit hook.
Exit status: 0 nothing flagged, 1 something flagged, 2 a file could not be read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.catalog import discover, load_guide
from tui.core.guide import Guide, GuideError
from tui.core.lint import LintResult, lint_guide, lint_question
from tui.core.text import one_line
from tui.errors import UsageError
from tui.reading import Unreadable, read_bytes, size_text

STDIN = "-"
STDIN_NAME = "<stdin>"
MAX_TEXT_BYTES = 1024 * 1024  # a list of questions is a page; more is a wrong file

# `text = "..."` (or a quoted key) where a question's text is set in a guide.
_TEXT_KEY = re.compile(r"""(?:^|[{,])[ \t]*(?:text|"text"|'text')[ \t]*=[ \t]*""", re.MULTILINE)


@dataclass(frozen=True)
class Checked:
    """One question as found in a file: where it is, and what the linter says."""

    file: str
    line: int | None  # None only if a guide's text could not be found in its source
    result: LintResult


def arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Check interview questions for wording that pushes a participant toward an "
        "answer: leading, hypothetical (asks for a prediction or pitches an idea), "
        "double-barrelled, or closed (yes/no). Prints each flagged question with an "
        "open rewrite. Exit status 0 if nothing is flagged, 1 if "
        "something is, 2 if a file cannot be read or is not a valid guide."
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=(
            "a guide (.toml) or a guide's name, a text file with one question per line, "
            "or - for stdin (default: every guide `interview guides` lists)"
        ),
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: one line per flagged question; json: every question checked",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    checked: list[Checked] = []
    problems: list[str] = []
    files = 0
    for path in args.paths or [entry.path for entry in discover().guides]:
        try:
            checked.extend(check_path(path))
            files += 1
        except GuideError as error:
            problems.extend(error.problems)
        except UsageError as error:
            problems.append(str(error))

    if args.format == "json":
        # JSON escapes C0 controls; on a terminal, C1 and the rest too
        print(json.dumps([as_json(item) for item in checked], indent=2, ensure_ascii=sys.stdout.isatty()))
    else:
        for item in checked:
            if item.result.flagged:
                print(as_text(item))
    for problem in problems:
        print(one_line(problem), file=sys.stderr)
    flagged = sum(item.result.flagged for item in checked)
    if files:
        print(summary(flagged, len(checked), files), file=sys.stderr)
    if problems:
        return 2
    return 1 if flagged else 0


def check_path(path: str) -> list[Checked]:
    """Lint every question in one input; `UsageError` if it cannot be read."""
    if path == STDIN:
        return check_lines(STDIN_NAME, _decode(sys.stdin.buffer.read(), STDIN_NAME))
    if Path(path).suffix.lower() == ".toml":
        return check_guide(path, load_guide(path))
    if not Path(path).exists() and (entry := discover().entry(path)) is not None:
        return check_guide(entry.path, load_guide(entry.path))  # a guide's name, as `interview new --guide` takes
    return check_lines(path, _decode(_read(path), path))


def check_guide(path: str, guide: Guide) -> list[Checked]:
    """Every question of a guide, located on the line where its text is set."""
    try:
        source = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:  # it was readable a moment ago; lines are a nicety
        source = ""
    results = [result for _ref, result in lint_guide(guide)]
    lines = question_lines(source, [result.question for result in results])
    return [Checked(path, line, result) for line, result in zip(lines, results)]


def check_lines(name: str, text: str) -> list[Checked]:
    """One question per line; blank lines and `#` comments are skipped."""
    checked = []
    for number, line in enumerate(text.split("\n"), start=1):
        question = line.strip()
        if question and not question.startswith("#"):
            checked.append(Checked(name, number, lint_question(question)))
    return checked


def question_lines(source: str, questions: list[str]) -> list[int | None]:
    """The line where each question's `text = ...` appears, matched in order.

    Each string literal is decoded by tomllib itself, so escapes (`\\"`,
    `\\u00e9`, multi-line strings) compare as the guide loader saw them.
    """
    assignments = [
        (source.count("\n", 0, match.end()) + 1, value)
        for match in _TEXT_KEY.finditer(source)
        if (value := _string_at(source, match.end())) is not None
    ]
    lines: list[int | None] = []
    cursor = 0
    for question in questions:
        found = _find(assignments, question, cursor) or _find(assignments, question, 0)
        if found is None:
            lines.append(None)
            continue
        cursor = found + 1
        lines.append(assignments[found][0])
    return lines


def as_text(item: Checked) -> str:
    result = item.result
    line = "?" if item.line is None else item.line
    return one_line(f"{item.file}:{line}: {','.join(result.kinds)}: {' '.join(result.question.split())} -> {result.suggestion}")


def as_json(item: Checked) -> dict[str, Any]:
    result = item.result
    return {
        "file": item.file,
        "line": item.line,
        "question": result.question,
        "flagged": result.flagged,
        "kinds": list(result.kinds),
        "suggestion": result.suggestion,
    }


def summary(flagged: int, questions: int, files: int) -> str:
    """"3 of 41 questions flagged in 2 files"."""
    noun = "question" if questions == 1 else "questions"
    where = "file" if files == 1 else "files"
    return f"{flagged} of {questions} {noun} flagged in {files} {where}"


def _read(path: str) -> bytes:
    """A file of questions, through the reading path: a FIFO or a device is refused, never read."""
    try:
        return read_bytes(path, limit=MAX_TEXT_BYTES)
    except Unreadable as error:
        if error.missing:
            raise UsageError(f"{path}: no such file") from None
        if error.why.startswith("it is too large"):
            raise UsageError(f"{path}: too large for a list of questions (over {size_text(MAX_TEXT_BYTES)})") from None
        if error.why.endswith("not a regular file"):
            raise UsageError(f"{path}: {error.why.removeprefix('it ').replace('a regular file', 'a file of questions')}") from None
        raise UsageError(f"{path}: cannot read it: {error.why}") from None


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data:
        raise UsageError(f"{name}: not a text file")
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise UsageError(f"{name}:{line}: not UTF-8 text") from None


def _string_at(source: str, start: int) -> str | None:
    """The TOML string literal starting at `start`, decoded; None if there is none."""
    for quote in ('"""', "'''", '"', "'"):
        if source.startswith(quote, start):
            break
    else:
        return None
    end = start + len(quote)
    while True:
        end = source.find(quote, end)
        if end < 0:
            return None
        if quote.startswith("'") or _backslashes_before(source, end) % 2 == 0:
            break
        end += 1
    while source.startswith(quote[0], end + len(quote)) and len(quote) == 3:
        end += 1  # a multi-line string may end with one or two extra quotes
    try:
        value = tomllib.loads(f"v = {source[start:end + len(quote)]}")["v"]
    except tomllib.TOMLDecodeError:
        return None
    return value if isinstance(value, str) else None


def _backslashes_before(source: str, index: int) -> int:
    count = 0
    while index - count > 0 and source[index - count - 1] == "\\":
        count += 1
    return count


def _find(assignments: list[tuple[int, str]], question: str, start: int) -> int | None:
    for index in range(start, len(assignments)):
        if assignments[index][1].strip() == question:
            return index
    return None

