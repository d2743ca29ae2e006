"""What a screen may use of the App: its store, its navigation, and thread work done one safe way.

`app_of` and `store_of` are the one typed way a screen (or a mixin of one)
reaches them. `in_thread` is the one way slow work runs off the UI thread:
Textual's thread worker with `exit_on_error=False`; the result comes back as a
message to the screen, so a screen that was closed (popped, switched away)
never gets it, and a newer run of the same group replaces an older one; any
failure is one notice and never the end of the app (a read of the index
interrupted for a newer one is none: the newer one answers).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual import events
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Input
from textual.notifications import SeverityLevel
from textual.worker import get_current_worker

from tui.errors import QueryInterrupted, UsageError

if TYPE_CHECKING:
    from tui.app import InterviewApp
    from tui.store import Store

T = TypeVar("T")
STYLES = Path(__file__).resolve().parent.parent / "styles"


def app_of(node: DOMNode) -> InterviewApp:
    """The running InterviewApp, typed: navigation and the store go through it."""
    from tui.app import InterviewApp

    app = node.app
    if not isinstance(app, InterviewApp):
        raise TypeError(f"{type(node).__name__} runs only inside InterviewApp")
    return app


def store_of(node: DOMNode) -> Store:
    return app_of(node).store


def use_styles(screen: Screen, name: str) -> None:
    """Add tui/styles/NAME to the app's CSS as the first screen that needs it is built (before its
    widgets are styled), so start-up parses only the first screen's rules, not every screen's.

    A screen's CSS_PATH would load the file too, but Textual then parses every rule of the app
    again; this parses the one file. Each file's rules name only its own screens' widgets, so
    nothing already on screen changes when one is added."""
    path = str(STYLES / name)
    stylesheet = screen.app.stylesheet
    if not stylesheet.has_source(path):
        stylesheet.add_source(Path(path).read_text(encoding="utf-8"), read_from=(path, ""))


class TypeAhead(Screen[None]):
    """A screen whose first field takes the keys typed before it had focus.

    A screen opens a turn before its field has focus, so the keys of a fast hand
    (`s` and a query at home, the key that opens it being a priority binding)
    reach the screen itself and were lost. `on_mount` focuses TYPE_AHEAD at once
    (`set_focus`), and any printable key the screen gets while that field holds
    focus (or nothing does) goes into it.
    """

    TYPE_AHEAD = "Input"

    def focus_first_field(self) -> None:
        self.set_focus(self.query_one(self.TYPE_AHEAD, Input))

    def on_key(self, event: events.Key) -> None:
        field = self.query_one(self.TYPE_AHEAD, Input)
        if event.is_printable and event.character and self.focused in (None, field):
            event.stop()
            field.insert_text_at_cursor(event.character)
            self.set_focus(field)


def failure_text(error: BaseException) -> str:
    """A worker's failure in one line: the user's problem as it says, anything else with its type."""
    if isinstance(error, (UsageError, OSError)):
        return str(error)
    return f"{type(error).__name__}: {error}"


def in_thread(
    node: DOMNode,
    job: Callable[[], T],
    done: Callable[[T], object],
    *,
    failure: str,
    group: str,
    exclusive: bool = True,
    severity: SeverityLevel = "error",
    failed: Callable[[], object] | None = None,
) -> asyncio.Event:
    """Run `job()` in a thread worker of `node`; then `done(result)` on the UI thread, while `node` is attached.

    A failure is one notice, `failure: why` (and `failed()`, for a screen that must
    show something else instead). `node` is a screen, or the App for work that
    outlives the screen that asked for it (a copy to the clipboard). What is returned
    is set once the answer (or the failure) is posted: for `drawn_together`.
    """

    def deliver(result: T) -> None:
        if node.is_attached:
            done(result)

    def fail(why: str) -> None:
        if node.is_attached:
            node.app.notify(f"{failure}: {why}", severity=severity, timeout=10, markup=False)
            if failed is not None:
                failed()

    answered = asyncio.Event()
    loop = asyncio.get_running_loop()

    def run() -> None:
        try:
            result = job()
            if not get_current_worker().is_cancelled:  # else a newer run of the group is on its way
                node.call_later(deliver, result)
        except QueryInterrupted:  # a newer query (the next key's) took its place: its worker answers
            pass
        except Exception as error:  # noqa: BLE001 - one notice, whatever went wrong
            if not get_current_worker().is_cancelled:
                node.call_later(fail, failure_text(error))
        finally:
            with contextlib.suppress(RuntimeError):  # the app has ended and its loop closed: nobody waits
                loop.call_soon_threadsafe(answered.set)  # after the answer's message, so that is handled first

    node.run_worker(run, group=group, exclusive=exclusive, thread=True, exit_on_error=False)
    return answered


TOGETHER = 0.03  # s: the longest a key's echo waits for its answer, so the two are drawn in one frame


async def drawn_together(node: DOMNode, answered: asyncio.Event) -> None:
    """Hold the screen's repaints until the worker behind `answered` posts its answer, or TOGETHER passes.

    For a field whose every key asks the index (search, history's filter): the key's
    echo would be drawn at once and its answer a frame later (Textual draws at most
    every 1/60 s), so results came at least 17 ms after the key. Held, both come in
    the frame after the answer: the echo waits for a query of a few ms, never longer
    than TOGETHER. Await it from the field's (async) Changed handler: the screen
    handles the answer's message next, before anything is drawn, and the answer's
    handler draws that frame at once (`draw_now`).
    """
    with node.app.batch_update(), contextlib.suppress(TimeoutError):
        await asyncio.wait_for(answered.wait(), TOGETHER)


def draw_now(node: DOMNode) -> None:
    """Draw `node`'s screen now, not at the frame clock's next tick: for the answer to a key.

    Textual draws on a 1/60 s grid, and a tick that came while `drawn_together` held
    the repaints is lost: the answer then waited 6–17 ms for the next one. The screen's
    tick handler is the one Textual's own Pilot calls to draw a frame at once; if a
    later Textual drops it, the clock draws the frame as before.
    """
    screen = node.screen
    draw = getattr(screen, "_on_timer_update", None)
    if draw is not None and screen.is_current:
        draw()
