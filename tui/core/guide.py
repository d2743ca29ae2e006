"""Interview guide model and TOML loading.

A guide is a goal plus sections of open-ended questions with time budgets.
Sessions keep a snapshot of the guide as used (`Guide.to_dict`), so later
edits to a guide file never change an old session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_HOLD_SECONDS = 3.0
DEFAULT_PROMPT_SECONDS = 8.0


@dataclass(frozen=True)
class Question:
    text: str
    probes: tuple[str, ...] = ()
    star: bool = True


@dataclass(frozen=True)
class Section:
    title: str
    questions: tuple[Question, ...]
    minutes: int | None = None


@dataclass(frozen=True)
class Silence:
    hold_seconds: float = DEFAULT_HOLD_SECONDS
    prompt_seconds: float = DEFAULT_PROMPT_SECONDS


@dataclass(frozen=True)
class QuestionRef:
    """A question located in its guide: `index` is its place in the flat order."""

    index: int
    section_index: int
    section: Section
    question: Question


@dataclass(frozen=True)
class Guide:
    name: str
    title: str
    goal: str
    sections: tuple[Section, ...]
    duration_minutes: int | None = None
    themes: tuple[str, ...] = ()
    silence: Silence = field(default_factory=Silence)
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
        """Rebuild a guide from a session's snapshot (trusted: written by `to_dict`)."""
        silence = data.get("silence") or {}
        return cls(
            name=data.get("name", ""),
            title=data.get("title", ""),
            goal=data.get("goal", ""),
            duration_minutes=data.get("duration_minutes"),
            themes=tuple(data.get("themes", ())),
            silence=Silence(
                float(silence.get("hold_seconds", DEFAULT_HOLD_SECONDS)),
                float(silence.get("prompt_seconds", DEFAULT_PROMPT_SECONDS)),
            ),
            sections=tuple(
                Section(
                    title=s["title"],
                    minutes=s.get("minutes"),
                    questions=tuple(
                        Question(q["text"], tuple(q.get("probes", ())), bool(q.get("star", True)))
                        for q in s["questions"]
                    ),
                )
                for s in data.get("sections", ())
            ),
        )


class GuideError(Exception):
    """A guide that cannot be used; `problems` holds one ready-to-print line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


# --- loading and validation -------------------------------------------------
# TODO(helper): parse_guide(data: bytes, filename: str, *, name: str | None = None,
#   source: str = "path") -> Guide and load_guide(path, *, source="path") -> Guide.
