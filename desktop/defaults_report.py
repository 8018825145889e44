"""What "Fill with suggested defaults" filled, in words for the user."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from wizards.presets import Filled

_CONTEXT = "Defaults"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _words(text: str) -> str:
    # The field words come from the model (wizards.field_names), in English; a catalogue may
    # translate them under this context.
    return QCoreApplication.translate("FieldNames", text)


def filled_phrase(filled: Filled) -> str:
    """One filled answer in words: 'the reporting line', '3 risk categories'."""
    from wizards.field_names import field_noun, item_noun

    plural = _words(field_noun(filled.path))
    if not (filled.added or filled.completed):
        return _tr("the {field}").format(field=plural)
    single = _words(item_noun(filled.path))
    parts = []
    if filled.added:
        noun = single if filled.added == 1 else plural
        parts.append(_tr("{n} {items}").format(n=filled.added, items=noun))
    if filled.completed:
        noun = single if filled.completed == 1 else plural
        template = (
            _tr("blank parts of {n} more {items}")
            if filled.added
            else _tr("blank parts of {n} {items}")
        )
        parts.append(template.format(n=filled.completed, items=noun))
    return _tr(" and ").join(parts)


def filled_text(filled: Sequence[Filled], *, every_step: bool) -> str:
    """The message after filling: what was filled, by step when every step was filled."""
    from wizards.steps import Step

    if not filled:
        if every_step:
            return _tr(
                "Nothing was filled: every answer that has a suggested default is already given."
            )
        return _tr(
            "Nothing was filled: every answer on this step that has a suggested default is "
            "already given."
        )
    if not every_step:
        phrases = ", ".join(filled_phrase(f) for f in filled)
        return _tr("Filled: {what}.").format(what=phrases)
    lines = [_tr("Filled:")]
    for step in Step:
        mine = [filled_phrase(f) for f in filled if f.step is step]
        if mine:
            title = QCoreApplication.translate("Steps", step.title)
            lines.append(_tr("• {step}: {what}.").format(step=title, what=", ".join(mine)))
    return "\n".join(lines)
