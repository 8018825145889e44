"""Tab order that follows what the person sees: the order of the layouts, top to bottom.

Qt chains widgets in the order they were created, and moves a widget to the end of the chain when
it is put into another parent. Pages build their parts in a convenient order and reparent some of
them (the defaults button, the preview), so the creation order is not the visual order. The walk
below reads the layouts instead: a vertical box top to bottom, a horizontal box left to right, a
form row by row (label, then field), a grid in the order its cells were added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLayout, QWidget


def takes_tab_focus(widget: QWidget) -> bool:
    """True when Tab can stop on ``widget``."""
    policy = widget.focusPolicy()
    return bool(policy.value & Qt.FocusPolicy.TabFocus.value)


def layout_order(
    root: QWidget, descend: Callable[[QWidget], bool] = lambda _widget: True
) -> list[QWidget]:
    """Every widget placed in the layouts below ``root``, in the order they are seen.

    A widget comes before the widgets of its own layout, which are visited when ``descend``
    says so. Visibility is not considered: a hidden detail form keeps its place for when it is
    shown.
    """
    found: list[QWidget] = []

    def walk(layout: QLayout) -> None:
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if item is None:
                continue
            child_layout = item.layout()
            if child_layout is not None:
                walk(child_layout)
                continue
            widget = item.widget()
            if widget is None:
                continue
            found.append(widget)
            own = widget.layout()
            if own is not None and descend(widget):
                walk(own)

    layout = root.layout()
    if layout is not None:
        walk(layout)
    return found


def _is_stop(widget: QWidget) -> bool:
    # A compound widget with a focus proxy (a date field with its calendar button) is one stop:
    # Qt moves it in the chain together with the children it chains.
    if widget.focusProxy() is not None:
        return True
    return widget.layout() is None and takes_tab_focus(widget)


def widgets_in_layout_order(root: QWidget) -> list[QWidget]:
    """The widgets below ``root`` that Tab can stop on, in the order their layouts show them.

    A widget with a layout of its own (a group box, a form) stands for the widgets in that
    layout; a widget without one (a line edit, a combo box, a table) or with a focus proxy
    stands for itself.
    """
    return [w for w in layout_order(root, descend=lambda w: w.focusProxy() is None) if _is_stop(w)]


def chain(widgets: Iterable[QWidget | None]) -> None:
    """Make Tab go through ``widgets`` in the given order (None entries are left out)."""
    previous: QWidget | None = None
    for widget in widgets:
        if widget is None:
            continue
        if previous is not None:
            QWidget.setTabOrder(previous, widget)
        previous = widget


@contextmanager
def focus_kept() -> Iterator[None]:
    """Put the keyboard focus back where it was after work that makes Qt move it.

    QWizard hides and re-shows its pages whenever it lays itself out again (a new style sheet
    or font, for one), and Qt hands the focus of a hidden widget to the next one in the chain.
    """
    before = QApplication.focusWidget()
    try:
        yield
    finally:
        if before is not None and QApplication.focusWidget() is not before:
            try:
                if before.isVisible() and before.isEnabled():
                    before.setFocus(Qt.FocusReason.OtherFocusReason)
            except RuntimeError:  # the widget is gone
                pass
