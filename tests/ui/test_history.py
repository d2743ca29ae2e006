"""History: filter by note text, sort, review, resume, follow up, export, delete to the trash."""

from __future__ import annotations

from textual.widgets import Input

from tui.app import Start
from tui.core.session import Note, Participant, Session
from tui.screens.export_dialog import ExportDialog
from tui.screens.confirm_delete import ConfirmDelete
from tui.screens.history import HistoryScreen
from tui.screens.live import LiveScreen
from tui.screens.review import ReviewScreen
from tui.screens.setup import SetupScreen
from tui.store import Store
from tui.widgets.row_table import RowTable

from pilot_helpers import SIZES, burst, notices, screen_text, until


async def opened(pilot) -> HistoryScreen:
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    await until(pilot, lambda: screen.settled)
    await pilot.pause()
    return screen


async def settled(pilot) -> None:
    """Until history's worker has drawn the view the keys asked for (sort, filter, follow-ups: index queries)."""
    await until(pilot, lambda: getattr(pilot.app.screen, "settled", True))


def names(screen: HistoryScreen) -> list[str]:
    return [screen.by_id[row.key].participant_name for row in screen.query_one(RowTable).rows]


async def highlight(pilot, screen: HistoryScreen, name: str) -> None:
    table = screen.query_one(RowTable)
    table.cursor = names(screen).index(name)
    await pilot.pause()


async def test_opens_on_every_session_newest_first(build_app, demo) -> None:
    async with build_app(Start("history")).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        assert names(screen) == [
            "Ana Lima", "Grace Kim", "Farah Haddad", "Élodie Martin", "Dana Levi", "Chidi Okafor", "Björn Åkesson", "Ana Lima",
        ]
        assert "8 sessions · by date, newest first" in str(screen.query_one("#history-title").render())


async def test_filter_finds_words_that_are_only_in_the_notes(build_app, demo) -> None:
    async with build_app(Start("history")).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await pilot.press("slash")
        await burst(pilot, *"xero")
        await settled(pilot)
        assert names(screen) == ["Ana Lima", "Ana Lima"]  # "Xero" is only in Ana's notes
        await pilot.press("escape")
        await settled(pilot)
        assert len(names(screen)) == 8
        await pilot.press("slash")
        await burst(pilot, *"#permissions enterprise")  # a theme and a segment: both must match
        assert names(screen) == ["Björn Åkesson"]
        await burst(pilot, *"zzz")
        await settled(pilot)
        assert names(screen) == []
        assert "No session matches" in screen.query_one(RowTable).empty_text
        await burst(pilot, *["backspace"] * len(" enterprisezzz"))  # deleting widens the search again
        assert names(screen) == ["Ana Lima", "Dana Levi", "Chidi Okafor", "Björn Åkesson", "Ana Lima"]
        await burst(pilot, *["backspace"] * len("#permissions"))
        await settled(pilot)
        assert len(names(screen)) == 8


async def test_takeaways_are_searched_too(build_app, demo) -> None:
    async with build_app(Start("history")).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await pilot.press("slash")
        await burst(pilot, *"contractor stints")
        await settled(pilot)
        assert names(screen) == ["Élodie Martin"]


async def test_sort_keys_and_the_sort_shown(build_app, demo) -> None:
    async with build_app(Start("history")).run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        table = screen.query_one(RowTable)
        await pilot.press("p")
        await settled(pilot)
        assert names(screen)[:3] == ["Ana Lima", "Ana Lima", "Björn Åkesson"]
        assert table.marks == {"participant": " ▲"}
        assert "by participant, A–Z" in str(screen.query_one("#history-title").render())
        await pilot.press("p")
        await settled(pilot)
        assert names(screen)[0] == "Grace Kim" and table.marks == {"participant": " ▼"}
        await pilot.press("l")
        await settled(pilot)
        assert names(screen)[0] == "Chidi Okafor"  # the longest call first
        assert table.marks == {"time": " ▼"}
        await pilot.press("s")
        await settled(pilot)
        assert names(screen)[0] == "Grace Kim"  # unfinished first
        await pilot.press("d")
        await settled(pilot)
        assert names(screen)[-1] == "Ana Lima" and table.marks == {"date": " ▼"}


async def test_enter_opens_the_review(build_app, demo) -> None:
    async with build_app(Start("history")).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await highlight(pilot, screen, "Dana Levi")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert pilot.app.screen.session_id == screen.query_one(RowTable).current_key


