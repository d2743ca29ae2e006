"""The live interview: the screen an interviewer keeps beside the video call.

This screen is the mediator. Widgets show attributes it sets; it owns the
`LiveInterview` rules and the store writer, and saves every change at once.
Keys that must work while the note field has focus are priority bindings.
"""

from __future__ import annotations

import asyncio
from functools import cached_property
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Static

from tui.core.clock import Clock
from tui.core.live import LiveInterview
from tui.core.session import MAX_TEXT, STAR_ELEMENTS, Draft, Note, Session, ThemeBump
from tui.core.shorthand import SHORTHAND_HINT, parse_shorthand, typed_lines
from tui.core.text import one_line, visible
from tui.errors import UsageError
from tui.screens.base import app_of, use_styles
from tui.screens.keys import keys_for
from tui.screens.live_field import FIELD_PLACEHOLDER, LiveField
from tui.screens.live_file import SessionFile
from tui.screens.live_follow_up import EarlierPainKeys
from tui.screens.live_notes import MAX_THEME_KEYS, NoteKeys, theme_bindings
from tui.widgets.key_bar import KeyBar, Notice
from tui.widgets.note_field_events import FIELD, FIELD_ID, PasteRefused, Started, Submitted, Typing, after_typing
from tui.widgets.note_log import NoteLog, shorthand_summary
from tui.widgets.pace_clock import PaceClock
from tui.widgets.question_card import QuestionCard
from tui.widgets.silence_timer import SilenceTimer
from tui.widgets.star_panel import StarPanel
from tui.widgets.theme_tally import ThemeTally

if TYPE_CHECKING:  # the store is imported after the first frame of a new session (tui/screens/live_file.py)
    from textual.widgets import TextArea

    from tui.widgets.note_field import NoteField
    from tui.writer import SessionWriter

AUTOSAVE_SECONDS = 1.0
ELAPSED_SAVE_SECONDS = 10.0
COMPACT_WIDTH, COMPACT_HEIGHT = 80, 22


def star_bindings() -> list[Binding]:
    return [
        Binding(
            f"alt+{element[0]}", f"toggle_star('{element}')", f"STAR: {element}", id=f"star_{element}",
            show=False, priority=True, tooltip=f"Mark the {element} of this story covered (or not)",
        )
        for element in STAR_ELEMENTS
    ]


