"""The "confirm with counsel" markers follow the team's fact sheet, one entry at a time.

The fact sheet behind the catalogues lives outside the repository; what it says about each
entry is written down here as data, in our own words. A catalogue entry is marked unverified
exactly when the sheet leaves its fact open; every other entry carries no marker, because a
marker where none is needed teaches readers to skip the ones that matter.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from tests.conftest import example_files
from tests.wizards.factories import complete_charter
from wizards.answers import load
from wizards.catalogues import catalogue_path
from wizards.model import AiSystem, Charter, RiskClass, SystemRole
from wizards.render import render_charter

# What the fact sheet leaves open, by catalogue and entry (id or key), with why. The sheet:
# - tags what the 2026 omnibus changed in Arts. 17, 27 and 72 as not confirmed;
# - tags the Art. 111(3) transition for GPAI models already on the market as not re-checked;
# - tags the reading that Annex III serious-incident reporting starts on 2 Dec 2027 as an
#   interpretation to confirm with counsel;
# - records that sources disagree on the reference point of DORA's 72-hour and one-month
#   reports (check Art. 6 of the RTS);
# - tags the list of Australia's eight AI ethics principles as not confirmed.
# It confirms against the official text, among others: the Art. 73(2)-(4) deadlines (15, 2 and
# 10 days), Art. 26(5) (a risk: without undue delay, and suspend use; a serious incident: the
# provider first, immediately), the NIS2 Art. 23(4) stages, GDPR Arts. 33-34, Art. 55(1)(c),
# the Art. 113 dates, Art. 4 as replaced, and the DORA initial notice (4 hours, 24 at most).
OPEN_ON_THE_SHEET: dict[str, dict[str, str]] = {
    "references.json": {
        "EU AI Act Art. 17(1)(i)": "omnibus changes to Art. 17 not confirmed",
        "EU AI Act Art. 17(1)(m)": "omnibus changes to Art. 17 not confirmed",
        "EU AI Act Art. 27": "omnibus changes to Art. 27 not confirmed",
        "EU AI Act Art. 72": "omnibus changes to Art. 72 not confirmed",
        "EU AI Act Art. 111(3)": "GPAI transition not re-checked against the amended text",
        "DORA Art. 19": "sources disagree on the reference point of the later reports",
        "Australia AI Ethics Principles": "the list of eight principles not confirmed",
    },
    "regulatory_clocks.json": {
        "dora-intermediate": "sources disagree on the reference point of the 72 hours",
        "dora-final": "sources disagree on the reference point of the month",
    },
    "calendar.json": {
        "fria-review": "omnibus changes to Art. 27 not confirmed",
        "post-market-monitoring-review": "omnibus changes to Art. 72 not confirmed",
        "ai-act-gpai-legacy": "GPAI transition not re-checked against the amended text",
        "ai-act-annex-iii-incident-reporting": "start of Annex III reporting is an interpretation",
    },
}

SETTLED_ON_THE_SHEET = {
    "references.json": [
        "EU AI Act Art. 26(5)",
        "EU AI Act Art. 73(2)",
        "EU AI Act Art. 73(3)",
        "EU AI Act Art. 73(4)",
        "EU AI Act Art. 55(1)(c)",
        "EU AI Act Art. 113",
        "GDPR Art. 33",
        "NIS2 Art. 23(4)",
    ],
    "regulatory_clocks.json": [
        "ai-act-26-5-serious-incident",
        "ai-act-26-5-risk",
        "ai-act-73-2",
        "ai-act-73-3",
        "ai-act-73-4",
        "nis2-early-warning",
        "nis2-notification",
        "nis2-final-report",
        "dora-initial",
        "gdpr-33",
    ],
}


def _entries(name: str) -> dict[str, dict[str, Any]]:
    data = json.loads(catalogue_path(name).read_text(encoding="utf-8"))
    return {entry.get("id") or entry["key"]: entry for entry in data["entries"]}


@pytest.mark.parametrize("name", sorted(OPEN_ON_THE_SHEET))
def test_a_catalogue_marks_unverified_exactly_what_the_sheet_leaves_open(name: str) -> None:
    flagged = {key for key, entry in _entries(name).items() if entry.get("unverified")}
    assert flagged == set(OPEN_ON_THE_SHEET[name])


@pytest.mark.parametrize("name", sorted(SETTLED_ON_THE_SHEET))
def test_what_the_sheet_confirms_carries_no_marker(name: str) -> None:
    entries = _entries(name)
    for key in SETTLED_ON_THE_SHEET[name]:
        assert key in entries, key
        assert not entries[key].get("unverified"), key


def test_a_risk_under_art_26_5_is_reported_without_undue_delay_not_immediately() -> None:
    clocks = _entries("regulatory_clocks.json")
    risk, serious = clocks["ai-act-26-5-risk"], clocks["ai-act-26-5-serious-incident"]
    assert risk["deadline"].startswith("Without undue delay")
    assert "suspend" in risk["deadline"]
    assert serious["deadline"].startswith("Immediately")
    assert "provider first" in serious["notify"].casefold()


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name.split(".")[0])
def test_no_example_reports_a_risk_immediately(path: Any) -> None:
    for clock in load(path).incidents.clocks:
        if clock.deadline.casefold().startswith("immediately"):
            assert not re.search(r"\ba risk\b", clock.trigger), clock.key


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _text(charter: Charter) -> str:
    parser = _Text()
    parser.feed(render_charter(charter))
    return re.sub(r"\s+", " ", "".join(parser.parts))


def _sentence_with(text: str, words: str) -> str:
    start = text.index(words)
    return text[text.rfind(". ", 0, start) + 2 : text.index(").", start) + 2]


def test_the_fundamental_rights_impact_assessment_carries_the_marker() -> None:
    lender = next(load(p) for p in example_files() if p.name.startswith("eu-lender"))
    sentence = _sentence_with(_text(lender), "must assess the effect on people's fundamental")
    assert "retail credit scoring" in sentence
    assert "(EU AI Act Art. 27;" in sentence and "confirm with counsel)" in sentence


def test_a_public_body_is_told_of_the_assessment_with_the_marker() -> None:
    charter = complete_charter()
    charter.organisation.public_service = True
    charter.organisation.systems.append(
        AiSystem(
            name="Benefit eligibility checker",
            role=SystemRole.DEPLOYER,
            risk_class=RiskClass.HIGH,
            annex_iii_point="5(a)",
        )
    )
    sentence = _sentence_with(_text(charter), "must assess the effect on people's fundamental")
    assert "benefit eligibility checker" in sentence
    assert "confirm with counsel" in sentence


def test_a_board_item_citing_an_unverified_provision_carries_the_marker() -> None:
    lender = next(load(p) for p in example_files() if p.name.startswith("eu-lender"))
    text = _text(lender)
    assert "Fundamental-rights impact assessment: credit scoring(confirm with counsel)" in text
    assert "Quarterly AI risk report(confirm with counsel)" not in text


def test_the_appendix_no_longer_doubts_the_art_73_deadlines() -> None:
    lender = next(load(p) for p in example_files() if p.name.startswith("eu-lender"))
    text = _text(lender)
    appendix = text[text.index("Appendix A") :]
    for para in ("73(2)", "73(3)", "73(4)"):
        row = appendix[appendix.index(f"EU AI Act Art. {para}") :][:300]
        assert "confirm with counsel" not in row.split("EU AI Act Art.", 2)[1]


# ------------------------------------------------------------------ Appendix A


def _appendix(charter: Charter) -> tuple[str, str]:
    """Appendix A's provisions that apply, and its list of those considered and not applicable."""
    text = _text(charter)
    start = text.index("Appendix A. Framework references")
    appendix = text[start : text.index("Appendix B. Incident role cards", start)]
    applies, _, considered = appendix.partition("Considered and not applicable")
    return applies, considered


