"""Subcommands that open the app: home (no command), new, resume."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    pass


def run_home(args: argparse.Namespace) -> int:
    print("interview: the interview app is not built yet; try `interview guides` or `interview lint`.", file=sys.stderr)
    return 0
