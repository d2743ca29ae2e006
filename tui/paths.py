"""Where things live on disk: the store, user guides and user config (platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "interview-companion"
STORE_ENV = "INTERVIEW_STORE"


def store_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """`--store DIR`, else `$INTERVIEW_STORE`, else the user data dir."""
    if override:
        return Path(override).expanduser()
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV]).expanduser()
    from platformdirs import user_data_path  # 4 ms of import, not needed with --store

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def user_guides_dir() -> Path:
    return config_dir() / "guides"


def config_file() -> Path:
    """The user's config (TOML): keymap and preferences."""
    return config_dir() / "config.toml"


def display_path(path: Path) -> str:
    """A path as people read it: the home folder written as `~`."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)
