"""No control character from a file reaches the terminal through the TUI, and no newline forges a row.

A teammate's session (a synced folder, `interview import`) can hold escape
sequences in any text field: `ESC ] 52` rewrites the clipboard, `ESC [ 2 J`
clears the screen, a C1 `CSI` (0x9b) does what `ESC [` does on some terminals,
a newline forges a row of a table. The store here holds such text in every
field of three sessions (and of their guide snapshot, a note's themes, a
theme mention, the draft, a follow-up's earlier pains), a session file whose
name holds them, and a config whose keymap does. Every screen is opened at
80x24 and 60x20, and what Textual draws (its own SVG screenshot) is checked,
as is the text each widget was given.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.content import Content
from textual.widgets import Input, OptionList, Static, TextArea

from tui.app import Start
from tui.core.guide import Guide, Question, Section
from tui.core.session import Draft, EarlierPain, Note, Participant, Session, ThemeBump
from tui.paths import user_guides_dir
from tui.screens.export_dialog import ExportDialog
from tui.screens.help import HelpScreen
from tui.screens.search import SearchScreen
from tui.screens.confirm_delete import ConfirmDelete
from tui.screens.history import HistoryScreen
from tui.screens.home import HomeScreen
from tui.screens.live import LiveScreen
from tui.screens.review import ReviewScreen
from tui.screens.review_dialogs import KindPicker, NoteEditor, TakeawaysEditor
from tui.screens.setup import SetupScreen
from tui.screens.themes import ThemesScreen
from tui.screens.wrapup import WrapUpScreen
from tui.store import Store
from tui.widgets.key_bar import KeyBar
from tui.widgets.note_field import NoteField
from tui.widgets.row_table import RowTable

from pilot_helpers import notices, settled, until

PAYLOAD = "\x1b]52;c;cm0gLXJmIH4vKg==\x07\x1b[2J\x1b]0;pwned\x07\x9b31m\x00"
SIZES = [(80, 24), (60, 20)]
WIDE = (250, 70)  # nothing wraps: a newline shown as a line break can only be a forged row
# Anything but tab and newline below 0x20, DEL, and C1: none may reach the terminal.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FORGED_ROW = re.compile(r"^[\s│┃║▌▐▍▎▏▊█╎┆|]*FORGED")
FORGED_LINE = re.compile(r"\n\s*FORGED")  # a line begun by what followed a newline, indented or not


def one(label: str) -> str:
    """Text for a one-line field: the payload, then a newline that would start a forged row."""
    return f"{label}{PAYLOAD}\nFORGED {label}"


def lines(label: str) -> str:
    """Text that may hold lines (a note, the draft): the payload, and a second line."""
    return f"{label}{PAYLOAD}\nand a second line of {label}"


def toml(text: str) -> str:
    """`text` as a TOML basic string, its control characters as \\u escapes (as a hostile file would hold them)."""
    return '"' + "".join(f"\\u{ord(c):04x}" if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in '"\\' else c for c in text) + '"'


HOSTILE_GUIDE = f"""title = {toml(one("usertitle"))}
goal = {toml(one("usergoal"))}
themes = [{toml(one("usertheme"))}]

[[sections]]
title = {toml(one("usersection"))}

[[sections.questions]]
text = {toml(one("Don't you love it"))}
probes = [{toml(one("userprobe"))}]
"""
BROKEN_GUIDE = f"""title = {toml(one("brokentitle"))}
{toml(one("unknownkey"))} = 3

