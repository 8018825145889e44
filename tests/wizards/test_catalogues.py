"""Integrity of the content catalogues and the loader's answers to malformed files."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from wizards import catalogues, presets
from wizards.catalogues import CatalogueError
from wizards.model import Appetite, Cadence, Phase
from wizards.paths import resource_path

CATALOGUE_DIR = resource_path("catalogues")
FILES = sorted(p.name for p in CATALOGUE_DIR.glob("*.json"))


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    catalogues.clear_cache()
    yield
    catalogues.clear_cache()


def _entries_with_nested(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for i, entry in enumerate(doc["entries"]):
        yield f"entries[{i}]", entry
        for j, nested in enumerate(entry.get("principles", [])):
            yield f"entries[{i}].principles[{j}]", nested


# --------------------------------------------------------------------------- files


def test_the_expected_catalogues_exist() -> None:
    expected = {
        "appetite_scale.json",
        "calendar.json",
        "frameworks.json",
        "incident_roles.json",
        "principles.json",
        "references.json",
        "regulatory_clocks.json",
        "risk_categories.json",
        "severities.json",
    }
    assert expected <= set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_file_is_pretty_printed_utf8_with_the_documented_shape(name: str) -> None:
    text = (CATALOGUE_DIR / name).read_text(encoding="utf-8")
    doc = json.loads(text)
    assert text == json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    assert doc["catalogue"] == name.removesuffix(".json")
    dt.date.fromisoformat(doc["as_of"])
    assert doc["entries"]


@pytest.mark.parametrize("name", FILES)
def test_every_entry_has_label_source_and_as_of(name: str) -> None:
    doc = json.loads((CATALOGUE_DIR / name).read_text(encoding="utf-8"))
    for where, entry in _entries_with_nested(doc):
        for key in ("label", "source", "as_of"):
            assert isinstance(entry.get(key), str) and entry[key].strip(), f"{name} {where}.{key}"
        assert dt.date.fromisoformat(entry["as_of"]) <= dt.date.fromisoformat(doc["as_of"])
        if entry.get("unverified"):
            assert entry.get("note", "").strip(), f"{name} {where} says unverified but not why"


def test_all_catalogues_load() -> None:
    catalogues.load_all()


# --------------------------------------------------------------------------- principles


def test_principle_sets_and_counts() -> None:
    sets = {s.key: s for s in catalogues.principle_sets()}
    assert catalogues.principle_sets()[0].key == "oecd", "OECD is the default set and comes first"
    counts = {key: len(s.principles) for key, s in sets.items()}
    assert counts["oecd"] == 5
    assert counts["hleg"] == 7
    assert counts["uk"] == 5
    assert counts["au"] == 8
    assert counts["sg"] >= 1
    assert [p.key for p in sets["oecd"].principles] == [f"oecd-1.{i}" for i in range(1, 6)]
    assert "2024" in sets["oecd"].source


def test_principle_keys_are_unique_across_sets_and_entries_complete() -> None:
    keys = [p.key for s in catalogues.principle_sets() for p in s.principles]
    assert len(keys) == len(set(keys))
    assert set(catalogues.principles()) == set(keys)
    for entry in catalogues.principles().values():
        assert entry.key.startswith(f"{entry.set}-")
        assert 2 <= len(entry.commitments) <= 3
        assert entry.description.count(". ") <= 1, f"{entry.key}: one or two sentences"
        assert entry.title == entry.label


def test_australian_list_is_flagged_unverified() -> None:
    sets = {s.key: s for s in catalogues.principle_sets()}
    assert sets["au"].unverified
    assert all(p.unverified for p in sets["au"].principles)
    assert not any(p.unverified for p in sets["oecd"].principles)
    assert catalogues.references()["Australia AI Ethics Principles"].unverified


# --------------------------------------------------------------------------- risk


def test_appetite_scale_defines_every_level_in_order() -> None:
    scale = catalogues.appetite_scale()
    assert list(scale) == list(Appetite)
    assert all(text.strip() for text in scale.values())


def test_risk_categories_cover_the_issue_and_have_measurable_defaults() -> None:
    cats = {c.key: c for c in catalogues.risk_categories()}
    required = {
        "safety",
        "fairness-bias",
        "privacy",
        "security",
        "legal-regulatory",
        "reputational",
        "third-party",
        "environmental",
        "human-oversight",
        "information-integrity",
        "intellectual-property",
        "workforce",
    }
    assert required <= set(cats)
    assert cats["fairness-bias"].fundamental_rights
    assert cats["privacy"].fundamental_rights
    assert not cats["environmental"].fundamental_rights
    assert "0.8" in cats["fairness-bias"].threshold
    for cat in cats.values():
        assert set(cat.default_appetite) == set(presets.PRESETS), cat.key
        assert re.search(r"\d", cat.threshold), f"{cat.key}: threshold has no number"
        assert cat.escalation_trigger.strip()


# --------------------------------------------------------------------------- incidents


def test_severities_escalate_executive_first_and_tie_top_levels_to_serious_incidents() -> None:
    levels = catalogues.severities()
    assert [s.level for s in levels] == ["SEV-1", "SEV-2", "SEV-3", "SEV-4"]
    for sev in levels[:2]:
        assert "3(49)" in sev.description or "serious incident" in sev.description
        assert "breach" in sev.description
        assert sev.starts_clocks
        assert sev.executive_hours is not None and sev.board_hours is not None
        assert sev.executive_hours < sev.board_hours
    assert levels[0].executive_hours is not None and levels[1].executive_hours is not None
    assert levels[0].executive_hours < levels[1].executive_hours
    role_keys = {r.key for r in catalogues.incident_roles()}
    for sev in levels:
        assert set(sev.escalate_to) <= role_keys


def test_incident_roles_have_duties_per_model_phase() -> None:
    roles = {r.key: r for r in catalogues.incident_roles()}
    required = {
        "incident-commander",
        "deputy-incident-commander",
        "ai-system-owner",
        "technical-lead",
        "legal-counsel",
        "data-protection-officer",
        "communications-lead",
        "regulatory-reporting-owner",
        "accountable-executive",
        "hr",
    }
    assert required <= set(roles)
    assert [k for k, r in roles.items() if r.executive] == ["accountable-executive"]
    for role in roles.values():
        assert list(role.duties) == list(Phase), role.key
        assert all(d.strip() for d in role.duties.values())


def test_role_fallbacks_exist_and_end() -> None:
    roles = {r.key: r for r in catalogues.incident_roles()}
    for key in roles:
        seen = set()
        while key:
            assert key in roles and key not in seen, f"broken fallback chain at {key}"
            seen.add(key)
            key = roles[key].fallback


def test_regulatory_clocks_carry_the_fact_sheet_deadlines() -> None:
    clocks = {c.key: c for c in catalogues.regulatory_clocks()}
    hours = {
        "ai-act-73-2": 360,
        "ai-act-73-3": 48,
        "ai-act-73-4": 240,
        "ai-act-26-5-serious-incident": None,
        "gdpr-33": 72,
        "gdpr-34": None,
        "nis2-early-warning": 24,
        "nis2-notification": 72,
        "nis2-final-report": None,
        "dora-initial": 4,
        "dora-intermediate": 72,
        "dora-final": None,
    }
    for key, expected in hours.items():
        assert clocks[key].hours == expected, key
    assert "24 hours" in clocks["dora-initial"].deadline
    assert clocks["ai-act-26-5-serious-incident"].applies_when == "ai_act_deployer_high_risk"
    assert clocks["gdpr-33"].applies_when == "personal_data"
    assert {clocks[k].applies_when for k in ("nis2-early-warning", "dora-initial")} == {
        "nis2",
        "dora",
    }
    role_keys = {r.key for r in catalogues.incident_roles()}
    for clock in clocks.values():
        assert clock.owner_role in role_keys, clock.key
        assert clock.notify.strip() and clock.deadline.strip()


def test_article_73_deadlines_are_settled_and_the_annex_iii_start_is_flagged() -> None:
    # The fact sheet confirms the 15, 2 and 10 days against the official text; only when
    # reporting starts for Annex III systems is left to confirm, on the calendar's milestone.
    clocks = {c.key: c for c in catalogues.regulatory_clocks()}
    for key in ("ai-act-73-2", "ai-act-73-3", "ai-act-73-4"):
        assert not clocks[key].unverified
    assert not clocks["gdpr-33"].unverified
    items = {i.key: i for i in catalogues.calendar_items()}
    assert items["ai-act-annex-iii-incident-reporting"].unverified
    assert not items["ai-act-annex-iii"].unverified
    refs = catalogues.references()
    assert not refs["EU AI Act Art. 73(2)"].unverified
    assert refs["EU AI Act Art. 27"].unverified
    assert not refs["EU AI Act Art. 26(2)"].unverified


# --------------------------------------------------------------------------- calendar


def test_calendar_has_recurring_reviews_and_the_amended_ai_act_dates() -> None:
    items = {i.key: i for i in catalogues.calendar_items()}
    for key in (
        "quarterly-ai-risk-report",
        "annual-charter-review",
        "ethics-guidelines-review",
        "iso-management-review",
        "literacy-programme-review",
        "incident-tabletop",
    ):
        assert items[key].cadence is not Cadence.ONCE
    assert items["quarterly-ai-risk-report"].cadence is Cadence.QUARTERLY
    assert items["iso-management-review"].reference == "ISO/IEC 42001 9.3"
    milestones = {
        "ai-act-general-application": (dt.date(2026, 8, 2), "ai_act"),
        "ai-act-new-prohibitions": (dt.date(2026, 12, 2), "ai_act"),
        "ai-act-annex-iii": (dt.date(2027, 12, 2), "annex_iii_high_risk"),
        "ai-act-annex-i": (dt.date(2028, 8, 2), "annex_i_high_risk"),
    }
    for key, (date, condition) in milestones.items():
        assert items[key].cadence is Cadence.ONCE
        assert (items[key].date, items[key].applies_when) == (date, condition)
    for item in items.values():
        if item.cadence is Cadence.ANNUAL:
            assert item.fiscal_quarter is not None or item.date is not None


# --------------------------------------------------------------------------- frameworks


def test_framework_map_covers_every_section_and_the_named_anchors() -> None:
    fmap = catalogues.framework_map()
    assert list(fmap) == list(catalogues.SECTIONS)
    assert all(fmap[section] for section in catalogues.SECTIONS)
    used = {ref for refs in fmap.values() for ref in refs}
    named = {
        "NIST GOVERN 1.1",
        "NIST GOVERN 2.3",
        "NIST GOVERN 6.2",
        "NIST MAP 1.5",
        "NIST MANAGE 2.4",
        "NIST MANAGE 4.1",
        "NIST MANAGE 4.3",
        "ISO/IEC 42001 5.1",
        "ISO/IEC 42001 5.2",
        "ISO/IEC 42001 5.3",
        "ISO/IEC 42001 6.1.1",
        "ISO/IEC 42001 9.3",
        "ISO/IEC 42001 A.2.2",
        "ISO/IEC 42001 A.2.3",
        "ISO/IEC 42001 A.2.4",
        "ISO/IEC 42001 A.3.2",
        "ISO/IEC 42001 A.3.3",
        "ISO/IEC 42001 A.8.4",
        "EU AI Act Art. 26(2)",
        "EU AI Act Art. 73(2)",
    }
    assert named <= used
    assert "EU AI Act Art. 26(2)" in fmap["executive"]


def test_every_reference_used_anywhere_exists() -> None:
    known = catalogues.references()
    used: dict[str, str] = {}
    for section, refs in catalogues.framework_map().items():
        used.update((r, f"framework {section}") for r in refs)
    for clock in catalogues.regulatory_clocks():
        used.update((r, f"clock {clock.key}") for r in clock.references)
    for item in catalogues.calendar_items():
        used[item.reference] = f"calendar {item.key}"
    for cat in catalogues.risk_categories():
        used.update((r, f"risk {cat.key}") for r in cat.references)
    for sev in catalogues.severities():
        used.update((r, f"severity {sev.level}") for r in sev.references)
    for role in catalogues.incident_roles():
        used.update((r, f"role {role.key}") for r in role.references)
    for pset in catalogues.principle_sets():
        used[pset.reference] = f"principle set {pset.key}"
    missing = {ref: where for ref, where in used.items() if ref not in known}
    assert not missing


def test_applies_when_vocabulary_matches_the_presets_conditions() -> None:
    assert set(presets.CONDITIONS) == catalogues.APPLIES_WHEN
    used = {c.applies_when for c in catalogues.regulatory_clocks()}
    used |= {i.applies_when for i in catalogues.calendar_items()}
    assert used <= catalogues.APPLIES_WHEN


# --------------------------------------------------------------------------- helpers


def test_confirm_note() -> None:
    assert "confirm with counsel" in catalogues.confirm_note(True)
    assert catalogues.confirm_note(False) == ""
    once = catalogues.with_confirm_note("Within 72 hours", True)
    assert "confirm with counsel" in once
    assert catalogues.with_confirm_note(once, True) == once
    assert catalogues.with_confirm_note("Within 72 hours", False) == "Within 72 hours"


def test_results_are_cached_but_callers_cannot_corrupt_the_cache() -> None:
    first = catalogues.principle_sets()
    assert catalogues.principle_sets()[0] is first[0]
    first.clear()
    catalogues.references().clear()
    assert catalogues.principle_sets()
    assert catalogues.references()


def test_entries_are_read_only() -> None:
    category = catalogues.risk_categories()[0]
    role = catalogues.incident_roles()[0]
    with pytest.raises(ValidationError):
        category.label = "Changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        category.default_appetite["lean"] = Appetite.EAGER  # type: ignore[index]
    with pytest.raises(TypeError):
        role.duties[Phase.DETECT] = "Changed"  # type: ignore[index]
    assert catalogues.risk_categories()[0].label != "Changed"


# --------------------------------------------------------------------------- malformed files


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the catalogues that the loader reads instead of the real ones."""
    target = tmp_path / "resources" / "catalogues"
    shutil.copytree(CATALOGUE_DIR, target)
    monkeypatch.setattr(
        catalogues, "resource_path", lambda *parts: tmp_path.joinpath("resources", *parts)
    )
    catalogues.clear_cache()
    return target


