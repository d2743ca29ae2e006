"""The review of one session as a single scrolling document with a cursor.

One OptionList holds every line: headings and notes can be selected (arrow
keys move note to note, Tab section to section), everything else is context.
A 60-note session is a few hundred options in one widget, not hundreds of
widgets. The screen sets `ReviewData` on it; the widget never touches the store.
All user text goes in as `Content` (`[bold]` in a note shows as typed), each field
`one_line` (a note `visible`), and every line passes `safe_text` once more.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.content import Content
from textual.geometry import Region
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core import coaching
from tui.core.durations import format_elapsed
from tui.core.saturation import added_line
from tui.core.followups import PainFollowUp, follow_up_pairs
from tui.core.kinds import KINDS, LISTED, NOTE, kind_of
from tui.core.session import Note, Session
from tui.core.text import one_line, visible
from tui.core.session_themes import ThemeInSession, session_themes
from tui.widgets.earlier_pains import verdict_mark
from tui.widgets.review_header import header_lines
from tui.widgets.safe import safe_line, safe_text

THEME_STYLE = "$text-accent"
HEADING_STYLE = "bold $text-accent"
THEME_COLUMN_MAX = 24
QUESTIONS_COLUMN_MAX = 24
COMPACT_WIDTH = 70
FOLLOW_UP_SHOWN = 3  # notes shown beside each earlier pain point
_THEME_PATTERN = r"(?<![\w#])#[\w][\w-]*"
KIND_WIDTH = max(len(kind.name) for kind in KINDS) + 1  # kind names line up in a column


@dataclass(frozen=True)
class FollowUpView:
    """An earlier and a later session, seen from the one under review."""

    earlier: Session
    later: Session
    this_is_later: bool  # the session under review follows up the earlier one

    @property
    def other(self) -> Session:
        return self.earlier if self.this_is_later else self.later


@dataclass
class ReviewData:
    session: Session
    other_sessions: dict[str, int] | None = None  # theme -> other sessions mentioning it; None while counting
    follow_ups: list[FollowUpView] = field(default_factory=list)
    earlier: tuple[frozenset[str], int] | None = None  # themes of the interviews before it on its guide, and how many
    takeaways_key: str = "t"  # as the user's keymap has it, for the hint
    permission_keys: str = ""  # e.g. "f / r", the keys that change follow-up permission and consent


@dataclass(frozen=True)
class Row:
    """What an option stands for: a note (its id), a takeaway, or a heading to jump to (an anchor)."""

    note_id: str | None = None
    takeaway: bool = False
    anchor: bool = False


# --- lines ---------------------------------------------------------------------------
def _with_themes(text: str) -> Content:
    return Content(text).highlight_regex(_THEME_PATTERN, style=THEME_STYLE)


def kind_label(kind: str, *, compact: bool = False) -> Content:
    """`! pain    `: the kind's mark and, unless compact, its name (never colour alone)."""
    row = kind_of(kind)
    word = "" if row.name == NOTE else row.name
    text = f"{row.badge} " if compact else f"{row.badge} {word:<{KIND_WIDTH}}"
    return Content.styled(text, f"bold {row.style}" if word else row.style)


def note_parts(note: Note, *, question: bool = False, compact: bool = False) -> tuple[Content, Content]:
    """`[02:10] ★ ! pain     ` and `S: text #theme  Q2`: time, key moment, kind in words; STAR part, text."""
    prefix = Content.assemble(
        (f"[{format_elapsed(note.elapsed)}] ", "dim"),
        ("★ " if note.starred else "  ", "$text-warning"),
        kind_label(note.kind, compact=compact),
    )
    body = Content.assemble(
        (f"{note.star}: ", "bold") if note.star else "",
        _with_themes(visible(note.text)),
        (f"  Q{note.question + 1}", "dim") if question else "",
    )
    return prefix, body


def hang(prefix: Content, body: Content, width: int) -> Content:
    """`prefix` then `body` wrapped to `width`, its later lines indented under its first."""
    indent = prefix.cell_length
    if width - indent < 16:
        return prefix + body
    lines = body.wrap(width - indent)
    pad = Content(" " * indent)
    return Content("\n").join([prefix + lines[0], *(pad + line for line in lines[1:])])


