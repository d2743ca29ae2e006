"""Codebook themes keep fixed places, with key, name and count, whatever else the live screen shows."""

from __future__ import annotations

import json
import re

import pytest

from pilot_helpers import burst, screen_lines
from tui.app import Start
from tui.catalog import discover
from tui.core.export import render
from tui.core.session import Participant, Session
from tui.store import Store
from tui.widgets.review_document import ReviewDocument

IMPACT = discover().find("customer-impact")  # eight codebook themes, the longest 13 letters


def places(lines: list[str]) -> dict[str, tuple[int, int]]:
    """Where each `F<n> name count` cell starts: (row, column)."""
    found = {}
    for row, line in enumerate(lines):
        for match in re.finditer(r"(?:⇧)?F(\d+) ([\w…-]+)\s+(\d+)", line):
            found[match.group(2)] = (row, match.start(), int(match.group(3)), int(match.group(1)))
    return found


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_each_codebook_theme_keeps_its_place_key_name_and_count(build_app, store_dir, clock, size):
    session = Session(guide=IMPACT, participant=Participant(name="Dana Lee"), consent_to_record=True)
    Store(store_dir).create(session).close()
    app = build_app(Start("live", session_id=session.id))
    async with app.run_test(size=size) as pilot:
        live = app.screen
        for _ in range(len(IMPACT.questions)):  # to a story question: the STAR panel and its prompt show
            if live.live.current.question.star:
                break
            await pilot.press("ctrl+n")
        assert live.live.current.question.star
        await burst(pilot, *"! S: month end #export-bug #trust #spreadsheets", "enter")
        await pilot.press("tab")  # a silence, held until the screen says what to ask
        clock.advance(9)
        for ticking in ("SilenceTimer", "PaceClock"):
            live.query_one(ticking).tick()
        await pilot.pause()
        before = places(screen_lines(app))
        for press in ("f9", "f9", "f4", "f2", "f2", "f2", "f2", "f2", "f2", "f2", "f2", "f2", "f2"):
            await pilot.press(press)
        live.query_one("SilenceTimer").tick()
        await pilot.pause()
        lines = screen_lines(app)
        after = places(lines)
        assert "➜" in "\n".join(lines)  # the silence prompt is on screen too
        assert list(after) == list(IMPACT.themes)  # every theme, in key order, whole names
        assert [after[t][3] for t in IMPACT.themes] == list(range(2, 10))  # F2 first
        assert {t: after[t][:2] for t in after} == {t: before[t][:2] for t in before}  # no theme moved
        assert (after["onboarding"][2], after["pain-point"][2], after["collaboration"][2]) == (10, 2, 1)
        tags_line = next(line for line in lines if line.startswith(" tags "))
        assert lines.index(tags_line) > max(row for row, *_ in after.values())  # ad-hoc tags after them
        assert "#trust 1" in tags_line and "#spreadsheets 1" in tags_line


async def test_a_wrong_bump_is_taken_back_and_bumps_show_with_their_time(build_app, store_dir, clock):
    session = Session(guide=IMPACT, participant=Participant(name="Dana Lee"), consent_to_record=True)
    Store(store_dir).create(session).close()
    app = build_app(Start("live", session_id=session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.screen
        clock.advance(70)
        await pilot.press("f3", "f4")  # workflow, then collaboration by mistake
        await pilot.press("ctrl+z")  # the undo key right after takes the last one back
        clock.advance(60)
        await pilot.press("f5", "f5", "shift+f5")  # shift+F-key takes one of that theme back
        await pilot.pause()
        assert [(b.theme, b.elapsed) for b in live.session.theme_bumps] == [("workflow", 70.0), ("time-saved", 130.0)]
        assert "Took back one mention of #time-saved" in live.query_one("KeyBar").message_text
        await burst(pilot, *"typed")
        await pilot.press("ctrl+z")  # with text in the field ctrl+z is the field's own
        await pilot.pause()
        assert len(live.session.theme_bumps) == 2
    saved = Store(store_dir).load(session.id)
    assert [(b.theme, b.elapsed) for b in saved.theme_bumps] == [("workflow", 70.0), ("time-saved", 130.0)]
    assert "| #workflow | 1 | 01:10 (Q1) |" in render(saved, "md")
    assert "#time-saved  1         02:10 (Q1)" in render(saved, "txt")
    assert ",02:10,130.0,mention,,no,#time-saved,," in render(saved, "csv")
    assert [(b["theme"], b["elapsed"]) for b in json.loads(render(saved, "json"))["theme_bumps"]] == [
        ("workflow", 70.0), ("time-saved", 130.0),
    ]
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=(80, 24)):
        document = app.screen.query_one(ReviewDocument)
        text = "\n".join(str(option.prompt) for option in document.options)
        assert "one-key mentions: 02:10 Q1" in text
