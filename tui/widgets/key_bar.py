"""A one-line footer of the screen's keys, drawn as a single widget.

Textual's Footer is a widget per key, and the Input re-lays out the screen on
every keystroke, so on the live screen it was most of the cost of a key
(see tests/benchmarks/bench_typing.py). This bar shows the same bindings.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom; height: 1; width: 1fr;
        background: $footer-background; color: $footer-description-foreground;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()

    def render(self) -> Content:
        parts: list[Content] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            parts.append(
                Content.assemble(
                    (f" {self.app.get_key_display(binding)} ", "bold $footer-key-foreground"),
                    binding.description,
                    " ",
                )
            )
        palette = self.app.COMMAND_PALETTE_BINDING.replace("ctrl+", "^")
        return Content.assemble(*parts, (f" {palette} ", "bold $footer-key-foreground"), "palette")
