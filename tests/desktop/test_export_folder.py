"""The export folder is typed or browsed, checked before anything is written, and remembered."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop.pages.export import default_folder
from tests.desktop.conftest import ScriptedPrompter
from tests.desktop.keyboard import Keyboard
from tests.wizards.factories import complete_charter
from wizards.steps import Step


def child(window: Any, name: str) -> Any:
    found = window.findChild(QWidget, name)
    assert found is not None, name
    return found


def named(name: str) -> Any:
    return lambda widget: widget.objectName() == name


def open_export(qtbot: Any, window: Any) -> Any:
    window.open_charter(complete_charter(), int(Step.EXPORT), event="created")
    assert window.wizard.currentId() == int(Step.EXPORT)
    page = window.wizard.current_page()
    window.activateWindow()
    page.export_button.setFocus(Qt.FocusReason.OtherFocusReason)  # where the walk starts
    qtbot.waitUntil(lambda: page.export_button.hasFocus())
    return page


def type_folder(keys: Keyboard, folder: str) -> None:
    keys.tab_to(named("export_folder"))
    keys.select_all_and_type(folder)


def press_export(qtbot: Any, keys: Keyboard, page: Any) -> None:
    keys.tab_to(named("export_start"))
    keys.space()
    qtbot.waitUntil(lambda: page.task is None or not page.task.running, timeout=20000)


def test_a_typed_folder_that_does_not_exist_is_created_after_asking(
    qtbot: Any, window: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    page = open_export(qtbot, window)
    target = tmp_path / "typed" / "charters"
    keys = Keyboard()
    type_folder(keys, str(target))
    assert page.folder.text() == str(target)
    prompter.answers += [True, False]  # create the folder: yes; open it now: no
    press_export(qtbot, keys, page)
    questions = [text for _kind, _title, text in prompter.kinds("question")]
    assert f"The folder {target} does not exist" in questions[0]
    assert len(list(target.iterdir())) == 3
    assert "Written to" in page.status.text()
    assert not prompter.kinds("warning")


def test_a_typed_folder_that_does_not_exist_is_not_created_when_the_user_says_no(
    qtbot: Any, window: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    page = open_export(qtbot, window)
    target = tmp_path / "typo"
    keys = Keyboard()
    type_folder(keys, str(target))
    prompter.answers.append(False)
    press_export(qtbot, keys, page)
    assert not target.exists()
    _kind, title, text = prompter.kinds("warning")[-1]
    assert title == "Export failed"
    assert f"The folder {target} does not exist; nothing was written." in text
    assert page.task is None  # nothing started


def test_an_existing_typed_folder_is_used_as_it_is(
    qtbot: Any, window: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    page = open_export(qtbot, window)
    target = tmp_path / "Zoë's charters"
    target.mkdir()
    keys = Keyboard()
    type_folder(keys, str(target))
    press_export(qtbot, keys, page)
    assert not prompter.kinds("question")[:-1]  # only "open the folder now?"
    assert len(list(target.iterdir())) == 3


def test_a_folder_where_writing_really_fails_is_refused_before_anything_is_written(
    qtbot: Any, window: Any, prompter: ScriptedPrompter, monkeypatch: pytest.MonkeyPatch
) -> None:
    # /proc exists and os.access says it is writable, also to root, but no file can be made
    # in it: a real refusal, not a simulated one, whoever runs the tests.
    import wizards.build

    started: list[Any] = []
    monkeypatch.setattr(wizards.build, "build", lambda *a, **k: started.append(a))
    page = open_export(qtbot, window)
    keys = Keyboard()
    type_folder(keys, "/proc")
    press_export(qtbot, keys, page)
    _kind, title, text = prompter.kinds("warning")[-1]
    assert title == "Export failed"
    assert "The folder /proc is read-only; choose another folder." in text
    assert page.status.text().startswith("The folder /proc is read-only")
    assert started == [] and page.task is None
    assert page.folder.hasFocus()  # back in the field to correct it


def test_a_read_only_folder_is_refused_with_the_folder_named(
    qtbot: Any,
    window: Any,
    prompter: ScriptedPrompter,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    # chmod 0o555 refuses every user but root, who runs these tests in the container; the
    # probe write is made to fail as the system fails it for a normal user (EACCES), so the
    # test means the same whoever runs it.
    target = tmp_path / "locked"
    target.mkdir()
    (target / "keep.txt").write_text("mine", encoding="utf-8")
    target.chmod(0o555)
    real = tempfile.mkstemp

    def refuse(*args: Any, **kwargs: Any) -> Any:
        if Path(str(kwargs.get("dir", ""))) == target:
            raise PermissionError(13, "Permission denied")
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    try:
        page = open_export(qtbot, window)
        keys = Keyboard()
        type_folder(keys, str(target))
        press_export(qtbot, keys, page)
        text = prompter.kinds("warning")[-1][2]
        assert f"The folder {target} is read-only; choose another folder." in text
        assert "Your answers are safe" in text
        assert sorted(p.name for p in target.iterdir()) == ["keep.txt"]
    finally:
        target.chmod(0o755)


def test_a_file_typed_as_the_folder_is_refused(
    qtbot: Any, window: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    page = open_export(qtbot, window)
    keys = Keyboard()
    type_folder(keys, str(blocker))
    press_export(qtbot, keys, page)
    assert f"{blocker} is a file, not a folder" in prompter.kinds("warning")[-1][2]
    type_folder(keys, "")
    press_export(qtbot, keys, page)
    assert "Type or choose a folder" in prompter.kinds("warning")[-1][2]
    type_folder(keys, "relative/folder")
    press_export(qtbot, keys, page)
    assert "is not a full path" in prompter.kinds("warning")[-1][2]


def test_the_folder_defaults_to_documents_then_to_the_one_last_used(
    qtbot: Any, make_window: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    first = make_window()
    page = open_export(qtbot, first)
    assert page.chosen_folder() == default_folder()
    target = tmp_path / "last-used"
    target.mkdir()
    keys = Keyboard()
    type_folder(keys, str(target))
    press_export(qtbot, keys, page)
    first.close()
    second = make_window()
    assert open_export(qtbot, second).chosen_folder() == target


def test_the_pdf_choice_is_remembered_in_a_new_window(
    qtbot: Any, make_window: Any, prompter: ScriptedPrompter
) -> None:
    first = make_window()
    page = open_export(qtbot, first)
    assert not page.charter_pdf.isChecked()
    keys = Keyboard()
    keys.tab_to(named("export_pdf"))
    keys.space()
    assert page.charter_pdf.isChecked()
    first.close()

    second = make_window()
    page = open_export(qtbot, second)
    assert page.charter_pdf.isChecked()
    keys.tab_to(named("export_pdf"))
    keys.space()
    second.close()
    assert not open_export(qtbot, make_window()).charter_pdf.isChecked()
