"""STAR coverage of the current answer and the prompt for the next missing part."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from tui.core.session import STAR_ELEMENTS, STAR_PROMPTS

COVERED, MISSING = "✓", "·"


class StarPanel(Widget):
    DEFAULT_CSS = """
    StarPanel { height: auto; }
    """

    coverage: reactive[tuple[bool, ...]] = reactive((False,) * 4)
    enabled: reactive[bool] = reactive(True)
    compact: reactive[bool] = reactive(False, layout=True)

    def render(self) -> Content:
        if not self.enabled:
            return Content.styled("STAR off for this question", "dim")
        marks = [
            Content.assemble(
                (element[0].upper(), "bold"),
                (COVERED, "$text-success") if covered else (MISSING, "dim"),
            )
            for element, covered in zip(STAR_ELEMENTS, self.coverage)
        ]
        missing = next((e for e, c in zip(STAR_ELEMENTS, self.coverage) if not c), None)
        next_line = (
            Content.assemble(("→ ", "dim"), STAR_PROMPTS[missing])
            if missing
            else Content.styled("✓ whole story", "$text-success")
        )
        head = Content.assemble(("STAR ", "bold"), Content(" ").join(marks))
        if self.compact:
            return Content.assemble(head, "  ", next_line)
        return Content("\n").join([head, next_line])