[[sections]]
title = 7
"""


def hostile_guide() -> Guide:
    return Guide(
        name=one("guidename"),
        title=one("guidetitle"),
        goal=one("guidegoal"),
        duration_minutes=30,
        themes=(one("codebook"), "pricing"),
        sections=(
            Section(one("section"), (Question(one("question"), probes=(one("probe"), one("probe2"))), Question("Plain one?")), minutes=10),
            Section(one("later"), (Question(one("third")),), minutes=5),
        ),
    )


def hostile_session(status: str, started: str, *, follow_up_ok: bool | None = None) -> Session:
    session = Session(
        guide=hostile_guide(),
        participant=Participant(one("Eve"), one("role"), one("Acme"), one("segment")),
        interviewers=[one("interviewer"), "Sam"],
        goal=one("goal"),
        consent_to_record=True,
        follow_up_ok=follow_up_ok,
        status=status,
        started_at=started,
        elapsed=600.0,
        takeaways=[one("takeaway"), "plain takeaway"],
    )
    session.questions[0].asked_at = 0.0
    session.questions[0].time_spent = 300.0
    session.questions[1].asked_at = 300.0
    session.questions[1].time_spent = 300.0
    session.current_question = 1
    theme = one("theme")
    session.notes = [
        Note(0, 10.0, lines("pain"), kind="pain", themes=[theme, "pricing"], starred=True, star="S"),
        Note(0, 20.0, lines("quote"), kind="quote", themes=[theme]),
        Note(1, 310.0, lines("idea"), kind="idea", themes=["pricing"]),
        Note(1, 315.0, lines("Don't you love it"), kind="question"),  # an ad-hoc question: coaching quotes it
        Note(1, 320.0, lines("last"), themes=[theme]),
    ]
    session.theme_bumps = [ThemeBump(one("bumped"), 0, 30.0), ThemeBump(one("codebook"), 1, 330.0)]
    return session


@pytest.fixture
def hostile(store_dir: Path, tmp_path: Path) -> dict[str, Session]:
    """Three hostile sessions imported as a teammate's files would be, a hostile file name, a hostile keymap."""
    earlier = hostile_session("completed", "2025-03-01T10:00:00+00:00", follow_up_ok=True)
    waiting = hostile_session("completed", "2025-03-05T10:00:00+00:00", follow_up_ok=True)
    later = hostile_session("interrupted", "2025-03-09T10:00:00+00:00")
    later.follow_up_of = earlier.id
    later.draft = Draft(lines("draft"), question=1, began=400.0)
    later.earlier_pains = [EarlierPain(earlier.notes[0].id, lines("earlierpain"), [one("paintheme")], "partly")]
    store = Store(store_dir)
    for number, session in enumerate((earlier, waiting, later)):
        file = tmp_path / f"import-{number}.json"
        file.write_text(json.dumps(session.to_dict()), encoding="utf-8")
        assert store.import_file(file).outcome == "imported"  # the reading path lets such text in: it is data
    (store.root / "sessions" / f"bad{PAYLOAD.replace(chr(0), '')}\nFORGED file.json").write_text("{", encoding="utf-8")
    guides = user_guides_dir()
    guides.mkdir(parents=True)
    (guides / "hostile.toml").write_text(HOSTILE_GUIDE, encoding="utf-8")
    (guides / f"broken{PAYLOAD.replace(chr(0), '')}\nFORGED guide.toml").write_text(BROKEN_GUIDE, encoding="utf-8")
    (tmp_path / "config.toml").write_text(
        '[keymap]\n"next_questoin\\u001b]0;pwned\\u0007" = "f12"\nstar_note = "ctrl+\\u001b[2J"\n', encoding="utf-8"
    )
    return {"earlier": earlier, "waiting": waiting, "later": later}


# --- what is drawn ---------------------------------------------------------------------
def given_texts(app) -> Iterator[tuple[str, str]]:
    """(widget, text) for the text each widget of the current screen was given to draw, before any wrapping."""
    for widget in app.screen.walk_children(with_self=True):
        name = f"{type(widget).__name__}#{widget.id}"
        if isinstance(widget, Static):
            visual = widget.visual
            yield name, visual.plain if isinstance(visual, Content) else str(visual)
        elif isinstance(widget, OptionList):
            for option in widget.options:
                prompt = option.prompt
                yield name, prompt.plain if isinstance(prompt, Content) else str(prompt)
        elif isinstance(widget, TextArea):
            yield name, widget.text
        elif isinstance(widget, Input):
            yield name, widget.value
        elif isinstance(widget, RowTable):  # its rows as it draws them (Textual's Line API)
            for y in range(widget.size.height):
                yield name, widget.render_line(y).text
        else:  # a widget that draws itself: the question card, the theme strip, the key bar...
            rendered = widget.render()
            if isinstance(rendered, Content):
                yield name, rendered.plain


def assert_clean(app, where: str) -> None:
    """Nothing drawn holds a control character, and no row starts with what followed a newline in a one-line field.

    Textual wraps long lines where their words allow, and a row wrapped at the space
    that a newline became looks like a forged one; so rows are checked on the text
    each widget was given (before any wrapping), and on the screen only in tables,
    which never wrap (each as the table draws it). The review lays its lines out itself, so it is checked on
    what it was given only where nothing wraps (a wide terminal).
    """
    svg = app.export_screenshot()
    found = sorted({f"{ord(c):#04x}" for c in CONTROL.findall(svg)})
    assert not found, f"{where}: control characters drawn: {found}"
    wide = app.size.width >= WIDE[0]
    for widget, text in given_texts(app):
        assert not CONTROL.search(text), f"{where}: {widget} was given {text!r}"
        if wide or not widget.startswith("ReviewDocument"):
            assert not FORGED_LINE.search(text), f"{where}: {widget} shows a forged row: {text!r}"
    for table in app.screen.query(RowTable):  # its rows as it draws them, under any toast
        drawn = [table.render_line(y).text for y in range(table.size.height)]
        forged = [row for row in drawn if FORGED_ROW.match(row)]
        assert not forged, f"{where}: rows of {table.id} forged by a newline: {forged}"


