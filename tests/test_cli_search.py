"""`interview search QUERY`: the matching notes across sessions, marked; mistakes one line and exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pilot_helpers import printed_on_a_terminal

from tui.cli import main
from tui.commands.search import JSON_FORMAT
from tui.core.session import Note
from tui.demo import fill_store
from tui.store import Store


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def demo(root: Path) -> Store:
    return fill_store(root, date(2025, 4, 1))


def run(root: Path, *args: str) -> int:
    return main(["--store", str(root), "search", *args])


def interview(root: Path, *args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tui", "--store", str(root), "search", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False, **kwargs)


def test_markdown_lists_each_note_with_who_when_the_question_and_the_match_in_bold(root: Path, demo: Store, capsys) -> None:
    assert run(root, "xero") == 0
    out = capsys.readouterr().out
    assert out.startswith("# Search: xero\n\n2 notes match, best first.\n")
    assert "**Ana Lima (Acme Logistics)**, 2025-03-" in out
    assert "**Xero**" in out and "   Q: " in out and " · session " in out and " · #integrations" in out


def test_json_gives_each_note_and_where_it_matched(root: Path, demo: Store, capsys) -> None:
    assert run(root, "xero", "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == JSON_FORMAT and data["total"] == 2 and data["ranked"] is True
    note = data["notes"][0]
    assert set(note) >= {"session_id", "file", "participant", "date", "question", "note_id", "kind", "text", "themes", "matches"}
    start, end = note["matches"][0]
    assert note["text"][start:end].lower() == "xero"


def test_words_in_several_arguments_all_match_and_limit_caps_the_list(root: Path, demo: Store, capsys) -> None:
    assert run(root, "month", "end", "--format", "json") == 0
    both = json.loads(capsys.readouterr().out)
    assert both["total"] and all("month" in n["text"].lower() and "end" in n["text"].lower() for n in both["notes"])
    assert run(root, "#exports", "--limit", "2") == 0
    out = capsys.readouterr().out
    assert "the first 2 shown (--limit)" in out and "\n3. " not in out


def test_no_match_says_so(root: Path, demo: Store, capsys) -> None:
    assert run(root, "zzzz") == 0
    assert "No note matches." in capsys.readouterr().out


@pytest.mark.parametrize(
    "query, says",
    [
        ('"month end', 'a quote (") is not closed'),
        ("kind:bug", "kind: takes one of note, quote, pain"),
        ("since:2025-02-30", "since: takes a date like"),
        ("xero guide:nope", "no sessions use the guide 'nope'; guides in the store: customer-feedback"),
        ("guide:switching", "nothing to search for"),
        ("& —", "nothing to search for"),
    ],
)
def test_a_mistyped_query_is_one_line_and_exit_2(root: Path, demo: Store, query: str, says: str) -> None:
    result = interview(root, query)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("interview: ") and result.stderr.count("\n") == 1 and says in result.stderr
    assert "Traceback" not in result.stderr and "fts5" not in result.stderr.lower()


def test_fts5_syntax_in_a_query_is_just_words(root: Path, demo: Store) -> None:
    result = interview(root, 'NEAR(export month) OR text:* ^export')
    assert result.returncode == 0 and "Traceback" not in result.stderr


def test_note_text_reaches_a_terminal_with_its_control_characters_shown(root: Path) -> None:
    store = fill_store(root, date(2025, 4, 1))
    session = store.load(store.resolve("latest"))
    with store.open_writer(session.id) as writer:
        note = Note.from_typed("payload \x1b]52;c;bad\x07 here #escape", question=0, elapsed=1.0)
        writer.session.add_note(note)
        writer.save_note(note)
    writer.wait_closed(10)
    result, shown = printed_on_a_terminal([sys.executable, "-m", "tui", "--store", str(root), "search", "payload"])
    assert result.returncode == 0, result.stderr
    assert b"\x1b" not in shown and b"\x07" not in shown and "␛".encode() in shown and b"**payload**" in shown
    piped = interview(root, "payload", "--format", "json")
    assert json.loads(piped.stdout)["notes"][0]["text"] == "payload \x1b]52;c;bad\x07 here #escape"  # exact into a pipe


def test_search_is_listed_in_help_and_never_imports_textual(root: Path, demo: Store) -> None:
    probe = (
        "import sys; from tui.cli import main; "
        f"main(['--store', {str(root)!r}, 'search', 'xero']); "
        "print('TEXTUAL' if 'textual' in sys.modules else 'NO TEXTUAL', file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0 and result.stderr.strip().endswith("NO TEXTUAL")
    help_text = subprocess.run([sys.executable, "-m", "tui", "--help"], capture_output=True, text=True, timeout=60).stdout
    assert "search" in help_text and "find the notes" in help_text
