"""In a follow-up interview: the pain points the participant described last time, with their verdicts."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from tui.core.session import VERDICT_WORDS
from tui.core.text import one_line

SHOWN = 3
VERDICT_MARKS = {
    "solved": ("✓", "$text-success"),
    "partly": ("◐", "$text-warning"),
    "not_solved": ("✗", "$text-error"),
    "not_discussed": ("–", "dim"),
    None: ("·", "dim"),
}


def verdict_mark(verdict: str | None) -> Content:
    """`✓ solved`, `◐ partly solved`, … : a symbol and the words, never colour alone."""
    mark, style = VERDICT_MARKS[verdict]
    return Content.styled(f"{mark} {VERDICT_WORDS[verdict]}", style)


class EarlierPains(Widget):
    DEFAULT_CSS = """
    EarlierPains { height: auto; display: none; }
    EarlierPains.-shown { display: block; }
    """

    pains: reactive[tuple[tuple[str, str | None, bool], ...]] = reactive((), layout=True)  # text, verdict, discussed
    when: reactive[str] = reactive("")
    key: reactive[str] = reactive("")
    compact: reactive[bool] = reactive(False, layout=True)

    def watch_pains(self, pains: tuple[tuple[str, str | None, bool], ...]) -> None:
        self.set_class(bool(pains), "-shown")

    def render(self) -> Content:
        marked = sum(1 for _, verdict, _ in self.pains if verdict is not None)
        key = f" · {self.key}" if self.key else ""
        discussed = next((text for text, _, on in self.pains if on), None)
        if self.compact:
            focus = Content.assemble(("  ▸ ", "bold"), one_line(discussed)) if discussed else Content("")
            line = Content.assemble(("↺ Last time: ", "bold"), f"{marked}/{len(self.pains)} marked", (key, "dim"), focus)
            return line.truncate(self.size.width, ellipsis=True) if self.size.width else line  # one line, always
        lines = [Content.assemble(("↺ Last time", "bold"), (f" {self.when} · {marked}/{len(self.pains)} marked{key}", "dim"))]
        shown = sorted(self.pains, key=lambda p: not p[2])[:SHOWN]  # the one discussed first
        for text, verdict, on in shown:
            lines.append(Content.assemble(("▸ " if on else "  ", "bold"), (VERDICT_MARKS[verdict][0] + " ", VERDICT_MARKS[verdict][1]), one_line(text)))
        more = len(self.pains) - len(shown)
        if more > 0:
            lines.append(Content.styled(f"  +{more} more", "dim"))
        return Content("\n").join(lines)
