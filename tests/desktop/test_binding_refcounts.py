"""The Qt binding keeps its references to None, True and False while a person types.

PySide6-Essentials 6.12.0 on Python 3.10 and 3.11 drops a reference to None (or True) on every
void Qt call; after a few thousand keystrokes the count reaches zero and the interpreter aborts
with ``Fatal Python error: none_dealloc``. pyproject.toml keeps that release out, and this test
catches the next binding that does the same: it types 5,000 characters through the keyboard,
as a person does, and checks that the reference counts of the three singletons stay put.

On Python 3.12 and later the singletons are immortal and their counts never move; the test
still checks that the typing reached the model there.
"""

from __future__ import annotations

import gc
import sys
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.desktop.keyboard import Keyboard

CHARACTERS = 5_000
CHUNK = 100  # the field is cleared after each chunk, so it stays a sane length
CHECK_EVERY = 10  # chunks between two counts (a count needs a full garbage collection)
TOLERANCE = 200
"""Allowed drift of a count; with the leak it falls by about two per Qt call, thousands here."""


def _counts() -> dict[str, int]:
    gc.collect()
    return {
        "None": sys.getrefcount(None),
        "True": sys.getrefcount(True),
        "False": sys.getrefcount(False),
    }


def _drift(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {name: after[name] - before[name] for name in before}


def _chunk(n: int) -> str:
    """A different 100-character line for each chunk, with letters, digits and punctuation."""
    words = f"Chunk {n:03d}: Gemeente Veldhoven-Zuid, sector 7/B & co. "
    return (words * 3)[:CHUNK]


def test_typing_5000_characters_keeps_none_true_and_false_referenced(window: Any) -> None:
    keys = Keyboard()
    keys.ctrl("n")
    assert window.wizard is not None, "Ctrl+N opened no charter"
    field = keys.focus()
    assert field.objectName() == "field_organisation_name", field.objectName()
    charter = window.wizard.charter

    # Warm up: the first keystrokes create caches (fonts, validators, the preview) for good.
    keys.type(_chunk(0))
    keys.select_all_and_type("")
    QApplication.processEvents()
    before = _counts()

    typed = 0
    n = 0
    while typed < CHARACTERS:
        n += 1
        text = _chunk(n)
        keys.type(text)
        typed += len(text)
        assert keys.focus() is field, f"the focus left the field after chunk {n}"
        assert charter.organisation.name == text, f"chunk {n} did not reach the model"
        if n % CHECK_EVERY == 0:
            # Check as we go: with the leak the interpreter aborts before the loop would end.
            drift = _drift(before, _counts())
            assert all(abs(d) < TOLERANCE for d in drift.values()), (
                f"reference counts moved by {drift} after {typed} characters typed; "
                f"the Qt binding leaks references ({_binding()})"
            )
        keys.ctrl("a")
        keys.press(Qt.Key.Key_Backspace)
        assert charter.organisation.name == ""

    QApplication.processEvents()
    drift = _drift(before, _counts())
    assert all(abs(d) < TOLERANCE for d in drift.values()), (
        f"reference counts moved by {drift} after {typed} characters; leak in {_binding()}"
    )
    assert typed >= CHARACTERS
    assert keys.content >= CHARACTERS


def _binding() -> str:
    import PySide6

    return f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]}"