def _edit(folder: Path, name: str, change: Callable[[dict[str, Any]], None]) -> None:
    path = folder / name
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")


def _drop_source(doc: dict[str, Any]) -> None:
    del doc["entries"][2]["source"]


def _hours_as_text(doc: dict[str, Any]) -> None:
    doc["entries"][0]["hours"] = "fifteen days"


def _bad_appetite(doc: dict[str, Any]) -> None:
    doc["entries"][1]["default_appetite"]["regulated"] = "reckless"


def _bad_phase(doc: dict[str, Any]) -> None:
    doc["entries"][0]["duties"]["investigate"] = "Look into it."


def _nested_label(doc: dict[str, Any]) -> None:
    del doc["entries"][0]["principles"][2]["label"]


def _duplicate_principle(doc: dict[str, Any]) -> None:
    doc["entries"][1]["principles"][0]["key"] = "oecd-1.3"


def _unverified_without_note(doc: dict[str, Any]) -> None:
    doc["entries"][0]["unverified"] = True


def _misspelt_field(doc: dict[str, Any]) -> None:
    doc["entries"][3]["sorce"] = doc["entries"][3].pop("source")


def _entries_not_a_list(doc: dict[str, Any]) -> None:
    doc["entries"] = {"safety": {}}


def _unknown_condition(doc: dict[str, Any]) -> None:
    doc["entries"][4]["applies_when"] = "sometimes"


