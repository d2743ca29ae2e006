"""A bar at the foot of the screen while the index reads many session files (a rebuild, a large sync).

The screen stays live meanwhile: the reading runs in a worker, and each
screen's lists arrive when it is done. Attributes down: the App calls `show`.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import ProgressBar, Static


class RebuildProgress(Horizontal):
    DEFAULT_CSS = """
    RebuildProgress { dock: bottom; height: 1; background: $boost; padding: 0 1; layer: overlay; }
    RebuildProgress > Static { width: auto; color: $text-muted; }
    RebuildProgress > ProgressBar { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Content("Indexing sessions "))
        yield ProgressBar(show_eta=False, id="rebuild-bar")

    def show(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=total, progress=done)
