"""The packaging tests' figures (sizes, times), printed in pytest's summary, passed or failed."""

from __future__ import annotations

from typing import Any

FIGURES: dict[str, str] = {}
"""What the packaging tests measured, by name; filled by the tests, printed at the end."""


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not FIGURES:
        return
    terminalreporter.section("Linux packages")
    width = max(len(k) for k in FIGURES)
    for name, value in FIGURES.items():
        terminalreporter.write_line(f"{name.ljust(width)}  {value}")
