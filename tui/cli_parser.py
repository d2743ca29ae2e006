"""The command line's parser: every command listed, only the one given imported.

The commands, their modules and help lines are listed in `tui.commands`;
`interview --help` shows them all without importing any. The module of the
command given is imported to add its arguments (`arguments(name, parser)`),
so only commands that open the app import textual.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence
from typing import NoReturn

from tui import __version__
from tui.commands import COMMANDS

_ALL = object()


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser(only: str | None | object = _ALL) -> Parser:
    """The parser; every command's arguments, or only those of `only` (a command's name, or None for none)."""
    parser = Parser(prog="interview", description="A keyboard-first companion for customer interviews.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--store",
        metavar="DIR",
        help="session store folder (default: $INTERVIEW_STORE or the user data dir)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    known = only in {name for name, _, _ in COMMANDS}  # then the others are never parsed: not even made
    for name, module, help_line in COMMANDS:
        if known and name != only:
            continue
        command = subparsers.add_parser(name, help=help_line)
        if only is _ALL or only == name:
            importlib.import_module(f"tui.commands.{module}").arguments(name, command)
    return parser


def command_in(argv: Sequence[str]) -> str | None:
    """The command named in `argv`: the first word that is neither an option nor --store's value."""
    words = iter(argv)
    for word in words:
        if word == "--":
            return next(words, None)
        if len(word) > 2 and "--store".startswith(word):  # --store DIR, or a start of it as argparse allows
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None
