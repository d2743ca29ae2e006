"""A user's keymap checked against the bindings every screen declares: only when there is one.

Unknown ids, keys holding control characters and clashes with another binding
of the same screen are dropped, each with one line saying why (tui.config reads the file).
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import re
from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from tui.core.text import one_line


@dataclass(frozen=True)
class Declared:
    """One binding as a screen (or the app, on every screen) declares it, keys normalized."""

    scope: str  # where it acts, in words: "live screen", "wrap up"
    binding_id: str | None  # None: not remappable (ctrl+q, ctrl+p, Textual's own)
    keys: tuple[str, ...]
    shown: str  # its keys as the screen shows them: "F2", "^b"
    description: str


def check_keymap(keymap: dict[str, str], declared: list[Declared]) -> tuple[dict[str, str], list[str]]:
    """The keymap without its mistakes, and one line per mistake, naming the id and the key.

    An unknown id is dropped (Textual would ignore it silently). So is a key holding
    control characters: key names are shown in footers and hints, on the terminal.
    A key that would also be another binding's on the same screen is a clash: the
    user's entry is dropped, so neither binding is lost and the one remapped keeps its own key.
    """
    known = {d.binding_id for d in declared if d.binding_id}
    problems: list[str] = []
    usable: dict[str, str] = {}
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            close = difflib.get_close_matches(binding_id, sorted(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(f"keymap: unknown binding id {binding_id!r}{hint}; {keys!r} is not bound.")
        elif one_line(keys) != keys:
            problems.append(f"keymap: {binding_id} = {keys!r} is not a key (it holds control characters); it keeps its own.")
        else:
            usable[binding_id] = keys
    while True:
        clash = _first_clash(usable, declared)
        if clash is None:
            return usable, problems
        mine, other, key = clash
        del usable[mine.binding_id]  # type: ignore[arg-type]
        theirs = f"{other.description} ({other.binding_id})" if other.binding_id else other.description
        problems.append(
            f"keymap: {mine.binding_id} = {key!r} is taken by {theirs} on the {mine.scope}; it stays {mine.shown}."
        )


def _first_clash(keymap: dict[str, str], declared: list[Declared]) -> tuple[Declared, Declared, str] | None:
    """A binding the user remapped onto a key another binding of the same scope has."""
    by_scope: dict[str, list[Declared]] = {}
    for d in declared:
        by_scope.setdefault(d.scope, []).append(d)
    for bindings in by_scope.values():
        effective = [(d, tuple(keymap[d.binding_id].split(",")) if d.binding_id in keymap else d.keys) for d in bindings]
        for d, keys in effective:
            if d.binding_id not in keymap:
                continue
            for other, other_keys in effective:
                if other.binding_id == d.binding_id:
                    continue
                shared = [k for k in keys if k in other_keys]
                if shared:
                    return d, other, shared[0]
    return None


def declared_bindings(app: App) -> list[Declared]:
    """Every binding of every screen and dialog, with the app's own on each: what a keymap is checked against.

    Imports every screen module, so it runs only when the user has a keymap."""
    import tui.screens

    def bindings(cls: type) -> list[Binding]:
        found: list[Binding] = []
        for base in reversed(cls.__mro__):
            found += [b for b in Binding.make_bindings(base.__dict__.get("BINDINGS", ())) if isinstance(b, Binding)]
        return found

    def declared(scope: str, binding: Binding) -> Declared:
        keys = tuple(App._normalize_keymap({"": binding.key})[""].split(","))
        shown = ",".join(app.get_key_display(b) for b in Binding.make_bindings([binding]))
        return Declared(scope, binding.id, keys, shown, binding.description or binding.action)

    app_bindings = [*bindings(type(app)), Binding(App.COMMAND_PALETTE_BINDING, "command_palette", "the command palette")]
    result: list[Declared] = []
    for module_info in pkgutil.iter_modules(tui.screens.__path__):
        module = importlib.import_module(f"tui.screens.{module_info.name}")
        for cls in vars(module).values():
            if isinstance(cls, type) and issubclass(cls, Screen) and cls.__module__ == module.__name__:
                words = re.findall(r"[A-Z][a-z]*", cls.__name__)
                scope = " ".join(w.lower() for w in words)
                result += [declared(scope, b) for b in [*bindings(cls), *app_bindings]]
    return result
