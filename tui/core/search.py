"""The search query a user types, read into a `Query`, and where it matches in a note.

The syntax is meant to be guessed, as in a mail client's search box:

    word          a word that starts with it: `export` finds exports, exported (any case,
                  any accents: `elodie` finds Élodie); a word of one or two letters
                  finds only itself (`UX`, `a`); every word must match
    "two days"    these words in this order (the last one whole)
    #pricing      notes tagged with the theme (`#Multi_Word` is `#multi-word`)
    kind:pain     notes of that kind (note, quote, pain, idea, action, question, or a start
                  only one of them has: `kind:pa`, not `kind:q`); several kinds: any of them
    guide:NAME    only sessions run with that guide (any case); several: any of them
    since:DATE    only sessions on or after that date (YYYY-MM-DD)
    -word         leave out notes with it; also -"a phrase", -#theme, -kind:idea

While typing (`parse(text, typing=True)`, for a filter that updates on each
key), a `#theme` matches the themes it starts, as words do (`#perm` keeps
finding #permissions once you type on), and a phrase whose quote is not closed
yet matches like words (its last word by its start).

A mistyped query (an unknown kind, a bad date, a quote left open, a `#` with no
name) is a `QueryError` whose message is one line saying what to fix: the query
never reaches the index's own query language, which is built from a `Query`
(tui.index_queries), so nothing a user types can be an FTS5 syntax error.

Words are split the way the index splits text (runs of letters and digits, so
`co-op` is the phrase `co op`); a word with no letter or digit (`&`, `—`) says
nothing and is left out. `match_spans` finds the words and phrases in a note's
text for marking them, folding case and accents the same way.

Pure: no store, no file, no terminal.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from tui.core.kinds import KIND_NAMES
from tui.core.themes import normalize_theme

FIELDS = ("kind", "guide", "since")
SHORT_WORD = 2  # letters: a word this short is matched whole, not as a start ("th" starts half the words)


class QueryError(ValueError):
    """What is wrong with a query, as one line the user can act on."""


@dataclass(frozen=True)
class Query:
    """A parsed query. Words and phrases are tuples of their words as typed (see `tokens`)."""

    words: tuple[tuple[str, ...], ...] = ()  # each: its tokens, the last one matched as a word start
    phrases: tuple[tuple[str, ...], ...] = ()  # each: its tokens, all whole
    themes: tuple[str, ...] = ()
    theme_starts: tuple[str, ...] = ()  # while typing: themes matched by their start
    kinds: tuple[str, ...] = ()  # any of them
    guides: tuple[str, ...] = ()  # any of them, lowercase
    since: str | None = None  # YYYY-MM-DD
    without_words: tuple[tuple[str, ...], ...] = ()
    without_phrases: tuple[tuple[str, ...], ...] = ()
    without_themes: tuple[str, ...] = ()
    without_kinds: tuple[str, ...] = ()
    text: str = field(default="", compare=False)  # as typed

    @property
    def has_text(self) -> bool:
        """Words or phrases to find in the note text (what ranking is about)."""
        return bool(self.words or self.phrases)

    @property
    def is_empty(self) -> bool:
        """Nothing that picks notes: no words, phrases, themes or kinds (filters alone narrow, never pick)."""
        return not (self.words or self.phrases or self.themes or self.theme_starts or self.kinds)


# --- reading a query ------------------------------------------------------------------------
def parse(text: str, *, typing: bool = False) -> Query:
    """`Query` for what the user typed; QueryError (one line) for a mistake in it.

    `typing`: the query is still being typed (see the module's docstring).
    """
    parts: dict[str, list] = {name: [] for name in Query.__dataclass_fields__ if name not in ("since", "text")}
    since: str | None = None
    for negated, kind, value in _pieces(text, typing=typing):
        prefix = "without_" if negated else ""
        if kind == "open phrase":
            kind = "word"
        if kind == "theme" and typing and not negated:
            parts["theme_starts"].append(_theme(value))
        elif kind == "phrase":
            if found := tuple(word for _, _, word in tokens(value)):
                parts[prefix + "phrases"].append(found)
        elif kind == "theme":
            parts[prefix + "themes"].append(_theme(value))
        elif kind == "word":
            if found := tuple(word for _, _, word in tokens(value)):
                parts[prefix + "words"].append(found)
        elif negated and kind != "kind":
            raise QueryError(f"-{kind}: cannot leave sessions out; use {kind}: to keep only the ones you want")
        elif kind == "kind":
            parts[prefix + "kinds"].append(_kind(value))
        elif kind == "guide":
            if not value:
                raise QueryError("guide: needs a guide's name after it, like guide:customer-impact")
            parts["guides"].append(value.lower())
        else:
            day = _date(value)
            since = day if since is None else max(since, day)
    unique = {name: tuple(dict.fromkeys(values)) for name, values in parts.items()}
    return Query(**unique, since=since, text=text)


def _pieces(text: str, *, typing: bool = False):
    """(negated, kind, value) for each piece: kind is word, phrase, open phrase, theme, kind, guide or since."""
    at, end = 0, len(text)
    while at < end:
        if text[at].isspace():
            at += 1
            continue
        negated = text[at] == "-" and at + 1 < end and not text[at + 1].isspace()
        if negated:
            at += 1
        if text[at] == '"':
            close = text.find('"', at + 1)
            if close < 0 and typing:
                yield negated, "open phrase", text[at + 1 :]
                return
            if close < 0:
                raise QueryError('a quote (") is not closed: put one at the end of the phrase')
            yield negated, "phrase", text[at + 1 : close]
            at = close + 1
            continue
        stop = at
        while stop < end and not text[stop].isspace() and text[stop] != '"':
            stop += 1
        piece = text[at:stop]
        at = stop
        name, colon, value = piece.partition(":")
        if piece.startswith("#"):
            yield negated, "theme", piece[1:]
        elif colon and name.lower() in FIELDS:
            yield negated, name.lower(), value
        else:
            yield negated, "word", piece


def _theme(raw: str) -> str:
    theme = normalize_theme(raw)
    if not theme:
        raise QueryError("a # needs a theme's name after it, like #pricing")
    return theme


def _kind(raw: str) -> str:
    """A note kind from its name, its plural, or a start of it that only one kind has."""
    wanted = raw.strip().lower()
    if wanted in KIND_NAMES:
        return wanted
    if wanted.endswith("s") and wanted[:-1] in KIND_NAMES:
        return wanted[:-1]
    starting = [kind for kind in KIND_NAMES if wanted and kind.startswith(wanted)]
    if len(starting) == 1:
        return starting[0]
    shown = f"'{raw}'" if raw else "nothing"
    raise QueryError(f"kind: takes one of {', '.join(KIND_NAMES)}, not {shown}")


def _date(raw: str) -> str:
    try:
        return date.fromisoformat(raw.strip()).isoformat()
    except ValueError:
        raise QueryError(f"since: takes a date like 2026-01-01, not '{raw}'") from None


# --- words as the index splits them ---------------------------------------------------------
def _is_token_char(char: str) -> bool:
    """Letters, digits, combining marks and private-use characters, as FTS5's unicode61 tokenizer."""
    return unicodedata.category(char)[0] in "LNM" or unicodedata.category(char) == "Co"


def fold(text: str) -> str:
    """Lowercase without accents: `Élodie` -> `elodie`, as the index compares words."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_ASCII_WORD = re.compile("[0-9A-Za-z]+")  # in ASCII, unicode61 takes only letters and digits for words


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) for each word of `text` (a search marks the matches of 60 notes on each key)."""
    if text.isascii():
        return [(m.start(), m.end(), m.group()) for m in _ASCII_WORD.finditer(text)]
    found: list[tuple[int, int, str]] = []
    start = None
    for at, char in enumerate(text):
        if _is_token_char(char):
            if start is None:
                start = at
        elif start is not None:
            found.append((start, at, text[start:at]))
            start = None
    if start is not None:
        found.append((start, len(text), text[start:]))
    return found


def match_spans(query: Query, text: str) -> list[tuple[int, int]]:
    """Where the query's words and phrases occur in `text`: sorted, non-overlapping (start, end)."""
    words = tokens(text)
    folded = [fold(word) for _, _, word in words]
    spans: list[tuple[int, int]] = []
    for typed, whole_last in [(w, False) for w in query.words] + [(p, True) for p in query.phrases]:
        sequence = [fold(word) for word in typed]
        whole_last = whole_last or len(sequence[-1]) <= SHORT_WORD
        size = len(sequence)
        for first in range(len(words) - size + 1):
            window = folded[first : first + size]
            if window[:-1] == sequence[:-1] and (
                window[-1] == sequence[-1] if whole_last else window[-1].startswith(sequence[-1])
            ):
                spans.append((words[first][0], words[first + size - 1][1]))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
