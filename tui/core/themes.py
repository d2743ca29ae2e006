"""Theme names in one normal form, so `#Multi_Word`, `multi word` and `multi-word` count as one.

Imported by the session, the guide and the shorthand parser, so by every first
screen: a session's themes as the review lists them are tui.core.session_themes.
"""

from __future__ import annotations

import re


def normalize_theme(raw: str) -> str:
    """Lowercase words joined by hyphens, without the leading `#`."""
    words = re.split(r"[\s_\-]+", raw.strip().strip("#").lower())
    return "-".join(w for w in words if w).strip("-")
