"""The readiness check: rules over the whole charter that show where leadership buy-in is hollow.

Step validation (``wizards.steps``) asks whether each answer is complete. The readiness check asks
a different question: *would this charter work on the day something goes wrong?* A charter can be
complete and still hollow: an executive with no power to stop a system, a board that hears about
high-risk AI once a year, an incident chain that never reaches anyone senior. Each rule here looks
for one such pattern and says, in plain words, who and what is involved and how to fix it.

Severities:

* ``BLOCKER``: the charter is hollow on a point of substance; signing it would be buy-in on paper
  only. Kept for a short list: nobody named or no power to halt, no leadership approval of the
  ethics guidelines, no executive in the top-severity chain, no owner for the regulatory
  notifications that apply, reporting less than quarterly while high-risk systems run, and a
  system classed as prohibited still listed as in use.
* ``WARNING``: a real gap a governance professional would raise before signing.
* ``ADVICE``: good practice worth a look; never a reason to stop.

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

Roles, clocks and calendar items are recognised by their keys and titles (e.g. a role titled
"Regulatory reporting owner", a clock keyed "gdpr_33", a calendar item titled "Risk appetite
review"), because the model has no typed kinds for them yet.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from wizards.board_calendar import add_months, fiscal_quarter, horizon_end, meeting_dates
from wizards.model import (
    AiSystem,
    Appetite,
    Approval,
    Cadence,
    Charter,
    IncidentRole,
    ReportItem,
    RiskClass,
    StrEnum,
)
from wizards.presets import fria_systems
from wizards.steps import Step, same_person

__all__ = [
    "RULES",
    "Hit",
    "Level",
    "ReadinessFinding",
    "Rule",
    "check",
    "has_blockers",
    "rule",
    "step_of",
    "summary",
]


class Level(StrEnum):
    """How serious a readiness finding is, from most to least serious."""

    BLOCKER = "blocker"
    WARNING = "warning"
    ADVICE = "advice"

    @property
    def rank(self) -> int:
        """Sort position: 0 for blockers, 1 for warnings, 2 for advice."""
        return list(Level).index(self)


@dataclass(frozen=True)
class ReadinessFinding:
    """One place where the charter's buy-in is hollow or thin.

    Attributes:
        rule: Stable identifier of the rule that found it, e.g. ``"exec-cannot-halt"``.
        severity: Blocker, warning or advice.
        message: Plain explanation naming the people and systems involved.
        fix: What to do about it.
        step: The wizard step that shows ``field`` (where the answer is changed).
        field: Dotted model path of the field to highlight, e.g.
            ``"executive.authorities.halt_systems"`` or ``"incidents.roles[2].person"``.
        reference: Framework references, e.g. ``"EU AI Act Art. 14(4)(e)"``.
    """

    rule: str
    severity: Level
    message: str
    fix: str
    step: Step
    field: str
    reference: str

    def to_dict(self) -> dict[str, str]:
        """Plain data for the answers file, the GUI and the export (step given by its title)."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "fix": self.fix,
            "step": self.step.title,
            "field": self.field,
            "reference": self.reference,
        }


class Hit(NamedTuple):
    """What a rule function reports; the registry adds the rule's id, severity and step."""

    field: str
    message: str
    fix: str
    reference: str = ""
    """Overrides the rule's reference when one hit cites something more specific."""


