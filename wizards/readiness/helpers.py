"""Helpers shared by the readiness rules: text matching, names, keyword patterns.

Roles, clocks and calendar items are recognised by their keys and titles (e.g. a role titled
"Regulatory reporting owner", a clock keyed "gdpr_33", a calendar item titled "Risk appetite
review"), because the model has no typed kinds for them yet.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from wizards.board_calendar import add_months
from wizards.model import AiSystem, Approval, Charter, IncidentRole, ReportItem, RiskClass
from wizards.steps import same_person


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
    """A system's name as it reads inside a sentence ('retail credit scoring'); ``_cap`` it
    where it opens one."""
    from wizards.render import mid_sentence

    return mid_sentence(system.name.strip()) if system.name.strip() else f"AI system {index + 1}"


def _day(day: dt.date) -> str:
    """A date as the charter prints it: '28 January 2029', never an ISO date in prose."""
    from wizards.render import long_date

    return long_date(day)


def _high_risk(charter: Charter) -> list[tuple[int, AiSystem]]:
    return [
        (i, s) for i, s in enumerate(charter.organisation.systems) if s.risk_class is RiskClass.HIGH
    ]


def _high_risk_names(charter: Charter) -> str:
    return _listing([_system_name(s, i) for i, s in _high_risk(charter)])


def _exec_name(charter: Charter) -> str:
    return charter.executive.person.name.strip() or "the accountable executive"


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
