"""History: every session in one table; filter, sort, review, resume, follow up, export, delete.

The table is drawn from the store's index a page at a time (PAGE sessions, the
next as the cursor nears the end, all up to the last on End), so it opens at once
on 10,000 sessions. Sorting, the follow-ups and the filter (tui/core/search.py's
syntax) are index queries in workers; a filter key and its rows are drawn in one
frame (`drawn_together`). The first page comes from the index as it is; the
folder is listed after it, and the table redrawn if a file changed.

`f` switches to the follow-ups: participants who agreed to be contacted again
and have no follow-up session yet; Enter starts one.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Input, Static

from tui.core.search import Query, QueryError, parse
from tui.core.session import UNFINISHED, Session
from tui.core.text import one_line
from tui.errors import UsageError
from tui.screens.base import app_of, draw_now, drawn_together, in_thread, store_of, use_styles
from tui.screens.confirm_delete import ConfirmDelete
from tui.screens.export_dialog import ExportSettings
from tui.screens.history_rows import COLUMNS, DIRECTIONS, PAGE, REST, SORTS, Page, detail_lines, label, session_row
from tui.screens.keys import key_for
from tui.screens.sharing import Sharing
from tui.widgets.key_bar import KeyBar
from tui.widgets.row_table import Row, RowTable
from tui.widgets.safe import safe_line

if TYPE_CHECKING:  # the store and its index are imported after the first frame
    from tui.index_queries import HistoryView
    from tui.index_rows import SessionSummary
    from tui.store import Store


class HistoryScreen(Sharing, Screen[None]):
    BINDINGS = [
        Binding("enter", "open", "Review", id="history_review"),
        Binding("enter", "follow_up", "Follow up", id="history_follow_up_enter"),
        # Priority, and focus moved at once: the words typed right after / go to the filter, not to table keys.
        Binding("slash", "focus_filter", "Filter", id="history_filter", show=False, priority=True),
        Binding("r", "resume", "Resume", id="history_resume"),
        Binding("n", "follow_up", "Follow up", id="history_follow_up"),
        Binding("e", "export", "Export", id="history_export"),
        Binding("x,delete", "delete", "Delete", id="history_delete"),
        Binding("f", "toggle_follow_ups", "Follow-ups", id="history_follow_ups"),
        Binding("t", "themes", "Themes", id="history_themes"),
        Binding("ctrl+f", "search", "Search notes", id="history_search", show=False),  # the footer is full; palette and help list it
        Binding("d", "sort('date')", "Sort by date", id="history_sort_date", show=False),
        Binding("p", "sort('participant')", "Sort by participant", id="history_sort_participant", show=False),
        Binding("g", "sort('guide')", "Sort by guide", id="history_sort_guide", show=False),
        Binding("s", "sort('status')", "Sort by status", id="history_sort_status", show=False),
        Binding("l", "sort('duration')", "Sort by length", id="history_sort_length", show=False),
        Binding("escape", "back", "Back", id="history_back"),
        Binding("down", "focus_table", "To the table", id="history_to_table", show=False),  # from the filter
        # Priority and at once: a key typed right after Enter in the filter (End, a sort key) goes to the table.
        Binding("enter", "focus_table", "To the table", id="history_filter_done", show=False, priority=True),
        Binding("q", "app.quit", "Quit", id="history_quit", show=False),
        Binding("question_mark", "app.help", "Help", show=False),
    ]
    # Keys that type into the filter while it has focus, so they are hidden then.
    TABLE_ACTIONS = ("open", "follow_up", "resume", "export", "delete", "toggle_follow_ups", "sort", "focus_filter")

    def __init__(self, *, follow_ups: bool = False, query: str = "") -> None:
        super().__init__()
        use_styles(self, "history.tcss")
        self.follow_ups = follow_ups
        self.query_text = one_line(query)  # a theme's name, opened from themes: typed into the filter field
        self.summaries: list[SessionSummary] = []  # the sessions loaded so far, in the table's order
        self.by_id: dict[str, SessionSummary] = {}
        self.rows: dict[str, Row] = {}
        self.followed: dict[str, str] = {}  # session id -> the date of its first follow-up
        self.earlier: dict[str, SessionSummary] = {}  # sessions the loaded ones follow up
        self.sort_by = "date"
        self.descending = True
        self.filter_query: Query | None = None  # the filter as last read (a half-typed one leaves it)
        self.shown_count = self.total = 0
        self.loaded = False
        self.counted = False  # shown_count and total are the view's (counted after its rows are drawn)
        self.complete = False  # every session of the view is loaded
        self._in_step = False  # the index was refreshed from the folder since the screen opened
        self.fetching = False  # a next page is on its way
        self._to_end = False  # End was pressed: the rest of the view is on its way, then the cursor goes last
        self._shows_resume = False
        self._version = 0  # bumped when the view changes: a page for an older one is dropped
        self.export_settings = ExportSettings()

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="history-title")  # in the first frame, not the one after on_mount
        yield Input(
            self.query_text,
            placeholder="/ filter: name, company, guide, #theme, words in notes",
            id="history-filter",
            select_on_focus=False,
        )
        yield RowTable(COLUMNS, empty_text="Loading sessions…", id="history-table")
        yield Static(id="history-detail")
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        self.query_one(RowTable).focus()
        self._read_filter(self.query_text)
        # After the first frame, which shows "loading…" either way: the store is opened then, not before.
        # The first screen comes from the index as it is; the folder is listed after it.
        app_of(self).after_first_frame(lambda: self.load_sessions(refresh=False))

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.load_sessions()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < 16 or event.size.width < 40, "-small")

    # --- loading: a page at a time, from the index -----------------------------------
    @property
    def settled(self) -> bool:
        """Nothing on its way: the view's rows and counts are drawn (for tests and benchmarks)."""
        return self.loaded and self.counted and not self.fetching

    def view(self) -> HistoryView:
        from tui.index_queries import HistoryView

        return HistoryView(self.filter_query, self.follow_ups, self.sort_by, self.descending)

    def load_sessions(self, *, refresh: bool = True, keep_cursor: bool = True) -> asyncio.Event:
        """The view's first pages (as many as are loaded, at least one), then its counts, off the UI thread."""
        store, view, version = store_of(self), self.view(), self._version
        limit = max(len(self.summaries), PAGE) if keep_cursor else PAGE

        def first_pages() -> Page:
            summaries = store.history_page(view, 0, limit, refresh=refresh)
            return self._page(store, version, 0, limit, summaries, store.follow_up_links(refresh=False))

        self.fetching = True
        return in_thread(
            self, first_pages, lambda page: self._page_loaded(page, keep_cursor), failure="Sessions not listed",
            group="history-sessions", failed=self._not_listed,
        )

    def _more(self) -> None:
        """The next page, when the cursor nears the end of what is loaded; all the rest after End."""
        if self.fetching or not self.loaded or self.complete:
            return
        store, view, version, offset, followed = store_of(self), self.view(), self._version, len(self.summaries), self.followed
        limit = REST if self._to_end else PAGE

        def next_page() -> Page:
            return self._page(store, version, offset, limit, store.history_page(view, offset, limit, refresh=False), followed)

        self.fetching = True
        in_thread(self, next_page, lambda page: self._page_loaded(page, True), failure="Sessions not listed", group="history-more")

    @staticmethod
    def _page(
        store: Store, version: int, offset: int, limit: int, summaries: list[SessionSummary], followed: dict[str, str]
    ) -> Page:
        """A page with its rows built (in the worker), and the sessions its sessions follow up."""
        wanted = sorted({s.follow_up_of for s in summaries if s.follow_up_of})
        earlier = store.index.where(f"id IN ({', '.join('?' * len(wanted))})", *wanted) if wanted else []
        rows = {s.id: session_row(s, followed) for s in summaries}
        return Page(version, offset, summaries, rows, len(summaries) < limit, followed, {e.id: e for e in earlier})

    def _not_listed(self) -> None:
        self.fetching = False
        self.query_one(RowTable).empty_text = "Sessions could not be listed (see the message)."
        self.query_one(RowTable).set_rows([])

    def _page_loaded(self, page: Page, keep_cursor: bool) -> None:
        self.fetching = False
        if page.version != self._version or page.offset != (len(self.summaries) if page.offset else 0):
            return  # for a view no longer shown, or a page already had
        if page.offset == 0:
            self.summaries, self.rows, self.earlier = [], {}, {}
        self.followed, self.complete = page.followed, page.complete
        self.earlier.update(page.earlier)
        self.summaries += page.summaries
        self.rows.update(page.rows)
        self.by_id = {s.id: s for s in self.summaries}
        self.loaded = True
        table = self.query_one(RowTable)
        table.measure(list(page.rows.values()), widen=True)
        if page.offset:
            table.add_rows([page.rows[s.id] for s in page.summaries])
            if self._to_end:
                self._last()
            return
        self._refresh_rows(keep_cursor=keep_cursor)
        draw_now(self)
        store, view, version = store_of(self), self.view(), self._version
        if not self._in_step:  # once drawn: files changed by others, then the table again
            self._in_step = True
            in_thread(
                self, store.refresh, lambda _: self.load_sessions(refresh=False), failure="Sessions not listed",
                group="history-index", severity="warning",
            )
        in_thread(  # the rows are drawn; counting every session the filter keeps comes after
            self, lambda: (version, *store.history_count(view, refresh=False)), self._counted, failure="Sessions not counted",
            group="history-count", severity="warning",
        )

    @on(RowTable.LastAsked, "#history-table")
    def _last(self) -> None:
        """End: the cursor on the view's last session, once every page up to it is loaded."""
        self._to_end = not self.complete
        if self.complete:
            self.query_one(RowTable).action_jump(len(self.summaries) - 1)
        else:
            self._more()

    def _counted(self, counted: tuple[int, int, int]) -> None:
        version, shown, total = counted
        if version == self._version:
            self.shown_count, self.total, self.counted = shown, total, True
            self._show_empty()
            self._show_title(shown)

    def _view_changed(self) -> asyncio.Event:
        """Sort, mode or filter changed: the first page of the new view replaces the table."""
        self._version += 1
        self._to_end = False
        store_of(self).index.interrupt()  # a page or count of the view before, if one still runs
        self.counted = False
        return self.load_sessions(refresh=False, keep_cursor=False)

    # --- what is shown -----------------------------------------------------------------
    def _refresh_rows(self, *, keep_cursor: bool = False) -> None:
        """Show the loaded rows; the cursor goes to the top unless it should stay on its session."""
        table = self.query_one(RowTable)
        keep = table.current_key if keep_cursor else None
        self._show_empty()
        arrow = " ▼" if self.descending else " ▲"
        table.marks = {"time" if self.sort_by == "duration" else self.sort_by: arrow}
        table.set_rows([self.rows[s.id] for s in self.summaries], keep=keep)
        self._show_title(self.shown_count)
        self._show_detail(table.current_key)

    def _show_empty(self) -> None:
        """What an empty table says: no sessions at all, nobody waiting, or nothing matching."""
        table = self.query_one(RowTable)
        if not self.counted:
            text = "Counting…"
        elif not self.total:
            text = "No sessions yet. Start one from home (Esc), or try `interview demo`."
        elif self.follow_ups and self.filter_query is None:
            text = "Nobody is waiting for a follow-up."
        else:
            text = "No session matches the filter. Esc clears it."
        if text != table.empty_text:
            table.empty_text = text
            table.refresh()

    def _show_title(self, count: int | None = None) -> None:
        self.query_one("#history-title", Static).update(self._title(count))

    def _title(self, count: int | None = None) -> Content:
        """The title row: what is shown and how it is sorted ("loading…" until the rows are counted)."""
        total = self.total
        if not self.loaded or not self.counted:
            return Content.assemble(("History" if not self.follow_ups else "Follow-ups", "bold"), ("  loading…", "dim"))
        if self.follow_ups:
            return Content.assemble(
                ("Follow-ups", "bold"),
                (f"  {count} agreed to be contacted again, no follow-up yet · {key_for(self, 'history_follow_up_enter')} starts one", "dim"),
            )
        what, _ = SORTS[self.sort_by]
        direction = DIRECTIONS.get(self.sort_by, ("Z–A", "A–Z"))[0 if self.descending else 1]
        shown = f"{count:,} of {total:,}" if count is not None and count != total else f"{total:,}"
        return Content.assemble(
            ("History", "bold"),
            (f"  {shown} session{'s' if total != 1 else ''} · by {what}, {direction}", "dim"),
        )

    @on(RowTable.Highlighted, "#history-table")
    def _highlighted(self, event: RowTable.Highlighted) -> None:
        if event.table.cursor >= len(event.table.rows) - PAGE // 2:
            self._more()
        self._show_detail(event.key)
        resumable = self._resumable(self.by_id.get(event.key or ""))
        if resumable != self._shows_resume:  # the footer is rebuilt only when its keys change
            self._shows_resume = resumable
            self.refresh_bindings()

    def _show_detail(self, key: str | None) -> None:
        detail = self.query_one("#history-detail", Static)
        s = self.by_id.get(key or "")
        if s is None:
            detail.update(Content.styled(self._sort_hint(), "dim"))
            return
        lines = [*detail_lines(s), self._follow_up_line(s)]
        detail.update(Content("\n").join(map(safe_line, lines)))  # each a line, whatever the session's fields hold

    def _follow_up_line(self, s: SessionSummary) -> Content:
        parts: list[str | tuple[str, str]] = []
        if s.follow_up_of:
            earlier = self.by_id.get(s.follow_up_of) or self.earlier.get(s.follow_up_of)
            parts.append(f"Follow-up of {label(earlier) if earlier else s.follow_up_of[:8]}. ")
        if s.id in self.followed:
            parts.append(f"Followed up on {self.followed[s.id]}. ")
        elif s.follow_up_ok is True:
            parts.append((f"Agreed to a follow-up: {key_for(self, 'history_follow_up')} starts one. ", "$text-success"))
        elif s.follow_up_ok is False:
            parts.append("Prefers not to be contacted again. ")
        parts.append((self._sort_hint(), "dim"))
        return Content.assemble(*parts)

    def _sort_hint(self) -> str:
        keys = " ".join(
            f"{key_for(self, f'history_sort_{name}')} {name}" for name in ("date", "participant", "guide", "status", "length")
        )
        return f"Sort: {keys}"

    # --- filter ------------------------------------------------------------------------
    @on(Input.Changed, "#history-filter")
    async def _filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        if self._read_filter(event.value):
            await drawn_together(self, self._view_changed())

    def _read_filter(self, text: str) -> bool:
        """The filter's query from what is typed; False if it does not read yet (a `kind:` half typed)."""
        try:
            self.filter_query = parse(text, typing=True) if text.strip() else None
        except QueryError:
            return False
        return True

    def action_focus_table(self) -> None:
        self.set_focus(self.query_one(RowTable))

    def action_focus_filter(self) -> None:
        self.set_focus(self.query_one("#history-filter", Input))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if isinstance(self.focused, Input) and action in self.TABLE_ACTIONS:
            return False
        if action == "focus_table":  # Enter and ↓ from the filter; on the table they are its own
            return isinstance(self.focused, Input)
        if action == "open":
            return not self.follow_ups
        if action == "resume":  # shown only on an unfinished session
            return self._resumable(self._current())
        return True

    @staticmethod
    def _resumable(summary: SessionSummary | None) -> bool:
        return summary is not None and summary.status in UNFINISHED and not summary.read_only

    # --- actions -------------------------------------------------------------------------
    def _current(self) -> SessionSummary | None:
        return self.by_id.get(self.query_one(RowTable).current_key or "")

    def action_sort(self, name: str) -> None:
        if name == self.sort_by:
            self.descending = not self.descending
        else:
            self.sort_by, self.descending = name, SORTS[name][1]
        self._view_changed()

    def action_toggle_follow_ups(self) -> None:
        self.follow_ups = not self.follow_ups
        self.refresh_bindings()
        self._view_changed()

    def action_back(self) -> None:
        field = self.query_one("#history-filter", Input)
        if field.value:
            field.value = ""
            self.query_one(RowTable).focus()
        elif field.has_focus:
            self.query_one(RowTable).focus()
        elif self.follow_ups:
            self.action_toggle_follow_ups()
        else:
            app_of(self).go_back()

    def action_themes(self) -> None:
        app_of(self).open_themes()

    def action_search(self) -> None:
        """Every note that matches, across sessions: the filter's query carried over."""
        app_of(self).open_search(self.query_text)

    def action_open(self) -> None:
        current = self._current()
        if current is not None:
            app_of(self).open_review(current.id)

    def action_resume(self) -> None:
        current = self._current()
        if current is None:
            return
        if current.status not in UNFINISHED:
            self.notify("This session is completed; Enter opens its review.")
            return
        app_of(self).open_live(current.id)

    def action_follow_up(self) -> None:
        """A new interview linked to this one, on the guide it used, with the participant filled in."""
        session = self._load_current()
        if session is not None:
            app_of(self).open_setup(session.guide, follow_up_of=session.id, participant=session.participant)

    def action_delete(self) -> None:
        current = self._current()
        if current is None:
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                store_of(self).delete(current.id)
            except UsageError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.notify(
                f"Moved {label(current)} to the trash. Restore it with: interview restore {current.short_id}",
                timeout=10,
                markup=False,
            )
            self.load_sessions()

        self.app.push_screen(ConfirmDelete(current), confirmed)

    def action_export(self) -> None:
        """The review's export dialog for the highlighted session: format, anonymize, the file (in full)."""
        session = self._load_current()
        if session is not None:
            self.open_export(session)

    def _load_current(self) -> Session | None:
        """The highlighted session, read in full; a problem is one line."""
        current = self._current()
        if current is None:
            return None
        try:
            return store_of(self).load(current.id)
        except UsageError as error:
            self.notify(str(error), severity="error", markup=False)
            return None
