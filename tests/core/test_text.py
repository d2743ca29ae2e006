"""Text from files never reaches a terminal with its control characters live."""

from tui.core.text import one_line, visible

HOSTILE = "Ana\x1b]52;c;cm0gLXJmIH4vKg==\x07\x1b[2J\x1b]0;pwned\x07\x9b31m\x00\x7f"


def test_every_control_character_is_shown_as_a_sign() -> None:
    shown = visible(HOSTILE)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert shown.startswith("Ana␛]52;c;") and "␇" in shown and "\\x9b" in shown and "␀" in shown


def test_newlines_and_tabs_stay_in_multi_line_text() -> None:
    assert visible("line one\n\tline two") == "line one\n\tline two"


def test_one_line_never_breaks_a_row() -> None:
    assert one_line("Ana\nLima\r\nfake row\u2028x\ty") == "Ana Lima fake row x y"


def test_plain_text_is_unchanged() -> None:
    text = "Élodie Martin · “quoted” 日本語 #onboarding"
    assert visible(text) == text == one_line(text)
