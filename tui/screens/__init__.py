"""One screen per workflow; each owns its part of a session and talks to the store."""
