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


async def test_keymap_mistakes_are_reported_at_start_and_lose_no_binding(tmp_path, store_dir, clock, guide):
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\nnext_questoin = "f12"\nbump_theme_1 = "ctrl+b"\nsilence = "f11"\n')
    app = make_app(store_dir=store_dir, clock=clock, config_path=config)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        messages = [str(toast.render()) for toast in app.screen.query("Toast")]
        unknown = [m for m in messages if "next_questoin" in m]
        clash = [m for m in messages if "bump_theme_1" in m]
        assert len(unknown) == 1 and "'f12'" in unknown[0] and "did you mean 'next_question'" in unknown[0]
        assert len(clash) == 1 and "'ctrl+b'" in clash[0] and "previous_question" in clash[0] and "F2" in clash[0]
        assert len(messages) == 2  # silence = "f11" is fine
    session = Session(guide=guide, participant=Participant(name="Kim"), consent_to_record=True)
    Store(store_dir).create(session).close()
    app = make_app(store_dir=store_dir, clock=clock, start=Start("live", session_id=session.id), config_path=config)
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.screen
        await pilot.press("ctrl+n", "ctrl+b")  # Back is still Back
        assert live.session.current_question == 0
        await pilot.press("f2", "f11")  # theme 1 keeps F2; the silence moved to F11
        await pilot.pause()
        assert live.session.tally()["onboarding"] == 1 and live.live.silence_since is not None
