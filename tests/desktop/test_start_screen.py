"""The start screen and the library: list, search, examples, files, duplicate and delete."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.conftest import example_files
from tests.desktop.conftest import ScriptedPrompter, type_text
from tests.wizards.factories import complete_charter
from wizards.answers import load, save
from wizards.library import Library, library_path


def child(window: Any, name: str) -> Any:
    found = window.findChild(QWidget, name)
    assert found is not None, name
    return found


def seed(home: Path, *names: str) -> list[str]:
    """Put charters for the named organisations in the library; returns their ids."""
    ids = []
    with Library(library_path(home)) as library:
        for name in names:
            charter = complete_charter()
            charter.meta.id = f"{abs(hash(name)):032x}"[:32]
            charter.organisation.name = name
            library.save(charter, 2, event="created")
            ids.append(charter.meta.id)
    return ids


def test_first_time_user_sees_what_the_program_does(window: Any) -> None:
    welcome = child(window, "start_welcome")
    assert welcome.isVisible()
    assert "AI governance charter" in welcome.text()
    assert "Begin with a new charter" in welcome.text()
    assert child(window, "start_empty").isVisible()
    assert not child(window, "start_delete").isEnabled()


def test_library_lists_and_searches_by_organisation(
    qtbot: Any, make_window: Any, home: Path
) -> None:
    seed(home, "Nordwald Kreditbank AG", "Zoë Housing", "北海 Trading")
    window = make_window()
    assert not child(window, "start_welcome").isVisible()
    model = window.start.model
    assert model.rowCount() == 3
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Organisation"
    type_text(child(window, "start_search"), "zoë")
    assert [r.organisation for r in model.rows] == ["Zoë Housing"]
    child(window, "start_search").clear()
    type_text(child(window, "start_search"), "北海")
    assert [r.organisation for r in model.rows] == ["北海 Trading"]
    type_text(child(window, "start_search"), "xyz")
    assert model.rowCount() == 0
    assert "No organisation matches" in child(window, "start_empty").text()


def test_open_from_the_list_with_enter(qtbot: Any, make_window: Any, home: Path) -> None:
    seed(home, "Acme Ltd")
    window = make_window()
    table = child(window, "start_library")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.wizard is not None
    assert window.wizard.charter.organisation.name == "Acme Ltd"
    assert window.wizard.currentId() == 2


def test_duplicate_makes_an_independent_copy(qtbot: Any, make_window: Any, home: Path) -> None:
    (original,) = seed(home, "Acme Ltd")
    window = make_window()
    qtbot.mouseClick(child(window, "start_duplicate"), Qt.MouseButton.LeftButton)
    rows = window.start.model.rows
    assert len(rows) == 2
    copy = next(r for r in rows if r.id != original)
    assert copy.title.endswith("(copy)")
    assert window.start.selected_id() == copy.id
    assert window.library.load(copy.id).charter.organisation.name == "Acme Ltd"


def test_delete_asks_first(
    qtbot: Any, make_window: Any, home: Path, prompter: ScriptedPrompter
) -> None:
    seed(home, "Acme Ltd", "Keep Me Ltd")
    window = make_window()
    window.start.search.setText("acme")
    prompter.answers.append(False)
    qtbot.mouseClick(child(window, "start_delete"), Qt.MouseButton.LeftButton)
    assert prompter.kinds("question")[-1][1] == "Delete the charter?"
    assert "Acme Ltd" in prompter.kinds("question")[-1][2]
    assert len(window.library.charters()) == 2
    prompter.answers.append(True)
    table = child(window, "start_library")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert [r.organisation for r in window.library.charters()] == ["Keep Me Ltd"]
    assert window.library.events()[-1].kind == "deleted"


def test_open_an_example(qtbot: Any, window: Any) -> None:
    examples = example_files()
    assert examples
    window.open_example(examples[0])
    assert window.wizard is not None
    name = load(examples[0]).organisation.name
    assert window.wizard.charter.organisation.name == name
    window.close_charter()
    window.open_example(examples[0])
    window.close_charter()
    assert len(window.library.charters()) == 2  # each opening is its own charter


def test_open_a_file_and_save_it_as_a_file(
    qtbot: Any, window: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    source = tmp_path / "acme.charter.json"
    charter = complete_charter()
    charter.organisation.name = "Zoë File Ltd"
    save(charter, source)
    prompter.files.append(source)
    window.open_action.trigger()
    assert window.wizard.charter.organisation.name == "Zoë File Ltd"

    target = tmp_path / "copy"
    prompter.files.append(target)
    window.save_as_action.trigger()
    written = tmp_path / "copy.charter.json"
    assert load(written).organisation.name == "Zoë File Ltd"
    assert "zoë-file-ltd.charter.json" in prompter.kinds("save_file")[-1][2]

    # Opening the same charter again asks whether to replace the library's version.
    window.close_charter()
    prompter.answers.append(False)
    assert window.open_file(written)
    assert len(window.library.charters()) == 2


def test_broken_file_gives_a_clear_message_and_loses_nothing(
    qtbot: Any, window: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    window.open_charter(complete_charter(), 0, event="created")
    window.wizard.charter.organisation.sector = "Typed before"
    window.save_now()
    broken = tmp_path / "broken.charter.json"
    data = json.loads(complete_charter().model_dump_json())
    data["format_version"] = 1
    data["executive"]["term_months"] = "two years"
    broken.write_text(json.dumps(data), encoding="utf-8")
    assert not window.open_file(broken)
    _kind, _title, text = prompter.kinds("warning")[-1]
    assert "broken.charter.json cannot be opened" in text
    assert "$.executive.term_months" in text
    assert "Nothing was changed" in text
    assert window.wizard.charter.organisation.sector == "Typed before"
    not_json = tmp_path / "notjson.charter.json"
    not_json.write_text("{ this is not json", encoding="utf-8")
    assert not window.open_file(not_json)
    assert "not valid JSON" in prompter.kinds("warning")[-1][2]
    assert len(window.library.charters()) == 1


def test_corrupt_library_is_moved_aside_and_a_fresh_one_started(
    qtbot: Any, make_window: Any, home: Path, prompter: ScriptedPrompter
) -> None:
    home.mkdir(parents=True)
    library_path(home).write_bytes(b"this is not a database, just garbage " * 200)
    window = make_window()
    _kind, title, text = prompter.kinds("warning")[-1]
    assert title == "Library repaired"
    kept = list(home.glob("library.corrupt-*.db"))
    assert len(kept) == 1
    assert kept[0].read_bytes().startswith(b"this is not a database")
    assert str(kept[0]) in text
    window.new_charter()
    assert len(window.library.charters()) == 1
