"""Search: notes across every session as you type, the query syntax, a bad query in one line, Enter to the note."""

from __future__ import annotations

import os

from textual.widgets import Input, Static

from tui.app import Start
from tui.core.session import Note
from tui.screens.history import HistoryScreen
from tui.screens.home import HomeScreen
from tui.screens.review import ReviewScreen
from tui.screens.search import SearchScreen
from tui.snapshot_storage import AtomicJSONStorage
from tui.storage import session_layout
from tui.store import Store
from tui.widgets.review_document import ReviewDocument
from tui.widgets.row_table import RowTable

from pilot_helpers import burst, screen_lines, until


def notes(screen: SearchScreen) -> list[str]:
    assert screen.found is not None
    return [screen.found.hits[row.key].text for row in screen.query_one(RowTable).rows]


async def typed(pilot, screen: SearchScreen, text: str) -> None:
    """Type `text` into the query and wait for the results of all of it."""
    await pilot.press(*text)
    await until(pilot, lambda: screen.found is not None and screen.found.text == screen.query_one(Input).value)


def problem(screen: SearchScreen) -> str:
    return str(screen.query_one("#search-problem", Static).render())


async def test_results_as_you_type_with_the_match_marked(build_app, demo) -> None:
    async with build_app(Start("search")).run_test(size=(100, 30)) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, SearchScreen)
        await typed(pilot, screen, "xer")
        assert notes(screen) and all("Xero" in text for text in notes(screen))
        first = screen.query_one(RowTable).rows[0].cells[3]
        marked = [first.plain[s.start : s.end] for s in first.spans]
        assert "Xero" in marked  # the match is a span of the note, not markup
        assert "notes match" in problem(screen) or "1 note matches" in problem(screen)
        assert any("Xero" in line for line in screen_lines(pilot.app))


async def test_the_syntax_of_interview_search(build_app, demo) -> None:
    async with build_app(Start("search")).run_test(size=(100, 30)) as pilot:
        screen = pilot.app.screen
        await typed(pilot, screen, "#exports kind:idea")
        assert notes(screen) and all(screen.found.hits[r.key].kind == "idea" for r in screen.query_one(RowTable).rows)
        assert all("exports" in screen.found.hits[r.key].themes for r in screen.query_one(RowTable).rows)
        await typed(pilot, screen, " -xero")
        assert all("Xero" not in text for text in notes(screen))
        await pilot.press("ctrl+u")
        await typed(pilot, screen, '"two days"')
        assert notes(screen) and all("two days" in text for text in notes(screen))


async def test_a_bad_query_is_one_line_and_keeps_the_results(build_app, demo) -> None:
    async with build_app(Start("search")).run_test(size=(100, 30)) as pilot:
        screen = pilot.app.screen
        await typed(pilot, screen, "export")
        before = notes(screen)
        screen.query_one(Input).insert_text_at_cursor(" kind:zzz")  # pasted: one change
        await until(pilot, lambda: "kind" in problem(screen))
        assert "\n" not in problem(screen)
        assert notes(screen) == before
        await pilot.press(*["backspace"] * len(" kind:zzz"))
        await until(pilot, lambda: "notes match" in problem(screen))


async def test_enter_opens_the_review_at_the_note(build_app, demo) -> None:
    async with build_app(Start("search")).run_test(size=(100, 30)) as pilot:
        screen = pilot.app.screen
        await typed(pilot, screen, "bulk invite")
        hit = next(iter(screen.found.hits.values()))
        await pilot.press("enter")
        review = pilot.app.screen
        assert isinstance(review, ReviewScreen) and review.session_id == hit.session_id
        document = review.query_one(ReviewDocument)
        await until(pilot, lambda: document.current is not None and document.current.note_id == hit.note_id)
        await pilot.press("escape")
        assert pilot.app.screen is screen


async def test_a_note_written_by_another_process_is_found_when_shown_again(build_app, demo: Store) -> None:
    async with build_app(Start("search")).run_test(size=(100, 30)) as pilot:
        screen = pilot.app.screen
        await typed(pilot, screen, "zanzibar")
        assert notes(screen) == []
        summary = demo.summaries(refresh=False)[-1]  # a completed session
        session = demo.load(summary.id)
        session.notes.append(Note(question=0, elapsed=5.0, text="They moved the office to Zanzibar"))
        synced = summary.path.with_name(".incoming.tmp")
        AtomicJSONStorage(synced).write(session_layout(session))
        os.replace(synced, summary.path)  # as a sync does: a new file in its place, the index not told
        pilot.app.push_screen(HomeScreen())
        await pilot.pause()
        pilot.app.pop_screen()
        await until(pilot, lambda: screen.found is not None and notes(screen) == ["They moved the office to Zanzibar"])