class LiveScreen(SessionFile, LiveField, NoteKeys, EarlierPainKeys, Screen[None]):
    COMMAND_PREFIX = "Interview"  # how its actions are named in the command palette
    OWN_MESSAGES = True  # notifications show in the key bar, never over the notes (see App.notify)
    BINDINGS = [
        Binding("ctrl+n", "next_question", "Next", id="next_question", priority=True, tooltip="Next question (past the last: wrap up)"),
        Binding("ctrl+b", "previous_question", "Back", id="previous_question", priority=True, tooltip="Back to the previous question"),
        Binding("ctrl+g", "goto_question", "Go to", id="goto_question", priority=True, tooltip="Go to any question"),
        Binding("ctrl+o", "skip_question", "Skip", id="skip_question", priority=True, tooltip="Skip this question"),
        Binding("tab,ctrl+t", "silence", "Silence", id="silence", priority=True, tooltip="Silence timer: start when they stop talking (typing stops it)"),
        Binding("ctrl+f", "star_last_note", "★ last", id="star_note", priority=True, tooltip="Star the last note: a key moment"),
        Binding("up", "edit_last_note", "Edit last", id="edit_note", show=False, priority=True, tooltip="Edit the last note (when the field is empty)"),
        Binding("ctrl+r", "delete_last_note", "Delete last", id="delete_note", show=False, priority=True, tooltip="Delete the last note"),
        Binding("ctrl+z", "undo", "Undo", id="undo_delete", show=False, priority=True, tooltip="Undo the last delete or theme mention (when the field is empty)"),
        Binding("escape", "cancel_edit", "Cancel edit", id="cancel_edit", show=False),
        Binding("ctrl+e", "earlier_pains", "Last time", id="earlier_pains", priority=True, tooltip="In a follow-up: mark last time's pain points solved or not, and keep notes beside one"),
        Binding("ctrl+d", "wrap_up", "Wrap up", id="wrap_up", priority=True, tooltip="Wrap up: thank them, follow-up permission, takeaways"),
        Binding("question_mark", "app.help", "Help", id="help_key", show=False),
        *star_bindings(),
        *theme_bindings(),
    ]

    def __init__(self, session: Session, clock: Clock, writer: SessionWriter | None = None, *, field_later: bool = False) -> None:
        """`writer` None: a new session, whose file `create_file` makes once the screen shows.
        `field_later`: the app's first screen, whose note field comes just after its first frame
        (`mount_field`), while the app holds every key back for it."""
        super().__init__()
        self.field_later = field_later
        self.field_ready = asyncio.Event()  # set once the note field is mounted and focused (composed: at once)
        if not field_later:
            self.field_ready.set()
        use_styles(self, "live.tcss")
        self._writer = writer
        self.session = session
        self.live = LiveInterview(self.session, clock)
        self.began: float | None = self.session.draft.began
        self.field_text = visible(self.session.draft.text)  # mirrors the note field, which is gone at unmount
        self.editing: Note | None = None
        self.undoable: list[tuple[int, Note] | ThemeBump] = []  # deletes (where, note) and bumps, newest last
        self.discussing: str | None = None
        self.earlier_date = ""
        self._draft_dirty = False
        self._since_elapsed_save = 0.0
        self._preview_state: object = None
        self._save_failing = False
        self.theme_keys = {t: i for i, t in enumerate(self.session.guide.themes[:MAX_THEME_KEYS], 1)}

    # --- layout ----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        now = self.live.elapsed
        with Horizontal(id="topbar"):
            yield Static(self._who(), id="who")  # in the first frame, not the one after on_mount
            yield PaceClock(now, id="clock")
        yield QuestionCard(id="question")
        with Horizontal(id="body"):
            yield NoteLog(id="notes")
            with Vertical(id="side"):
                yield SilenceTimer(now, id="silence")
                yield StarPanel(id="star")
                if self.session.follow_up_of:  # last time's pain points: only a follow-up has them
                    from tui.widgets.earlier_pains import EarlierPains

                    yield EarlierPains(id="earlier")
        yield ThemeTally(id="themes")
        yield Static(id="preview")
        yield Static(FIELD_PLACEHOLDER, id="note-placeholder") if self.field_later else self.new_field()
        yield KeyBar()

    def _who(self) -> Content:
        participant = self.session.participant
        who = " · ".join(one_line(p) for p in (participant.name, participant.company) if p) or "Participant"
        return Content.assemble((who, "bold"), ("  " + one_line(self.session.guide.title), "dim"))

    def on_mount(self) -> None:
        silence = self.query_one(SilenceTimer)
        silence.hold = self.session.guide.silence.hold_seconds
        silence.prompt = self.session.guide.silence.prompt_seconds
        self.live.start()
        if self._writer is not None:  # else saved with the new file, after the first frame
            self._save_meta()
        self._show_question()
        self._show_themes()
        self._update_preview(self.field_text)
        if self.field_later:
            self.call_later(self.mount_field)  # behind the screen resuming, which draws the first frame
        else:
            self.field_mounted()
        self.set_interval(AUTOSAVE_SECONDS, self.autosave)
        if self.session.follow_up_of:
            self._show_earlier_pains()  # as saved; the earlier session adds any not copied yet
            self.load_earlier_pains(self.session.follow_up_of)

    def on_resize(self, event: Resize) -> None:
        compact = event.size.width < COMPACT_WIDTH or event.size.height < COMPACT_HEIGHT
        self.set_class(compact, "-compact")
        self.set_class(event.size.height < 14, "-tiny")
        for widget in self.query("#question, #star, #silence, #earlier"):
            widget.compact = compact

    @on(Notice)
    def _notice(self, notice: Notice) -> None:
        bars = self.query(KeyBar)
        if bars:
            bars.first().say(notice.text, notice.severity, notice.timeout)
        else:  # a start-up notice that came before the screen was composed
            self.call_after_refresh(self._notice, notice)

    # --- showing state -----------------------------------------------------------
    def _show_question(self) -> None:
        ref = self.live.current
        card = self.query_one(QuestionCard)
        card.total = len(self.live.refs)
        card.ref = ref
        self._show_star()
        self._show_notes()
        self._show_silence()
        first, last = self.live.section_bounds()
        clock = self.query_one(PaceClock)
        planned = self.session.guide.planned_minutes
        clock.planned = planned * 60 if planned else None
        budget = ref.section.minutes
        clock.section_budget = budget * 60 if budget else None
        clock.section_base = sum(self.session.questions[i].time_spent for i in range(first, last + 1))
        clock.entered_at = self.live.entered_at

    def _show_star(self) -> None:
        star = self.query_one(StarPanel)
        index = self.session.current_question
        star.enabled = self.live.current.question.star
        star.coverage = tuple(self.session.questions[index].star[e] for e in STAR_ELEMENTS)

    def _show_notes(self) -> None:
        self.query_one(NoteLog).show(self.session.notes_for(self.session.current_question))

    def _show_silence(self) -> None:
        timer = self.query_one(SilenceTimer)
        timer.hint = self.live.suggestion()
        timer.key = self._shown_keys["silence"]
        timer.since = self.live.silence_since
        for field in self.query(FIELD):  # none yet before its first frame (field_later)
            cast("NoteField", field).report_typing = self.live.silence_since is not None

    def _show_themes(self) -> None:
        tally = self.query_one(ThemeTally)
        tally.codebook = tuple(self.theme_keys)
        tally.keys = {t: self._shown_keys[f"bump_theme_{i}"] for t, i in self.theme_keys.items()}
        tally.counts = dict(self.session.tally())

    @cached_property
    def _shown_keys(self) -> dict[str, str]:
        """The keys the silence timer and the theme tally show, after the user's keymap (set before any
        screen): gathered once, not at every note (Textual rebuilds a screen's bindings at each ask)."""
        return keys_for(self, ("silence", *(f"bump_theme_{i}" for i in self.theme_keys.values())))

    def _update_preview(self, value: str) -> None:
        """Say how the note will be read; redrawn only when that changes, not on every key."""
        parsed = parse_shorthand(value) if value.strip() else None
        state = (self.editing is not None, parsed and (parsed.kind, parsed.starred, parsed.star, parsed.themes))
        if state == self._preview_state:
            return
        self._preview_state = state
        head = (
            Content.styled("Editing last note · Enter saves · Esc cancels  ", "bold $text-warning")
            if self.editing is not None
            else Content("")
        )
        preview = self.query_one("#preview", Static)
        if parsed is None:
            hint = Content.styled(SHORTHAND_HINT, "dim")
            preview.update(Content.assemble(head, hint), layout=False)
            return
        preview.update(Content.assemble(head, shorthand_summary(parsed)), layout=False)

    # --- saving ----------------------------------------------------------------------
    def _save_meta(self) -> bool:
        """Persist everything but the notes; on failure say so and keep going."""
        try:
            self.writer.save_meta()
        except (OSError, UsageError) as error:
            if not self._save_failing:  # once per failing run, not every autosave
                self.notify(f"Not saved: {error}", severity="error", timeout=10, markup=False)
            self._save_failing = True
            return False
        if self._save_failing:
            self.notify("Saving works again; everything is on disk.")
        self._save_failing = False
        self._draft_dirty = False
        self._since_elapsed_save = 0.0
        return True

    def autosave(self) -> None:
        """Keep the draft and the clock on disk, so a crash loses at most a second of typing.

        Once the session is finished its writer is closed: a tick still due before the
        review replaces this screen has nothing left to save."""
        if self.finished:
            return
        self._since_elapsed_save += AUTOSAVE_SECONDS
        if self._draft_dirty or self._since_elapsed_save >= ELAPSED_SAVE_SECONDS:
            self._sync_draft()
            self.live.sync()
            self._save_meta()

    def _sync_draft(self) -> None:
        value = self.field_text
        editing = self.editing is not None
        self.session.draft = Draft(
            text="" if editing else value,
            question=self.session.current_question,
            began=None if editing or not value else self.began,
        )

    # --- typing ----------------------------------------------------------------------
    @on(Started, FIELD)
    def _started(self) -> None:
        """The note's time is its first keystroke; typing also means they are talking."""
        if self.editing is not None:
            return
        self.began = round(self.live.elapsed(), 3)
        self._typing()

    @on(Typing, FIELD)
    def _typing(self) -> None:
        """Typing means they are talking again: the silence, if one is timed, ends."""
        if self.live.silence_since is not None:
            self.live.stop_silence("typing")
            self._show_silence()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """The note field's text changed (a handler by name: this module imports no TextArea)."""
        if event.text_area.id != FIELD_ID:
            return
        self.field_text = event.text_area.text
        self._draft_dirty = True
        self._update_preview(self.field_text)

    @on(PasteRefused, FIELD)
    def _paste_refused(self, event: PasteRefused) -> None:
        self.notify(
            f"Paste refused: {event.length:,} characters, and a note holds at most {MAX_TEXT:,}. Nothing was inserted.",
            severity="error", markup=False,
        )

    @on(Submitted, FIELD)
    def _submitted(self, event: Submitted) -> None:
        raw = typed_lines(event.text)  # a pasted quote keeps its lines, in one note
        if len(raw) > MAX_TEXT:
            event.field.give_back(event.text)
            self.notify(f"Not saved: a note holds at most {MAX_TEXT:,} characters; this one has {len(raw):,}.", severity="error", markup=False)
            return
        if self.editing is not None:
            self._finish_edit(raw)
            return
        if not raw:
            return
        note = self.live.note_from(raw, self.began)
        self.session.add_note(note)
        self._keep_beside_discussed(note)
        # The committed text leaves the draft in the same append, or a crash would bring it back to be saved twice.
        self.session.draft = Draft(text=event.field.text, question=self.session.current_question)
        try:
            self.writer.commit_note(note)
        except (OSError, UsageError) as error:
            self.session.remove_note(note.id)
            self._forget_beside_discussed(note)
            event.field.give_back(event.text)
            self.notify(f"Note NOT saved ({error}); it is back in the field.", severity="error", timeout=15, markup=False)
            return
        self.began = None
        self._draft_dirty = False
        if note.star:
            self._show_star()
        self._show_notes()
        self._show_themes()
        self._show_silence()

    # --- question keys -------------------------------------------------------------------
    def _moved(self) -> None:
        self._draft_dirty = True
        if self.discussing is not None:  # another question, another topic
            self.discussing = None
            self._show_earlier_pains()
        self._show_question()
        self.autosave()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Up and ctrl+z act on notes only when the field is empty; otherwise they edit the text.
        ctrl+e is the field's (end of line) unless this is a follow-up."""
        if action in ("edit_last_note", "undo"):
            return (not self.field_text and self.editing is None) or None  # None: the key goes to the field
        if action == "earlier_pains":  # False: not shown, and the key is the field's
            return bool(self.session.follow_up_of)
        return True

    @after_typing
    def action_next_question(self) -> None:
        if self.session.current_question == len(self.live.refs) - 1:
            self.action_wrap_up()
            return
        if self.live.go_to(self.session.current_question + 1):
            self._moved()

    @after_typing
    def action_previous_question(self) -> None:
        if self.live.go_to(self.session.current_question - 1):
            self._moved()

    @after_typing
    def action_skip_question(self) -> None:
        index = self.session.current_question
        if index == len(self.live.refs) - 1:
            self.session.skip(index)
            self.action_wrap_up()
            return
        if self.live.go_to(index + 1, skip=True):
            self.notify(f"Skipped Q {index + 1}.", markup=False)
            self._moved()

    @after_typing
    def action_goto_question(self) -> None:
        from tui.screens.question_picker import QuestionPicker

        def chosen(index: int | None) -> None:
            if index is not None and self.live.go_to(index):
                self._moved()

        self.app.push_screen(QuestionPicker(self.session), chosen)

    # --- STAR, silence, themes -------------------------------------------------------------
    def action_toggle_star(self, element: str) -> None:
        if not self.live.current.question.star:
            self.notify("STAR is off for this question.")
            return
        self.session.toggle_star(self.session.current_question, element)
        self._draft_dirty = True
        self._show_star()
        self._show_silence()

    @after_typing
    def action_silence(self) -> None:
        self.live.toggle_silence()
        self._show_silence()

    # --- ending ---------------------------------------------------------------------------
    @after_typing
    def action_wrap_up(self) -> None:
        from tui.screens.wrapup import WrapUpResult, WrapUpScreen

        def done(result: WrapUpResult | None) -> None:
            if result is None or not result.completed:
                return
            field = self.note_field
            unsent = field.text
            field.clear()
            self.field_text = ""
            if unsent.strip() and result.keep_draft:  # saved as any note is, then completed
                self.post_message(Submitted(field, unsent))
                self.call_later(self._complete_after_draft)
                return
            self.editing = None
            self._finish("completed")

        self.app.push_screen(WrapUpScreen(self.session, self.field_text), done)

    def _complete_after_draft(self) -> None:
        if self.note_field.text.strip():  # it could not be saved: it is back in the field
            self.notify("Not completed: the unsent note could not be saved; it is back in the field.", severity="error", markup=False)
            return
        self._finish("completed")

    def action_quit_menu(self) -> None:
        from tui.screens.quit_menu import QuitMenu

        def chosen(choice: str | None) -> None:
            if choice == "pause" and self._finish("paused"):
                self.app.exit()
            elif choice == "end":
                self.action_wrap_up()

        self.app.push_screen(QuitMenu(), chosen)

    def interrupt(self) -> None:
        """The terminal is going away: save everything as interrupted. The app, which may be
        holding its keys for the note field, goes on to exit: a field mounted now never would be."""
        self.field_ready.set()
        if self.finished:
            return
        self._finish("interrupted")

    def _finish(self, status: str) -> bool:
        """Stop and save with `status`; if the save fails, carry on as before and say so."""
        self._sync_draft()
        previous = self.session.status
        self.live.stop(status)
        if not self._save_meta() and status != "interrupted":  # a dying terminal gets our best try
            self.session.status, self.session.ended_at = previous, None
            self.live.start()
            return False
        if self._writer is not None:  # None: a new session whose file could not be made
            self._writer.close()
        if status == "completed":
            app = app_of(self)
            app.call_later(app.session_completed, self.session.id)
        return True

    def on_unmount(self) -> None:
        if self._writer is not None and not self._writer.closed:  # a file never made is not made now
            self._sync_draft()
            self.live.sync()
            self._save_meta()
            self.writer.close()

