"""`interview history | themes | saturation | demo`: looking back across interviews.

`history` and `demo` open the app (textual is imported lazily, only then);
`themes` and `saturation` print a report and never import textual (unless
`themes --tui` asks for the Themes screen).
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
    elif name == "saturation":
        from tui.core.saturation import DEFAULT_BASE, DEFAULT_RUN, DEFAULT_THRESHOLD

        parser.add_argument("--guide", metavar="NAME", help="only sessions run with this guide")
        parser.add_argument("--base", type=_count, default=DEFAULT_BASE, metavar="N", help=f"interviews before a run is judged (default: {DEFAULT_BASE})")
        parser.add_argument("--run", type=_count, default=DEFAULT_RUN, metavar="N", help=f"the latest interviews judged (default: {DEFAULT_RUN})")
        parser.add_argument(
            "--threshold", type=_share, default=DEFAULT_THRESHOLD, metavar="P",
            help=f"new themes in the run, at most this share of the base's (5%%, 5 or 0.05; default: {DEFAULT_THRESHOLD * 100:g}%%)",
        )
        parser.add_argument("--format", choices=("md", "json"), default="md", help="output format (default: md)")
        parser.set_defaults(func=run_saturation)
    else:
        parser.set_defaults(func=run_demo)


def run_history(args: argparse.Namespace) -> int:
    from tui.start import Start
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
    _check_guide(store, args.guide)
    return store.theme_report(guide=args.guide, since=since, refresh=False)


def _check_guide(store, guide: str | None) -> None:
    """UsageError naming the store's guides when no session uses `guide`."""
    if guide is not None:
        known = store.guide_names(refresh=False)
        if guide.lower() not in {name.lower() for name in known}:
            names = ", ".join(known) or "none yet"
            raise UsageError(f"no sessions use the guide '{guide}'; guides in the store: {names}")


def run_themes(args: argparse.Namespace) -> int:
    from tui.core.themes_report import render

    if args.tui:
        from tui.start import Start
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


def _count(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a number of interviews, 1 or more, not {text!r}")
    return int(text)


def _share(text: str) -> float:
    """`5%`, `5` or `0.05`: a number with % or of 1 or more is a percentage, below 1 a share."""
    number = text.strip().removesuffix("%")
    try:
        value = float(number)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a share such as 5% or 0.05, not {text!r}") from None
    share = value / 100 if number != text.strip() or value >= 1 else value
    if not 0 <= share < 1:
        raise argparse.ArgumentTypeError(f"expected a share below 100%, not {text!r}")
    return share


def run_saturation(args: argparse.Namespace) -> int:
    """Has the latest run of interviews still added themes? Markdown or JSON to stdout."""
    from tui.commands.sessions import open_store
    from tui.core.saturation import Rule, saturation
    from tui.core.saturation_report import render
    from tui.core.text import visible

    store = open_store(args)
    _check_guide(store, args.guide)
    result = saturation(store.interviews(guide=args.guide, refresh=False), Rule(args.base, args.run, args.threshold))
    text = render(result, args.format, guide=args.guide, guides=len(store.guide_names(refresh=False)))
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
