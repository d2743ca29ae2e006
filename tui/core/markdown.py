"""Markdown that renders the same on GitHub, Notion and Obsidian: the one escaper, headings and tables.

User text is made literal, on one line: a backslash goes before
`` \\ ` * [ ] < ~ | $ ``, before `_` unless it sits inside a word, inside `==`
and `%%` (Obsidian highlight and comment), before `&` that would start an
entity, and before a leading `>`, `-`, `+`, `=`, `# ` heading or `1.` list
marker. `#themes` are left as typed, so Obsidian shows them as tags and GitHub
and Notion as plain words. No raw HTML is ever written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_PUNCTUATION = re.compile(r"[\\`*\[\]<~|$]")
_LONE_UNDERSCORE = re.compile(r"(?<!\w)_|_(?!\w)")
_DOUBLED = re.compile(r"([=%])(?=\1)")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_BLOCK_MARK = re.compile(r"^(?:[>+\-=]|#{1,6}(?=\s|$))")
_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_CLOSING_HASHES = re.compile(r"(\s)(#+)$")


def escape(text: str) -> str:
    """User text made literal for Markdown, on one line; `#themes` stay as typed."""
    text = _PUNCTUATION.sub(r"\\\g<0>", " ".join(text.split()))
    text = _LONE_UNDERSCORE.sub(r"\\_", text)
    text = _DOUBLED.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _BLOCK_MARK.sub(r"\\\g<0>", text)
    return _LIST_NUMBER.sub(r"\1\\\2", text)


def heading(level: int, text: str) -> str:
    """`## text`, escaped; trailing `#`s stay part of the text instead of closing the heading."""
    return "#" * level + " " + _CLOSING_HASHES.sub(r"\1\\\2", escape(text))


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A pipe table, every cell escaped."""
    lines = [_row(header), "| " + " | ".join("---" for _ in header) + " |"]
    return "\n".join(lines + [_row(row) for row in rows])


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(escape(cell) for cell in cells) + " |"
