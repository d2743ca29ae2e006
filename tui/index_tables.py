"""The index's tables (tui.index), and how a session's rows go in and come out of them.

    sessions        one row per session file: its stamp, its summary, who was interviewed
    questions       the guide's questions of each session, for a hit's "Q:" line
    session_themes  per session and theme: mentions, pains, ideas (the themes report sums them)
    theme_examples  per session and theme: up to three example notes, ranked as quotes are
    notes           FTS5 over each note's text, kind and themes, with its id, question and time
                    (and an index of 3-letter word starts: PREFIX_LETTERS)
    summaries       FTS5 over a session's names, guide, status, date, themes and takeaways
    session_words   FTS5 over the same and every note's text, one row a session, without word
                    positions: history's filter by words, answered per session, not per note
    words           every word session_words holds, as FTS5 splits and folds it: a word's start
                    longer than the prefix index's is asked as the words it starts (see
                    tui.index_queries.words_starting); a word no note holds any more stays

A session's key is its start in seconds, shifted left by SECOND_BITS (plus a
counter for sessions that start in the same second: the one indexed last comes
first), and a note's rowid is its session's key shifted by NOTE_BITS plus its
place, so "newest first" is key order, for sessions and notes, and needs no sort.

A note's themes are indexed as one word each, so `#data-quality kind:pain`
is answered inside FTS5: the hyphens of a theme's name are written as
THEME_JOIN, a private-use character, which no theme name can hold (names are
letters, digits and hyphens) and which the tokenizer takes for a letter.

Rows are written a batch of sessions at a time (`Batch`), hundreds of rows a
statement (`values`): a fraction of the cost of a statement per table and
session, and the files of the next batch are parsed meanwhile.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import Any

from tui.core.kinds import KIND_NAMES
from tui.core.search import fold, tokens
from tui.index_rows import SessionRows, started_second

THEME_JOIN = "\ue000"
SECOND_BITS = 10  # sessions starting in one second
NOTE_BITS = 17  # notes in a session: more than the schema's 100,000
CHUNK = 1024  # rows a statement inserts (fewer if SQLite allows fewer parameters)
TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"  # how every full-text table splits and folds words
PREFIX_LETTERS = 3  # the notes' index of word starts: `the` starts words in 450,000 notes

SCHEMA = f"""
CREATE TABLE sessions (
    key INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    stamp TEXT NOT NULL,
    mtime_ns INTEGER NOT NULL,
    id TEXT NOT NULL,
    listed INTEGER NOT NULL DEFAULT 1,
    started_at TEXT NOT NULL,
    date TEXT NOT NULL,
    participant TEXT NOT NULL,
    role TEXT NOT NULL,
    company TEXT NOT NULL,
    segment TEXT NOT NULL,
    guide_name TEXT NOT NULL,
    guide_title TEXT NOT NULL,
    status TEXT NOT NULL,
    elapsed REAL NOT NULL,
    planned_minutes INTEGER,
    note_count INTEGER NOT NULL,
    themes TEXT NOT NULL,
    follow_up_ok INTEGER,
    follow_up_of TEXT,
    read_only INTEGER NOT NULL,
    person TEXT NOT NULL,
    problems TEXT,
    kinds INTEGER NOT NULL DEFAULT 0  -- a bit per kind its notes are of (`kind_bits`): history's kind:pain, one test a session
);
CREATE INDEX sessions_by_id ON sessions (id);
CREATE INDEX sessions_by_start ON sessions (started_at);
CREATE INDEX sessions_unlisted ON sessions (key) WHERE NOT listed;
CREATE INDEX sessions_following ON sessions (follow_up_of) WHERE follow_up_of IS NOT NULL;
-- what every start-up asks: a few rows each, never a scan of every session
CREATE INDEX sessions_with_problems ON sessions (key) WHERE problems IS NOT NULL;
CREATE INDEX sessions_read_only ON sessions (key) WHERE read_only;
CREATE TABLE questions (
    key INTEGER NOT NULL, number INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (key, number)
) WITHOUT ROWID;
CREATE TABLE session_themes (
    theme TEXT NOT NULL, key INTEGER NOT NULL, mentions INTEGER NOT NULL, pain INTEGER NOT NULL,
    ideas INTEGER NOT NULL, PRIMARY KEY (theme, key)
) WITHOUT ROWID;
CREATE INDEX session_themes_by_key ON session_themes (key);
CREATE TABLE theme_examples (
    theme TEXT NOT NULL, preference INTEGER NOT NULL, place INTEGER NOT NULL, date TEXT NOT NULL,
    session_id TEXT NOT NULL, key INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (theme, preference, place, date DESC, session_id, key)
) WITHOUT ROWID;
CREATE INDEX theme_examples_by_key ON theme_examples (key);
CREATE VIRTUAL TABLE notes USING fts5 (
    text, kind, themes, note_id UNINDEXED, question UNINDEXED, elapsed UNINDEXED, starred UNINDEXED,
    {TOKENIZE}, prefix = '{PREFIX_LETTERS}'
);
CREATE VIRTUAL TABLE summaries USING fts5 (text, {TOKENIZE});
CREATE VIRTUAL TABLE session_words USING fts5 (text, {TOKENIZE}, detail = column);
CREATE TABLE words (word TEXT PRIMARY KEY) WITHOUT ROWID;
"""


_KIND_BITS = {name: 1 << place for place, name in enumerate(KIND_NAMES)}


def kind_bits(kinds: Iterable[str]) -> int:
    """A bit for each of KIND_NAMES among `kinds`: the bits history's `kind:` filters test, a session at a time."""
    bits = 0
    for kind in set(kinds):
        if kind in _KIND_BITS:
            bits |= _KIND_BITS[kind]
        else:  # an odd file's kind: its words, as FTS5 reads the notes' kind column
            for _, _, word in tokens(kind):
                bits |= _KIND_BITS.get(fold(word), 0)
    return bits


