"""Errors that are the user's to fix: shown as one line, never a traceback."""


class UsageError(Exception):
    """A mistake in what the user asked for (unknown id, bad path...): exit status 2."""


class QueryInterrupted(Exception):
    """A read of the index stopped for a newer one (the next keystroke's): nobody's mistake, nothing to say."""
