"""Export formats, one registry each: a session's and the themes report's.

The CLI's `--format`, the export dialogs, their default file names and the
renderers' `render(..., fmt)` all read these, so a new format is one row here
beside its renderer. A row names its renderer (`module:function`), imported on
first use: listing the formats (`interview --help`, at every start of the CLI)
costs nothing. A format is text (copied, previewed, printed) or bytes (saved
only: REFI-QDA is a zip).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ExportFormat:
    name: str  # what `--format` takes: "md"
    label: str  # what the dialogs say: "Markdown"
    extension: str  # of the file it is saved as, without the dot
    renderer: str  # "module:function" taking the session (or the report), returning str or bytes
    binary: bool = False  # bytes: saved, never copied, previewed or printed to a terminal

    def render(self, subject: Any) -> str | bytes:
        module, _, function = self.renderer.partition(":")
        return getattr(importlib.import_module(module), function)(subject)

    def data(self, subject: Any) -> bytes:
        """What a file of this format holds."""
        return as_bytes(self.render(subject))

    def text(self, subject: Any) -> str:
        out = self.render(subject)
        if isinstance(out, bytes):
            raise ValueError(f"{self.label} is not text: save it to a file")
        return out


def as_bytes(output: str | bytes) -> bytes:
    """A rendered export as a file holds it: text in UTF-8."""
    return output if isinstance(output, bytes) else output.encode("utf-8")


def registry(*formats: ExportFormat) -> dict[str, ExportFormat]:
    return {fmt.name: fmt for fmt in formats}


def pick(formats: dict[str, ExportFormat], name: str) -> ExportFormat:
    """The format called `name`; ValueError naming the choices otherwise."""
    try:
        return formats[name]
    except KeyError:
        raise ValueError(f"unknown export format {name!r}; choose one of: {', '.join(formats)}") from None


# One session (tui/core/export.py): `interview export`, the review's and the history's export dialog.
SESSION_FORMATS = registry(
    ExportFormat("md", "Markdown", "md", "tui.core.export:as_markdown"),
    ExportFormat("txt", "Text", "txt", "tui.core.export:as_text"),
    ExportFormat("json", "JSON", "json", "tui.core.export:as_json"),
    ExportFormat("csv", "CSV", "csv", "tui.core.export_csv:as_csv"),
)

# The themes report (tui/core/themes_report.py): `interview themes`, the Themes screen's export.
THEME_FORMATS = registry(
    ExportFormat("md", "Markdown", "md", "tui.core.themes_report:render_markdown"),
    ExportFormat("csv", "CSV", "csv", "tui.core.themes_report:render_csv"),
    ExportFormat("json", "JSON", "json", "tui.core.themes_report:render_json"),
)
