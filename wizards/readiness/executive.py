"""Readiness rules about the responsible executive: authority, cover, reporting line, term."""

from __future__ import annotations

import re
from collections.abc import Iterator

from wizards.board_calendar import horizon_end
from wizards.model import Cadence, Charter, Phase
from wizards.readiness.accountability import takes_part
from wizards.readiness.core import Hit, Level, rule
from wizards.readiness.helpers import (
    _BOARD_LEVEL,
    _EXCEPTIONS,
    _TERM_REVIEW,
    _blank,
    _cap,
    _day,
    _exec_name,
    _high_risk_names,
    _is_executive,
    _items_matching,
    _listing,
    _matches,
    _person_key,
    _role_name,
    _system_name,
    _text,
)
from wizards.steps import Step, same_person


@rule(
    "exec-missing",
    Level.BLOCKER,
    Step.EXECUTIVE,
    "No responsible executive is named.",
    "NIST AI RMF GOVERN 2.3; ISO/IEC 42001 5.1, 5.3; EU AI Act Art. 17(1)(m)",
)
def _exec_missing(c: Charter) -> Iterator[Hit]:
    if _blank(c.executive.person.name):
        yield Hit(
            "executive.person.name",
            "The charter names no responsible executive: accountability for AI belongs to "
            "everybody and therefore to nobody.",
            "Name one member of the leadership team who answers for AI risk.",
        )


@rule(
    "exec-cannot-halt",
    Level.BLOCKER,
    Step.EXECUTIVE,
    "The responsible executive has no authority to halt or pause an AI system.",
    "EU AI Act Art. 14(4)(e), 26(2); NIST AI RMF MANAGE 2.4; NIST AI 600-1 GV-1.3-007",
)
def _exec_cannot_halt(c: Charter) -> Iterator[Hit]:
    if not c.executive.authorities.halt_systems:
        systems = _high_risk_names(c) or _listing(
            [_system_name(s, i) for i, s in enumerate(c.organisation.systems)]
        )
        what = systems or "an AI system"
        yield Hit(
            "executive.authorities.halt_systems",
            f"{_cap(_exec_name(c))} cannot halt or pause {what}. Accountability without the power "
            "to stop a misbehaving system is accountability on paper only.",
            f"Give {_exec_name(c)} the authority to halt or suspend any AI system, and say who "
            "carries it out.",
        )


@rule(
    "exec-no-deputy",
    Level.WARNING,
    Step.EXECUTIVE,
    "The responsible executive has no deputy.",
    "NIST AI RMF GOVERN 2.1; ISO/IEC 42001 5.3, A.3.2",
)
def _exec_no_deputy(c: Charter) -> Iterator[Hit]:
    if _blank(c.executive.deputy.name):
        yield Hit(
            "executive.deputy.name",
            f"No deputy is named for {_exec_name(c)}. When they are away, nobody holds the "
            "authority to halt a system or approve an exception.",
            "Name a deputy who can act with the same authorities in the executive's absence.",
        )


@rule(
    "exec-deputy-is-exec",
    Level.WARNING,
    Step.EXECUTIVE,
    "The deputy is the responsible executive.",
    "NIST AI RMF GOVERN 2.1; ISO/IEC 42001 A.3.2",
)
def _exec_deputy_is_exec(c: Charter) -> Iterator[Hit]:
    ex = c.executive
    if same_person(ex.person.name, ex.deputy.name):
        yield Hit(
            "executive.deputy.name",
            f"{ex.person.name.strip()} is named both as responsible executive and as deputy, "
            "so there is no cover in their absence.",
            "Name someone else as deputy.",
        )


@rule(
    "exec-no-budget",
    Level.WARNING,
    Step.EXECUTIVE,
    "The responsible executive controls no stated budget.",
    "ISO/IEC 42001 5.1; EU AI Act Art. 17(1)(l), 26(2)",
)
def _exec_no_budget(c: Charter) -> Iterator[Hit]:
    auth = c.executive.authorities
    if not auth.budget:
        yield Hit(
            "executive.authorities.budget",
            f"{_cap(_exec_name(c))} controls no budget for AI governance, so every control, audit "
            "or training they need must be begged for elsewhere.",
            "Give the executive a budget and state its amount.",
        )
    elif _blank(auth.budget_amount):
        yield Hit(
            "executive.authorities.budget_amount",
            f"{_cap(_exec_name(c))} is said to hold a budget, but no amount is stated.",
            "State the amount (or the budget line) the executive controls.",
        )


