"""Readiness rules about the board reporting calendar."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from wizards.board_calendar import (
    day_in_words,
    fiscal_quarter,
    meeting_dates,
    readiness_meetings,
)
from wizards.model import Cadence, Charter, ReportItem
from wizards.presets import fria_systems
from wizards.readiness.core import Hit, Level, rule
from wizards.readiness.helpers import (
    _APPETITE_REVIEW,
    _FRIA,
    _POLICY_REVIEW,
    _RISK_REPORT,
    _TABLETOP,
    _cap,
    _exec_name,
    _high_risk,
    _high_risk_names,
    _items_matching,
    _listing,
    _matches,
    _system_name,
    _text,
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
            f"{_cap(_listing(names))} calls for a fundamental rights impact assessment before "
            "first use (credit scoring, insurance pricing, or a public body or public service "
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


@rule(
    "board-deadline-unprepared",
    Level.WARNING,
    Step.BOARD,
    "A dated item falls due before the forum meets, so nobody confirms readiness for it.",
    "NIST AI RMF GOVERN 1.5; ISO/IEC 42001 9.3",
)
def _board_deadline_unprepared(c: Charter) -> Iterator[Hit]:
    forum = c.board.forum.strip() or "the board"
    forum = forum if forum.casefold().startswith("the ") else f"the {forum}"
    start = c.meta.effective_date or dt.date.today()
    for k, prior in readiness_meetings(c).items():
        item = c.board.items[k]
        if prior is not None or item.date is None:
            continue
        due = day_in_words(item.date)
        yield Hit(
            f"board.items[{k}].date",
            f"'{item.title.strip() or item.key}' falls due on {due}, but {forum} does not meet "
            f"between {day_in_words(start)} and then, so nobody confirms readiness for it "
            "beforehand.",
            f"Add a meeting before {due} to the meeting pattern, or have {forum} confirm "
            "readiness by written resolution and date the item on the day it is passed.",
        )


_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eighteen": 18}
_EVERY_N = re.compile(
    r"\bevery (\d+|one|two|three|four|five|six|eighteen) (month|quarter|year)s?\b"
)
_CADENCE_WORDS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"\b((every|each) (week|month)|weekly|monthly)\b"), 1),
    (re.compile(r"\b((every|each) quarter|quarterly)\b"), 3),
    (re.compile(r"\b(twice a year|half yearly|semi ?annual(ly)?)\b"), 6),
    (re.compile(r"\b((every|each|once a|a) year|annual(ly)?|yearly)\b"), 12),
    (re.compile(r"\bbiennial(ly)?\b"), 24),
)
_UNIT_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def _text_months(text: str) -> int | None:
    """How often a commitment recurs, in months, from words such as 'every two years'."""
    normal = _text(text)
    every = _EVERY_N.search(normal)
    if every:
        count = _NUMBERS.get(every.group(1)) or int(every.group(1))
        return count * _UNIT_MONTHS[every.group(2)]
    return next((months for pattern, months in _CADENCE_WORDS if pattern.search(normal)), None)


def _every(months: float) -> str:
    """'every quarter', 'every two years', ... for an interval in months."""
    words = {1: "every month", 3: "every quarter", 6: "every six months", 12: "every year"}
    if months in words:
        return words[int(months)]
    if months % 12 == 0:
        years = int(months // 12)
        word = next((w for w, n in _NUMBERS.items() if n == years), str(years))
        return f"every {word} years"
    return f"every {months:g} months"


def _cadence_months(c: Charter, cadence: Cadence) -> float | None:
    """How often something of ``cadence`` comes up, in months; None for a one-off."""
    if cadence is Cadence.EVERY_MEETING:
        meetings = len(set(c.board.pattern.months))
        return 12 / meetings if meetings else None
    return {Cadence.QUARTERLY: 3, Cadence.SEMIANNUAL: 6, Cadence.ANNUAL: 12}.get(cadence)


def _item_months(c: Charter, item: ReportItem) -> float | None:
    """How often a calendar item comes up, in months; None for a one-off item."""
    return _cadence_months(c, item.cadence)


@dataclass(frozen=True)
class _Kind:
    """A kind of commitment the calendar must follow up, and the items that do."""

    commitment: re.Pattern[str]
    item: re.Pattern[str]
    title: str


_FAIRNESS = re.compile(
    r"\b(bias|fairness|disparate|adverse impact|selection rates?|by group|between groups)"
)

# In order: the first kind a commitment matches is the one its item must be of.
_KINDS: tuple[_Kind, ...] = (
    _Kind(
        re.compile(
            r"\b(internal audit|independent(ly)? (audit|auditor|review|assurance)"
            r"|external (audit|auditor|assurance)|auditors?)\b"
        ),
        re.compile(
            r"\b(internal audit|third line|auditors?|independent (\w+ )?(audit|review|assurance)"
            r"|external (\w+ )?(audit|assurance))"
        ),
        "Internal audit of AI governance",
    ),
    _Kind(_TABLETOP, _TABLETOP, "Incident tabletop exercise"),
    _Kind(re.compile(r"\bvalidat"), re.compile(r"\bvalidat"), "Model validation results"),
    _Kind(
        re.compile(r"\b(training|trains?|refresher|literacy|briefs?|briefing|course)\b"),
        re.compile(r"\b(literacy|training)"),
        "AI literacy report",
    ),
    _Kind(_FAIRNESS, _FAIRNESS, "Fairness test results"),
    _Kind(
        re.compile(r"\b(guidelines|principles)\b"),
        re.compile(r"\b(ethic|guidelines|principles)"),
        "Ethics guidelines review",
    ),
    _Kind(re.compile(r"\breport"), _RISK_REPORT, "AI risk report"),
)


def _follow_up(
    c: Charter, pattern: re.Pattern[str], need: float, *, once_will_do: bool
) -> tuple[bool, int | None]:
    """Whether a calendar item of ``pattern`` comes up at least every ``need`` months.

    Returns:
        (followed up, index of the most frequent matching item that is too rare, if any).
    """
    rarest: tuple[float, int] | None = None
    for k, item in enumerate(c.board.items):
        if not _matches(pattern, item.key, item.title, item.what, item.reference):
            continue
        every = _item_months(c, item)
        if every is None:
            if once_will_do and item.date is not None:
                return True, None
            continue
        if every <= need + 1e-9:
            return True, None
        if rarest is None or every < rarest[0]:
            rarest = (every, k)
    return False, rarest[1] if rarest else None


_CADENCE_WORDS_OF: dict[Cadence, str] = {
    Cadence.EVERY_MEETING: "at every meeting",
    Cadence.QUARTERLY: "every quarter",
    Cadence.SEMIANNUAL: "every six months",
    Cadence.ANNUAL: "every year",
}

_INDICATOR_CARRIER = re.compile(r"\b(risk|indicators?|dashboard|kpis?|scorecard)")
"""Items that can carry an indicator to the board besides one of its own kind: the risk report."""


@dataclass(frozen=True)
class _Commitment:
    """A cadence the charter itself sets, and what a calendar item following it looks like."""

    lead: str
    """The commitment in words, e.g. 'The charter sets a risk appetite review every year'."""
    need: float
    """Months within which the board must see it."""
    pattern: re.Pattern[str]
    title: str
    """Title suggested for a missing item."""
    report_missing: bool
    """False where another rule already finds the item missing."""
    change: str
    """What else could be changed, e.g. 'set the risk appetite review to the cadence ...'."""
    once_will_do: bool = False
    often: str = ""
    """How often the item must come up, in words; empty for ``_every(need)``."""

    @property
    def how_often(self) -> str:
        """'at every meeting', 'every quarter', ..."""
        return self.often or _every(self.need)


def _suggest(title: str, often: str, once_will_do: bool) -> str:
    """The fix for a missing item: 'Add a board item 'X' that comes up at least every year'."""
    if once_will_do:
        return f"Add a board item '{title}', annual or dated when it falls due ({often})"
    return f"Add a board item '{title}' that comes up {_at_least(often)}"


def _at_least(often: str) -> str:
    """'at least every quarter', but 'at every meeting' as it is."""
    return often if often.startswith("at ") else f"at least {often}"


def _own_commitments(c: Charter, forum: str) -> Iterator[_Commitment]:
    """The cadences the charter's answers set, outside the ethics guidelines."""
    for what, months, pattern, title, report_missing in (
        (
            "risk appetite review",
            c.risk.review_months,
            _APPETITE_REVIEW,
            "Risk appetite review",
            c.risk.last_reviewed is not None,
        ),
        ("tabletop exercise", c.incidents.tabletop_months, _TABLETOP, "Incident tabletop", False),
        ("charter review", c.meta.review_months, _POLICY_REVIEW, "Charter review", False),
    ):
        if months > 0:
            yield _Commitment(
                f"The charter sets a {what} {_every(months)}",
                max(months, 3),
                pattern,
                title,
                report_missing,
                f"set the {what} to the cadence the calendar keeps",
            )
    ex = c.executive
    every = _cadence_months(c, ex.report_frequency)
    # A missing or less than quarterly risk report is board-reporting-too-rare's (or -sparse's)
    # finding; this one is about an executive who reports more often than the calendar has it.
    quarterly = any(
        item.cadence in (Cadence.QUARTERLY, Cadence.EVERY_MEETING)
        and _matches(_RISK_REPORT, item.key, item.title, item.what)
        for item in c.board.items
    )
    if every is not None and quarterly:
        to = ex.reports_to.strip() or forum
        to = to if to.casefold().startswith("the ") else f"the {to}"
        yield _Commitment(
            f"{_exec_name(c)} reports to {to} {_CADENCE_WORDS_OF[ex.report_frequency]}",
            every,
            _RISK_REPORT,
            "AI risk report",
            True,
            "change how often the executive reports",
            often=_CADENCE_WORDS_OF[ex.report_frequency],
        )
    assurance = c.board.assurance
    third = assurance.third_line.strip()
    if third and assurance.review_months > 0:
        months = assurance.review_months
        own = re.compile(rf"{_KINDS[0].item.pattern}|\b{re.escape(_text(third))}\b")
        from wizards.render import mid_sentence

        who = mid_sentence(re.sub(r"^(A|An|The) ", lambda m: m.group(0).lower(), third))
        yield _Commitment(
            f"The charter has AI governance reviewed independently {_every(months)} by {who}",
            max(months, 3),
            own,
            "Independent review of AI governance",
            True,
            "change the months between independent reviews",
            once_will_do=months >= 24,
        )


