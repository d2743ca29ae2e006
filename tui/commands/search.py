"""`interview search QUERY`: the notes that say something, across every session, best first.

The query syntax is tui.core.search's (words, "a phrase", #theme, kind:pain,
guide:NAME, since:DATE, -word); a mistake in it is one line and exit status 2.
Markdown (the default) marks each match in **bold**; JSON gives each note
with its matches as [start, end) character offsets. On a terminal the text's
control characters are shown, never run; into a pipe it is exact.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from tui.core.durations import format_elapsed
from tui.core.kinds import KIND_NAMES, NOTE, QUOTE, kind_of
from tui.core.markdown import escape as _md
from tui.core.search import Query, QueryError, match_spans, parse
from tui.core.text import visible
from tui.errors import UsageError

if TYPE_CHECKING:  # the store and its index (sqlite3, msgspec, tinydb) wait until a search is printed: --tui draws first
    from tui.index_queries import Hit, SearchResult

FORMATS = ("md", "json")
JSON_FORMAT = "interview-companion/search"
JSON_FORMAT_VERSION = 1
DEFAULT_LIMIT = 50


def arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.description = (
        'Words match the start of words (export finds exports), "a phrase" its words in order; '
        f"#theme, kind:KIND ({', '.join(KIND_NAMES)}), guide:NAME and since:YYYY-MM-DD "
        "narrow it; -word leaves notes with that word out. Best matches first, newest first on ties."
    )
    parser.add_argument("query", nargs="*", metavar="QUERY", help="what to look for (several words: all of them)")
    parser.add_argument("--format", choices=FORMATS, default="md", help="output format (default: md)")
    parser.add_argument("--tui", action="store_true", help="open the Search screen (on QUERY, if given) instead of printing")
    parser.add_argument("--limit", type=_positive, default=DEFAULT_LIMIT, metavar="N", help=f"show at most N notes (default: {DEFAULT_LIMIT})")
    parser.set_defaults(func=run)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a number of notes, 1 or more, not {text!r}")
    return int(text)


def run(args: argparse.Namespace) -> int:
    text = " ".join(args.query)
    if args.tui:
        from tui.app import Start
        from tui.commands.app_commands import run_app

        return run_app(args, Start("search", query=text))
    if not text.strip():
        raise UsageError('what to search for? give a word, "a phrase", a #theme or kind:… (or --tui for the Search screen)')
    try:
        query = parse(text)
    except QueryError as error:
        raise UsageError(str(error)) from None
    if query.is_empty:
        raise UsageError('nothing to search for: give a word, "a phrase", a #theme or kind:… (guide: and since: only narrow it)')
    from tui.commands.sessions import open_store

    store = open_store(args)
    if query.guides:
        known = store.guide_names(refresh=False)
        unknown = [g for g in query.guides if g not in {name.lower() for name in known}]
        if unknown:
            raise UsageError(f"no sessions use the guide '{unknown[0]}'; guides in the store: {', '.join(known) or 'none yet'}")
    result = store.search(query, args.limit, refresh=False)
    if args.format == "json":  # JSON escapes C0 controls; on a terminal, C1 and the rest too
        sys.stdout.write(render_json(query, result, ascii_only=sys.stdout.isatty()))
    else:
        output = render_markdown(query, result)
        sys.stdout.write(visible(output) if sys.stdout.isatty() else output)
    return 0


def _count_line(result: SearchResult) -> str:
    from tui.index_queries import MATCH_LIMIT

    if not result.total:
        return "No note matches."
    notes = "1 note matches" if result.total == 1 else f"{'over ' if result.more else ''}{result.total:,} notes match"
    if len(result.hits) < result.total:
        shown = f"the first {len(result.hits):,} shown (--limit)"
        notes += f", {'best' if result.ranked else 'newest'} first; {shown}"
    else:
        notes += ", best first" if result.ranked else ", newest first"
    if result.more:
        notes += f" (over {MATCH_LIMIT:,} matches are not ranked: add words to narrow it)"
    return notes + "."


def _said(hit: Hit, text: str) -> str:
    """The note's text as the review shows it: a quote in curly quotes, other kinds labelled."""
    if hit.kind == QUOTE:
        return f"“{text}”"
    return text if hit.kind == NOTE else f"{kind_of(hit.kind).label}: {text}"


def _marked(query: Query, text: str) -> str:
    """Markdown-literal text with each match in **bold** (escaping leaves words where they were)."""
    literal = _md(text)
    marked, at = [], 0
    for start, end in match_spans(query, literal):
        marked += [literal[at:start], "**", literal[start:end], "**"]
        at = end
    return "".join(marked) + literal[at:]


def render_markdown(query: Query, result: SearchResult) -> str:
    lines = [f"# Search: {_md(query.text)}", "", _count_line(result)]
    for number, hit in enumerate(result.hits, 1):
        who = _md(hit.participant or "anonymous") + (f" ({_md(hit.company)})" if hit.company else "")
        star = " ★" if hit.starred else ""
        lines += ["", f"{number}. **{who}**, {hit.date or 'undated'}, {format_elapsed(hit.elapsed)}{star}  "]
        lines.append(f"   {_said(hit, _marked(query, hit.text))}  ")
        if hit.question:
            lines.append(f"   Q: {_md(hit.question)}  ")
        about = [_md(hit.guide_name), f"session {_md(hit.session_id[:8])}", *(f"#{_md(theme)}" for theme in hit.themes)]
        lines.append("   " + " · ".join(part for part in about if part))
    return "\n".join(lines) + "\n"


def render_json(query: Query, result: SearchResult, *, ascii_only: bool = False) -> str:
    data = {
        "format": JSON_FORMAT,
        "format_version": JSON_FORMAT_VERSION,
        "query": query.text,
        "total": result.total,
        "more": result.more,
        "ranked": result.ranked,
        "notes": [
            {
                "session_id": hit.session_id,
                "file": hit.file_name,
                "participant": hit.participant,
                "company": hit.company,
                "date": hit.date,
                "guide": hit.guide_name,
                "question": hit.question,
                "note_id": hit.note_id,
                "kind": hit.kind,
                "text": hit.text,
                "matches": [list(span) for span in match_spans(query, hit.text)],
                "themes": list(hit.themes),
                "elapsed": hit.elapsed,
                "starred": hit.starred,
            }
            for hit in result.hits
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=ascii_only) + "\n"
