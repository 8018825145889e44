"""README.md stays true: every command and option of charter-builder is documented there."""

from __future__ import annotations

import argparse

from desktop.cli import _parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_every_subcommand_and_option_is_documented() -> None:
    parser = _parser()
    undocumented = []
    for option in parser._option_string_actions:
        if option.startswith("--") and option not in README:
            undocumented.append(option)
    for name, sub in _subparsers(parser).items():
        if f"charter-builder {name}" not in README:
            undocumented.append(name)
        for option in sub._option_string_actions:
            if option.startswith("--") and option != "--help" and option not in README:
                undocumented.append(f"{name} {option}")
    assert undocumented == []


def test_quick_start_names_the_two_commands() -> None:
    assert "make run" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
