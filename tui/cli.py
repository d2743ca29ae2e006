"""Command line: `interview [--store DIR] COMMAND ...`, as quick to start as the command allows.

`interview --version` is answered before argparse is imported; any other
command line goes through tui.cli_parser, which imports only the module of the
command given. A user's mistake is one line on stderr and exit status 2.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from tui import __version__


def build_parser(*args: object):  # noqa: ANN201 - an argparse parser, imported only now
    """The parser (see tui.cli_parser.build_parser), for tests that parse a command line."""
    from tui.cli_parser import build_parser

    return build_parser(*args)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv == ["--version"]:
        print(f"interview {__version__}")
        return 0
    from tui.cli_parser import build_parser, command_in
    from tui.errors import UsageError

    args = build_parser(command_in(argv)).parse_args(argv)
    if args.command is None:
        from tui.commands.app_commands import run_home

        args.func = run_home
    try:
        return int(args.func(args) or 0)
    except UsageError as error:
        from tui.core.text import one_line

        problems = getattr(error, "problems", None)  # a GuideError: one line per problem, as they are
        lines = [one_line(p) for p in problems] if problems else [f"interview: {one_line(str(error))}"]
        print("\n".join(lines), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
