"""Per-session facts for history search and cross-interview themes, cached beside the index.

`facts.json` maps each session file's name to the stamp the index uses
(snapshot and journal segments) and what the history filter and the themes report
need from the notes, so neither opens every session file:

    search   the notes' and takeaways' text, lowercased (tui.core.analysis.search_text)
    themes   per theme: mentions, pain and idea notes, example notes (analysis.facts_to_json)

It is kept apart from `index.json` so a plain listing (home, `interview
list`) stays small and fast. Like the index it is only a cache: a file whose
stamp changed is read again, a missing or damaged cache is rebuilt, and a
failed write costs only the next run's time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.analysis import (
    SessionThemes,
    facts_from_json,
    facts_to_json,
    search_text,
    theme_facts,
)
from tui.journal import list_segments
from tui.reading import MAX_SESSION_BYTES, Unreadable, read_json
from tui.storage import SessionFiles, UnreadableFile
from tui.store import SessionSummary, Store
from tui.store_index import stamp_of, write_cache

FACTS_VERSION = 2
FACTS_FILE = "facts.json"
FACTS_LOCK = "facts.lock"


@dataclass(frozen=True)
class SessionFacts:
    search: str  # lowercase note and takeaway text
    themes: dict[str, Any]  # analysis.facts_to_json form; decode with facts_from_json


def facts_of(tables: tuple[dict[str, Any], dict[int, dict[str, Any]]]) -> dict[str, Any]:
    """The cacheable facts of a session's meta and notes, as `SessionFiles.read` gives them."""
    meta, notes = tables
    ordered = [notes[doc_id] for doc_id in sorted(notes)]
    bumps = meta.get("theme_bumps") if isinstance(meta.get("theme_bumps"), list) else []
    bumps = [b.get("theme") for b in bumps if isinstance(b, dict)]
    takeaways = meta.get("takeaways") if isinstance(meta.get("takeaways"), list) else []
    return {
        "search": search_text(ordered, takeaways),
        "themes": facts_to_json(theme_facts(ordered, bumps)),
    }


class FactsCache:
    def __init__(self, store: Store) -> None:
        self.path = store.root / FACTS_FILE
        self._lock_path = None if "locks" in store.problems else store.locks_dir / FACTS_LOCK
        self._files = store.files

    def load(self, summaries: list[SessionSummary]) -> dict[str, SessionFacts]:
        """Facts of these sessions by id; files changed since the last run are read again.

        A session whose file vanished or cannot be read is left out.
        """
        cached = self._read()
        entries: dict[str, dict[str, Any]] = {}
        facts: dict[str, SessionFacts] = {}
        journals = list_segments(self._files.journal_dir) if self._files.journal_dir else {}
        for summary in summaries:
            name = summary.path.name
            try:
                entry = self._entry(self._files, summary.path, journals.get(name, []), cached.get(name))
            except (OSError, UnreadableFile):
                continue
            entries[name] = entry
            facts[summary.id] = SessionFacts(entry["search"], entry["themes"])
        if entries != cached:
            self._write(entries)
        return facts

    @staticmethod
    def _entry(files: SessionFiles, path: Path, segments: list[Any], cached: dict[str, Any] | None) -> dict[str, Any]:
        stamp = stamp_of(os.stat(path, follow_symlinks=False), segments)
        if cached and cached.get("stamp") == stamp:
            return cached
        return {"stamp": stamp, **facts_of(files.read(path).tables)}

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            data = read_json(self.path, limit=MAX_SESSION_BYTES * 4, follow_symlinks=False)
        except Unreadable:
            return {}
        if not isinstance(data, dict) or data.get("version") != FACTS_VERSION or not isinstance(data.get("entries"), dict):
            return {}
        return {
            name: entry
            for name, entry in data["entries"].items()
            if isinstance(entry, dict) and isinstance(entry.get("search"), str) and isinstance(entry.get("themes"), dict)
        }

    def _write(self, entries: dict[str, dict[str, Any]]) -> None:
        """Best effort and not fsynced, as the index: it is rebuilt if lost."""
        write_cache(self.path, self._lock_path, {"version": FACTS_VERSION, "entries": entries})


def theme_inputs(
    summaries: list[SessionSummary], facts: dict[str, SessionFacts]
) -> list[SessionThemes]:
    """The themes report's view of each session, from the index and the facts cache."""
    return [
        SessionThemes(
            session_id=s.id,
            participant=s.participant_name,
            company=s.company,
            date=s.date,
            guide=s.guide_name,
            themes=facts_from_json(facts[s.id].themes),
        )
        for s in summaries
        if s.id in facts
    ]


def load_theme_inputs(store: Store) -> list[SessionThemes]:
    summaries = store.summaries()
    return theme_inputs(summaries, FactsCache(store).load(summaries))
