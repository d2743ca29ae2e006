"""The current question, large, with its section, progress and probes."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from tui.core.guide import QuestionRef
from tui.core.text import one_line


class QuestionCard(Widget):
    DEFAULT_CSS = """
    QuestionCard { height: auto; padding: 0 1; }
    """

    ref: reactive[QuestionRef | None] = reactive(None, layout=True)
    total: reactive[int] = reactive(0)
    compact: reactive[bool] = reactive(False, layout=True)

    def render(self) -> Content:
        ref = self.ref
        if ref is None:
            return Content("")
        lines = [
            Content.assemble(
                (one_line(ref.section.title), "bold"),
                (f" · Q {ref.index + 1}/{self.total}", "dim"),
            ),
            Content.styled(one_line(ref.question.text), "bold $text-accent"),
        ]
        probes = ref.question.probes
        if probes and self.compact:
            more = f"  (+{len(probes) - 1})" if len(probes) > 1 else ""
            lines.append(Content.assemble(("↳ ", "dim"), one_line(probes[0]), (more, "dim")))
        else:
            lines.extend(Content.assemble(("↳ ", "dim"), one_line(probe)) for probe in probes)
        return Content("\n").join(lines)
