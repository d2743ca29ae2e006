"""In a follow-up interview: the pain points the participant described last time."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

SHOWN = 3


class EarlierPains(Widget):
    DEFAULT_CSS = """
    EarlierPains { height: auto; display: none; }
    EarlierPains.-shown { display: block; }
    """

    pains: reactive[tuple[str, ...]] = reactive((), layout=True)
    when: reactive[str] = reactive("")
    compact: reactive[bool] = reactive(False, layout=True)

    def watch_pains(self, pains: tuple[str, ...]) -> None:
        self.set_class(bool(pains), "-shown")

    def render(self) -> Content:
        more = len(self.pains) - (1 if self.compact else SHOWN)
        tail = (f" (+{more})" if more > 0 else "", "dim")
        if self.compact:
            return Content.assemble(("↺ Last time: ", "bold"), ("! ", "$text-error"), self.pains[0] if self.pains else "", tail)
        lines = [Content.assemble(("↺ Last time", "bold"), (f" {self.when}", "dim"))]
        lines += [Content.assemble(("! ", "$text-error"), pain) for pain in self.pains[:SHOWN]]
        if more > 0:
            lines.append(Content.styled(f"  +{more} more", "dim"))
        return Content("\n").join(lines)