def theme_word(theme: str) -> str:
    """A theme's name as the one word the notes table indexes it as."""
    return theme.replace("-", THEME_JOIN)


def theme_name(word: str) -> str:
    return word.replace(THEME_JOIN, "-")


def note_range(key: int) -> tuple[int, int]:
    """The first and last rowid the notes of session `key` can have."""
    return key << NOTE_BITS, (key << NOTE_BITS) | ((1 << NOTE_BITS) - 1)


def drop(db: sqlite3.Connection, name: str) -> str | None:
    """Remove the rows of a session file; the id it held, if it was indexed."""
    row = db.execute("SELECT key, id FROM sessions WHERE name = ?", (name,)).fetchone()
    if row is None:
        return None
    key, sid = row
    first, last = note_range(key)
    db.execute("DELETE FROM notes WHERE rowid BETWEEN ? AND ?", (first, last))
    db.execute("DELETE FROM summaries WHERE rowid = ?", (key,))
    db.execute("DELETE FROM session_words WHERE rowid = ?", (key,))
    for table in ("questions", "session_themes", "theme_examples", "sessions"):
        db.execute(f"DELETE FROM {table} WHERE key = ?", (key,))
    return sid


def choose_listed(db: sqlite3.Connection, ids: set[str]) -> None:
    """Of files holding one session id, list the newer (by modification time) only."""
    db.executemany(
        "UPDATE sessions SET listed = (key = (SELECT w.key FROM sessions w WHERE w.id = sessions.id "
        "ORDER BY w.mtime_ns DESC, w.name LIMIT 1)) WHERE id = ?",
        ((sid,) for sid in ids),
    )


def values(db: sqlite3.Connection, rows: Sequence[tuple[Any, ...]]) -> Iterator[tuple[str, list[Any]]]:
    """`rows` as a VALUES list and its parameters, CHUNK rows at a time: one statement for hundreds of rows.

    Not `executemany`: it lets go of the GIL for each row, and while files are
    parsed in another thread each row then waits for that thread to hand the GIL
    back (a rebuild took as long as its two halves one after the other). One
    statement lets go of it once, for all its rows, and binds them as
    `executemany` would. Chunks of one size share one compiled statement.
    """
    if not rows:
        return
    width = len(rows[0])
    size = max(1, min(CHUNK, db.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width))
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        yield _placeholders(len(chunk), width), list(chain.from_iterable(chunk))


@lru_cache(maxsize=32)
def _placeholders(count: int, width: int) -> str:
    row = "(" + ", ".join("?" * width) + ")"
    return ", ".join([row] * count)


class Keys:
    """Free keys for sessions by their start, each the first after those taken in its second.

    What is taken is read once for every second asked about (one statement for a
    batch of sessions); a key that spills past its second (the 1,025th start in a
    second) is checked in the table. Keys given out count as taken, so a batch
    gets the keys that adding its sessions one by one would give.
    """

    def __init__(self, db: sqlite3.Connection, starts: Iterable[str]) -> None:
        self._db = db
        self._seconds = {started_second(start) for start in starts}
        self._taken: set[int] = set()
        self._last: dict[int, int] = {}  # second: the largest key taken in it
        for listed, seconds in values(db, [(second,) for second in self._seconds]):
            for (key,) in db.execute(
                f"WITH wanted (second) AS (VALUES {listed}) SELECT s.key FROM wanted JOIN sessions AS s "
                f"ON s.key BETWEEN second << {SECOND_BITS} AND (second << {SECOND_BITS}) | {(1 << SECOND_BITS) - 1}",
                seconds,
            ):
                self._mark(key)

    def take(self, started_at: str) -> int:
        second = started_second(started_at)
        last = self._last.get(second)
        key = second << SECOND_BITS if last is None else last + 1
        while self._is_taken(key):
            key += 1
        self._mark(key)
        return key

    def _mark(self, key: int) -> None:
        self._taken.add(key)
        second = key >> SECOND_BITS
        self._last[second] = max(key, self._last.get(second, key))

    def _is_taken(self, key: int) -> bool:
        if key in self._taken:
            return True
        return key >> SECOND_BITS not in self._seconds and bool(
            self._db.execute("SELECT 1 FROM sessions WHERE key = ?", (key,)).fetchone()
        )


