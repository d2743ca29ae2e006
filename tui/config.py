"""The user's config file (TOML): a keymap from binding ids to keys, and its checks.

```toml
[keymap]
next_question = "ctrl+j"
bump_theme_1 = "f2"
```
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from tui.core.text import one_line
from tui.reading import MAX_CONFIG_BYTES, Unreadable, read_toml


def load_keymap(path: Path) -> tuple[dict[str, str], str | None]:
    """The `[keymap]` table, and a one-line problem if the file cannot be used.

    Read through `tui.reading`: a FIFO, a device, a huge or deeply nested file is
    one line at start, never a hang or a crash.
    """
    try:
        data = read_toml(path, limit=MAX_CONFIG_BYTES)
    except Unreadable as error:
        return {}, None if error.missing else f"{path}: ignored: {error.why}"
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()
    ):
        return {}, f"{path}: ignored: [keymap] must map binding ids to key strings"
    return keymap, None


# --- checking a keymap against the bindings the app declares ----------------------
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
