"""The search syntax a user can guess, read into a Query; mistakes are one line; where a query matches a note."""

from __future__ import annotations

import pytest

from tui.core.search import Query, QueryError, fold, match_spans, parse, tokens


def test_words_phrases_themes_kinds_guides_and_dates() -> None:
    query = parse('Élodie "two days" #Data_Quality kind:pains guide:Onboarding since:2025-01-01 co-op')
    assert query.words == (("Élodie",), ("co", "op"))
    assert query.phrases == (("two", "days"),)
    assert query.themes == ("data-quality",)
    assert query.kinds == ("pain",)
    assert query.guides == ("onboarding",)
    assert query.since == "2025-01-01"
    assert query.has_text and not query.is_empty


def test_a_minus_leaves_out_words_phrases_themes_and_kinds() -> None:
    query = parse('export -sync -"by hand" -#trust -kind:idea')
    assert query.words == (("export",),)
    assert (query.without_words, query.without_phrases) == ((("sync",),), (("by", "hand"),))
    assert (query.without_themes, query.without_kinds) == (("trust",), ("idea",))


def test_kinds_by_name_plural_or_a_start_only_one_kind_has_and_several_mean_any() -> None:
    assert parse("kind:Quote kind:pa kind:ideas kind:act").kinds == ("quote", "pain", "idea", "action")


def test_fields_are_any_case_and_a_colon_elsewhere_is_a_word() -> None:
    query = parse("KIND:pain Since:2025-03-01 http://example.com 10:30")
    assert (query.kinds, query.since) == (("pain",), "2025-03-01")
    assert query.words == (("http", "example", "com"), ("10", "30"))


def test_the_latest_since_wins_and_repeats_are_dropped() -> None:
    query = parse("since:2025-01-01 since:2025-03-01 sync Sync sync")
    assert query.since == "2025-03-01"
    assert query.words == (("sync",), ("Sync",))  # case is the index's business


def test_words_without_a_letter_or_digit_say_nothing() -> None:
    query = parse("& — - ...")
    assert query.is_empty and query == Query()


def test_filters_alone_pick_no_notes() -> None:
    assert parse("guide:switching since:2025-01-01 -sync").is_empty
    assert not parse("#pricing").is_empty and not parse("#pricing").has_text


@pytest.mark.parametrize(
    "typed, says",
    [
        ('"two days', 'a quote (") is not closed'),
        ("kind:bug", "kind: takes one of note, quote, pain, idea, action, question, not 'bug'"),
        ("kind:q", "not 'q'"),  # quote or question
        ("kind:", "not nothing"),
        ("since:2025-13-01", "since: takes a date like 2026-01-01, not '2025-13-01'"),
        ("since:yesterday", "since: takes a date"),
        ("#", "a # needs a theme's name"),
        ("#--", "a # needs a theme's name"),
        ("guide:", "guide: needs a guide's name"),
        ("-guide:switching", "-guide: cannot leave sessions out"),
        ("-since:2025-01-01", "-since: cannot leave sessions out"),
    ],
)
def test_a_mistyped_query_is_one_line_saying_what_to_fix(typed: str, says: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(typed)
    assert says in str(caught.value) and "\n" not in str(caught.value)


def test_while_typing_a_theme_matches_by_its_start_and_an_open_quote_reads_as_words() -> None:
    assert parse("#perm kind:pain", typing=True).theme_starts == ("perm",)
    assert parse("-#perm", typing=True).without_themes == ("perm",)
    assert parse("#perm").themes == ("perm",)
    query = parse('sync "by ha', typing=True)
    assert query.words == (("sync",), ("by", "ha")) and query.phrases == ()
    with pytest.raises(QueryError):
        parse("kind:", typing=True)


def test_words_are_split_as_the_index_splits_them() -> None:
    assert [word for _, _, word in tokens("Co-op's e-mail: 3.5 × Ünïcode…")] == ["Co", "op", "s", "e", "mail", "3", "5", "Ünïcode"]
    assert fold("Élodie ÅKESSON ß") == "elodie akesson ss"


def test_match_spans_mark_word_starts_and_phrases_any_case_and_accents() -> None:
    text = "Elodie said: Two days, then two more days. Exports, EXPORTED, reexport."
    query = parse('élodie "two days" export')
    assert [text[a:b] for a, b in match_spans(query, text)] == ["Elodie", "Two days", "Exports", "EXPORTED"]


def test_a_word_of_one_or_two_letters_matches_only_itself() -> None:
    assert match_spans(parse("a"), "a cat ate") == [(0, 1)]
    assert match_spans(parse("ux"), "UX and UXR") == [(0, 2)]
    assert match_spans(parse("uxr"), "UX and UXRs") == [(7, 11)]


def test_match_spans_merge_overlaps_and_a_phrase_ends_on_a_whole_word() -> None:
    assert match_spans(parse('"month end" month'), "month end, month ending") == [(0, 9), (11, 16)]
    assert match_spans(parse('"two day"'), "two days") == []
    assert match_spans(parse("#pricing kind:pain"), "pricing") == []  # themes and kinds are not text
