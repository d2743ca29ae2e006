"""The key a binding id has now, after the user's keymap, for hints in messages."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen


def key_for(screen: Screen, binding_id: str) -> str:
    """The key bound to `binding_id` on `screen`, as Textual displays it, or "" if none."""
    for active in screen.active_bindings.values():
        if active.binding.id == binding_id:
            return screen.app.get_key_display(active.binding)
    declared = next((b for b in getattr(screen, "BINDINGS", ()) if isinstance(b, Binding) and b.id == binding_id), None)
    return screen.app.get_key_display(declared) if declared else ""
