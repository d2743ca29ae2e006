"""Interview guide model and TOML parsing (reading the file is `tui.catalog.load_guide`'s job).

A guide is a goal plus sections of open-ended questions with time budgets.
Sessions keep a snapshot of the guide as used (`Guide.to_dict`), so later
edits to a guide file never change an old session.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from tui.core.themes import normalize_theme
from tui.errors import UsageError

DEFAULT_HOLD_SECONDS = 3.0
DEFAULT_PROMPT_SECONDS = 8.0


class Question(NamedTuple):  # the guide's records are named tuples: built on every first screen's way (see tui.core.kinds)
    text: str
    probes: tuple[str, ...] = ()
    star: bool = True


class Section(NamedTuple):
    title: str
    questions: tuple[Question, ...]
    minutes: int | None = None


class Silence(NamedTuple):
    hold_seconds: float = DEFAULT_HOLD_SECONDS
    prompt_seconds: float = DEFAULT_PROMPT_SECONDS


class QuestionRef(NamedTuple):
    """A question located in its guide: `index` is its place in the flat order."""

    index: int
    section_index: int
    section: Section
    question: Question


class Guide(NamedTuple):
    name: str
    title: str
    goal: str
    sections: tuple[Section, ...]
    duration_minutes: int | None = None
    themes: tuple[str, ...] = ()
    silence: Silence = Silence()
    source: str = ""  # "bundled", "user" or "path": where discovery found it
    path: str = ""

    @property
    def questions(self) -> tuple[QuestionRef, ...]:
        """Every question in interview order, with its section."""
        refs: list[QuestionRef] = []
        for s_index, section in enumerate(self.sections):
            for question in section.questions:
                refs.append(QuestionRef(len(refs), s_index, section, question))
        return tuple(refs)

    @property
    def planned_minutes(self) -> int | None:
        """The planned length: the guide's duration, else the sum of section budgets."""
        if self.duration_minutes:
            return self.duration_minutes
        budgets = [s.minutes for s in self.sections if s.minutes]
        return sum(budgets) if budgets else None

    def to_dict(self) -> dict[str, Any]:
        """The snapshot stored with a session (JSON-ready)."""
        return {
            "name": self.name,
            "title": self.title,
            "goal": self.goal,
            "duration_minutes": self.duration_minutes,
            "themes": list(self.themes),
            "silence": {
                "hold_seconds": self.silence.hold_seconds,
                "prompt_seconds": self.silence.prompt_seconds,
            },
            "sections": [
                {
                    "title": s.title,
                    "minutes": s.minutes,
                    "questions": [
                        {"text": q.text, "probes": list(q.probes), "star": q.star}
                        for q in s.questions
                    ],
                }
                for s in self.sections
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Guide:
        """Rebuild a guide from a session's snapshot, checked by `tui.core.schema` (SchemaError)."""
        from tui.core.schema import guide_from_dict

        return guide_from_dict(data)


class GuideError(UsageError):
    """A guide that cannot be used; `problems` holds one ready-to-print line each.

    A `UsageError`, because fixing the file is the user's job: never a traceback.
    """

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


# --- loading and validation -------------------------------------------------
# Every problem in a file is collected, so one run shows all there is to fix.
# A line is known only for errors found before the TOML is parsed; after that
# a problem names its key path, e.g. `sections[2].questions[0].text`.

_GUIDE_KEYS = ("title", "goal", "duration_minutes", "themes", "silence", "sections")
_SILENCE_KEYS = ("hold_seconds", "prompt_seconds")
_SECTION_KEYS = ("title", "minutes", "questions")
_QUESTION_KEYS = ("text", "probes", "star")
# What a note's `#theme` can spell (see tui.core.session); a codebook theme
# that cannot be typed this way would never be tallied from notes.
_TYPABLE_THEME = re.compile(r"\w[\w-]*")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)$")
_TOML_KEY_TUPLE = re.compile(r"\(((?:'[^']*',?\s*)+)\)")  # ('a', 'b') in tomllib's messages


def parse_guide(
    data: bytes,
    filename: str,
    *,
    name: str | None = None,
    source: str = "path",
    path: str = "",
) -> Guide:
    """Build a guide from a file's bytes, or raise `GuideError` with every problem.

    `filename` only labels the messages; `name` defaults to its stem.
    """
    import tomllib  # only to read a guide: `interview list` and the index never need it

    text = _decode(data, filename)
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise GuideError([_syntax_problem(str(error), text, filename)]) from None
    except RecursionError:
        raise GuideError([f"{filename}: nested too deeply to be a guide"]) from None
    if not table:
        raise GuideError(
            [
                f"{filename}: the guide is empty; it needs a title, a goal and "
                "at least one [[sections]] with questions"
            ]
        )
    checker = _Checker(filename)
    guide = checker.guide(
        table,
        name=name if name is not None else Path(filename).stem,
        source=source,
        path=path,
    )
    if checker.problems:
        raise GuideError(checker.problems)
    return guide


def _decode(data: bytes, filename: str) -> str:
    if not data.strip():
        raise GuideError([f"{filename}: the file is empty"])
    if b"\x00" in data:
        raise GuideError([f"{filename}: looks like a binary file (it has NUL bytes), not a TOML guide"])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        raise GuideError(
            [f"{filename}:{line}: not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8"]
        ) from None


def _syntax_problem(message: str, text: str, filename: str) -> str:
    """tomllib's message, with its position turned into `FILE:LINE:`."""
    at = _TOML_POSITION.search(message)
    if at:
        reason, line, position = message[: at.start()], at[1], f" (column {at[2]})"
    else:
        reason = _TOML_AT_END.sub("", message)
        line, position = str(max(1, len(text.splitlines()))), " (at the end of the file)"
    reason = _TOML_KEY_TUPLE.sub(_as_toml_key, reason)
    if reason == "Cannot overwrite a value":
        reason += ", is a key set twice?"
    return f"{filename}:{line}: invalid TOML: {reason[:1].lower()}{reason[1:]}{position}"


def _as_toml_key(match: re.Match[str]) -> str:
    """`('sections', 'questions')` as the author wrote it: `[sections.questions]`."""
    return "[" + ".".join(re.findall(r"'([^']*)'", match[1])) + "]"


def _describe(value: Any) -> str:
    """A value as the guide's author wrote it: `integer 42`, `boolean true`..."""
    if isinstance(value, bool):
        return f"boolean {'true' if value else 'false'}"
    if isinstance(value, int):
        return f"integer {value}"
    if isinstance(value, float):
        return f"float {value}"
    if isinstance(value, str):
        return f"string {_quote(value)}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return "a date/time"


def _quote(text: str, limit: int = 40) -> str:
    import json  # only a guide with a mistake gets here: the live screen's first frame needs no json

    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return json.dumps(text, ensure_ascii=False)


def _number(value: float) -> str:
    return f"{value:g}"


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


class _Checker:
    """Reads a parsed guide table, noting each problem as one printable line.

    A part with a problem is left out (or given its default) and checking goes
    on, so the caller gets every problem; it must not use the guide if any.
    """

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        prefix = f"{self.filename}: {where}: " if where else f"{self.filename}: "
        self.problems.append(prefix + message)

    # --- the guide's parts ---------------------------------------------------
    def guide(self, table: dict[str, Any], *, name: str, source: str, path: str) -> Guide:
        self.known_keys(table, _GUIDE_KEYS, "")
        return Guide(
            name=name,
            title=self.text(table, "title", ""),
            goal=self.text(table, "goal", ""),
            duration_minutes=self.whole_minutes(table, "duration_minutes", ""),
            themes=self.themes(table.get("themes", [])),
            silence=self.silence(table.get("silence", {})),
            sections=self.sections(table),
            source=source,
            path=path,
        )

    def themes(self, value: Any) -> tuple[str, ...]:
        """Codebook themes, normalised as notes' `#themes` are, each once."""

        first_seen: dict[str, tuple[int, str]] = {}
        for index, raw in self.strings(value, "themes"):
            where = f"themes[{index}]"
            theme = normalize_theme(raw)
            if not theme:
                self.problem(where, f"{_quote(raw)} has no theme name in it")
            elif not _TYPABLE_THEME.fullmatch(theme):
                self.problem(
                    where,
                    f"{_quote(raw)} cannot be typed as a #theme in a note; "
                    "use letters, digits and dashes",
                )
            elif theme in first_seen:
                first, first_raw = first_seen[theme]
                self.problem(
                    where,
                    f"{_quote(raw)} is the same theme as themes[{first}] "
                    f"{_quote(first_raw)} (#{theme})",
                )
            else:
                first_seen[theme] = (index, raw)
        return tuple(first_seen)

    def silence(self, value: Any) -> Silence:
        if not isinstance(value, dict):
            self.problem("silence", f"must be a table ([silence]), not {_describe(value)}")
            return Silence()
        self.known_keys(value, _SILENCE_KEYS, "silence")
        hold = self.seconds(value, "hold_seconds", DEFAULT_HOLD_SECONDS)
        prompt = self.seconds(value, "prompt_seconds", DEFAULT_PROMPT_SECONDS)
        if hold >= prompt:
            default = "" if "prompt_seconds" in value else ", the default"
            self.problem(
                "silence",
                f"hold_seconds ({_number(hold)}) must be less than "
                f"prompt_seconds ({_number(prompt)}{default})",
            )
        return Silence(hold, prompt)

    def sections(self, table: dict[str, Any]) -> tuple[Section, ...]:
        sections: list[Section] = []
        first_with_title: dict[str, int] = {}
        for index, item in self.tables(table, "sections", "", "[[sections]]", "section"):
            where = f"sections[{index}]"
            self.known_keys(item, _SECTION_KEYS, where)
            title = self.text(item, "title", where)
            if title.casefold() in first_with_title:
                self.problem(
                    f"{where}.title",
                    f"{_quote(title)} is already the title of "
                    f"sections[{first_with_title[title.casefold()]}]; section titles must be unique",
                )
            elif title:
                first_with_title[title.casefold()] = index
            minutes = self.whole_minutes(item, "minutes", where)
            sections.append(Section(title, self.questions(item, where), minutes))
        return tuple(sections)

    def questions(self, section: dict[str, Any], where: str) -> tuple[Question, ...]:
        questions: list[Question] = []
        header = "[[sections.questions]]"
        for index, item in self.tables(section, "questions", where, header, "question"):
            at = f"{where}.questions[{index}]"
            self.known_keys(item, _QUESTION_KEYS, at)
            text = self.text(item, "text", at)
            probes = tuple(probe for _, probe in self.strings(item.get("probes", []), f"{at}.probes"))
            star = item.get("star", True)
            if not isinstance(star, bool):
                self.problem(f"{at}.star", f"must be true or false, not {_describe(star)}")
            questions.append(Question(text, probes, star is not False))
        return tuple(questions)

    # --- value rules ---------------------------------------------------------
    def known_keys(self, table: dict[str, Any], known: tuple[str, ...], where: str) -> None:
        """Unknown keys are errors: a typo like `questons` must not drop questions."""
        for key in table:
            if key in known:
                continue
            import difflib  # only for a typo

            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"expected {', '.join(known)}"
            self.problem(where, f"unknown key '{key}' ({hint})")

    def text(self, table: dict[str, Any], key: str, where: str) -> str:
        """A required, non-blank string, stripped ("" after a problem)."""
        at = _join(where, key)
        if key not in table:
            self.problem(at, "is required (a non-empty string)")
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.problem(at, f"must be a non-empty string, not {_describe(value)}")
            return ""
        if not value.strip():
            self.problem(at, "must be a non-empty string")
        return value.strip()

    def whole_minutes(self, table: dict[str, Any], key: str, where: str) -> int | None:
        """An optional whole number of minutes above zero."""
        value = table.get(key)
        at = _join(where, key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(at, f"must be a whole number of minutes, not {_describe(value)}")
            return None
        if value <= 0:
            self.problem(at, f"must be greater than 0, not {value}")
            return None
        return value

    def seconds(self, table: dict[str, Any], key: str, default: float) -> float:
        """An optional `[silence]` time in seconds, above zero (the default after a problem)."""
        value = table.get(key, default)
        at = f"silence.{key}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(at, f"must be a number of seconds, not {_describe(value)}")
            return default
        if not math.isfinite(value) or value <= 0:
            self.problem(at, f"must be greater than 0, not {_number(value)}")
            return default
        return float(value)

    def strings(self, value: Any, where: str) -> Iterator[tuple[int, str]]:
        """An optional array of non-blank strings: each one stripped, with its index."""
        if not isinstance(value, list):
            self.problem(where, f"must be an array of strings, not {_describe(value)}")
            return
        for index, item in enumerate(value):
            if not isinstance(item, str):
                self.problem(f"{where}[{index}]", f"must be a non-empty string, not {_describe(item)}")
            elif not item.strip():
                self.problem(f"{where}[{index}]", "must be a non-empty string")
            else:
                yield index, item.strip()

    def tables(
        self, table: dict[str, Any], key: str, where: str, header: str, noun: str
    ) -> list[tuple[int, dict[str, Any]]]:
        """A required, non-empty array of tables (`header`), with their indexes."""
        at = _join(where, key)
        if key not in table:
            self.problem(at, f"is required (at least one {header} table)")
            return []
        value = table[key]
        if isinstance(value, dict):
            self.problem(at, f"must be an array of tables: write {header} with double brackets")
            return []
        if not isinstance(value, list):
            self.problem(at, f"must be an array of tables ({header}), not {_describe(value)}")
            return []
        if not value:
            self.problem(at, f"must have at least one {noun}")
        items: list[tuple[int, dict[str, Any]]] = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                items.append((index, item))
            else:
                self.problem(f"{at}[{index}]", f"must be a table ({header}), not {_describe(item)}")
        return items
