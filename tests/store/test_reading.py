"""The one reading path: regular files only, never blocking, size caps, strict JSON and TOML."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tui.reading import Unreadable, parse_json, parse_toml, read_ahead, read_bytes, read_json


def refused(path: Path, **options) -> str:
    """The refusal, which must come at once (a FIFO would block a plain open forever)."""
    outcome: list[BaseException | bytes] = []
    reader = threading.Thread(target=lambda: outcome.append(_try(path, **options)), daemon=True)
    reader.start()
    reader.join(5)
    assert outcome, "reading blocked"
    (error,) = outcome
    assert isinstance(error, Unreadable), error
    assert "\n" not in error.why
    return error.why


def _try(path: Path, **options) -> BaseException | bytes:
    try:
        return read_bytes(path, limit=1024, **options)
    except BaseException as error:  # noqa: BLE001 - handed to the test thread
        return error


def test_a_fifo_a_device_and_a_folder_are_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert refused(fifo) == "it is a FIFO (named pipe), not a regular file"
    assert refused(Path("/dev/zero")) == "it is a device, not a regular file"
    assert refused(tmp_path) == "it is a folder, not a regular file"


def test_a_symlink_is_followed_for_a_path_the_user_gave_but_never_inside_the_store(tmp_path: Path) -> None:
    target = tmp_path / "target.json"
    target.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert read_bytes(link, limit=10) == b"{}"
    assert "symbolic link" in refused(link, follow_symlinks=False)
    (tmp_path / "zero").symlink_to("/dev/zero")
    assert "device" in refused(tmp_path / "zero")


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big"
    with big.open("wb") as file:
        file.truncate(10 * 1024 * 1024 * 1024)  # 10 GiB on paper
    assert refused(big) == "it is too large (10 GiB; the limit is 1 KiB)"
    with pytest.raises(Unreadable) as missing:
        read_bytes(tmp_path / "missing", limit=1)
    assert missing.value.missing and missing.value.why == "no such file"


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b'{"a": NaN}', "NaN at byte 6"),
        (b"[Infinity]", "Infinity at byte 1"),
        (b"[-Infinity]", "JSON has no NaN or Infinity"),
        (b"[1e999]", "out of range"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b"{oops", "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
    ],
)
def test_json_is_standard_json_only(data: bytes, why: str) -> None:
    with pytest.raises(Unreadable) as raised:
        parse_json(data)
    assert why in raised.value.why and "\n" not in raised.value.why


def test_json_that_is_fine_reads_as_plain_values(tmp_path: Path) -> None:
    path = tmp_path / "ok.json"
    path.write_text('{"a": [1, 2.5, "é", null, true]}')
    assert read_json(path, limit=100) == {"a": [1, 2.5, "é", None, True]}


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"a = " + b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b"a = {b = " * 3000 + b"1" + b"}" * 3000, "TOML"),
        (b"a = = 1", "invalid TOML"),
        (b"\xff = 1", "not UTF-8"),
    ],
)
def test_toml_refusals_are_one_line(data: bytes, why: str) -> None:
    with pytest.raises(Unreadable) as raised:
        parse_toml(data)
    assert why in raised.value.why and "\n" not in raised.value.why


def test_reading_ahead_never_blocks_follows_or_raises(tmp_path: Path) -> None:
    """A batch's files are advised before the reading path opens them: a hostile entry is skipped, not opened as data."""
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    (tmp_path / "folder.json").mkdir()
    (tmp_path / "session.json").write_text("{}")
    paths = [tmp_path / name for name in ("pipe.json", "zero.json", "folder.json", "missing.json", "session.json")]
    done: list[str] = []
    advised = threading.Thread(target=lambda: (read_ahead(paths), done.append("returned")), daemon=True)
    advised.start()
    advised.join(5)
    assert done == ["returned"], "reading ahead blocked or raised"
    assert read_bytes(tmp_path / "session.json", limit=10) == b"{}"