def _indicator_hits(c: Charter, forum: str) -> Iterator[Hit]:
    """Indicators that reach the board less often than their cadence, grouped by the item."""
    groups: dict[tuple[int, float], list[int]] = {}
    for i, indicator in enumerate(c.board.indicators):
        words = f"{indicator.commitment} {indicator.measure}"
        months = _cadence_months(c, indicator.cadence)
        if months is None or not words.strip():
            continue
        kind = next((k for k in _KINDS if _matches(k.commitment, words)), _KINDS[-1])
        groups.setdefault((_KINDS.index(kind), months), []).append(i)
    for (kind_index, months), indices in groups.items():
        kind = _KINDS[kind_index]
        pattern = re.compile(f"{kind.item.pattern}|{_INDICATOR_CARRIER.pattern}")
        kept, rare = _follow_up(c, pattern, months, once_will_do=False)
        if kept:
            continue
        names = [
            f"'{(c.board.indicators[i].measure or c.board.indicators[i].commitment).strip()}'"
            for i in indices
        ]
        cadence = _CADENCE_WORDS_OF[c.board.indicators[indices[0]].cadence]
        lead = (
            f"The indicator{'s' if len(names) > 1 else ''} {_listing(names)} "
            f"{'are' if len(names) > 1 else 'is'} to reach {forum} {cadence}"
        )
        if rare is not None:
            item = c.board.items[rare]
            name = item.title.strip() or item.key
            yield Hit(
                f"board.items[{rare}].cadence",
                f"{lead}, but the calendar item that carries {'them' if len(names) > 1 else 'it'}"
                f", '{name}', comes up only {_every(_item_months(c, item) or 0)}.",
                f"Schedule '{name}' {_at_least(cadence)}, or change the indicator's cadence.",
            )
        else:
            yield Hit(
                "board.items",
                f"{lead}, but no board calendar item carries "
                f"{'them' if len(names) > 1 else 'it'} there.",
                f"{_suggest(kind.title, cadence, False)}, or report "
                f"{'them' if len(names) > 1 else 'it'} in the AI risk report.",
            )


