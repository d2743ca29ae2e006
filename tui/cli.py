"""Command line: argparse subcommands.

Each subcommand lives in `tui.commands.<name>` with `register(subparsers)`;
only commands that open the app import textual, and they do it lazily.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from tui import __version__
from tui.commands import COMMANDS
from tui.core.guide import GuideError
from tui.core.text import one_line
from tui.errors import UsageError


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> Parser:
    parser = Parser(
        prog="interview",
        description="A keyboard-first companion for customer interviews.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--store",
        metavar="DIR",
        help="session store folder (default: $INTERVIEW_STORE or the user data dir)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in COMMANDS:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from tui.commands.app_commands import run_home

        args.func = run_home
    try:
        return int(args.func(args) or 0)
    except GuideError as error:
        print("\n".join(one_line(problem) for problem in error.problems), file=sys.stderr)
        return 2
    except UsageError as error:
        print(f"interview: {one_line(str(error))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
