"""What the window does when the library cannot be written, or another program changed it."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.instance import InstanceLock
from tests.desktop.conftest import ScriptedPrompter
from tests.desktop.keyboard import Keyboard, letter_of
from tests.wizards.factories import complete_charter
from wizards.library import Library, library_path

CHARTER_ID = "c" * 32


def _seed(home: Path) -> Path:
    path = library_path(home)
    with Library(path) as library:
        charter = complete_charter()
        charter.meta.id = CHARTER_ID
        charter.organisation.name = "Seeded Org"
        library.save(charter, 0, event="created")
    return path


def _set_user_version(path: Path, version: int) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(f"PRAGMA user_version = {version}")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_newer_library_opens_read_only_says_so_and_try_again_reopens_it(
    qtbot: Any, make_window: Any, home: Path, prompter: ScriptedPrompter
) -> None:
    path = _seed(home)
    _set_user_version(path, 99)
    before = _digest(path)
    window = make_window()
    _kind, title, text = prompter.kinds("warning")[-1]
    assert title == "Library open read-only"
    assert "newer version of Charter Builder" in text
    assert "Save as file" in text
    assert window.start.notice_bar.isVisibleTo(window)
    assert "newer version" in window.start.library_notice.text()
    assert "read-only" in window.windowTitle()
    # The charters are shown; opening and reading one asks nothing.
    assert window.start.model.rowCount() == 1
    window.start.table.setFocus()
    keyboard = Keyboard()
    keyboard.enter()
    qtbot.waitUntil(lambda: window.wizard is not None, timeout=5000)
    assert isinstance(QApplication.focusWidget(), QLineEdit)
    window.save_now()
    assert not [w for w in prompter.kinds("warning") if w[1] == "Not saved"]
    # Typing is never saved over the newer file, and says so once.
    keyboard.type("X")
    window.save_now()
    warnings = [w for w in prompter.kinds("warning") if w[1] == "Not saved"]
    assert len(warnings) == 1 and "newer version" in warnings[0][2]
    window.save_now()
    assert len([w for w in prompter.kinds("warning") if w[1] == "Not saved"]) == 1
    # Closing offers a file for the changes the library could not take.
    kept = home.parent / "kept.charter.json"
    prompter.answers = [True]
    prompter.files = [kept]
    window.close_charter()
    assert prompter.kinds("question")[-1][1] == "Changes not saved"
    assert window.wizard is None
    assert 'X"' in kept.read_text(encoding="utf-8")
    assert _digest(path) == before
    # The newer program is gone (the file is this version's again): Try again opens it.
    _set_user_version(path, 1)
    keyboard.alt(letter_of(window.start.retry_button))
    qtbot.waitUntil(lambda: window._library is not None, timeout=5000)
    assert window.library.read_only is None
    assert not window.start.notice_bar.isVisibleTo(window)
    assert "read-only" not in window.windowTitle()


def _edit_elsewhere(home: Path, sector: str) -> None:
    with Library(library_path(home)) as other:
        charter = other.load(CHARTER_ID).charter
        charter.organisation.sector = sector
        other.save(charter)


def _open_and_edit(qtbot: Any, window: Any, sector: str) -> None:
    window.open_from_library(CHARTER_ID)
    qtbot.waitUntil(lambda: window.wizard is not None, timeout=5000)
    window.wizard.charter.organisation.sector = sector


def _conflict(qtbot: Any, make_window: Any, home: Path, prompter: Any, choice: int) -> Any:
    """A window whose open charter another program changed; saving answers ``choice``."""
    _seed(home)
    window = make_window()
    _open_and_edit(qtbot, window, "Mine")
    _edit_elsewhere(home, "Theirs")
    prompter.choices = [choice]
    window.save_now()
    return window


def test_a_conflict_kept_as_a_copy_keeps_both_versions(
    qtbot: Any, make_window: Any, home: Path, prompter: ScriptedPrompter
) -> None:
    window = _conflict(qtbot, make_window, home, prompter, 0)
    _kind, title, text = prompter.kinds("choose")[-1]
    assert title == "Changed by another program"
    assert "Seeded Org" in text and "overwrite" in text
    with Library(library_path(home)) as library:
        rows = {s.id: s for s in library.charters()}
        assert library.load(CHARTER_ID).charter.organisation.sector == "Theirs"
        copies = [i for i in rows if i != CHARTER_ID]
        assert len(copies) == 1
        assert library.load(copies[0]).charter.organisation.sector == "Mine"
    assert window.wizard.charter.meta.id == copies[0]


def test_a_conflict_kept_as_mine_replaces_theirs_and_open_theirs_shows_it(
    qtbot: Any, make_window: Any, home: Path, prompter: ScriptedPrompter
) -> None:
    window = _conflict(qtbot, make_window, home, prompter, 1)
    with Library(library_path(home)) as library:
        assert library.load(CHARTER_ID).charter.organisation.sector == "Mine"
        assert len(library.charters()) == 1
    window.wizard.charter.organisation.sector = "Mine again"
    _edit_elsewhere(home, "Theirs again")
    prompter.choices = [2]
    window.save_now()
    assert window.wizard.charter.organisation.sector == "Theirs again"
    with Library(library_path(home)) as library:
        assert library.load(CHARTER_ID).charter.organisation.sector == "Theirs again"


def test_a_second_start_finds_the_lock_and_wakes_the_first(qtbot: Any, tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = InstanceLock(home)
    assert first.acquire()
    woken: list[bool] = []
    first.on_wake(lambda: woken.append(True))
    second = InstanceLock(home)
    assert not second.acquire()
    assert "process" in second.holder()
    second.wake_running()
    qtbot.waitUntil(lambda: bool(woken), timeout=5000)
    first.release()
    third = InstanceLock(home)
    assert third.acquire()
    third.release()


def test_a_user_folder_that_cannot_be_made_does_not_block_the_start(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert InstanceLock(blocker / "home").acquire()
