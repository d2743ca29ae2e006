"""The key a binding id has now, after the user's keymap: for hints in messages, and the command palette."""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen


def key_for(screen: Screen, binding_id: str) -> str:
    """The key bound to `binding_id` on `screen`, as Textual displays it, or "" if none."""
    for active in screen.active_bindings.values():
        if active.binding.id == binding_id:
            return screen.app.get_key_display(active.binding)
    declared = next((b for b in getattr(screen, "BINDINGS", ()) if isinstance(b, Binding) and b.id == binding_id), None)
    return screen.app.get_key_display(declared) if declared else ""


def screen_commands(screen: Screen) -> Iterator[SystemCommand]:
    """Every action the screen binds with an id, so the palette offers it too (keys as remapped)."""
    prefix = getattr(screen, "COMMAND_PREFIX", "")
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if (
            active.node is not screen
            or not binding.id  # Textual's own screen keys (focus next, copy) have none
            or not binding.description
            or binding.action in seen
            or binding.action.startswith("app.")
            or screen.check_action(binding.action, ()) is not True
        ):
            continue
        seen.add(binding.action)
        name = binding.tooltip or binding.description
        yield SystemCommand(
            f"{prefix}: {name}" if prefix else name,
            f"key {screen.app.get_key_display(binding)}",
            lambda action=binding.action: screen.call_later(screen.run_action, action),
        )
