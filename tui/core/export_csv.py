"""The CSV export: one row per note, then per one-key theme mention, then per earlier pain point.

Columns are `CSV_COLUMNS`; themes are space-separated `#tags`. A mention row
(kind `mention`, F2–F10 during the call) has its theme, question and time and
an empty text and note_id. In a follow-up, an `earlier_pain` row holds a pain
point of the earlier session: its text, themes and `verdict` (solved, partly,
not_solved, not_discussed, or empty when not marked), with its note id in that
session in `earlier_pain`; a note taken beside it carries the same id there.
Cells a spreadsheet could run as a formula get a leading `'` and cells holding
`;` are quoted (tui.core.csvsafe, the one guard). Lines end in CRLF (RFC 4180);
save the file as `utf-8-sig` if it is meant for Excel.
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.core import csvsafe
from tui.core.anonymize import anonymized
from tui.core.durations import format_elapsed
from tui.core.session import Session

CSV_COLUMNS = (
    "session_id",
    "date",
    "participant",
    "section",
    "question_number",
    "question",
    "elapsed",
    "elapsed_seconds",
    "kind",
    "star",
    "starred",
    "themes",
    "text",
    "note_id",
    "verdict",
    "earlier_pain",
)


def csv_rows(sessions: Iterable[Session]) -> list[dict[str, str]]:
    """The rows of every session, keyed by `CSV_COLUMNS`, values as written (before the formula guard)."""
    rows = []
    for session in sessions:
        refs = session.guide.questions
        beside = {note_id: pain.note_id for pain in session.earlier_pains for note_id in pain.notes}

        def row(question: int | None, elapsed: float | None, **cells: str) -> dict[str, str]:
            ref = refs[question] if question is not None and 0 <= question < len(refs) else None
            base = dict.fromkeys(CSV_COLUMNS, "")
            base.update(
                session_id=session.id,
                date=session.date,
                participant=session.participant.name,
                section=ref.section.title if ref else "",
                question_number=str(ref.index + 1) if ref else "",
                question=ref.question.text if ref else "",
                elapsed=format_elapsed(elapsed) if elapsed is not None else "",
                elapsed_seconds=f"{elapsed:.1f}" if elapsed is not None else "",
                starred="no",
            )
            return base | cells

        for note in session.notes:
            rows.append(row(
                note.question, note.elapsed, kind=note.kind, star=note.star or "",
                starred="yes" if note.starred else "no", themes=" ".join(f"#{theme}" for theme in note.themes),
                text=note.text, note_id=note.id, earlier_pain=beside.get(note.id, ""),
            ))
        for bump in session.theme_bumps:
            rows.append(row(bump.question, bump.elapsed, kind="mention", themes=f"#{bump.theme}"))
        for pain in session.earlier_pains:
            rows.append(row(
                None, None, kind="earlier_pain", themes=" ".join(f"#{theme}" for theme in pain.themes),
                text=pain.text, verdict=pain.verdict or "", earlier_pain=pain.note_id,
            ))
    return rows


def as_csv(session: Session) -> str:
    """One session's CSV (the export format)."""
    return render_csv([session])


def render_csv(sessions: Iterable[Session], *, anonymize: bool = False) -> str:
    """A spreadsheet-safe CSV of one or more sessions."""
    if anonymize:
        sessions = [anonymized(s) for s in sessions]
    return csvsafe.render(CSV_COLUMNS, ([row[column] for column in CSV_COLUMNS] for row in csv_rows(sessions)))

