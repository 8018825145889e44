"""One voice: the readiness check points at answers that speak as "we" in a third-person charter."""

from __future__ import annotations

import pytest

from tests.conftest import example_files
from tests.wizards.factories import complete_charter
from wizards.answers import load
from wizards.readiness import check
from wizards.readiness.voice import first_person


def _voice(charter):  # type: ignore[no-untyped-def]
    return [f for f in check(charter) if f.rule == "voice-first-person"]


@pytest.mark.parametrize("text", ["We accept little risk.", "reported by us", "our data", "Ours."])
def test_an_answer_in_the_first_person_is_found_where_it_is(text: str) -> None:
    charter = complete_charter()
    charter.ethics.principles[0].description = text
    (finding,) = _voice(charter)
    assert finding.field == "ethics.principles[0].description"
    assert "the first principle" in finding.message and text.rstrip(".") in finding.message
    assert charter.organisation.name in finding.message


@pytest.mark.parametrize("text", ["US and EU offices", "the user base", "Ourense office", "wear"])
def test_a_country_or_a_longer_word_is_not_a_pronoun(text: str) -> None:
    charter = complete_charter()
    charter.ethics.principles[0].description = text
    assert _voice(charter) == []


def test_one_finding_per_page_counts_the_others() -> None:
    charter = complete_charter()
    charter.risk.statement = "We accept little."
    charter.risk.prohibited_uses = ["selling our data", "scoring our staff"]
    (finding,) = _voice(charter)
    assert finding.field == "risk.statement"
    assert "2 more answers on this page do the same" in finding.message


def test_records_that_the_charter_does_not_print_are_left_alone() -> None:
    charter = complete_charter()
    charter.approvals[0].role = "our chair"
    assert _voice(charter) == []


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name.split(".")[0])
def test_every_example_speaks_in_one_voice(path) -> None:  # type: ignore[no-untyped-def]
    assert first_person(load(path)) == []