@rule(
    "exec-no-veto",
    Level.WARNING,
    Step.EXECUTIVE,
    "The responsible executive cannot veto a deployment.",
    "NIST AI RMF MANAGE 1.1; NIST AI 600-1 GV-1.3-002",
)
def _exec_no_veto(c: Charter) -> Iterator[Hit]:
    if not c.executive.authorities.veto_deployments:
        yield Hit(
            "executive.authorities.veto_deployments",
            f"{_cap(_exec_name(c))} has no say in the go/no-go decision: a new AI system can "
            "go live over their objection.",
            "Give the executive the authority to veto or defer a deployment.",
        )


@rule(
    "exec-no-board-line",
    Level.WARNING,
    Step.EXECUTIVE,
    "The responsible executive reports to nobody at board level.",
    "ISO/IEC 42001 5.3; NIST AI RMF GOVERN 2.3; UK Corporate Governance Code 2024 Provision 29",
)
def _exec_no_board_line(c: Charter) -> Iterator[Hit]:
    reports_to = c.executive.reports_to.strip()
    forum = c.board.forum.strip()
    if not reports_to:
        yield Hit(
            "executive.reports_to",
            f"{_cap(_exec_name(c))} reports to nobody, so the board never hears about AI risk from "
            "the person accountable for it.",
            f"Make the executive report to {forum or 'the board or a board committee'}.",
        )
        return
    a, b = _text(reports_to), _text(forum)
    if _matches(_BOARD_LEVEL, reports_to) or (b and (a in b or b in a)):
        return
    yield Hit(
        "executive.reports_to",
        f"{_cap(_exec_name(c))} reports to '{reports_to}', which is not the board or a "
        "committee of it; AI risk reaches the board only second-hand.",
        f"Add a direct reporting line to {forum or 'the board or a board committee'}.",
    )


@rule(
    "exec-reports-rarely",
    Level.WARNING,
    Step.EXECUTIVE,
    "The responsible executive reports less often than quarterly.",
    "ISO/IEC 42001 5.3, 9.3; NIST AI RMF GOVERN 1.5",
)
def _exec_reports_rarely(c: Charter) -> Iterator[Hit]:
    freq = c.executive.report_frequency
    if freq in (Cadence.SEMIANNUAL, Cadence.ANNUAL, Cadence.ONCE):
        how = {Cadence.SEMIANNUAL: "twice a year", Cadence.ANNUAL: "once a year"}.get(
            freq, "only once"
        )
        yield Hit(
            "executive.report_frequency",
            f"{_cap(_exec_name(c))} reports {how}; a problem can run for months before the board "
            "hears of it.",
            "Report at least quarterly (the common practice), with incidents reported as they "
            "happen.",
        )


@rule(
    "exec-term-ended",
    Level.WARNING,
    Step.EXECUTIVE,
    "The executive's term ends before the charter takes effect.",
    "ISO/IEC 42001 5.3; NIST AI RMF GOVERN 2.1",
)
def _exec_term_ended(c: Charter) -> Iterator[Hit]:
    ex, effective = c.executive, c.meta.effective_date
    if ex.term_start is None or effective is None:
        return
    last = ex.term_end(effective)  # the term's last day, as section 2.2 prints it
    if last is not None and last < effective:
        yield Hit(
            "executive.term_start",
            f"{_cap(_exec_name(c))}'s term ends on {_day(last)}, before the charter takes "
            f"effect on {_day(effective)}: the charter starts with nobody in office.",
            "Renew the appointment with a new term start, or name the executive who will hold "
            "the role.",
        )


@rule(
    "exec-term-expires-unreviewed",
    Level.ADVICE,
    Step.EXECUTIVE,
    "The executive's term ends within the calendar and no reappointment review is planned.",
    "ISO/IEC 42001 5.3, 9.3; NIST AI RMF GOVERN 1.5",
)
def _exec_term_expires_unreviewed(c: Charter) -> Iterator[Hit]:
    ex, effective = c.executive, c.meta.effective_date
    if ex.term_start is None or effective is None:
        return
    last = ex.term_end(effective)
    horizon = horizon_end(c.board, effective)
    within = last is not None and effective <= last < horizon
    if within and last is not None and not _items_matching(c, _TERM_REVIEW):
        yield Hit(
            "board.items",
            f"{_cap(_exec_name(c))}'s term ends on {_day(last)}, within the board calendar, "
            "but no calendar item reviews the appointment.",
            "Add a board item before that date to reappoint the executive or name a successor.",
        )


