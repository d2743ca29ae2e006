"""Subcommands of `interview`: each one's name, module and help line, in the order `--help` lists them.

The help lines live here, not in the modules, so `interview --help` lists
every command without importing one: `tui.cli` imports only the module of the
command that runs, and that module's `arguments(name, parser)` adds the
command's arguments and what runs it. So `interview --version` imports no
command at all, and `interview guides` no store.
"""

COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("new", "app_commands", "start a new interview from a guide"),
    ("resume", "app_commands", "reopen an unfinished session where it stopped"),
    ("review", "app_commands", "review a session: notes, themes, coaching, export"),
    ("guides", "guides", "list the interview guides you can use"),
    ("lint", "lint", "flag leading, hypothetical, double-barrelled and closed questions"),
    ("list", "sessions", "list saved sessions, newest first"),
    ("export", "sessions", "export a session (Markdown to stdout by default)"),
    ("import", "sessions", "add sessions exported as JSON by a teammate"),
    ("delete", "sessions", "move a session to the trash"),
    ("restore", "sessions", "bring a session back from the trash"),
    ("search", "search", 'find the notes that say something, across every session: words, "a phrase", #theme, kind:pain'),
    ("history", "history", "browse past sessions: filter, sort, review, resume, follow up"),
    ("themes", "history", "themes across interviews, the most widespread first (Markdown to stdout by default)"),
    ("saturation", "history", "can we stop interviewing? new themes per participant and the stopping rule of Guest et al. 2020"),
    ("demo", "history", "try the app on 8 sample interviews in a temporary store (deleted on exit)"),
)
