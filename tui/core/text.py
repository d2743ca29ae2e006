"""Text from a file made safe to put on a terminal.

Sessions, guides and configs come from teammates' laptops and imports. A
participant name holding `ESC ] 52 ; …` would set the clipboard, `ESC [ 2 J`
clear the screen, a newline forge a row of a table. Everything such text
goes through on its way to a terminal (the CLI's output, the TUI's widgets)
passes `visible` first. Files written for other programs (exports) keep the
text exact.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls; and the line and paragraph separators.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_LINE_BREAK = re.compile(r"\r\n|[\n\t\u2028\u2029]")
# Runs of the characters either function may change: text around them is left as it is, so a
# caller holding styled text (tui/widgets/safe.py) can change these runs alone and keep its styles.
CHANGED_RUNS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _picture(match: re.Match[str]) -> str:
    """A control character as a visible sign: `␛` for ESC, `␇` for BEL, `\\x9b` for C1."""
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block
    if code == 0x7F:
        return "\u2421"
    if code in (0x2028, 0x2029):
        return " "
    return f"\\x{code:02x}"


def visible(text: str) -> str:
    """`text` with every control character but tab and newline shown as a sign instead."""
    return text if text.isprintable() else _CONTROL.sub(_picture, text)


def one_line(text: str) -> str:
    """`visible`, with line breaks and tabs as spaces: for a table cell or a list row."""
    return text if text.isprintable() else visible(_LINE_BREAK.sub(" ", text))