RuleCheck = Callable[[Charter], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A registered readiness rule."""

    id: str
    severity: Level
    step: Step
    description: str
    reference: str
    check: RuleCheck


RULES: dict[str, Rule] = {}
"""Every readiness rule by id, in the order they were registered (flow order)."""


def rule(
    rule_id: str, severity: Level, step: Step, description: str, reference: str
) -> Callable[[RuleCheck], RuleCheck]:
    """Register a rule function under ``rule_id``.

    Args:
        rule_id: Stable identifier, kebab-case.
        severity: Severity of every finding of the rule.
        step: Step where the user fixes it.
        description: One line saying what the rule looks for.
        reference: Default framework reference of its findings.

    Returns:
        A decorator that registers the function and returns it unchanged.
    """

    def register(func: RuleCheck) -> RuleCheck:
        if rule_id in RULES:
            raise ValueError(f"readiness rule {rule_id!r} is registered twice")
        RULES[rule_id] = Rule(rule_id, severity, step, description, reference, func)
        return func

    return register


def check(charter: Charter) -> list[ReadinessFinding]:
    """Run every readiness rule over the charter.

    Args:
        charter: The whole charter, complete or not.

    Returns:
        The findings: blockers first, then warnings, then advice; within a severity in flow order
        (step, then the order of the rules and of the items they look at).
    """
    findings = [
        ReadinessFinding(
            rule=r.id,
            severity=r.severity,
            message=hit.message,
            fix=hit.fix,
            step=step_of(hit.field, r.step),
            field=hit.field,
            reference=hit.reference or r.reference,
        )
        for r in RULES.values()
        for hit in r.check(charter)
    ]
    return sorted(findings, key=lambda f: (f.severity.rank, int(f.step)))


_FIELD_STEPS: tuple[tuple[str, Step], ...] = (
    ("meta", Step.ORGANISATION),
    ("organisation", Step.ORGANISATION),
    ("executive", Step.EXECUTIVE),
    ("risk", Step.RISK),
    ("ethics", Step.ETHICS),
    ("incidents", Step.INCIDENTS),
    ("board", Step.BOARD),
    ("approvals", Step.REVIEW),
)


def step_of(field: str, default: Step = Step.REVIEW) -> Step:
    """The wizard step that shows a field, from the first part of its dotted path.

    Args:
        field: Dotted model path, e.g. ``"board.items"`` or ``"approvals[0].date"``.
        default: Step for a path outside every section.

    Returns:
        The step whose page holds the field, so the GUI opens the page it highlights.
    """
    head = re.split(r"[.\[]", field, maxsplit=1)[0]
    return next((step for prefix, step in _FIELD_STEPS if prefix == head), default)


def has_blockers(findings: Iterable[ReadinessFinding]) -> bool:
    """True when any finding is a blocker.

    Args:
        findings: Findings as returned by :func:`check`.

    Returns:
        Whether the charter is hollow on a point of substance.
    """
    return any(f.severity is Level.BLOCKER for f in findings)


def summary(findings: Iterable[ReadinessFinding]) -> str:
    """Count the findings per severity in words.

    Args:
        findings: Findings as returned by :func:`check`.

    Returns:
        Text such as ``"2 blockers, 3 warnings, 1 advice"``; every severity is always named.
    """
    counts = Counter(f.severity for f in findings)
    blockers, warnings = counts[Level.BLOCKER], counts[Level.WARNING]
    return (
        f"{blockers} blocker{'' if blockers == 1 else 's'}, "
        f"{warnings} warning{'' if warnings == 1 else 's'}, "
        f"{counts[Level.ADVICE]} advice"
    )


# --------------------------------------------------------------------------------------------
# Helpers


def _text(*parts: str) -> str:
    """Parts joined and normalised for matching: NFKC, case-folded, '_' and '-' as spaces."""
    joined = " ".join(parts).replace("_", " ").replace("-", " ")
    return " ".join(unicodedata.normalize("NFKC", joined).casefold().split())


def _matches(pattern: re.Pattern[str], *parts: str) -> bool:
    return pattern.search(_text(*parts)) is not None


def _blank(value: str) -> bool:
    return not value.strip()


def _listing(names: Sequence[str], limit: int = 4) -> str:
    """'A', 'A and B', 'A, B and C', or 'A, B, C and 2 more'."""
    names = [n for n in names if n]
    if len(names) > limit:
        names = [*names[: limit - 1], f"{len(names) - limit + 1} more"]
    if len(names) <= 1:
        return names[0] if names else ""
    return ", ".join(names[:-1]) + " and " + names[-1]


def _system_name(system: AiSystem, index: int) -> str:
    return system.name.strip() or f"AI system {index + 1}"


def _high_risk(charter: Charter) -> list[tuple[int, AiSystem]]:
    return [
        (i, s) for i, s in enumerate(charter.organisation.systems) if s.risk_class is RiskClass.HIGH
    ]


def _high_risk_names(charter: Charter) -> str:
    return _listing([_system_name(s, i) for i, s in _high_risk(charter)])


def _exec_name(charter: Charter) -> str:
    return charter.executive.person.name.strip() or "the responsible executive"


def _cap(text: str) -> str:
    """Text with its first letter upper-cased, for names that may open a sentence."""
    return text[:1].upper() + text[1:]


def _personal_data(charter: Charter) -> bool:
    org = charter.organisation
    return org.processes_personal_data or any(s.personal_data for s in org.systems)


def _role_name(role: IncidentRole, index: int) -> str:
    return role.title.strip() or role.key.strip() or f"incident role {index + 1}"


def _person_key(name: str) -> str:
    """A name as ``same_person`` compares it (NFKC, case-folded, single spaces); '' for none."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _roles_by_person(
    roles: Sequence[IncidentRole], keep: Callable[[IncidentRole], bool]
) -> dict[str, list[int]]:
    """Indices of the roles that ``keep`` accepts, grouped by the person who holds them."""
    groups: dict[str, list[int]] = {}
    for index, role in enumerate(roles):
        key = _person_key(role.person)
        if key and keep(role):
            groups.setdefault(key, []).append(index)
    return groups


