"""The clock says how much is over and for what, in words, and marks only that part."""

from __future__ import annotations

import pytest

from tui.app import Start
from tui.core.session import Participant, Session
from tui.store import Store
from tui.widgets.pace_clock import PaceClock


def error_text(content) -> str:
    """The characters drawn in the error style."""
    return "".join(content.plain[span.start:span.end] for span in content.spans if "error" in str(span.style))


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_over_time_says_how_much_and_for_what(build_app, store_dir, guide, clock, size):
    session = Session(guide=guide, participant=Participant(name="Ana"), consent_to_record=True)
    Store(store_dir).create(session).close()
    app = build_app(Start("live", session_id=session.id))
    async with app.run_test(size=size) as pilot:
        widget = app.screen.query_one(PaceClock)
        clock.advance(100)
        widget.tick()
        assert widget.render().plain == "⏱ 01:40/10:00 · § 01:40/02:00"
        assert error_text(widget.render()) == ""
        clock.advance(88)  # Context has 2 minutes
        widget.tick()
        await pilot.pause()
        content = widget.render()
        assert content.plain == "⏱ 03:08/10:00 · ⚠ § +01:08 over"
        assert error_text(content) == "⚠ § +01:08 over"
        region = widget.content_region
        assert region.right <= size[0] and region.width >= len(content.plain)  # all of it on screen
        clock.advance(10 * 60)
        widget.tick()
        content = widget.render()
        assert content.plain == "⏱ 13:08 · ⚠ +03:08 over · ⚠ § +11:08 over"
        assert error_text(content) == "⚠ +03:08 over⚠ § +11:08 over"
