"""Export formats as one registry each: a session's (tui.core.export) and the themes report's.

The CLI's `--format`, the export dialogs and the default file names all read a
registry, so a new format is one entry beside its renderer. A format is text
(copied, previewed, printed) or bytes (saved only: REFI-QDA is a zip).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

S = TypeVar("S")


@dataclass(frozen=True)
class ExportFormat(Generic[S]):
    name: str  # what `--format` takes: "md"
    label: str  # what the dialogs say: "Markdown"
    extension: str  # of the file it is saved as, without the dot
    render: Callable[[S], str | bytes]
    binary: bool = False  # bytes: saved, never copied, previewed or printed to a terminal

    def data(self, subject: S) -> bytes:
        """What a file of this format holds."""
        return as_bytes(self.render(subject))

    def text(self, subject: S) -> str:
        out = self.render(subject)
        if isinstance(out, bytes):
            raise ValueError(f"{self.label} is not text: save it to a file")
        return out


def as_bytes(output: str | bytes) -> bytes:
    """A rendered export as a file holds it: text in UTF-8."""
    return output if isinstance(output, bytes) else output.encode("utf-8")


def registry(formats: Iterable[ExportFormat[S]]) -> dict[str, ExportFormat[S]]:
    return {fmt.name: fmt for fmt in formats}


def pick(formats: dict[str, ExportFormat[S]], name: str) -> ExportFormat[S]:
    """The format called `name`; ValueError naming the choices otherwise."""
    try:
        return formats[name]
    except KeyError:
        raise ValueError(f"unknown export format {name!r}; choose one of: {', '.join(formats)}") from None