def _same_person_pairs(
    roles: Sequence[IncidentRole],
    first: Callable[[IncidentRole], bool],
    second: Callable[[IncidentRole], bool],
) -> list[tuple[int, int]]:
    """Every (i, j), i != j, where one person holds role i (a ``first``) and role j (a ``second``).

    In the order of a loop over i, then j. Grouping by person keeps this linear in the roles
    (plus the pairs found), where comparing every role with every other was quadratic.
    """
    seconds = _roles_by_person(roles, second)
    pairs: list[tuple[int, int]] = []
    for i, role in enumerate(roles):
        group = seconds.get(_person_key(role.person))
        if group and first(role):
            pairs.extend((i, j) for j in group if j != i)
    return pairs


def _filled_roles(charter: Charter) -> dict[str, IncidentRole]:
    return {r.key: r for r in charter.incidents.roles if r.key and not _blank(r.person)}


def _items_matching(charter: Charter, pattern: re.Pattern[str]) -> list[ReportItem]:
    return [
        item
        for item in charter.board.items
        if _matches(pattern, item.key, item.title, item.what, item.reference)
    ]


def _approval_names(approvals: Iterable[Approval], *, leadership_only: bool) -> list[str]:
    return [
        a.name.strip()
        for a in approvals
        if not _blank(a.name) and (a.leadership or not leadership_only)
    ]


def _months_after(start: dt.date, months: int) -> dt.date:
    return add_months(start, months)


# Keyword patterns, matched against _text(); each names what it recognises.
_BOARD_LEVEL = re.compile(r"\b(board|committee|directors|supervisory|trustees|governors|council)")
_RISK_REPORT = re.compile(r"\brisk")
_APPETITE_REVIEW = re.compile(r"\b(appetite|risk tolerance|tolerances?)\b")
_POLICY_REVIEW = re.compile(r"\b(charter|polic(y|ies)|effectiveness|management review)\b")
_TABLETOP = re.compile(r"\b(tabletop|table top|exercis|simulation|drill|rehears)")
_FRIA = re.compile(r"\b(fria|fundamental rights impact|art(icle)?\.? ?27)\b")
_TERM_REVIEW = re.compile(r"\b(appointment|reappoint|mandate|succession|tenure|term)\b")
_EXCEPTIONS = re.compile(r"\b(exceptions?|conflicts?)\b")
_PRIVACY = re.compile(r"\b(privacy|personal data|data protection|gdpr)\b")
_INTEGRITY = re.compile(
    r"\b(information integrity|integrity|misinformation|disinformation|confabulation|hallucination)"
)
_GENERATIVE = re.compile(r"\b(generative|gen ?ai|llm|large language|chatbot|gpt|foundation model)")

_COMMANDER = re.compile(r"\b(commander|ic)\b")
_DEPUTY = re.compile(r"\b(deputy|backup|alternate)\b")
_REGULATORY = re.compile(r"\b(regulat|compliance)")
_SYSTEM_OWNER = re.compile(r"\b(system owner|product owner|provider liaison)\b")
_LEGAL = re.compile(r"\b(legal|counsel|lawyer)")
_DPO = re.compile(r"\b(dpo|data protection|privacy officer)\b")


