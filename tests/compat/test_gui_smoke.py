"""A short GUI smoke test: a new charter, typed into from the keyboard, reaches the model."""

from __future__ import annotations

import sys
from typing import Any

import PySide6

from tests.desktop.keyboard import Keyboard


def test_new_charter_typed_from_the_keyboard(window: Any) -> None:
    keys = Keyboard()
    keys.ctrl("n")
    assert window.wizard is not None, "Ctrl+N opened no charter"
    assert keys.focus().objectName() == "field_organisation_name"

    keys.type("Gemeente Veldhoven-Zuid")
    assert keys.focus().objectName() == "field_organisation_name", "the focus left the field"
    sector = keys.tab()
    assert sector.objectName() == "field_organisation_sector", sector.objectName()
    keys.type("Local government")
    assert keys.focus() is sector, "the focus left the Sector field"

    organisation = window.wizard.charter.organisation
    assert organisation.name == "Gemeente Veldhoven-Zuid"
    assert organisation.sector == "Local government"
    assert "Gemeente Veldhoven-Zuid" in window.windowTitle()
    print(f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]}")
