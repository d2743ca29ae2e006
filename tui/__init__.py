"""Interview Companion: a keyboard-first terminal app for customer interviews."""

__version__ = "0.1.0"
