"""Reads of the index (tui.index): notes that match a search, the themes report, sessions a filter keeps.

Each takes the index's connection; `Index.query` runs it. The FTS5 query is
built here from a parsed `tui.core.search.Query`, never from what the user
typed: each word becomes a quoted FTS5 string (`text : "export" *`), so a
query can never be an FTS5 syntax error.

Search ranks by FTS5's bm25 with newest first on ties, while at most
RANK_LIMIT notes match. Ranking costs about 2.5 µs a note, so beyond that the
matches come newest first (rowid order, no sort) and the result says so: a
word that is in 50,000 notes says little about which of them is best.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from tui.core.analysis import Quote, ThemeReport, ThemeRow, pick_quotes, ranked
from tui.core.saturation import follow_up_roots
from tui.core.search import Query
from tui.index import NOTE_BITS

RANK_LIMIT = 3000
QUOTE_CANDIDATES = 9  # each session keeps at most 3 examples per theme, so 9 hold 3 sessions


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
    total: int  # notes that match
    hits: tuple[Hit, ...]  # the first `limit` of them
    ranked: bool  # best first; else newest first (no words to rank by, or more than RANK_LIMIT matches)


# --- the FTS5 expression -----------------------------------------------------------------------
def _string(words: tuple[str, ...], *, prefix: bool) -> str:
    quoted = '"' + " ".join(w.replace('"', '""') for w in words) + '"'
    return f"text : {quoted} *" if prefix else f"text : {quoted}"


def _kinds(kinds: tuple[str, ...]) -> str:
    return "(" + " OR ".join(f'kind : "{k}"' for k in kinds) + ")"


def fts_expression(query: Query) -> tuple[str | None, str | None]:
    """(what notes must match, what they must not), as FTS5 expressions; None for nothing."""
    wanted = [_string(w, prefix=True) for w in query.words] + [_string(p, prefix=False) for p in query.phrases]
    if query.kinds:
        wanted.append(_kinds(query.kinds))
    unwanted = [_string(w, prefix=True) for w in query.without_words]
    unwanted += [_string(p, prefix=False) for p in query.without_phrases]
    unwanted += [f'kind : "{k}"' for k in query.without_kinds]
    return (" AND ".join(wanted) or None), (" OR ".join(unwanted) or None)


def _guides_named(db: sqlite3.Connection, wanted: tuple[str, ...]) -> list[str]:
    """The guide names in the index that are one of `wanted` in any case."""
    return [name for (name,) in db.execute("SELECT DISTINCT guide_name FROM sessions") if name.lower() in wanted]


def _session_filter(db: sqlite3.Connection, query: Query, alias: str) -> tuple[str, list[Any]]:
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


# --- search ----------------------------------------------------------------------------------
def search(db: sqlite3.Connection, query: Query, limit: int, *, rank_limit: int = RANK_LIMIT) -> SearchResult:
    """The notes matching `query`, best (or newest) first; `query` must pick notes (not `is_empty`)."""
    wanted, unwanted = fts_expression(query)
    where, values = _session_filter(db, query, "s")
    tagged = [("theme = ?", theme) for theme in query.themes] + [("theme GLOB ?", f"{start}*") for start in query.theme_starts]
    if wanted:  # the FTS5 table drives
        source = f"notes JOIN sessions s ON s.key = notes.rowid >> {NOTE_BITS}"
        where += " AND notes MATCH ?"
        values.append(f"({wanted}) NOT ({unwanted})" if unwanted else wanted)
        note = "notes.rowid"
    else:  # only themes pick notes: their table drives
        (condition, value), *tagged = tagged
        source = f"(SELECT DISTINCT note FROM note_themes WHERE {condition}) t JOIN sessions s ON s.key = t.note >> {NOTE_BITS}"
        values.insert(0, value)
        note = "t.note"
        if unwanted:
            where += f" AND {note} NOT IN (SELECT rowid FROM notes WHERE notes MATCH ?)"
            values.append(unwanted)
    for condition, value in tagged:
        where += f" AND {note} IN (SELECT note FROM note_themes WHERE {condition})"
        values.append(value)
    if query.without_themes:
        where += f" AND {note} NOT IN (SELECT note FROM note_themes WHERE theme IN ({', '.join('?' * len(query.without_themes))}))"
        values += query.without_themes
    (total,) = db.execute(f"SELECT count(*) FROM {source} WHERE {where}", values).fetchone()
    by_rank = query.has_text and total <= rank_limit
    order = f"notes.rank, {note} DESC" if by_rank else f"{note} DESC"
    found = [rowid for (rowid,) in db.execute(f"SELECT {note} FROM {source} WHERE {where} ORDER BY {order} LIMIT ?", [*values, limit])]
    return SearchResult(total, tuple(_hit(db, rowid) for rowid in found), by_rank)


def _hit(db: sqlite3.Connection, rowid: int) -> Hit:
    (text, kind, note_id, question, elapsed, starred, themes, sid, name, who, company, day, guide, asked) = db.execute(
        "SELECT n.text, n.kind, n.note_id, n.question, n.elapsed, n.starred, n.themes, s.id, s.name, s.participant,"
        " s.company, s.date, s.guide_name, q.text FROM notes n JOIN sessions s ON s.key = ? "
        "LEFT JOIN questions q ON q.key = s.key AND q.number = n.question WHERE n.rowid = ?",
        (rowid >> NOTE_BITS, rowid),
    ).fetchone()
    return Hit(
        sid, name, who, company, day, guide, asked or "", note_id, text, kind, tuple(themes.split()), elapsed, bool(starred)
    )


# --- the history filter ------------------------------------------------------------------------
def matching_sessions(db: sqlite3.Connection, query: Query) -> set[str]:
    """Ids of the sessions whose summary or notes hold every word, phrase, theme and kind of `query`.

    A word may be in the summary (name, company, guide, status, date, themes,
    takeaways) or in any note; a theme anywhere in the session, a one-key bump
    included; `-word` in none of them. Guide and date filter as in search.
    """
    where, values = _session_filter(db, query, "s")
    notes_with = f"SELECT DISTINCT rowid >> {NOTE_BITS} FROM notes WHERE notes MATCH ?"
    anywhere = f"s.key IN ({notes_with} UNION SELECT rowid FROM summaries WHERE summaries MATCH ?)"

    wanted = [_string(w, prefix=True) for w in query.words] + [_string(p, prefix=False) for p in query.phrases]
    unwanted = [_string(w, prefix=True) for w in query.without_words] + [_string(p, prefix=False) for p in query.without_phrases]
    for expression in wanted:  # the summaries' one column is `text` too
        where, values = f"{where} AND {anywhere}", [*values, expression, expression]
    for expression in unwanted:
        where, values = f"{where} AND NOT {anywhere}", [*values, expression, expression]
    if query.kinds:
        where += f" AND s.key IN ({notes_with})"
        values.append(_kinds(query.kinds))
    if query.without_kinds:
        where += f" AND s.key NOT IN ({notes_with})"
        values.append(_kinds(query.without_kinds))
    for theme in query.themes:
        where += " AND s.key IN (SELECT key FROM session_themes WHERE theme = ?)"
        values.append(theme)
    for start in query.theme_starts:
        where += " AND s.key IN (SELECT key FROM session_themes WHERE theme GLOB ?)"
        values.append(f"{start}*")
    for theme in query.without_themes:
        where += " AND s.key NOT IN (SELECT key FROM session_themes WHERE theme = ?)"
        values.append(theme)
    return {sid for (sid,) in db.execute(f"SELECT s.id FROM sessions s WHERE {where}", values)}


# --- themes across interviews ------------------------------------------------------------------
def guide_names(db: sqlite3.Connection) -> list[str]:
    return sorted(name for (name,) in db.execute("SELECT DISTINCT guide_name FROM sessions WHERE listed AND guide_name != ''"))


def _people(db: sqlite3.Connection) -> None:
    """TEMP `people`: the person of each session in a follow-up chain, where it is not the session's own.

    A follow-up is the same person as its chain's first session (tui.core.saturation).
    """
    db.execute("CREATE TEMP TABLE IF NOT EXISTS people (key INTEGER PRIMARY KEY, person TEXT NOT NULL)")
    db.execute("DELETE FROM temp.people")
    linked = db.execute(
        "SELECT key, id, follow_up_of, person FROM sessions WHERE listed AND (follow_up_of IS NOT NULL OR id IN "
        "(SELECT follow_up_of FROM sessions WHERE listed AND follow_up_of IS NOT NULL))"
    ).fetchall()
    roots = follow_up_roots((sid, up) for _, sid, up, _ in linked)
    person_of = {sid: person for _, sid, _, person in linked}
    db.executemany(
        "INSERT INTO temp.people VALUES (?, ?)",
        [(key, person_of.get(roots[sid], person)) for key, sid, _, person in linked if sid in roots],
    )


def theme_report(db: sqlite3.Connection, *, guide: str | None = None, since: str | None = None) -> ThemeReport:
    """Themes across the listed sessions (on `guide`, any case; on or after `since`), most widespread first."""
    scope = Query(guides=(guide.lower(),) if guide else (), since=since)
    where, values = _session_filter(db, scope, "s")
    total, first, last = db.execute(
        f"SELECT count(*), min(nullif(s.date, '')), max(nullif(s.date, '')) FROM sessions s WHERE {where}", values
    ).fetchone()
    _people(db)
    totals = db.execute(
        "SELECT t.theme, count(DISTINCT coalesce(p.person, s.person)), count(*), sum(t.mentions), sum(t.pain),"
        " sum(t.ideas), sum(t.pain > 0), sum(t.ideas > 0), min(nullif(s.date, '')), max(nullif(s.date, ''))"
        " FROM session_themes t JOIN sessions s ON s.key = t.key LEFT JOIN temp.people p ON p.key = t.key"
        f" WHERE {where} GROUP BY t.theme",
        values,
    ).fetchall()
    rows = [
        ThemeRow(
            theme=theme, participants=people, sessions=sessions, share=sessions / total if total else 0.0,
            mentions=mentions, pain=pain, ideas=ideas, pain_sessions=pain_sessions, idea_sessions=idea_sessions,
            first_seen=seen or "", last_seen=latest or "", quotes=_quotes(db, theme, where, values),
        )
        for theme, people, sessions, mentions, pain, ideas, pain_sessions, idea_sessions, seen, latest in totals
    ]
    return ThemeReport(
        sessions=total, themes=ranked(rows), first_date=first or "", last_date=last or "", guide=guide, since=since
    )


def _quotes(db: sqlite3.Connection, theme: str, where: str, values: list[Any]) -> tuple[Quote, ...]:
    candidates = db.execute(
        "SELECT e.text, e.kind, s.participant, s.company, e.date, e.session_id FROM theme_examples e"
        f" JOIN sessions s ON s.key = e.key WHERE e.theme = ? AND {where}"
        " ORDER BY e.preference, e.place, e.date DESC, e.session_id LIMIT ?",
        [theme, *values, QUOTE_CANDIDATES],
    )
    return pick_quotes(Quote(*row) for row in candidates)
