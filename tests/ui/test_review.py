"""The review screen on the real app and a real store: every change is on disk after each key."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.widgets import Static

sys.path.append(str(Path(__file__).resolve().parents[1]))  # tests/, for sample_sessions

from sample_sessions import make_session

from pilot_helpers import burst, settled

from tui.app import Start
from tui.core.session import Note, Participant, Session
from tui.screens.help import HelpScreen
from tui.screens.home import HomeScreen
from tui.screens.review import ReviewScreen
from tui.screens.review_dialogs import KindPicker, NoteEditor, TakeawaysEditor
from tui.store import Store
from tui.widgets.review_document import ReviewDocument

MARKUP = "[bold]x[/] [/] [link=http://e.x]y[/link] [red"


def document_text(app) -> str:
    document = app.screen.query_one(ReviewDocument)
    return "\n".join(str(option.prompt.plain) for option in document.options)


def cursor_to(app, note_id: str, part: str = "q") -> None:
    document = app.screen.query_one(ReviewDocument)
    document.highlighted = document.get_option_index(f"n:{part}:{note_id}")


@pytest.fixture
def saved(store_dir):
    """A realistic completed session saved in the store (writer closed)."""

    def save(n_notes: int = 12, seed: int = 3, **changes) -> Session:
        session = make_session(n_notes, seed)
        session.status = "completed"
        for name, value in changes.items():
            setattr(session, name, value)
        Store(store_dir).create(session).close()
        return session

    return save


def reload(store_dir: Path, session_id: str) -> Session:
    return Store(store_dir).load(session_id)


# --- opening ------------------------------------------------------------------------------
async def test_review_opens_after_a_completed_interview(build_app, store_dir, guide):
    session = Session(guide=guide, participant=Participant(name="Dana Lee"))
    Store(store_dir).create(session).close()
    app = build_app(Start("live", session_id=session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *"! export fails at month end #export")
        await pilot.press("enter")
        await pilot.press("ctrl+d")
        await burst(pilot, *"Export is the bottleneck")
        await pilot.press("ctrl+s")
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.writer is not None, "the live screen let go of the lock: the review can edit"
        text = document_text(app)
        assert "Export is the bottleneck" in text
        assert "export fails at month end #export" in text
        assert "Pain points" in text
    assert reload(store_dir, session.id).status == "completed"


async def test_review_opens_from_the_command_line_and_esc_goes_home(build_app, saved):
    session = saved()
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert isinstance(app.screen, ReviewScreen)
        bar = str(app.screen.query_one("#review-bar", Static).render())
        assert session.participant.name in bar
        text = document_text(app)
        for expected in ("Takeaways", "Coaching", "Notes by question", "Consent to record", "May follow up", session.guide.goal):
            assert expected in text
        assert not app.screen.query_one("#review-readonly").display
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_open_review_from_home_goes_back_to_home_and_lets_go_of_the_session(build_app, saved, store_dir):
    session = saved()
    app = build_app(Start())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_review(session.id)
        await settled(pilot)
        assert isinstance(app.screen, ReviewScreen) and app.screen.writer is not None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        Store(store_dir).open_writer(session.id).close()  # the review closed its writer: not locked
        app.open_review(session.id)
        await settled(pilot)
    Store(store_dir).open_writer(session.id).close()  # and on quitting the app


async def test_an_unknown_session_says_so_in_one_line(build_app, store_dir):
    Store(store_dir)
    app = build_app(Start("review", session_id="no-such-session"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        banner = str(app.screen.query_one("#review-readonly", Static).render())
        assert "Cannot open this session" in banner and "no-such-session" in banner
        await pilot.press("e", "s", "c", "x")  # nothing to act on: no crash


# --- editing, saved at once -----------------------------------------------------------------
async def test_edit_rekind_star_delete_and_undo_are_on_disk_after_each_key(build_app, saved, store_dir):
    session = saved()
    note = session.notes[3]
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)

        # e: edit in shorthand; the kind, star and #themes come from what is typed.
        cursor_to(app, note.id)
        await pilot.press("e")
        assert isinstance(app.screen, NoteEditor)
        app.screen.query_one("#note-text").set_text("*! Export breaks at month end #export")
        await pilot.press("enter")
        await pilot.pause()
        on_disk = reload(store_dir, session.id).note(note.id)
        assert (on_disk.text, on_disk.kind, on_disk.starred, on_disk.themes) == (
            "Export breaks at month end #export", "pain", True, ["export"],
        )

        # k: change the kind with the picker, by its mark.
        cursor_to(app, note.id)
        await pilot.press("k")
        assert isinstance(app.screen, KindPicker)
        await pilot.press("+")
        await pilot.pause()
        assert reload(store_dir, session.id).note(note.id).kind == "idea"

        # s: star toggles.
        cursor_to(app, note.id)
        await pilot.press("s")
        await pilot.pause()
        assert reload(store_dir, session.id).note(note.id).starred is False

        # u: undo, one change at a time, each on disk.
        await pilot.press("u")
        await pilot.pause()
        assert reload(store_dir, session.id).note(note.id).starred is True
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert reload(store_dir, session.id).note(note.id).kind == "pain"

        # d: delete, then undo puts it back in its place.
        cursor_to(app, note.id)
        await pilot.press("d")
        await pilot.pause()
        assert note.id not in [n.id for n in reload(store_dir, session.id).notes]
        assert f"n:q:{note.id}" not in [o.id for o in app.screen.query_one(ReviewDocument).options]
        await pilot.press("u")
        await pilot.pause()
        ids = [n.id for n in reload(store_dir, session.id).notes]
        assert ids == [n.id for n in session.notes]
        assert app.screen.query_one(ReviewDocument).highlighted_option.id == f"n:q:{note.id}"

        # Undo the edit too: the note is as it was before the review.
        await pilot.press("u")
        await pilot.pause()
        back = reload(store_dir, session.id).note(note.id)
        assert (back.text, back.kind, back.starred) == (note.text, note.kind, note.starred)
        await pilot.press("u")
        await pilot.pause()


async def test_escape_in_the_editor_changes_nothing(build_app, saved, store_dir):
    session = saved()
    note = session.notes[0]
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        cursor_to(app, note.id)
        await pilot.press("enter")  # Enter on a note edits it too
        assert isinstance(app.screen, NoteEditor)
        await burst(pilot, *" more words")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    assert reload(store_dir, session.id).note(note.id).text == note.text


async def test_takeaways_are_saved_when_the_editor_closes_and_undo_restores_them(build_app, saved, store_dir):
    session = saved()
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("t")
        assert isinstance(app.screen, TakeawaysEditor)
        await pilot.press("enter")
        await burst(pilot, *"Month end is the real deadline")
        await pilot.press("escape")
        await pilot.pause()
        assert reload(store_dir, session.id).takeaways == [*session.takeaways, "Month end is the real deadline"]
        assert "Month end is the real deadline" in document_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert reload(store_dir, session.id).takeaways == session.takeaways


async def test_a_star_note_edit_covers_its_star_element_and_undo_uncovers_it(build_app, store_dir, guide):
    session = Session(guide=guide, participant=Participant(name="Ana"), status="completed")
    note = Note.from_typed("exported by hand", question=1, elapsed=30.0)
    session.add_note(note)
    session.questions[1].asked_at = 10.0
    Store(store_dir).create(session).close()
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert "no Action or Result in this story" in document_text(app)
        cursor_to(app, note.id)
        await pilot.press("e")
        app.screen.query_one("#note-text").set_text("R: exported by hand, late")
        await pilot.press("enter")
        await pilot.pause()
        assert reload(store_dir, session.id).questions[1].star["result"] is True
        assert "no Action in this story" in document_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert reload(store_dir, session.id).questions[1].star["result"] is False


# --- read-only ------------------------------------------------------------------------------------
async def test_a_session_open_in_another_window_is_read_only(build_app, saved, store_dir):
    session = saved()
    other_window = Store(store_dir).open_writer(session.id)
    try:
        app = build_app(Start("review", session_id=session.id))
        async with app.run_test(size=(80, 24)) as pilot:
            await settled(pilot)
            screen = app.screen
            assert isinstance(screen, ReviewScreen) and screen.writer is None
            banner = screen.query_one("#review-readonly", Static)
            assert banner.display
            assert "Read-only" in str(banner.render()) and "another window" in str(banner.render())
            cursor_to(app, session.notes[0].id)
            await pilot.press("s", "d", "e", "t", "u")
            await pilot.pause()
            assert isinstance(app.screen, ReviewScreen)  # no editor opened
        assert reload(store_dir, session.id).to_dict() == session.to_dict()
    finally:
        other_window.close()


async def test_a_session_from_a_newer_version_is_read_only(build_app, saved, store_dir):
    session = saved(schema_version=2)
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        banner = str(app.screen.query_one("#review-readonly", Static).render())
        assert "Read-only" in banner and "newer version" in banner
        assert session.notes[0].text in document_text(app)
        cursor_to(app, session.notes[0].id)
        await pilot.press("s", "k")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    assert reload(store_dir, session.id).notes[0].starred == session.notes[0].starred


# --- what it shows -----------------------------------------------------------------------------------
async def test_markup_in_names_notes_and_takeaways_shows_literally(build_app, store_dir, guide):
    session = Session(
        guide=guide,
        participant=Participant(name=MARKUP, role="[i]Role[/i]", company="[b]Co"),
        takeaways=[MARKUP],
        status="completed",
    )
    session.add_note(Note.from_typed("*! " + MARKUP + " #export", question=1, elapsed=3.0))
    Store(store_dir).create(session).close()
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        text = document_text(app)
        assert text.count(MARKUP) >= 4  # header, takeaway, key moment, pain point, by question
        assert "[i]Role[/i]" in text and "[b]Co" in text
        assert MARKUP in str(app.screen.query_one("#review-bar", Static).render())
        await pilot.press("x")
        await pilot.pause()
        preview = str(app.screen.query_one("#export-preview-text", Static).render())
        assert "Interview with" in preview


async def test_theme_table_counts_other_sessions_in_a_worker(build_app, saved):
    session = saved(seed=3)
    saved(seed=4)
    saved(seed=5)
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        screen = app.screen
        assert screen.data.other_sessions is not None
        text = document_text(app)
        assert "Other sessions" in text
        for theme, count in screen.data.other_sessions.items():
            assert 0 < count <= 2, theme


async def test_the_themes_say_what_this_interview_added_to_the_earlier_ones_on_its_guide(build_app, demo):
    farah = next(s for s in demo.summaries() if s.participant_name == "Farah Haddad")  # switching, after Chidi
    first = next(s for s in demo.summaries() if s.participant_name == "Chidi Okafor")
    app = build_app(Start("review", session_id=farah.id))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert "This interview added 2 new themes to the 1 earlier interview on this guide: #support #trust" in document_text(app)
    app = build_app(Start("review", session_id=first.id))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert "The first interview on this guide: all 11 of its themes are new." in document_text(app)


async def test_follow_up_shows_earlier_pain_points_beside_this_sessions_notes(build_app, store_dir, guide):
    earlier = Session(guide=guide, participant=Participant(name="Ana"), status="completed", started_at="2026-01-10T10:00:00+00:00")
    earlier.add_note(Note.from_typed("! export times out over 10k rows #export", question=1, elapsed=40.0))
    earlier.add_note(Note.from_typed("! nobody trusts the numbers", question=2, elapsed=80.0))
    Store(store_dir).create(earlier).close()
    later = Session(guide=guide, participant=Participant(name="Ana"), status="completed", follow_up_of=earlier.id)
    later.add_note(Note.from_typed("export finishes in a minute now #export", question=1, elapsed=20.0))
    Store(store_dir).create(later).close()

    app = build_app(Start("review", session_id=later.id))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        lines = document_text(app).splitlines()
        assert "Follow-up: then and now" in lines
        then = next(i for i, line in enumerate(lines) if line.startswith("then") and "export times out" in line)
        assert "verdict · not marked" in lines[then + 1]
        assert lines[then + 2].startswith("now") and "export finishes in a minute now" in lines[then + 2]
        assert "2026-01-10" in "\n".join(lines)
        assert any(line.startswith("now") and "nothing noted beside it" in line for line in lines)
        # The "now" note is this session's: the cursor can stop on it and edit it.
        document = app.screen.query_one(ReviewDocument)
        assert any(row.note_id == later.notes[0].id for key, row in document.rows.items() if key.startswith("n:fu"))

    app = build_app(Start("review", session_id=earlier.id))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        text = document_text(app)
        assert "Followed up later" in text
        assert "export finishes in a minute now" in text


# --- keys: footer, help, palette, keymap -------------------------------------------------------------
async def test_keys_are_in_help_and_palette(build_app, saved, store_dir):
    session = saved()
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        screen = app.screen
        titles = {c.title: c.callback for c in app.get_system_commands(screen) if c.title.startswith("Review: ")}
        assert len(titles) == 13, sorted(titles)  # every review binding but Help (the app has that)
        for words in ("Edit", "kind", "Star", "Delete", "Undo", "takeaways", "Markdown", "Export", "Back", "contact them again", "Consent"):
            assert any(words in title for title in titles), words
        cursor_to(app, session.notes[0].id)
        titles["Review: Star or unstar: a key moment"]()
        await pilot.pause()
        assert reload(store_dir, session.id).notes[0].starred is not session.notes[0].starred
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = str(app.screen.query_one("#help-keys", Static).render())
        for binding_id in ("review_edit", "review_kind", "review_star", "review_delete", "review_undo",
                           "review_takeaways", "review_follow_up", "review_consent", "review_copy", "review_export", "review_back"):
            assert f"[{binding_id}]" in keys


async def test_review_keys_can_be_remapped_by_id(store_dir, clock, tmp_path, saved):
    from tui.app import make_app

    session = saved()
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\nreview_star = "w"\n', encoding="utf-8")
    app = make_app(store_dir=store_dir, clock=clock, start=Start("review", session_id=session.id), config_path=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        note = session.notes[0]
        cursor_to(app, note.id)
        await pilot.press("w")
        await pilot.pause()
        assert reload(store_dir, session.id).note(note.id).starred is not note.starred


async def test_arrows_move_note_to_note_and_tab_section_to_section(build_app, saved):
    session = saved()
    app = build_app(Start("review", session_id=session.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        document = app.screen.query_one(ReviewDocument)
        assert document.highlighted_option.id == "h:takeaways"
        await pilot.press("down")
        assert document.highlighted_option.id == "t:0"
        headings = []
        for _ in range(len(document.anchors) + 1):
            await pilot.press("tab")
            headings.append(document.highlighted_option.id)
        assert headings[-1] == headings[-2], "Tab stops at the last heading"
        assert "h:coaching" in headings and "h:questions" in headings and "s:0" in headings
        distinct = list(dict.fromkeys(headings))
        await pilot.press("shift+tab")
        assert document.highlighted_option.id == distinct[-2]
        await pilot.press("down")
        row = document.current
        assert row is not None and row.note_id is not None
