"""Errors that are the user's to fix: shown as one line, never a traceback."""


class UsageError(Exception):
    """A mistake in what the user asked for (unknown id, bad path...): exit status 2."""