def _bad_date(doc: dict[str, Any]) -> None:
    doc["entries"][-1]["date"] = "2 Aug 2028"


@pytest.mark.parametrize(
    ("name", "change", "path", "words"),
    [
        ("risk_categories.json", _drop_source, "$.entries[2].source", "missing"),
        ("regulatory_clocks.json", _hours_as_text, "$.entries[0].hours", "number"),
        (
            "risk_categories.json",
            _bad_appetite,
            "$.entries[1].default_appetite.regulated",
            "reckless",
        ),
        ("incident_roles.json", _bad_phase, "$.entries[0].duties.investigate", "phase"),
        ("principles.json", _nested_label, "$.entries[0].principles[2].label", "missing"),
        ("principles.json", _duplicate_principle, "$.entries[1].principles[0]", "oecd-1.3"),
        ("severities.json", _unverified_without_note, "$.entries[0].note", "unverified"),
        ("references.json", _misspelt_field, "$.entries[3].sorce", "unknown field"),
        ("risk_categories.json", _entries_not_a_list, "$.entries", "list"),
        ("calendar.json", _unknown_condition, "$.entries[4].applies_when", "sometimes"),
        ("calendar.json", _bad_date, "$.entries[-1].date", "YYYY-MM-DD"),
    ],
)
def test_malformed_catalogue_names_file_and_json_path(
    folder: Path,
    name: str,
    change: Callable[[dict[str, Any]], None],
    path: str,
    words: str,
) -> None:
    _edit(folder, name, change)
    if path.startswith("$.entries[-1]"):
        count = len(json.loads((folder / name).read_text(encoding="utf-8"))["entries"])
        path = path.replace("[-1]", f"[{count - 1}]")
    with pytest.raises(CatalogueError) as caught:
        catalogues.load_all()
    error = caught.value
    assert error.file == name
    messages = {p.path: p.message for p in error.problems}
    assert path in messages and words in messages[path]
    assert error.path == error.problems[0].path
    assert name in str(error) and path in str(error) and words in str(error)


