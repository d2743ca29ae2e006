"""Reads of the index (tui.index): notes that match a search, sessions a filter keeps (the themes: tui.index_theme_queries).

Each takes the index's connection; `Index.query` runs it. The FTS5 query is
built here from a parsed `tui.core.search.Query`, never from what the user
typed: each word becomes a quoted FTS5 string (`text : "export" *`), so a
query can never be an FTS5 syntax error.

Search reads the matches newest first (rowid order: FTS5 streams it, no
sort) up to MATCH_LIMIT, which counts them. While no more match, they are
ranked by FTS5's bm25 (newest first on ties); beyond, they stay newest first
and the result says so: a word in 50,000 notes says little about which of
them is best, and ranking costs about 2.5 µs a note, counting 0.4 µs.

A word's start (`expo`) makes FTS5 read every note with a word starting so
before the first match comes (6–9 ms a key at 10,000 sessions, 30 ms with a
`-word`), unless its prefix index holds starts of that length. So a longer
start is expanded to the words of the index's vocabulary that start so
(`words_starting`), and a theme's start (`#tr`) to the themes the index knows
that start so: FTS5 streams those as whole words, newest first (under 1 ms).
The same notes match either way; bm25 then weighs each word of an expanded
start by its own rarity, so a note with `exporter` may rank above one with
`exports`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from tui.core.search import SHORT_WORD, Query, fold
from tui.index_rows import started_second
from tui.index_tables import NOTE_BITS, PREFIX_LETTERS, SECOND_BITS, kind_bits, theme_name, theme_word

MATCH_LIMIT = 1000  # notes counted and ranked; beyond, "over 1,000 notes match", newest first
THEME_STARTS = 64  # themes a theme's start is expanded to; beyond, FTS5 reads it as a word's start
WORD_STARTS = 64  # words a word's start is expanded to; beyond, FTS5 reads the start itself


@dataclass(frozen=True)
class Hit:
    """One note that matched, with what a result list shows about it."""

    session_id: str
    file_name: str
    participant: str
    company: str
    date: str
    guide_name: str
    question: str  # the guide's question the note was taken under ("" if unknown)
    note_id: str
    text: str
    kind: str
    themes: tuple[str, ...]
    elapsed: float
    starred: bool


@dataclass(frozen=True)
class SearchResult:
    total: int  # notes that match, up to MATCH_LIMIT
    hits: tuple[Hit, ...]  # the first `limit` of them
    ranked: bool  # best first; else newest first (no words to rank by, or more than MATCH_LIMIT match)
    more: bool = False  # more than MATCH_LIMIT match


# --- the FTS5 expression -----------------------------------------------------------------------
Starts = dict[str, list[str] | None]  # a start: what it is expanded to (None: FTS5 reads the start)


def _quoted(words: tuple[str, ...]) -> str:
    return '"' + " ".join(w.replace('"', '""') for w in words) + '"'


def _string(words: tuple[str, ...], *, prefix: bool, starts: Starts | None = None) -> str:
    """`text : "two days" *`; a last word of one or two letters is matched whole (see tui.core.search).

    A last word `starts` expands is any of those words: `text : ("two days" OR "two daylight")`.
    """
    if not prefix or len(words[-1]) <= SHORT_WORD:
        return f"text : {_quoted(words)}"
    if (whole := (starts or {}).get(words[-1])) is None:
        return f"text : {_quoted(words)} *"
    return "text : (" + " OR ".join(_quoted((*words[:-1], word)) for word in whole) + ")"


def _kinds(kinds: tuple[str, ...]) -> str:
    return "(" + " OR ".join(f'kind : "{k}"' for k in kinds) + ")"


def _theme(theme: str, *, start: bool = False) -> str:
    return f'themes : "{theme_word(theme)}"' + (" *" if start else "")


def _theme_start(start: str, themes: list[str] | None) -> str:
    """Notes with a theme starting with `start`: any of `themes` (those in the index), else FTS5's word start."""
    if themes is None:
        return _theme(start, start=True)
    return "themes : (" + " OR ".join(f'"{theme_word(theme)}"' for theme in themes) + ")"


def themes_starting(db: sqlite3.Connection, start: str) -> list[str] | None:
    """The themes in the index whose name starts with `start`; None for more than THEME_STARTS.

    A skip over session_themes' key: a lookup per theme, however many sessions each is in.
    """
    themes = [
        theme
        for (theme,) in db.execute(
            "WITH RECURSIVE t(theme) AS (SELECT (SELECT theme FROM session_themes WHERE theme >= ?1 AND theme < ?2"
            " ORDER BY theme LIMIT 1) UNION ALL SELECT (SELECT theme FROM session_themes WHERE theme > t.theme"
            " AND theme < ?2 ORDER BY theme LIMIT 1) FROM t WHERE t.theme IS NOT NULL)"
            " SELECT theme FROM t WHERE theme IS NOT NULL LIMIT ?3",
            (start, start + "\U0010ffff", THEME_STARTS + 1),
        )
    ]
    return None if len(themes) > THEME_STARTS else themes


