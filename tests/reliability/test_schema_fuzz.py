"""Item 4 of issue 8: answers files generated from the printed JSON Schema never end in exit 1.

hypothesis-jsonschema draws documents that the schema (``charter-builder schema``) allows;
``validate``, ``check`` and ``build --allow-incomplete`` each either succeed or refuse the file
with a message (exit codes 0, 2 or 3), never with an unexpected error. The default run draws
a few dozen charters; the soak run (``make soak``) draws many more.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from tests.reliability.helpers import run_cli
from wizards.answers import schema

# Lists and texts of generated charters stay short: the limits have their own trials, and a
# small document explores the values (dates, numbers, enums, empty lists) far faster.
_SMALL = {"maxItems": 3, "maxLength": 40}


def _shrunk(node: Any) -> Any:
    """The schema with every list limit and text length cut down for generation."""
    if isinstance(node, dict):
        out = {key: _shrunk(value) for key, value in node.items()}
        if out.get("type") == "array":
            out["maxItems"] = min(out.get("maxItems", _SMALL["maxItems"]), _SMALL["maxItems"])
        if out.get("type") == "string" and "format" not in out and "enum" not in out:
            out["maxLength"] = min(out.get("maxLength", _SMALL["maxLength"]), _SMALL["maxLength"])
        return out
    if isinstance(node, list):
        return [_shrunk(value) for value in node]
    return node


def _generation_schema() -> dict[str, Any]:
    printed = schema()
    printed.pop("$id", None)
    printed.pop("$schema", None)
    printed["properties"].pop("$schema", None)
    printed["properties"]["format_version"] = {"const": 1}
    return _shrunk(printed)


CHARTERS = from_schema(_generation_schema())


def _never_unexpected(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        folder = Path(tmp)
        file = folder / "fuzz.charter.json"
        file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        for argv in (
            ("validate", file),
            ("check", file),
            ("build", file, "--out", folder / "out", "--allow-incomplete"),
        ):
            code, _out, err = run_cli(*argv)
            assert code in (0, 2, 3), (argv[0], err, data)
            assert "unexpected error" not in err, (argv[0], err, data)


_SETTINGS = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "database": None,
}


@settings(max_examples=30, **_SETTINGS)  # type: ignore[arg-type]
@given(data=CHARTERS)
def test_charters_the_schema_allows_never_end_in_an_unexpected_error(data: dict[str, Any]) -> None:
    _never_unexpected(data)


@pytest.mark.soak
@settings(max_examples=600, **_SETTINGS)  # type: ignore[arg-type]
@given(data=CHARTERS)
def test_many_charters_the_schema_allows(data: dict[str, Any]) -> None:
    _never_unexpected(data)


@settings(max_examples=30, **_SETTINGS)  # type: ignore[arg-type]
@given(
    data=CHARTERS,
    nth=st.sampled_from([-1, 1, 5]),
    months=st.lists(st.integers(1, 12), max_size=12),
    day=st.dates(),
)
def test_meeting_patterns_and_dates_never_end_in_an_unexpected_error(
    data: dict[str, Any], nth: int, months: list[int], day: dt.date
) -> None:
    board = data.setdefault("board", {})
    board["pattern"] = {**board.get("pattern", {}), "nth": nth, "months": months}
    data.setdefault("meta", {})["effective_date"] = day.isoformat()
    _never_unexpected(data)
