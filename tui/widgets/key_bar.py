"""A one-line footer of the screen's keys, drawn as a single widget, that also says what just happened.

Textual's Footer is a widget per key, and the Input re-lays out the screen on
every keystroke, so on the live screen it was most of the cost of a key
(see tests/benchmarks/bench_typing.py). It also composes its keys only a
refresh or two after the screen's first frame; this bar draws them in it.
It shows the same bindings, laid out as the Footer does: the keys from the
left, the command palette's at the right edge when there is room for it.

On the live screen Textual's toasts would sit over the notes, the themes or
the question, so messages show here instead, in place of the keys, for as
long as they last. The symbol says how serious it is, not only the colour.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget

SEVERITY_MARKS = {"information": ("✓ ", "$text-success"), "warning": ("⚠ ", "$text-warning"), "error": ("✗ ", "$text-error")}


class Notice(Message, bubble=False):
    """A notification for a screen that shows messages in its own KeyBar (the App posts it).

    Written out, not a dataclass: Python compiles a dataclass's methods as its class is made."""

    def __init__(self, text: Content, severity: str, timeout: float) -> None:
        super().__init__()
        self.text = text
        self.severity = severity
        self.timeout = timeout

    @classmethod
    def of(cls, message: str, *, title: str, severity: str, timeout: float, markup: bool) -> Notice:
        """A notification's arguments as a Notice: user text is never markup unless the caller says so."""
        text = Content.from_markup(message) if markup else Content(message)
        if title:
            text = Content.assemble((f"{title}: ", "bold"), text)
        return cls(text, severity, timeout)


class _Message(NamedTuple):
    text: Content
    severity: str
    timeout: float


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom; height: 1; width: 1fr;
        background: $footer-background; color: $footer-description-foreground;
    }
    KeyBar.-message { height: auto; max-height: 3; padding: 0 1; background: $boost; color: $foreground; text-style: bold; }
    """

    shown: reactive[_Message | None] = reactive(None)

    def __init__(self, *, compact: bool = False, **kwargs) -> None:
        """`compact`: one space between a key and what it does, as Textual's `Footer(compact=True)`."""
        super().__init__(**kwargs)
        self.compact = compact
        self._waiting: list[_Message] = []  # warnings and errors a newer message pushed back
        self._timer: Timer | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()

    # --- messages ------------------------------------------------------------------
    def say(self, text: Content, severity: str = "information", timeout: float = 5.0) -> None:
        """Show `text` now, for `timeout` seconds; a warning or error it replaces comes back after it."""
        current = self.shown
        if current is not None and current.severity != "information":
            self._waiting.insert(0, current)
        self._show(_Message(text, severity, timeout))

    @property
    def message_text(self) -> str:
        """The message shown now, as plain text ("" when the keys show)."""
        return self.shown.text.plain if self.shown is not None else ""

    def _show(self, message: _Message | None) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.shown = message
        self.set_class(message is not None, "-message")  # a long message may take up to three lines
        self.refresh(layout=True)
        if message is not None:
            self._timer = self.set_timer(message.timeout, self._expired)

    def _expired(self) -> None:
        self._show(self._waiting.pop(0) if self._waiting else None)

    # --- drawing -------------------------------------------------------------------
    def render(self) -> Content:
        if self.shown is not None:
            mark, style = SEVERITY_MARKS.get(self.shown.severity, SEVERITY_MARKS["information"])
            return Content.assemble((mark, f"bold {style}"), self.shown.text)
        parts: list[Content] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            parts.append(
                Content.assemble(
                    (key if self.compact else f" {key} ", "bold $footer-key-foreground"),
                    " " + binding.description if self.compact else binding.description,
                    " ",
                )
            )
        keys = Content.assemble(*parts)
        palette = Content.assemble(
            ("▏", "$foreground 20%"),
            (self.app.COMMAND_PALETTE_BINDING.replace("ctrl+", "^"), "bold $footer-key-foreground"),
            " palette ",
        )
        room = self.size.width - keys.cell_length - palette.cell_length
        return keys if room < 0 else Content.assemble(keys, " " * room, palette)
