"""Checks for data read back from files: a session or guide snapshot from elsewhere is
checked, not trusted, so a bad value fails in one place with a clear message."""

from __future__ import annotations

from typing import Any


def text(value: Any, field: str) -> str:
    """A stored string, or ValueError: files from elsewhere are checked, not trusted."""
    if not isinstance(value, str):
        raise ValueError(f"{field} must be text, not {type(value).__name__}")
    return value


def texts(values: Any, field: str) -> list[str]:
    if not isinstance(values, list):
        raise ValueError(f"{field} must be a list")
    return [text(v, field) for v in values]


def number(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{field} must be a number")
    return float(value)
