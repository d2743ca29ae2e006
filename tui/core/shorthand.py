"""Note shorthand: what a typed line means, and a note written back as typed.

A note's leading marks set its kind (the marks of `tui.core.kinds`) and `*`
stars it; they may be combined (`*!`). `S:`/`T:`/`A:`/`R:` after them marks
the STAR element. `#word` or `#multi-word` anywhere adds a theme. The marks are
removed from the text; the `#themes` stay, because they read as part of the
sentence.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tui.core.kinds import BY_MARK, KINDS, NOTE, QUOTE, kind_of
from tui.core.themes import normalize_theme

STAR_MARKER = "*"
# The line under the live note field and in the note editor, before anything is typed.
SHORTHAND_HINT = "  ".join(
    [*(f"{kind.mark} {kind.hint}" for kind in KINDS if kind.mark), f"{STAR_MARKER} star", "S: T: A: R:", "#theme"]
)

_THEME = re.compile(r"(?<![\w#])#([\w][\w-]*)", re.UNICODE)
_STAR_PREFIX = re.compile(r"^([STARstar]):\s*")
_CLOSING_QUOTE = re.compile(r'"((?:\s*#[\w-]+)*\s*)$')


class Shorthand(NamedTuple):
    """What a typed note means once its shorthand is read."""

    kind: str
    text: str
    themes: tuple[str, ...]
    star: str | None  # "S", "T", "A", "R" or None
    starred: bool


def parse_shorthand(raw: str) -> Shorthand:
    """Read a note's shorthand (see the module's docstring)."""
    text = raw.strip()
    kind = NOTE
    starred = False
    while text:
        head = text[0]
        if head == STAR_MARKER and not starred:
            starred = True
        elif head in BY_MARK and kind == NOTE:
            kind = BY_MARK[head].name
        else:
            break
        text = text[1:].lstrip()
    star = None
    match = _STAR_PREFIX.match(text)
    if match:
        star = match.group(1).upper()
        text = text[match.end():]
    if kind == QUOTE:
        text = _CLOSING_QUOTE.sub(r"\1", text).rstrip()
    themes: list[str] = []
    for found in _THEME.findall(text):
        theme = normalize_theme(found)
        if theme and theme not in themes:
            themes.append(theme)
    return Shorthand(kind, text, tuple(themes), star, starred)


def as_typed(kind: str, text: str, star: str | None, starred: bool) -> str:
    """A note written back in shorthand, for editing: parses to the same note."""
    prefix = (STAR_MARKER if starred else "") + kind_of(kind).mark
    element = f"{star}: " if star else ""
    return f"{prefix} {element}{text}" if prefix else f"{element}{text}"


def typed_lines(raw: str) -> str:
    """A note as typed or pasted: each line trimmed, blank lines dropped, the lines kept."""
    return "\n".join(line.strip() for line in raw.splitlines() if line.strip())
