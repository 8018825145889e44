"""Shared test set-up: headless Qt, and settings and library kept away from the user's own."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "resources" / "examples"


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the library and settings at a temporary folder for every test."""
    monkeypatch.setenv("CHARTER_BUILDER_HOME", str(tmp_path / "user-data"))


def example_files() -> list[Path]:
    """The example answers files shipped in resources/examples."""
    return sorted(EXAMPLES.glob("*.charter.json"))
