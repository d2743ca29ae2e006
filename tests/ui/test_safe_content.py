"""`safe_line` and `safe_text`: `one_line` and `visible` for styled text, its styles kept."""

from textual.content import Content

from tui.core.text import one_line, visible
from tui.widgets.safe import safe_line, safe_text

HOSTILE = "Eve\x1b]52;c;cm0g\x07\x1b[2J\x9b\x00\nFORGED\r\nrow"


def test_the_text_is_what_one_line_and_visible_make_of_it() -> None:
    styled = Content.assemble((HOSTILE, "bold"), " · ", ("Acme\tLtd", "italic"))
    assert safe_line(styled).plain == one_line(styled.plain)
    assert safe_text(styled).plain == visible(styled.plain)
    assert safe_line(HOSTILE).plain == one_line(HOSTILE)


def styles_at(content: Content, offset: int) -> set[str]:
    return {str(span.style) for span in content.spans if span.start <= offset < span.end}


def test_styles_stay_on_the_text_they_were_on() -> None:
    styled = Content.assemble(("Eve\x1b[2J", "bold"), " · ", ("Acme\nLtd", "italic"))
    shown = safe_line(styled)
    assert shown.plain == "Eve␛[2J · Acme Ltd"
    for offset, style in ((0, {"bold"}), (3, {"bold"}), (6, {"bold"}), (8, set()), (10, {"italic"}), (14, {"italic"}), (16, {"italic"})):
        assert styles_at(shown, offset) == style, offset


def test_text_without_control_characters_is_given_back_as_it_is() -> None:
    plain = Content.assemble(("Élodie Martin", "bold"), " · #onboarding")
    assert safe_line(plain) is plain
    assert safe_text(Content("line one\nline two")).plain == "line one\nline two"
