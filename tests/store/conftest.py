"""Store fixtures: a real store in a tmp dir, realistic sessions from tests/sample_sessions.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


from sample_sessions import make_session  # noqa: E402

from tui.core.session import Session  # noqa: E402
from tui.store import Store  # noqa: E402


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store")


@pytest.fixture
def saved(store: Store) -> Callable[..., Session]:
    """Save a sample session (closing its writer) and return it."""

    def save(seed: int = 0, n_notes: int = 5, **changes: object) -> Session:
        session = make_session(n_notes, seed)
        for name, value in changes.items():
            setattr(session, name, value)
        store.create(session).close()
        return session

    return save
