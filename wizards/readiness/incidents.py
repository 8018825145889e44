"""Readiness rules about the incident roles, the escalation chain and the regulatory clocks.

Which incident roles must be held by different people, and why:

* *Incident commander and deputy commander* (or a role whose deputy is its own holder): the
  deputy exists to cover the commander's absence; one person cannot cover themselves.
* *Incident commander and the accountable executive*: the executive judges the response,
  escalates to the board and can overrule; running the response as well removes that check.
* *Regulatory-reporting owner and AI system owner* (an incident role, or a person named as owner
  of a system in the inventory): whoever decides whether an incident is reported should not be
  the person whose system caused it.
* *Legal counsel and DPO* while personal data is processed: common and lawful in small
  organisations, but the DPO must be free of conflicting tasks, so it is only advice.

The top severity is the first one listed (the wizard lists them most severe first).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from wizards.model import Charter, IncidentRole, Phase
from wizards.readiness.accountability import (
    RESERVED_DECISIONS,
    accountable_role,
    commander_roles,
    executive_role,
)
from wizards.readiness.core import Hit, Level, rule
from wizards.readiness.helpers import (
    _DPO,
    _LEGAL,
    _SYSTEM_OWNER,
    _TABLETOP,
    _blank,
    _cap,
    _day,
    _exec_name,
    _filled_roles,
    _high_risk,
    _high_risk_names,
    _is_commander,
    _is_deputy_commander,
    _is_executive,
    _is_regulatory,
    _items_matching,
    _listing,
    _matches,
    _person_key,
    _personal_data,
    _role_name,
    _roles_by_person,
    _same_person_pairs,
    _system_name,
)
from wizards.steps import Step, same_person


@dataclass(frozen=True)
class _Regime:
    """A notification regime whose clock an incident may start."""

    key: str
    name: str
    pattern: re.Pattern[str]
    reference: str
    applies: Callable[[Charter], bool]
    why: Callable[[Charter], str]


_REGIMES: tuple[_Regime, ...] = (
    _Regime(
        "ai-act",
        "EU AI Act serious-incident report",
        re.compile(r"\b(ai act|aia|art(icle)?\.? ?73)\b"),
        "EU AI Act Art. 73, 26(5); ISO/IEC 42001 A.8.5",
        lambda c: bool(_high_risk(c)),
        lambda c: (
            f"{_high_risk_names(c)} is high-risk under the EU AI Act, so a serious "
            "incident must reach the market surveillance authority within 2 to 15 days (Art. 73; "
            "for a deployer through the provider, Art. 26(5))"
        ),
    ),
    _Regime(
        "gdpr",
        "GDPR personal-data breach notice",
        re.compile(r"\b(gdpr|art(icle)?\.? ?33)\b"),
        "GDPR Art. 33, 34",
        _personal_data,
        lambda c: (
            "personal data is processed, so a breach must reach the supervisory "
            "authority within 72 hours (GDPR Art. 33)"
        ),
    ),
    _Regime(
        "nis2",
        "NIS2 significant-incident notice",
        re.compile(r"\bnis ?2\b"),
        "NIS2 Art. 23(4)",
        lambda c: c.organisation.nis2_entity,
        lambda c: (
            "the organisation is a NIS2 entity (early warning within 24 hours, "
            "notification within 72 hours)"
        ),
    ),
    _Regime(
        "dora",
        "DORA major ICT-incident report",
        re.compile(r"\bdora\b"),
        "DORA Art. 19; RTS (EU) 2025/301",
        lambda c: c.organisation.dora_entity,
        lambda c: (
            "the organisation falls under DORA (initial notice within 4 hours of "
            "classifying an incident as major)"
        ),
    ),
)
_REGULATORY_OWNER_REGIMES = ("ai-act", "gdpr")


def _regime_clocks(charter: Charter, regime: _Regime) -> list[int]:
    """Indexes of the applying clocks that belong to ``regime``."""
    return [
        i
        for i, clock in enumerate(charter.incidents.clocks)
        if clock.applies and _matches(regime.pattern, clock.key, clock.regime)
    ]


def _unowned_regulatory_regimes(charter: Charter) -> list[_Regime]:
    """Applying AI Act / GDPR regimes with nobody to file the report."""
    filled = _filled_roles(charter)
    if any(_is_regulatory(r) for r in filled.values()):
        return []
    clocks = charter.incidents.clocks
    return [
        regime
        for regime in _REGIMES
        if regime.key in _REGULATORY_OWNER_REGIMES
        and regime.applies(charter)
        and not any(clocks[i].owner_role in filled for i in _regime_clocks(charter, regime))
    ]


@rule(
    "incident-role-unfilled",
    Level.WARNING,
    Step.INCIDENTS,
    "An incident role has nobody in it, or no roles are defined.",
    "NIST AI RMF GOVERN 2.1, MANAGE 4.1; ISO/IEC 42001 A.3.2",
)
def _incident_role_unfilled(c: Charter) -> Iterator[Hit]:
    roles = c.incidents.roles
    if not roles:
        yield Hit(
            "incidents.roles",
            "No incident roles are defined; in an incident, people will first have to work "
            "out who does what.",
            "Add the roles (incident commander, regulatory reporting, communications, ...) "
            "with named people.",
        )
    for i, role in enumerate(roles):
        if _blank(role.person):
            yield Hit(
                f"incidents.roles[{i}].person",
                f"Nobody holds the role {_role_name(role, i)}.",
                f"Name the person who holds {_role_name(role, i)}.",
            )


@rule(
    "incident-role-no-deputy",
    Level.ADVICE,
    Step.INCIDENTS,
    "An incident role has no deputy.",
    "NIST AI RMF GOVERN 2.1",
)
def _incident_role_no_deputy(c: Charter) -> Iterator[Hit]:
    for i, role in enumerate(c.incidents.roles):
        if not _blank(role.person) and _blank(role.deputy):
            yield Hit(
                f"incidents.roles[{i}].deputy",
                f"{role.person.strip()} holds {_role_name(role, i)} with no deputy; incidents "
                "do not wait for holidays.",
                f"Name a deputy for {_role_name(role, i)}.",
            )


@rule(
    "incident-roles-combined",
    Level.WARNING,
    Step.INCIDENTS,
    "One person holds incident roles that must be independent of each other.",
    "NIST AI RMF GOVERN 2.1, 3.2; ISO/IEC 42001 A.3.2",
)
def _incident_roles_combined(c: Charter) -> Iterator[Hit]:
    roles = c.incidents.roles
    for i, role in enumerate(roles):
        if same_person(role.person, role.deputy):
            yield Hit(
                f"incidents.roles[{i}].deputy",
                f"{role.person.strip()} is both holder and deputy of {_role_name(role, i)}, "
                "so nobody covers the role.",
                "Name a different person as deputy.",
            )
    pairs: tuple[tuple[Callable[[IncidentRole], bool], Callable[[IncidentRole], bool], str], ...]
    pairs = (
        (_is_commander, _is_deputy_commander, "the deputy exists to cover the commander"),
        (
            _is_regulatory,
            lambda r: _matches(_SYSTEM_OWNER, r.key, r.title),
            "whoever decides whether to report should not own the system that failed",
        ),
        (
            _is_commander,
            lambda r: _matches(_SYSTEM_OWNER, r.key, r.title),
            "the person leading the response should not be judging their own system",
        ),
    )
    for first, second, why in pairs:
        for i, j in _same_person_pairs(roles, first, second):
            a, b = roles[i], roles[j]
            yield Hit(
                f"incidents.roles[{j}].person",
                f"{a.person.strip()} holds both {_role_name(a, i)} and {_role_name(b, j)}; {why}.",
                f"Give {_role_name(b, j)} to someone else.",
            )
    exec_name = c.executive.person.name
    executives = _roles_by_person(roles, lambda r: r.executive)
    for i, role in enumerate(roles):
        if not _is_commander(role):
            continue
        if same_person(role.person, exec_name) or any(
            k != i for k in executives.get(_person_key(role.person), ())
        ):
            yield Hit(
                f"incidents.roles[{i}].person",
                f"{role.person.strip()} is the accountable executive and also "
                f"{_role_name(role, i)}; the executive should judge the response and carry it "
                "to the board, not run it.",
                f"Give {_role_name(role, i)} to someone who reports to the executive.",
            )
    owners: dict[str, list[str]] = {}
    for k, s in enumerate(c.organisation.systems):
        if _person_key(s.owner):
            owners.setdefault(_person_key(s.owner), []).append(_system_name(s, k))
    for i, role in enumerate(roles):
        if not _is_regulatory(role):
            continue
        owned = owners.get(_person_key(role.person), [])
        if owned:
            yield Hit(
                f"incidents.roles[{i}].person",
                f"{role.person.strip()} holds {_role_name(role, i)} and also owns "
                f"{_listing(owned)}; they would decide whether their own system's incident "
                "is reported.",
                f"Give {_role_name(role, i)} to someone who owns no AI system, or name another "
                "system owner.",
            )


@rule(
    "incident-legal-is-dpo",
    Level.ADVICE,
    Step.INCIDENTS,
    "Legal counsel is also the DPO while personal data is processed.",
    "GDPR Art. 33(3)(b), 38(6)",
)
def _incident_legal_is_dpo(c: Charter) -> Iterator[Hit]:
    if not _personal_data(c):
        return
    roles = c.incidents.roles

    def legal(r: IncidentRole) -> bool:
        return _matches(_LEGAL, r.key, r.title) and not _matches(_DPO, r.key, r.title)

    def dpo(r: IncidentRole) -> bool:
        return _matches(_DPO, r.key, r.title)

    for i, j in _same_person_pairs(roles, legal, dpo):
        a, b = roles[i], roles[j]
        yield Hit(
            f"incidents.roles[{j}].person",
            f"{a.person.strip()} is both {_role_name(a, i)} and {_role_name(b, j)}. "
            "That is lawful and common, but defending the organisation and advising "
            "independently on a breach can pull in different directions.",
            "Confirm that the combination creates no conflict, or name a deputy DPO for "
            "incidents where legal exposure is at stake.",
        )


@rule(
    "incident-no-reg-owner",
    Level.BLOCKER,
    Step.INCIDENTS,
    "Nobody owns the regulatory notification while EU AI Act Art. 73 or GDPR applies.",
    "EU AI Act Art. 73, 26(5); GDPR Art. 33",
)
def _incident_no_reg_owner(c: Charter) -> Iterator[Hit]:
    for regime in _unowned_regulatory_regimes(c):
        clocks = _regime_clocks(c, regime)
        yield Hit(
            f"incidents.clocks[{clocks[0]}].owner_role" if clocks else "incidents.roles",
            f"Nobody is charged with the {regime.name}: {regime.why(c)}. A deadline with no "
            "owner is missed.",
            "Add a regulatory-reporting role with a named person, or make a filled role the "
            "owner of this clock.",
            regime.reference,
        )


@rule(
    "incident-no-exec-in-top-chain",
    Level.BLOCKER,
    Step.INCIDENTS,
    "The escalation chain of the top severity reaches no executive.",
    "NIST AI RMF GOVERN 2.3, MANAGE 4.3; EU AI Act Art. 26(5)",
)
def _incident_no_exec_in_top_chain(c: Charter) -> Iterator[Hit]:
    severities = c.incidents.severities
    if not severities:
        yield Hit(
            "incidents.severities",
            "No severity levels are defined, so nothing says when an incident reaches "
            f"{_exec_name(c)}.",
            "Add severity levels, most severe first, and escalate the top one to the executive.",
        )
        return
    top = severities[0]
    roles = {r.key: r for r in c.incidents.roles if r.key}
    if not any(key in roles and _is_executive(roles[key], c) for key in top.escalate_to):
        label = top.level.strip() or top.name.strip() or "the top severity"
        yield Hit(
            "incidents.severities[0].escalate_to",
            f"An incident at {label} is never escalated to an executive; {_exec_name(c)} "
            "could learn of the worst incident from the press.",
            "Add the accountable executive's role to the escalation list of the top severity.",
        )


@rule(
    "incident-exec-told-late",
    Level.WARNING,
    Step.INCIDENTS,
    "The executive hears of a top-severity incident after more than 24 hours, or no time is set.",
    "NIST AI RMF MANAGE 4.3; EU AI Act Art. 73(3); DORA Art. 19",
)
def _incident_exec_told_late(c: Charter) -> Iterator[Hit]:
    if not c.incidents.severities:
        return
    top = c.incidents.severities[0]
    label = top.level.strip() or top.name.strip() or "the top severity"
    if top.executive_hours is None:
        yield Hit(
            "incidents.severities[0].executive_hours",
            f"No time is set for telling {_exec_name(c)} about an incident at {label}.",
            "Set the executive escalation time, e.g. within 4 hours.",
        )
    elif top.executive_hours > 24:
        yield Hit(
            "incidents.severities[0].executive_hours",
            f"{_cap(_exec_name(c))} hears of an incident at {label} only after "
            f"{top.executive_hours:g} hours; the shortest regulatory clocks run out in a day "
            "or two.",
            "Escalate the top severity to the executive within 24 hours at most.",
        )


@rule(
    "incident-no-board-time",
    Level.WARNING,
    Step.INCIDENTS,
    "No time is set for telling the board about a top-severity incident.",
    "NIST AI RMF GOVERN 2.3, MANAGE 4.3; UK Corporate Governance Code 2024 Provision 29",
)
def _incident_no_board_time(c: Charter) -> Iterator[Hit]:
    if c.incidents.severities and c.incidents.severities[0].board_hours is None:
        top = c.incidents.severities[0]
        label = top.level.strip() or top.name.strip() or "the top severity"
        yield Hit(
            "incidents.severities[0].board_hours",
            f"The charter never says when {c.board.forum.strip() or 'the board'} hears of an "
            f"incident at {label}; it may wait for the next scheduled meeting.",
            "Set the time within which the board is told, e.g. 24 or 48 hours.",
        )


@rule(
    "incident-clock-missing",
    Level.WARNING,
    Step.INCIDENTS,
    "A notification regime applies but its clock is not in the charter.",
    "EU AI Act Art. 73; GDPR Art. 33; NIS2 Art. 23(4); DORA Art. 19",
)
def _incident_clock_missing(c: Charter) -> Iterator[Hit]:
    for regime in _REGIMES:
        if regime.applies(c) and not _regime_clocks(c, regime):
            yield Hit(
                "incidents.clocks",
                f"The {regime.name} is not among the clocks although {regime.why(c)}.",
                f"Add the {regime.name} clock with its deadline and owner role.",
                regime.reference,
            )


@rule(
    "incident-clock-unowned",
    Level.WARNING,
    Step.INCIDENTS,
    "An applying regulatory clock has no filled owner role.",
    "NIST AI RMF GOVERN 2.1; ISO/IEC 42001 A.8.5",
)
def _incident_clock_unowned(c: Charter) -> Iterator[Hit]:
    filled = _filled_roles(c)
    # A clock already behind an incident-no-reg-owner blocker is not reported twice.
    covered = {i for regime in _unowned_regulatory_regimes(c) for i in _regime_clocks(c, regime)}
    for i, clock in enumerate(c.incidents.clocks):
        if clock.applies and i not in covered and clock.owner_role not in filled:
            name = clock.regime.strip() or clock.key.strip() or f"clock {i + 1}"
            yield Hit(
                f"incidents.clocks[{i}].owner_role",
                f"The {name} clock has no owner role held by a named person; its deadline "
                f"({clock.deadline.strip() or 'as set'}) would run with nobody watching.",
                "Choose the role that files this notice, and make sure someone holds it.",
            )


@rule(
    "incident-no-tabletop",
    Level.WARNING,
    Step.INCIDENTS,
    "No incident tabletop exercise is planned in the board calendar.",
    "NIST AI RMF GOVERN 4.3, MANAGE 4.1; NIST SP 800-61 Rev. 3",
)
def _incident_no_tabletop(c: Charter) -> Iterator[Hit]:
    if c.incidents.tabletop_months <= 0:
        yield Hit(
            "incidents.tabletop_months",
            "The incident roles are never rehearsed; roles that were never practised are "
            "roles on paper.",
            "Plan a tabletop exercise at least every 12 months.",
        )
    elif not _items_matching(c, _TABLETOP):
        yield Hit(
            "board.items",
            f"A tabletop exercise is meant to happen every {c.incidents.tabletop_months} "
            "months, but the board calendar holds none and will not see its results.",
            "Add a board calendar item 'Incident tabletop exercise' reporting the lessons.",
        )


@rule(
    "incident-no-recent-drill",
    Level.WARNING,
    Step.REVIEW,
    "High-risk systems run, but no incident drill was run on the charter in the past 12 months.",
    "NIST AI RMF GOVERN 4.3, MANAGE 4.1; ISO/IEC 42001 A.3.3",
)
def _incident_no_recent_drill(c: Charter) -> Iterator[Hit]:
    if not _high_risk(c):
        return
    today = dt.date.today()
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    last = max((d.date for d in c.drills), default=None)
    if last is not None and last > year_ago:
        return
    when = f"the last one was on {_day(last)}" if last else "none has been run"
    yield Hit(
        "drills",
        f"{_cap(_high_risk_names(c))} is high-risk, yet the incident roles and clocks have not "
        f"been rehearsed in the past 12 months: {when}.",
        "Run a drill (File > Run a drill, or the button on the review step) and act on it.",
    )


_RESERVED_DUTY_EXAMPLES = {
    Phase.CONTAIN: "Decide whether the system is suspended",
    Phase.NOTIFY: "Approve every notice to a regulator and to the people affected",
    Phase.REVIEW: "Close the incident and approve its review",
}


@rule(
    "incident-accountability",
    Level.WARNING,
    Step.INCIDENTS,
    "A decision reserved to leadership would rest with the incident commander, or a phase has "
    "more than one accountable role.",
    "NIST AI RMF GOVERN 2.1, 2.3, MANAGE 4.3; ISO/IEC 42001 5.1, 5.3",
)
def _incident_accountability(c: Charter) -> Iterator[Hit]:
    roles = c.incidents.roles
    if not roles or _blank(c.executive.person.name):
        return
    commanders = commander_roles(roles)
    for j in commanders[1:]:
        first = commanders[0]
        yield Hit(
            f"incidents.roles[{j}].title",
            f"{_role_name(roles[first], first)} and {_role_name(roles[j], j)} are both incident "
            "commander roles, so two roles would be accountable in every phase of one incident.",
            f"Keep one incident commander; make {_role_name(roles[j], j)} its deputy or give it "
            "a title of its own.",
        )
    ic = roles[commanders[0]] if commanders else None
    ic_who = (
        f"{ic.person.strip()}, as {_role_name(ic, commanders[0])},"
        if ic is not None and not _blank(ic.person)
        else "the incident commander"
    )
    ex = executive_role(c)
    if ex is None:
        yield Hit(
            "incidents.roles",
            f"{_cap(_exec_name(c))} holds no incident role, so {ic_who} would be accountable in "
            f"every phase, {_listing(list(RESERVED_DECISIONS.values()))} included, although the "
            "charter reserves those decisions to leadership.",
            f"Add the role 'Accountable executive' held by {_exec_name(c)}, with the reserved "
            "decisions among its duties in the contain, notify and review phases.",
        )
        return
    if ic is None or same_person(ic.person, roles[ex].person):
        return
    for phase, decision in RESERVED_DECISIONS.items():
        if accountable_role(c, phase) == ex:
            continue
        duty = roles[ex].duties.get(phase, "").strip()
        part = f"only has the duty '{duty}'" if duty else "has no duty"
        halt = (
            "the authority to halt a system and "
            if phase is Phase.CONTAIN and not c.executive.authorities.halt_systems
            else ""
        )
        yield Hit(
            f"incidents.roles[{ex}].duties.{phase.value}",
            f"{_cap(decision)} is reserved to leadership, but in the {phase.value} phase "
            f"{roles[ex].person.strip() or _exec_name(c)} ({_role_name(roles[ex], ex)}) {part}, "
            f"so {ic_who} would be accountable for it.",
            f"Give {_exec_name(c)} {halt}the decision in the {phase.value} phase (for example "
            f"'{_RESERVED_DUTY_EXAMPLES[phase]}'), with the incident commander responsible for "
            "carrying it out.",
        )
