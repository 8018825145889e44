"""Readiness rules about the organisation step: the AI systems in use and the jurisdictions."""

from __future__ import annotations

from collections.abc import Iterator

from wizards.model import Charter, RiskClass
from wizards.readiness.core import Hit, Level, rule
from wizards.readiness.helpers import _blank, _cap, _high_risk, _listing, _system_name
from wizards.readiness.jurisdictions import (
    Gazetteer,
    Place,
    clock_kind,
    is_eu_law,
    notice_kinds,
    places_of,
    suggestion,
)
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
                f"{_cap(_system_name(s, i))} is classed as a prohibited practice under the EU AI "
                "Act. A charter that governs it would sign off a use the law bans outright.",
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
                f"{_cap(_system_name(s, i))} is marked high-risk, but the charter does not say "
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
            f"{_cap(_listing(names))} process{'es' if len(names) == 1 else ''} personal data, yet "
            "the organisation is marked as processing none. Data-protection duties would be "
            "missed throughout the charter.",
            "Tick 'Processes personal data' for the organisation, or correct the systems.",
        )


@rule(
    "jurisdiction-no-regulator",
    Level.WARNING,
    Step.ORGANISATION,
    "A jurisdiction the organisation works in has no regulator or clock that covers it.",
    "NIST AI RMF GOVERN 1.1; ISO/IEC 42001 4.1, 4.2",
)
def _jurisdiction_no_regulator(c: Charter) -> Iterator[Hit]:
    clocks = [(k, clock) for k, clock in enumerate(c.incidents.clocks) if clock.applies]
    if not clocks:
        return  # incident-clock-missing says which clocks are missing
    org = c.organisation.name.strip() or "The organisation"
    listed = [(j.strip(), places_of(j)) for j in c.organisation.jurisdictions if j.strip()]
    gazetteer = Gazetteer(p for _, places in listed for p in places)
    eu_law = any(is_eu_law(clock) for _, clock in clocks)
    national = [(k, clock) for k, clock in clocks if not is_eu_law(clock)]
    named_nationally: set[str] = set()
    for _, clock in national:
        named_nationally |= gazetteer.keys(clock.regime, clock.notify, clock.trigger)
    named = named_nationally | {
        key
        for _, clock in clocks
        if is_eu_law(clock)
        for key in gazetteer.keys(clock.regime, clock.notify, clock.trigger)
    }

    def in_eu(places: list[Place]) -> bool:
        return any(p.eu or p.key == "eu" for p in places)

    for name, places in listed:
        if places and not ({p.key for p in places} & named) and not (eu_law and in_eu(places)):
            yield Hit(
                "incidents.clocks",
                f"{org} lists {name} among its jurisdictions, but no regulatory clock covers "
                f"it: no regulator in {name} would hear of an incident."
                + (f" {hint}" if (hint := suggestion(name, notice_kinds(c))) else ""),
                f"Add the clock and the regulator that apply in {name}, or remove {name} from "
                "the jurisdictions if the organisation does not work there.",
            )
    # A member state that EU law covers may still lack a national regulator: a clock of national
    # law that lists its regulators place by place, naming some of the organisation's
    # jurisdictions, leaves out the member states no national clock names.
    left_out = [
        name
        for name, places in listed
        if eu_law and any(p.eu for p in places) and not ({p.key for p in places} & named_nationally)
    ]
    if not left_out:
        return
    for k, clock in national:
        if any({p.key for p in ps} & gazetteer.keys(clock.regime) for _, ps in listed):
            continue  # the law of one place, such as Japan's
        keys = gazetteer.keys(clock.notify, clock.trigger)
        covered = [name for name, ps in listed if {p.key for p in ps} & keys]
        if covered:
            regime = clock.regime.strip() or clock.key.strip() or f"clock {k + 1}"
            yield Hit(
                f"incidents.clocks[{k}].notify",
                f"{org} works in {_listing([n for n, _ in listed])}, but the '{regime}' clock "
                f"names a regulator only for {_listing(covered)}: nobody is named to tell in "
                f"{_listing(left_out)}."
                + "".join(
                    f" {hint}"
                    for name in left_out
                    if (kind := clock_kind(clock)) and (hint := suggestion(name, [kind]))
                ),
                f"Add the regulator for {_listing(left_out)} to this clock, or give "
                f"{'it' if len(left_out) == 1 else 'each'} a clock of its own; or remove "
                f"{_listing(left_out)} from the jurisdictions if the organisation does not work "
                "there.",
            )
