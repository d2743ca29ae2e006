"""Themes screen: the most widespread first, pains apart from ideas, quotes with who said them."""

from __future__ import annotations



from tui.app import Start
from tui.screens.history import HistoryScreen
from tui.screens.themes import ThemesExport, ThemesScreen
from tui.widgets.row_table import RowTable

from pilot_helpers import until


async def opened(pilot) -> ThemesScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ThemesScreen)
    await until(pilot, lambda: screen.report is not None)
    return screen


def ranked(screen: ThemesScreen) -> list[str]:
    return [row.key for row in screen.query_one(RowTable).rows]


def quotes_text(screen: ThemesScreen) -> str:
    return str(screen.query_one("#themes-quotes").render())


async def test_themes_rank_by_how_many_people_mention_them(build_app, demo) -> None:
    async with build_app(Start("themes")).run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        assert ranked(screen)[:5] == ["reporting", "exports", "workaround", "permissions", "pricing"]
        rows = {row.key: row for row in screen.query_one(RowTable).rows}
        assert rows["reporting"].cells[2] == "7" and rows["exports"].cells[5] == "15"  # breadth, then mentions
        assert rows["exports"].cells[2:4] == ("5", "6")  # Ana Lima and her follow-up: one person, two sessions
        title = str(screen.query_one("#themes-title").render())
        assert "8 sessions" in title and "ranked by how many people mention them" in title
        await pilot.press("down")
        assert "#exports  5 people · 6 of 8 sessions (75%)" in quotes_text(screen)


async def test_the_saturation_verdict_answers_for_the_guide_shown(build_app, demo) -> None:
    async with build_app(Start("themes")).run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        verdict = str(screen.query_one("#themes-verdict").render())
        assert "The last 2 interviews added 0 new themes, 0% of 27: saturation reached" in verdict
        assert "4 guides: g picks one" in verdict
        assert "7 people · 27 themes" in str(screen.query_one("#themes-saturation-counts").render())
        assert list(screen.query_one("#themes-spark").data) == [13, 4, 8, 1, 1, 0, 0]  # new themes per person
        await pilot.press("g")
        await until(pilot, lambda: screen.report.guide == "customer-feedback")
        await until(pilot, lambda: "3 more" in str(screen.query_one("#themes-verdict").render()))
        verdict = str(screen.query_one("#themes-verdict").render())
        assert verdict == "3 participants so far; the rule needs at least 6 (4 + 2): 3 more before it can say."


async def test_quotes_say_who_said_them(build_app, demo) -> None:
    async with build_app(Start("themes")).run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        text = quotes_text(screen)  # the top theme, #reporting
        assert "“I don't trust a number I can't trace back to the invoice." in text
        assert "— Björn Åkesson (Nordvik Freight), 2025-03-06" in text
        await pilot.press("down")
        assert "#exports" in quotes_text(screen) and "— Ana Lima (Acme Logistics)" in quotes_text(screen)


async def test_problems_and_ideas_are_ranked_apart(build_app, demo) -> None:
    async with build_app(Start("themes")).run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("p")
        assert ranked(screen)[:3] == ["exports", "reporting", "permissions"]
        assert "Problems" in str(screen.query_one("#themes-title").render())
        header = screen.query_one(RowTable).render_line(0).text
        assert "Pain in" in header
        await pilot.press("i")
        assert ranked(screen)[:2] == ["permissions", "reporting"]
        assert "#workaround" not in ranked(screen)  # never an idea
        await pilot.press("a")
        assert ranked(screen)[0] == "reporting"


async def test_guide_key_narrows_to_one_guide_at_a_time(build_app, demo) -> None:
    async with build_app(Start("themes")).run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("g")
        await until(pilot, lambda: screen.report.guide == "customer-feedback")
        assert screen.report.sessions == 3
        for _ in range(4):
            await pilot.press("g")
        await until(pilot, lambda: screen.report.guide is None)
        assert screen.report.sessions == 8


async def test_enter_shows_the_sessions_that_mention_the_theme(build_app, demo) -> None:
    async with build_app(Start("themes")).run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        table = screen.query_one(RowTable)
        table.cursor = ranked(screen).index("permissions")
        await pilot.press("enter")
        history = pilot.app.screen
        assert isinstance(history, HistoryScreen)
        await until(pilot, lambda: history.settled)
        shown = [history.by_id[row.key].participant_name for row in history.query_one(RowTable).rows]
        assert sorted(shown) == ["Ana Lima", "Ana Lima", "Björn Åkesson", "Chidi Okafor", "Dana Levi"]
        await pilot.press("escape", "escape")
        assert pilot.app.screen is screen


async def test_export_saves_markdown_csv_and_json_in_the_stores_exports_folder(build_app, demo, store_dir) -> None:
    tmp_path = store_dir / "exports"
    async with build_app(Start("themes")).run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        for key, suffix in (("m", "md"), ("v", "csv"), ("j", "json")):
            await pilot.press("e")
            assert isinstance(pilot.app.screen, ThemesExport)
            await pilot.press(key)
            target = tmp_path / f"themes-2025-03-30.{suffix}"
            await until(pilot, target.exists)
    assert (tmp_path / "themes-2025-03-30.md").read_text(encoding="utf-8").startswith("# Themes across interviews")
    assert (tmp_path / "themes-2025-03-30.csv").read_text(encoding="utf-8").startswith("rank,theme,")


async def test_no_sessions_says_where_themes_come_from(build_app) -> None:
    async with build_app(Start("themes")).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        assert "#theme" in screen.query_one(RowTable).render_line(1).text
