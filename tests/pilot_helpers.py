"""Helpers for Pilot tests that wait on worker threads (importable: tests/ is on the path)."""

from __future__ import annotations

from collections.abc import Callable


async def until(pilot, condition: Callable[[], object], tries: int = 500) -> None:
    """Let the app run until `condition()` holds (workers post their results back)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app did not get there")



CELL_WIDTH = 12.2  # pixels per terminal cell in Textual's SVG screenshots


def screen_lines(app) -> list[str]:
    """The screen as text, one string per row, read from Textual's own screenshot (SVG)."""
    import html
    import re

    svg = app.export_screenshot()
    rows: dict[int, dict[int, str]] = {}
    for x, line, text in re.findall(r'<text [^>]*?x="([\d.]+)"[^>]*?clip-path="url\(#[\w-]+-line-(\d+)\)"[^>]*>(.*?)</text>', svg):
        row = rows.setdefault(int(line), {})
        for offset, char in enumerate(html.unescape(text).replace("\xa0", " ")):
            row[round(float(x) / CELL_WIDTH) + offset] = char
    return [
        "".join(rows.get(n, {}).get(c, " ") for c in range(max(rows.get(n, {0: ""}), default=0) + 1)).rstrip()
        for n in range(max(rows, default=-1) + 1)
    ]
