"""`interview lint`: exit codes, text and JSON output, stdin, and line numbers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.guide import GuideError
from tui.catalog import load_guide

GUIDE = r'''title = "Escapes"
goal = "Find each question's line."

[[sections]]
title = "Basic"

[[sections.questions]]
text = "Tell me about your week."

[[sections.questions]]
text = "Did you find the \"Export\" button easy to use?"
probes = ["Do you use Slack?"]

[[sections]]
title = "Other strings"
questions = [
  { text = 'Where do you keep C:\reports?' },
]
'''


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["lint", *args])
    out, err = capsys.readouterr()
    return code, out, err


def write(name: str, text: str) -> str:
    Path(name).write_text(text, encoding="utf-8")
    return name


# --- exit status -----------------------------------------------------------------


def test_nothing_flagged_exits_0_with_only_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    path = write("open.txt", "Tell me about your week.\nWhat happened next?\n")
    assert lint(capsys, path) == (0, "", "0 of 2 questions flagged in 1 file\n")


def test_something_flagged_exits_1_with_file_line_kind_and_rewrite(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write("q.txt", "Tell me about your week.\nDo you use Slack?\n")
    code, out, err = lint(capsys, path)
    assert code == 1
    assert out == "q.txt:2: closed: Do you use Slack? -> How do you use Slack, if at all?\n"
    assert err == "1 of 2 questions flagged in 1 file\n"


def test_several_kinds_are_comma_joined(capsys: pytest.CaptureFixture[str]) -> None:
    path = write("q.txt", "Did you like the trial and the onboarding calls?\n")
    _, out, _ = lint(capsys, path)
    assert out.startswith("q.txt:1: double,closed: Did you like")


def test_the_examples_in_issue_13_are_flagged_with_their_kind_and_the_open_ones_left_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    flagged = {
        "Why did you give up on the signup form?": "leading",
        "How lost did you feel when the dashboard first loaded?": "leading",
        "Your colleagues all seem to like the new planner. What do you think of it?": "leading",
        "You picked the grid view, correct? We chose that layout because it shows more at once.": "leading",
        "Suppose we built a budget planner, how often would you open it?": "hypothetical",
        "Would you buy this?": "hypothetical",
        "How did you choose a vendor, who else was involved?": "double",
    }
    open_ones = [
        "How simple or hard was it to set up your account?",
        "What made you pick the annual plan? Why?",
        "Could you quickly describe how you share reports with your team?",
        "Would you be able to walk me through your last order?",
    ]
    path = write("issue.txt", "\n".join([*flagged, *open_ones]) + "\n")
    code, out, err = lint(capsys, path)
    lines = out.splitlines()
    assert code == 1 and len(lines) == len(flagged)
    for line, (question, kind) in zip(lines, flagged.items()):
        kinds, rest = line.split(": ", 2)[1:]
        assert kind in kinds.split(","), line
        assert rest.startswith(question + " -> ")
        suggestion = rest.removeprefix(question + " -> ")
        assert suggestion[:1].isupper() and suggestion[-1] in '.?"', line
    assert err == f"{len(flagged)} of {len(flagged) + len(open_ones)} questions flagged in 1 file\n"


def test_a_missing_file_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert lint(capsys, "nope.txt") == (2, "", "nope.txt: no such file\n")
    assert lint(capsys, "nope.toml") == (2, "", "nope.toml: no such file\n")


def test_an_invalid_guide_prints_its_problems_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    path = write("bad.toml", 'title = "T"\n[[sections]]\ntitle = "S"\n')
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    code, out, err = lint(capsys, path)
    assert (code, out) == (2, "")
    assert err.splitlines() == raised.value.problems


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("binary.txt", b"Do you\x00 use it?\n", "binary.txt: not a text file"),
        ("latin1.txt", b"Tell me.\nCaf\xe9?\n", "latin1.txt:2: not UTF-8 text"),
    ],
)
def test_unreadable_text_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], name: str, content: bytes, message: str
) -> None:
    Path(name).write_bytes(content)
    assert lint(capsys, name) == (2, "", message + "\n")


def test_a_directory_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    Path("folder").mkdir()
    assert lint(capsys, "folder") == (2, "", "folder: is a folder, not a file of questions\n")


def test_one_bad_file_still_lints_the_others_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    path = write("q.txt", "Do you use Slack?\n")
    code, out, err = lint(capsys, path, "nope.txt")
    assert code == 2
    assert out.startswith("q.txt:1: closed:")
    assert err == "nope.txt: no such file\n1 of 1 question flagged in 1 file\n"


# --- text files and line numbers --------------------------------------------------


def test_text_files_skip_blank_and_comment_lines_but_keep_line_numbers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write(
        "q.txt",
        "# questions for Tuesday\n\nTell me about your week.\n   \n# Do you use Slack?\n"
        "  Is the pricing clear?  \r\nWhat happened next?",
    )
    code, out, err = lint(capsys, path)
    assert code == 1
    assert out == "q.txt:6: closed: Is the pricing clear? -> How would you describe the pricing?\n"
    assert err == "1 of 3 questions flagged in 1 file\n"


def test_a_guide_reports_the_line_where_each_question_text_is_set(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write("escapes.toml", GUIDE)
    code, out, err = lint(capsys, "--format", "json", path)
    assert code == 1
    rows = json.loads(out)
    assert [(r["line"], r["question"], r["flagged"]) for r in rows] == [
        (8, "Tell me about your week.", False),
        (11, 'Did you find the "Export" button easy to use?', True),
        (17, "Where do you keep C:\\reports?", False),
    ]
    assert err == "1 of 3 questions flagged in 1 file\n"


def test_guide_lines_survive_multiline_strings_and_repeated_questions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    guide = (
        'title = "T"\ngoal = "G"\n'
        '[[sections]]\ntitle = "Do you use Slack?"\n'
        '[[sections.questions]]\ntext = """\nDo you use Slack?"""\n'
        "[[sections.questions]]\ntext = 'Do you use Slack?'\n"
        '[[sections.questions]]\n"text" = "Caf\\u00e9 \\\\ and tea, right?"\n'
    )
    path = write("multi.toml", guide)
    code, out, _ = lint(capsys, path)
    assert code == 1
    assert [line.split(": ", 1)[0] for line in out.splitlines()] == [
        "multi.toml:6", "multi.toml:9", "multi.toml:11",
    ]


def test_every_bundled_guide_question_gets_its_own_line(capsys: pytest.CaptureFixture[str]) -> None:
    guides = sorted(str(p) for p in (Path(__file__).parents[1] / "guides").glob("*.toml"))
    code, out, _ = lint(capsys, "--format", "json", *guides)
    rows = json.loads(out)
    assert code == 0 and rows
    assert all(isinstance(r["line"], int) for r in rows)
    for path in guides:
        lines = [r["line"] for r in rows if r["file"] == path]
        assert lines == sorted(lines) and len(set(lines)) == len(lines)
        source = Path(path).read_text(encoding="utf-8").splitlines()
        assert all("text" in source[line - 1] for line in lines)


# --- JSON ---------------------------------------------------------------------------


def test_json_is_one_array_with_every_question_flagged_or_not(
    capsys: pytest.CaptureFixture[str],
) -> None:
    first = write("a.txt", "Tell me about your week.\nHow easy was setup?\n")
    second = write("b.txt", "\n\nWhat happened next?\n")
    code, out, err = lint(capsys, "--format", "json", first, second)
    assert code == 1
    assert json.loads(out) == [
        {"file": "a.txt", "line": 1, "question": "Tell me about your week.", "flagged": False,
         "kinds": [], "suggestion": None},
        {"file": "a.txt", "line": 2, "question": "How easy was setup?", "flagged": True,
         "kinds": ["leading"], "suggestion": "How would you describe setup?"},
        {"file": "b.txt", "line": 3, "question": "What happened next?", "flagged": False,
         "kinds": [], "suggestion": None},
    ]
    assert err == "1 of 3 questions flagged in 2 files\n"


def test_json_with_only_a_missing_file_is_an_empty_array(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = lint(capsys, "--format", "json", "nope.txt")
    assert (code, json.loads(out), err) == (2, [], "nope.txt: no such file\n")


# --- stdin, through a real process ----------------------------------------------------


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "lint", *args],
        input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=60,
    )


def test_stdin_is_read_as_one_question_per_line() -> None:
    done = run_cli("-", stdin="Tell me about your week.\n\nDon't you think it's slow?\n")
    assert done.returncode == 1
    assert done.stdout.startswith("<stdin>:3: leading: Don't you think it's slow? -> ")
    assert done.stderr == "1 of 2 questions flagged in 1 file\n"


def test_stdin_json_and_no_traceback_for_bad_bytes() -> None:
    done = run_cli("--format", "json", "-", stdin="Is it good?\n")
    assert done.returncode == 1
    assert json.loads(done.stdout)[0]["file"] == "<stdin>"
    bad = subprocess.run(
        [sys.executable, "-m", "tui", "lint", "-"], input=b"\xff\xfe?\n", capture_output=True, timeout=60
    )
    assert bad.returncode == 2
    assert bad.stderr == b"<stdin>:1: not UTF-8 text\n"


def test_lint_never_imports_textual(tmp_path: Path) -> None:
    path = write("q.txt", "Do you use Slack?\n")
    code = (
        "import sys\nfrom tui.cli import main\n"
        f"status = main(['lint', {str(tmp_path / path)!r}])\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr


def test_guides_by_name_and_all_guides_by_default(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # no user guides
    assert main(["lint", "customer-impact"]) == 0
    assert "0 of 16 questions flagged in 1 file" in capsys.readouterr().err
    assert main(["lint"]) == 0  # every guide `interview guides` lists
    assert "flagged in 4 files" in capsys.readouterr().err
    assert main(["lint", "no-such-guide"]) == 2
    assert capsys.readouterr().err.startswith("no-such-guide: no such file")