# --- the tests ---------------------------------------------------------------------------
@pytest.mark.parametrize("size", SIZES)
async def test_home_and_its_previews(seen, build_app, hostile, size) -> None:
    async with build_app().run_test(size=size, notifications=True, message_hook=seen.append) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, HomeScreen)
        await until(pilot, lambda: screen.summaries)
        await until(pilot, lambda: any("bad" in m for m in notices(seen)))  # the start-up notice names the file
        await until(pilot, lambda: any("keymap" in m for m in notices(seen)))
        assert_clean(pilot.app, "home")
        menu = screen.query_one("#home-menu", OptionList)
        for index in range(menu.option_count):  # every entry's preview: resume, guides, past sessions
            if not menu.get_option_at_index(index).disabled:
                menu.highlighted = index
                await pilot.pause()
                assert_clean(pilot.app, f"home, option {index}")


@pytest.mark.parametrize("size", SIZES)
async def test_history_table_detail_and_follow_ups(build_app, hostile, size) -> None:
    async with build_app(Start("history")).run_test(size=size, notifications=True) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, HistoryScreen)
        await until(pilot, lambda: screen.settled)
        table = screen.query_one(RowTable)
        assert len(table.rows) == 3
        for row in range(3):
            table.cursor = row
            await pilot.pause()
            assert_clean(pilot.app, f"history, row {row}")
        await pilot.press("delete")
        assert isinstance(pilot.app.screen, ConfirmDelete)
        assert_clean(pilot.app, "history, delete?")
        await pilot.press("n", "f")
        await until(pilot, lambda: len(table.rows) == 1)
        assert_clean(pilot.app, "follow-ups")
        await pilot.press("f", "slash", *"forged")  # the filter finds words as the table shows them
        await until(pilot, lambda: len(table.rows) == 3)
        assert_clean(pilot.app, "history, filtered")


@pytest.mark.parametrize("size", SIZES)
async def test_search_results_and_their_detail(build_app, hostile, size) -> None:
    async with build_app(Start("search")).run_test(size=size, notifications=True) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"second line")  # in every hostile note, after its payload and a newline
        await until(pilot, lambda: screen.found is not None and screen.found.rows)
        table = screen.query_one(RowTable)
        for row in range(len(table.rows)):
            table.cursor = row
            await pilot.pause()
            assert_clean(pilot.app, f"search, row {row}")
        await pilot.press(*" kind:")  # a bad query: its line names what was typed
        await pilot.pause()
        assert_clean(pilot.app, "search, a bad query")


@pytest.mark.parametrize("size", SIZES)
async def test_themes_and_the_sessions_of_a_theme(build_app, hostile, size) -> None:
    async with build_app(Start("themes")).run_test(size=size, notifications=True) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, ThemesScreen)
        await until(pilot, lambda: screen.report is not None)
        assert "so far; the rule needs at least 6" in str(screen.query_one("#themes-verdict").render())  # saturation drawn
        table = screen.query_one(RowTable)
        for row in range(len(table.rows)):
            table.cursor = row
            await pilot.pause()
            assert_clean(pilot.app, f"themes, row {row}")
        for key in ("p", "i", "g", "a"):
            await pilot.press(key)
            await settled(pilot)
            assert_clean(pilot.app, f"themes after {key}")
        table.cursor = next(i for i, row in enumerate(table.rows) if row.key.startswith("theme"))
        await pilot.press("enter")
        history = pilot.app.screen
        assert isinstance(history, HistoryScreen)
        await until(pilot, lambda: history.settled)
        # The filter holds the theme as shown; a name with controls and a line break (never typed
        # as a #tag) is not one the query language can spell, so it is drawn, not matched.
        assert history.query_one("#history-filter", Input).value.startswith("#theme␛]52")
        assert_clean(pilot.app, "history of a theme")


