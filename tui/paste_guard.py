"""A paste that holds an escape character arrives as one paste, its text in order.

Textual's parser (8.x) reads an ESC inside a bracketed paste as the start of a
key sequence: what follows it comes in as key presses, and the paste before it
only after them. A paste of `" We copy ESC[31mthis` was saved as the plain note
`^[31mthis" We copy`, a quote no more. Terminals differ: some strip ESC from
what they paste, tmux passes it on as it is.

Here every ESC between the start and the end of a paste becomes ␛, the sign
the app shows for it anyway (tui.core.text), before the parser sees it.
"""

from __future__ import annotations

import sys
from typing import Any

from textual._xterm_parser import XTermParser

ESC = "\x1b"
SHOWN_ESC = "\u241b"  # ␛, of the Control Pictures block
PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


def _partial_end(text: str, marker: str) -> int:
    """Where a start of `marker` cut off at the end of `text` begins (len(text) if none)."""
    for size in range(min(len(marker) - 1, len(text)), 0, -1):
        if marker.startswith(text[-size:]):
            return len(text) - size
    return len(text)


class PasteGuard:
    """Input text as read, chunk by chunk, with ESC shown as ␛ inside each bracketed paste.

    Outside a paste nothing is held back (a lone ESC is the Escape key); inside one,
    the last few characters wait for the next chunk when they may begin its end.
    """

    def __init__(self) -> None:
        self._in_paste = False
        self._held = ""  # inside a paste: what may be the start of its end marker
        self._tail = ""  # outside: the last characters passed on, for a start marker split between reads

    def __call__(self, data: str) -> str:
        out: list[str] = []
        data, self._held = self._held + data, ""
        at = 0
        while at < len(data):
            if not self._in_paste:
                seen = self._tail + data[at:]
                start = seen.find(PASTE_START)
                if start < 0:
                    out.append(data[at:])
                    self._tail = seen[-(len(PASTE_START) - 1) :]
                    break
                after = start + len(PASTE_START) - len(self._tail)  # in `data`, from `at`
                out.append(data[at : at + after])
                at += after
                self._in_paste, self._tail = True, ""
            else:
                end = data.find(PASTE_END, at)
                if end < 0:
                    keep = max(_partial_end(data, PASTE_END), at)
                    out.append(data[at:keep].replace(ESC, SHOWN_ESC))
                    self._held = data[keep:]
                    break
                out.append(data[at:end].replace(ESC, SHOWN_ESC) + PASTE_END)
                at = end + len(PASTE_END)
                self._in_paste = False
        return "".join(out)


class GuardedParser(XTermParser):
    """Textual's parser, fed through a PasteGuard."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._guard = PasteGuard()

    def feed(self, data: str):  # noqa: ANN201 - the parser's own iterable of events
        """As XTermParser's; an empty `data` is the end of input, so a chunk held back whole is not fed."""
        if not data:
            return super().feed(data)
        guarded = self._guard(data)
        return super().feed(guarded) if guarded else ()


def guard_pastes(driver_class: type) -> None:
    """Make the terminal driver `driver_class` parse its input with GuardedParser.

    The drivers build their parser from the name `XTermParser` in their module as
    their input thread starts; drivers that read no terminal (tests) have none.
    """
    module = sys.modules.get(driver_class.__module__)
    if module is not None and getattr(module, "XTermParser", None) is XTermParser:
        module.XTermParser = GuardedParser  # type: ignore[attr-defined]
