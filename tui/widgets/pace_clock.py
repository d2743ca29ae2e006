"""Elapsed time against the plan, and the current section against its budget."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from tui.core.durations import format_elapsed

REFRESH_SECONDS = 1.0


class PaceClock(Widget):
    """`⏱ 12:10/45:00 · § 03:10/05:00`; over time it says by how much and for what, and marks
    only that part: `⏱ 12:10/45:00 · ⚠ § +01:08 over`, `⏱ 47:10 · ⚠ +02:10 over · § …`."""

    DEFAULT_CSS = """
    PaceClock { height: 1; width: auto; }
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

    def tick(self) -> None:
        """Redraw from the clock now: the interval calls it, and so can a test that moved a fake clock."""
        self.refresh(layout=True)  # "over" is wider than the budget it replaces

    def render(self) -> Content:
        now = self._now()
        parts = [_part("⏱ ", now, self.planned, over_words="")]
        if self.section_budget is not None:
            section = self.section_base + now - self.entered_at
            parts.append(_part("§ ", section, self.section_budget, over_words="§ "))
        return Content(" · ").join(parts)


def _part(symbol: str, spent: float, budget: float | None, *, over_words: str) -> Content:
    if budget is None or spent <= budget:
        return Content(symbol + format_elapsed(spent) + (f"/{format_elapsed(budget)}" if budget else ""))
    over = Content.styled(f"⚠ {over_words}+{format_elapsed(spent - budget)} over", "bold $text-error")
    if over_words:  # the section: how much over says it all
        return over
    return Content.assemble(f"{symbol}{format_elapsed(spent)} · ", over)
