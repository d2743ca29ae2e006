"""Review of one session (placeholder until the review screen lands)."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer, Static


class ReviewScreen(Screen[None]):
    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id

    def compose(self):
        yield Static(f"Session {self.session_id[:8]} saved.", markup=False)
        yield Footer()
