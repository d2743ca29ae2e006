"""Pure logic: no textual, no store, no UI. Enforced by tests/core/test_core_is_pure.py."""
