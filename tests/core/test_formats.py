"""The export format registries: every row renders, and listing them imports no renderer."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui.core.formats import THEME_FORMATS
from tui.core.themes_report import ThemeReport


@pytest.mark.parametrize("fmt", THEME_FORMATS.values(), ids=lambda fmt: fmt.name)
def test_each_themes_format_renders_a_report(fmt) -> None:
    assert fmt.data(ThemeReport(sessions=0, themes=())).endswith(b"\n") and not fmt.binary


def test_listing_the_formats_imports_no_renderer() -> None:
    """The CLI lists them for --format at every start; the renderers load only when one runs."""
    probe = "import sys, tui.core.formats as f; f.SESSION_FORMATS, f.THEME_FORMATS; print(sorted(m for m in sys.modules if m.startswith('tui.')))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert "tui.core.export" not in loaded and "tui.core.themes_report" not in loaded and "tui.core.formats" in loaded
