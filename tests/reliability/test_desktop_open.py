"""Items 4 and 5 of issue 8 in the desktop: a hostile file is explained; edge values show.

Opening a file nested 100,000 levels deep, too large or with a 0th weekday shows one message
and changes nothing (before, the first was an uncaught RecursionError); a charter with dates
at the ends of the calendar opens, and every step's preview and the review's findings show.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.desktop.conftest import ScriptedPrompter, home, make_window, prompter, window
from tests.reliability.helpers import complete_data
from wizards.answers import MAX_FILE_BYTES

__all__ = ["home", "make_window", "prompter", "window"]  # the desktop tests' fixtures


def _deep(path: Path) -> None:
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")


def _large(path: Path) -> None:
    with path.open("wb") as handle:
        handle.write(b'{"format_version": 1}')
        handle.truncate(MAX_FILE_BYTES + 1)


def _zeroth_weekday(path: Path) -> None:
    data = complete_data()
    data["board"]["pattern"]["nth"] = 0
    path.write_text(json.dumps(data), encoding="utf-8")


HOSTILE: dict[str, tuple[Callable[[Path], None], str]] = {
    "nested 100,000 deep": (_deep, "nested more than"),
    "too large": (_large, "too large"),
    "a 0th weekday": (_zeroth_weekday, "0th weekday"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_is_explained_and_nothing_changes(
    name: str, qtbot: Any, window: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    make, words = HOSTILE[name]
    path = tmp_path / "hostile.charter.json"
    make(path)
    assert not window.open_file(path)
    _kind, _title, text = prompter.kinds("warning")[-1]
    assert "hostile.charter.json" in text and words in text, text
    assert "Traceback" not in text


def test_dates_at_the_ends_of_the_calendar_open_and_show(
    qtbot: Any, window: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    data = complete_data()
    data["meta"]["effective_date"] = dt.date.max.isoformat()
    data["executive"]["term_start"] = dt.date.min.isoformat()
    data["executive"]["term_months"] = 0
    data["board"]["pattern"]["months"] = []
    path = tmp_path / "edges.charter.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert window.open_file(path)
    assert window.wizard is not None
    for page in window.wizard.pages.values():
        page.initializePage()
        page.refresh_preview()
        assert "not available" not in page.preview.toPlainText(), page.step
        page.isComplete()
    assert not prompter.kinds("critical")
