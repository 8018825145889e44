"""One answer to one question across the charter: who may accept a risk, how lists read.

A board secretary found section 3 letting the accountable executive accept a risk beyond the
appetite while section 3.4 reserved that to the approving body. These tests read every example
charter, and the charters the presets fill, for that class of contradiction, and check that the
lists the templates introduce with a lead-in ("... the organisation:") continue its sentence.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import example_files
from tests.wizards.test_drafting import blocks
from wizards.answers import load
from wizards.model import Charter, Organisation
from wizards.presets import PRESETS, SECTORS, apply_defaults
from wizards.render import charter_context, render_charter

CHARTERS = {path.name.split(".")[0]: load(path) for path in example_files()}
for _key in PRESETS:
    CHARTERS[f"preset-{_key}"] = apply_defaults(
        Charter(organisation=Organisation(name="Preset Test Ltd")), _key
    )


def _sentences(charter: Charter) -> list[str]:
    # The charter's own wording only: the appetite statement is the organisation's free text.
    charter = charter.model_copy(deep=True)
    charter.risk.statement = ""
    text = " ".join(t for tag, t in blocks(render_charter(charter)) if tag in {"p", "li"})
    return re.split(r"(?<=[.;])\s+", text)


@pytest.mark.parametrize("charter", CHARTERS.values(), ids=CHARTERS.keys())
def test_only_the_reserved_body_accepts_a_risk_beyond_the_appetite(charter: Charter) -> None:
    acceptors = charter_context(charter)["approval"]["acceptors"]
    about_acceptance = [
        s
        for s in _sentences(charter)
        if re.search(r"\bmay (only )?(be )?accept(ed)?\b", s)
        and re.search(r"outside its threshold|beyond the appetite|\baccept it\b", s)
    ]
    assert about_acceptance, "the charter says who may accept a risk beyond the appetite"
    for sentence in about_acceptance:
        assert acceptors in sentence or "no executive may accept" in sentence, sentence
        assert not re.search(r"accepted by the (accountable|responsible) executive", sentence)


_THIRD_PERSON = re.compile(r"^[a-z]+s\b")
"""A measure continues "So that ..., the organisation:" when it opens with a verb in the third
person: "gives", "trains", "briefs", "records"."""


def test_every_preset_literacy_measure_continues_the_lead_in() -> None:
    from wizards.presets import _COMMON_LITERACY

    measures = [*_COMMON_LITERACY]
    for preset in PRESETS.values():
        measures += preset.literacy_measures
    for sector in SECTORS.values():
        measures += sector.literacy_measures
    assert measures
    for measure in measures:
        assert _THIRD_PERSON.match(measure), measure
        assert not measure.endswith("."), measure


@pytest.mark.parametrize("charter", CHARTERS.values(), ids=CHARTERS.keys())
def test_the_literacy_list_reads_as_one_sentence(charter: Charter) -> None:
    assert all(_THIRD_PERSON.match(m) for m in charter.ethics.literacy_measures)


def test_a_function_named_in_a_finding_is_written_as_inside_a_sentence() -> None:
    from wizards.readiness import check

    charter = CHARTERS["eu-lender-credit-scoring"].model_copy(deep=True)
    charter.board.assurance.third_line = "Internal audit"
    messages = [f.message for f in check(charter) if f.rule == "board-commitment-unscheduled"]
    assert any("by internal audit" in m for m in messages), messages
    assert not any("by Internal audit" in m for m in messages)