def theme_table(rows: list[ThemeInSession], other: dict[str, int] | None) -> list[Content]:
    """Theme, mentions here, the questions it came up in, and other sessions mentioning it."""
    names = [Content("#" + one_line(row.theme)) for row in rows]
    questions = [" ".join(f"Q{i + 1}" for i in row.questions) for row in rows]
    width = min(THEME_COLUMN_MAX, max(len("Theme"), *(name.cell_length for name in names)))
    q_width = min(QUESTIONS_COLUMN_MAX, max(len("Questions"), *map(len, questions)))
    lines = [Content.styled(f"{'Theme':<{width}}  Here  {'Questions':<{q_width}}  Other sessions", "dim")]
    for row, name, where in zip(rows, names, questions):
        elsewhere = "…" if other is None else str(other.get(row.theme, 0))
        lines.append(Content.assemble(
            name.truncate(width, ellipsis=True, pad=True).stylize(THEME_STYLE),
            f"  {row.count:>4}  ",
            Content(where).truncate(q_width, ellipsis=True, pad=True).stylize("dim"),
            f"  {elsewhere:>14}",
        ))
        if row.bumps:
            times = " · ".join(f"{format_elapsed(at)} Q{question + 1}" for at, question in row.bumps)
            lines.append(Content.styled(f"{'':<{width}}  one-key mentions: {times}", "dim"))
    return lines


def follow_up_lines(view: FollowUpView, *, compact: bool = False) -> tuple[Content, list[tuple[Content, Content, str | None]]]:
    """A title, and `(prefix, text, note id of this session or None)` rows: then / now pairs."""
    earlier, later = view.earlier, view.later
    who = view.other.participant.name or "anonymous"
    if view.this_is_later:
        title = Content.assemble(
            ("Follow-up of ", "dim"), (one_line(f"{earlier.date} · {who}"), "bold"), (one_line(f" ({earlier.id[:8]})"), "dim"),
            (": the pain points they described then, the verdict on each, and this session's notes about it.", "dim"),
        )
    else:
        title = Content.assemble(
            ("Followed up on ", "dim"), (one_line(f"{later.date} · {who}"), "bold"), (one_line(f" ({later.id[:8]})"), "dim"),
            (": this session's pain points, the follow-up's verdict on each, and what it noted about them.", "dim"),
        )
    rows: list[tuple[Content, Content, str | None]] = []
    then_label, now_label = ("then  ", "now   ") if view.this_is_later else ("here  ", "later ")
    then_mark = Content.styled(then_label, "bold")
    now_mark = Content.styled(now_label, "dim")
    pairs: list[PainFollowUp] = follow_up_pairs(earlier, later)
    if not pairs:
        rows.append((Content(""), Content.styled("No pain points were noted in the earlier session.", "dim"), None))
    for pair in pairs:
        prefix, body = note_parts(pair.pain, compact=compact)
        rows.append((then_mark + prefix, body, None if view.this_is_later else pair.pain.id))
        rows.append((Content.styled("      ", "dim"), Content.assemble(("verdict ", "dim"), verdict_mark(pair.verdict)), None))
        tags = " ".join(f"#{one_line(t)}" for t in pair.pain.themes)
        if not pair.related:
            nothing = f"nothing noted beside it or on {tags}" if tags else "nothing noted beside it"
            rows.append((now_mark, Content.styled(nothing, "dim"), None))
        for note in pair.related[:FOLLOW_UP_SHOWN]:
            prefix, body = note_parts(note, question=True, compact=compact)
            rows.append((now_mark + prefix, body, note.id if view.this_is_later else None))
        if len(pair.related) > FOLLOW_UP_SHOWN:
            more = len(pair.related) - FOLLOW_UP_SHOWN
            rows.append((now_mark, Content.styled(f"… and {more} more", "dim"), None))
    return title, rows