def words_starting(db: sqlite3.Connection, start: str) -> list[str] | None:
    """The words of the index's vocabulary that start with `start`; None where FTS5 should read the start itself.

    That is a start its prefix index covers (quick as it is), one outside ASCII
    (whose folding only FTS5 knows for sure), one of more than WORD_STARTS
    words, and one of none (FTS5 then finds nothing at once, whatever the
    vocabulary holds).
    """
    if len(start) <= PREFIX_LETTERS or not start.isascii():
        return None
    folded = start.lower()  # in ASCII, unicode61 folds case only
    words = [
        word
        for (word,) in db.execute(
            "SELECT word FROM words WHERE word >= ? AND word < ? LIMIT ?", (folded, folded + "\U0010ffff", WORD_STARTS + 1)
        )
    ]
    return words if 0 < len(words) <= WORD_STARTS else None


def word_starts(db: sqlite3.Connection, query: Query) -> Starts:
    """What each word's start in `query` (its words' last tokens, kept or left out) is expanded to."""
    return {words[-1]: words_starting(db, words[-1]) for words in (*query.words, *query.without_words)}


def fts_expression(
    query: Query, starts: Starts | None = None, words: Starts | None = None
) -> tuple[str | None, str | None]:
    """(what notes must match, what they must not), as FTS5 expressions; None for nothing.

    `starts`: for each of the query's theme starts, the themes it stands for (`themes_starting`);
    `words`: for each word's start, the words it stands for (`word_starts`).
    """
    wanted = [_string(w, prefix=True, starts=words) for w in query.words]
    wanted += [_string(p, prefix=False) for p in query.phrases]
    wanted += [_theme(t) for t in query.themes]
    wanted += [_theme_start(t, (starts or {}).get(t)) for t in query.theme_starts]
    if query.kinds:
        wanted.append(_kinds(query.kinds))
    unwanted = [_string(w, prefix=True, starts=words) for w in query.without_words]
    unwanted += [_string(p, prefix=False) for p in query.without_phrases]
    unwanted += [_theme(t) for t in query.without_themes] + [f'kind : "{k}"' for k in query.without_kinds]
    return (" AND ".join(wanted) or None), (" OR ".join(unwanted) or None)


def _guides_named(db: sqlite3.Connection, wanted: tuple[str, ...]) -> list[str]:
    """The guide names in the index that are one of `wanted` in any case."""
    return [name for (name,) in db.execute("SELECT DISTINCT guide_name FROM sessions") if name.lower() in wanted]


def session_filter(db: sqlite3.Connection, query: Query, alias: str) -> tuple[str, list[Any]]:
    """SQL conditions (and their values) for the query's guide and date on `sessions AS alias`."""
    conditions, values = [f"{alias}.listed"], []
    if query.guides:
        names = _guides_named(db, query.guides)
        conditions.append(f"{alias}.guide_name IN ({', '.join('?' * len(names))})" if names else "0")
        values += names
    if query.since:
        conditions.append(f"{alias}.date >= ?")
        values.append(query.since)
    return " AND ".join(conditions), values


def _in_sessions(db: sqlite3.Connection, query: Query, note: str) -> tuple[str, list[Any]]:
    """A condition on a note's rowid for the sessions it may come from: listed, on the guide, since the date.

    A list of session keys, tested per note, costs far less than joining each
    note to its session; with no filter and no duplicate file it is no condition.
    """
    if query.guides or query.since:
        where, values = session_filter(db, query, "s")
        return f" AND ({note} >> {NOTE_BITS}) IN (SELECT s.key FROM sessions s WHERE {where})", values
    if db.execute("SELECT EXISTS (SELECT 1 FROM sessions WHERE NOT listed)").fetchone()[0]:
        return f" AND ({note} >> {NOTE_BITS}) NOT IN (SELECT key FROM sessions WHERE NOT listed)", []
    return "", []