def _example(stem: str) -> Charter:
    return next(load(p) for p in example_files() if p.name.startswith(stem))


PROVIDER_ONLY = ("EU AI Act Art. 16", "EU AI Act Art. 17(1)(m)", "EU AI Act Art. 9(5)")


def test_a_small_charity_that_deploys_tools_cites_only_what_binds_it() -> None:
    applies, considered = _appendix(_example("charity"))
    for ref in ("DORA Art. 19", "NIS2 Art. 23(4)", "EU AI Act Art. 55(1)(c)", *PROVIDER_ONLY):
        assert ref not in applies, ref
        assert ref in considered, ref
    assert "EU AI Act Art. 26(5)" not in applies  # no high-risk system in use
    assert "GDPR Art. 33" in applies
    assert "Why it applies: the organisation's AI systems process personal data." in applies
    assert "Not applicable: the organisation is not a financial entity under DORA." in considered
    assert "ISO/IEC 42001 are voluntary frameworks that the charter follows" in applies
    assert "Why it applies: voluntary" not in applies  # said once, not on forty rows
    assert "UK AI regulation principles" not in applies + considered  # not drawn on: not listed


def test_the_lender_cites_dora_and_its_deployer_duties_not_the_providers() -> None:
    applies, considered = _appendix(_example("eu-lender"))
    assert "DORA Art. 19" in applies and "NIS2 Art. 23(4)" in considered
    assert "the organisation deploys a high-risk AI system (retail credit scoring)" in applies
    assert "EU AI Act Art. 27" in applies
    for ref in PROVIDER_ONLY:
        assert ref in considered, ref


def test_a_public_body_deploying_an_annex_iii_system_cites_article_27() -> None:
    charter = complete_charter()
    charter.organisation.public_service = True
    charter.organisation.systems[0].risk_class = RiskClass.HIGH
    charter.organisation.systems[0].annex_iii_point = "5(a)"
    applies, _ = _appendix(charter)
    assert "EU AI Act Art. 27" in applies
    assert "an assessment is due before the first use of repairs triage assistant" in applies
    charter.organisation.public_service = False
    applies, considered = _appendix(charter)
    assert "EU AI Act Art. 27" not in applies and "EU AI Act Art. 27" in considered


def test_outside_the_eu_the_ai_act_is_considered_and_not_applicable() -> None:
    charter = complete_charter()
    charter.organisation.jurisdictions = ["United Kingdom"]
    applies, considered = _appendix(charter)
    assert "EU AI Act Art." not in applies
    assert "none of the jurisdictions in section 1 is in the EU or the EEA" in considered
