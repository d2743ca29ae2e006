"""Pilot fixtures: the real app, a real store in a tmp dir, a fake clock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tui.app import InterviewApp, Start, make_app
from tui.core.clock import FakeClock
from tui.core.guide import Guide
from tui.catalog import load_guide
from tui.demo import fill_store
from tui.store import Store

DATA = Path(__file__).parent / "data"


@pytest.fixture
def guide() -> Guide:
    return load_guide(DATA / "three.toml")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def build_app(store_dir: Path, clock: FakeClock, tmp_path: Path):
    """Build the app exactly as the CLI does, with injected store, clock and config."""

    def build(start: Start = Start()) -> InterviewApp:
        return make_app(store_dir=store_dir, clock=clock, start=start, config_path=tmp_path / "config.toml")

    return build


@pytest.fixture
def demo(store_dir: Path) -> Store:
    """The demo's eight sample interviews, dated as if today were 2025-04-01."""
    return fill_store(store_dir, date(2025, 4, 1))


@pytest.fixture
def seen() -> list[object]:
    """Every message the app handles, given `run_test(message_hook=seen.append)`: notices are read from it."""
    return []