def _is_commander(role: IncidentRole) -> bool:
    return _matches(_COMMANDER, role.key, role.title) and not _matches(
        _DEPUTY, role.key, role.title
    )


def _is_deputy_commander(role: IncidentRole) -> bool:
    return _matches(_COMMANDER, role.key, role.title) and _matches(_DEPUTY, role.key, role.title)


def _is_regulatory(role: IncidentRole) -> bool:
    return _matches(_REGULATORY, role.key, role.title)


def _is_executive(role: IncidentRole, charter: Charter) -> bool:
    return role.executive or same_person(role.person, charter.executive.person.name)


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


# --------------------------------------------------------------------------------------------
# Organisation


@rule(
    "system-inventory-empty",
    Level.ADVICE,
    Step.ORGANISATION,
    "No AI systems are listed, so the charter governs nothing in particular.",
    "NIST AI RMF GOVERN 1.6; ISO/IEC 42001 4.3",
)
def _system_inventory_empty(c: Charter) -> Iterator[Hit]:
    if not c.organisation.systems:
        yield Hit(
            "organisation.systems",
            "The charter lists no AI systems. Authorities, risk appetite and incident roles "
            "stay abstract until they attach to the systems actually in use.",
            "List the AI systems the organisation builds or uses, including bought-in tools "
            "and generative assistants.",
        )


@rule(
    "system-prohibited",
    Level.BLOCKER,
    Step.ORGANISATION,
    "An AI system classed as prohibited is listed as in use.",
    "EU AI Act Art. 5, 99(3)",
)
def _system_prohibited(c: Charter) -> Iterator[Hit]:
    for i, s in enumerate(c.organisation.systems):
        if s.risk_class is RiskClass.PROHIBITED:
            yield Hit(
                f"organisation.systems[{i}].risk_class",
                f"{_system_name(s, i)} is classed as a prohibited practice under the EU AI Act. "
                "A charter that governs it would sign off a use the law bans outright.",
                f"Stop using {_system_name(s, i)} and remove it, or correct its risk class if "
                "legal review finds it is not prohibited.",
            )


@rule(
    "system-no-owner",
    Level.WARNING,
    Step.ORGANISATION,
    "An AI system has no named owner.",
    "NIST AI RMF GOVERN 2.1, MANAGE 2.4; ISO/IEC 42001 A.3.2",
)
def _system_no_owner(c: Charter) -> Iterator[Hit]:
    for i, s in enumerate(c.organisation.systems):
        if _blank(s.owner):
            yield Hit(
                f"organisation.systems[{i}].owner",
                f"Nobody is named as owner of {_system_name(s, i)}, so nobody answers for how "
                "it behaves day to day or acts first when it misbehaves.",
                f"Name the person who owns {_system_name(s, i)} in operation.",
            )


@rule(
    "system-no-annex-point",
    Level.WARNING,
    Step.ORGANISATION,
    "A high-risk system has no Annex III point recorded.",
    "EU AI Act Art. 6(2), 27, Annex III",
)
def _system_no_annex_point(c: Charter) -> Iterator[Hit]:
    for i, s in _high_risk(c):
        if _blank(s.annex_iii_point) and not s.annex_i:
            yield Hit(
                f"organisation.systems[{i}].annex_iii_point",
                f"{_system_name(s, i)} is marked high-risk, but the charter does not say "
                "under which Annex III point. The point decides duties such as the fundamental "
                "rights impact assessment and the dates from which they apply.",
                "Record the Annex III point (e.g. '4(a)' or '5(b)'), or mark the system as a "
                "product component under Annex I.",
            )


@rule(
    "system-personal-data-mismatch",
    Level.WARNING,
    Step.ORGANISATION,
    "A system processes personal data but the organisation is marked as processing none.",
    "GDPR Art. 33; EU AI Act Art. 26(9)",
)
def _system_personal_data_mismatch(c: Charter) -> Iterator[Hit]:
    org = c.organisation
    names = [_system_name(s, i) for i, s in enumerate(org.systems) if s.personal_data]
    if names and not org.processes_personal_data:
        yield Hit(
            "organisation.processes_personal_data",
            f"{_listing(names)} process{'es' if len(names) == 1 else ''} personal data, yet "
            "the organisation is marked as processing none. Data-protection duties would be "
            "missed throughout the charter.",
            "Tick 'Processes personal data' for the organisation, or correct the systems.",
        )


