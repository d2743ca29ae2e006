"""How a length of time reads: a note's time in the call, a call's length.

A module of its own, so `interview list` formats a duration without importing the session model.
"""

from __future__ import annotations


def format_elapsed(seconds: float) -> str:
    """`[mm:ss]` style time of a note, without brackets; hours roll into minutes."""
    whole = max(0, int(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def format_duration(seconds: float) -> str:
    """`42m`, `1h05`: enough to tell a short call from a long one."""
    minutes = round(seconds / 60)
    return f"{minutes}m" if minutes < 60 else f"{minutes // 60}h{minutes % 60:02d}"
