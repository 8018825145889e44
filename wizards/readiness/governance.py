"""Readiness rules about the charter's governance: the forum's membership, the approval
authority by risk class, the intake gate, the three lines and the indicators."""

from __future__ import annotations

import re
from collections.abc import Iterator

from wizards.model import ApprovalRule, Charter, RiskClass
from wizards.presets import fria_systems
from wizards.readiness.core import Hit, Level, rule
from wizards.readiness.helpers import (
    _BOARD_LEVEL,
    _FRIA,
    _blank,
    _cap,
    _listing,
    _system_name,
)
from wizards.steps import Step, same_person

_BODY = re.compile(
    r"\b(board|committee|forum|council|trustees|governors|directors|supervisory|panel|"
    r"assembly|cabinet|group|team)\b"
)
_NO_ONE = re.compile(r"^\s*(no one|no-one|nobody|none|not permitted|no person)\b")

_CLASS_WORDS = {
    RiskClass.HIGH: "high-risk",
    RiskClass.LIMITED: "subject to transparency obligations",
    RiskClass.MINIMAL: "of minimal risk",
    RiskClass.GPAI: "general-purpose AI",
}


def _names_no_one(text: str) -> bool:
    return bool(_NO_ONE.match(text.casefold()))


def _one_person(text: str) -> bool:
    """True when an answer names an individual (an executive, an owner) rather than a body."""
    lowered = text.casefold()
    return bool(lowered.strip()) and not _names_no_one(lowered) and not _BODY.search(lowered)


def _forum_named(c: Charter) -> str:
    """The forum's name as it reads mid-sentence, with one "the" ('the Risk Committee')."""
    name = " ".join(c.board.forum.split())
    if not name:
        return ""
    return name if name.casefold().startswith("the ") else f"the {name}"


@rule(
    "gov-forum-no-chair",
    Level.WARNING,
    Step.BOARD,
    "The forum that oversees AI has no chair.",
    "ISO/IEC 42001 5.3; NIST AI RMF GOVERN 2.1",
)
def _forum_no_chair(c: Charter) -> Iterator[Hit]:
    forum = _forum_named(c)
    if forum and _blank(c.board.chair):
        yield Hit(
            "board.chair",
            f"No one is named as chair of {forum} for its work on AI, so no one answers for "
            "its agenda, its quorum or its minutes.",
            "Name the chair of the forum; where the board itself oversees AI, its chair.",
        )


@rule(
    "gov-forum-no-members",
    Level.WARNING,
    Step.BOARD,
    "The forum that oversees AI has no members recorded.",
    "ISO/IEC 42001 5.3; NIST AI RMF GOVERN 2.1",
)
def _forum_no_members(c: Charter) -> Iterator[Hit]:
    forum = _forum_named(c)
    if forum and not any(m.name.strip() for m in c.board.members):
        yield Hit(
            "board.members",
            f"The members of {forum} are not recorded, so nobody can tell whether a meeting "
            "that decides on AI was entitled to.",
            "List the members of the forum by name and role, and mark who votes.",
        )


@rule(
    "gov-quorum-too-large",
    Level.WARNING,
    Step.BOARD,
    "The quorum is larger than the number of voting members recorded.",
    "ISO/IEC 42001 5.3",
)
def _quorum_too_large(c: Charter) -> Iterator[Hit]:
    quorum = c.board.quorum
    voting = sum(1 for m in c.board.members if m.voting and m.name.strip())
    if quorum is not None and voting and quorum > voting:
        forum = _forum_named(c) or "the forum"
        members = "1 voting member" if voting == 1 else f"{voting} voting members"
        yield Hit(
            "board.quorum",
            f"The quorum of {forum} is {quorum}, but only {members} are recorded: no meeting "
            "could ever decide.",
            "Lower the quorum to a majority of the voting members, or record the missing members.",
        )


def _rule_for(c: Charter, risk_class: RiskClass) -> tuple[int, ApprovalRule] | None:
    return next(
        ((i, r) for i, r in enumerate(c.risk.authority) if r.risk_class is risk_class), None
    )


