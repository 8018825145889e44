"""The governance catalogue: its entries, and what a malformed one is told."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from wizards import catalogues
from wizards.catalogues import GOVERNANCE_KINDS, CatalogueError, catalogue_path


def test_every_kind_has_entries_and_every_principle_an_indicator() -> None:
    assert {g.kind for g in catalogues.governance()} == set(GOVERNANCE_KINDS)
    covered = {k for g in catalogues.governance("indicator") for k in g.principle_keys}
    assert covered == set(catalogues.principles())
    terms = {g.label for g in catalogues.governance("definition")}
    assert {"AI system", "High-risk AI system", "AI incident", "Serious incident"} <= terms
    assert "Appetite level" in terms


def test_texts_speak_of_the_organisation_not_we() -> None:
    import re

    for entry in catalogues.governance():
        for text in (entry.text, entry.evidence):
            assert not re.search(r"\b(we|our|us)\b", text, re.IGNORECASE), entry.key
            assert "shall" not in text, entry.key


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    target = tmp_path / "resources" / "catalogues"
    shutil.copytree(catalogue_path("governance.json").parent, target)
    monkeypatch.setattr(
        catalogues, "resource_path", lambda *parts: tmp_path.joinpath("resources", *parts)
    )
    catalogues.clear_cache()
    yield target
    monkeypatch.undo()
    catalogues.clear_cache()


def _unknown_placeholder(doc: dict[str, Any]) -> None:
    doc["entries"][0]["text"] = "Used by {company}."


def _indicator_without_owner(doc: dict[str, Any]) -> None:
    first = next(i for i, e in enumerate(doc["entries"]) if e["kind"] == "indicator")
    doc["entries"][first]["owner"] = ""
    doc["__path"] = f"$.entries[{first}]"


def _unknown_principle(doc: dict[str, Any]) -> None:
    first = next(i for i, e in enumerate(doc["entries"]) if e["kind"] == "indicator")
    doc["entries"][first]["principle_keys"] = ["oecd-9"]
    doc["__path"] = f"$.entries[{first}].principle_keys"


def _unknown_kind(doc: dict[str, Any]) -> None:
    doc["entries"][1]["kind"] = "policy"


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (_unknown_placeholder, "$.entries[0].text", "unknown placeholder 'company'"),
        (_indicator_without_owner, "", "needs its evidence and an owner"),
        (_unknown_principle, "", "unknown principle 'oecd-9'"),
        (_unknown_kind, "$.entries[1].kind", "unknown kind 'policy'"),
    ],
)
def test_a_malformed_entry_is_named_with_its_place(
    folder: Path, change: Callable[[dict[str, Any]], None], path: str, words: str
) -> None:
    file = folder / "governance.json"
    doc = json.loads(file.read_text(encoding="utf-8"))
    change(doc)
    path = doc.pop("__path", path)
    file.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        catalogues.governance()
    error = caught.value
    assert error.file == "governance.json"
    messages = {p.path: p.message for p in error.problems}
    assert path in messages and words in messages[path], messages