# --- search ----------------------------------------------------------------------------------
def search(db: sqlite3.Connection, query: Query, limit: int, *, match_limit: int = MATCH_LIMIT) -> SearchResult:
    """The notes matching `query`, best (or newest) first; `query` must pick notes (not `is_empty`).

    Everything that picks notes is one FTS5 expression; the sessions they may
    come from are a list of keys beside it, and since a date a rowid bound too.
    """
    starts = {start: themes_starting(db, start) for start in query.theme_starts}
    if any(themes == [] for themes in starts.values()):
        return SearchResult(0, (), False)  # no theme starts so
    wanted, unwanted = fts_expression(query, starts, word_starts(db, query))
    where, values = "notes MATCH ?", [f"({wanted}) NOT ({unwanted})" if unwanted else wanted]
    if query.since:  # no note of a session before that day, in any time zone, has a rowid below this
        earliest = started_second(f"{query.since}T00:00:00+14:00")
        where, values = f"{where} AND notes.rowid >= ?", [*values, earliest << SECOND_BITS << NOTE_BITS]
    sessions, more = _in_sessions(db, query, "notes.rowid")
    where, values = where + sessions, values + more
    select = f"SELECT notes.rowid FROM notes WHERE {where} ORDER BY"
    newest = [rowid for (rowid,) in db.execute(f"{select} notes.rowid DESC LIMIT ?", [*values, match_limit + 1])]
    beyond = len(newest) > match_limit
    by_rank = query.has_text and not beyond
    found = newest[:limit]
    if by_rank and len(newest) > 1:
        found = [rowid for (rowid,) in db.execute(f"{select} notes.rank, notes.rowid DESC LIMIT ?", [*values, limit])]
    return SearchResult(min(len(newest), match_limit), _hits(db, found), by_rank, beyond)


def _hits(db: sqlite3.Connection, rowids: list[int]) -> tuple[Hit, ...]:
    """The notes of `rowids`, in that order, with their sessions and questions: one query."""
    rows = {
        row[0]: row[1:]
        for row in db.execute(
            "SELECT n.rowid, n.text, n.kind, n.note_id, n.question, n.elapsed, n.starred, n.themes, s.id, s.name,"
            f" s.participant, s.company, s.date, s.guide_name, q.text FROM notes n JOIN sessions s ON s.key = n.rowid >> {NOTE_BITS}"
            f" LEFT JOIN questions q ON q.key = s.key AND q.number = n.question WHERE n.rowid IN ({', '.join('?' * len(rowids))})",
            rowids,
        )
    }
    return tuple(_hit(*rows[rowid]) for rowid in rowids if rowid in rows)


def _hit(
    text: str, kind: str, note_id: str, question: int, elapsed: float, starred: int, themes: str,
    sid: str, name: str, who: str, company: str, day: str, guide: str, asked: str | None,
) -> Hit:
    return Hit(
        sid, name, who, company, day, guide, asked or "", note_id, text, kind, tuple(map(theme_name, themes.split())),
        elapsed, bool(starred),
    )


# --- history: the filter, the follow-ups, a page in an order ----------------------------------
def _matching(db: sqlite3.Connection, query: Query) -> tuple[str, list[Any]]:
    """SQL conditions on `sessions AS s` for the sessions whose summary or notes match `query`.

    A word may be in the summary (name, company, guide, status, date, themes,
    takeaways) or in any note; a theme anywhere in the session, a one-key bump
    included; `-word` in none of them. Guide and date filter as in search.
    A word of one token is looked up in session_words (a row a session: at most
    10,000 rows for a common word, where the notes hold 50,000); a phrase, or a
    word of several tokens (`e-mail`), needs word positions: the notes and the
    summaries. A kind is a bit of the session's `kinds` (`kind_bits`), not its
    notes of that kind (`kind:note` is in 300,000 of them).
    """
    where, values = session_filter(db, query, "s")
    notes_with = f"SELECT rowid >> {NOTE_BITS} FROM notes WHERE notes MATCH ?"  # IN keeps each key once: no DISTINCT
    anywhere = f"s.key IN ({notes_with} UNION ALL SELECT rowid FROM summaries WHERE summaries MATCH ?)"
    in_words = "s.key IN (SELECT rowid FROM session_words WHERE session_words MATCH ?)"

    starts = word_starts(db, query)

    def one_token(words: tuple[tuple[str, ...], ...]) -> list[str]:
        return [_string(w, prefix=True, starts=starts) for w in words if len(w) == 1]

    def by_position(words: tuple[tuple[str, ...], ...], phrases: tuple[tuple[str, ...], ...]) -> list[str]:
        by_words = [_string(w, prefix=True, starts=starts) for w in words if len(w) > 1]
        return by_words + [_string(p, prefix=False) for p in phrases]

    if wanted := one_token(query.words):
        where, values = f"{where} AND {in_words}", [*values, " AND ".join(wanted)]
    if unwanted := one_token(query.without_words):
        where, values = f"{where} AND NOT {in_words}", [*values, " OR ".join(unwanted)]
    for expression in by_position(query.words, query.phrases):  # the summaries' one column is `text` too
        where, values = f"{where} AND {anywhere}", [*values, expression, expression]
    for expression in by_position(query.without_words, query.without_phrases):
        where, values = f"{where} AND NOT {anywhere}", [*values, expression, expression]
    if query.kinds:
        where += " AND s.kinds & ? != 0"
        values.append(kind_bits(query.kinds))
    if query.without_kinds:
        where += " AND s.kinds & ? = 0"
        values.append(kind_bits(query.without_kinds))
    for theme in query.themes:
        where += " AND s.key IN (SELECT key FROM session_themes WHERE theme = ?)"
        values.append(theme)
    for start in query.theme_starts:
        where += " AND s.key IN (SELECT key FROM session_themes WHERE theme GLOB ?)"
        values.append(f"{start}*")
    for theme in query.without_themes:
        where += " AND s.key NOT IN (SELECT key FROM session_themes WHERE theme = ?)"
        values.append(theme)
    return where, values


