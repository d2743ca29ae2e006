"""The user's config file (TOML): a keymap from binding ids to keys.

```toml
[keymap]
next_question = "ctrl+j"
bump_theme_1 = "f2"
```
"""

from __future__ import annotations

import tomllib
from pathlib import Path


def load_keymap(path: Path) -> tuple[dict[str, str], str | None]:
    """The `[keymap]` table, and a one-line problem if the file cannot be used."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return {}, f"{path}: ignored: {error}"
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()
    ):
        return {}, f"{path}: ignored: [keymap] must map binding ids to key strings"
    return keymap, None
