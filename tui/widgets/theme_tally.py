"""Live theme counts, most mentioned first, with the key that bumps each codebook theme."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

BAR_CELLS = 6


class ThemeTally(Widget):
    DEFAULT_CSS = """
    ThemeTally { height: auto; }
    """

    counts: reactive[dict[str, int]] = reactive(dict, always_update=True, layout=True)
    keys: reactive[dict[str, str]] = reactive(dict, layout=True)  # theme -> key label
    past: reactive[dict[str, int]] = reactive(dict)  # theme -> other sessions mentioning it
    compact: reactive[bool] = reactive(False, layout=True)

    def ranked(self) -> list[tuple[str, int]]:
        """Every mentioned or codebook theme, by count, then codebook order, then name."""
        order = {theme: i for i, theme in enumerate(self.keys)}
        themes = set(self.counts) | set(self.keys)
        return sorted(
            ((t, self.counts.get(t, 0)) for t in themes),
            key=lambda item: (-item[1], order.get(item[0], len(order)), item[0]),
        )

    def render(self) -> Content:
        ranked = self.ranked()
        if self.compact:
            mentioned = [f"{t} {n}" for t, n in ranked if n][:4]
            body = " · ".join(mentioned) if mentioned else "none yet"
            return Content.assemble(("Themes ", "bold"), body)
        if not ranked:
            return Content.assemble(("Themes", "bold"), ("\n#tag a note to start", "dim"))
        top = max((n for _, n in ranked), default=0) or 1
        room = max(1, self.size.height - 1) if self.size.height else len(ranked)  # rows below the title
        shown = ranked if len(ranked) <= room else ranked[: room - 1]
        lines = [Content.styled("Themes", "bold")]
        for theme, count in shown:
            key = self.keys.get(theme, "")
            cells = round(BAR_CELLS * count / top) if count else 0
            past = self.past.get(theme, 0)
            lines.append(
                Content.assemble(
                    (f"{key:>5} " if key else "      ", "dim"),
                    theme,
                    " ",
                    ("█" * cells, "$text-accent"),
                    (f" {count}", "bold") if count else (" 0", "dim"),
                    (f" ·{past} past" if past else "", "dim"),
                )
            )
        hidden = ranked[len(shown):]
        if hidden:  # keep every bump key discoverable, if only in brief
            brief = " · ".join(f"{self.keys[t]} {t}" if t in self.keys else t for t, _ in hidden)
            lines.append(Content.styled(f"  +{len(hidden)}: {brief}", "dim"))
        return Content("\n").join(lines)
