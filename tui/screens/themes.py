"""Themes across interviews: the most widespread first, pains apart from ideas, with quotes; and saturation.

The numbers come from the store's index (one aggregate query, see
tui/index_theme_queries.py) into the report of tui/core/themes_report.py, and the
same sessions into tui/core/saturation.py: a sparkline of the new themes each
participant added and the stopping rule's verdict in words, for the guide the
screen shows. This screen only chooses the view (all themes, problems, ideas)
and the guide.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from tui.core.formats import THEME_FORMATS
from tui.core.kinds import IDEA, PAIN
from tui.core.saturation import Saturation, saturation
from tui.core.saturation_report import mixed_guides
from tui.core.themes_report import ThemeReport, ThemeRow, percent, render, said
from tui.files import exports_dir
from tui.paths import display_path
from tui.screens.base import app_of, in_thread, store_of, use_styles
from tui.screens.export_dialog import DATE
from tui.screens.sharing import copy_out, save_out
from tui.store import slugify
from tui.widgets.row_table import Column, Row, RowTable
from tui.widgets.safe import safe_line

BAR_CELLS = 8
SPARK_CELLS = 2  # per participant, up to SPARK_MAX
SPARK_MAX = 40
VIEWS = {
    # view: (title, breadth column label, what the ranking means)
    "all": ("All themes", "People", "ranked by how many people mention them"),
    "problems": ("Problems", "Pain in", "ranked by how many sessions raised them as a pain"),
    "ideas": ("Ideas", "Ideas in", "ranked by how many sessions offered an idea on them"),
}


def columns(view: str) -> tuple[Column, ...]:
    """The table's columns; across all themes, sessions beside people (a person interviewed twice is two)."""
    sessions_too = (Column("sessions", "Sessions", min_width=8, max_width=8, right=True, drop_order=3),) if view == "all" else ()
    return (
        Column("rank", "#", min_width=2, max_width=3, right=True, drop_order=6),
        Column("theme", "Theme", min_width=12, max_width=28, flex=True),
        Column("breadth", VIEWS[view][1], min_width=6, max_width=8, right=True),
        *sessions_too,
        Column("share", "Share", min_width=BAR_CELLS + 5, max_width=BAR_CELLS + 5, drop_order=1),
        Column("mentions", "Mentions", min_width=5, max_width=8, right=True, drop_order=3),
        Column("pain_notes", "Pain", min_width=4, max_width=5, right=True, drop_order=2),
        Column("idea_notes", "Ideas", min_width=5, max_width=5, right=True, drop_order=2),
        Column("first", "First seen", min_width=10, max_width=10, drop_order=5),
        Column("last", "Last seen", min_width=10, max_width=10, drop_order=4),
    )


def breadth(row: ThemeRow, view: str) -> int:
    """People for all themes (a re-interview is the same person); sessions for pains and ideas."""
    return {"all": row.participants, "problems": row.pain_sessions, "ideas": row.idea_sessions}[view]


def saturation_lines(result: Saturation, guide: str | None, guides: int) -> tuple[Content, Content]:
    """What follows the sparkline (people and themes) and the verdict under it."""
    people = len(result.steps)
    themes = result.steps[-1].cumulative if result.steps else 0
    counts = Content.styled(
        f"{people} {'person' if people == 1 else 'people'} · {themes} theme{'s' if themes != 1 else ''}"
        " · new themes per person", "dim",
    )
    verdict = Content.styled(result.verdict(), "$text-success" if result.saturated else "")
    if mixed_guides(guide, guides):
        verdict = Content.assemble(verdict, (f" ({guides} guides: g picks one)", "dim"))
    return counts, verdict


def share_cell(share: float) -> Content:
    filled = round(share * BAR_CELLS)
    return Content.assemble(
        ("█" * filled, "$accent"), ("░" * (BAR_CELLS - filled), "$text-muted"), f" {percent(share):>4}"
    )


SAVE_KEYS = {"md": "m", "csv": "v", "json": "j"}  # a key for each of the report's THEME_FORMATS


