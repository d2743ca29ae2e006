"""Subcommands of `interview`, one module each, registered in this order."""

from tui.commands import app_commands, guides, history, lint, sessions

COMMANDS = (app_commands, guides, lint, sessions, history)
