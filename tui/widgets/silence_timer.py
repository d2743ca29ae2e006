"""How long the participant has been quiet, so the interviewer holds the pause.

Stages change words and symbols, not only colour: quiet, keep holding, ask.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from tui.core.clock import HOLD, PROMPT, silence_stage
from tui.core.text import one_line

REFRESH_SECONDS = 0.25


class SilenceTimer(Widget):
    DEFAULT_CSS = """
    SilenceTimer { height: auto; }
    SilenceTimer.-hold { color: $text-warning; }
    SilenceTimer.-prompt { color: $text-accent; text-style: bold; }
    """

    since: reactive[float | None] = reactive(None)
    hold: reactive[float] = reactive(3.0)
    prompt: reactive[float] = reactive(8.0)
    hint: reactive[str] = reactive("")
    key: reactive[str] = reactive("")
    compact: reactive[bool] = reactive(False, layout=True)

    def __init__(self, now: Callable[[], float], **kwargs) -> None:
        super().__init__(**kwargs)
        self._now = now
        self._stage: str | None = None

    def on_mount(self) -> None:
        self.set_interval(REFRESH_SECONDS, self.tick)

    def tick(self) -> None:
        """Redraw from the clock now: the interval calls it, and so can a test that moved a fake clock."""
        stage = self.stage()
        self.set_class(stage == HOLD, "-hold")
        self.set_class(stage == PROMPT, "-prompt")
        if stage != self._stage:
            self._stage = stage
            self.refresh(layout=True)  # each stage says more, so it may need more lines
        elif self.since is not None:
            self.refresh()

    def watch_since(self) -> None:
        self.tick()

    def stage(self) -> str | None:
        if self.since is None:
            return None
        return silence_stage(self._now() - self.since, self.hold, self.prompt)

    def render(self) -> Content:
        stage = self.stage()
        if self.since is None:
            return Content.assemble(("◌ Silence off", "dim"), (f" · {self.key} starts" if self.key else "", "dim"))
        seconds = int(self._now() - self.since)
        if stage == PROMPT:
            text = Content.assemble(f"➜ Silence {seconds}s · ask: ", one_line(self.hint))
        elif stage == HOLD:
            text = Content(f"⏸ Silence {seconds}s · keep holding…")
        else:
            text = Content(f"◦ Silence {seconds}s")
        return text
