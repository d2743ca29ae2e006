"""Elapsed time against the plan, and the current section against its budget."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from tui.core.session import format_elapsed

REFRESH_SECONDS = 1.0


class PaceClock(Widget):
    DEFAULT_CSS = """
    PaceClock { height: 1; width: auto; }
    PaceClock.-over { color: $text-error; text-style: bold; }
    """

    planned: reactive[float | None] = reactive(None)
    section_budget: reactive[float | None] = reactive(None)
    section_base: reactive[float] = reactive(0.0)
    entered_at: reactive[float] = reactive(0.0)

    def __init__(self, now: Callable[[], float], **kwargs) -> None:
        super().__init__(**kwargs)
        self._now = now

    def on_mount(self) -> None:
        self.set_interval(REFRESH_SECONDS, self.tick)
        self.tick()

    def _state(self) -> tuple[float, float, bool, bool]:
        now = self._now()
        section = self.section_base + now - self.entered_at
        over_total = self.planned is not None and now > self.planned
        over_section = self.section_budget is not None and section > self.section_budget
        return now, section, over_total, over_section

    def tick(self) -> None:
        """Redraw from the clock now: the interval calls it, and so can a test that moved a fake clock."""
        *_, over_total, over_section = self._state()
        self.set_class(over_total or over_section, "-over")
        self.refresh()

    def render(self) -> Content:
        now, section, over_total, over_section = self._state()
        total = format_elapsed(now) + (f"/{format_elapsed(self.planned)}" if self.planned else "")
        parts = [("⚠ " if over_total else "⏱ ") + total]
        if self.section_budget is not None:
            parts.append(("⚠ " if over_section else "") + f"§ {format_elapsed(section)}/{format_elapsed(self.section_budget)}")
        if over_total or over_section:
            parts.append("over")
        return Content(" · ".join(parts))