@pytest.mark.parametrize("size", [*SIZES, WIDE])
async def test_review_every_section_and_its_dialogs(build_app, hostile, size) -> None:
    async with build_app(Start("review", session_id=hostile["earlier"].id)).run_test(size=size, notifications=True) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen)
        await until(pilot, lambda: screen.data is not None and screen.data.follow_ups)  # the later session is linked
        assert_clean(pilot.app, "review, top")
        document = screen.query_one("#review-doc", OptionList)
        for _ in range(len(document.options)):  # down through every line, follow-ups and notes by question
            await pilot.press("down")
            assert_clean(pilot.app, f"review, line {document.highlighted}")
        document.highlighted = next(i for i, o in enumerate(document.options) if (o.id or "").startswith("n:q:"))
        await pilot.press("e")
        assert isinstance(pilot.app.screen, NoteEditor)
        assert_clean(pilot.app, "note editor")
        await pilot.press("escape", "k")
        assert isinstance(pilot.app.screen, KindPicker)
        assert_clean(pilot.app, "kind picker")
        await pilot.press("escape", "t")
        assert isinstance(pilot.app.screen, TakeawaysEditor)
        assert_clean(pilot.app, "takeaways editor")
        await pilot.press("escape", "x")
        assert isinstance(pilot.app.screen, ExportDialog)
        for key in ("", "f", "f", "a"):  # each text format's preview, anonymized too
            if key:
                await pilot.press(key)
            await settled(pilot)
            assert_clean(pilot.app, f"export preview after {key!r}")


@pytest.mark.parametrize("size", [(80, 24), WIDE])
async def test_review_of_the_follow_up(build_app, hostile, size) -> None:
    async with build_app(Start("review", session_id=hostile["later"].id)).run_test(size=size, notifications=True) as pilot:
        screen = pilot.app.screen
        await until(pilot, lambda: screen.data is not None and screen.data.follow_ups)
        document = screen.query_one("#review-doc", OptionList)
        for _ in range(len(document.options)):
            await pilot.press("down")
            assert_clean(pilot.app, f"follow-up review, line {document.highlighted}")


@pytest.mark.parametrize("size", SIZES)
async def test_live_resume_wrap_up_and_help(build_app, hostile, size) -> None:
    async with build_app(Start("live", session_id=hostile["later"].id)).run_test(size=size, notifications=True) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, LiveScreen)
        await until(pilot, lambda: screen.earlier_date)  # the earlier session's pains are shown
        await settled(pilot)
        field = screen.query_one(NoteField)
        assert field.text.startswith("draft")  # the hostile draft is back, its controls made visible
        assert_clean(pilot.app, "live, resumed")
        await pilot.press("ctrl+b")  # the question with the hostile probes and notes
        await settled(pilot)
        assert_clean(pilot.app, "live, first question")
        await pilot.press("ctrl+e")
        assert_clean(pilot.app, "earlier pains dialog")
        await pilot.press("escape", "ctrl+g")
        assert_clean(pilot.app, "question picker")
        await pilot.press("escape")
        field.clear()
        await settled(pilot)
        await pilot.press("up")  # the last note, loaded for editing
        await settled(pilot)
        assert screen.editing is not None
        assert_clean(pilot.app, "live, editing the last note")
        await pilot.press("escape", "f2")  # a mention of the hostile codebook theme: its notice
        await settled(pilot)
        assert "codebook" in screen.query_one(KeyBar).message_text
        assert_clean(pilot.app, "live, theme notice")
        await pilot.press("f1")
        assert isinstance(pilot.app.screen, HelpScreen)
        assert_clean(pilot.app, "help on the live screen")
        await pilot.press("escape", "ctrl+d")
        assert isinstance(pilot.app.screen, WrapUpScreen)
        assert_clean(pilot.app, "wrap-up")


@pytest.mark.parametrize("size", SIZES)
async def test_setup_prefilled_for_a_follow_up(build_app, hostile, size) -> None:
    earlier = hostile["waiting"]
    start = Start("setup", guide=earlier.guide, follow_up_of=earlier.id, earlier=earlier.participant)
    async with build_app(start).run_test(size=size, notifications=True) as pilot:
        assert isinstance(pilot.app.screen, SetupScreen)
        await settled(pilot)
        assert_clean(pilot.app, "setup")
        assert pilot.app.screen.query_one("#name", Input).value.startswith("Eve")


async def test_start_up_and_keymap_notices_show_their_names_safely(seen, build_app, hostile) -> None:
    async with build_app().run_test(size=(80, 24), notifications=True, message_hook=seen.append) as pilot:
        await until(pilot, lambda: any("bad" in m for m in notices(seen)))
        shown = notices(seen)
        assert any("keymap" in m and "next_questoin" in m for m in shown)
        assert any("star_note" in m for m in shown)  # a key holding controls is refused, with its id named
        for message in shown:
            assert not CONTROL.search(message), message
            assert not FORGED_LINE.search(message), message
        assert_clean(pilot.app, "notices")