@dataclass(frozen=True)
class HistoryView:
    """What history shows: the filter's query (None: every session), the follow-ups only, the order."""

    query: Query | None = None
    follow_ups: bool = False
    sort: str = "date"  # a key of ORDERS
    descending: bool = True


_STATUS_ORDER = "CASE s.status WHEN 'in_progress' THEN 0 WHEN 'paused' THEN 1 WHEN 'interrupted' THEN 2 WHEN 'completed' THEN 3 ELSE 9 END"
ORDERS = {  # history's sorts, each (key, then by start); all reversed when descending
    "date": ("s.key",),  # a session's key is its start (tui.index_tables): the table's own order
    "participant": ("fold(coalesce(nullif(s.participant, ''), 'anonymous'))", "s.started_at"),
    "guide": ("fold(coalesce(nullif(s.guide_title, ''), s.guide_name))", "s.started_at"),
    "status": (_STATUS_ORDER, "s.started_at"),
    "duration": ("s.elapsed", "s.started_at"),
}
_AWAITING = "s.follow_up_ok = 1 AND s.id NOT IN (SELECT follow_up_of FROM sessions WHERE listed AND follow_up_of IS NOT NULL)"


def _history_condition(db: sqlite3.Connection, view: HistoryView) -> tuple[str, list[Any]]:
    where, values = _matching(db, view.query) if view.query is not None else ("s.listed", [])
    return (f"{where} AND {_AWAITING}" if view.follow_ups else where), values


def history_count(db: sqlite3.Connection, view: HistoryView) -> tuple[int, int]:
    """(sessions the view shows, listed sessions in all)."""
    where, values = _history_condition(db, view)
    (shown,) = db.execute(f"SELECT count(*) FROM sessions s WHERE {where}", values).fetchone()
    (total,) = db.execute("SELECT (SELECT count(*) FROM sessions) - (SELECT count(*) FROM sessions WHERE NOT listed)").fetchone()
    return shown, total


def history_page(db: sqlite3.Connection, view: HistoryView, columns: str, offset: int, limit: int) -> list[tuple[Any, ...]]:
    """`columns` of `limit` sessions the view shows, from `offset` in its order: a page of history.

    Newest first is the table's own order, so a page stops at `limit`; the count
    (`history_count`) reads every session the filter keeps, and is asked apart.
    """
    db.create_function("fold", 1, fold, deterministic=True)
    where, values = _history_condition(db, view)
    direction = "DESC" if view.descending else "ASC"
    order = ", ".join(f"{term} {direction}" for term in ORDERS[view.sort])
    return db.execute(
        f"SELECT {columns} FROM sessions s WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?", [*values, limit, offset]
    ).fetchall()


def follow_up_links(db: sqlite3.Connection) -> dict[str, str]:
    """For each session followed up: the date of its first follow-up."""
    return dict(
        db.execute(
            "SELECT follow_up_of, min(date) FROM sessions WHERE listed AND follow_up_of IS NOT NULL GROUP BY follow_up_of"
        )
    )


# --- themes: what the review and the themes screen ask besides the report (tui.index_theme_queries) ---
def guide_names(db: sqlite3.Connection) -> list[str]:
    return sorted(name for (name,) in db.execute("SELECT DISTINCT guide_name FROM sessions WHERE listed AND guide_name != ''"))


def sessions_per_theme(db: sqlite3.Connection, besides: str) -> dict[str, int]:
    """For each theme, the listed sessions other than the one of id `besides` that mention it."""
    return dict(
        db.execute(
            "SELECT t.theme, count(*) FROM session_themes t JOIN sessions s ON s.key = t.key"
            " WHERE s.listed AND s.id != ? GROUP BY t.theme",
            (besides,),
        )
    )
