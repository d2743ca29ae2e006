"""The user's config file (TOML): a keymap from binding ids to keys (checked by tui.keymap).

```toml
[keymap]
next_question = "ctrl+j"
bump_theme_1 = "f2"
```
"""

from __future__ import annotations

from pathlib import Path

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
