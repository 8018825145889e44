"""The charter's citation of its workshop: who agreed, where and when, from the record alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document

from tests.conftest import EXAMPLES
from tests.wizards.factories import complete_charter
from wizards.answers import load
from wizards.build import build, output_names
from wizards.model import Charter
from wizards.render import render_charter
from wizards.workshop.agenda import new_workshop
from wizards.workshop.citation import workshop_citation
from wizards.workshop.model import Outcome, Workshop
from wizards.workshop.record import take

AT = dt.datetime(2026, 11, 20, 10, 0)


def _charter() -> tuple[Charter, Workshop]:
    charter = complete_charter()
    charter.resolution.body = "the Audit and Risk Committee"
    w = new_workshop(charter, date=AT.date())
    charter.workshops.append(w)
    return charter, w


def test_the_lender_cites_its_offsite() -> None:
    assert workshop_citation(load(EXAMPLES / "eu-lender-credit-scoring.charter.json")) == (
        "Agreed by the Management Board at its offsite on 3 December 2026 "
        "(9 key decisions: 7 agreed, 2 deferred to owned actions)"
    )


def test_no_citation_without_decisions() -> None:
    charter, _ = _charter()
    assert workshop_citation(charter) == ""
    assert workshop_citation(complete_charter()) == ""


def test_the_body_when_its_members_agreed_else_the_leaders_by_name() -> None:
    charter, w = _charter()
    take(w, charter, "executive.person", Outcome.AGREED, now=AT)
    assert workshop_citation(charter) == (
        "Agreed by the Audit and Risk Committee at its offsite on 20 November 2026 "
        "(1 key decision: 1 agreed)"
    )
    w.decisions.clear()
    chair = next(a for a in w.attendees if a.approving_body)
    others = [a.id for a in w.attendees if a is not chair]
    take(w, charter, "executive.person", Outcome.AGREED, agreed_by=others, now=AT)
    take(w, charter, "ethics.principles", Outcome.DEFERRED, now=AT)
    assert workshop_citation(charter) == (
        "Agreed by Dana Whitfield at a leadership offsite on 20 November 2026 "
        "(2 key decisions: 1 agreed, 1 deferred to owned actions)"
    )


def test_a_retaken_decision_counts_once_and_a_workshop_without_date_uses_the_log() -> None:
    charter, w = _charter()
    w.date, w.title = None, "Charter workshop"
    take(w, charter, "executive.person", Outcome.DEFERRED, now=AT)
    assert workshop_citation(charter) == (
        "Discussed at a leadership workshop on 20 November 2026 (1 key decision: 0 agreed, "
        "1 deferred to owned actions); nothing agreed yet"
    )
    take(w, charter, "executive.person", Outcome.AGREED, now=AT)
    assert workshop_citation(charter).startswith(
        "Agreed by the Audit and Risk Committee at its workshop on 20 November 2026 (1 key"
    )


def test_the_charter_cites_the_workshop_on_its_title_page(tmp_path: Path) -> None:
    lender = load(EXAMPLES / "eu-lender-credit-scoring.charter.json")
    build(lender, tmp_path, ["docx"])
    doc = Document(str(tmp_path / output_names(lender)["charter"]))
    rows = {r.cells[0].text: r.cells[1].text for r in doc.tables[0].rows}
    assert rows["Leadership workshop"] == (
        "Agreed by the Management Board at its offsite on 3 December 2026 "
        "(9 key decisions: 7 agreed, 2 deferred to owned actions)"
    )
    lender.workshops.clear()
    assert "Leadership workshop" not in render_charter(lender)
