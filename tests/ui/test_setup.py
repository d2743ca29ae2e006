"""Setup keeps what is typed, shows Start without scrolling, and asks about consent to record."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Button, Input

from pilot_helpers import burst, screen_text

from tui.cli import build_parser
from tui.commands.app_commands import new_start
from tui.core.session import Participant, Session
from tui.screens.home import HomeScreen
from tui.screens.live import LiveScreen
from tui.screens.consent import ConsentPrompt
from tui.screens.setup import ConfirmDiscard, SetupScreen
from tui.store import Store

DATA = Path(__file__).parent / "data"


def cli_start(store_dir: Path, *extra: str):
    args = build_parser().parse_args(["--store", str(store_dir), "new", "--guide", str(DATA / "three.toml"), *extra])
    return new_start(args)


def earlier_session(store_dir: Path, guide) -> Session:
    session = Session(guide=guide, participant=Participant("Dana Lee", "Ops lead", "Acme", "mid-market"), status="completed")
    Store(store_dir).create(session).close()
    return session


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_start_shows_without_scrolling(build_app, store_dir, guide, size):
    earlier = earlier_session(store_dir, guide)  # a follow-up: one line more
    app = build_app(cli_start(store_dir, "--follow-up-of", earlier.id[:8]))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        start = setup.query_one("#start", Button).region
        assert start.height and start.bottom <= size[1] - 1  # above the footer
        assert setup.query_one("#consent").region.bottom <= start.y


async def test_a_burst_after_tab_lands_in_the_field_tab_moved_to(build_app, store_dir):
    app = build_app(cli_start(store_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        for key in [*"Dana", "tab", *"Ops lead", "enter", *"Acme", "shift+tab", *" Inc"]:  # all at once
            char = {"tab": "\t", "enter": "\r"}.get(key, key if len(key) == 1 else None)
            app.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
        setup = app.screen
        values = {f: setup.query_one(f"#{f}", Input).value for f in ("name", "role", "company")}
        assert values == {"name": "Dana", "role": "Ops lead Inc", "company": "Acme"}


async def test_escape_on_a_filled_form_asks_before_discarding(build_app, store_dir):
    app = build_app(cli_start(store_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *"Dana")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDiscard)
        await pilot.press("n")
        assert isinstance(app.screen, SetupScreen) and app.screen.query_one("#name", Input).value == "Dana"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_start_waits_for_an_answer_about_consent(build_app, store_dir):
    app = build_app(cli_start(store_dir))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await burst(pilot, *"Dana")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.focused is app.screen.query_one("#consent")
        assert "ask them first" in app.screen.query_one("#consent").render().plain
        await pilot.press("n", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        assert not app.screen.query("Toast")  # the reminder was the form's: a toast outlived it, over the notes
        assert app.screen.session.consent_to_record is False
        assert Store(store_dir).load(app.screen.session.id).consent_to_record is False


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_the_consent_line_shows_its_keys_only_while_they_answer(build_app, store_dir, size):
    """From the name field, y would be typed into the name: the line says how to reach it instead."""
    app = build_app(cli_start(store_dir))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert "Tab down to answer" in screen_text(app) and "y yes" not in screen_text(app)
        app.screen.query_one("#consent").focus()
        await pilot.pause()
        assert "y yes · n no" in screen_text(app) and "Tab down" not in screen_text(app)
        await pilot.press("y", "shift+tab")
        await pilot.pause()
        assert "● yes" in screen_text(app) and "y / n" not in screen_text(app)
        assert app.screen.query_one("#goal", Input).has_focus


async def test_new_with_a_participant_asks_about_consent_first(build_app, store_dir):
    app = build_app(cli_start(store_dir, "--participant", "Dana Lee"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConsentPrompt)
        assert Store(store_dir).summaries() == []  # nothing is created before the answer
        await pilot.press("y")
        await pilot.pause()
        live = app.screen
        assert isinstance(live, LiveScreen) and live.session.consent_to_record is True


async def test_consent_can_be_given_on_the_command_line(build_app, store_dir):
    app = build_app(cli_start(store_dir, "--participant", "Dana Lee", "--consent", "no"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        live = app.screen
        assert isinstance(live, LiveScreen) and live.session.consent_to_record is False


async def test_follow_up_of_copies_role_and_company(build_app, store_dir, guide):
    earlier = earlier_session(store_dir, guide)
    app = build_app(cli_start(store_dir, "--participant", "Dana Lee", "--consent", "yes", "--follow-up-of", earlier.id[:8]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        live = app.screen
        assert live.session.participant == Participant("Dana Lee", "Ops lead", "Acme", "mid-market")
        assert live.session.follow_up_of == earlier.id
    app = build_app(cli_start(store_dir, "--follow-up-of", earlier.id[:8]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        values = {f: app.screen.query_one(f"#{f}", Input).value for f in ("name", "role", "company", "segment")}
        assert values == {"name": "Dana Lee", "role": "Ops lead", "company": "Acme", "segment": "mid-market"}


async def test_a_burst_ending_in_ctrl_s_starts_with_what_was_typed(build_app, store_dir):
    app = build_app(cli_start(store_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        for key in [*"Dana", "tab", "tab", "tab", "tab", "tab", "tab", "y", "ctrl+s"]:  # to the consent line, y, start
            char = {"tab": "\t"}.get(key, key if len(key) == 1 else None)
            app.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
        live = app.screen
        assert isinstance(live, LiveScreen)
        assert live.session.participant.name == "Dana" and live.session.consent_to_record is True


async def test_a_name_typed_right_after_enter_at_home_lands_in_the_name_field(build_app, store_dir) -> None:
    """A fast hand: Enter on a guide and the participant's name in one write, before setup has focused its field.

    The name starts with `q` (home's quit key) and holds `n` and `h` (New, History): none may act at home.
    """
    from textual.widgets import OptionList

    from pilot_helpers import until
    from tui.app import Start

    async with build_app(Start()).run_test(size=(80, 24)) as pilot:
        menu = pilot.app.screen.query_one("#home-menu", OptionList)
        await until(pilot, lambda: (menu.highlighted_option.id or "").startswith("guide:") if menu.highlighted_option else False)
        await burst(pilot, "enter", *"quinn hahn", "enter", *"cto")
        screen = pilot.app.screen
        assert pilot.app.is_running and isinstance(screen, SetupScreen)
        assert (screen.query_one("#name", Input).value, screen.query_one("#role", Input).value) == ("quinn hahn", "cto")