@rule(
    "gov-prohibited-approvable",
    Level.WARNING,
    Step.RISK,
    "The approval authority lets someone approve a prohibited AI practice.",
    "EU AI Act Art. 5",
)
def _prohibited_approvable(c: Charter) -> Iterator[Hit]:
    for i, r in enumerate(c.risk.authority):
        if r.risk_class is not RiskClass.PROHIBITED:
            continue
        for name, what in (("approve", "approve"), ("conditions", "approve with conditions")):
            who = " ".join(getattr(r, name).split())
            if who and not _names_no_one(who):
                yield Hit(
                    f"risk.authority[{i}].{name}",
                    f"The approval authority says that {who} may {what} a prohibited AI "
                    "practice; no one may, whatever the business case.",
                    "Enter 'No one' for prohibited practices, and name who blocks and who is told.",
                )


@rule(
    "gov-high-risk-one-person",
    Level.WARNING,
    Step.RISK,
    "One person alone may approve a high-risk use, or decide on one beyond the appetite.",
    "ISO/IEC 42001 5.1, 6.1.3; NIST AI RMF GOVERN 1.4, 2.3; EU AI Act Art. 26(1)",
)
def _high_risk_one_person(c: Charter) -> Iterator[Hit]:
    found = _rule_for(c, RiskClass.HIGH)
    if found is None:
        return
    i, r = found
    for name, what in (
        ("approve", "approve a high-risk use"),
        ("conditions", "approve a high-risk use with conditions"),
        ("escalate_to", "decide the doubtful high-risk cases, those beyond the appetite"),
    ):
        who = " ".join(getattr(r, name).split())
        if _one_person(who):
            yield Hit(
                f"risk.authority[{i}].{name}",
                f"{_cap(who)} may {what} alone; a decision of that weight belongs to the "
                "board or its committee, never to one executive.",
                "Name the forum or the board for high-risk uses, and leave the accountable "
                "executive the power to block.",
            )


@rule(
    "gov-no-rule-for-class",
    Level.WARNING,
    Step.RISK,
    "A system in use has a risk class for which the approval authority names nobody.",
    "ISO/IEC 42001 A.6.2.2; NIST AI RMF GOVERN 1.4, MAP 1.5",
)
def _no_rule_for_class(c: Charter) -> Iterator[Hit]:
    systems = c.organisation.systems
    if not c.risk.authority:
        if systems:
            yield Hit(
                "risk.authority",
                "The charter does not say who may approve, approve with conditions, escalate "
                "or block a new use of AI, so a new system can go live on anyone's say.",
                "Set one approval rule per risk class, starting with the classes of the "
                "systems in section 1.1.",
            )
        return
    covered = {r.risk_class for r in c.risk.authority if r.approve.strip() or r.block.strip()}
    for risk_class in (RiskClass.HIGH, RiskClass.LIMITED, RiskClass.GPAI, RiskClass.MINIMAL):
        names = [_system_name(s, i) for i, s in enumerate(systems) if s.risk_class is risk_class]
        if names and risk_class not in covered:
            verb = "is" if len(names) == 1 else "are"
            yield Hit(
                "risk.authority",
                f"{_cap(_listing(names))} {verb} {_CLASS_WORDS[risk_class]}, "
                "but the approval authority names nobody who approves or blocks such a use.",
                "Add an approval rule for the class, naming who approves and who may block.",
            )


@rule(
    "gov-no-intake-checks",
    Level.WARNING,
    Step.RISK,
    "No checks stand between a new AI system and its first use.",
    "ISO/IEC 42001 A.6.2.2, A.10.3; NIST AI RMF GOVERN 1.6, 6.1",
)
def _no_intake_checks(c: Charter) -> Iterator[Hit]:
    if not any(check.strip() for check in c.risk.intake.checks):
        yield Hit(
            "risk.intake.checks",
            "The intake gate has no checks, so nothing has to be done before a new AI system "
            "goes live.",
            "List the checks: registration, classification, testing, the impact assessments "
            "that apply, and the approval of section 3.5.",
        )