# --------------------------------------------------------------------------------------------
# Responsible executive


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
    end = _months_after(ex.term_start, ex.term_months)
    if end <= effective:
        yield Hit(
            "executive.term_start",
            f"{_cap(_exec_name(c))}'s term ends on {end.isoformat()}, before the charter takes "
            f"effect on {effective.isoformat()}: the charter starts with nobody in office.",
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
    end = _months_after(ex.term_start, ex.term_months)
    if effective < end <= horizon_end(c.board, effective) and not _items_matching(c, _TERM_REVIEW):
        yield Hit(
            "board.items",
            f"{_cap(_exec_name(c))}'s term ends on {end.isoformat()}, within the board calendar, "
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


# --------------------------------------------------------------------------------------------
# Risk tolerance


@rule(
    "risk-never-reviewed",
    Level.WARNING,
    Step.RISK,
    "The risk appetite has never been reviewed and no review is scheduled.",
    "NIST AI RMF GOVERN 1.5, MAP 1.5; ISO/IEC 42001 6.1.1; EU AI Act Art. 9(2)",
)
def _risk_never_reviewed(c: Charter) -> Iterator[Hit]:
    risk = c.risk
    if risk.last_reviewed is not None:
        return
    if risk.review_months <= 0:
        yield Hit(
            "risk.review_months",
            "The risk appetite has never been reviewed and has no review interval.",
            "Set a review interval (12 months is usual) and record when it was last reviewed.",
        )
    elif not _items_matching(c, _APPETITE_REVIEW):
        yield Hit(
            "risk.last_reviewed",
            "The risk appetite has never been reviewed, and no board calendar item reviews it.",
            "Add an annual board item 'Risk appetite review', or record the date of the last "
            "review.",
        )


@rule(
    "risk-review-overdue",
    Level.WARNING,
    Step.RISK,
    "The last review of the risk appetite is older than its review interval.",
    "NIST AI RMF GOVERN 1.5; ISO/IEC 42001 6.1.1",
)
def _risk_review_overdue(c: Charter) -> Iterator[Hit]:
    risk, effective = c.risk, c.meta.effective_date
    if risk.last_reviewed is None or effective is None or risk.review_months <= 0:
        return
    due = _months_after(risk.last_reviewed, risk.review_months)
    if due < effective:
        yield Hit(
            "risk.last_reviewed",
            f"The risk appetite was last reviewed on {risk.last_reviewed.isoformat()}; its "
            f"{risk.review_months}-month review fell due on {due.isoformat()}, before the "
            "charter takes effect.",
            "Review the risk appetite with the leadership team and record the new date.",
        )


@rule(
    "risk-rights-appetite-high",
    Level.WARNING,
    Step.RISK,
    "Open or eager appetite on a fundamental-rights category while high-risk systems are used.",
    "EU AI Act Art. 9(5), 27; NIST AI RMF MAP 1.5; ISO/IEC 42001 6.1.1",
)
def _risk_rights_appetite_high(c: Charter) -> Iterator[Hit]:
    if not _high_risk(c):
        return
    for i, cat in enumerate(c.risk.categories):
        if cat.fundamental_rights and cat.appetite in (Appetite.OPEN, Appetite.EAGER):
            name = cat.label.strip() or cat.key.strip() or f"risk category {i + 1}"
            yield Hit(
                f"risk.categories[{i}].appetite",
                f"The appetite for {name}, a fundamental-rights risk, is '{cat.appetite.value}' "
                f"while {_high_risk_names(c)} (high-risk) is in use: people's rights would be "
                "traded for gain.",
                "Lower the appetite to cautious or below, or explain and approve the exception "
                "at board level.",
            )


@rule(
    "risk-no-prohibited-uses",
    Level.WARNING,
    Step.RISK,
    "The list of prohibited uses is empty.",
    "EU AI Act Art. 5; ISO/IEC 42001 A.9.4; NIST AI 600-1 GV-1.3-007",
)
def _risk_no_prohibited_uses(c: Charter) -> Iterator[Hit]:
    if not any(u.strip() for u in c.risk.prohibited_uses):
        yield Hit(
            "risk.prohibited_uses",
            "The charter rules out no use of AI at all; a risk appetite with no hard limits "
            "sets no limits.",
            "List the uses the organisation will not pursue, at least the practices the EU AI "
            "Act prohibits.",
        )


@rule(
    "risk-no-privacy-category",
    Level.WARNING,
    Step.RISK,
    "Personal data is processed but no risk category covers privacy.",
    "NIST AI RMF MAP 1.5; NIST AI 600-1 (data privacy); EU AI Act Art. 26(9)",
)
def _risk_no_privacy_category(c: Charter) -> Iterator[Hit]:
    if not _personal_data(c):
        return
    if not any(_matches(_PRIVACY, cat.key, cat.label) for cat in c.risk.categories):
        names = [
            _system_name(s, i) for i, s in enumerate(c.organisation.systems) if s.personal_data
        ]
        who = f"{_listing(names)} process personal data" if names else "Personal data is processed"
        yield Hit(
            "risk.categories",
            f"{who}, but no risk category sets an appetite for privacy.",
            "Add a privacy (personal data) risk category with a threshold and a trigger.",
        )


@rule(
    "risk-no-info-integrity",
    Level.ADVICE,
    Step.RISK,
    "Generative or general-purpose AI is used without an information-integrity category.",
    "NIST AI 600-1 (information integrity, confabulation); NIST AI RMF MAP 1.5",
)
def _risk_no_info_integrity(c: Charter) -> Iterator[Hit]:
    names = [
        _system_name(s, i)
        for i, s in enumerate(c.organisation.systems)
        if s.risk_class is RiskClass.GPAI or _matches(_GENERATIVE, s.name, s.purpose)
    ]
    if names and not any(_matches(_INTEGRITY, cat.key, cat.label) for cat in c.risk.categories):
        yield Hit(
            "risk.categories",
            f"{_listing(names)} generate{'s' if len(names) == 1 else ''} content, but no risk "
            "category covers information integrity (made-up or misleading output).",
            "Add an information-integrity category with a measurable threshold, e.g. an error "
            "rate in sampled answers.",
        )


@rule(
    "risk-threshold-not-measurable",
    Level.ADVICE,
    Step.RISK,
    "A risk category's threshold contains no number to measure against.",
    "NIST AI RMF MAP 1.5; NIST AI 600-1 GV-1.3-002; ISO/IEC 42001 6.1.1",
)
def _risk_threshold_not_measurable(c: Charter) -> Iterator[Hit]:
    for i, cat in enumerate(c.risk.categories):
        if not any(ch.isdigit() for ch in cat.threshold):
            name = cat.label.strip() or cat.key.strip() or f"risk category {i + 1}"
            yield Hit(
                f"risk.categories[{i}].threshold",
                f"The threshold for {name} has no number in it, so nobody can tell when it is "
                "crossed.",
                "State the threshold as a measure, e.g. 'approval-rate gap under 5 percentage "
                "points'.",
            )


@rule(
    "risk-set-by-missing",
    Level.ADVICE,
    Step.RISK,
    "The charter does not say who set the risk appetite.",
    "ISO/IEC 42001 5.1, 6.1.1; NIST AI RMF GOVERN 1.3",
)
def _risk_set_by_missing(c: Charter) -> Iterator[Hit]:
    if _blank(c.risk.set_by):
        yield Hit(
            "risk.set_by",
            "Nothing records who set the risk appetite; without it, it reads as a staff "
            "proposal rather than a leadership decision.",
            "Record who set it, e.g. 'the executive committee on 15 November 2026'.",
        )


# --------------------------------------------------------------------------------------------
# Ethics guidelines


@rule(
    "ethics-no-owner",
    Level.WARNING,
    Step.ETHICS,
    "The ethics guidelines have no owner.",
    "ISO/IEC 42001 5.2, A.2.2; NIST AI RMF GOVERN 1.2",
)
def _ethics_no_owner(c: Charter) -> Iterator[Hit]:
    if _blank(c.ethics.owner):
        yield Hit(
            "ethics.owner",
            "Nobody owns the ethics guidelines, so nobody keeps them current or answers "
            "questions about them.",
            "Name an owner for the guidelines.",
        )


@rule(
    "ethics-no-review-date",
    Level.WARNING,
    Step.ETHICS,
    "The ethics guidelines have no review date.",
    "ISO/IEC 42001 A.2.4",
)
def _ethics_no_review_date(c: Charter) -> Iterator[Hit]:
    if c.ethics.review_date is None:
        yield Hit(
            "ethics.review_date",
            "The ethics guidelines have no review date; they will quietly fall behind the "
            "systems they govern.",
            "Set a review date, usually within a year of the effective date.",
        )


@rule(
    "ethics-review-too-late",
    Level.WARNING,
    Step.ETHICS,
    "The ethics guidelines are next reviewed more than 24 months after the effective date.",
    "ISO/IEC 42001 A.2.4; NIST AI RMF GOVERN 1.5",
)
def _ethics_review_too_late(c: Charter) -> Iterator[Hit]:
    review, effective = c.ethics.review_date, c.meta.effective_date
    if review is not None and effective is not None and review > _months_after(effective, 24):
        yield Hit(
            "ethics.review_date",
            f"The ethics guidelines are next reviewed on {review.isoformat()}, more than two "
            f"years after the charter takes effect ({effective.isoformat()}).",
            "Bring the review forward to within 12 to 24 months.",
        )


@rule(
    "ethics-no-leadership-approval",
    Level.BLOCKER,
    Step.ETHICS,
    "No member of the leadership team approved the ethics guidelines.",
    "ISO/IEC 42001 5.2, A.2.2; NIST AI RMF GOVERN 1.2, 2.3",
)
def _ethics_no_leadership_approval(c: Charter) -> Iterator[Hit]:
    if not _approval_names(c.ethics.approvals, leadership_only=True):
        others = _approval_names(c.ethics.approvals, leadership_only=False)
        by = f" (approved only by {_listing(others)})" if others else ""
        yield Hit(
            "ethics.approvals",
            f"No member of the leadership team has approved the ethics guidelines{by}; "
            "they bind nobody who decides.",
            "Record the approval of at least one leadership member, ideally the whole team.",
        )


@rule(
    "ethics-approved-late",
    Level.WARNING,
    Step.ETHICS,
    "An approval of the ethics guidelines is dated after the effective date.",
    "ISO/IEC 42001 5.2",
)
def _ethics_approved_late(c: Charter) -> Iterator[Hit]:
    effective = c.meta.effective_date
    for i, a in enumerate(c.ethics.approvals):
        if effective is not None and a.date is not None and a.date > effective:
            yield Hit(
                f"ethics.approvals[{i}].date",
                f"{a.name.strip() or 'An approver'} approved the ethics guidelines on "
                f"{a.date.isoformat()}, after they took effect on {effective.isoformat()}.",
                "Move the effective date to after the approvals, or correct the approval date.",
            )


@rule(
    "ethics-empty-principle",
    Level.WARNING,
    Step.ETHICS,
    "An ethics principle carries no commitment.",
    "ISO/IEC 42001 A.2.2; NIST AI RMF GOVERN 1.2",
)
def _ethics_empty_principle(c: Charter) -> Iterator[Hit]:
    for i, p in enumerate(c.ethics.principles):
        if not any(x.strip() for x in p.commitments):
            name = p.title.strip() or f"principle {i + 1}"
            yield Hit(
                f"ethics.principles[{i}].commitments",
                f"'{name}' is stated but commits the organisation to nothing concrete.",
                f"Add at least one commitment that says what the organisation does for '{name}'.",
            )


@rule(
    "ethics-no-literacy",
    Level.WARNING,
    Step.ETHICS,
    "No AI-literacy measures are listed.",
    "EU AI Act Art. 4 (as replaced by Reg. (EU) 2026/1744); NIST AI RMF GOVERN 2.2; "
    "ISO/IEC 42001 7.2, 7.3",
)
def _ethics_no_literacy(c: Charter) -> Iterator[Hit]:
    if not any(m.strip() for m in c.ethics.literacy_measures):
        yield Hit(
            "ethics.literacy_measures",
            "The charter lists no measures to build AI literacy among the people who run and "
            "use AI for the organisation.",
            "List the measures, e.g. role-based training, guidance for users of generative AI, "
            "a briefing for the leadership team.",
        )


@rule(
    "ethics-no-concerns-channel",
    Level.WARNING,
    Step.ETHICS,
    "There is no channel for raising concerns about AI.",
    "ISO/IEC 42001 A.3.3, A.8.3; EU AI Act Art. 87 (Directive (EU) 2019/1937)",
)
def _ethics_no_concerns_channel(c: Charter) -> Iterator[Hit]:
    if _blank(c.ethics.concerns_channel):
        yield Hit(
            "ethics.concerns_channel",
            "Staff and affected people have no stated way to raise a concern about an AI "
            "system, so problems surface only once they are incidents.",
            "Describe the channel (who receives concerns, how, and the protection against "
            "retaliation).",
        )


# --------------------------------------------------------------------------------------------
# Incident roles


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
    when = f"the last one was on {last.isoformat()}" if last else "none has been run"
    yield Hit(
        "drills",
        f"{_cap(_high_risk_names(c))} is high-risk, yet the incident roles and clocks have not "
        f"been rehearsed in the past 12 months: {when}.",
        "Run a drill (File > Run a drill, or the button on the review step) and act on it.",
    )


# --------------------------------------------------------------------------------------------
# Board reporting calendar


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


# --------------------------------------------------------------------------------------------
# Review and approval


@rule(
    "charter-not-approved",
    Level.WARNING,
    Step.REVIEW,
    "No member of the leadership team has approved the charter.",
    "ISO/IEC 42001 5.1, 5.2; NIST AI RMF GOVERN 2.3",
)
def _charter_not_approved(c: Charter) -> Iterator[Hit]:
    approvers = [a for a in c.approvals if not a.countersign]
    if not _approval_names(approvers, leadership_only=True):
        yield Hit(
            "approvals",
            "No member of the leadership team has signed the charter yet.",
            "Record the sign-off of the leadership team before the charter is issued.",
        )


@rule(
    "charter-approved-late",
    Level.WARNING,
    Step.REVIEW,
    "An approval of the charter is dated after its effective date.",
    "ISO/IEC 42001 5.2",
)
def _charter_approved_late(c: Charter) -> Iterator[Hit]:
    effective = c.meta.effective_date
    for i, a in enumerate(c.approvals):
        if effective is not None and a.date is not None and a.date > effective:
            yield Hit(
                f"approvals[{i}].date",
                f"{a.name.strip() or 'An approver'} signed on {a.date.isoformat()}, after the "
                f"charter took effect on {effective.isoformat()}.",
                "Move the effective date to after the sign-off, or correct the date.",
            )


@rule(
    "charter-appointee-approves",
    Level.WARNING,
    Step.REVIEW,
    "The appointed executive is among those who approve their own appointment.",
    "ISO/IEC 42001 5.1, 5.3",
)
def _charter_appointee_approves(c: Charter) -> Iterator[Hit]:
    exec_name = c.executive.person.name
    for i, a in enumerate(c.approvals):
        if a.name.strip() and not a.countersign and same_person(a.name, exec_name):
            yield Hit(
                f"approvals[{i}].countersign",
                f"{exec_name.strip()} signs as an approver of the resolution that appoints them: "
                "no one approves their own appointment.",
                "Mark their signature as a countersignature accepting the appointment, and have "
                "the members of the approving body approve.",
            )


@rule(
    "charter-self-approved",
    Level.WARNING,
    Step.REVIEW,
    "The responsible executive is the only one who approved the charter.",
    "ISO/IEC 42001 5.1; NIST AI RMF GOVERN 2.3",
)
def _charter_self_approved(c: Charter) -> Iterator[Hit]:
    names = _approval_names(c.approvals, leadership_only=False)
    exec_name = c.executive.person.name
    if names and all(same_person(n, exec_name) for n in names):
        yield Hit(
            "approvals",
            f"{exec_name.strip()} is the only person who approved the charter that makes them "
            "accountable: the rest of the leadership has not bought in.",
            "Have the chief executive and the rest of the leadership team sign too.",
        )
