"""The key bar lays out a screen's keys as Textual's Footer does, in the screen's first frame."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from tui.widgets.key_bar import KeyBar


class Keys(Screen[None]):
    BINDINGS = [Binding("a", "alpha", "Alpha"), Binding("b", "beta", "Beta"), Binding("c", "gamma", "Hidden", show=False)]

    def __init__(self, compact: bool) -> None:
        super().__init__()
        self.compact = compact

    def compose(self) -> ComposeResult:
        yield KeyBar(compact=self.compact)


class KeysApp(App[None]):
    def __init__(self, compact: bool = False) -> None:
        super().__init__()
        self.compact = compact

    def on_mount(self) -> None:
        self.push_screen(Keys(self.compact))


async def bar_text(width: int, *, compact: bool = False) -> str:
    app = KeysApp(compact)
    async with app.run_test(size=(width, 5)) as pilot:
        await pilot.pause()
        return app.screen.query_one(KeyBar).render().plain


@pytest.mark.parametrize("compact, keys", [(False, " a Alpha  b Beta "), (True, "a Alpha b Beta ")])
async def test_the_keys_from_the_left_and_the_palette_at_the_right_edge(compact, keys):
    text = await bar_text(60, compact=compact)
    assert text.startswith(keys) and text.endswith("▏^p palette ") and len(text) == 60
    assert "Hidden" not in text


async def test_without_room_for_the_palette_the_keys_keep_the_bar():
    assert await bar_text(24) == " a Alpha  b Beta "
