"""Translations: Qt's own catalogue for the wizard's buttons, ours from resources/ when present."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QWizard

from desktop import app as app_module
from desktop.mnemonics import strip
from tests.desktop.test_export import child
from tests.wizards.factories import complete_charter
from wizards.steps import Step

ROOT = Path(__file__).resolve().parents[2]
GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)

BUTTONS = """
import json
from desktop.app import create_application
from desktop.prompter import Prompter
from desktop.wizard import CharterWizard
from PySide6.QtWidgets import QWizard
from tests.wizards.factories import complete_charter

app = create_application([])
wizard = CharterWizard(complete_charter(), Prompter())
buttons = QWizard.WizardButton
print(json.dumps({
    name: wizard.button(getattr(buttons, name)).text()
    for name in ("BackButton", "NextButton", "FinishButton", "HelpButton")
}))
"""


def test_pyside_ships_qts_own_german_catalogue() -> None:
    assert (Path(app_module.qt_translations()) / "qtbase_de.qm").is_file()


def test_with_a_german_system_the_wizard_buttons_are_german(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update(
        LANG="de_DE.UTF-8",
        QT_QPA_PLATFORM="offscreen",
        CHARTER_BUILDER_HOME=str(tmp_path),
    )
    done = subprocess.run(
        [sys.executable, "-c", BUTTONS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    texts = json.loads(done.stdout.strip().splitlines()[-1])
    assert texts == {
        "BackButton": "< &Zurück",
        "NextButton": "&Weiter >",
        "FinishButton": "&Fertig",
        "HelpButton": "Hilfe (F1)",
    }


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """German as the default language, with a catalogue of ours compiled into a folder."""
    folder = tmp_path / "translations"
    folder.mkdir()
    source = folder / "charter_builder_de.ts"
    source.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="de_DE">'
        "<context><name>ExportPage</name><message><source>Charter as PDF (.pdf)</source>"
        "<translation>Charta als PDF (.pdf)</translation></message></context></TS>",
        encoding="utf-8",
    )
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run(
        [str(lrelease), str(source), "-qm", str(folder / "charter_builder_de.qm")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    monkeypatch.setattr(app_module, "our_translations", lambda: str(folder))
    system = QLocale()
    QLocale.setDefault(GERMAN)
    yield folder
    QLocale.setDefault(system)
    instance = QCoreApplication.instance()
    assert instance is not None
    monkeypatch.undo()
    app_module.install_translations(instance)


def test_our_catalogue_is_loaded_beside_qts(german: Path, qtbot: Any, make_window: Any) -> None:
    window = make_window()  # creating the application installs the German catalogues
    app = QCoreApplication.instance()
    assert app is not None
    assert app.property("translators") == 2
    window.open_charter(complete_charter(), int(Step.EXPORT), event="created")
    # The Alt-letter is handed out per screen, so compare the words.
    assert strip(child(window, "export_pdf").text()) == "Charta als PDF (.pdf)"
    assert window.wizard.button(QWizard.WizardButton.BackButton).text() == "< &Zurück"


def test_installing_again_replaces_the_catalogues(german: Path) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    first = app_module.install_translations(app)
    again = app_module.install_translations(app)
    assert first == again
    assert [Path(f).name for f in again] == ["charter_builder_de.qm", "qtbase_de.qm"]
    assert QCoreApplication.translate("QWizard", "&Next >") == "&Weiter >"
    english = app_module.install_translations(app, QLocale(QLocale.Language.English))
    assert "charter_builder_de.qm" not in " ".join(english)
    assert QCoreApplication.translate("QWizard", "&Next >") == "&Next >"
    assert QCoreApplication.translate("ExportPage", "Charter as PDF (.pdf)") == (
        "Charter as PDF (.pdf)"
    )
