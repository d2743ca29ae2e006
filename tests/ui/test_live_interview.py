"""A whole interview driven through the real app, then read back from the store."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import burst

from tui.cli import build_parser
from tui.commands.app_commands import new_start
from tui.screens.live import LiveScreen
from tui.screens.wrapup import WrapUpScreen
from tui.store import Store
from tui.widgets.note_field import NoteField
from tui.widgets.silence_timer import SilenceTimer

DATA = Path(__file__).parent / "data"


async def type_text(pilot, text: str) -> None:
    await burst(pilot, *text)


def cli_start(store_dir: Path, *extra: str):
    """`interview new` as typed; with --participant, consent is given (tests/ui/test_setup.py asks it)."""
    consent = ["--consent", "yes"] if "--participant" in extra and "--consent" not in extra else []
    args = build_parser().parse_args(["--store", str(store_dir), "new", "--guide", str(DATA / "three.toml"), *extra, *consent])
    return new_start(args)


async def test_full_scripted_interview(build_app, clock, store_dir):
    app = build_app(cli_start(store_dir, "--participant", "Dana Lee"))
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.screen
        assert isinstance(live, LiveScreen)
        assert app.focused is live.query_one(NoteField)
        session_id = live.session.id

        # Q1 (STAR off): a note begun at 5 s but committed at 30 s keeps 5 s.
        clock.advance(5)
        await type_text(pilot, "Runs a #Data-Team of 4")
        clock.advance(25)
        await pilot.press("enter")
        await pilot.press("f3")  # bump codebook theme 2: export
        await pilot.pause()

        # Q2: a silence held past prompt_seconds suggests the next STAR prompt.
        await pilot.press("ctrl+n", "tab")  # tab: they stopped talking
        clock.advance(9)
        timer = live.query_one(SilenceTimer)
        timer.refresh()
        await pilot.pause()
        assert timer.stage() == "prompt"
        assert "What was going on at the time?" in str(timer.render())
        await type_text(pilot, 'S: month-end close #export')
        await pilot.press("enter")
        clock.advance(3)
        await type_text(pilot, '*"I just gave up and used a spreadsheet" #export')
        await pilot.press("enter")
        await pilot.press("alt+a")  # Action covered by key
        await type_text(pilot, "! export times out over 10k rows #performance")
        await pilot.press("enter")
        # Delete the last note, then undo: it is back.
        await pilot.press("ctrl+r")
        await pilot.press("ctrl+z")
        assert live.session.notes[-1].kind == "pain"

        # Q3 skipped; skipping the last question goes on to wrap-up.
        await pilot.press("ctrl+n", "ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, WrapUpScreen)
        await burst(pilot, *"Export is the bottleneck")
        await pilot.press("ctrl+s")
        await pilot.pause()

    saved = Store(store_dir).load(session_id)
    assert saved.status == "completed"
    assert saved.ended_at
    assert saved.participant.name == "Dana Lee"
    notes = saved.notes
    assert [n.kind for n in notes] == ["note", "note", "quote", "pain"]
    assert notes[0].elapsed == 5.0 and notes[0].question == 0
    assert notes[0].themes == ["data-team"]
    assert notes[1].star == "S" and notes[1].question == 1
    assert notes[2].starred and notes[2].text == "I just gave up and used a spreadsheet #export"
    assert saved.questions[1].star == {"situation": True, "task": False, "action": True, "result": False}
    assert saved.questions[2].skipped
    assert saved.tally()["export"] == 3  # two #export notes and one bump
    waits = [w for w in saved.silences if w.question == 1]
    assert waits and waits[0].seconds == 9.0 and waits[0].ended_by == "typing"
    assert saved.takeaways == ["Export is the bottleneck"]
    assert saved.questions[0].time_spent == 30.0


async def test_keys_typed_right_after_enter_start_the_next_note(build_app, store_dir, clock):
    """A burst (fast typist, or a paste ending in Enter) never merges two notes, and still
    times the first note at its first key and ends the silence it broke."""
    from textual import events

    app = build_app(cli_start(store_dir, "--participant", "Ana"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab")
        clock.advance(4)
        for char in "first\rsecond\r":
            key = "enter" if char == "\r" else char
            app.post_message(events.Key(key, char))  # all queued before any is handled
        await pilot.pause()
        live = app.screen
        assert [n.text for n in live.session.notes] == ["first", "second"]
        assert live.session.notes[0].elapsed == 4.0
        assert [(w.seconds, w.ended_by) for w in live.session.silences] == [(4.0, "typing")]
        assert Store(store_dir).load(live.session.id).notes[1].text == "second"


async def test_edit_the_last_note_with_up_and_cancel_with_escape(build_app, store_dir):
    app = build_app(cli_start(store_dir, "--participant", "Ana"))
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.screen
        field = live.query_one(NoteField)
        await burst(pilot, *"! slow export", "enter")
        await pilot.press("up")
        assert field.text == "! slow export" and live.editing is not None
        await burst(pilot, *" #export", "enter")
        await pilot.pause()
        saved = Store(store_dir).load(live.session.id).notes
        assert len(saved) == 1 and saved[0].text == "slow export #export" and saved[0].themes == ["export"]
        await pilot.press("up", "escape")
        assert field.text == "" and live.editing is None
        await burst(pilot, *"typed")
        await pilot.press("up")  # with text in the field, up moves the cursor instead
        assert field.text == "typed" and live.editing is None


async def test_nothing_typed_in_wrap_up_is_lost_to_esc_or_ctrl_q(build_app, store_dir):
    from tui.screens.quit_menu import QuitMenu

    app = build_app(cli_start(store_dir, "--participant", "Ana"))
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.screen
        await burst(pilot, *"a note", "enter")
        await pilot.press("ctrl+d")
        await burst(pilot, *"Big takeaway")
        await pilot.press("escape")  # back to the interview
        assert live.session.takeaways == ["Big takeaway"]
        await pilot.press("ctrl+d")
        assert app.screen.query_one("#takeaways").text == "Big takeaway"
        await pilot.press("ctrl+q")  # from inside wrap-up: the quit menu, not an exit
        assert isinstance(app.screen, QuitMenu)
        await pilot.press("p")
        await pilot.pause()
    saved = Store(store_dir).load(live.session.id)
    assert saved.status == "paused" and saved.takeaways == ["Big takeaway"]


async def test_a_committed_note_leaves_the_draft_on_disk_at_once(build_app, store_dir):
    app = build_app(cli_start(store_dir, "--participant", "Ana"))
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.screen
        await burst(pilot, *"said once", "enter")
        on_disk = Store(store_dir).load(live.session.id)  # what a crash right now would leave
        assert [n.text for n in on_disk.notes] == ["said once"] and on_disk.draft.text == ""


async def test_deleting_during_an_edit_cancels_the_edit(build_app, store_dir):
    app = build_app(cli_start(store_dir, "--participant", "Ana"))
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.screen
        await burst(pilot, *"first", "enter", *"second", "enter")
        await pilot.press("up", "ctrl+r", "enter")
        await pilot.pause()
        assert [n.text for n in live.session.notes] == ["first"]
        assert [n.text for n in Store(store_dir).load(live.session.id).notes] == ["first"]


async def test_a_burst_with_ctrl_n_saves_each_note_on_the_question_it_was_typed_on(build_app, store_dir):
    from textual import events

    app = build_app(cli_start(store_dir, "--participant", "Ana"))
    async with app.run_test(size=(80, 24)) as pilot:
        keys = [*"first", "enter", "ctrl+n", *"second", "enter", "ctrl+r"]
        for key in keys:  # all queued before any is handled, as tmux or a fast typist sends them
            char = {"enter": "\r"}.get(key, key if len(key) == 1 else None)
            app.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
        live = app.screen
        assert [(n.text, n.question) for n in live.session.notes] == [("first", 0)]  # ctrl+r took "second"
        assert live.session.current_question == 1


async def test_up_or_ctrl_z_right_after_typing_acts_on_the_typed_text_not_the_notes(build_app, store_dir):
    """A fast hand: keys arrive together, so Up and ctrl+z are checked before the field holds what was typed."""
    from textual import events

    app = build_app(cli_start(store_dir, "--participant", "Ana"))
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.screen
        field = live.query_one(NoteField)

        async def queued(*keys: str) -> None:
            for key in keys:  # all posted before any is handled, as tmux sends them
                app.post_message(events.Key(key, {"enter": "\r"}.get(key, key if len(key) == 1 else None)))
            await pilot.pause()
            await pilot.pause()

        await queued(*"first", "enter")
        await queued(*"typed more", "up")
        assert (field.text, live.editing) == ("typed more", None)  # Up moved in the text: "first" was not recalled
        await queued("ctrl+a", "ctrl+k", "ctrl+r")
        await queued(*"x", "ctrl+z")
        assert [n.text for n in live.session.notes] == []  # ctrl+z undid typing, not the delete
        assert [n.text for n in Store(store_dir).load(live.session.id).notes] == []
