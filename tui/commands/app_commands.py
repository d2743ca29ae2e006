"""Subcommands that open the app: home (no command), `new`, `resume`, `review`.

textual is imported only here, and only when one of these runs.
"""

from __future__ import annotations

import argparse
import gc
from typing import TYPE_CHECKING

from tui.paths import store_dir

if TYPE_CHECKING:
    from tui.start import Start


def arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "new":
        parser.add_argument("--guide", required=True, metavar="NAME|PATH", help="a guide name (see `interview guides`) or a .toml file")
        parser.add_argument("--participant", metavar="NAME", help="skip the setup form and go straight to the live screen")
        parser.add_argument("--consent", choices=("yes", "no"), help="the participant agreed to be recorded (else it is asked)")
        parser.add_argument(
            "--follow-up-of", metavar="ID", help="link to an earlier session (id prefix or 'latest'); its role and company are copied"
        )
        parser.set_defaults(func=run_new)
    elif name == "resume":
        parser.add_argument("id", nargs="?", metavar="ID", help="session id prefix or 'latest' (default: the latest unfinished)")
        parser.set_defaults(func=run_resume)
    else:
        parser.add_argument("id", metavar="ID", help="session id prefix or 'latest'")
        parser.set_defaults(func=run_review)


def run_app(args: argparse.Namespace, start: Start) -> int:
    """The app, from the command line. The cyclic garbage collector waits for the first frame:
    start-up makes tens of thousands of objects that live as long as the app (modules, classes,
    CSS rules, widgets), and collecting while they are made only walks them again and again.
    Once it is drawn they are frozen (no collection walks them again) and collecting resumes."""
    gc.disable()
    from tui.app import make_app

    app = make_app(store_dir=store_dir(args.store), start=start)
    app.after_first_frame(collect_from_now_on)
    app.run()
    return app.return_code or 0


def collect_from_now_on() -> None:
    gc.freeze()
    gc.enable()


def run_home(args: argparse.Namespace) -> int:
    from tui.start import Start

    return run_app(args, Start())


def run_new(args: argparse.Namespace) -> int:
    return run_app(args, new_start(args))


def run_resume(args: argparse.Namespace) -> int:
    return run_app(args, resume_start(args))


def run_review(args: argparse.Namespace) -> int:
    from tui.start import Start
    from tui.store import Store

    session_id = Store(store_dir(args.store)).resolve(args.id)
    return run_app(args, Start("review", session_id=session_id))


def new_start(args: argparse.Namespace) -> Start:
    """What `interview new` opens on: the setup form, or the live screen with --participant."""
    from tui.start import Start
    from tui.catalog import find_guide

    guide = find_guide(args.guide)
    consent = None if args.consent is None else args.consent == "yes"
    if not args.follow_up_of:
        return Start("setup", guide=guide, participant=args.participant, consent=consent)
    from tui.store import Store  # only a follow-up reads the store before the app starts

    store = Store(store_dir(args.store))
    follow_up_of = store.resolve(args.follow_up_of)
    earlier = store.load(follow_up_of).participant  # the same person: role, company and segment come along
    return Start(
        "setup", guide=guide, participant=args.participant, consent=consent, follow_up_of=follow_up_of, earlier=earlier,
    )


def resume_start(args: argparse.Namespace) -> Start:
    """What `interview resume [ID]` opens on: that session, or the latest unfinished one."""
    from tui.start import Start
    from tui.errors import UsageError
    from tui.store import Store

    store = Store(store_dir(args.store))
    if args.id:
        session_id = store.resolve(args.id)
        summary = next((s for s in store.summaries() if s.id == session_id), None)
        if summary is not None and summary.status == "completed":
            raise UsageError(f"session {session_id[:8]} is completed; `interview review {session_id[:8]}` opens it")
    else:
        unfinished = [s for s in store.summaries() if s.status != "completed" and not s.read_only]
        if not unfinished:
            raise UsageError("no unfinished session to resume (see `interview list`)")
        session_id = unfinished[0].id
    return Start("live", session_id=session_id)
