"""Widgets of the live screen. They never touch the store: attributes down, messages up."""
