"""Autosave and resume: within the window, across a restart, and after the process is killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWizard

from desktop.main_window import AUTOSAVE_MS
from desktop.testing_harness import EXECUTIVE, ORGANISATION, TITLE
from tests.desktop.conftest import type_text
from wizards.library import Library, library_path

ROOT = Path(__file__).resolve().parents[2]


def test_every_edit_is_saved_within_a_second(qtbot: Any, window: Any, home: Path) -> None:
    window.new_charter()
    type_text(window.findChild(object, "field_organisation_name"), "Zoë Autosave")
    started = time.monotonic()
    with Library(library_path(home)) as reader:

        def saved() -> bool:
            rows = reader.charters("zoë")
            return bool(rows) and rows[0].organisation == "Zoë Autosave"

        qtbot.waitUntil(saved, timeout=1000)
    assert time.monotonic() - started <= AUTOSAVE_MS / 1000 + 0.5


def test_restart_returns_to_the_same_step_and_text(
    qtbot: Any, make_window: Any, prompter: Any
) -> None:
    first = make_window()
    first.new_charter()
    for name, text in (
        ("field_organisation_name", "Acme Ltd"),
        ("field_organisation_sector", "Retail"),
        ("field_organisation_jurisdictions", "European Union"),
    ):
        qtbot.keyClicks(first.findChild(object, name), text)
    qtbot.keyClicks(first.findChild(object, "field_meta_effective_date").line, "2027-01-01")
    first.wizard.button(QWizard.WizardButton.NextButton).click()
    type_text(first.findChild(object, "field_executive_person_name"), "Jürgen Half")
    first.close()

    second = make_window()
    qtbot.waitUntil(lambda: second.wizard is not None, timeout=5000)
    assert second.wizard.currentId() == 1
    assert second.findChild(object, "field_executive_person_name").text() == "Jürgen Half"
    # Back keeps what was typed on the first step.
    second.wizard.back()
    assert second.findChild(object, "field_organisation_name").text() == "Acme Ltd"


def test_closing_the_charter_starts_on_the_library_next_time(qtbot: Any, make_window: Any) -> None:
    first = make_window()
    first.new_charter()
    qtbot.keyClicks(first.findChild(object, "field_organisation_name"), "Closed Ltd")
    first.close_charter()
    first.close()
    second = make_window()
    assert second.wizard is None
    assert second.start.model.rows[0].organisation == "Closed Ltd"


def _harness(mode: str, home: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "CHARTER_BUILDER_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "desktop.testing_harness", mode],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_mid_edit_loses_at_most_the_last_second(home: Path) -> None:
    typing = _harness("type", home)
    assert typing.stdout is not None
    typed_at: list[float] = []
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = typing.stdout.readline()
            if not line:
                break
            if line.startswith("CHAR"):
                typed_at.append(time.monotonic())
                if len(typed_at) == 30:
                    break
        assert len(typed_at) == 30, typing.stderr.read() if typing.stderr else ""
    finally:
        killed_at = time.monotonic()
        typing.send_signal(signal.SIGKILL)
        typing.wait(10)

    report = _harness("report", home)
    out, err = report.communicate(timeout=30)
    lines = [line for line in out.splitlines() if line.startswith("REPORT ")]
    assert lines, err
    state = json.loads(lines[-1][len("REPORT ") :])
    assert state["open"] is True
    assert state["step"] == 1
    assert state["organisation"] == ORGANISATION
    assert state["field_executive_person_name"] == EXECUTIVE
    title = state["field_executive_person_title"]
    assert TITLE.startswith(title)
    # Everything typed more than a second before the kill survived.
    safe = sum(1 for t in typed_at if t <= killed_at - 1.0)
    assert len(title) >= safe, (len(title), safe)
