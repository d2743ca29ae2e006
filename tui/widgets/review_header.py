"""The review's first lines: who, when, with which guide, how long, what was asked, what they agreed to."""

from __future__ import annotations

from textual.content import Content

from tui.core.durations import format_elapsed
from tui.core.session import Session
from tui.core.text import one_line


def _yes_no(value: bool | None) -> Content:
    if value is None:
        return Content.styled("? not asked", "dim")
    return Content.styled("✓ yes", "$text-success") if value else Content.styled("✗ no", "$text-error")


def header_lines(session: Session, permission_keys: str = "") -> list[Content]:
    participant, guide = session.participant, session.guide
    who = Content.assemble(
        (one_line(participant.name) or "Anonymous participant", "bold"),
        *(Content(" · " + one_line(part)) for part in (participant.role, participant.company) if part),
    )
    planned = guide.planned_minutes
    duration = format_elapsed(session.elapsed) + (f" of {planned} min planned" if planned else "")
    states = [session.question_state(ref.index) for ref in guide.questions]
    asked = states.count("asked")
    skipped = states.count("skipped")
    counts = f" · {asked} of {len(states)} questions asked" + (f", {skipped} skipped" if skipped else "")
    lines = [
        who,
        Content.assemble((one_line(session.started_at[:16].replace("T", " ")), "dim"), " · ", one_line(guide.title or guide.name)),
    ]
    if session.goal:
        lines.append(Content.assemble(("Goal: ", "dim"), one_line(session.goal)))
    lines += [
        Content.assemble(("Time: ", "dim"), duration, (counts, "dim"), (" · ", "dim"), session.status.replace("_", " ")),
        Content.assemble(
            ("Consent to record: ", "dim"), _yes_no(session.consent_to_record),
            ("  May follow up: ", "dim"), _yes_no(session.follow_up_ok),
            (f"  ({permission_keys} to change)" if permission_keys else "", "dim"),
        ),
    ]
    if session.interviewers:
        lines.append(Content.assemble(("Interviewers: ", "dim"), one_line(", ".join(session.interviewers))))
    return lines