class ThemesExport(ModalScreen[str | None]):
    BINDINGS = [
        Binding("c", "dismiss('copy')", "Copy Markdown", id="themes_export_copy"),
        *(
            Binding(SAVE_KEYS[name], f"dismiss('{name}')", f"Save {fmt.label}", id=f"themes_export_{name}")
            for name, fmt in THEME_FORMATS.items()
        ),
        Binding("escape", "dismiss(None)", "Cancel", id="themes_export_cancel"),
    ]

    def __init__(self, stem: Path) -> None:
        super().__init__()
        use_styles(self, "themes.tcss")
        self.stem = stem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog themes-export"):
            yield Static("Export the themes report", classes="dialog-title")
            yield OptionList(
                Option(Content("c  Copy as Markdown to the clipboard"), id="copy"),
                *(
                    Option(Content(f"{SAVE_KEYS[name]}  Save as {fmt.label} (.{fmt.extension})"), id=name)
                    for name, fmt in THEME_FORMATS.items()
                ),
                id="themes-export-options",
            )
            yield Static(Content.assemble(("Files are saved as ", "dim"), f"{display_path(self.stem)}.*"))
            yield Static(Content.styled("Esc: cancel", "dim"))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class ThemesScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "sessions", "Sessions", id="themes_sessions"),
        Binding("a", "view('all')", "All", id="themes_all"),
        Binding("p", "view('problems')", "Problems", id="themes_problems"),
        Binding("i", "view('ideas')", "Ideas", id="themes_ideas"),
        Binding("g", "next_guide", "Guide", id="themes_guide"),
        Binding("e", "export", "Export", id="themes_export"),
        Binding("escape", "back", "Back", id="themes_back"),
        Binding("q", "app.quit", "Quit", id="themes_quit", show=False),
        Binding("question_mark", "app.help", "Help", show=False),
    ]

    def __init__(self, *, guide: str | None = None) -> None:
        super().__init__()
        use_styles(self, "themes.tcss")
        self.guide = guide
        self.view = "all"
        self.guides: list[str] | None = None  # the store's, once loaded
        self.report: ThemeReport | None = None
        self.saturation: Saturation | None = None
        self.by_theme: dict[str, ThemeRow] = {}

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(("Themes", "bold"), ("  loading…", "dim")), id="themes-title")
        with Horizontal(id="themes-saturation"):
            yield Static(Content.styled("Saturation", "bold"), id="themes-saturation-label")
            yield Sparkline([], id="themes-spark")
            yield Static(id="themes-saturation-counts")
        yield Static(id="themes-verdict")
        yield RowTable(columns(self.view), empty_text="Loading themes…", id="themes-table")
        with VerticalScroll(id="themes-detail", can_focus=False):
            yield Static(id="themes-quotes")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(RowTable).focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self.guides is not None:
            self.load()

    def load(self) -> None:
        """The guides in the store, the report and saturation over them, off the UI thread (two queries)."""
        store, guide = store_of(self), self.guide

        def loaded() -> tuple[list[str], ThemeReport, Saturation]:
            return store.guide_names(), store.theme_report(guide=guide), saturation(store.interviews(guide=guide, refresh=False))

        in_thread(self, loaded, self._loaded, failure="Themes not counted", group="themes-load", failed=self._not_counted)

    def _loaded(self, loaded: tuple[list[str], ThemeReport, Saturation]) -> None:
        self.guides, report, self.saturation = loaded
        self._show(report, keep_cursor=True)

    def _not_counted(self) -> None:
        table = self.query_one(RowTable)
        table.empty_text = "Themes could not be counted (see the message)."
        table.set_rows([])

    def reanalyse(self) -> None:
        store, guide = store_of(self), self.guide

        def counted() -> tuple[ThemeReport, Saturation]:
            return store.theme_report(guide=guide, refresh=False), saturation(store.interviews(guide=guide, refresh=False))

        in_thread(self, counted, self._counted, failure="Themes not counted", group="themes-load")

    def _counted(self, counted: tuple[ThemeReport, Saturation]) -> None:
        report, self.saturation = counted
        self._show(report)

    def _ranked(self) -> list[ThemeRow]:
        report = self.report
        if report is None:
            return []
        return {"all": list(report.themes), "problems": report.problems, "ideas": report.ideas}[self.view]

    def _show(self, report: ThemeReport, *, keep_cursor: bool = False) -> None:
        self.report = report
        self.by_theme = {row.theme: row for row in report.themes}
        table = self.query_one(RowTable)
        total = report.sessions
        people = len(self.saturation.steps) if self.saturation else 0
        rows = [
            Row(
                row.theme,
                (
                    str(rank),
                    f"#{row.theme}",
                    str(breadth(row, self.view)),
                    *((str(row.sessions),) if self.view == "all" else ()),
                    share_cell(self._share(row, total, people)),
                    str(row.mentions),
                    Content.styled(str(row.pain), "$text-error") if row.pain else "0",
                    Content.styled(str(row.ideas), "$text-success") if row.ideas else "0",
                    row.first_seen,
                    row.last_seen,
                ),
            )
            for rank, row in enumerate(self._ranked(), 1)
        ]
        table.set_columns(columns(self.view))
        table.measure(rows)
        if not total:
            table.empty_text = "No sessions yet: themes appear once notes are tagged with #theme."
        elif self.view == "all":
            table.empty_text = "No themes tagged yet: add #theme to notes during the interview."
        else:
            table.empty_text = f"No {PAIN if self.view == 'problems' else IDEA} notes with a #theme yet."
        table.set_rows(rows, keep=table.current_key if keep_cursor else None)
        title, _, meaning = VIEWS[self.view]
        scope = f"{total:,} session{'s' if total != 1 else ''}" + (f" · guide: {self.guide}" if self.guide else " · all guides")
        self.query_one("#themes-title", Static).update(
            safe_line(Content.assemble((f"Themes · {title}", "bold"), (f"  {meaning} · {scope}", "dim")))
        )
        self._show_quotes(table.current_key)
        self._show_saturation()

    def _share(self, row: ThemeRow, sessions: int, people: int) -> float:
        """Breadth over its whole: people of all people, or sessions of all sessions."""
        if self.view == "all":
            return row.participants / people if people else 0.0
        return breadth(row, self.view) / sessions if sessions else 0.0

    def _show_saturation(self) -> None:
        result = self.saturation
        if result is None:
            return
        counts, verdict = saturation_lines(result, self.guide, len(self.guides or ()))
        spark = self.query_one("#themes-spark", Sparkline)
        spark.data = [len(step.new_themes) for step in result.steps]
        spark.styles.width = min(SPARK_MAX, SPARK_CELLS * len(result.steps))
        spark.display = len(result.steps) > 1
        self.query_one("#themes-saturation-counts", Static).update(safe_line(counts))
        self.query_one("#themes-verdict", Static).update(safe_line(verdict))
        self.query_one("#themes-saturation").display = True

    @on(RowTable.Highlighted, "#themes-table")
    def _highlighted(self, event: RowTable.Highlighted) -> None:
        self._show_quotes(event.key)

    def _show_quotes(self, theme: str | None) -> None:
        quotes = self.query_one("#themes-quotes", Static)
        row = self.by_theme.get(theme or "")
        report = self.report
        if row is None or report is None:
            quotes.update("")
            return
        lines = [
            Content.assemble(
                (f"#{row.theme}", "bold $text-accent"),
                (f"  {row.participants:,} {'person' if row.participants == 1 else 'people'}", ""),
                (f" · {row.sessions:,} of {report.sessions:,} sessions ({percent(row.share)}) · {row.mentions:,} mentions", ""),
                (f" · seen {row.first_seen} to {row.last_seen}", "dim"),
            ),
            Content.assemble(
                (f"{row.pain} pain notes", "$text-error"),
                (f" in {row.pain_sessions} sessions · ", "dim"),
                (f"{row.ideas} ideas", "$text-success"),
                (f" in {row.idea_sessions} sessions", "dim"),
            ),
        ]
        for quote in row.quotes:
            lines.append(Content.assemble("• ", said(quote), (f" — {quote.who}, {quote.date or 'undated'}", "$text-accent")))
        if not row.quotes:
            lines.append(Content.styled("  no notes with text for this theme (one-key mentions only)", "dim"))
        quotes.update(Content("\n").join(map(safe_line, lines)))  # a quote is one line, whatever its note holds

    # --- actions ----------------------------------------------------------------------
    def action_view(self, view: str) -> None:
        self.view = view
        if self.report is not None:
            self._show(self.report)

    def action_next_guide(self) -> None:
        if self.guides is None:
            return
        guides: list[str | None] = [None, *self.guides]
        self.guide = guides[(guides.index(self.guide) + 1) % len(guides)] if self.guide in guides else None
        self.notify(f"Guide: {self.guide or 'all guides'}", timeout=2, markup=False)
        self.reanalyse()

    def action_sessions(self) -> None:
        """The sessions that mention the highlighted theme, in history."""
        theme = self.query_one(RowTable).current_key
        if theme:
            app_of(self).open_history(query=f"#{theme}")

    def action_back(self) -> None:
        app_of(self).go_back()

    def action_export(self) -> None:
        report = self.report
        if report is None:
            return
        # In the store's exports/ folder, named only of [a-z0-9-]: the guide name and the date come
        # from session files (maybe a teammate's import), so they cannot climb out of it.
        day = report.last_date if report.last_date and DATE.fullmatch(report.last_date) else "empty"
        name = "themes" + (f"-{slugify(self.guide)}" if self.guide else "") + f"-{day}"
        stem = exports_dir(store_of(self).root) / name

        def chosen(choice: str | None) -> None:
            if choice == "copy":
                copy_out(self, render(report, "md"), f"{stem.name}.{THEME_FORMATS['md'].extension}")
            elif choice in THEME_FORMATS:
                fmt = THEME_FORMATS[choice]
                save_out(self, stem.with_name(f"{stem.name}.{fmt.extension}"), fmt.data(report), f"the themes report as {fmt.label}")

        self.app.push_screen(ThemesExport(stem), chosen)
