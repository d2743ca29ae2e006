"""`interview guides`: placeholder until implemented."""

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    pass