@rule(
    "exec-conflict-unchecked",
    Level.WARNING,
    Step.EXECUTIVE,
    "The executive declares a conflict of interest yet alone approves exceptions.",
    "ISO/IEC 42001 5.3, A.3.2; NIST AI RMF GOVERN 2.1",
)
def _exec_conflict_unchecked(c: Charter) -> Iterator[Hit]:
    ex = c.executive
    if (
        not _blank(ex.conflicts)
        and ex.authorities.approve_exceptions
        and not _items_matching(c, _EXCEPTIONS)
    ):
        yield Hit(
            "executive.authorities.approve_exceptions",
            f"{_cap(_exec_name(c))} declares a conflict of interest but is the one who approves "
            "exceptions, and nothing sends exceptions touching that conflict to anyone else.",
            "Say who approves exceptions where the conflict applies (e.g. the deputy or the "
            "committee chair), or add a board item reviewing every exception granted.",
        )


@rule(
    "exec-no-time",
    Level.ADVICE,
    Step.EXECUTIVE,
    "No time is set aside for the executive's AI oversight role.",
    "ISO/IEC 42001 5.1; NIST AI RMF GOVERN 2.3",
)
def _exec_no_time(c: Charter) -> Iterator[Hit]:
    if _blank(c.executive.time_allocation):
        yield Hit(
            "executive.time_allocation",
            f"The charter does not say how much of {_exec_name(c)}'s time goes to AI "
            "oversight; an unfunded hour is easily the first to go.",
            "State the time allocated (e.g. '20% of working time' or 'one day a week').",
        )


_HALT = re.compile(r"\b(halt|suspen|paus)")
_BODY = re.compile(
    r"\b((?:[A-Z][\w'’-]*\s+)*(?:Board|Committee|Council|Trustees|Directors|Governors)"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?)"
)
"""A named body in a duty's own spelling, e.g. 'Management Board' or 'Risk Committee of the
Supervisory Board' (matched before normalising, since it relies on capitals)."""


@rule(
    "exec-halt-contradicted",
    Level.WARNING,
    Step.EXECUTIVE,
    "The executive cannot halt a system, and the incident duties name someone else to stop it.",
    "EU AI Act Art. 14(4)(e), 26(5); NIST AI RMF GOVERN 2.1, MANAGE 2.4; ISO/IEC 42001 5.3",
)
def _exec_halt_contradicted(c: Charter) -> Iterator[Hit]:
    if c.executive.authorities.halt_systems:
        return
    ex = _exec_name(c)
    holder = c.executive.reports_to.strip() or c.board.forum.strip()
    systems = [_system_name(s, i) for i, s in enumerate(c.organisation.systems)]
    owned: dict[str, list[str]] = {}
    for name, s in zip(systems, c.organisation.systems, strict=True):
        if _person_key(s.owner):
            owned.setdefault(_person_key(s.owner), []).append(name)
    answers: list[tuple[str, str]] = []  # (field, what the duty says), the executive's first
    others: list[tuple[str, str]] = []
    for i, role in enumerate(c.incidents.roles):
        for phase in Phase:
            duty = role.duties.get(phase, "").strip()
            if not _matches(_HALT, duty):
                continue
            field = f"incidents.roles[{i}].duties.{phase.value}"
            if _is_executive(role, c):
                if takes_part(duty):
                    answers.append((field, f"{ex}'s own duties say '{duty}'"))
                    continue
                bodies = [
                    b
                    for b in dict.fromkeys(m.group(1) for m in _BODY.finditer(duty))
                    if not holder or _text(b) not in _text(holder)
                ]
                if bodies:
                    others.append((field, f"{ex}'s duties send the decision to the {bodies[0]}"))
            elif takes_part(duty) and not _blank(role.person):
                what = _listing(owned.get(_person_key(role.person), [])) or "an AI system"
                answers.append(
                    (
                        field,
                        f"{role.person.strip()}, as {_role_name(role, i)}, may suspend {what} "
                        f"('{duty}')",
                    )
                )
    answers += others
    if not answers and not holder and systems:
        yield Hit(
            "executive.reports_to",
            f"{_cap(ex)} cannot halt {_listing(systems)}, and no one else is named who can: "
            "nobody could stop a system that misbehaves.",
            "Name the person or body who halts an AI system in the executive's place, in the "
            "authorities and in the incident duties.",
        )
        return
    if not answers:
        return
    the = "" if holder.casefold().startswith("the ") else "the "
    where = f"leave that power with {the}{holder}" if holder else "name nobody else"
    yield Hit(
        answers[0][0],
        f"{_cap(ex)} cannot halt an AI system, and the executive's authorities {where}; yet "
        f"{'; and '.join(text for _, text in answers)}. The charter gives more than one answer "
        "to who can stop a system.",
        f"Decide who stops {_listing(systems) or 'an AI system'}: give {ex} the authority to halt, "
        "or name one person or body for it, and make the authorities, the incident duties and "
        "the role cards say the same.",
    )