def test_every_problem_of_a_file_is_named(folder: Path) -> None:
    def break_three(doc: dict[str, Any]) -> None:
        _drop_source(doc)
        _bad_appetite(doc)
        doc["entries"][5]["fundamental_rights"] = "yes"

    _edit(folder, "risk_categories.json", break_three)
    with pytest.raises(CatalogueError) as caught:
        catalogues.risk_categories()
    assert [p.path for p in caught.value.problems] == [
        "$.entries[1].default_appetite.regulated",
        "$.entries[2].source",
        "$.entries[5].fundamental_rights",
    ]
    assert "3 problems" in str(caught.value)
    assert "expected true or false, found text" in str(caught.value)


def test_every_repeated_key_is_named(folder: Path) -> None:
    def repeat_keys(doc: dict[str, Any]) -> None:
        doc["entries"][1]["key"] = doc["entries"][0]["key"]
        doc["entries"][4]["key"] = doc["entries"][3]["key"]

    _edit(folder, "risk_categories.json", repeat_keys)
    with pytest.raises(CatalogueError) as caught:
        catalogues.risk_categories()
    assert [p.path for p in caught.value.problems] == ["$.entries[1]", "$.entries[4]"]
    assert "appears more than once" in caught.value.problem


def test_invalid_json_names_file_and_line(folder: Path) -> None:
    path = folder / "severities.json"
    path.write_text(path.read_text(encoding="utf-8")[:200], encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"severities\.json.*not valid JSON.*line \d+"):
        catalogues.severities()


def test_missing_file_names_it(folder: Path) -> None:
    (folder / "references.json").unlink()
    with pytest.raises(CatalogueError, match=r"references\.json"):
        catalogues.references()


def test_wrong_catalogue_name_in_file(folder: Path) -> None:
    _edit(folder, "severities.json", lambda doc: doc.update(catalogue="roles"))
    with pytest.raises(CatalogueError) as caught:
        catalogues.severities()
    assert caught.value.path == "$.catalogue"


def test_presets_surface_catalogue_errors(folder: Path) -> None:
    from wizards.model import Charter

    _edit(folder, "risk_categories.json", _drop_source)
    with pytest.raises(CatalogueError):
        presets.apply_defaults(Charter(), "lean")
