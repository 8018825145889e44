"""One meaning per Alt-letter on each screen.

Labels and buttons are written with the letter their author prefers (``"&Sector"``), but a screen
is put together from many parts — the menu bar, the wizard's buttons, a page's fields and its
lists — and two parts can prefer the same letter. Before a screen is shown, the letters are
handed out here in the order of importance: the menu bar first, then the wizard's buttons, then
the page's controls in the order they are seen. The letters the authors chose are handed out
first, in that order; a control whose letter is taken, or that has none, then gets the first free
letter that starts a word of its text, then any free letter of it; when none is left it gets
none, rather than a letter that means two things.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu, QMenuBar, QWidget

from desktop.tab_order import layout_order

_SOURCE = "mnemonic_source"
_ASSIGNED = "mnemonic_assigned"


def strip(text: str) -> str:
    """``text`` without its mnemonic marker (a doubled ``&&`` stays a literal ampersand)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def preferred(text: str) -> str | None:
    """The letter marked with ``&`` in ``text``, lower-cased, or None."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].lower() if text[i + 1].isalnum() else None
        i += 1
    return None


def _with_letter_at(plain: str, index: int) -> str:
    escaped = [c.replace("&", "&&") for c in plain]
    escaped[index] = "&" + escaped[index]
    return "".join(escaped)


def _candidates(plain: str) -> list[int]:
    """Positions worth a mnemonic: word starts first, then every other letter or digit."""
    usable = [i for i, c in enumerate(plain) if c.isascii() and c.isalnum()]
    starts = [i for i in usable if i == 0 or not plain[i - 1].isalnum()]
    return starts + [i for i in usable if i not in starts]


def allocate(texts: Sequence[str], taken: Iterable[str] = ()) -> list[str]:
    """Give every text its own Alt-letter, in order of priority; see the module docstring.

    Args:
        texts: labels as written, each with or without a preferred ``&`` letter.
        taken: letters already used on the screen (lower-case).

    Returns:
        The texts with their mnemonic markers set; a text that could not get a free letter is
        returned without one.
    """
    used = {letter.lower() for letter in taken}
    out: list[str | None] = [None] * len(texts)
    # First the letters the authors chose, so a field named with care keeps its letter even
    # when a control above it would have taken that letter as its fallback.
    for i, text in enumerate(texts):
        wanted = preferred(text)
        if wanted is not None and wanted not in used:
            used.add(wanted)
            out[i] = text
    for i, text in enumerate(texts):
        if out[i] is not None:
            continue
        plain = strip(text)
        for index in _candidates(plain):
            letter = plain[index].lower()
            if letter not in used:
                used.add(letter)
                out[i] = _with_letter_at(plain, index)
                break
        else:
            out[i] = plain.replace("&", "&&")
    return [text or "" for text in out]


# Widgets -------------------------------------------------------------------------------------


def _source_text(widget: QWidget, current: str) -> str:
    """The text as its author wrote it: re-read when the program has set a new text since."""
    if widget.property(_ASSIGNED) != current:
        widget.setProperty(_SOURCE, current)
    return str(widget.property(_SOURCE))


def _text(widget: QWidget) -> str:
    return widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""


def _set_text(widget: QWidget, text: str) -> None:
    if isinstance(widget, (QLabel, QAbstractButton)) and widget.text() != text:
        widget.setText(text)
    widget.setProperty(_ASSIGNED, text)


def carries_mnemonic(widget: QWidget) -> bool:
    """A label that leads to a field, or a button with words on it."""
    if isinstance(widget, QLabel):
        return widget.buddy() is not None
    if isinstance(widget, QAbstractButton):
        return any(c.isalnum() for c in widget.text())
    return False


def controls_in_layout_order(root: QWidget) -> list[QWidget]:
    """Labels with a buddy and buttons below ``root``, in the order their layouts show them."""
    return [w for w in layout_order(root) if carries_mnemonic(w)]


def menu_bar_letters(bar: QMenuBar) -> set[str]:
    """Give the menu bar's menus unique letters (and each menu's actions); return the bar's."""
    actions = [a for a in bar.actions() if not a.isSeparator()]
    titles = allocate([a.text() for a in actions])
    for action, title in zip(actions, titles, strict=True):
        action.setText(title)
        menu = action.menu()
        if isinstance(menu, QMenu):
            assign_menu(menu)
    return {letter for t in titles if (letter := preferred(t))}


def assign_menu(menu: QMenu) -> None:
    """Unique letters for the entries of one menu."""
    actions = [a for a in menu.actions() if not a.isSeparator() and a.text()]
    for action, text in zip(actions, allocate([a.text() for a in actions]), strict=True):
        if action.text() != text:
            action.setText(text)


def clear(widgets: Sequence[QWidget]) -> None:
    """Take the letters off controls that are not on screen.

    Qt looks a mnemonic up among hidden widgets too: a button on a page that is not shown still
    answers its Alt-letter and swallows the key, so a letter stays only on the screen in view.
    """
    for widget in widgets:
        _set_text(widget, strip(_source_text(widget, _text(widget))).replace("&", "&&"))


RANK = "mnemonic_rank"
"""Widget property: ``"last"`` for a control that has a key of its own (Remove is Delete, Move
up is Alt+Up) and so gets a letter only after every other control; ``"none"`` for one that is
never shown on its screen."""


def assign(widgets: Sequence[QWidget], taken: Iterable[str] = ()) -> set[str]:
    """Unique letters for ``widgets`` (in priority order); returns the letters now in use.

    Controls ranked ``"last"`` (see :data:`RANK`) are served after all the others, their
    authors' letters included; those ranked ``"none"`` get none.
    """
    used = {letter.lower() for letter in taken}
    clear([w for w in widgets if w.property(RANK) == "none"])
    for group in (
        [w for w in widgets if w.property(RANK) not in ("last", "none")],
        [w for w in widgets if w.property(RANK) == "last"],
    ):
        sources = [_source_text(w, _text(w)) for w in group]
        texts = allocate(sources, used)
        for widget, text in zip(group, texts, strict=True):
            _set_text(widget, text)
        used |= {letter for t in texts if (letter := preferred(t))}
    return used
