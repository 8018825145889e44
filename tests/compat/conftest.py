"""The GUI fixtures of tests/desktop, for the smoke test of the compatibility run."""

from tests.desktop.conftest import home, make_window, prompter, window

__all__ = ["home", "make_window", "prompter", "window"]
