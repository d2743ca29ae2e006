"""tui.core stays pure: no textual, no store, no UI (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import tui.core

FORBIDDEN = ("textual", "tinydb", "tui.store", "tui.storage", "tui.app", "tui.screens", "tui.widgets")

PROBE = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted(sys.modules)))
"""


def core_modules() -> list[str]:
    return sorted(
        info.name for info in pkgutil.walk_packages(tui.core.__path__, prefix="tui.core.")
    )


def test_core_has_modules_to_check() -> None:
    assert {"tui.core.guide", "tui.core.session"} <= set(core_modules())


def test_importing_every_core_module_loads_no_ui_or_store() -> None:
    modules = ["tui.core", *core_modules()]
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *modules], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    offenders = [m for m in loaded if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert offenders == []