_INSERTS = {  # the start of each table's INSERT, before its VALUES
    "sessions": "INSERT INTO sessions",
    "questions": "INSERT INTO questions",
    "notes": "INSERT INTO notes (rowid, text, kind, themes, note_id, question, elapsed, starred)",
    "session_themes": "INSERT INTO session_themes",
    "theme_examples": "INSERT OR IGNORE INTO theme_examples",
    "summaries": "INSERT INTO summaries (rowid, text)",
    "session_words": "INSERT INTO session_words (rowid, text)",
}


@dataclass
class Batch:
    """Rows of several sessions, kept until `write` inserts them, hundreds of rows a statement (`values`)."""

    sessions: list[tuple[Any, ...]] = field(default_factory=list)
    questions: list[tuple[Any, ...]] = field(default_factory=list)
    notes: list[tuple[Any, ...]] = field(default_factory=list)
    session_themes: list[tuple[Any, ...]] = field(default_factory=list)
    theme_examples: list[tuple[Any, ...]] = field(default_factory=list)
    summaries: list[tuple[Any, ...]] = field(default_factory=list)
    session_words: list[tuple[Any, ...]] = field(default_factory=list)

    def add(self, key: int, name: str, stamp: str, mtime_ns: int, rows: SessionRows, problems: list[str]) -> None:
        """The rows of one session file, under `key` (from `Keys`)."""
        import msgspec  # here: opening the index to list it writes no rows

        s = rows.summary
        self.sessions.append((
            key, name, stamp, mtime_ns, s.id, 1, s.started_at, s.date, s.participant_name, s.role, s.company,
            s.segment, s.guide_name, s.guide_title, s.status, s.elapsed, s.planned_minutes, s.note_count,
            msgspec.json.encode(s.themes).decode(), s.follow_up_ok, s.follow_up_of, s.read_only, rows.person,
            msgspec.json.encode(problems).decode() if problems else None, kind_bits(n.kind for n in rows.notes),
        ))
        self.questions += ((key, number, text) for number, text in enumerate(rows.questions))
        first = key << NOTE_BITS
        self.notes += (  # unpacked, not by attribute: a rebuild makes 600,000
            (first + place, text, kind, " ".join(map(theme_word, themes)), note_id, question, elapsed, int(starred))
            for place, note_id, text, kind, themes, question, elapsed, starred in rows.notes
        )
        self.session_themes += ((theme, key, f.mentions, f.pain, f.ideas) for theme, f in rows.themes.items())
        self.theme_examples += (
            (theme, e.preference, place, s.date, s.id, key, e.kind, e.text)
            for theme, f in rows.themes.items()
            for place, e in enumerate(f.examples)
        )
        searchable = (
            s.participant_name, s.role, s.company, s.segment, s.guide_name, s.guide_title, s.status.replace("_", " "),
            s.date, s.short_id, *(f"#{t}" for t in s.themes), *rows.takeaways,
        )
        summary = "\n".join(p for p in searchable if p)
        self.summaries.append((key, summary))
        self.session_words.append((key, "\n".join((summary, *(n.text for n in rows.notes)))))

    def write(self, db: sqlite3.Connection) -> None:
        """Insert the rows added since the last write, and forget them.

        Each table's rows go in sorted by their first column (key, rowid, theme): files
        come in name order, which is not start order, and FTS5 begins a new segment of
        its index whenever a rowid is lower than the one before it.
        """
        remember_words(db, self.session_words)
        for table, insert in _INSERTS.items():
            rows = getattr(self, table)
            rows.sort(key=itemgetter(0))
            for listed, parameters in values(db, rows):
                db.execute(f"{insert} VALUES {listed}", parameters)
            rows.clear()


_WORDS_SEEN = (  # FTS5 keeps no text here, only the words it split the texts into, until `delete-all`
    f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.words_seen USING fts5 (text, {TOKENIZE}, detail = none, content = '')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.words_seen_terms USING fts5vocab (temp, words_seen, row)",
)


def remember_words(db: sqlite3.Connection, rows: Sequence[tuple[int, str]]) -> None:
    """Add the words of session_words' `rows` to `words`, as FTS5 splits them: in a scratch table of this connection.

    FTS5's own split, not one of ours: a word the vocabulary lacked would be a
    note its start no longer finds. 0.3 s of a rebuild of 10,000 sessions.
    """
    if not rows:
        return
    for statement in _WORDS_SEEN:
        db.execute(statement)
    for listed, parameters in values(db, [(text,) for _, text in rows]):
        db.execute(f"INSERT INTO temp.words_seen (text) VALUES {listed}", parameters)
    db.execute("INSERT OR IGNORE INTO words SELECT term FROM temp.words_seen_terms")
    db.execute("INSERT INTO temp.words_seen (words_seen) VALUES ('delete-all')")
