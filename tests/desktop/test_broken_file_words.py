"""A broken answers file is explained in words first, with the JSON path after in small print."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtGui import Qt as QtGui
from PySide6.QtGui import QTextDocument

from tests.desktop.conftest import ScriptedPrompter
from tests.wizards.factories import complete_charter


def write_broken(tmp_path: Path, name: str, change: Any) -> Path:
    data = json.loads(complete_charter().model_dump_json())
    change(data)
    path = tmp_path / f"{name}.charter.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def shown(prompter: ScriptedPrompter) -> tuple[str, str]:
    """The last warning's text as HTML and as the reader sees it."""
    _kind, title, html = prompter.kinds("warning")[-1]
    assert title == "Cannot open the file"
    assert QtGui.mightBeRichText(html)  # the message box shows it as rich text
    document = QTextDocument()
    document.setHtml(html)
    return html, document.toPlainText()


def test_a_broken_file_speaks_of_fields_in_words_then_the_path_small(
    qtbot: Any, window: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    def change(data: dict[str, Any]) -> None:
        data["board"]["pattern"] = "quarterly"
        systems = data["organisation"]["systems"]
        systems.append(dict(systems[0], risk_class="huge"))
        assert len(systems) == 2
        data["meta"]["effective_date"] = "next year"

    assert not window.open_file(write_broken(tmp_path, "broken", change))
    html, text = shown(prompter)
    assert "broken.charter.json cannot be opened" in text
    lines = text.splitlines()
    pattern = lines.index("The meeting pattern of the board calendar must be a group of answers.")
    assert lines[pattern + 1] == "$.board.pattern"  # the path follows its words
    assert "The risk class of the second AI system of the organisation must be one of" in text
    assert "The effective date of the charter details must be a date written as YYYY-MM-DD." in text
    assert "<small style='color:#4a5568'>$.organisation.systems[1].risk_class</small>" in html
    assert "instance of MeetingPattern" not in text
    assert "Input should be" not in text
    assert text.rstrip().endswith("Nothing was changed.")


def test_text_from_the_file_is_shown_as_text_not_markup(
    qtbot: Any, window: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    def change(data: dict[str, Any]) -> None:
        data["board"]["<b>colour</b>"] = "teal"

    assert not window.open_file(write_broken(tmp_path, "markup<i>", change))
    html, text = shown(prompter)
    assert "“<b>colour</b>” of the board calendar is not something Charter Builder knows" in text
    assert "<b>colour</b>" not in html


def test_a_file_that_is_not_json_is_still_explained(
    qtbot: Any, window: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    path = tmp_path / "notjson.charter.json"
    path.write_text("{ this is not json", encoding="utf-8")
    assert not window.open_file(path)
    _html, text = shown(prompter)
    assert "The file: not valid JSON" in text
