"""Search: the notes that match across every session, as you type; Enter opens the review at the note.

The query is tui.core.search's syntax, the same as `interview search` and the
history filter. Each keystroke starts a worker that asks the index (one FTS5
query) and builds the rows; a newer keystroke's worker replaces it, and an
answer to an older query than the one in the field is dropped. The key's echo
waits for the answer (up to `TOGETHER`), so both are drawn in one frame. A query
that does not read is one line under the field, and the results stay as they were.

The index is refreshed (files changed by another process or a sync picked up)
when the screen is shown, off the UI thread, and the query run again.
"""

from __future__ import annotations

import asyncio

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Static

from tui.core.search import QueryError, parse
from tui.core.text import one_line
from tui.screens.base import TypeAhead, app_of, draw_now, drawn_together, in_thread, store_of
from tui.screens.keys import key_for
from tui.screens.search_rows import COLUMNS, Found, count_line, detail_lines, found
from tui.widgets.key_bar import KeyBar
from tui.widgets.row_table import RowTable

LIMIT = 60  # notes listed (more than a screen: each costs its match marked); the count says how many matched
SYNTAX = 'words · "a phrase" · #theme · kind:pain · guide:NAME · since:YYYY-MM-DD · -word'


class SearchScreen(TypeAhead):
    BINDINGS = [
        Binding("enter", "open", "Review at the note", id="search_open"),
        Binding("down", "focus_results", "To the results", id="search_to_results", show=False),
        Binding("slash", "focus_query", "Query", id="search_query", show=False),
        Binding("escape", "back", "Back", id="search_back"),
        Binding("question_mark", "app.help", "Help", show=False),
    ]
    # Keys that type into the query while it has focus.
    RESULT_ACTIONS = ("focus_query",)

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = one_line(query)
        self.found: Found | None = None
        self.searching = ""  # the query the newest worker runs ("" for none)
        self._open_when_found = False  # Enter came before the answer to what was typed
        self._indexed = False  # refreshed from the files since shown

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(("Search notes", "bold"), ("  across every session", "dim")), id="search-title")
        yield Input(self.query_text, placeholder=SYNTAX, id="search-query", select_on_focus=False)
        yield Static(id="search-problem")
        yield RowTable(COLUMNS, empty_text="Type to search every note.", id="search-results")
        yield Static(id="search-detail")
        yield KeyBar(compact=True)  # drawn with the rest of the first frame (Textual's Footer comes later)

    def on_mount(self) -> None:
        self.focus_first_field()
        self._show_problem("")
        app_of(self).after_first_frame(self._refresh_index)  # the store is imported then, not before the screen shows

    def on_screen_resume(self) -> None:
        if self._indexed:  # back from the review, where notes may have changed
            self._refresh_index()

    def _refresh_index(self) -> None:
        """Pick up files changed by others, then run the query again (the first results wait for nothing)."""
        self._indexed = False
        if self.query_text.strip():
            self._search(self.query_text)
        in_thread(
            self, store_of(self).refresh, lambda _: self._indexed_now(), failure="The index was not refreshed",
            group="search-index", severity="warning",
        )

    def _indexed_now(self) -> None:
        self._indexed = True
        if self.query_text.strip():
            self._search(self.query_text)

    # --- searching -----------------------------------------------------------------------
    @on(Input.Changed, "#search-query")
    async def _query_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self._open_when_found = False  # typed on after Enter: the review would take the keys
        if (answered := self._search(event.value)) is not None:
            await drawn_together(self, answered)

    def _search(self, text: str) -> asyncio.Event | None:
        """Ask the index for `text` in a worker; what is set when it has answered (None: nothing asked)."""
        if not text.strip():
            self.searching = ""
            self._show_problem("")
            self._show(None)
            return None
        try:
            query = parse(text, typing=True)
        except QueryError as error:
            self._show_problem(str(error))
            return None
        if query.is_empty:
            self._show_problem("guide: and since: only narrow a search: add a word, a #theme or kind:…")
            return None
        self._show_problem("")
        self.searching = text
        store = store_of(self)
        store.index.interrupt()  # the query for the key before, if it still runs
        return in_thread(
            self, lambda: found(text, query, store.search(query, LIMIT, refresh=False)), self._found,
            failure="Search failed", group="search", failed=self._not_found,
        )

    def _not_found(self) -> None:
        self._open_when_found = False  # the failure is its notice; a later answer opens nothing

    def _found(self, result: Found) -> None:
        if result.text != self.searching:
            return  # an answer to an older query
        self._show(result)
        draw_now(self)
        if self._open_when_found:
            self._open_when_found = False
            self.action_open()

    # --- showing -------------------------------------------------------------------------
    def _show(self, result: Found | None) -> None:
        self.found = result
        table = self.query_one(RowTable)
        if result is None:
            table.empty_text = "Type to search every note."
            table.set_rows([])
        else:
            table.empty_text = "No note matches. Fewer words, or a word's start, find more."
            table.measure(result.rows)
            table.set_rows(result.rows)
        self._show_problem("")
        self._show_detail(table.current_key)

    def _show_problem(self, problem: str) -> None:
        line = self.query_one("#search-problem", Static)
        if problem:
            line.update(Content.styled(one_line(problem), "$text-error"))
        elif self.found is not None:
            line.update(Content.styled(count_line(self.found.result, key_for(self, "search_open")), "dim"))
        else:
            line.update(Content.styled(f"Search: {SYNTAX}", "dim"))

    @on(RowTable.Highlighted, "#search-results")
    def _highlighted(self, event: RowTable.Highlighted) -> None:
        self._show_detail(event.key)

    def _show_detail(self, key: str | None) -> None:
        detail = self.query_one("#search-detail", Static)
        hit = self.found.hits.get(key or "") if self.found else None
        if hit is None or self.found is None:
            detail.update("")
            return
        detail.update(Content("\n").join(detail_lines(self.found.query, hit)))

    # --- keys ----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if isinstance(self.focused, Input) and action in self.RESULT_ACTIONS:
            return False
        if action == "open":
            return self.query_one(RowTable).current_key is not None
        return True

    @on(Input.Submitted, "#search-query")
    def _submitted(self) -> None:
        """Enter in the query: the first note found for what was typed, once it is found (a paste and Enter at once)."""
        if self.searching and (self.found is None or self.found.text != self.searching):
            self._open_when_found = True
        else:
            self.action_open()

    def action_open(self) -> None:
        key = self.query_one(RowTable).current_key
        hit = self.found.hits.get(key) if self.found and key else None
        if hit is not None:
            app_of(self).open_review(hit.session_id, note_id=hit.note_id)

    def action_focus_results(self) -> None:
        self.query_one(RowTable).focus()

    def action_focus_query(self) -> None:
        self.query_one(Input).focus()

    def action_back(self) -> None:
        field = self.query_one(Input)
        if field.value and field.has_focus:
            field.value = ""
        elif not field.has_focus:
            field.focus()
        else:
            app_of(self).go_back()
