"""The regulators catalogue: every place it names is one the readiness check knows, every member
state has its data-protection authority, and the check and the charter name them where they fit."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES
from tests.wizards.factories import complete_charter
from wizards import catalogues
from wizards.answers import load
from wizards.catalogues import REGULATOR_KINDS, CatalogueError, catalogue_path
from wizards.model import RegulatoryClock
from wizards.readiness import check
from wizards.readiness.jurisdictions import (
    PLACES,
    clock_kind,
    generic,
    named_authorities,
    suggestion,
)


def _entries() -> list[dict[str, Any]]:
    return json.loads(catalogue_path("regulators.json").read_text(encoding="utf-8"))["entries"]


def test_every_regulator_names_places_the_jurisdiction_table_knows() -> None:
    known = {p.key for p in PLACES}
    for entry in _entries():
        assert entry["places"], entry["key"]
        assert set(entry["places"]) <= known, entry["key"]


def test_every_member_state_and_the_eea_have_one_data_protection_authority() -> None:
    states = {p.key for p in PLACES if p.eu} | {"norway", "iceland", "liechtenstein"}
    assert len(states) == 30
    by_place: dict[str, list[str]] = {}
    for entry in catalogues.regulators("data_protection"):
        for place in entry.places:
            by_place.setdefault(place, []).append(entry.label)
    assert states <= set(by_place)
    assert all(len(labels) == 1 for labels in by_place.values())
    assert by_place["ireland"] == ["Data Protection Commission"]
    assert by_place["uk"] == ["Information Commissioner's Office (ICO)"]


def test_the_four_charity_regulators_cover_the_uk_and_ireland() -> None:
    places = {place: e.label for e in catalogues.regulators("charity") for place in e.places}
    assert places == {
        "england": "Charity Commission for England and Wales",
        "wales": "Charity Commission for England and Wales",
        "scotland": "Office of the Scottish Charity Regulator (OSCR)",
        "northern-ireland": "Charity Commission for Northern Ireland",
        "ireland": "Charities Regulator",
    }


def test_only_what_the_fact_sheet_leaves_open_is_marked_unverified() -> None:
    # The sheet supports the AI Act's market surveillance duty but names no national
    # designation; every other kind rests on a duty the sheet confirms and the authority's name.
    for entry in catalogues.regulators():
        assert entry.unverified is (entry.kind == "market_surveillance"), entry.key
        assert entry.kind in REGULATOR_KINDS


def test_each_catalogue_clock_goes_to_the_kind_of_authority_that_receives_it() -> None:
    clocks = catalogues.regulatory_clocks()
    kinds = {c.key: clock_kind(RegulatoryClock(**_clock(c))) for c in clocks}
    assert kinds["gdpr-33"] == "data_protection"
    assert {kinds[k] for k in ("dora-initial", "dora-intermediate", "dora-final")} == {"financial"}
    assert {
        kinds[k]
        for k in ("ai-act-26-5-risk", "ai-act-26-5-serious-incident", "ai-act-73-2", "ai-act-73-4")
    } == {"market_surveillance"}
    assert kinds["ai-act-55-1-c"] is None  # the AI Office, not a national authority
    assert kinds["nis2-early-warning"] is None


def _clock(entry: catalogues.ClockEntry) -> dict[str, Any]:
    return {"key": entry.key, "regime": entry.regime, "notify": entry.notify}


def test_an_addressee_that_names_an_authority_is_not_generic() -> None:
    assert generic("The competent data protection supervisory authority")
    assert generic("Market surveillance authority of the Member State where it occurred")
    assert not generic("BaFin")
    assert not generic("Lead supervisory authority (LfDI Baden-Württemberg)")
    assert not generic("The competent authority in Ireland")
    assert not generic("The Data Protection Commission as the competent authority")


def test_a_malformed_regulators_file_names_the_file_and_the_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "resources" / "catalogues"
    shutil.copytree(catalogue_path("regulators.json").parent, target)
    path = target / "regulators.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["entries"][3]["kind"] = "tax"
    doc["entries"][5]["places"] = doc["entries"][4]["places"]
    path.write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.setattr(
        catalogues, "resource_path", lambda *parts: tmp_path.joinpath("resources", *parts)
    )
    catalogues.clear_cache()
    try:
        with pytest.raises(CatalogueError) as caught:
            catalogues.regulators()
        assert caught.value.file == "regulators.json"
        assert caught.value.path == "$.entries[3].kind"
        assert "unknown kind 'tax'" in caught.value.problem
        doc["entries"][3]["kind"] = "data_protection"
        path.write_text(json.dumps(doc), encoding="utf-8")
        catalogues.clear_cache()
        with pytest.raises(CatalogueError, match=r"entries\[5\]\.places.*more than once"):
            catalogues.regulators()
    finally:
        monkeypatch.undo()
        catalogues.clear_cache()


# ------------------------------------------------------------------ the readiness check


def test_the_charity_is_told_which_regulator_hears_of_incidents_in_ireland() -> None:
    findings = check(load(EXAMPLES / "charity-generative-ai.charter.json"))
    (finding,) = [f for f in findings if f.rule == "jurisdiction-no-regulator"]
    assert finding.message.endswith(
        "nobody is named to tell in Ireland. In Ireland, a charity's serious incidents are "
        "reported to the Charities Regulator."
    )


def test_a_place_no_clock_covers_is_told_its_authorities() -> None:
    charter = complete_charter()
    charter.organisation.jurisdictions = ["Ireland", "United Kingdom"]
    charter.incidents.clocks = [
        RegulatoryClock(key="gdpr-33", regime="GDPR Art. 33", notify="Data Protection Commission")
    ]
    (finding,) = [f for f in check(charter) if f.rule == "jurisdiction-no-regulator"]
    assert "lists United Kingdom among its jurisdictions" in finding.message
    assert finding.message.endswith(
        "In the United Kingdom, personal-data breaches are notified to the Information "
        "Commissioner's Office (ICO)."
    )


def test_a_suggestion_names_only_the_kinds_asked_for_and_only_known_places() -> None:
    assert suggestion("Germany", ["financial"]) == (
        "In Germany, major ICT-related incidents under DORA are reported to the Federal "
        "Financial Supervisory Authority (BaFin)."
    )
    assert "; confirm with counsel)" in suggestion("Germany", ["market_surveillance"])
    assert suggestion("Atlantis", ["data_protection"]) == ""
    assert suggestion("Austria", ["market_surveillance"]) == ""


# ------------------------------------------------------------------ the charter


def _lender_clocks() -> tuple[list[str], list[RegulatoryClock]]:
    lender = load(EXAMPLES / "eu-lender-credit-scoring.charter.json")
    return lender.organisation.jurisdictions, lender.incidents.clocks


def test_a_generic_addressee_is_named_for_each_of_the_organisations_places() -> None:
    places, clocks = _lender_clocks()
    by_key = {c.key: named_authorities(c, places) for c in clocks}
    assert by_key["ai-act-73-2"] == [
        ("In Germany", "Federal Network Agency (Bundesnetzagentur; confirm with counsel)"),
        (
            "In the Netherlands",
            "Autoriteit Persoonsgegevens, with the Dutch Authority for Digital Infrastructure "
            "(RDI; confirm with counsel)",
        ),
    ]  # no authority is known for Austria, and no other country is listed
    assert by_key["dora-initial"] == []  # "BaFin" is named already
    assert by_key["gdpr-33"] == []  # the lead authority is named in brackets


def test_the_clock_table_names_the_authorities_and_no_others() -> None:
    from wizards.render import render_charter

    charter = complete_charter()
    charter.organisation.jurisdictions = ["Ireland", "France"]
    charter.incidents.clocks = [
        RegulatoryClock(
            key="gdpr-33",
            regime="GDPR Art. 33",
            deadline="72 hours",
            hours=72,
            notify="The competent data protection supervisory authority",
        )
    ]
    html = render_charter(charter)
    table = html[html.index("Regulatory clocks") :]
    table = unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", table[: table.index("</ul>")])))
    assert (
        "Where a clock above leaves the data-protection supervisory authority unnamed, it is, "
        "for the jurisdictions in section 1:" in table
    )
    assert "In Ireland: Data Protection Commission" in table
    assert "In France: Commission nationale de l'informatique et des libertés (CNIL)" in table
    assert "Garante" not in html and "Datatilsynet" not in html


def test_the_lender_is_told_its_market_surveillance_authorities_once() -> None:
    from wizards.render import render_charter

    html = unescape(render_charter(load(EXAMPLES / "eu-lender-credit-scoring.charter.json")))
    assert html.count("Federal Network Agency (Bundesnetzagentur") == 1
    assert html.count("leaves the market surveillance authority unnamed") == 1
