"""The bundled guides ship inside the wheel, and both kinds of install find them.

Each install goes into a fresh virtual environment that has no textual, and
the check runs from `/`, so nothing can come from this checkout by accident.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).parents[1]
GUIDES = ["customer-feedback", "customer-impact", "follow-up", "switching"]
TIMEOUT = 180

PROBE = """
import json, sys
from tui.catalog import discover
guides = [
    {"name": e.name, "source": e.source, "path": e.path, "title": e.guide.title if e.guide else None}
    for e in discover().guides
]
print(json.dumps({"guides": guides, "textual": "textual" in sys.modules}))
"""


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def copy_project(copy: Path) -> Path:
    """The project's packaged files, so building never touches the checkout."""
    copy.mkdir(exist_ok=True)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, copy / name)
    for name in ("tui", "guides"):
        shutil.copytree(REPO / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("project"))
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", out, project)
    (built,) = out.glob("*.whl")
    return built


def fresh_venv(where: Path) -> Path:
    """A venv without pip (this pip installs into it with `--python`): quick to make."""
    try:
        subprocess.run(
            [sys.executable, "-m", "venv", "--without-pip", str(where)],
            capture_output=True, timeout=TIMEOUT, check=True,
        )
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"cannot create a virtual environment here: {error}")
    return where / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def install(python: Path, *requirements: str | Path) -> None:
    # platformdirs is the one dependency the catalog needs; textual stays out.
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--quiet",
        *requirements, "platformdirs")


def listed(python: Path) -> dict:
    result = run(python, "-c", PROBE, cwd=Path("/"))
    return json.loads(result.stdout)


def test_wheel_holds_the_guides_under_tui_guides(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()

    assert sorted(n for n in names if n.startswith("tui/guides/")) == [
        f"tui/guides/{g}.toml" for g in GUIDES
    ]
    assert not any(n.startswith("guides/") for n in names)


def test_wheel_holds_every_screens_styles(wheel: Path) -> None:
    """Each screen reads its own tui/styles/<screen>.tcss when first built: all of them must ship."""
    names = zipfile.ZipFile(wheel).namelist()
    styles = sorted(f"tui/styles/{path.name}" for path in (Path(__file__).parent.parent / "tui" / "styles").glob("*.tcss"))

    assert len(styles) > 1 and sorted(n for n in names if n.startswith("tui/styles/")) == styles


def test_wheel_install_finds_the_bundled_guides(wheel: Path, tmp_path: Path) -> None:
    python = fresh_venv(tmp_path / "venv")
    install(python, wheel)

    found = listed(python)

    assert found["textual"] is False
    assert [(g["name"], g["source"]) for g in found["guides"]] == [(g, "bundled") for g in GUIDES]
    assert all("site-packages" in g["path"] for g in found["guides"])


def test_editable_install_finds_the_live_bundled_guides(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    python = fresh_venv(tmp_path / "venv")
    install(python, "--editable", project)
    switching = project / "guides" / "switching.toml"
    switching.write_text(switching.read_text().replace('"Switching interview"', '"Edited in place"'))

    found = listed(python)

    assert found["textual"] is False
    assert [(g["name"], g["source"]) for g in found["guides"]] == [(g, "bundled") for g in GUIDES]
    assert {g["path"] for g in found["guides"]} == {str(project / "guides" / f"{g}.toml") for g in GUIDES}
    assert found["guides"][-1]["title"] == "Edited in place"