async def test_resume_is_offered_only_for_an_unfinished_session(build_app, demo) -> None:
    async with build_app(Start("history")).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await highlight(pilot, screen, "Farah Haddad")
        assert "r" not in pilot.app.screen.active_bindings
        await highlight(pilot, screen, "Grace Kim")
        assert "r" in pilot.app.screen.active_bindings
        await pilot.press("r")
        await settled(pilot)
        live = pilot.app.screen
        assert isinstance(live, LiveScreen) and live.session.participant.name == "Grace Kim"
        assert live.query_one("#note").text == "! The mobile app logs her out every"  # the draft is back


async def test_delete_asks_first_then_moves_the_file_to_the_trash(seen, build_app, demo, store_dir) -> None:
    async with build_app(Start("history")).run_test(size=(80, 24), message_hook=seen.append) as pilot:
        screen = await opened(pilot)
        await highlight(pilot, screen, "Chidi Okafor")
        doomed = screen.query_one(RowTable).current_key
        await pilot.press("x")
        await settled(pilot)
        assert isinstance(pilot.app.screen, ConfirmDelete)
        await pilot.press("n")
        await settled(pilot)
        assert len(list((store_dir / "trash").iterdir())) == 0 and "Chidi Okafor" in names(screen)
        await pilot.press("delete")
        await settled(pilot)
        await pilot.press("y")
        await settled(pilot)
        await until(pilot, lambda: "Chidi Okafor" not in names(screen))
        trashed = list((store_dir / "trash").iterdir())
        assert len(trashed) == 1 and doomed[:8] in trashed[0].name
        assert any(f"interview restore {doomed[:8]}" in m for m in notices(seen))
    assert Store(store_dir).restore(doomed[:8]) == doomed


async def test_follow_ups_lists_who_agreed_and_enter_starts_one(build_app, demo) -> None:
    async with build_app(Start("history")).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await pilot.press("f")
        await settled(pilot)
        # Ana agreed too, but her follow-up is done; Chidi declined; Élodie and Grace were not asked.
        assert names(screen) == ["Farah Haddad", "Dana Levi", "Björn Åkesson"]
        assert "Follow-ups" in str(screen.query_one("#history-title").render())
        original = screen.query_one(RowTable).current_key
        await pilot.press("enter")
        await settled(pilot)
        setup = pilot.app.screen
        assert isinstance(setup, SetupScreen)
        assert setup.follow_up_of == original and setup.guide.name == "switching"
        assert setup.query_one("#name").value == "Farah Haddad"
        assert setup.query_one("#company").value == "Evergreen Co"


async def test_starting_the_follow_up_takes_them_off_the_list(build_app, demo) -> None:
    async with build_app(Start("history", follow_ups=True)).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await highlight(pilot, screen, "Dana Levi")
        await pilot.press("n")
        await settled(pilot)
        await pilot.press("ctrl+s", "y", "ctrl+s")  # consent is asked, then the prefilled form starts
        assert isinstance(pilot.app.screen, LiveScreen)
        pilot.app.pop_screen()
        await until(pilot, lambda: "Dana Levi" not in names(screen))
        assert names(screen) == ["Farah Haddad", "Björn Åkesson"]


