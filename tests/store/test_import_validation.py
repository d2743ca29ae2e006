"""A teammate's export with impossible values is refused in one line, never a crash later."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sample_sessions import make_session

from tui.cli import main
from tui.core.export import render

BROKEN = {
    "no guide questions": lambda d: d.update(guide={}),
    "a numeric start time": lambda d: d.update(started_at=12345),
    "a numeric note text": lambda d: d["notes"][0].update(text=123),
    "numeric themes": lambda d: d["notes"][0].update(themes=[1, 2]),
    "a null takeaway": lambda d: d.update(takeaways=[None]),
    "a question out of range": lambda d: d.update(current_question=99),
    "an unknown note kind": lambda d: d["notes"][0].update(kind="rant"),
    "a null probe": lambda d: d["guide"]["sections"][0]["questions"][0].update(probes=[None]),
}


@pytest.mark.parametrize("damage", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_export_is_one_line_and_the_store_stays_usable(tmp_path: Path, capsys, damage) -> None:
    data = json.loads(render(make_session(3, seed=5), "json"))
    damage(data)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data))
    store = tmp_path / "store"
    assert main(["--store", str(store), "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert main(["--store", str(store), "list"]) == 0


def test_a_null_participant_name_imports_as_anonymous(tmp_path: Path, capsys) -> None:
    data = json.loads(render(make_session(3, seed=6), "json"))
    data["participant"]["name"] = None
    path = tmp_path / "null-name.json"
    path.write_text(json.dumps(data))
    store = tmp_path / "store"
    assert main(["--store", str(store), "import", str(path)]) == 0
    assert main(["--store", str(store), "export", "latest"]) == 0
    assert "anonymous" in capsys.readouterr().out.lower()
