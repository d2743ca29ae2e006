"""Review of one session, right after the call or later: summarise, clean up, share.

This screen is the mediator, like the live screen. It owns the session and
its SessionWriter; the document widget shows what the screen sets on it.
Every change (edit, kind, star, delete, takeaways) is saved at once and can
be undone. A session open in another window, or saved by a newer version,
opens read-only and says so in one line. Counting themes across sessions,
loading follow-ups and copying to the clipboard run in thread workers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from tui.core.durations import format_elapsed
from tui.core.export import render
from tui.core.kinds import KIND_NAMES, kind_of
from tui.core.saturation import held_order, themes_before
from tui.core.session import Note, Session
from tui.core.text import one_line, visible
from tui.errors import UsageError
from tui.screens.export_dialog import ExportSettings, export_file_name
from tui.screens.base import app_of, in_thread, store_of, use_styles
from tui.screens.keys import key_for
from tui.screens.sharing import Sharing, copy_out
from tui.store import ReadOnlySession, SessionLocked
from tui.writer import SessionWriter
from tui.widgets.review_document import FollowUpView, ReviewData, ReviewDocument

UNDO_DEPTH = 100


@dataclass
class Context:
    """What the review shows from other sessions, loaded off the UI thread."""

    other_sessions: dict[str, int]  # theme -> how many other sessions mention it
    follow_ups: list[FollowUpView] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line each: a linked session that cannot be read
    earlier: tuple[frozenset[str], int] | None = None  # themes of the interviews before it on its guide, and how many


@dataclass
class Change:
    """Enough to put one change back."""

    what: str  # "edit" (of a note: words, kind, star), "delete", "takeaways", "permissions"
    note: Note | None = None  # the note as it was (a copy), or the deleted note
    position: int = 0  # where a deleted note was
    star: dict[str, bool] = field(default_factory=dict)  # its question's STAR coverage before
    takeaways: list[str] = field(default_factory=list)
    permissions: tuple[bool | None, bool] = (None, False)  # follow_up_ok, consent_to_record before


class ReviewScreen(Sharing, Screen[None]):
    COMMAND_PREFIX = "Review"  # how its actions are named in the command palette
    BINDINGS = [
        Binding("e", "edit_note", "Edit", id="review_edit", tooltip="Edit the note: words, kind, ★, S:, #theme"),
        Binding("k", "change_kind", "Kind", id="review_kind", tooltip="Change the note's kind"),
        Binding("s", "star_note", "Star", id="review_star", tooltip="Star or unstar: a key moment"),
        Binding("d,delete", "delete_note", "Del", id="review_delete", tooltip="Delete the note"),
        Binding("u,ctrl+z", "undo", "Undo", id="review_undo", tooltip="Undo the last change"),
        Binding("t", "edit_takeaways", "Takeaways", id="review_takeaways", tooltip="Write the takeaways"),
        Binding("f", "cycle_follow_up", "May follow up", id="review_follow_up", show=False, tooltip="May we contact them again: yes, no, not asked"),
        Binding("r", "toggle_consent", "Consent", id="review_consent", show=False, tooltip="Consent to record: yes or no"),
        Binding("c", "copy_markdown", "Copy", id="review_copy", tooltip="Copy the session as Markdown"),
        Binding("x", "export", "Export", id="review_export", tooltip="Export: format, anonymize, save"),
        Binding("escape", "back", "Back", id="review_back", tooltip="Back"),
        Binding("tab", "next_section", "Next section", id="review_next_section", show=False),
        Binding("shift+tab", "previous_section", "Previous section", id="review_previous_section", show=False),
        Binding("question_mark", "app.help", "Help", id="review_help", show=False),
    ]
    EDITING_ACTIONS = {
        "edit_note", "change_kind", "star_note", "delete_note", "undo", "edit_takeaways", "cycle_follow_up", "toggle_consent",
    }

    def __init__(self, session_id: str, *, note_id: str | None = None) -> None:
        super().__init__()
        use_styles(self, "review.tcss")
        self.session_id = session_id
        self.note_id = note_id  # the note to open on (from search)
        self.session: Session | None = None
        self.writer: SessionWriter | None = None
        self.read_only_reason = ""
        self.problem = ""
        self.undo_stack: list[Change] = []
        self.export_settings = ExportSettings()
        self.data: ReviewData | None = None

    # --- opening and closing ------------------------------------------------------------
    def _open(self) -> None:
        """Open for writing; if another window has it or it is from a newer version, read-only."""
        store = store_of(self)
        try:
            self.writer = store.open_writer(self.session_id)
            self.session = self.writer.session
            return
        except (SessionLocked, ReadOnlySession) as error:
            self.read_only_reason = str(error)
        except (OSError, UsageError) as error:
            self.problem = str(error)
            return
        try:
            self.session = store.load(self.session_id)
        except (OSError, UsageError) as error:
            self.problem = str(error)

    def compose(self) -> ComposeResult:
        self._open()
        yield Static(id="review-bar")
        yield Static(id="review-readonly")
        yield ReviewDocument(id="review-doc")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        bar = self.query_one("#review-bar", Static)
        banner = self.query_one("#review-readonly", Static)
        banner.display = bool(self.read_only_reason or self.problem)
        if self.session is None:
            bar.update(Content.styled("Review", "bold"))
            banner.update(Content.assemble(("Cannot open this session: ", "bold"), one_line(self.problem)))
            self.query_one(ReviewDocument).display = False
            return
        session = self.session
        who = " · ".join(p for p in (session.participant.name, session.participant.company) if p) or "Anonymous participant"
        bar.update(Content.assemble(("Review  ", "bold"), one_line(who), (one_line(f"  {session.date} · {session.guide.title}"), "dim")))
        if self.read_only_reason:
            banner.update(Content.assemble(("Read-only: ", "bold"), one_line(self.read_only_reason)))
        self.data = ReviewData(session)
        document = self.query_one(ReviewDocument)
        document.focus()
        self._show()
        if self.note_id:
            document.focus_note(self.note_id)
        self.load_context()

    def on_unmount(self) -> None:
        if self.writer is not None:
            self.writer.close()

    def action_back(self) -> None:
        app_of(self).go_back()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Editing keys show as unavailable on a read-only session."""
        if action in self.EDITING_ACTIONS and self.writer is None:
            return None
        return True

    # --- showing ----------------------------------------------------------------------
    def _show(self) -> None:
        if self.data is not None:
            writable = self.writer is not None
            self.data.takeaways_key = key_for(self, "review_takeaways") if writable else ""
            keys = (key_for(self, "review_consent"), key_for(self, "review_follow_up"))  # in the header's order
            self.data.permission_keys = " / ".join(k for k in keys if k) if writable else ""
            self.query_one(ReviewDocument).show(self.data)

    def load_context(self) -> None:
        """From the store, off the UI thread: how many other sessions mention each theme, the themes of
        the interviews before it on its guide, the session this one follows up, and the latest session
        following up this one."""
        store, session = store_of(self), self.session
        assert session is not None

        def context() -> Context:
            found = Context(store.sessions_per_theme(besides=session.id))
            when = held_order(session.date, session.started_at, session.id)
            found.earlier = themes_before(store.interviews(guide=session.guide.name, refresh=False), when)
            if session.follow_up_of:
                try:
                    found.follow_ups.append(FollowUpView(store.load(session.follow_up_of), session, this_is_later=True))
                except (OSError, UsageError) as error:
                    found.problems.append(f"The earlier session is not shown: {error}")
            later = store.index.where("follow_up_of = ? AND id != ?", session.id, session.id, limit=1)
            if later:
                try:
                    found.follow_ups.append(FollowUpView(session, store.load(later[0].id), this_is_later=False))
                except (OSError, UsageError) as error:
                    found.problems.append(f"The follow-up session is not shown: {error}")
            return found

        in_thread(self, context, self._context_loaded, failure="Other sessions not counted", severity="warning", group="review-context")

    def _context_loaded(self, context: Context) -> None:
        for problem in context.problems:
            self.notify(problem, severity="warning", markup=False)
        if self.data is not None:
            self.data.other_sessions = context.other_sessions
            self.data.follow_ups = context.follow_ups or self.data.follow_ups
            self.data.earlier = context.earlier
            self._show()

    # --- moving -----------------------------------------------------------------------
    def action_next_section(self) -> None:
        self.query_one(ReviewDocument).next_anchor(1)

    def action_previous_section(self) -> None:
        self.query_one(ReviewDocument).next_anchor(-1)

    @on(OptionList.OptionSelected, "#review-doc")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: edit the note under the cursor, or the takeaways."""
        if self.writer is None:
            return
        row = self.query_one(ReviewDocument).current
        if row is not None and row.note_id is not None:
            self.action_edit_note()
        elif (row is not None and row.takeaway) or event.option.id == "h:takeaways":
            self.action_edit_takeaways()

    # --- saving -----------------------------------------------------------------------
    def _current_note(self) -> Note | None:
        row = self.query_one(ReviewDocument).current
        if row is None or row.note_id is None or self.session is None:
            self.notify("Move the cursor to a note first (↑↓, Tab for sections).")
            return None
        try:
            return self.session.note(row.note_id)
        except KeyError:
            return None

    def _save_note(self, note: Note, meta: bool = False) -> bool:
        assert self.writer is not None
        try:
            self.writer.save_note(note)
            if meta:
                self.writer.save_meta()
        except (OSError, UsageError) as error:
            self.notify(f"Not saved: {error}", severity="error", timeout=10, markup=False)
            return False
        return True

    def _change_note(self, note: Note, change: Callable[[Note], None], done: str) -> None:
        """Apply a change to a note, save it, and remember how to undo it."""
        assert self.session is not None
        record = self.session.questions[note.question] if 0 <= note.question < len(self.session.questions) else None
        before = Change("edit", Note.from_dict(note.to_dict()), star=dict(record.star) if record else {})
        change(note)
        if note.star:
            self.session.cover_star(note)
        star_changed = record is not None and record.star != before.star
        if not self._save_note(note, meta=star_changed):
            self._restore_note(note, before)
            self._show()
            return
        self._remember(before)
        self.notify(f"{done} Saved. {key_for(self, 'review_undo')} undoes.", markup=False)
        self._show()

    @staticmethod
    def _restore_note(note: Note, before: Change) -> None:
        assert before.note is not None
        for name, value in before.note.to_dict().items():
            setattr(note, name, value if not isinstance(value, list) else list(value))

    def _remember(self, change: Change) -> None:
        self.undo_stack.append(change)
        del self.undo_stack[:-UNDO_DEPTH]

    # --- note actions -----------------------------------------------------------------
    def action_edit_note(self) -> None:
        from tui.screens.review_dialogs import NoteEditor

        note = self._current_note()
        if note is None:
            return

        def edited(raw: str | None) -> None:
            if raw is not None and raw != visible(note.as_typed()):  # unchanged: its exact text stays
                self._change_note(note, lambda n: n.retype(raw), f"Note at [{_mmss(note)}] updated.")

        self.app.push_screen(NoteEditor(note, self._where(note)), edited)

    def action_change_kind(self) -> None:
        from tui.screens.review_dialogs import KindPicker

        note = self._current_note()
        if note is None:
            return

        def chosen(kind: str | None) -> None:
            if kind in KIND_NAMES and kind != note.kind:
                self._change_note(note, lambda n: setattr(n, "kind", kind), f"Note at [{_mmss(note)}] is now {kind_of(kind).meaning}.")

        self.app.push_screen(KindPicker(note.kind), chosen)

    def action_star_note(self) -> None:
        note = self._current_note()
        if note is None:
            return
        done = "Unstarred" if note.starred else "Starred as a key moment:"
        self._change_note(note, lambda n: setattr(n, "starred", not n.starred), f"{done} the note at [{_mmss(note)}].")

    def action_delete_note(self) -> None:
        note = self._current_note()
        if note is None or self.session is None or self.writer is None:
            return
        try:
            position, note = self.writer.remove_note(note.id)
        except (OSError, UsageError) as error:
            self.notify(f"Not deleted: {error}", severity="error", markup=False)
            return
        self._remember(Change("delete", note, position))
        self.notify(f"Deleted the note at [{_mmss(note)}]. {key_for(self, 'review_undo')} undoes.", markup=False)
        self._show()

    def action_undo(self) -> None:
        if not self.undo_stack or self.session is None or self.writer is None:
            self.notify("Nothing to undo.")
            return
        change = self.undo_stack.pop()
        if change.what == "delete" and change.note is not None:
            try:
                self.writer.restore_note(change.position, change.note)
            except (OSError, UsageError) as error:
                self.notify(f"Not restored: {error}", severity="error", markup=False)
                return
            self.notify(f"Restored the note at [{_mmss(change.note)}].", markup=False)
            self._show()
            self.query_one(ReviewDocument).focus_note(change.note.id)
        elif change.what == "edit" and change.note is not None:
            try:
                note = self.session.note(change.note.id)
            except KeyError:
                return
            self._restore_note(note, change)
            if 0 <= note.question < len(self.session.questions) and change.star:
                self.session.questions[note.question].star = dict(change.star)
            if self._save_note(note, meta=True):
                self.notify(f"Undone: the note at [{_mmss(note)}] is as it was.", markup=False)
            self._show()
        elif change.what == "takeaways":
            self.session.takeaways = list(change.takeaways)
            if self._save_meta():
                self.notify("Undone: takeaways are as they were.")
            self._show()
        elif change.what == "permissions":
            self.session.follow_up_ok, self.session.consent_to_record = change.permissions
            if self._save_meta():
                self.notify(f"Undone: {_permissions(self.session)}.", markup=False)
            self._show()

    # --- permissions --------------------------------------------------------------------
    def _change_permissions(self, follow_up_ok: bool | None, consent: bool) -> None:
        """A wrong choice at wrap-up is put right here, saved at once, so nobody drops out of the follow-ups list."""
        session = self.session
        if session is None or self.writer is None:
            return
        before = (session.follow_up_ok, session.consent_to_record)
        session.follow_up_ok, session.consent_to_record = follow_up_ok, consent
        if not self._save_meta():
            session.follow_up_ok, session.consent_to_record = before
            return
        self._remember(Change("permissions", permissions=before))
        self.notify(f"Saved: {_permissions(session)}. {key_for(self, 'review_undo')} undoes.", markup=False)
        self._show()

    def action_cycle_follow_up(self) -> None:
        if self.session is not None:
            order = [True, False, None]
            following = order[(order.index(self.session.follow_up_ok) + 1) % len(order)]
            self._change_permissions(following, self.session.consent_to_record)

    def action_toggle_consent(self) -> None:
        if self.session is not None:
            self._change_permissions(self.session.follow_up_ok, not self.session.consent_to_record)

    # --- takeaways ----------------------------------------------------------------------
    def _save_meta(self) -> bool:
        assert self.writer is not None
        try:
            self.writer.save_meta()
        except (OSError, UsageError) as error:
            self.notify(f"Not saved: {error}", severity="error", timeout=10, markup=False)
            return False
        return True

    def action_edit_takeaways(self) -> None:
        from tui.screens.review_dialogs import TakeawaysEditor

        session = self.session
        if session is None:
            return

        def written(lines: list[str] | None) -> None:
            if lines is None:
                return
            before = list(session.takeaways)
            session.takeaways = lines
            if self._save_meta():
                self._remember(Change("takeaways", takeaways=before))
                self.notify(f"Takeaways saved. {key_for(self, 'review_undo')} undoes.", markup=False)
            else:
                session.takeaways = before
            self._show()

        self.app.push_screen(TakeawaysEditor(list(session.takeaways)), written)

    # --- sharing ----------------------------------------------------------------------
    def action_copy_markdown(self) -> None:
        if self.session is None:
            return
        anonymize = self.export_settings.anonymize
        text = render(self.session, "md", anonymize=anonymize)
        copy_out(self, text, export_file_name(self.session, "md", anonymize))

    def action_export(self) -> None:
        if self.session is not None:
            self.open_export(self.session)

    def _where(self, note: Note) -> str:
        assert self.session is not None
        refs = self.session.guide.questions
        if 0 <= note.question < len(refs):
            return f"Q{note.question + 1} · {refs[note.question].section.title}"
        return "no question"


def _mmss(note: Note) -> str:
    return format_elapsed(note.elapsed)


def _permissions(session: Session) -> str:
    follow_up = {True: "yes", False: "no", None: "not asked"}[session.follow_up_ok]
    return f"may follow up: {follow_up}; consent to record: {'yes' if session.consent_to_record else 'no'}"

