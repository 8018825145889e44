"""Section 5.3: one accountable role per phase, the executive for the decisions of leadership."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import example_files
from tests.wizards.factories import complete_charter
from tests.wizards.test_drafting import a_charter, rendered
from wizards.answers import load
from wizards.model import Charter
from wizards.render import KEEP_INFORMED, render_charter

PHASES = ["Detect", "Assess", "Contain", "Notify", "Recover", "Review"]
CHARTERS = [complete_charter(), *(load(p) for p in example_files())]


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def raci(html: str) -> list[tuple[str, list[str]]] | None:
    """The RACI table of section 5.3 as (role title, letters per phase) rows, or None."""
    parser = _Tables()
    parser.feed(html)
    for table in parser.tables:
        if table and table[0][1:] == PHASES:
            return [(row[0], row[1:]) for row in table[1:]]
    return None


def accountable(table: list[tuple[str, list[str]]]) -> list[list[str]]:
    return [[title for title, row in table if row[i] == "A"] for i in range(len(PHASES))]


@pytest.mark.parametrize("index", range(len(CHARTERS)))
def test_exactly_one_a_per_phase(index: int) -> None:
    table = raci(render_charter(CHARTERS[index]))
    assert table is not None
    assert [len(titles) for titles in accountable(table)] == [1] * len(PHASES)


@pytest.mark.parametrize("stem", ["charity", "consultant"])
def test_the_executive_is_accountable_for_the_reserved_decisions(stem: str) -> None:
    charter = next(load(p) for p in example_files() if p.name.startswith(stem))
    table = raci(render_charter(charter))
    assert table is not None
    by_phase = dict(zip(PHASES, accountable(table), strict=True))
    for phase in ("Contain", "Notify", "Review"):
        assert by_phase[phase] == ["Accountable executive"], phase
    for phase in ("Detect", "Assess", "Recover"):
        assert by_phase[phase] == ["Incident commander"], phase


def test_a_recommendation_is_not_accountability() -> None:
    # The lender's executive only recommends a suspension to the Management Board: the table
    # does not pretend otherwise, and says who holds the decision instead.
    lender = next(load(p) for p in example_files() if p.name.startswith("eu-lender"))
    html = render_charter(lender)
    table = raci(html)
    assert table is not None
    assert dict(table)["Accountable executive"][PHASES.index("Contain")] == "C"
    assert "suspending an AI system (Contain): Incident commander" in html


def test_the_executive_role_card_says_keep_yourself_informed() -> None:
    html = render_charter(CHARTERS[1])
    cards = html[html.index("Appendix B. Incident role cards") :]
    card = cards[cards.index(">Accountable executive<") :]
    card = card[: card.find("<h2", 1)]
    assert KEEP_INFORMED in card
    assert KEEP_INFORMED not in cards[: cards.index(">Accountable executive<")]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_charters_have_one_a_per_phase(data: st.DataObject) -> None:
    charter: Charter = a_charter(data)
    table = raci(rendered(charter))
    if table is None:
        return
    counts = [len(titles) for titles in accountable(table)]
    if any(r.executive for r in charter.incidents.roles):
        assert counts == [1] * len(PHASES)
    assert all(count <= 1 for count in counts)
