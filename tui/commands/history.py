"""`interview history | themes | demo`: looking back across interviews.

`history` and `demo` open the app (textual is imported lazily, only then);
`themes` prints a report and never imports textual, unless `--tui` asks for
the Themes screen.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.core.formats import THEME_FORMATS
from tui.errors import UsageError


def arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "history":
        parser.add_argument("--follow-ups", action="store_true", help="open on the participants waiting for a follow-up")
        parser.set_defaults(func=run_history)
    elif name == "themes":
        parser.add_argument("--guide", metavar="NAME", help="only sessions run with this guide")
        parser.add_argument("--since", metavar="DATE", help="only sessions on or after this date (YYYY-MM-DD)")
        parser.add_argument("--format", choices=THEME_FORMATS, default="md", help="output format (default: md)")
        parser.add_argument("--output", metavar="FILE", type=Path, help="write to FILE instead of stdout")
        parser.add_argument("--tui", action="store_true", help="open the Themes screen instead of printing")
        parser.set_defaults(func=run_themes)
    else:
        parser.set_defaults(func=run_demo)


def run_history(args: argparse.Namespace) -> int:
    from tui.app import Start
    from tui.commands.app_commands import run_app

    return run_app(args, Start("history", follow_ups=args.follow_ups))


def theme_report(args: argparse.Namespace):
    """The report over the store's sessions, filtered; UsageError for a bad filter."""
    from tui.commands.sessions import open_store
    from tui.core.themes_report import parse_since

    since = args.since
    if since is not None:
        try:
            since = parse_since(since)
        except ValueError as error:
            raise UsageError(str(error)) from None
    store = open_store(args)
    if args.guide is not None:
        known = store.guide_names(refresh=False)
        if args.guide.lower() not in {name.lower() for name in known}:
            names = ", ".join(known) or "none yet"
            raise UsageError(f"no sessions use the guide '{args.guide}'; guides in the store: {names}")
    return store.theme_report(guide=args.guide, since=since, refresh=False)


def run_themes(args: argparse.Namespace) -> int:
    from tui.core.themes_report import render

    if args.tui:
        from tui.app import Start
        from tui.commands.app_commands import run_app

        return run_app(args, Start("themes"))
    report = theme_report(args)
    text = render(report, args.format)
    if args.output:
        from tui.files import atomic_write

        atomic_write(args.output, text.encode("utf-8"))
        print(f"Wrote {args.output}", file=sys.stderr)
    else:
        from tui.core.text import visible

        sys.stdout.write(visible(text) if sys.stdout.isatty() else text)  # exact into a pipe
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from tui.app import Start, make_app
    from tui.demo import temporary_demo_store

    with temporary_demo_store() as root:
        notice = "Demo: 8 sample interviews in a temporary store, deleted when you quit. Your own sessions are untouched."
        app = make_app(store_dir=root, start=Start("history"), notices=[notice])
        app.run()
    return app.return_code or 0
