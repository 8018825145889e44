"""Readiness rules about the organisation step: the AI systems in use."""

from __future__ import annotations

from collections.abc import Iterator

from wizards.model import Charter, RiskClass
from wizards.readiness.core import Hit, Level, rule
from wizards.readiness.helpers import _blank, _high_risk, _listing, _system_name
from wizards.steps import Step


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
