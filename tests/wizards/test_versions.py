"""Fingerprints, the derived status, the change summary and version numbers."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from wizards.answers import load
from wizards.model import AcceptedRisk, AiSystem, Appetite, ApprovalRecord, Charter
from wizards.versions.changes import changes, is_major, next_version, summary
from wizards.versions.fingerprint import content, fingerprint, short
from wizards.versions.status import StatusKind, charter_status

EXAMPLES = sorted((ROOT / "resources" / "examples").glob("*.charter.json"))
LENDER = ROOT / "resources" / "examples" / "eu-lender-credit-scoring.charter.json"


def _approve(charter: Charter, on: dt.date = dt.date(2026, 12, 8)) -> ApprovalRecord:
    record = ApprovalRecord(
        version=charter.meta.version, approved_on=on, fingerprint=fingerprint(charter)
    )
    charter.history.append(record)
    return record


# Fingerprint -------------------------------------------------------------------------------


def test_the_fingerprint_ignores_the_record_of_approval_and_nothing_else() -> None:
    charter = load(LENDER)
    before = fingerprint(charter)
    charter.approvals.clear()
    charter.history.append(ApprovalRecord(version="9.9"))
    charter.resolution.reference = "Minute 12/2026"
    charter.meta.id = "0" * 32
    charter.meta.version = "7.0"
    charter.meta.include_findings = not charter.meta.include_findings
    assert fingerprint(charter) == before
    charter.organisation.sector += "."
    assert fingerprint(charter) != before
    assert len(before) == 64 and short(before) == " ".join([before[:4], before[4:8], before[8:12]])


def test_a_field_added_by_a_later_version_leaves_approvals_intact(tmp_path: Path) -> None:
    """A file written before a field existed has the same fingerprint once the field exists."""
    import json

    charter = load(LENDER)
    data = json.loads(LENDER.read_text(encoding="utf-8"))
    for role in data["incidents"]["roles"]:  # as a file from before the contact fields
        role.pop("phone", None)
        role.pop("out_of_hours", None)
    older = tmp_path / "older.charter.json"
    older.write_text(json.dumps(data), encoding="utf-8")
    assert fingerprint(load(older)) == fingerprint(charter)
    charter.incidents.roles[0].phone = "+49 30 1234567"
    assert fingerprint(charter) != fingerprint(load(older))


def test_the_fingerprint_is_the_same_after_a_round_trip_through_the_file(tmp_path: Path) -> None:
    from wizards.answers import save

    charter = load(LENDER)
    path = tmp_path / "again.charter.json"
    save(charter, path)
    assert fingerprint(load(path)) == fingerprint(charter)


# Status ------------------------------------------------------------------------------------


def test_status_follows_the_content_approve_edit_undo() -> None:
    charter = load(LENDER)
    charter.history.clear()
    assert charter_status(charter).kind is StatusKind.DRAFT
    assert charter_status(charter).label() == "Draft for approval"
    _approve(charter)
    status = charter_status(charter)
    assert status.approved
    assert status.label() == "Approved as version 1.0 on 8 December 2026"
    sector = charter.organisation.sector
    charter.organisation.sector = "Something else"
    status = charter_status(charter)
    assert status.kind is StatusKind.CHANGED
    assert status.label() == "Draft: changed since the approval of version 1.0 on 8 December 2026"
    charter.organisation.sector = sector
    assert charter_status(charter).approved


def test_an_expired_acceptance_puts_the_charter_back_under_review() -> None:
    charter = load(LENDER)
    charter.history.clear()
    charter.accepted_risks.append(
        AcceptedRisk(
            rule="executive-halt",
            summary="No one can halt credit scoring at once",
            reason="Contract renegotiation",
            owner="Dr Katharina Brandt",
            accepted_by="Risk Committee",
            accepted_on=dt.date(2026, 12, 8),
            expires=dt.date(2027, 6, 30),
        )
    )
    _approve(charter)
    assert charter_status(charter, today=dt.date(2027, 6, 30)).approved
    lapsed = charter_status(charter, today=dt.date(2027, 7, 1))
    assert lapsed.kind is StatusKind.LAPSED
    assert "expired on 30 June 2027" in lapsed.label()


# Change summary ----------------------------------------------------------------------------


def test_the_summary_names_each_kind_of_change_in_words() -> None:
    old = load(LENDER)
    new = old.model_copy(deep=True)
    new.incidents.roles[0].deputy = "Lena Horvath"
    new.risk.categories[1].appetite = Appetite.MINIMAL
    new.organisation.systems.append(AiSystem(name="Claims triage", risk_class="high"))
    removed = new.ethics.principles.pop(0)
    new.risk.prohibited_uses.append("Emotion recognition at work")
    words = [c.words for c in changes(old, new)]
    label = old.risk.categories[1].label
    assert f"Risk appetite for {label}: Cautious → Minimal" in words
    assert "Deputy incident commander: Sophie Gruber → Lena Horvath" in words
    assert "New AI system: Claims triage (High-risk)" in words
    assert f"Principle removed: {removed.title}" in words
    assert "Prohibited use added: Emotion recognition at work" in words
    assert len(words) == 5


def test_a_reordered_list_is_a_minor_change_and_equal_charters_have_none() -> None:
    old = load(LENDER)
    assert changes(old, old.model_copy(deep=True)) == []
    assert summary([]) == "No change of content."
    new = old.model_copy(deep=True)
    new.incidents.roles.reverse()
    new.risk.categories.reverse()
    found = changes(old, new)
    assert [c.words for c in found] == [
        "Risk categories: order changed",
        "Incident roles: order changed",
    ]
    assert not is_major(found)


def test_version_numbers_bump_major_for_a_decision_minor_otherwise() -> None:
    old = load(LENDER)
    wording = old.model_copy(deep=True)
    wording.organisation.sector = "Retail banking"
    found = changes(old, wording)
    assert found and not is_major(found)
    assert next_version("1.0", found) == "1.1"
    assert next_version("1.4", found) == "1.5"
    decision = old.model_copy(deep=True)
    decision.executive.deputy.name = "Someone New"
    found = changes(old, decision)
    assert is_major(found)
    assert next_version("1.4", found) == "2.0"
    assert next_version("draft A", found) == "2.0"
    assert next_version("draft A", changes(old, wording)) == "draft A.1"


def _leaves(data: Any, path: str = "$") -> list[tuple[str, Any]]:
    if isinstance(data, dict):
        return [leaf for key, value in data.items() for leaf in _leaves(value, f"{path}.{key}")]
    if isinstance(data, list):
        if data and all(not isinstance(v, (dict, list)) for v in data):
            return [(path, data)]
        return [leaf for i, value in enumerate(data) for leaf in _leaves(value, f"{path}[{i}]")]
    return [(path, data)]


def _set(charter: Charter, path: str, value: Any) -> Charter:
    data = charter.model_dump(mode="json")
    target: Any = data
    tokens = [t for t in path.removeprefix("$").replace("[", ".[").split(".") if t]
    for token in tokens[:-1]:
        target = target[int(token[1:-1])] if token.startswith("[") else target[token]
    last = tokens[-1]
    if last.startswith("["):
        target[int(last[1:-1])] = value
    else:
        target[last] = value
    return Charter.model_validate(data)


def _changed(value: Any, rng: random.Random) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1 if value < 5 else value - 1
    if isinstance(value, float):
        return value + 1.0
    if isinstance(value, list):
        return [*value, value[0]] if value and isinstance(value[0], str) else value[:-1]
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        day = dt.date.fromisoformat(value)
        return (day + dt.timedelta(days=1)).isoformat()
    return f"{value} changed {rng.randint(0, 99)}"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name.split(".")[0])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000))
def test_any_changed_answer_is_named_in_the_summary(example: Path, seed: int) -> None:
    old = load(example)
    rng = random.Random(seed)
    leaves = [(p, v) for p, v in _leaves(content(old)) if v not in (None, "", [])]
    path, value = rng.choice(leaves)
    try:
        new = _set(old, path, _changed(value, rng))
    except ValueError:  # the changed value is not valid there (e.g. past a maximum)
        return
    if fingerprint(new) == fingerprint(old):
        return
    found = changes(old, new)
    assert found, path
    # The change is reported at the field, or at the record or list that holds it.
    assert any(path.startswith(c.path) or c.path.startswith(path) for c in found), (
        path,
        [c.path for c in found],
    )
    assert all(c.words and "None" not in c.words for c in found)
