"""`interview guides`: listing, discovery order, shadowing and clear errors for bad files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import tui.catalog
from tui.catalog import BUNDLED, PATH, USER, discover, find_guide
from tui.cli import main
from tui.core.guide import GuideError
from tui.errors import UsageError

REPO = Path(__file__).parents[1]
BUNDLED_NAMES = ["customer-feedback", "customer-impact", "follow-up", "switching"]
VALID = (
    'title = "Mine"\ngoal = "Learn things."\n'
    '[[sections]]\ntitle = "Only"\nminutes = 10\n'
    '[[sections.questions]]\ntext = "Tell me about your week."\n'
)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, with platformdirs' user config pointing into it."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def user_guides(isolated: Path) -> Path:
    folder = isolated / "config" / "interview-companion" / "guides"
    folder.mkdir(parents=True)
    return folder


def run_guides(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["guides", *args])
    out, err = capsys.readouterr()
    return code, out, err


# --- malformed guide files through the real CLI ------------------------------
BAD_GUIDES = {
    "toml-syntax": (
        b'title = "T"\ngoal = \n',
        ["bad.toml:2: invalid TOML: invalid value (column 8)"],
    ),
    "key-set-twice": (
        b'title = "T"\ntitle = "U"\n',
        ["bad.toml:2: invalid TOML: cannot overwrite a value, is a key set twice? (column 12)"],
    ),
    "table-declared-twice": (
        b'[silence]\n[silence]\n',
        ["bad.toml:2: invalid TOML: cannot declare [silence] twice (column 9)"],
    ),
    "not-utf8": (
        b'title = "T"\ngoal = "caf\xe9"\n',
        ["bad.toml:2: not UTF-8 text (byte 0xe9); save the file as UTF-8"],
    ),
    "binary": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        ["bad.toml: looks like a binary file (it has NUL bytes), not a TOML guide"],
    ),
    "empty": (b"", ["bad.toml: the file is empty"]),
    "blank": (b"  \n\n", ["bad.toml: the file is empty"]),
    "only-comments": (
        b"# a guide, one day\n",
        ["bad.toml: the guide is empty; it needs a title, a goal and at least one [[sections]] with questions"],
    ),
    "questions-typo": (
        VALID.replace("sections.questions", "sections.questons").encode(),
        [
            "bad.toml: sections[0]: unknown key 'questons' (did you mean 'questions'?)",
            "bad.toml: sections[0].questions: is required (at least one [[sections.questions]] table)",
        ],
    ),
    "unknown-key": (
        b"colour = 3\n" + VALID.encode(),
        ["bad.toml: unknown key 'colour' (expected title, goal, duration_minutes, themes, silence, sections)"],
    ),
    "bool-is-not-int": (
        b"duration_minutes = true\n" + VALID.encode(),
        ["bad.toml: duration_minutes: must be a whole number of minutes, not boolean true"],
    ),
    "float-minutes": (
        VALID.replace("minutes = 10", "minutes = 2.5").encode(),
        ["bad.toml: sections[0].minutes: must be a whole number of minutes, not float 2.5"],
    ),
    "zero-minutes": (
        VALID.replace("minutes = 10", "minutes = 0").encode(),
        ["bad.toml: sections[0].minutes: must be greater than 0, not 0"],
    ),
    "negative-duration": (
        b"duration_minutes = -45\n" + VALID.encode(),
        ["bad.toml: duration_minutes: must be greater than 0, not -45"],
    ),
    "blank-title": (
        VALID.replace('title = "Mine"', 'title = "   "').encode(),
        ["bad.toml: title: must be a non-empty string"],
    ),
    "missing-goal": (
        VALID.replace('goal = "Learn things."\n', "").encode(),
        ["bad.toml: goal: is required (a non-empty string)"],
    ),
    "no-sections": (
        b'title = "T"\ngoal = "G"\n',
        ["bad.toml: sections: is required (at least one [[sections]] table)"],
    ),
    "single-bracket-sections": (
        b'title = "T"\ngoal = "G"\n[sections]\ntitle = "S"\n',
        ["bad.toml: sections: must be an array of tables: write [[sections]] with double brackets"],
    ),
    "empty-section": (
        VALID.encode() + b'[[sections]]\ntitle = "Empty"\nquestions = []\n',
        ["bad.toml: sections[1].questions: must have at least one question"],
    ),
    "empty-question-text": (
        VALID.replace("Tell me about your week.", "").encode(),
        ["bad.toml: sections[0].questions[0].text: must be a non-empty string"],
    ),
    "duplicate-section-title": (
        VALID.encode() + b'[[sections]]\ntitle = "only"\n[[sections.questions]]\ntext = "Why?"\n',
        ['bad.toml: sections[1].title: "only" is already the title of sections[0]; section titles must be unique'],
    ),
    "duplicate-theme": (
        b'themes = ["Time saved", "support", "time_saved"]\n' + VALID.encode(),
        ['bad.toml: themes[2]: "time_saved" is the same theme as themes[0] "Time saved" (#time-saved)'],
    ),
    "untypable-theme": (
        b'themes = ["c++"]\n' + VALID.encode(),
        ['bad.toml: themes[0]: "c++" cannot be typed as a #theme in a note; use letters, digits and dashes'],
    ),
    "hold-not-before-prompt": (
        VALID.encode() + b"[silence]\nhold_seconds = 8\nprompt_seconds = 8\n",
        ["bad.toml: silence: hold_seconds (8) must be less than prompt_seconds (8)"],
    ),
    "hold-past-default-prompt": (
        VALID.encode() + b"[silence]\nhold_seconds = 12.5\n",
        ["bad.toml: silence: hold_seconds (12.5) must be less than prompt_seconds (8, the default)"],
    ),
    "bad-probes-and-star": (
        VALID.replace('text = "Tell me about your week."', 'text = "Q?"\nprobes = ["Why?", " "]\nstar = "yes"').encode(),
        [
            "bad.toml: sections[0].questions[0].probes[1]: must be a non-empty string",
            'bad.toml: sections[0].questions[0].star: must be true or false, not string "yes"',
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_GUIDES))
def test_bad_guide_file_gives_clear_lines_and_exit_2(
    case: str, isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, expected = BAD_GUIDES[case]
    (isolated / "bad.toml").write_bytes(data)

    code, out, err = run_guides(capsys, "bad.toml")

    assert code == 2
    assert err.splitlines() == expected
    assert "bad  " in out and "(invalid:" in out


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: None, "missing.toml: no such file"),
        (lambda p: p.mkdir(), "missing.toml: is a folder, not a guide file"),
        (lambda p: p.write_text(VALID), "missing.toml/inside.toml: cannot read it: Not a directory"),
    ],
    ids=["missing-file", "directory", "below-a-file"],
)
def test_unreadable_path_gives_one_line(
    make, expected: str, isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make(isolated / "missing.toml")

    code, _, err = run_guides(capsys, expected.split(": ")[0])

    assert (code, err.splitlines()) == (2, [expected])


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_gives_one_line(isolated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = isolated / "locked.toml"
    locked.write_text(VALID)
    locked.chmod(0)

    code, _, err = run_guides(capsys, "locked.toml")

    assert (code, err.splitlines()) == (2, ["locked.toml: cannot read it: permission denied"])


def test_bad_file_in_a_real_process_has_no_traceback(isolated: Path) -> None:
    (isolated / "bad.toml").write_bytes(b"\x00\xff\xfe")

    result = run_process("guides", "bad.toml", "missing.toml", cwd=isolated)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "bad.toml: looks like a binary file (it has NUL bytes), not a TOML guide",
        "missing.toml: no such file",
    ]


# --- listing -------------------------------------------------------------------
def test_lists_the_bundled_guides_in_an_aligned_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_guides(capsys)

    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["NAME", "TITLE", "QUESTIONS", "MINUTES", "FROM"]
    assert [line.split()[0] for line in lines[1:5]] == BUNDLED_NAMES
    assert all(line.endswith("bundled") for line in lines[1:5])
    assert "customer-impact    Customer impact interview           16       45  bundled" in lines
    for header in ("QUESTIONS", "MINUTES"):  # numbers right-aligned under their header
        end = lines[0].index(header) + len(header)
        assert all(row[end - 1].isdigit() and row[end] == " " for row in lines[1:5])
    assert all(len(line) <= 80 for line in lines[:5])
    assert lines[-1].startswith("Your own guides go in ")


def test_narrow_terminal_shortens_titles_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "60")

    _, out, _ = run_guides(capsys)

    rows = out.splitlines()[1:5]
    assert all(len(row) <= 60 for row in rows)
    assert [row.split()[0] for row in rows] == BUNDLED_NAMES
    assert "…" in out


def test_user_guides_come_after_bundled_and_shadow_by_name(
    user_guides: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (user_guides / "switching.toml").write_text(VALID.replace('"Mine"', '"Our switching guide"'))
    (user_guides / "aaa.toml").write_text(VALID)
    (user_guides / ".#aaa.toml").write_text("editor lock file, not a guide")
    (user_guides / "notes.txt").write_text("not a guide")

    code, out, err = run_guides(capsys)

    assert (code, err) == (0, "")
    rows = [line.split()[0] for line in out.splitlines()[1:6]]
    assert rows == ["customer-feedback", "customer-impact", "follow-up", "aaa", "switching"]
    assert "Our switching guide" in out and "Switching interview" not in out
    assert "switching (user) shadows the bundled guide with the same name." in out


def test_given_paths_come_last_and_shadow_user_and_bundled(
    user_guides: Path, isolated: Path
) -> None:
    (user_guides / "mine.toml").write_text(VALID)
    (isolated / "mine.toml").write_text(VALID.replace('"Mine"', '"Given"'))
    (isolated / "follow-up.toml").write_text(VALID)

    catalog = discover(["mine.toml", "follow-up.toml"])

    assert [(e.name, e.source) for e in catalog.guides] == [
        ("customer-feedback", BUNDLED),
        ("customer-impact", BUNDLED),
        ("switching", BUNDLED),
        ("mine", PATH),
        ("follow-up", PATH),
    ]
    mine = catalog.entry("mine")
    assert mine is not None and mine.guide is not None and mine.guide.title == "Given"
    assert [(s.source, s.path) for s in mine.shadows] == [(USER, str(user_guides / "mine.toml"))]


def test_two_given_files_with_one_name_are_both_listed(isolated: Path) -> None:
    for folder in ("a", "b"):
        (isolated / folder).mkdir()
        (isolated / folder / "g.toml").write_text(VALID)

    catalog = discover(["a/g.toml", "b/g.toml"])

    assert [e.path for e in catalog.guides if e.name == "g"] == ["a/g.toml", "b/g.toml"]


def test_invalid_user_guide_is_listed_with_its_problem_and_hides_nothing(
    user_guides: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (user_guides / "broken.toml").write_text('title = "B"\n')
    (user_guides / "good.toml").write_text(VALID)

    code, out, err = run_guides(capsys)

    assert code == 0
    assert "broken             (invalid: 2 problems)" in out
    assert "good " in out
    broken = user_guides / "broken.toml"
    assert err.splitlines() == [
        f"{broken}: goal: is required (a non-empty string)",
        f"{broken}: sections: is required (at least one [[sections]] table)",
    ]


def test_valid_given_path_is_listed_with_its_path(isolated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (isolated / "mine.toml").write_text(VALID)

    code, out, err = run_guides(capsys, "mine.toml")

    assert (code, err) == (0, "")
    assert "mine               Mine" in out
    assert out.splitlines()[5].endswith("  1       10  mine.toml")


def test_json_lists_everything(user_guides: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (user_guides / "customer-impact.toml").write_text(VALID)
    (user_guides / "broken.toml").write_text("title = 1\n")

    code, out, _ = run_guides(capsys, "--json")

    assert code == 0
    entries = {e["name"]: e for e in json.loads(out)}
    assert list(entries) == ["customer-feedback", "follow-up", "switching", "broken", "customer-impact"]
    assert entries["switching"] == {
        "name": "switching",
        "title": "Switching interview",
        "goal": entries["switching"]["goal"],
        "questions": 14,
        "minutes": 45,
        "source": "bundled",
        "path": entries["switching"]["path"],
        "shadows": [],
        "problems": [],
    }
    assert entries["customer-impact"]["source"] == "user"
    assert [s["source"] for s in entries["customer-impact"]["shadows"]] == ["bundled"]
    assert entries["broken"]["title"] is None and len(entries["broken"]["problems"]) == 3


def test_help_describes_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["guides", "--help"])

    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "usage: interview guides" in out and "--json" in out and "PATH" in out


# --- finding one guide ---------------------------------------------------------
def test_find_by_name_and_by_path(isolated: Path) -> None:
    (isolated / "mine.toml").write_text(VALID)
    catalog = discover()

    assert catalog.find("switching").title == "Switching interview"
    assert catalog.find("mine.toml").title == "Mine"
    assert catalog.find("./mine.toml").source == PATH


def test_find_unknown_name_lists_known_names() -> None:
    with pytest.raises(UsageError) as caught:
        discover().find("swiching")

    assert str(caught.value) == (
        "unknown guide 'swiching'; known guides: customer-feedback, customer-impact, "
        "follow-up, switching (or give the path of a .toml guide file)"
    )


def test_find_invalid_guide_gives_its_problems(user_guides: Path) -> None:
    (user_guides / "broken.toml").write_text('title = "B"\ngoal = "G"\nsections = []\n')

    with pytest.raises(GuideError) as caught:
        discover().find("broken")

    assert caught.value.problems == [f"{user_guides / 'broken.toml'}: sections: must have at least one section"]


def outcome(find, name: str) -> object:
    try:
        guide = find(name)
    except GuideError as error:
        return ("problems", error.problems)
    except UsageError as error:
        return ("error", str(error))
    return (guide.name, guide.title, guide.source, guide.path)


@pytest.mark.parametrize("name", ["switching", "customer-impact", "broken", "swiching", "mine.toml", "nowhere/guide.toml"])
def test_finding_one_guide_reads_as_discovering_them_all(user_guides: Path, name: str) -> None:
    (user_guides / "customer-impact.toml").write_text(VALID)  # shadows the bundled one
    (user_guides / "broken.toml").write_text('title = "B"\ngoal = "G"\nsections = []\n')
    (user_guides.parent.parent.parent / "mine.toml").write_text(VALID)

    assert outcome(find_guide, name) == outcome(lambda n: discover().find(n), name)


def test_finding_a_guide_by_name_parses_that_guide_alone(user_guides: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (user_guides / "mine.toml").write_text(VALID)
    parsed: list[str] = []
    parse = tui.catalog.parse_guide

    def counted(data: bytes, where: str, **kwargs: object):
        parsed.append(where)
        return parse(data, where, **kwargs)

    monkeypatch.setattr(tui.catalog, "parse_guide", counted)
    assert find_guide("switching").title == "Switching interview"
    assert parsed == ["bundled/switching.toml"]


def test_find_missing_path_says_so() -> None:
    with pytest.raises(GuideError) as caught:
        discover().find("nowhere/guide.toml")

    assert caught.value.problems == ["nowhere/guide.toml: no such file"]


# --- no textual for the plain commands ---------------------------------------------
MODULES_AFTER = """
import runpy, sys
sys.argv = ["interview", *sys.argv[1:]]
try:
    runpy.run_module("tui", run_name="__main__")
except SystemExit as done:
    code = done.code
print("TEXTUAL-LOADED" if "textual" in sys.modules else "TEXTUAL-ABSENT", file=sys.stderr)
sys.exit(code)
"""


def run_process(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("command", [["guides"], ["guides", "--json"], ["lint", "QUESTIONS.toml"]])
def test_plain_commands_do_not_import_textual(command: list[str], isolated: Path) -> None:
    (isolated / "QUESTIONS.toml").write_text(VALID)
    args = [a.replace("QUESTIONS.toml", str(REPO / "guides" / "switching.toml")) for a in command]

    result = subprocess.run(
        [sys.executable, "-c", MODULES_AFTER, *args], cwd=isolated, capture_output=True, text=True, check=False
    )

    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == "TEXTUAL-ABSENT"
