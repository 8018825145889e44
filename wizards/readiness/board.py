"""Readiness rules about the board reporting calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from wizards.board_calendar import fiscal_quarter, meeting_dates
from wizards.model import Cadence, Charter
from wizards.presets import fria_systems
from wizards.readiness.core import Hit, Level, rule
from wizards.readiness.helpers import (
    _FRIA,
    _POLICY_REVIEW,
    _RISK_REPORT,
    _exec_name,
    _high_risk,
    _high_risk_names,
    _items_matching,
    _listing,
    _matches,
    _system_name,
)
from wizards.steps import Step


def _meetings_first_year(charter: Charter) -> list[dt.date] | None:
    """Board meetings in the first twelve months, or None without an effective date."""
    start = charter.meta.effective_date
    if start is None:
        return None
    return meeting_dates(charter.board.model_copy(update={"horizon_months": 12}), start)


def _reporting_gaps(charter: Charter, lead: str) -> list[Hit]:
    """Why board reporting is less than quarterly: too few meetings, or no quarterly risk item.

    Args:
        charter: The charter.
        lead: Start of each message, e.g. naming the high-risk systems; may be empty.
    """
    board = charter.board
    fy = board.fiscal_year_start_month
    meetings = _meetings_first_year(charter)
    if meetings is None:
        count = len(set(board.pattern.months))
        quarters = {fiscal_quarter(dt.date(2000, m, 1), fy) for m in board.pattern.months}
    else:
        count = len(meetings)
        quarters = {fiscal_quarter(d, fy) for d in meetings}
    forum = board.forum.strip() or "the board"
    hits = []
    if count < 4 or len(quarters) < 4:
        hits.append(
            Hit(
                "board.pattern.months",
                f"{lead}{forum} meets {count} time{'' if count == 1 else 's'} in twelve months, "
                f"covering {len(quarters)} of the 4 quarters, so AI risk reaches it less often "
                "than every quarter.",
                "Add meetings (or a standing committee slot) so that the forum meets at least "
                "once in every quarter.",
            )
        )
    risk_items = [
        item
        for item in board.items
        if item.cadence in (Cadence.QUARTERLY, Cadence.EVERY_MEETING)
        and _matches(_RISK_REPORT, item.key, item.title, item.what)
    ]
    if not risk_items:
        hits.append(
            Hit(
                "board.items",
                f"{lead}no AI risk report goes to {forum} quarterly or at every meeting."
                if lead
                else f"No AI risk report goes to {forum} quarterly or at every meeting.",
                "Add a calendar item 'AI risk report' with cadence quarterly or every meeting, "
                f"owned by {_exec_name(charter)}.",
            )
        )
    return hits


@rule(
    "board-reporting-too-rare",
    Level.BLOCKER,
    Step.BOARD,
    "High-risk systems are used but the board hears about AI risk less than quarterly.",
    "NIST AI RMF GOVERN 1.5; EU AI Act Art. 9(2); ISO/IEC 42001 9.3; "
    "UK Corporate Governance Code 2024 Provision 29",
)
def _board_reporting_too_rare(c: Charter) -> Iterator[Hit]:
    if not _high_risk(c):
        return
    yield from _reporting_gaps(c, f"{_high_risk_names(c)} is high-risk, yet ")


@rule(
    "board-reporting-sparse",
    Level.ADVICE,
    Step.BOARD,
    "The board hears about AI risk less than quarterly (no high-risk systems).",
    "NIST AI RMF GOVERN 1.5; ISO/IEC 42001 9.3",
)
def _board_reporting_sparse(c: Charter) -> Iterator[Hit]:
    if not _high_risk(c):
        yield from _reporting_gaps(c, "")


@rule(
    "board-no-fria",
    Level.WARNING,
    Step.BOARD,
    "A deployed system needs a fundamental rights impact assessment, and no item covers it.",
    "EU AI Act Art. 27",
)
def _board_no_fria(c: Charter) -> Iterator[Hit]:
    needing = {id(s) for s in fria_systems(c.organisation)}
    names = [_system_name(s, i) for i, s in enumerate(c.organisation.systems) if id(s) in needing]
    if names and not _items_matching(c, _FRIA):
        yield Hit(
            "board.items",
            f"{_listing(names)} calls for a fundamental rights impact assessment before first "
            "use (credit scoring, insurance pricing, or a public body or public service "
            "deploying an Annex III system), but no calendar item covers it.",
            "Add a board item for the fundamental rights impact assessment and its updates.",
        )


@rule(
    "board-no-policy-review",
    Level.ADVICE,
    Step.BOARD,
    "No annual board review of the charter or AI policy is planned.",
    "ISO/IEC 42001 9.3, A.2.4; UK Corporate Governance Code 2024 Provision 29",
)
def _board_no_policy_review(c: Charter) -> Iterator[Hit]:
    recurring = [
        item for item in _items_matching(c, _POLICY_REVIEW) if item.cadence is not Cadence.ONCE
    ]
    if not recurring:
        yield Hit(
            "board.items",
            f"No recurring calendar item has {c.board.forum.strip() or 'the board'} review "
            "the charter and how well its controls work.",
            "Add an annual item 'Charter and AI policy review'.",
        )