async def test_opened_from_home_history_and_the_palette(build_app, demo) -> None:
    async with build_app().run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
        await pilot.press("s")
        assert isinstance(pilot.app.screen, SearchScreen)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, HomeScreen)
        await pilot.press("h")
        history = pilot.app.screen
        assert isinstance(history, HistoryScreen)
        await until(pilot, lambda: history.settled)
        await pilot.press("slash", *"xero", "ctrl+f")
        search = pilot.app.screen
        assert isinstance(search, SearchScreen) and search.query_one(Input).value == "xero"
        await until(pilot, lambda: search.found is not None and notes(search))
        await pilot.press("escape", "escape", "escape")
        assert isinstance(pilot.app.screen, HistoryScreen)
        commands = [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]
        assert "Search notes" in commands


async def test_a_query_typed_right_after_s_at_home_lands_in_the_search_field(build_app, demo) -> None:
    """A fast hand: `s` and the words in one write, before the search screen has focused its field."""
    from pilot_helpers import burst

    async with build_app(Start()).run_test(size=(80, 24)) as pilot:
        assert isinstance(pilot.app.screen, HomeScreen)
        await burst(pilot, "s", *"xero")
        screen = pilot.app.screen
        assert isinstance(screen, SearchScreen) and pilot.app.is_running
        assert screen.query_one(Input).value == "xero"
        await until(pilot, lambda: screen.found is not None and screen.found.text == "xero", "no results for the typed query")
        assert notes(screen) and all("Xero" in text for text in notes(screen))


def test_the_themes_a_query_names_come_first_in_their_narrow_column() -> None:
    from tui.core.search import parse
    from tui.index_queries import Hit
    from tui.screens.search_rows import hit_row

    themes = ("onboarding", "pricing", "trust")
    hit = Hit("id", "file", "Ana", "Acme", "2025-01-01", "g", "", "n1", "slow text", "note", themes, 0.0, False)
    assert hit_row(parse("#tr", typing=True), hit).cells[4] == "#trust #onboarding #pricing"
    assert hit_row(parse("#pricing slow"), hit).cells[4] == "#pricing #onboarding #trust"
    assert hit_row(parse("slow"), hit).cells[4] == "#onboarding #pricing #trust"


async def test_a_key_and_its_results_are_drawn_in_one_frame(build_app, demo, monkeypatch) -> None:
    """No frame shows the query a key made beside the results of the query before it."""
    import tui.screens.base

    monkeypatch.setattr(tui.screens.base, "TOGETHER", 10.0)  # however slow this machine, the hold ends with the answer
    async with build_app(Start("search")).run_test(size=(80, 24)) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, SearchScreen)
        await typed(pilot, screen, "xer")
        frames: list[tuple[str, str | None]] = []
        display = pilot.app._display

        def recording(target, renderable) -> None:  # type: ignore[no-untyped-def]
            if renderable is not None:
                frames.append((screen.query_one(Input).value, screen.found.text if screen.found else None))
            display(target, renderable)

        pilot.app._display = recording  # type: ignore[method-assign]
        await pilot.press("o")
        await until(pilot, lambda: screen.found is not None and screen.found.text == "xero", "no results for xero")
        await pilot.pause()
        assert frames and all(typed == shown for typed, shown in frames), frames


async def test_enter_at_once_after_a_paste_opens_what_the_paste_finds(build_app, demo) -> None:
    """The hurried hand: the query and Enter in one burst, before its answer; Enter waits for it, then opens."""
    async with build_app(Start("search")).run_test(size=(100, 30)) as pilot:
        screen = pilot.app.screen
        await until(pilot, lambda: screen._indexed)
        await burst(pilot, *"bulk invite", "enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen), "Enter was lost")
        hit = screen.found.hits[screen.query_one(RowTable).rows[0].key]
        assert screen.found.text == "bulk invite" and "bulk invite" in hit.text.lower()
        document = pilot.app.screen.query_one(ReviewDocument)
        await until(pilot, lambda: document.current is not None and document.current.note_id == hit.note_id)

