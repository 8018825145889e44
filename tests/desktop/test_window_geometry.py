"""The window opens on screen, frame and status line included, and comes back where it was."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtGui import QScreen

from desktop.main_window import DEFAULT_SIZE, fit_window_rect

FRAME = QMargins(4, 30, 4, 4)
LAPTOP = QRect(0, 0, 1280, 800)


def test_a_first_start_on_a_1280x800_screen_leaves_room_for_the_title_bar() -> None:
    rect = fit_window_rect(None, LAPTOP, FRAME)
    framed = rect.marginsAdded(FRAME)
    assert LAPTOP.contains(framed)
    assert rect.width() == 1272 and rect.height() == 766  # shrunk, not cut off at the bottom


def test_a_first_start_on_a_big_screen_is_the_default_size_centred() -> None:
    screen = QRect(0, 0, 2560, 1440)
    rect = fit_window_rect(None, screen, FRAME)
    assert rect.size() == DEFAULT_SIZE
    assert abs(rect.center().x() - screen.center().x()) <= 4
    assert screen.contains(rect.marginsAdded(FRAME))


def test_a_saved_rect_that_still_fits_is_kept() -> None:
    saved = QRect(100, 80, 900, 600)
    assert fit_window_rect(saved, LAPTOP, FRAME) == saved


def test_a_saved_rect_off_the_screen_is_moved_back_and_centred() -> None:
    saved = QRect(1500, 900, 900, 600)  # where a second monitor used to be
    rect = fit_window_rect(saved, LAPTOP, FRAME)
    assert rect.size() == QSize(900, 600)
    assert LAPTOP.contains(rect.marginsAdded(FRAME))


def test_a_saved_rect_too_big_for_a_smaller_screen_is_shrunk() -> None:
    saved = QRect(0, 0, 1900, 1150)
    small = QRect(0, 24, 1024, 576)  # a panel at the top
    rect = fit_window_rect(saved, small, FRAME)
    assert small.contains(rect.marginsAdded(FRAME))
    assert rect.width() == 1024 - 8 and rect.height() == 576 - 34


@pytest.fixture
def small_screen(monkeypatch: pytest.MonkeyPatch) -> QRect:
    """Every screen reports a small available area (a 1024×600 netbook with a top panel)."""
    area = QRect(0, 24, 1024, 576)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(area))
    return area


def test_the_window_opens_inside_a_small_screen(
    small_screen: QRect, make_window: Callable[[], Any]
) -> None:
    window = make_window()
    assert small_screen.contains(window.geometry())
    assert window.statusBar().isVisible()
    status = window.statusBar().geometry().translated(window.geometry().topLeft())
    assert small_screen.contains(status)


def test_the_window_comes_back_where_it_was(
    make_window: Callable[[], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1920, 1080))
    first = make_window()
    first.setGeometry(QRect(60, 70, 1000, 640))
    first.close()
    second = make_window()
    assert second.geometry() == QRect(60, 70, 1000, 640)


def test_a_saved_place_that_no_longer_fits_is_fitted_and_centred(
    make_window: Callable[[], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1920, 1080))
    first = make_window()
    first.setGeometry(QRect(200, 150, 1200, 760))
    first.close()
    area = QRect(0, 0, 1024, 600)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(area))
    second = make_window()
    assert area.contains(second.geometry())
    assert abs(second.geometry().center().x() - area.center().x()) <= 4