async def test_export_saves_markdown_in_the_stores_exports_folder_and_says_where(seen, build_app, demo, store_dir) -> None:
    exports = store_dir / "exports"
    async with build_app(Start("history")).run_test(size=(80, 24), message_hook=seen.append) as pilot:
        screen = await opened(pilot)
        await highlight(pilot, screen, "Élodie Martin")
        await pilot.press("e")
        await settled(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        shown = dialog.query_one("#export-path", Input).value
        assert shown.startswith(str(exports)) and shown.endswith(".md")  # the whole path, editable
        await pilot.press("s")
        await settled(pilot)
        await until(pilot, lambda: list(exports.glob("*.md")))
        saved = next(exports.glob("*.md"))
        assert saved.name.startswith("2025-03-20-elodie-martin-")
        assert "Webhook retries flood them" in saved.read_text(encoding="utf-8")
        assert any(str(saved) in m for m in notices(seen))


async def test_export_copy_goes_to_the_clipboard(build_app, demo, monkeypatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)  # no clipboard tool: the terminal (OSC 52) takes it
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    async with build_app(Start("history")).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await highlight(pilot, screen, "Élodie Martin")
        await pilot.press("e", "c")
        await settled(pilot)
        await until(pilot, lambda: "Webhook retries" in pilot.app.clipboard)


async def test_user_text_is_never_markup(build_app, store_dir, guide) -> None:
    session = Session(guide=guide, participant=Participant(name="[bold]x[/] [red", company="[link=http://e.x]y"))
    with Store(store_dir).create(session) as writer:
        note = Note.from_typed("[/] notes [b]too #t", question=0, elapsed=1.0)
        session.add_note(note)
        writer.save_note(note)
    async with build_app(Start("history")).run_test(size=(160, 24)) as pilot:
        screen = await opened(pilot)
        table = screen.query_one(RowTable)
        assert "[bold]x[/] [red" in table.render_line(1).text
        assert "[link=http://e.x]y" in str(screen.query_one("#history-detail").render())
        await pilot.press("slash")
        await burst(pilot, *"[b]")
        await settled(pilot)
        assert len(table.rows) == 1


async def test_keys_follow_the_users_keymap(build_app, demo, tmp_path) -> None:
    (tmp_path / "config.toml").write_text('[keymap]\nhistory_delete = "k"\nhistory_sort_participant = "P"\n')
    async with build_app(Start("history")).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await pilot.press("P")
        await settled(pilot)
        assert names(screen)[0] == "Ana Lima" and screen.sort_by == "participant"
        assert "P participant" in str(screen.query_one("#history-detail").render())  # the sort hint says so
        await pilot.press("k")
        await settled(pilot)
        assert isinstance(pilot.app.screen, ConfirmDelete)


async def test_down_leaves_the_filter_for_the_table(build_app, demo) -> None:
    async with build_app(Start("history")).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await pilot.press("slash")
        await burst(pilot, *"ana")
        await pilot.press("down")
        await settled(pilot)
        assert screen.query_one(RowTable).has_focus
        await pilot.press("down")
        await settled(pilot)
        assert screen.query_one(RowTable).cursor == 1


async def test_an_empty_store_says_how_to_start(build_app) -> None:
    async with build_app(Start("history")).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        assert "No sessions yet" in screen.query_one(RowTable).render_line(1).text


async def test_escape_clears_the_filter_then_leaves_for_home(build_app, demo) -> None:
    from tui.screens.home import HomeScreen

    async with build_app(Start("history")).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await pilot.press("slash")
        await burst(pilot, *"ana")
        await settled(pilot)
        await pilot.press("escape")
        await settled(pilot)
        assert screen.query_one("#history-filter").value == "" and len(names(screen)) == 8
        await pilot.press("escape")
        await settled(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_home_opens_history_with_h(build_app, demo) -> None:
    async with build_app(Start()).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await settled(pilot)
        await opened(pilot)
        await pilot.press("escape")
        await settled(pilot)
        assert type(pilot.app.screen).__name__ == "HomeScreen"


async def test_history_themes_and_follow_ups_show_their_title_and_rows_at_every_size(build_app, demo) -> None:
    async with build_app(Start("history")).run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        steps = (
            ((), "HistoryScreen", ("History", "Ana Lima")),
            (("t",), "ThemesScreen", ("Themes · ", "#reporting")),
            (("e",), "ThemesExport", ("Export the",)),
            (("escape", "escape", "f"), "HistoryScreen", ("Follow-ups", "Farah Haddad")),
        )
        for keys, screen, shown in steps:
            await pilot.press(*keys)
            await settled(pilot)
            assert type(pilot.app.screen).__name__ == screen, keys
            for size in SIZES:
                await pilot.resize_terminal(*size)
                text = screen_text(pilot.app)
                assert all(part in text for part in shown), (keys, size, shown)


async def test_pages_of_the_index_load_as_the_cursor_nears_the_end(build_app, store_dir) -> None:
    from sample_sessions import make_session

    from tui.core.search import fold
    from tui.screens.history_rows import PAGE, who

    store = Store(store_dir)
    for seed in range(PAGE + 30):
        store.add(make_session(2, seed))
    newest_first = [s.id for s in store.summaries()]
    async with build_app(Start("history")).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await settled(pilot)
        table = screen.query_one(RowTable)
        assert len(table.rows) == PAGE and screen.shown_count == PAGE + 30  # one page read, all counted
        assert f"{PAGE + 30} sessions" in str(screen.query_one("#history-title").render())
        await pilot.press("end")
        await settled(pilot)
        assert [row.key for row in table.rows] == newest_first  # the rest, in order, after the first page
        await pilot.press("p")  # a sort is a query: the first page again, in the new order
        await settled(pilot)
        assert len(table.rows) == PAGE and table.cursor == 0
        shown = [who(screen.by_id[row.key]) for row in table.rows]
        assert shown == sorted(shown, key=fold)


async def test_end_goes_to_the_last_session_however_many_pages_it_is_away(build_app, store_dir) -> None:
    from sample_sessions import make_session

    from tui.screens.history_rows import PAGE

    store = Store(store_dir)
    for seed in range(2 * PAGE + 30):
        store.add(make_session(1, seed))
    oldest = store.summaries()[-1].id
    async with build_app(Start("history")).run_test(size=(60, 20)) as pilot:
        screen = await opened(pilot)
        await settled(pilot)
        table = screen.query_one(RowTable)
        await pilot.press("end")
        await until(pilot, lambda: table.current_key == oldest, "the cursor on the oldest session")
        await settled(pilot)
        assert len(table.rows) == 2 * PAGE + 30 and table.current_key == oldest
        await pilot.press("home", "end")  # all loaded: End is the last row at once
        assert table.current_key == oldest


async def test_a_file_changed_by_another_process_is_picked_up_when_history_is_shown_again(build_app, demo) -> None:
    import os

    from tui.snapshot_storage import AtomicJSONStorage
    from tui.storage import session_layout

    async with build_app(Start("history")).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await pilot.press("slash", *"zanzibar")
        await settled(pilot)
        assert names(screen) == []
        summary = demo.summaries(refresh=False)[-1]
        session = demo.load(summary.id)
        session.notes.append(Note(question=0, elapsed=5.0, text="They moved to Zanzibar"))
        synced = summary.path.with_name(".incoming.tmp")
        AtomicJSONStorage(synced).write(session_layout(session))
        os.replace(synced, summary.path)  # a sync: a new file in its place, the index not told
        await pilot.press("escape", "t")  # to themes and back
        await until(pilot, lambda: pilot.app.screen is not screen)
        await pilot.press("escape")
        await until(pilot, lambda: pilot.app.screen is screen)
        await pilot.press("slash", *"zanzibar")
        await settled(pilot)
        await until(pilot, lambda: names(screen) == [summary.participant_name])


async def test_a_full_index_rebuild_shows_a_progress_bar_and_history_after_it(build_app, demo, store_dir) -> None:
    from textual.widgets import ProgressBar

    from tui.index_file import INDEX_FILE
    from tui.widgets.rebuild_progress import RebuildProgress

    (store_dir / INDEX_FILE).unlink()  # rebuilt from the session files when history asks
    app = build_app(Start("history"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        assert len(names(screen)) == 8
        assert app.store.index.progress == app._index_progress  # every refresh of the index tells the app
        app._index_progress(500, 10_000)  # as the reading thread does, between batches
        await pilot.pause()
        bar = pilot.app.screen.query_one(RebuildProgress).query_one(ProgressBar)
        assert (bar.progress, bar.total) == (500, 10_000)
        app._index_progress(10_000, 10_000)
        await pilot.pause()
        assert not pilot.app.screen.query(RebuildProgress)


async def test_words_typed_right_after_slash_go_to_the_filter_not_to_the_table_keys(build_app, demo) -> None:
    async with build_app(Start("history")).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await burst(pilot, "slash", *"xero")  # one write from a fast hand: "e" and "x" are also table keys
        await settled(pilot)
        assert isinstance(pilot.app.screen, HistoryScreen)  # no export dialog, no delete question
        assert screen.query_one("#history-filter", Input).value == "xero"
        assert names(screen) == ["Ana Lima", "Ana Lima"]


async def test_a_filter_key_and_the_rows_it_keeps_are_drawn_in_one_frame(build_app, demo, monkeypatch) -> None:
    """No frame shows the filter a key made over the rows of the filter before it."""
    import tui.screens.base

    monkeypatch.setattr(tui.screens.base, "TOGETHER", 10.0)  # however slow this machine, the hold ends with the rows
    async with build_app(Start("history")).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await settled(pilot)
        await pilot.press("slash", *"xer")
        await settled(pilot)
        frames: list[bool] = []  # for each frame drawn: were the rows of its filter still on their way?
        display = pilot.app._display

        def recording(target, renderable) -> None:  # type: ignore[no-untyped-def]
            if renderable is not None:
                frames.append(screen.fetching)
            display(target, renderable)

        pilot.app._display = recording  # type: ignore[method-assign]
        await pilot.press("o")
        await settled(pilot)
        assert frames and not any(frames), frames
        assert screen.query_one(Input).value == "xero" and names(screen)


async def test_keys_typed_right_after_enter_in_the_filter_go_to_the_table(build_app, demo) -> None:
    """A fast hand: the filter, Enter and End in one write; End is the table's, not the field's."""
    async with build_app(Start("history")).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await settled(pilot)
        await pilot.press("slash")
        await burst(pilot, *"the", "enter", "end")
        await settled(pilot)
        table = screen.query_one(RowTable)
        assert screen.focused is table and screen.query_one(Input).value == "the"
        assert len(table.rows) > 1 and table.cursor == len(table.rows) - 1
        await pilot.press("enter")  # on the table, Enter opens the review again
        assert isinstance(pilot.app.screen, ReviewScreen)