class _Builder:
    """Collects the document's options: context lines, and lines the cursor can stop on."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.compact = 0 < width < COMPACT_WIDTH  # kind names give way to their marks
        self.options: list[Option] = []
        self.rows: dict[str, Row] = {}
        self.anchors: list[int] = []

    def line(self, body: Content, prefix: Content | None = None) -> None:
        body = safe_text(body)
        content = hang(safe_line(prefix), body, self.width) if prefix is not None else body
        self.options.append(Option(content, disabled=True))

    def pick(self, prefix: Content, body: Content, option_id: str, row: Row) -> None:
        if option_id in self.rows:
            return
        if row.anchor:
            self.anchors.append(len(self.options))
        self.rows[option_id] = row
        self.options.append(Option(hang(safe_line(prefix), safe_text(body), self.width), id=option_id))

    def heading(self, name: str, title: str, extra: str = "") -> None:
        if self.options:
            self.line(Content(""))
        content = Content.assemble((title, HEADING_STYLE), (extra, "dim"))
        self.pick(Content(""), content, f"h:{name}", Row(anchor=True))


# --- the widget ---------------------------------------------------------------------------
class ReviewDocument(OptionList):
    """The session as one document; the highlighted option is the cursor."""

    DEFAULT_CSS = """
    ReviewDocument { height: 1fr; min-width: 10; border: none; padding: 0 0 0 1; background: $surface; scrollbar-gutter: stable; scrollbar-size-vertical: 1; }
    ReviewDocument:focus { border: none; background-tint: $foreground 0%; }
    ReviewDocument > .option-list--option-disabled { color: $foreground; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.data: ReviewData | None = None
        self.rows: dict[str, Row] = {}
        self.anchors: list[int] = []
        self._shown_width = 0

    def on_resize(self) -> None:
        """Hanging indents depend on the width: lay the lines out again for the new one."""
        if self.data is not None and self._text_width() != self._shown_width:
            self.show(self.data)

    def _text_width(self) -> int:
        return self.scrollable_content_region.width

    # --- content ---------------------------------------------------------------
    def show(self, data: ReviewData) -> None:
        """Rebuild every line from the data, keeping the cursor on the same thing."""
        self.data = data
        self._shown_width = width = self._text_width()
        before = self.highlighted_option.id if self.highlighted_option else None
        build = _Builder(width)
        session = data.session
        for content in header_lines(session, data.permission_keys):
            build.line(content)

        key = data.takeaways_key
        build.heading("takeaways", "Takeaways", f"  ({key} to edit)" if key else "")
        if session.takeaways:
            for number, text in enumerate(session.takeaways):
                build.pick(Content.styled("• ", "bold"), Content(one_line(text)), f"t:{number}", Row(takeaway=True))
        else:
            hint = f"None yet: {key or 'Enter'} writes them while the call is fresh."
            build.pick(Content(""), Content.styled(hint, "dim"), "t:none", Row(takeaway=True))

        for view in data.follow_ups:
            title, rows = follow_up_lines(view, compact=build.compact)
            build.heading(f"follow-up:{view.other.id}", "Follow-up: then and now" if view.this_is_later else "Followed up later")
            build.line(title)
            for number, (prefix, body, note_id) in enumerate(rows):
                if note_id:
                    build.pick(prefix, body, f"n:fu{number}:{note_id}", Row(note_id))
                else:
                    build.line(body, prefix)

        starred = [n for n in session.notes if n.starred]
        if starred:
            build.heading("key-moments", "Key moments", f"  {len(starred)}")
            for note in starred:
                build.pick(*note_parts(note, question=True, compact=build.compact), f"n:key:{note.id}", Row(note.id))

        for kind in LISTED:
            notes = [n for n in session.notes if n.kind == kind.name]
            if notes:
                build.heading(kind.name, kind.heading, f"  {len(notes)}")
                for note in notes:
                    build.pick(*note_parts(note, question=True, compact=build.compact), f"n:{kind.name}:{note.id}", Row(note.id))

        themes = session_themes(session)
        if themes:
            build.heading("themes", "Themes", "  here, and in how many other sessions")
            for content in theme_table(themes, data.other_sessions):
                build.line(content)
            if data.earlier is not None:
                build.line(Content(one_line(added_line((t.theme for t in themes), *data.earlier))).stylize(THEME_STYLE))

        build.heading("coaching", "Coaching", "  for the next interview")
        for point in coaching.coaching(session):
            mark = Content.styled("⚠ ", "bold $text-warning") if point.flagged else Content.styled("· ", "dim")
            build.line(Content(one_line(point.text)), mark)

        self._by_question(session, build)
        self.rows, self.anchors = build.rows, build.anchors
        self._set(build.options, before)

    def _by_question(self, session: Session, build: _Builder) -> None:
        refs = session.guide.questions
        build.heading("questions", "Notes by question")
        times = coaching.section_times(session)
        section = None
        for ref in refs:
            if ref.section_index != section:
                section = ref.section_index
                spent = times[section]
                budget = f" of {spent.budget / 60:g} min" if spent.budget else ""
                over = "  ⚠ over budget" if spent.flagged else ""
                build.line(Content(""))
                title = Content.assemble(
                    (one_line(ref.section.title), "bold"), (f"  {format_elapsed(spent.spent)}{budget}", "dim"), (over, "$text-warning"),
                )
                build.pick(Content(""), title, f"s:{section}", Row(anchor=True))
            record = session.questions[ref.index]
            state = session.question_state(ref.index)
            build.line(
                Content.assemble(one_line(ref.question.text), (f"  {format_elapsed(record.time_spent)}" if state == "asked" else "", "dim")),
                Content.styled(f"Q{ref.index + 1}. ", "bold"),
            )
            if state == "skipped":
                build.line(Content.styled("   ↷ Skipped.", "$text-warning"))
            elif state == "not reached":
                build.line(Content.styled("   ∅ Not reached.", "dim"))
            elif ref.question.star:
                build.line(self._star_line(session, ref.index))
            notes = session.notes_for(ref.index)
            for note in notes:
                build.pick(*note_parts(note, compact=build.compact), f"n:q:{note.id}", Row(note.id))
            if not notes and state == "asked":
                build.line(Content.styled("   No notes.", "dim"))
        strays = [n for n in session.notes if not 0 <= n.question < len(refs)]
        if strays:
            build.heading("other", "Other notes")
            for note in strays:
                build.pick(*note_parts(note, question=True, compact=build.compact), f"n:other:{note.id}", Row(note.id))

    @staticmethod
    def _star_line(session: Session, index: int) -> Content:
        parts: list[Content | str | tuple[str, str]] = [("   STAR", "dim")]
        for letter, covered in coaching.star_badges(session.questions[index].star):
            parts.append((f" {letter}{'✓' if covered else '✗'}", "$text-success" if covered else "dim"))
        gap = coaching.story_gap(session, index)
        if gap:
            missing = " or ".join(m.capitalize() for m in gap.missing)
            parts.append((f"  ⚠ no {missing} in this story", "bold $text-warning"))
        return Content.assemble(*parts)

    def _set(self, options: list[Option], before: str | None) -> None:
        before_index = self.highlighted
        scroll_y = self.scroll_y
        self.set_options(options)
        ids = [o.id for o in options]
        if before is not None and before in ids:
            self.highlighted = ids.index(before)
        elif before_index is not None:
            self.highlighted = self._enabled_near(min(before_index, len(options) - 1))
        else:
            self.highlighted = self._enabled_near(0)
        if before is None:
            self.scroll_to(y=scroll_y, animate=False, immediate=True)

    def _enabled_near(self, index: int) -> int | None:
        options = self.options
        for candidate in [*range(index, len(options)), *range(index - 1, -1, -1)]:
            if 0 <= candidate < len(options) and not options[candidate].disabled:
                return candidate
        return None

    # --- what the cursor is on ------------------------------------------------------
    @property
    def current(self) -> Row | None:
        option = self.highlighted_option
        return self.rows.get(option.id) if option is not None and option.id else None

    def focus_note(self, note_id: str) -> None:
        for index, option in enumerate(self.options):
            row = self.rows.get(option.id or "")
            if row and row.note_id == note_id and (option.id or "").startswith("n:q:"):
                self.highlighted = index
                return

    # --- moving ------------------------------------------------------------------------
    def action_cursor_down(self) -> None:
        """Down to the next selectable line; past the last one, show the end."""
        start = -1 if self.highlighted is None else self.highlighted
        following = [i for i in range(start + 1, len(self.options)) if not self.options[i].disabled]
        if following:
            self.highlighted = following[0]
        else:
            self.scroll_end(animate=False, immediate=True)

    def action_cursor_up(self) -> None:
        """Up to the previous selectable line; before the first one, show the top."""
        start = self.highlighted if self.highlighted is not None else 0
        previous = [i for i in range(start - 1, -1, -1) if not self.options[i].disabled]
        if previous:
            self.highlighted = previous[0]
        else:
            self.scroll_home(animate=False, immediate=True)

    def next_anchor(self, direction: int) -> None:
        """Tab / shift+Tab: the next or previous heading."""
        here = self.highlighted if self.highlighted is not None else -1
        candidates = [a for a in self.anchors if (a > here if direction > 0 else a < here)]
        if candidates:
            self.highlighted = candidates[0] if direction > 0 else candidates[-1]
            self.scroll_to_highlight(top=True)

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Show the highlighted line with the context lines just above it (its heading)."""
        highlighted = self.highlighted
        if highlighted is None or not self.is_mounted:
            return
        self._update_lines()
        try:
            y = self._index_to_line[highlighted]
        except KeyError:
            return
        height = self._heights[highlighted]
        viewport = max(1, self.scrollable_content_region.height)
        first = highlighted
        while first > 0 and self.options[first - 1].disabled:
            first -= 1
        if top:  # a heading: at the top, under the blank line before it
            self.scroll_to(y=max(0, y - 1) if first < highlighted else y, animate=False, immediate=True)
            return
        context_y = max(self._index_to_line[first], y + height - viewport)
        self.scroll_to_region(
            Region(0, context_y, self.scrollable_content_region.width, y + height - context_y),
            force=True, animate=False, immediate=True,
        )
