"""Finding guides: bundled ones, the user's own, and files named on the command line.

Later sources shadow earlier ones with the same name, so a user can replace a
bundled guide by saving their own copy under the same name. A guide that fails
to load is still listed, with its problems, so one broken file hides nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import tui
from tui.core.guide import Guide, GuideError, parse_guide
from tui.errors import UsageError
from tui.paths import user_guides_dir
from tui.reading import MAX_GUIDE_BYTES, Unreadable, read_bytes, size_text

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

BUNDLED, USER, PATH = "bundled", "user", "path"
GUIDE_SUFFIX = ".toml"


class GuideEntry(NamedTuple):
    """One guide file as discovery found it: loaded, or with its problems."""

    name: str
    source: str  # BUNDLED, USER or PATH
    path: str  # where the file is (a bundled one inside the installed package)
    guide: Guide | None
    problems: tuple[str, ...] = ()
    shadows: tuple[GuideEntry, ...] = ()  # earlier entries with the same name

    @property
    def ok(self) -> bool:
        return self.guide is not None


class Catalog(NamedTuple):
    guides: list[GuideEntry]  # in discovery order, unshadowed

    @property
    def names(self) -> list[str]:
        return [entry.name for entry in self.guides]

    def entry(self, name: str) -> GuideEntry | None:
        return next((entry for entry in self.guides if entry.name == name), None)

    def find(self, name_or_path: str) -> Guide:
        """The guide with this name, or the guide file at this path.

        Raises `UsageError` (one line) for an unknown name and `GuideError`
        (a `UsageError` with every problem) for a guide that does not load.
        """
        if looks_like_path(name_or_path):
            return load_guide(name_or_path)
        entry = self.entry(name_or_path)
        if entry is None:
            known = ", ".join(self.names) or "none"
            raise UsageError(
                f"unknown guide '{name_or_path}'; known guides: {known} "
                "(or give the path of a .toml guide file)"
            )
        if entry.guide is None:
            raise GuideError(list(entry.problems))
        return entry.guide


def find_guide(name_or_path: str) -> Guide:
    """As `discover().find(name_or_path)`, reading only the file that holds that guide (the user's
    copy, which shadows a bundled one, else the bundled one): `interview new --guide NAME` parses one."""
    if looks_like_path(name_or_path):
        return load_guide(name_or_path)
    user_folder = user_guides_dir()
    named = [f for f in _guide_files(user_folder if user_folder.is_dir() else None) if Path(f.name).stem == name_or_path]
    if named:
        entry = _entry(USER, str(named[0]), partial(load_guide, named[0], source=USER))
    elif bundled := [f for f in _guide_files(bundled_folder()) if Path(f.name).stem == name_or_path]:
        entry = _entry(BUNDLED, str(bundled[0]), partial(_parse_bundled, bundled[0]))
    else:
        return discover().find(name_or_path)  # unknown: its message lists the guides there are
    return Catalog([entry]).find(name_or_path)


def load_guide(path: str | os.PathLike[str], *, source: str = PATH) -> Guide:
    """Read and check one guide file, through the validated reading path.

    A folder, a FIFO, a device or a file over 1 MiB is one problem line, at once:
    reading never blocks or fills memory.
    """
    filename = os.fspath(path)
    try:
        data = read_bytes(filename, limit=MAX_GUIDE_BYTES)
    except Unreadable as error:
        if error.why.startswith("it is too large"):
            raise GuideError([f"{filename}: too large for a guide (over {size_text(MAX_GUIDE_BYTES)})"]) from None
        if error.missing:
            raise GuideError([f"{filename}: no such file"]) from None
        if error.why.endswith("not a regular file"):
            kind = error.why.removeprefix("it ").replace("a regular file", "a guide file")
            raise GuideError([f"{filename}: {kind}"]) from None
        raise GuideError([f"{filename}: cannot read it: {error.why}"]) from None
    file = Path(filename)
    return parse_guide(data, filename, name=file.stem, source=source, path=str(file.absolute()))


def looks_like_path(text: str) -> bool:
    """`interview new ./mine.toml` names a file; `interview new switching` a guide."""
    return text.endswith(GUIDE_SUFFIX) or "/" in text or os.sep in text


def discover(extra_paths: Iterable[str | os.PathLike[str]] = ()) -> Catalog:
    """Bundled guides, then the user's guides folder, then `extra_paths`, in that order.

    A guide shadows same-named guides from earlier sources; two files given
    on the command line never hide each other, since both were asked for.
    """
    guides: list[GuideEntry] = []
    for entry in _all_entries(extra_paths):
        hidden = [g for g in guides if g.name == entry.name and g.source != entry.source]
        if hidden:
            guides = [g for g in guides if all(g is not h for h in hidden)]
            entry = entry._replace(shadows=tuple(s for h in hidden for s in (*h.shadows, h)))
        guides.append(entry)
    return Catalog(guides)


def bundled_folder() -> Traversable | None:
    """The folder of guides shipped with the package.

    A wheel holds them at `tui/guides` (pyproject's force-include). An editable
    install or a bare checkout imports `tui` from the source tree, where they
    are the top-level `guides/` beside the package: hatchling copies
    force-included files into site-packages for an editable install, but
    Python never looks there for `tui`, so read the live source folder instead.
    Only a package imported from a zip needs importlib.resources (and the
    zipfile, lzma... it imports), so it is tried last.
    """
    package = Path(tui.__file__).resolve().parent
    if (package / "guides").is_dir():
        return package / "guides"
    checkout = package.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "guides").is_dir():
        return checkout / "guides"
    from importlib import resources

    packaged = resources.files(tui) / "guides"
    return packaged if packaged.is_dir() else None


def _all_entries(extra_paths: Iterable[str | os.PathLike[str]]) -> Iterator[GuideEntry]:
    for file in _guide_files(bundled_folder()):
        yield _entry(BUNDLED, str(file), partial(_parse_bundled, file))
    user_folder = user_guides_dir()
    for file in _guide_files(user_folder if user_folder.is_dir() else None):
        yield _entry(USER, str(file), partial(load_guide, file, source=USER))
    for raw in extra_paths:
        path = os.fspath(raw)
        yield _entry(PATH, path, partial(load_guide, path, source=PATH))


def _guide_files(folder: Traversable | None) -> list[Traversable]:
    """`*.toml` by name, but not hidden files such as editors' `.#name.toml` locks."""
    if folder is None:
        return []
    files = [f for f in folder.iterdir() if f.name.endswith(GUIDE_SUFFIX) and not f.name.startswith(".")]
    return sorted(files, key=lambda f: f.name)


def _parse_bundled(file: Traversable) -> Guide:
    name = Path(file.name).stem
    return parse_guide(file.read_bytes(), f"bundled/{file.name}", name=name, source=BUNDLED, path=str(file))


def _entry(source: str, path: str, load: Callable[[], Guide]) -> GuideEntry:
    name = Path(path).stem
    try:
        guide = load()
    except GuideError as error:
        return GuideEntry(name, source, path, None, tuple(error.problems))
    return GuideEntry(guide.name, source, path, guide)