@rule(
    "gov-fria-not-in-intake",
    Level.WARNING,
    Step.RISK,
    "A fundamental rights impact assessment is due, but the intake gate does not ask for one.",
    "EU AI Act Art. 27",
)
def _fria_not_in_intake(c: Charter) -> Iterator[Hit]:
    checks = [check for check in c.risk.intake.checks if check.strip()]
    systems = fria_systems(c.organisation)
    if checks and systems and not any(_FRIA.search(check.casefold()) for check in checks):
        names = [_system_name(s, c.organisation.systems.index(s)) for s in systems]
        yield Hit(
            "risk.intake.checks",
            f"{_cap(_listing(names))} need{'s' if len(names) == 1 else ''} a fundamental "
            "rights impact assessment before first use, but no check of the intake gate asks "
            "for one.",
            "Add a check: the assessment is completed, and its results notified to the market "
            "surveillance authority, before first use.",
        )


@rule(
    "gov-no-supplier-checks",
    Level.ADVICE,
    Step.RISK,
    "AI systems are bought in, but no due diligence on suppliers is set.",
    "ISO/IEC 42001 A.10.3; NIST AI RMF GOVERN 6.1",
)
def _no_supplier_checks(c: Charter) -> Iterator[Hit]:
    bought = [
        _system_name(s, i) for i, s in enumerate(c.organisation.systems) if s.supplier.strip()
    ]
    if bought and not any(check.strip() for check in c.risk.intake.supplier_checks):
        verb = "comes" if len(bought) == 1 else "come"
        yield Hit(
            "risk.intake.supplier_checks",
            f"{_cap(_listing(bought))} {verb} from a supplier, but the charter sets no due "
            "diligence on suppliers of AI systems.",
            "List what is checked before buying or renewing: data terms, security, "
            "documentation and an exit plan.",
        )


@rule(
    "gov-third-line-not-independent",
    Level.WARNING,
    Step.BOARD,
    "The independent review of AI governance is missing or is done by those it reviews.",
    "ISO/IEC 42001 9.2; NIST AI RMF GOVERN 1.5, 4.1",
)
def _third_line_not_independent(c: Charter) -> Iterator[Hit]:
    lines = c.board.assurance
    third = " ".join(lines.third_line.split())
    if not third:
        if c.has_high_risk():
            yield Hit(
                "board.assurance.third_line",
                "No one reviews AI governance independently while a high-risk system is in "
                "use, so the board's assurance rests on those who do the work.",
                "Name internal audit or an external reviewer as the third line.",
            )
        return
    ex = c.executive.person
    second = " ".join(lines.second_line.split())
    same = second.casefold() == third.casefold() or same_person(second, third)
    executive = same_person(third, ex.name) or (
        bool(ex.title.strip()) and third.casefold() == " ".join(ex.title.split()).casefold()
    )
    if same or executive:
        whom = "the second line" if same else "the accountable executive"
        yield Hit(
            "board.assurance.third_line",
            f"The third line, {third}, is the same as {whom}: it would review its own work.",
            "Name a reviewer independent of the risk function and of the executive, such as "
            "internal audit, or an external reviewer appointed by the board.",
        )


def _covered(title: str, commitments: list[str]) -> bool:
    key = title.casefold().strip()
    return any(key and (key in text or text in key) for text in commitments if text)


@rule(
    "gov-principle-without-indicator",
    Level.WARNING,
    Step.BOARD,
    "A principle of the ethics guidelines has no indicator the board sees.",
    "ISO/IEC 42001 9.1; NIST AI RMF GOVERN 1.5, MEASURE 1.1",
)
def _principle_without_indicator(c: Charter) -> Iterator[Hit]:
    commitments = [i.commitment.casefold().strip() for i in c.board.indicators]
    missing = [
        " ".join(p.title.split())
        for p in c.ethics.principles
        if p.title.strip() and not _covered(p.title, commitments)
    ]
    if missing:
        many = len(missing) > 1
        yield Hit(
            "board.indicators",
            f"No indicator shows the board whether the commitments under "
            f"{_listing([f'“{m}”' for m in missing])} {'are' if many else 'is'} kept.",
            "Add an indicator for each principle: what is measured, the evidence, its owner "
            "and how often the board sees it.",
        )


