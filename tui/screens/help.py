"""Keys and note shorthand, read from the live bindings so a remapped key shows as remapped."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core.kinds import KINDS, PAIN, kind_of
from tui.core.session import MAX_TEXT
from tui.core.shorthand import STAR_MARKER

SHORTHAND = (
    *((kind.mark, kind.meaning) for kind in KINDS if kind.mark),
    (STAR_MARKER, f"a key moment (combine: {STAR_MARKER}{kind_of(PAIN).mark})"),
    ("S: T: A: R:", "mark the STAR part this note covers"),
    ("#theme", "tag a theme anywhere (#multi-word)"),
)


# Keys handled by widgets rather than bindings, worth saying on some screens.
EXTRA_KEYS = {
    "LiveScreen": (
        ("enter", "Save the note (on disk before it is shown)"),
        ("paste", f"One note, its lines kept (at most {MAX_TEXT:,} characters)"),
        ("ctrl+p", "Command palette: every action"),
    ),
    "ReviewScreen": (
        ("↑ ↓", "Move from note to note (PgUp PgDn Home End)"),
        ("enter", "Edit the note or takeaway under the cursor"),
        ("ctrl+p", "Command palette: every action"),
    ),
}


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q,question_mark", "dismiss(None)", "Close", show=False)]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Static("Keys and shorthand", classes="dialog-title")
            yield Static(self._keys(), id="help-keys")
            yield Static(Content.styled("Note shorthand (at the start of a note)", "bold"))
            yield Static(
                Content("\n").join(
                    Content.assemble((f"{mark:>12}  ", "bold $text-accent"), meaning) for mark, meaning in SHORTHAND
                )
            )
            yield Static(Content.styled("Esc closes · keys can be remapped by id in config.toml [keymap]", "dim"))

    def _keys(self) -> Content:
        """The bindings of the screen underneath and the app, with ids for the keymap."""
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else self.app.screen
        rows: list[Content] = [
            Content.assemble((f"{key:>12}  ", "bold $text-accent"), meaning) for key, meaning in EXTRA_KEYS.get(type(below).__name__, ())
        ]
        declared = [b.id for b in getattr(below, "BINDINGS", ()) if isinstance(b, Binding) and b.id]
        order = {binding_id: place for place, binding_id in enumerate(declared)}
        actives = sorted(
            (
                active
                for active in below.active_bindings.values()
                if active.node in (below, self.app) and active.binding.id and active.binding.description
            ),
            key=lambda active: order.get(active.binding.id, len(order)),  # as the screen lists them
        )
        seen: set[str] = set()
        for active in actives:
            binding: Binding = active.binding
            if binding.id in seen:
                continue
            seen.add(binding.id)
            key = self.app.get_key_display(binding)
            rows.append(
                Content.assemble(
                    (f"{key:>12}  ", "bold $text-accent"),
                    binding.tooltip or binding.description,
                    (f"  [{binding.id}]", "dim"),
                )
            )
        return Content("\n").join(rows)
