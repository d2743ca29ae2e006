"""The review at 80x24, as a reader sees it right after the call (deterministic session, ids and dates)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pilot_helpers import settled, until
from sample_sessions import make_session

from tui.app import Start
from tui.core.session import Note
from tui.screens.review import ReviewScreen
from tui.store import Store


@pytest.fixture
def review_start(store_dir) -> Start:
    session = make_session(12, seed=3)
    session.status = "completed"
    session.participant.name = "Dana Lee"
    question = Note.from_typed("? Did you like the new export? #reporting", question=2, elapsed=400.0)
    question.id, question.created_at = "00000000-0000-4000-8000-0000000000aa", "2025-05-07T11:06:40+01:00"
    session.add_note(question)
    Store(store_dir).create(session).close()
    return Start("review", session_id=session.id)


async def _settle(pilot) -> None:
    """Until the review has counted the other sessions (a worker started on mount, so it may not
    exist yet when the snapshot starts: waiting for the workers alone drew "counting" at times)."""
    await until(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen) and pilot.app.screen.data is not None
                and pilot.app.screen.data.other_sessions is not None, "the review did not count the other sessions")
    await settled(pilot)


async def _coaching(pilot) -> None:
    await _settle(pilot)
    for _ in range(6):
        await pilot.press("tab")
    await pilot.pause()


def test_review_top(snap_compare, build_app, review_start):
    assert snap_compare(build_app(review_start), run_before=_settle, terminal_size=(80, 24))


def test_review_coaching(snap_compare, build_app, review_start):
    assert snap_compare(build_app(review_start), run_before=_coaching, terminal_size=(80, 24))


def test_review_export_dialog(snap_compare, build_app, review_start):
    async def export(pilot) -> None:
        await _settle(pilot)
        pilot.app.screen.export_settings.folder = Path("/exports")  # the store's exports/ is a tmp path here
        await pilot.press("x")
        await until(pilot, lambda: str(pilot.app.screen.query_one("#export-keys").render()).strip())  # drawn after a refresh

    assert snap_compare(build_app(review_start), run_before=export, terminal_size=(80, 24))
