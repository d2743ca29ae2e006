"""`interview saturation`'s output: the steps of tui.core.saturation and its verdict, as Markdown or JSON.

Pure: a `Saturation` (and the guide it was measured on) in, text out. The JSON
is for scripts ("can we stop interviewing?" is `saturated`); its steps are
people in the order they were first interviewed, each with the themes they
added (a re-interview is folded into the person's first step).
"""

from __future__ import annotations

import json

from tui.core import markdown
from tui.core.saturation import Saturation

JSON_FORMAT = "interview-companion/saturation"
JSON_FORMAT_VERSION = 1
FORMATS = ("md", "json")


def render(result: Saturation, fmt: str, *, guide: str | None = None, guides: int = 1) -> str:
    """The result as `md` or `json`, ending in a newline; `guides`: how many guides the interviews used."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return render_json(result, guide) if fmt == "json" else render_markdown(result, guide, guides)


def mixed_guides(guide: str | None, guides: int) -> str:
    """A caution when the interviews measured together followed different guides, else ""."""
    if guide is not None or guides < 2:
        return ""
    return f"These interviews used {guides} guides, which ask about different things: saturation is clearest per guide."


def scope_line(result: Saturation, guide: str | None) -> str:
    """`6 participants (7 sessions), 31 themes · guide: all · base 4, run 2, threshold 5%`."""
    people = len(result.steps)
    sessions = sum(step.sessions for step in result.steps)
    themes = result.steps[-1].cumulative if result.steps else 0
    count = f"{people} participant{'' if people == 1 else 's'}"
    if sessions != people:
        count += f" ({sessions} sessions)"
    rule = result.rule
    return (
        f"{count}, {themes} theme{'' if themes == 1 else 's'} · guide: {guide or 'all'}"
        f" · base {rule.base}, run {rule.run}, threshold {rule.threshold:.0%}"
    )


def render_markdown(result: Saturation, guide: str | None = None, guides: int = 1) -> str:
    lines = ["# Saturation: can we stop interviewing?", "", markdown.escape(scope_line(result, guide)), ""]
    lines += [f"**{markdown.escape(result.verdict())}**", ""]
    if caution := mixed_guides(guide, guides):
        lines += [f"{caution} (`--guide NAME`)", ""]
    lines += [
        "The stopping rule of Guest, Namey & Chen (2020): the themes the latest run of interviews added,"
        " over the distinct themes of the interviews before it (the base). People in the order they were"
        " first interviewed; a re-interview counts as the same person.",
    ]
    if result.steps:
        rows = (
            (
                str(number), step.date or "undated", step.participant or "anonymous", str(step.sessions),
                " ".join(f"#{theme}" for theme in step.new_themes) or "none", str(step.cumulative),
            )
            for number, step in enumerate(result.steps, 1)
        )
        lines += ["", markdown.table(("No.", "Date", "Participant", "Sessions", "New themes", "Cumulative"), rows)]
    return "\n".join(lines) + "\n"


def render_json(result: Saturation, guide: str | None = None) -> str:
    rule = result.rule
    data = {
        "format": JSON_FORMAT,
        "format_version": JSON_FORMAT_VERSION,
        "guide": guide,
        "saturated": result.saturated,
        "verdict": result.verdict(),
        "base": rule.base,
        "run": rule.run,
        "threshold": rule.threshold,
        "ratio": None if result.ratio is None else round(result.ratio, 4),
        "run_new_themes": result.run_new,
        "base_themes": result.base_themes,
        "reached_at": result.reached_at,
        "participants": len(result.steps),
        "interviews": [
            {
                "session": step.session_id,
                "date": step.date or None,
                "participant": step.participant,
                "sessions": step.sessions,
                "new_themes": list(step.new_themes),
                "cumulative": step.cumulative,
            }
            for step in result.steps
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
