"""The application's look: one style sheet, sized from the base font (larger-text mode)."""

from __future__ import annotations


def style_sheet(base_pt: float) -> str:
    """The style sheet for a base font of ``base_pt`` points."""
    heading = round(base_pt * 1.9, 1)
    subheading = round(base_pt * 1.15, 1)
    welcome = round(base_pt * 1.15, 1)
    return f"""
QLabel[role="heading"] {{ font-size: {heading}pt; font-weight: 600; color: #1f3a5f; }}
QLabel[role="subheading"] {{ font-size: {subheading}pt; font-weight: 600; color: #1f3a5f; }}
QLabel[role="welcome"] {{ font-size: {welcome}pt; color: #2d3748; }}
QLabel[role="hint"] {{ color: #4a5568; }}
QLabel[role="error"] {{ color: #b3261e; font-weight: 600; }}
QLabel[role="why"] {{
    background: #eef4fb; border: 1px solid #c5d7ee; border-radius: 6px; padding: 10px;
    color: #1d2433;
}}
QGroupBox {{ margin-top: 14px; padding-top: 6px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; color: #1f3a5f; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QTableWidget[invalid="true"],
QComboBox[invalid="true"], QSpinBox[invalid="true"], QListWidget[invalid="true"] {{
    border: 2px solid #b3261e; border-radius: 3px;
}}
QPushButton[role="primary"] {{ font-weight: 600; }}
QPushButton[look="large"] {{ padding: 7px 16px; }}
QListWidget#stepList {{ border: none; background: #f3f5f8; padding: 6px; }}
QListWidget#stepList::item {{ padding: 6px 8px; border-radius: 4px; }}
QListWidget#stepList::item:selected {{ background: #1f3a5f; color: white; }}
"""
