"""The key a binding id has now, after the user's keymap: for hints in messages, and the command palette."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen


def key_for(screen: Screen, binding_id: str) -> str:
    """The key bound to `binding_id` on `screen`, as Textual displays it, or "" if none."""
    return keys_for(screen, (binding_id,))[binding_id]


def keys_for(screen: Screen, binding_ids: Iterable[str]) -> dict[str, str]:
    """`key_for` of each id, the screen's bindings gathered once (Textual rebuilds them at each ask)."""
    wanted = set(binding_ids)
    keys: dict[str, str] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.id in wanted and binding.id not in keys:
            keys[binding.id] = screen.app.get_key_display(binding)
    for binding in getattr(screen, "BINDINGS", ()):
        if isinstance(binding, Binding) and binding.id in wanted and binding.id not in keys:
            keys[binding.id] = screen.app.get_key_display(binding)
    return {binding_id: keys.get(binding_id, "") for binding_id in wanted}


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