@rule(
    "gov-forum-not-board-level",
    Level.ADVICE,
    Step.BOARD,
    "The approval authority sends high-risk uses to a body below board level.",
    "ISO/IEC 42001 5.1; NIST AI RMF GOVERN 2.3",
)
def _forum_not_board_level(c: Charter) -> Iterator[Hit]:
    found = _rule_for(c, RiskClass.HIGH)
    if found is None:
        return
    i, r = found
    who = " ".join(r.approve.split())
    if who and _BODY.search(who.casefold()) and not _BOARD_LEVEL.search(who.casefold()):
        yield Hit(
            f"risk.authority[{i}].approve",
            f"High-risk uses are approved by {who}, which is not the board or one of its "
            "committees.",
            "Make sure the body reports to the board on each approval, or name the board's "
            "committee instead.",
        )


@rule(
    "gov-block-without-veto",
    Level.WARNING,
    Step.RISK,
    "The approval authority lets the accountable executive block new uses that section 2 does "
    "not let them stop.",
    "ISO/IEC 42001 5.3; NIST AI RMF GOVERN 2.1",
)
def _block_without_veto(c: Charter) -> Iterator[Hit]:
    ex = c.executive
    if ex.authorities.veto_deployments:
        return
    names = [n for n in (ex.person.name, ex.person.title) if n.strip()]
    for i, r in enumerate(c.risk.authority):
        block = " ".join(r.block.split()).casefold()
        if "accountable executive" in block or any(
            " ".join(n.split()).casefold() in block for n in names
        ):
            yield Hit(
                f"risk.authority[{i}].block",
                "The approval authority says the accountable executive may block a new use "
                "of AI, but section 2 withholds the power to stop a new system from going "
                "live: the two contradict each other.",
                "Grant the accountable executive the power to stop new systems going live, or "
                "name the forum as the one that may block.",
            )
            return


_REGISTER = re.compile(r"\bAI register\b", re.IGNORECASE)


def _register_name(inventory: str) -> str:
    """The inventory's name without its article and its pointer to section 1.1."""
    name = " ".join(inventory.split())
    name = re.sub(r"\s*\((see )?section [\d.]+\)$|\s+(in|of) section [\d.]+$", "", name)
    return re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)


@rule(
    "gov-register-two-names",
    Level.WARNING,
    Step.RISK,
    "The register of AI systems goes by two names: the intake gate's and the 'AI register'.",
    "ISO/IEC 42001 A.3.2; NIST AI RMF GOVERN 1.6",
)
def _register_two_names(c: Charter) -> Iterator[Hit]:
    name = _register_name(c.risk.intake.inventory)
    if not name or _REGISTER.search(name):
        return
    texts = [(f"risk.intake.checks[{i}]", t) for i, t in enumerate(c.risk.intake.checks)]
    texts += [
        (f"risk.intake.supplier_checks[{i}]", t)
        for i, t in enumerate(c.risk.intake.supplier_checks)
    ]
    texts += [
        (f"board.indicators[{i}].evidence", x.evidence) for i, x in enumerate(c.board.indicators)
    ]
    others = [field for field, text in texts if _REGISTER.search(text)]
    if others:
        count = len(others)
        yield Hit(
            others[0],
            f"Section 3.6 records each system that passes the gate in the {name}, but "
            f"{count} of the intake checks and indicators call{'s' if count == 1 else ''} it "
            "the AI register: a reader cannot tell whether they are one list or two.",
            f"Call it by one name: write '{name}' for 'AI register' in those answers, or name "
            "the inventory of the intake gate 'AI register'.",
        )
