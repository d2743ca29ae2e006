"""Search finds the note: words, phrases, themes, kinds, guides, dates, exclusions; best first, then newest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sample_sessions import SAMPLE_GUIDE

from tui.core.search import parse
from tui.core.session import Note, Participant, Session
from tui.index_queries import WORD_STARTS, fts_expression, search, themes_starting, words_starting
from tui.index_queries import HistoryView
from tui.store import Store


def add(store: Store, who: str, day: str, *typed: str, guide: str = "onboarding") -> Session:
    session = Session(
        guide=SAMPLE_GUIDE._replace(name=guide), participant=Participant(name=who, company="Acme"),
        started_at=f"{day}T09:00:00+00:00", takeaways=[f"{who} takeaway"],
    )
    for number, text in enumerate(typed):
        session.add_note(Note.from_typed(text, question=number % 3, elapsed=60.0 * number))
    store.create(session).close()
    return session


@pytest.fixture
def notes(store: Store) -> Store:
    add(store, "Ana Lima", "2025-03-01", "! Exports fail at month end #exports", "Uses Xero for invoices #integrations")
    add(store, "Björn Åkesson", "2025-03-05", '"We rebuild the export by hand" #exports #workaround', "+ A scheduled export #exports")
    add(store, "Élodie Martin", "2025-03-09", "! Month end takes two days #reporting", "Two people do it", guide="switching")
    return store


def texts(store: Store, query: str) -> list[str]:
    return [hit.text for hit in store.search(parse(query)).hits]


def test_a_word_finds_every_note_that_has_a_word_starting_with_it(notes: Store) -> None:
    assert sorted(texts(notes, "export")) == [
        "A scheduled export #exports", "Exports fail at month end #exports", "We rebuild the export by hand #exports #workaround",
    ]
    assert texts(notes, "XERO") == ["Uses Xero for invoices #integrations"]


def test_every_word_must_match_and_accents_do_not_matter(notes: Store) -> None:
    assert texts(notes, "month end two") == ["Month end takes two days #reporting"]
    assert texts(notes, "akesson") == []  # names are not note text: the hit says who, search finds what was said


def test_a_phrase_keeps_its_words_in_order(notes: Store) -> None:
    assert texts(notes, '"by hand"') == ["We rebuild the export by hand #exports #workaround"]
    assert texts(notes, '"hand by"') == []
    assert texts(notes, '"two day"') == []  # the last word of a phrase is whole


def test_themes_kinds_guides_and_dates_narrow(notes: Store) -> None:
    assert sorted(texts(notes, "#exports kind:pain")) == ["Exports fail at month end #exports"]
    assert sorted(texts(notes, "kind:quote kind:idea")) == ["A scheduled export #exports", "We rebuild the export by hand #exports #workaround"]
    assert texts(notes, "#exports #workaround") == ["We rebuild the export by hand #exports #workaround"]
    assert texts(notes, "month guide:SWITCHING") == ["Month end takes two days #reporting"]
    assert texts(notes, "month since:2025-03-02") == ["Month end takes two days #reporting"]
    assert texts(notes, "#data") == []  # a theme is matched whole


def test_a_minus_leaves_notes_out(notes: Store) -> None:
    assert texts(notes, "export -hand -kind:idea") == ["Exports fail at month end #exports"]
    assert sorted(texts(notes, "#exports -#workaround")) == ["A scheduled export #exports", "Exports fail at month end #exports"]
    assert texts(notes, '#exports -"by hand" -scheduled') == ["Exports fail at month end #exports"]


def test_a_hit_says_who_when_under_which_question_and_what(notes: Store) -> None:
    (hit,) = notes.search(parse("xero")).hits
    assert (hit.participant, hit.company, hit.date, hit.guide_name) == ("Ana Lima", "Acme", "2025-03-01", "onboarding")
    assert hit.question == SAMPLE_GUIDE.questions[1].question.text
    assert (hit.kind, hit.themes, hit.elapsed, hit.starred) == ("note", ("integrations",), 60.0, False)
    assert hit.file_name.endswith(f"{hit.session_id[:8]}.json")


def test_best_first_then_newest_first(store: Store) -> None:
    add(store, "Old", "2025-01-01", "sync sync sync", "sync and many other words in a longer note about it")
    add(store, "New", "2025-02-01", "sync sync sync", "sync")
    result = store.search(parse("sync"))
    assert result.ranked and result.total == 4
    assert [(h.participant, h.text) for h in result.hits][:2] == [("New", "sync sync sync"), ("Old", "sync sync sync")]
    assert result.hits[-1].text.startswith("sync and many")  # the word is a small part of it
    assert [h.participant for h in store.search(parse("#nothing kind:note")).hits] == []


def test_beyond_the_match_limit_and_without_words_the_newest_come_first(store: Store) -> None:
    add(store, "Old", "2025-01-01", "sync first", "sync sync second #t")
    add(store, "New", "2025-02-01", "sync third #t", "sync sync fourth")
    newest = ["sync sync fourth", "sync third #t", "sync sync second #t", "sync first"]
    store.index.refresh()
    ranked = store.index.query(lambda db: search(db, parse("sync"), 10, match_limit=4))
    assert (ranked.total, ranked.ranked, ranked.more) == (4, True, False)
    assert [h.text for h in ranked.hits][:2] == ["sync sync fourth", "sync sync second #t"]  # more of the word first
    capped = store.index.query(lambda db: search(db, parse("sync"), 2, match_limit=3))
    assert (capped.total, capped.ranked, capped.more, [h.text for h in capped.hits]) == (3, False, True, newest[:2])
    by_theme = store.search(parse("#t"), limit=1)
    assert (by_theme.total, by_theme.ranked, [h.text for h in by_theme.hits]) == (2, False, ["sync third #t"])


def test_a_theme_start_is_any_theme_the_index_knows_that_starts_so(store: Store) -> None:
    add(store, "Ana", "2025-01-01", "slow #trust", "fine #team-size", "other #pricing")
    add(store, "Bo", "2025-02-01", "a #tracking note")
    store.index.refresh()

    def themed(typed: str) -> list[str]:
        return sorted(hit.text for hit in store.search(parse(typed, typing=True)).hits)

    assert themed("#t") == ["a #tracking note", "fine #team-size", "slow #trust"]
    assert themed("#tr") == ["a #tracking note", "slow #trust"]
    assert themed("#team-") == ["fine #team-size"]
    assert themed("#tz") == []
    assert themed("#t -#trust") == ["a #tracking note", "fine #team-size"]


def test_a_theme_start_of_more_themes_than_are_expanded_is_still_every_one_of_them(store: Store) -> None:
    from tui.index_queries import THEME_STARTS

    add(store, "Many", "2025-01-01", *(f"note {n} #topic-{n}" for n in range(THEME_STARTS + 1)))
    store.index.refresh()
    assert store.index.query(lambda db: themes_starting(db, "topic")) is None  # too many: FTS5 reads the start
    assert store.search(parse("#topic", typing=True), limit=100).total == THEME_STARTS + 1


def starts_of(store: Store) -> list[str]:
    """Every start of four letters or more of every word the notes hold (ASCII: what the vocabulary expands)."""
    words = {w.lower() for hit in store.search(parse("kind:note kind:pain kind:idea kind:quote"), limit=100).hits
             for w in hit.text.replace("#", " ").split() if w.isascii() and w.isalnum()}
    return sorted({word[:end] for word in words for end in range(4, len(word) + 1)})


def test_a_word_start_expanded_by_the_vocabulary_finds_what_fts5_finds_on_every_path_into_the_index(
    store: Store, tmp_path: Path
) -> None:
    add(store, "Ana", "2025-01-01", "Exports fail monthly", "exporting invoices to Xero")  # the writer's put
    imported = add(Store(tmp_path / "theirs"), "Bo", "2025-02-01", "! the exporter crashed on quarterly payroll")
    (tmp_path / "bo.json").write_text(json.dumps(imported.to_dict()), encoding="utf-8")
    assert store.import_file(tmp_path / "bo.json").outcome == "imported"  # the import's indexing thread
    other = Store(store.root)  # another process: this store's refresh reads its file
    add(other, "Cy", "2025-03-01", "Payroll reconciliation takes quarters", "Élodie exports payslips")
    other.index.close()
    store.index.refresh()
    starts = starts_of(store)
    assert {"expo", "export", "payr", "quarterly", "reconcil"} <= set(starts)

    def found() -> dict[str, tuple[int, list[str]]]:  # what each start finds
        return {
            typed: (result.total, sorted(hit.note_id for hit in result.hits))  # ranked by other words' bm25
            for start in starts
            for typed in (start, f"-{start} kind:note kind:pain", f'"takes {start}')  # a phrase still open: words
            for result in [store.search(parse(typed, typing=True), limit=100)]
        }

    assert store.index.query(lambda db: words_starting(db, "expo")) == ["exporter", "exporting", "exports"]
    expanded = found()
    store.index.query(lambda db: db.execute("DELETE FROM words"))  # FTS5 reads every start itself now
    assert store.index.query(lambda db: words_starting(db, "expo")) is None
    assert found() == expanded
    assert expanded["expo"][0] == 4 and expanded["payroll"][0] == 2


def test_a_start_of_more_words_than_are_expanded_or_of_none_is_read_by_fts5(store: Store) -> None:
    add(store, "Many", "2025-01-01", " ".join(f"word{n:03}" for n in range(WORD_STARTS + 1)), "wording")
    store.index.refresh()
    assert store.index.query(lambda db: words_starting(db, "word")) is None  # too many
    assert store.index.query(lambda db: words_starting(db, "wordi")) == ["wording"]
    assert store.index.query(lambda db: words_starting(db, "wordz")) is None  # none
    assert store.index.query(lambda db: words_starting(db, "wor")) is None  # the prefix index's length
    assert store.index.query(lambda db: words_starting(db, "wördi")) is None  # outside ASCII
    assert store.search(parse("word", typing=True)).total == 2
    assert store.search(parse("WORDI", typing=True)).total == 1
    wanted, _ = fts_expression(parse("two wordi", typing=True), words={"wordi": ["wording"]})
    assert wanted == 'text : "two" * AND text : ("wording")'


def test_the_history_filter_keeps_sessions_with_a_note_of_any_kind_asked_and_none_left_out(store: Store) -> None:
    add(store, "Ana", "2025-01-01", "! slow exports", "plain note")
    add(store, "Bo", "2025-01-02", "+ an idea", '"a quote"')
    add(store, "Cy", "2025-01-03", "just notes")

    def who(query: str) -> list[str]:
        return sorted(s.participant_name for s in store.history_page(HistoryView(query=parse(query)), 0, 100))

    assert who("kind:pain") == ["Ana"]
    assert who("kind:pain kind:idea") == ["Ana", "Bo"]
    assert who("-kind:note") == ["Bo"]
    assert who("-kind:pain -kind:quote") == ["Cy"]
    assert who("kind:note -kind:pain") == ["Cy"]
    assert store.history_count(HistoryView(query=parse("kind:quote")))[0] == 1


def test_an_odd_files_kind_has_the_bits_of_the_kinds_fts5_finds_in_it() -> None:
    from tui.index_tables import kind_bits

    assert kind_bits(["pain", "pain", "idea"]) == kind_bits(["idea"]) | kind_bits(["pain"]) != 0
    assert kind_bits(["Pain-Idea"]) == kind_bits(["pain", "idea"])
    assert kind_bits(["pains", "", "weird"]) == 0


def test_duplicate_files_of_one_session_are_searched_once(notes: Store) -> None:
    path = next(notes.sessions_dir.glob("*ana-lima*"))
    path.with_name("2000-" + path.name).write_bytes(path.read_bytes())
    assert texts(notes, "xero") == ["Uses Xero for invoices #integrations"]


def test_nothing_a_user_types_reaches_fts5_as_syntax(notes: Store) -> None:
    for typed in ('NEAR(export month)', 'export AND OR NOT', 'text:export', '"export" * ^', "col : {x}", "ex*port"):
        notes.search(parse(typed))  # no sqlite3.OperationalError
    wanted, unwanted = fts_expression(parse('say "two days" kind:pain kind:idea a -xero -kind:note'))
    assert wanted == 'text : "say" * AND text : "a" AND text : "two days" AND (kind : "pain" OR kind : "idea")'
    assert unwanted == 'text : "xero" * OR kind : "note"'


def test_the_history_filter_matches_summaries_and_notes_together(notes: Store) -> None:
    def who(query: str, typing: bool = False) -> list[str]:
        shown = notes.history_page(HistoryView(query=parse(query, typing=typing)), 0, 100)
        return sorted(s.participant_name for s in shown)

    assert who("ana xero") == ["Ana Lima"]  # a name in the summary, a word in a note
    assert who("acme -xero") == ["Björn Åkesson", "Élodie Martin"]
    assert who("takeaway switching") == ["Élodie Martin"]  # takeaways and the guide
    assert who("#exports") == ["Ana Lima", "Björn Åkesson"]
    assert who("#expo", typing=True) == ["Ana Lima", "Björn Åkesson"]
    assert who("kind:quote") == ["Björn Åkesson"]
    assert who('"month end"') == who("month-end") == ["Ana Lima", "Élodie Martin"]  # word positions: the notes
    assert who('acme -"two days"') == who("acme -two-days") == ["Ana Lima", "Björn Åkesson"]
    assert who("month -takes") == ["Ana Lima"]  # one token each: a row a session
    assert who("") == ["Ana Lima", "Björn Åkesson", "Élodie Martin"]
