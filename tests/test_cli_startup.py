"""CLI start-up: `interview --version` and `interview guides` import only what they need; --help lists every command."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tui.commands import COMMANDS

PROBE = """
import json, sys
from tui.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""
HEAVY = ("tinydb", "textual", "rich", "msgspec", "sqlite3", "tui.store", "tui.storage", "tui.index")


def loaded_by(*args: str, env: dict[str, str] | None = None) -> tuple[list[str], str]:
    """The modules `interview ARGS` has imported once it is done, and what it printed."""
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60, env=env)
    *_, modules = result.stderr.strip().splitlines()
    return json.loads(modules), result.stdout


def heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]


def test_version_imports_no_command_no_store_no_tinydb_no_textual() -> None:
    modules, out = loaded_by("--version")
    assert out.startswith("interview ")
    assert heavy(modules) == [] and not [m for m in modules if m.startswith("tui.commands.")]


def test_guides_imports_no_store_no_tinydb_no_textual(tmp_path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    modules, out = loaded_by("guides", env=env)
    assert "customer-impact" in out
    assert heavy(modules) == []
    assert [m for m in modules if m.startswith("tui.commands.")] == ["tui.commands.guides"]


def test_help_lists_every_command_with_its_help_line() -> None:
    result = subprocess.run([sys.executable, "-m", "tui", "--help"], capture_output=True, text=True, timeout=60, check=True)
    shown = " ".join(result.stdout.split())
    for name, _, help_line in COMMANDS:
        assert f"{name} {' '.join(help_line.split())}" in shown, name


@pytest.mark.parametrize("args, says", [(["list", "--help"], "--json"), (["--store", "x", "search", "--help"], "--limit")])
def test_a_commands_help_shows_its_own_arguments(args: list[str], says: str) -> None:
    result = subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=60, check=True)
    assert says in result.stdout


def test_an_unknown_command_is_one_line_exit_2() -> None:
    result = subprocess.run([sys.executable, "-m", "tui", "lsit"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "invalid choice" in result.stderr


# What reads or writes a session's contents, or rows of the index: a list of an index in step needs none.
NOT_FOR_A_WARM_LIST = (
    "msgspec", "textual", "rich", "tui.core.session", "tui.core.schema", "tui.core.formats", "tui.journal",
    "tui.writer", "tui.index_rows", "tui.index_tables", "tui.index_queries", "tui.index_bulk", "tui.store_import",
    "tui.snapshot_storage", "tinydb", "dataclasses", "inspect",
)


def test_a_list_of_an_index_in_step_imports_no_session_model_no_parser_no_writer(tmp_path) -> None:
    from tui.demo import fill_store
    from tui.final_folds import wait_for_folds

    root = tmp_path / "store"
    fill_store(root)
    wait_for_folds()
    loaded_by("--store", str(root), "list")  # its own first run: the index is opened here once
    modules, out = loaded_by("--store", str(root), "list")
    assert "Ana Lima" in out and out.count("\n") == 9  # the header and the 8 demo sessions
    assert [m for m in modules if any(m == h or m.startswith(h + ".") for h in NOT_FOR_A_WARM_LIST)] == []


def test_a_list_rereads_a_file_changed_behind_its_back_with_what_that_imports(tmp_path) -> None:
    from tui.demo import fill_store
    from tui.final_folds import wait_for_folds

    root = tmp_path / "store"
    fill_store(root)
    wait_for_folds()
    path = next(p for p in (root / "sessions").iterdir() if "ana-lima" in p.name)
    data = json.loads(path.read_text())
    data["session"]["1"]["participant"]["name"] = "Ana Lima-Sousa"
    path.write_text(json.dumps(data))  # as a sync or an editor would: the index has not seen it
    modules, out = loaded_by("--store", str(root), "list")
    assert "Ana Lima-Sousa" in out and "tui.index_tables" in modules
