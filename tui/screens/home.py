"""Home: resume an unfinished session, start a new one from a guide, or look back.

Every line here shows text from files (sessions, guides, a guide's problems), so
each is `safe_line` as it is built; the previews join such lines.

The first frame is the title, the empty menu and the keys: the guides (tomllib,
the guide model) and the sessions (the store) are imported and read after it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.screens.base import app_of, in_thread, store_of, use_styles
from tui.widgets.key_bar import KeyBar
from tui.widgets.safe import safe_line

if TYPE_CHECKING:
    from tui.catalog import Catalog, GuideEntry
    from tui.index_rows import SessionSummary

RECENT = 8


def summary_line(summary: SessionSummary) -> Content:
    who = summary.participant_name or "anonymous"
    company = f" · {summary.company}" if summary.company else ""
    return safe_line(Content.assemble(
        (who, "bold"),
        company,
        (f"  {summary.date} · {summary.guide_title or summary.guide_name} · {summary.status.replace('_', ' ')}", "dim"),
    ))


def lines(*rows: Content) -> Content:
    """Rows of a preview, each one line however its fields came."""
    return Content("\n").join(safe_line(row) for row in rows)


def guide_preview(entry: GuideEntry) -> Content:
    """Sections with budgets and question counts, the codebook, and any linter warnings."""
    if entry.guide is None:
        return lines(Content.styled(f"{entry.name}: cannot be used", "bold $text-error"), *map(Content, entry.problems))
    guide = entry.guide
    rows = [
        Content.styled(guide.title, "bold"),
        Content.assemble(("Goal: ", "dim"), guide.goal),
        Content.assemble(("Planned: ", "dim"), f"{guide.planned_minutes or '?'} min · {len(guide.questions)} questions · {entry.source}"),
        Content(""),
    ]
    for section in guide.sections:
        minutes = f"{section.minutes:>3} min" if section.minutes else "       "
        rows.append(Content.assemble((minutes, "dim"), "  ", section.title, (f"  ({len(section.questions)} q)", "dim")))
    if guide.themes:
        rows += [Content(""), Content.assemble(("Themes: ", "dim"), " ".join(f"#{t}" for t in guide.themes))]
    from tui.core.lint import lint_guide  # its rules compile on first use: not before the first frame

    flagged = [(ref, result) for ref, result in lint_guide(guide) if result.flagged]
    rows.append(Content(""))
    if flagged:
        rows.append(Content.styled(f"⚠ {len(flagged)} question(s) may lead the participant:", "bold $text-warning"))
        for ref, result in flagged:
            rows.append(Content.assemble((f"  Q{ref.index + 1} {', '.join(result.kinds)}: ", "$text-warning"), ref.question.text))
            if result.suggestion:
                rows.append(Content.assemble(("     try: ", "dim"), result.suggestion))
    else:
        rows.append(Content.styled("✓ every question is open", "$text-success"))
    return lines(*rows)


class HomeScreen(Screen[None]):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]
    BINDINGS = [
        Binding("n", "focus_guides", "New", id="home_new"),
        Binding("h", "history", "History", id="home_history"),
        Binding("s,slash", "search", "Search notes", id="home_search", priority=True),  # at once: a query typed on goes to search
        Binding("q", "app.quit", "Quit", id="home_quit"),
        # At once, not by the menu's message: keys typed right after go to the screen Enter opens, not to home's keys.
        Binding("enter", "open", "Open", id="home_open", show=False, priority=True),
        Binding("question_mark", "app.help", "Help", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        use_styles(self, "home.tcss")
        self.catalog: Catalog | None = None  # read after the first frame
        self.summaries: list[SessionSummary] = []
        self._listed_once = False

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(("Interview Companion", "bold"), ("  ↑↓ choose · Enter open", "dim")), id="home-title")
        with Horizontal(id="home-body"):
            yield OptionList(id="home-menu")
            with VerticalScroll(id="home-preview", can_focus=False):
                yield Static(id="preview-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#home-menu", OptionList).focus()
        app_of(self).after_first_frame(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """The guides, then the sessions (the menu opens on "Resume" when they come): nothing the first frame waits for."""
        from tui.catalog import discover

        self.catalog = discover()
        self.load_sessions()

    def on_screen_resume(self) -> None:
        if self.is_mounted and self._listed_once:  # back from another screen; the first showing loads in on_mount
            self.load_sessions()

    def load_sessions(self) -> None:
        """The menu is filled when they arrive; if they cannot be listed, with the guides alone."""
        store = store_of(self)
        in_thread(
            self, lambda: store.home_sessions(RECENT), self._sessions_loaded,
            failure="Sessions not listed", group="home-sessions", failed=lambda: self._sessions_loaded([]),
        )

    def _sessions_loaded(self, summaries: list[SessionSummary]) -> None:
        self._listed_once = True
        self.summaries = summaries
        self._fill_menu()

    def _guide(self, name: str) -> GuideEntry | None:
        return self.catalog.entry(name) if self.catalog else None

    def _fill_menu(self) -> None:
        from tui.core.session import UNFINISHED

        menu = self.query_one("#home-menu", OptionList)
        highlighted = menu.highlighted_option.id if menu.highlighted_option else None
        options: list[Option] = []
        unfinished = [s for s in self.summaries if s.status in UNFINISHED and not s.read_only]
        if unfinished:
            options.append(Option(Content.styled("Resume", "bold"), disabled=True))
            options += [Option(Content.assemble("▶ ", summary_line(s)), id=f"resume:{s.id}") for s in unfinished]
        options.append(Option(Content.styled("New interview", "bold"), disabled=True))
        for entry in self.catalog.guides if self.catalog else []:
            title = entry.guide.title if entry.guide else f"{entry.name} (cannot be used)"
            options.append(Option(safe_line(Content.assemble("+ ", title)), id=f"guide:{entry.name}"))
        done = [s for s in self.summaries if s.status not in UNFINISHED][:RECENT]
        if done:
            options.append(Option(Content.styled("Past sessions", "bold"), disabled=True))
            options += [Option(Content.assemble("✓ ", summary_line(s)), id=f"past:{s.id}") for s in done]
        options.append(Option(Content.assemble("≡ ", "History and themes", ("  h", "dim")), id="history:all"))
        menu.set_options(options)
        ids = [o.id for o in options]
        target = highlighted if highlighted and highlighted in ids else next(o.id for o in options if not o.disabled)
        menu.highlighted = ids.index(target)

    @on(OptionList.OptionHighlighted, "#home-menu")
    def _preview(self, event: OptionList.OptionHighlighted) -> None:
        kind, _, key = (event.option.id or "").partition(":")
        text = self.query_one("#preview-text", Static)
        if kind == "guide":
            entry = self._guide(key)
            text.update(guide_preview(entry) if entry else Content(""))
        else:
            summary = next((s for s in self.summaries if s.id == key), None)
            text.update(self._session_preview(summary) if summary else Content(""))

    def _session_preview(self, summary: SessionSummary) -> Content:
        from tui.core.durations import format_elapsed

        themes = sorted(summary.themes.items(), key=lambda item: -item[1])[:6]
        return lines(
            summary_line(summary),
            Content.assemble(("Role: ", "dim"), summary.role or "—", ("  Segment: ", "dim"), summary.segment or "—"),
            Content.assemble(("Time: ", "dim"), format_elapsed(summary.elapsed), ("  Notes: ", "dim"), str(summary.note_count)),
            Content.assemble(("Themes: ", "dim"), " ".join(f"#{t} {n}" for t, n in themes) or "—"),
            Content.assemble(("Id: ", "dim"), summary.id[:8]),
        )

    @on(OptionList.OptionSelected, "#home-menu")
    def _selected(self, event: OptionList.OptionSelected) -> None:  # a click; Enter is `action_open`
        self._open(event.option.id or "")

    def action_open(self) -> None:
        option = self.query_one("#home-menu", OptionList).highlighted_option
        if option is not None and not option.disabled:
            self._open(option.id or "")

    def _open(self, option_id: str) -> None:
        kind, _, key = option_id.partition(":")
        app = app_of(self)
        if kind == "guide":
            entry = self._guide(key)
            if entry is None or entry.guide is None:
                self.notify("This guide has problems; see the preview.", severity="error")
                return
            app.open_setup(entry.guide)
        elif kind == "resume":
            app.open_live(key)
        elif kind == "past":
            app.open_review(key)
        elif kind == "history":
            app.open_history()

    def action_history(self) -> None:
        app_of(self).open_history()

    def action_search(self) -> None:
        app_of(self).open_search()

    def action_focus_guides(self) -> None:
        menu = self.query_one("#home-menu", OptionList)
        for index in range(menu.option_count):
            if (menu.get_option_at_index(index).id or "").startswith("guide:"):
                menu.highlighted = index
                menu.focus()
                return
