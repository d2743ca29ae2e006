"""`interview themes` over a real store: formats, filters, one-line errors, a cache that follows the files."""

from __future__ import annotations

import csv
import io
import json
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.themes_report import CSV_COLUMNS, JSON_FORMAT
from tui.core.session import Note, Participant, Session
from tui.demo import demo_sessions, fill_store
from tui.store import Store

TODAY = date(2025, 4, 1)  # the demo interviews fall between 2025-03-02 and 2025-03-30


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def demo(root: Path) -> Store:
    return fill_store(root, TODAY)


def run(root: Path, *args: str) -> int:
    return main(["--store", str(root), "themes", *args])


def interview(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tui", "--store", str(root), "themes", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def table_themes(markdown: str) -> list[str]:
    """The themes of the ranked table, in order."""
    return [line.split("|")[2].strip().lstrip("#") for line in markdown.splitlines() if line.startswith("| ") and "#" in line]


def test_an_empty_store_says_there_is_nothing_yet(root: Path, capsys) -> None:
    assert run(root) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Themes across interviews") and "No themes tagged" in out


def test_markdown_by_default_most_widespread_first(root: Path, demo: Store, capsys) -> None:
    assert run(root) == 0
    out = capsys.readouterr().out
    assert table_themes(out)[:4] == ["reporting", "exports", "workaround", "permissions"]
    assert "8 sessions, 2025-03-02 to 2025-03-30" in out
    assert "## Problems, most widespread first" in out and "## Ideas, most widespread first" in out
    assert "— Björn Åkesson (Nordvik Freight), 2025-03-06" in out


def test_csv_and_json(root: Path, demo: Store, capsys) -> None:
    assert run(root, "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert rows[0]["theme"] == "reporting" and rows[0]["sessions"] == "7"
    assert run(root, "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == JSON_FORMAT and data["sessions"] == 8
    assert data["problems"][0] == "exports" and data["ideas"][0] == "permissions"


def test_guide_filter_any_case(root: Path, demo: Store, capsys) -> None:
    assert run(root, "--guide", "Switching", "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sessions"] == 2 and data["guide"] == "Switching"
    assert {q["participant"] for t in data["themes"] for q in t["quotes"]} == {"Chidi Okafor", "Farah Haddad"}


def test_since_filter(root: Path, demo: Store, capsys) -> None:
    assert run(root, "--since", "2025-03-20", "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sessions"] == 4 and data["first_date"] == "2025-03-20" and data["since"] == "2025-03-20"


def test_a_filter_that_matches_nothing_is_an_empty_report_not_an_error(root: Path, demo: Store, capsys) -> None:
    assert run(root, "--since", "2030-01-01") == 0
    assert "0 sessions" in capsys.readouterr().out


@pytest.mark.parametrize("since", ["last week", "2025-02-30", "03/01/2025"])
def test_a_bad_since_is_one_line_exit_2(root: Path, demo: Store, since: str) -> None:
    result = interview(root, "--since", since)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"interview: --since must be a date like 2025-03-01, not {since!r}\n"


def test_an_unknown_guide_is_one_line_naming_the_known_ones(root: Path, demo: Store) -> None:
    result = interview(root, "--guide", "nope")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "customer-feedback, customer-impact, follow-up, switching" in result.stderr


def test_a_bad_format_is_a_usage_error(root: Path) -> None:
    result = interview(root, "--format", "xlsx")
    assert result.returncode == 2 and "invalid choice" in result.stderr and result.stderr.count("\n") == 1


def test_output_file_is_private(root: Path, demo: Store, tmp_path: Path, capsys) -> None:
    target = tmp_path / "themes.csv"
    assert run(root, "--format", "csv", "--output", str(target)) == 0
    assert target.read_text(encoding="utf-8").startswith("rank,theme,")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    out, err = capsys.readouterr()
    assert out == "" and str(target) in err


def test_the_index_follows_new_changed_and_deleted_sessions(root: Path, demo: Store, capsys) -> None:
    run(root, "--format", "json")
    assert "index.sqlite3" in {p.name for p in root.iterdir()}
    capsys.readouterr()
    guide = demo_sessions(TODAY)[0].guide
    added = Session(guide=guide, participant=Participant(name="New Person"), started_at="2025-03-31T09:00:00+00:00")
    with demo.create(added) as writer:
        note = Note.from_typed("! Brand new problem #fresh-theme", question=0, elapsed=1.0)
        added.add_note(note)
        writer.save_note(note)
    run(root, "--format", "json")
    fresh = next(t for t in json.loads(capsys.readouterr().out)["themes"] if t["theme"] == "fresh-theme")
    assert fresh["quotes"][0]["participant"] == "New Person"

    with demo.open_writer(added.id) as writer:
        writer.session.notes[0].retype("! Renamed #other-theme")
        writer.save_note(writer.session.notes[0])
    run(root, "--format", "json")
    themes = {t["theme"] for t in json.loads(capsys.readouterr().out)["themes"]}
    assert "other-theme" in themes and "fresh-theme" not in themes

    demo.delete(added.id)
    run(root, "--format", "json")
    assert "other-theme" not in {t["theme"] for t in json.loads(capsys.readouterr().out)["themes"]}


def test_a_damaged_index_is_moved_aside_and_rebuilt(root: Path, demo: Store, capsys) -> None:
    run(root, "--format", "json")
    expected = capsys.readouterr().out
    for suffix in ("-wal", "-shm"):
        (root / f"index.sqlite3{suffix}").unlink()
    (root / "index.sqlite3").write_text("{ not json")
    assert run(root, "--format", "json") == 0
    out, err = capsys.readouterr()
    assert out == expected
    assert err.count("\n") == 1 and "index.sqlite3" in err and "moved" in err.lower()


def test_themes_never_imports_textual(root: Path, demo: Store) -> None:
    probe = (
        "import sys; from tui.cli import main; "
        f"main(['--store', {str(root)!r}, 'themes', '--format', 'csv']); "
        "print('TEXTUAL' if 'textual' in sys.modules else 'NO TEXTUAL', file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0 and result.stderr.strip().endswith("NO TEXTUAL")


def test_history_and_demo_are_listed_in_help() -> None:
    result = subprocess.run([sys.executable, "-m", "tui", "--help"], capture_output=True, text=True, timeout=60, check=True)
    assert all(name in result.stdout for name in ("history", "themes", "demo"))
