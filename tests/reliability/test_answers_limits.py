"""Items 5 and 6 of issue 8: answers files too deep, too large or with too many entries.

Each is refused up front with one message that names the file and the place (the JSON path),
by the command line (exit code 2) and by the loader the desktop's Open uses.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.helpers import assert_clear, complete_data, run_cli, write_answers
from wizards.answers import MAX_DEPTH, MAX_FILE_BYTES, AnswersError, load, loads, schema
from wizards.model import LIST_MAX


def _nested(depth: int, opener: str = "[", closer: str = "]") -> str:
    return opener * depth + closer * depth


DEEP_TEXTS: dict[str, str] = {
    "100,000 lists at the top": _nested(100_000),
    "100,000 lists in a field": '{"format_version": 1, "meta": {"title": '
    + _nested(100_000)
    + "}}",
    "100,000 objects": '{"a": ' * 100_000 + "1" + "}" * 100_000,
    "just past the limit, in a list of the model": '{"format_version": 1, "approvals": '
    + _nested(MAX_DEPTH + 1)
    + "}",
    "a thousand levels, under Python's recursion limit": '{"format_version": 1, "x": '
    + _nested(900)
    + "}",
}


@pytest.mark.parametrize("name", list(DEEP_TEXTS))
def test_deep_nesting_is_refused_up_front(name: str, tmp_path: Path) -> None:
    file = tmp_path / "deep.charter.json"
    file.write_text(DEEP_TEXTS[name], encoding="utf-8")
    with pytest.raises(AnswersError) as caught:
        load(file)
    assert "nested more than" in str(caught.value)
    code, _out, err = run_cli("validate", file)
    assert_clear(code, err, file.name, "nested more than")


def test_the_charters_own_nesting_is_well_within_the_depth_limit() -> None:
    data = complete_data()

    def depth(value: Any) -> int:
        if isinstance(value, dict):
            return 1 + max((depth(v) for v in value.values()), default=0)
        if isinstance(value, list):
            return 1 + max((depth(v) for v in value), default=0)
        return 0

    assert depth(data) * 3 < MAX_DEPTH


SIZES: dict[str, Callable[[Path], Path]] = {
    "spaces past the limit": lambda folder: _sized(folder, MAX_FILE_BYTES + 1),
    "a sparse file of 4 GB": lambda folder: _sized(folder, 4 * 1024**3, sparse=True),
    "a long prose field past the limit": lambda folder: write_answers(
        folder, {"format_version": 1, "meta": {"title": "x" * (MAX_FILE_BYTES + 10)}}
    ),
}


def _sized(folder: Path, size: int, sparse: bool = False) -> Path:
    path = folder / "large.charter.json"
    with path.open("wb") as handle:
        handle.write(b'{"format_version": 1}')
        if sparse:
            handle.truncate(size)
        else:
            handle.write(b" " * (size - handle.tell()))
    return path


@pytest.mark.parametrize("name", list(SIZES))
def test_oversized_files_are_refused_before_they_are_read(name: str, tmp_path: Path) -> None:
    file = SIZES[name](tmp_path)
    code, _out, err = run_cli("check", file)
    assert_clear(code, err, file.name, "too large")


def test_oversized_text_is_refused_by_the_text_loader_too() -> None:
    with pytest.raises(AnswersError, match="too large"):
        loads(" " * (MAX_FILE_BYTES + 1), "library draft")


LISTS = (
    "organisation.systems",
    "organisation.jurisdictions",
    "risk.categories",
    "ethics.principles",
    "incidents.roles",
    "incidents.severities",
    "board.items",
    "approvals",
)


@pytest.mark.parametrize("where", LISTS)
def test_lists_past_the_limit_are_refused_with_their_path(where: str, tmp_path: Path) -> None:
    data = complete_data()
    *parents, last = where.split(".")
    target = data
    for part in parents:
        target = target[part]
    entry = target[last][0] if target[last] else "x"
    target[last] = [entry] * (LIST_MAX + 1)
    file = write_answers(tmp_path, data)
    code, _out, err = run_cli("validate", file)
    assert_clear(code, err, file.name, f"$.{where}", f"at most {LIST_MAX}")


@pytest.mark.parametrize("where", LISTS)
def test_the_schema_states_every_list_limit(where: str) -> None:
    printed = schema()
    definitions = printed["$defs"]
    node: dict[str, Any] = printed
    for part in where.split("."):
        prop = node["properties"][part]
        node = definitions[prop["$ref"].rsplit("/", 1)[-1]] if "$ref" in prop else prop
    assert node.get("maxItems") == LIST_MAX


def test_a_list_at_the_limit_is_read(tmp_path: Path) -> None:
    data = complete_data()
    data["incidents"]["roles"] = [
        {**data["incidents"]["roles"][0], "key": f"r{i}", "person": f"P {i}"}
        for i in range(LIST_MAX)
    ]
    file = tmp_path / "long.charter.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    assert len(load(file).incidents.roles) == LIST_MAX
