"""The answers file: schema, loading with JSON paths, newer formats refused, atomic save."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.wizards.factories import complete_charter
from wizards.answers import AnswersError, dumps, load, loads, save, schema
from wizards.model import FORMAT_VERSION, Charter


def problems(text: str) -> list[str]:
    with pytest.raises(AnswersError) as caught:
        loads(text, "client.charter.json")
    assert "client.charter.json" in str(caught.value)
    return [str(p) for p in caught.value.problems]


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    charter = complete_charter()
    path = save(charter, tmp_path / "a.charter.json")
    assert load(path) == charter


def test_written_file_validates_against_the_printed_schema() -> None:
    jsonschema.validate(json.loads(dumps(complete_charter())), schema())


def test_schema_rejects_what_loading_rejects() -> None:
    data = json.loads(dumps(complete_charter()))
    data["board"]["pattern"]["months"] = [13]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())
    assert problems(json.dumps(data)) == [
        "$.board.pattern.months[0]: Input should be less than or equal to 12"
    ]


def test_malformed_json_names_line_and_column() -> None:
    (problem,) = problems('{"format_version": 1,\n "meta": {,}}')
    assert "line 2, column" in problem


def test_wrong_types_are_all_reported_with_paths() -> None:
    text = json.dumps(
        {
            "format_version": 1,
            "executive": {"person": {"name": 5}},
            "organisation": {"systems": [{"risk_class": "scary"}]},
            "surprise": True,
        }
    )
    found = problems(text)
    assert any(p.startswith("$.executive.person.name:") for p in found)
    assert any(p.startswith("$.organisation.systems[0].risk_class:") for p in found)
    assert any(p.startswith("$.surprise:") for p in found)


def test_newer_format_is_refused_clearly() -> None:
    (problem,) = problems(json.dumps({"format_version": FORMAT_VERSION + 1}))
    assert "newer Charter Builder" in problem


@pytest.mark.parametrize("text", ["[]", '"charter"', "{}", '{"format_version": "1"}'])
def test_not_a_charter(text: str) -> None:
    assert problems(text)


def test_missing_sections_load_as_empty_and_validation_names_them() -> None:
    charter = loads('{"format_version": 1, "organisation": {"name": "Only a name"}}')
    assert charter.organisation.name == "Only a name"
    assert charter.executive.person.name == ""


def test_text_longer_than_the_limit_is_refused_with_its_path() -> None:
    data = json.loads(dumps(complete_charter()))
    data["executive"]["person"]["name"] = "x" * 301
    (problem,) = problems(json.dumps(data))
    assert problem.startswith("$.executive.person.name:")


def test_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(AnswersError, match="cannot be read"):
        load(tmp_path / "missing.charter.json")
    bad = tmp_path / "latin1.charter.json"
    bad.write_bytes('{"format_version": 1, "meta": {"author": "Zoë"}}'.encode("latin-1"))
    with pytest.raises(AnswersError, match="not UTF-8"):
        load(bad)


def test_failed_save_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = save(complete_charter(), tmp_path / "a.charter.json")
    before = path.read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    changed = complete_charter()
    changed.organisation.name = "Changed"
    with pytest.raises(OSError):
        save(changed, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.charter.json"]


text_strategy = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60
)  # any script, controls included


@settings(max_examples=60, deadline=None)
@given(name=text_strategy, statement=text_strategy, version=text_strategy)
def test_any_text_round_trips(name: str, statement: str, version: str) -> None:
    charter = complete_charter()
    charter.organisation.name = name
    charter.risk.statement = statement
    charter.meta.version = version
    assert loads(dumps(charter)) == charter


def test_empty_charter_round_trips() -> None:
    charter = Charter()
    assert loads(dumps(charter)) == charter
