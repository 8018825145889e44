"""The application's look: one style sheet, sized from the base font (larger-text mode).

Every control that takes the keyboard focus shows it with a thick border in ``FOCUS``, so a room
can follow the cursor on a projector. Each control keeps the same border plus padding in every
state, so gaining the focus or a problem never makes it jump in size. A problem is drawn red on
a pale red ground; the focus is blue, so a control that is both shows both.
"""

from __future__ import annotations

FOCUS = "#1160d0"
"""The focus colour: a strong blue, 5.6:1 against white, far from the red of a problem."""

INVALID = "#b3261e"
INVALID_GROUND = "#fdeceb"
LINE = "#8894a6"
"""The border of a control without the focus: visible on a washed-out projector image."""

ACCENT = "#1f3a5f"


def _icon(name: str) -> str:
    """An icon's path as a style sheet's url() reads it (forward slashes on every system)."""
    from wizards.paths import resource_path

    return resource_path("icons", name).as_posix()


def focus_width(base_pt: float) -> int:
    """The focus border in pixels: 3 at normal sizes, more with larger text."""
    return max(3, round(base_pt * 0.3))


def style_sheet(base_pt: float) -> str:
    """The style sheet for a base font of ``base_pt`` points."""
    heading = round(base_pt * 1.9, 1)
    subheading = round(base_pt * 1.15, 1)
    welcome = round(base_pt * 1.15, 1)
    f = focus_width(base_pt)
    # Border + padding stays f + pad in every state, so nothing moves when the focus arrives.
    pad = max(2, round(base_pt * 0.25))
    field_pad = f"{pad}px {pad + 1}px"
    thin = f"{pad + f - 1}px {pad + f}px"
    button_v, button_h = max(3, round(base_pt * 0.35)), max(10, round(base_pt * 1.1))
    radius = 4
    fields = "QLineEdit, QPlainTextEdit, QTextBrowser, QSpinBox, QComboBox, QDateEdit"
    views = "QTableView, QTreeView, QListView"
    return f"""
QLabel[role="heading"] {{ font-size: {heading}pt; font-weight: 600; color: {ACCENT}; }}
QLabel[role="subheading"] {{ font-size: {subheading}pt; font-weight: 600; color: {ACCENT}; }}
QLabel[role="welcome"] {{ font-size: {welcome}pt; color: #2d3748; }}
QLabel[role="hint"] {{ color: #4a5568; }}
QLabel[role="notice"] {{
    background: #edf7ee; border: 1px solid #b7dbbb; border-radius: 6px; padding: 6px 10px;
    color: #1d3b22;
}}
QLabel[role="caution"] {{
    background: #fff8e6; border: 1px solid #e8c66a; border-radius: 6px; padding: 6px 10px;
    color: #4a3500;
}}
QLabel[role="error"] {{ color: {INVALID}; font-weight: 600; }}
QLabel[role="why"] {{
    background: #eef4fb; border: 1px solid #c5d7ee; border-radius: 6px; padding: 10px;
    color: #1d2433;
}}
QGroupBox {{ margin-top: 14px; padding-top: 6px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; color: {ACCENT}; }}

{fields} {{
    border: 1px solid {LINE}; border-radius: {radius}px; padding: {thin};
    background: white; selection-background-color: {FOCUS}; selection-color: white;
}}
{fields.replace(", ", ":focus, ")}:focus {{
    border: {f}px solid {FOCUS}; padding: {field_pad};
}}
QLineEdit:read-only {{ background: #f3f5f8; }}
QLineEdit:disabled, QPlainTextEdit:disabled, QSpinBox:disabled, QComboBox:disabled {{
    background: #eceff3; color: #6b7482;
}}
QSpinBox QLineEdit, QComboBox QLineEdit, QSpinBox QLineEdit:focus, QComboBox QLineEdit:focus {{
    border: none; padding: 0; background: transparent;
}}
QComboBox::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 22px;
    border: none; border-left: 1px solid #c3ccd8;
}}
QComboBox::down-arrow {{ image: url("{_icon("arrow-down.svg")}"); width: 10px; height: 6px; }}
QComboBox QAbstractItemView {{ border: 1px solid {LINE}; padding: 0; }}
QSpinBox::up-button, QSpinBox::down-button {{
    subcontrol-origin: padding; width: 18px; border: none; border-left: 1px solid #c3ccd8;
    background: #eef1f5;
}}
QSpinBox::up-button {{ subcontrol-position: top right; }}
QSpinBox::down-button {{ subcontrol-position: bottom right; }}
QSpinBox::up-button:hover, QSpinBox::down-button:hover {{ background: #dbe5f3; }}
QSpinBox::up-arrow {{ image: url("{_icon("arrow-up.svg")}"); width: 10px; height: 6px; }}
QSpinBox::down-arrow {{ image: url("{_icon("arrow-down.svg")}"); width: 10px; height: 6px; }}

{views} {{
    border: 1px solid {LINE}; border-radius: {radius}px; padding: {f - 1}px;
    background: white; alternate-background-color: #f4f6f9;
    selection-background-color: #cfdcf0; selection-color: #1d2433;
}}
{views.replace(", ", ":focus, ")}:focus {{
    border: {f}px solid {FOCUS}; padding: 0px;
    selection-background-color: {FOCUS}; selection-color: white;
}}
QTableView::item:focus, QTreeView::item:focus, QListView::item:focus {{
    border: 2px solid {ACCENT};
}}
QHeaderView::section {{
    background: #e8eef6; color: #1d2433; font-weight: 600; border: none;
    border-right: 1px solid #c3ccd8; border-bottom: 1px solid #c3ccd8; padding: 3px 6px;
}}

QCheckBox, QRadioButton {{
    outline: none; border: {f}px solid transparent; border-radius: {radius}px; padding: 1px 3px;
}}
QCheckBox:focus, QRadioButton:focus {{ border-color: {FOCUS}; background: #e9f1fc; }}
MonthsEditor QCheckBox {{ padding: 1px 0px; }}

QPushButton, QToolButton {{
    outline: none; border: 1px solid {LINE}; border-radius: {radius}px;
    padding: {button_v + f - 1}px {button_h + f - 1}px; color: #1d2433;
    background: qlineargradient(x1:0, y1:0, x2:0, y2:1, stop:0 #ffffff, stop:1 #e9edf2);
}}
QToolButton {{ padding: {button_v + f - 1}px {pad + f}px; }}
QPushButton:hover, QToolButton:hover {{ background: #eef3fa; border-color: #5c6b80; }}
QPushButton:pressed, QToolButton:pressed {{ background: #d7e2f1; }}
QPushButton:default {{ border-color: {ACCENT}; }}
QPushButton:disabled, QToolButton:disabled {{
    color: #8a93a0; background: #f1f3f6; border-color: #c8ced8;
}}
QPushButton:focus, QToolButton:focus {{
    border: {f}px solid {FOCUS}; padding: {button_v}px {button_h}px; background: #e9f1fc;
}}
QToolButton:focus {{ padding: {button_v}px {pad + 1}px; }}
QPushButton[role="primary"] {{ font-weight: 600; }}
QPushButton[look="large"] {{ padding: {7 + f - 1}px {16 + f - 1}px; }}
QPushButton[look="large"]:focus {{ padding: 7px 16px; }}

QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QSpinBox[invalid="true"],
QComboBox[invalid="true"] {{
    border: 2px solid {INVALID}; background: {INVALID_GROUND}; padding: {pad + f - 2}px
    {pad + f - 1}px;
}}
QTableView[invalid="true"], QListView[invalid="true"] {{
    border: 2px solid {INVALID}; background: {INVALID_GROUND}; padding: {f - 2}px;
}}
QLineEdit[invalid="true"]:focus, QPlainTextEdit[invalid="true"]:focus,
QSpinBox[invalid="true"]:focus, QComboBox[invalid="true"]:focus {{
    border: {f}px solid {FOCUS}; padding: {field_pad};
}}
QTableView[invalid="true"]:focus, QListView[invalid="true"]:focus {{
    border: {f}px solid {FOCUS}; padding: 0px;
}}

QListWidget#stepList {{
    border: {f}px solid transparent; border-radius: 0; background: #f3f5f8; padding: 6px;
}}
QListWidget#stepList:focus {{ border: {f}px solid {FOCUS}; padding: 6px; }}
QListWidget#stepList::item {{ padding: 6px 8px; border-radius: 4px; color: #1d2433; }}
QListWidget#stepList::item:selected {{ background: {ACCENT}; color: white; }}
QListWidget#stepList::item:focus {{ border: 2px solid {FOCUS}; }}
QListWidget#stepList::item:selected:focus {{ background: {FOCUS}; border: 2px solid {ACCENT}; }}
QScrollArea:focus {{ border: {f}px solid {FOCUS}; }}
"""