@rule(
    "board-commitment-unscheduled",
    Level.WARNING,
    Step.BOARD,
    "A commitment with a cadence has no board calendar item that follows it up as often.",
    "ISO/IEC 42001 9.2, 9.3; NIST AI RMF GOVERN 1.5",
)
def _board_commitment_unscheduled(c: Charter) -> Iterator[Hit]:
    forum = c.board.forum.strip() or "board"
    forum = forum if forum.casefold().startswith("the ") else f"the {forum}"
    # The charter's own cadences; a missing item is another rule's finding where one exists
    # (incident-no-tabletop, risk-never-reviewed, board-no-policy-review).
    audit_reported = False
    for commitment in _own_commitments(c, forum):
        kept, rare = _follow_up(
            c, commitment.pattern, commitment.need, once_will_do=commitment.once_will_do
        )
        if kept:
            continue
        if commitment.title == "Independent review of AI governance":
            audit_reported = True  # the ethics guidelines' audit commitments say the same
        if rare is not None:
            item = c.board.items[rare]
            name = item.title.strip() or item.key
            yield Hit(
                f"board.items[{rare}].cadence",
                f"{commitment.lead}, but the calendar item '{name}' comes up only "
                f"{_every(_item_months(c, item) or 0)}.",
                f"Schedule '{name}' {_at_least(commitment.how_often)}, or {commitment.change}.",
            )
        elif commitment.report_missing:
            yield Hit(
                "board.items",
                f"{commitment.lead}, but no board calendar item schedules it, so {forum} never "
                "sees it done.",
                f"{_suggest(commitment.title, commitment.how_often, commitment.once_will_do)}.",
            )
    yield from _indicator_hits(c, forum)
    commitments = [(p.title.strip(), text) for p in c.ethics.principles for text in p.commitments]
    commitments += [("", measure) for measure in c.ethics.literacy_measures]
    # Many commitments share a kind and a cadence; the calendar is searched once for each pair.
    followed: dict[tuple[int, int], tuple[bool, int | None]] = {}
    for principle, text in commitments:
        cadence = _text_months(text)
        kind = next((k for k in _KINDS if _matches(k.commitment, text)), None)
        if cadence is None or kind is None or (audit_reported and kind is _KINDS[0]):
            continue
        memo = (_KINDS.index(kind), cadence)
        if memo not in followed:
            followed[memo] = _follow_up(c, kind.item, max(cadence, 3), once_will_do=cadence >= 24)
        kept, rare = followed[memo]
        if kept:
            continue
        source = f"The principle '{principle}'" if principle else "The AI-literacy measures"
        lead = f"{source} commit{'s' if principle else ''} the organisation to '{text.strip()}'"
        if rare is not None:
            item = c.board.items[rare]
            yield Hit(
                f"board.items[{rare}].cadence",
                f"{lead}, but the calendar item that follows it up, "
                f"'{item.title.strip() or item.key}', comes up only "
                f"{_every(_item_months(c, item) or 0)}.",
                f"Schedule '{item.title.strip() or item.key}' at least {_every(max(cadence, 3))}.",
            )
        else:
            yield Hit(
                "board.items",
                f"{lead}, but no board calendar item follows it up: {forum} would never see "
                "whether it is kept.",
                f"Add a board calendar item such as '{kind.title}' that comes up at least "
                f"{_every(max(cadence, 3))}, owned by whoever carries out the commitment.",
            )
