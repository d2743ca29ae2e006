"""Keys are remappable by binding id in the user's config file."""

from __future__ import annotations

from tui.app import Start, make_app
from tui.core.session import Participant, Session
from tui.screens.live import LiveScreen
from tui.store import Store
from tui.widgets.theme_tally import ThemeTally


async def test_live_keys_follow_the_users_keymap(tmp_path, store_dir, clock, guide):
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\nnext_question = "f12"\nbump_theme_1 = "ctrl+y"\n')
    session = Session(guide=guide, participant=Participant(name="Kim"))
    Store(store_dir).create(session).close()
    app = make_app(store_dir=store_dir, clock=clock, start=Start("live", session_id=session.id), config_path=config)
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.screen
        assert isinstance(live, LiveScreen)
        await pilot.press("ctrl+n")  # no longer bound: ignored
        assert live.session.current_question == 0
        await pilot.press("f12")
        assert live.session.current_question == 1
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert live.session.tally()["onboarding"] == 1
        assert live.query_one(ThemeTally).keys["onboarding"] == "^y"


async def test_a_broken_config_is_reported_in_one_line_and_ignored(tmp_path, store_dir, clock):
    config = tmp_path / "config.toml"
    config.write_text("[keymap\n")
    app = make_app(store_dir=store_dir, clock=clock, config_path=config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        messages = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any(str(config) in m and "ignored" in m for m in messages), messages
