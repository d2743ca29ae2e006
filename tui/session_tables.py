"""The tables of a session file (a TinyDB snapshot) and the one document its session table holds.

`session` holds the session's `meta_dict()` as document META_DOC, `notes` one
document per note (doc ids in note order), `journal` the last journal line
folded into it (tui.journal). Named once here for the storage, the journal, the
writer and the store; a module of its own so that naming them imports no parser.
"""

from __future__ import annotations

SESSION_TABLE, NOTES_TABLE, JOURNAL_TABLE = "session", "notes", "journal"
META_DOC = "1"
