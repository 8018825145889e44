"""Rendering: the one Jinja2 environment, the document contexts built from the model, and HTML."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateError, select_autoescape
from jinja2.sandbox import ImmutableSandboxedEnvironment

from wizards.board_calendar import (
    MONTH_NAMES,
    board_events,
    describe_pattern,
    fiscal_label,
    fiscal_quarter,
    fiscal_year,
    horizon_end,
    meeting_dates,
    readiness_meetings,
)
from wizards.model import (
    AiActRole,
    Appetite,
    Cadence,
    Charter,
    IncidentRole,
    Phase,
    RiskClass,
    SystemRole,
)
from wizards.paths import template_dir
from wizards.steps import Step
from wizards.template_worker import BoundedSandbox, bounded_filter, render_in_worker

if TYPE_CHECKING:
    from wizards.readiness import ReadinessFinding

CHARTER_TEMPLATE = "charter.html.j2"
CALENDAR_TEMPLATE = "calendar.html.j2"
SECTION_TEMPLATES: dict[Step, str] = {
    Step.ORGANISATION: "sections/organisation.html.j2",
    Step.EXECUTIVE: "sections/executive.html.j2",
    Step.RISK: "sections/risk.html.j2",
    Step.ETHICS: "sections/ethics.html.j2",
    Step.INCIDENTS: "sections/incidents.html.j2",
    Step.BOARD: "sections/board.html.j2",
    Step.REVIEW: "sections/approval.html.j2",
}

APPETITE_LABELS = {
    Appetite.AVERSE: "Averse",
    Appetite.MINIMAL: "Minimal",
    Appetite.CAUTIOUS: "Cautious",
    Appetite.OPEN: "Open",
    Appetite.EAGER: "Eager",
}
RISK_CLASS_LABELS = {
    RiskClass.PROHIBITED: "Prohibited practice",
    RiskClass.HIGH: "High-risk",
    RiskClass.LIMITED: "Transparency obligations",
    RiskClass.MINIMAL: "Minimal risk",
    RiskClass.GPAI: "General-purpose AI",
}
ROLE_TEXT = {
    AiActRole.PROVIDER: "a provider of AI systems",
    AiActRole.DEPLOYER: "a deployer of AI systems",
    AiActRole.BOTH: "both a provider and a deployer of AI systems",
    AiActRole.NEITHER: "neither a provider nor a deployer of AI systems",
}
CADENCE_LABELS = {
    Cadence.EVERY_MEETING: "Every meeting",
    Cadence.QUARTERLY: "Quarterly",
    Cadence.SEMIANNUAL: "Twice a year",
    Cadence.ANNUAL: "Annually",
    Cadence.ONCE: "Once",
}
PHASE_LABELS = {
    Phase.DETECT: "Detect",
    Phase.ASSESS: "Assess",
    Phase.CONTAIN: "Contain",
    Phase.NOTIFY: "Notify",
    Phase.RECOVER: "Recover",
    Phase.REVIEW: "Review",
}
SECTION_TITLES = {
    "organisation": "Purpose, scope and AI systems",
    "executive": "Accountable executive",
    "risk": "AI risk tolerance",
    "ethics": "AI ethics guidelines",
    "incidents": "AI incident response",
    "board": "Board reporting",
    "approval": "Approval",
}


class RenderError(Exception):
    """A template that cannot be loaded or rendered; names the template and the line."""


def long_date(value: dt.date | None, missing: str = "not set") -> str:
    """A date as '2 December 2027', unambiguous in every locale."""
    if value is None:
        return missing
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"


def paragraphs(text: str) -> list[str]:
    """Split free text into paragraphs at line breaks, dropping empty lines."""
    return [line.strip() for line in re.split(r"\r\n|\r|\n", text) if line.strip()]


def hours_text(hours: float | None) -> str:
    """A duration in hours as readable words: '4 hours', '3 days', 'not set'."""
    if hours is None or not math.isfinite(hours):  # the model refuses NaN and infinity
        return "not set"
    if hours >= 48 and hours % 24 == 0:
        return f"{int(hours // 24)} days"
    if hours == 1:
        return "1 hour"
    return f"{hours:g} hours"


def months_text(months: int) -> str:
    """A number of months in words that agree with it: '1 month', '24 months'."""
    return "1 month" if months == 1 else f"{months} months"


def every_months(months: int) -> str:
    """How often, for an interval in months: 'every month', 'every 12 months'."""
    return "every month" if months == 1 else f"every {months} months"


def upper_first(text: str) -> str:
    """``text`` with its first letter in capitals, for a value that opens a sentence.

    Only the first character changes, so 'van Dijk' opens a sentence as 'Van Dijk' and the rest
    of a name keeps the case it was typed in.
    """
    return text[:1].upper() + text[1:]


def join_words(items: Iterable[str], last: str = "and") -> str:
    """Join words as prose: 'a', 'a and b', 'a, b and c'."""
    words = [w for w in items if w]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


@lru_cache(maxsize=4)
def environment(user_templates: Path | None = None) -> ImmutableSandboxedEnvironment:
    """The program's one Jinja2 environment.

    Autoescaping is on, undefined names fail loudly, and templates run in the sandbox because a
    consultant may supply their own. User templates, when given, take precedence over ours.
    """
    loaders = [FileSystemLoader(str(user_templates))] if user_templates else []
    loaders.append(FileSystemLoader(str(template_dir())))
    # User templates render in a worker process (see wizards.template_worker), in a sandbox
    # whose ranges, repetitions and numbers are capped.
    kind = BoundedSandbox if user_templates else ImmutableSandboxedEnvironment
    env = kind(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["longdate"] = long_date
    env.filters["paras"] = paragraphs
    env.filters["hours"] = hours_text
    env.filters["join_words"] = join_words
    env.filters["upper_first"] = upper_first
    env.filters["months"] = months_text
    env.filters["every_months"] = every_months
    if user_templates:
        env.filters = {name: bounded_filter(func) for name, func in env.filters.items()}
    return env


@dataclass(frozen=True)
class RoleView:
    """An incident role as the documents show it."""

    title: str
    person: str
    deputy: str
    executive: bool
    duties: list[tuple[str, str]]
    raci: list[str]


def _raci_letter(role: IncidentRole, phase: Phase, *, accountable: bool, commander: bool) -> str:
    """R, A, C or I for one role in one phase, derived from the duties the charter records.

    ``accountable`` comes from the one rule that names a single accountable role per phase
    (:func:`wizards.readiness.accountable_role`); a commander who is not accountable in a phase
    still runs the work in it.
    """
    if accountable:
        return "A"
    duty = role.duties.get(phase, "").strip()
    if not duty:
        return "R" if commander else "I" if role.executive else ""
    lowered = duty.casefold()
    if lowered.startswith(("advise", "consult", "support", "available", "on call", "recommend")):
        return "C"
    if lowered.startswith(("informed", "kept informed", "receive")):
        return "I"
    return "R"


KEEP_INFORMED = (
    "Keep yourself informed: ask the incident commander where the response stands at each "
    "phase, without waiting to be told, and take the decisions reserved to you"
)
"""The executive's standing duty on their role card: accountability needs the facts."""


def _roles(charter: Charter) -> list[RoleView]:
    from wizards.readiness.accountability import accountable_role, commander_roles, executive_role

    roles = charter.incidents.roles
    accountable = {p: accountable_role(charter, p) for p in Phase}
    commanders = set(commander_roles(roles))
    ex = executive_role(charter)
    views = []
    for index, role in enumerate(roles):
        duties = [
            (PHASE_LABELS[p], role.duties[p]) for p in Phase if role.duties.get(p, "").strip()
        ]
        if index == ex:
            duties.append(("Throughout", KEEP_INFORMED))
        views.append(
            RoleView(
                title=role.title,
                person=role.person,
                deputy=role.deputy,
                executive=role.executive,
                duties=duties,
                raci=[
                    _raci_letter(
                        role, p, accountable=accountable[p] == index, commander=index in commanders
                    )
                    for p in Phase
                ],
            )
        )
    return views


def _reserved(charter: Charter) -> list[dict[str, str]]:
    """The decisions reserved to leadership, the phase of each and the role accountable for it."""
    from wizards.readiness.accountability import RESERVED_DECISIONS, accountable_role

    roles = charter.incidents.roles
    rows = []
    for phase, decision in RESERVED_DECISIONS.items():
        index = accountable_role(charter, phase)
        who = roles[index].title.strip() if index is not None else ""
        rows.append({"decision": decision, "phase": PHASE_LABELS[phase], "who": who})
    return rows


def _authorities(charter: Charter) -> list[tuple[bool, str]]:
    auth = charter.executive.authorities
    budget = "to commit spending from the AI governance budget"
    if auth.budget_amount.strip():
        budget += f" ({auth.budget_amount.strip()})"
    rows = [
        (auth.halt_systems, "to pause or halt any AI system in use"),
        (auth.veto_deployments, "to stop a new AI system or a material change from going live"),
        (
            auth.approve_exceptions,
            "to approve, time-limit and withdraw exceptions to the procedures of this charter",
        ),
        (auth.budget, budget),
    ]
    rows += [(True, other) for other in auth.other if other.strip()]
    return rows


# Jurisdictions where the EU AI Act and the GDPR apply: the EU, its member states, the EEA.
_EU_EEA = (
    "eu", "european union", "eea", "european economic area", "austria", "belgium", "bulgaria",
    "croatia", "cyprus", "czechia", "czech republic", "denmark", "estonia", "finland", "france",
    "germany", "greece", "hungary", "ireland", "italy", "latvia", "lithuania", "luxembourg",
    "malta", "netherlands", "poland", "portugal", "romania", "slovakia", "slovenia", "spain",
    "sweden", "iceland", "liechtenstein", "norway",
)  # fmt: skip


def _in_eu(jurisdiction: str) -> bool:
    """True for the EU, a member state or the EEA, also as part of a name ('Ireland (Dublin)')."""
    name = " " + " ".join(re.split(r"[^\w]+", jurisdiction.casefold())) + " "
    return any(f" {place} " in name for place in _EU_EEA) and "northern ireland" not in name


@dataclass(frozen=True)
class _Applies:
    """Whether a provision applies to this charter's organisation, and the clause saying why."""

    applies: bool
    why: str


def _applicability(charter: Charter) -> dict[str, _Applies]:
    """For each provision of the references catalogue, whether it applies and why (or why not).

    Decided from the organisation's answers: its role under the EU AI Act, the risk classes of
    its systems, the public-body, NIS2 and DORA answers, personal data, the jurisdictions, and
    the ethics principles the charter draws on.
    """
    from wizards.presets import CONDITIONS, fria_systems

    org = charter.organisation
    places = [j for j in org.jurisdictions if j.strip()]
    eu = not places or any(_in_eu(j) for j in places)
    on = {key: bool(test(org)) for key, test in CONDITIONS.items()}
    ai_act = on["ai_act"] and eu
    high = [
        mid_sentence(s.name) or "a system" for s in org.systems if s.risk_class is RiskClass.HIGH
    ]
    fria = [mid_sentence(s.name) or "a system" for s in fria_systems(org)]
    outside = (
        "none of the jurisdictions in section 1 is in the EU or the EEA"
        if not eu
        else "the organisation is neither a provider nor a deployer of AI systems"
    )

    def act(condition: bool, why: str, why_not: str) -> _Applies:
        if not ai_act:
            return _Applies(False, outside)
        return _Applies(condition, why if condition else why_not)

    high_text = join_words(high)
    provider_hr = act(
        on["ai_act_provider_high_risk"],
        "the organisation provides a high-risk AI system",
        "it binds providers of high-risk AI systems, and the organisation provides none",
    )
    deployer_hr = act(
        on["ai_act_deployer_high_risk"],
        f"the organisation deploys a high-risk AI system ({high_text})",
        "it binds deployers of high-risk AI systems, and the organisation deploys none",
    )
    any_hr = act(
        on["ai_act_high_risk"],
        f"{high_text} is high-risk" if len(high) == 1 else f"{high_text} are high-risk",
        "it concerns high-risk AI systems, and none is in use",
    )
    gpai = act(
        on["ai_act_gpai_provider"],
        "the organisation provides a general-purpose AI model",
        "it binds providers of general-purpose AI models, and the organisation provides none",
    )
    every_operator = act(True, "it binds every provider and deployer", "")
    rules: dict[str, _Applies] = {
        "EU AI Act Art. 3(49)": act(True, "section 5 uses its definition", ""),
        "EU AI Act Art. 4": every_operator,
        "EU AI Act Art. 5": act(True, "it binds every operator", ""),
        "EU AI Act Art. 6": act(True, "it sets the risk class of each system in section 1.1", ""),
        "EU AI Act Art. 9(2)": provider_hr,
        "EU AI Act Art. 9(5)": provider_hr,
        "EU AI Act Art. 14(4)": any_hr,
        "EU AI Act Art. 16": provider_hr,
        "EU AI Act Art. 17(1)(i)": provider_hr,
        "EU AI Act Art. 17(1)(m)": provider_hr,
        "EU AI Act Art. 26(1)": deployer_hr,
        "EU AI Act Art. 26(2)": deployer_hr,
        "EU AI Act Art. 26(5)": deployer_hr,
        "EU AI Act Art. 26(7)": deployer_hr,
        "EU AI Act Art. 27": act(
            bool(fria),
            f"an assessment is due before the first use of {join_words(fria)}",
            "it binds public bodies, providers of public services and deployers of "
            "credit-scoring or insurance-pricing systems, and none of these describes the "
            "organisation's use of AI",
        ),
        "EU AI Act Art. 55(1)(c)": act(
            on["ai_act_gpai_provider"],
            "the organisation provides a general-purpose AI model; the duty applies if the "
            "model has systemic risk",
            "it binds providers of general-purpose AI models with systemic risk, and the "
            "organisation provides none",
        ),
        "EU AI Act Art. 72": provider_hr,
        "EU AI Act Art. 73(2)": any_hr,
        "EU AI Act Art. 73(3)": any_hr,
        "EU AI Act Art. 73(4)": any_hr,
        "EU AI Act Art. 87": act(True, "it protects those who use section 4's channel", ""),
        "EU AI Act Art. 111(3)": gpai,
        "EU AI Act Art. 113": every_operator,
        "EU AI Act Art. 113(3)(c)(i)": act(
            on["annex_iii_high_risk"],
            "a system in use is high-risk under Annex III",
            "no system in use is high-risk under Annex III",
        ),
        "EU AI Act Art. 113(3)(c)(ii)": act(
            on["annex_i_high_risk"],
            "a system in use may be a high-risk product under Annex I",
            "no system in use is a high-risk product under Annex I",
        ),
    }
    personal = on["personal_data"]
    rules["GDPR Art. 33"] = rules["GDPR Art. 34"] = _Applies(
        personal,
        "the organisation's AI systems process personal data"
        if personal
        else "the organisation's AI systems process no personal data",
    )
    rules["NIS2 Art. 23(4)"] = _Applies(
        on["nis2"],
        "the organisation is an essential or important entity under NIS2"
        if on["nis2"]
        else "the organisation is not an essential or important entity under NIS2",
    )
    rules["DORA Art. 19"] = _Applies(
        on["dora"],
        "the organisation is a financial entity under DORA"
        if on["dora"]
        else "the organisation is not a financial entity under DORA",
    )
    sources = " ".join(f"{p.key} {p.source}" for p in charter.ethics.principles).casefold()
    for ref_id, marks in {
        "OECD AI Principles": ("oecd",),
        "EU HLEG Ethics Guidelines": ("hleg",),
        "UK AI regulation principles": ("uk-", "uk ai", "uk principles"),
        "Australia AI Ethics Principles": ("au-", "australia"),
        "Singapore Model AI Governance Framework": ("sg-", "singapore"),
    }.items():
        used = any(mark in sources for mark in marks)
        rules[ref_id] = _Applies(
            used,
            "principles in section 4 draw on it"
            if used
            else "no principle in section 4 draws on it",
        )
    return rules


_VOLUNTARY = _Applies(True, "voluntary good practice that the charter follows")


def _references(charter: Charter) -> list[dict[str, Any]]:
    """Appendix A: per charter section, the provisions that apply, each with why."""
    from wizards.catalogues import confirm_note, framework_map, references

    known = references()
    rules = _applicability(charter)
    sections = []
    for key, ids in framework_map().items():
        rows = []
        for ref_id in ids:
            ref = known.get(ref_id)
            rule = rules.get(ref_id, _VOLUNTARY)
            if ref is None or not rule.applies:
                continue
            rows.append(
                {
                    "id": ref_id,
                    "summary": ref.summary,
                    "why": rule.why,
                    "voluntary": rule is _VOLUNTARY,
                    "note": confirm_note(ref.unverified),
                }
            )
        if rows:
            sections.append({"title": SECTION_TITLES.get(key, key.title()), "refs": rows})
    return sections


def _references_not_applicable(charter: Charter) -> list[dict[str, str]]:
    """Appendix A's last table: the provisions considered and found not to apply, and why."""
    from wizards.catalogues import framework_map, references

    known = references()
    rules = _applicability(charter)
    mapped = {i for ids in framework_map().values() for i in ids}
    return [  # in the catalogue's order, which is the order of the articles
        {"id": ref_id, "label": ref.label, "why": rules[ref_id].why}
        for ref_id, ref in known.items()
        if ref_id in mapped
        and ref_id in rules
        and not rules[ref_id].applies
        # a published set of principles the charter does not draw on needs no reason
        and ref.framework != "Ethics principles"
    ]


CADENCE_PHRASES = {
    Cadence.EVERY_MEETING: "at every meeting",
    Cadence.QUARTERLY: "every quarter",
    Cadence.SEMIANNUAL: "twice a year",
    Cadence.ANNUAL: "once a year",
    Cadence.ONCE: "once",
}

# Places whose English name takes "the" in a sentence ("in the Netherlands").
_WITH_THE = (
    "united ", "netherlands", "european union", "european economic area", "czech republic",
    "philippines", "bahamas", "gambia", "maldives", "republic of ", "kingdom of ", "uae", "uk",
    "usa", "us", "eu", "eea",
)  # fmt: skip

# First words of a system name that are ordinary words, not part of a proper name: such a
# name is written in lower case inside a sentence ("cannot halt retail credit scoring"), any
# other keeps the case it was typed in ("Nora customer assistant", "ScoreLine Retail 4").
_GENERIC_FIRST_WORDS = frozenset({
    "ai", "automated", "automatic", "applicant", "application", "benefit", "benefits", "case",
    "chat", "claims", "complaint", "complaints", "consumer", "content", "contract", "credit",
    "customer", "customs", "cv", "data", "demand", "document", "documents", "drafting", "email",
    "employee", "fraud", "generative", "grant", "grant-writing", "hiring", "image", "internal",
    "invoice", "loan", "marketing", "meeting", "model", "patient", "payment", "pricing",
    "recruitment", "repairs", "retail", "risk", "route", "routing", "sales", "scheduling",
    "screening", "service", "speech", "staff", "student", "support", "tenant", "text",
    "transaction", "transcription", "translation", "triage", "voice",
})  # fmt: skip


def mid_sentence(name: str) -> str:
    """A system name as it is written inside a sentence.

    A name that starts with an ordinary word typed with a capital only because it opens the
    name ('Retail credit scoring') is lower-cased at its first letter; proper names, acronyms
    and anything typed in another case keep the case they were typed in.
    """
    name = " ".join(name.split())
    words = name.split(" ")
    first = words[0] if words else ""
    sentence_case = first[:1].isupper() and first[1:] == first[1:].lower()
    rest_lower = all(w == w.lower() for w in words[1:])
    if sentence_case and rest_lower and first.casefold() in _GENERIC_FIRST_WORDS:
        return first[:1].lower() + name[1:]
    return name


def role_in_list(title: str) -> str:
    """A role's title as it is written after the first in a list: 'Data protection lead'
    becomes 'data protection lead'; an acronym ('AI system owner', 'HR lead') or a title in
    title case ('Chief Risk Officer') keeps its capitals."""
    title = " ".join(title.split())
    words = title.split(" ")
    first = words[0] if words else ""
    sentence_case = first[:1].isupper() and first[1:] == first[1:].lower() and len(first) > 1
    if sentence_case and all(w == w.lower() for w in words[1:]):
        return first[:1].lower() + title[1:]
    return title


def _the(name: str, fallback: str) -> str:
    """A body's name with one "the" before it ('the Risk Committee'), or ``fallback``."""
    name = " ".join(name.split())
    if not name:
        return fallback
    if name.casefold().startswith("the "):
        name = name[4:]
    return f"the {name}"


def _place(name: str) -> str:
    name = " ".join(name.split())
    if name.casefold().startswith("the "):
        return f"the {name[4:]}"
    lowered = name.casefold()
    if lowered in _WITH_THE or lowered.startswith(tuple(w for w in _WITH_THE if w.endswith(" "))):
        return f"the {name}"
    return name


def _served(charter: Charter) -> str:
    """Who the organisation serves, in its own terms: customers, the people it supports, ..."""
    from wizards.presets import sector_for

    org = charter.organisation
    sector = sector_for(org)
    if org.public_service or sector == "public":
        return "residents, service users and the public"
    if sector == "charity":
        return "the people it supports and the public"
    if sector == "health":
        return "patients and the public"
    return "customers and the public"


def _governing_board(name: str) -> bool:
    """True for a board, a council or the trustees themselves, not one of their committees."""
    lowered = name.casefold()
    governing = any(w in lowered for w in ("board", "council", "trustees"))
    return governing and "committee" not in lowered


def _board_of(charter: Charter) -> str:
    """The organisation's board as its answers name it, with "the": the forum when it is the
    board, the board a committee belongs to ('Risk Committee of the Supervisory Board'), else
    the body the executive reports to or that adopts the charter when that is a board or
    council; "the board" otherwise."""
    names = (charter.board.forum, charter.executive.reports_to, charter.resolution.body)
    for name in (" ".join(n.split()) for n in names):
        if name and _governing_board(name):
            return _the(name, "the board")
        parent = re.search(r"\bof the (.+)$", name, flags=re.IGNORECASE)
        if parent and _governing_board(parent.group(1)):
            return _the(parent.group(1), "the board")
    return "the board"


def _wording(charter: Charter) -> dict[str, Any]:
    """Values as prose puts them: fallbacks for empty answers, "the" once, lists in words.

    The live preview shows a charter while it is being filled in, so each value a sentence
    needs has a reading when the answer is still empty.
    """
    from wizards.catalogues import references
    from wizards.presets import fria_systems

    org, ex = charter.organisation, charter.executive
    people = org.employees
    fria = references().get("EU AI Act Art. 27")
    forum, board = " ".join(charter.board.forum.split()), _board_of(charter)
    return {
        "org": " ".join(org.name.split()) or "the organisation",
        "exec": " ".join(ex.person.name.split()) or "the accountable executive",
        "reports_to": _the(ex.reports_to, _the(forum, board)),
        "forum": _the(charter.board.forum, "the board"),
        "board": board,
        # A committee oversees on behalf of the board, unless its name already says whose.
        "on_behalf_of": ""
        if not forum or _governing_board(forum) or board[4:].casefold() in forum.casefold()
        else board,
        "cadence": CADENCE_PHRASES[ex.report_frequency],
        "places": join_words(_place(j) for j in org.jurisdictions if j.strip()),
        "people": "" if not people else "1 person" if people == 1 else f"about {people:,} people",
        "served": _served(charter),
        "fria_systems": [mid_sentence(s.name) for s in fria_systems(org) if s.name.strip()],
        "fria_unverified": bool(fria and fria.unverified),
    }


def _reference_unverified(reference: str) -> bool:
    """True when a board item cites a provision the references catalogue marks unverified.

    The item's reference may name several provisions ('A; B') and add words after one ('Art.
    113(3)(c)(i), as amended ...'); each is matched to the longest catalogue id it starts with.
    """
    from wizards.catalogues import references

    known = references()
    for part in reference.split(";"):
        part = part.strip()
        ids = [r for r in known if part.startswith(r) and not part[len(r) :][:1].isdigit()]
        if ids and known[max(ids, key=len)].unverified:
            return True
    return False


def _is_board(forum: str) -> bool:
    """True when the forum is the board itself rather than one of its committees."""
    lowered = forum.casefold()
    return "board" in lowered and "committee" not in lowered


def _approval_context(
    charter: Charter,
    previous: Charter | None,
    findings: Sequence[ReadinessFinding] | None,
) -> dict[str, Any]:
    """The approval section, the version history and the status, all derived from the model.

    Only an approved state prints who signed and when; anything else prints the resolution
    as proposed and a signature sheet with the dates left for the meeting. ``findings`` are
    the readiness findings for the accepted risks and the open points of section 7; None
    leaves both out (a preview of another section, which does not show them).
    """
    from wizards.readiness import Level
    from wizards.versions.approval import blockers, signatories
    from wizards.versions.changes import changes
    from wizards.versions.fingerprint import short
    from wizards.versions.status import charter_status

    status = charter_status(charter)
    approved = status.approved
    resolution, ex, board = charter.resolution, charter.executive, charter.board
    # Names of bodies with their one "the", as they read mid-sentence ('the Risk Committee').
    body_name = resolution.body.strip() or board.forum.strip()
    body = _the(body_name, "the board")
    record = status.approval if approved else None
    term_start = ex.term_start or charter.meta.effective_date
    term_end = ex.term_end(charter.meta.effective_date)

    def signer(a: Any) -> dict[str, str]:
        return {
            "name": a.name.strip(),
            "role": a.role.strip(),
            "date": long_date(a.date, "") if approved and a.date else "",
        }

    def acceptance(a: Any) -> dict[str, str]:
        return {
            "summary": a.summary.strip() or "Not described",
            "reason": a.reason.strip(),
            "owner": a.owner.strip(),
            "by": _the(a.accepted_by, body),
            "on": long_date(a.accepted_on, "the approving meeting"),
            "until": long_date(a.expires, "no end date"),
        }

    findings = findings or []
    accepted = [b.acceptance for b in blockers(charter, findings) if b.acceptance is not None]
    history = [
        {
            "version": h.version,
            "date": long_date(h.approved_on),
            "by": join_words(h.approved_by) or h.body or "not recorded",
            "body": h.body,
            "fingerprint": short(h.fingerprint),
            "summary": h.summary,
        }
        for h in charter.history
    ]
    since = None
    if previous is not None and not approved:
        base = charter.history[-1].version if charter.history else previous.meta.version
        since = {"version": base, "lines": [c.words for c in changes(previous, charter)]}
    return {
        "status": status.label(),
        "approved": approved,
        "fingerprint": short(status.fingerprint),
        "body": body,
        "forum": _the(board.forum, "the board"),
        "effective": long_date(charter.meta.effective_date, ""),
        "next_review": long_date(charter.next_review_date(), ""),
        "term": (
            f"from {long_date(term_start)} to {long_date(term_end)}"
            if term_start is not None and term_end is not None
            else ""
        ),
        "meeting": long_date(record.approved_on if record else resolution.meeting_date, ""),
        "reference": (record.reference if record else resolution.reference).strip(),
        "quorum": resolution.quorum_confirmed,
        "signatories": [signer(a) for a in signatories(charter)],
        "countersigns": [signer(a) for a in charter.approvals if a.name.strip() and a.countersign],
        "deputy": ex.deputy.name.strip(),
        "accepted": [acceptance(a) for a in accepted],
        "register": [acceptance(a) for a in charter.accepted_risks],
        # Who may accept a risk beyond the appetite: the approving body and the forum.
        "acceptors": join_words(dict.fromkeys([body, _the(board.forum, body)]), last="or"),
        "open_points": [f.message for f in findings if f.severity is Level.WARNING],
        "history": history,
        "since": since,
    }


def charter_context(
    charter: Charter,
    *,
    findings: Sequence[ReadinessFinding] | None = None,
    previous: Charter | None = None,
    approval_section: bool = True,
) -> dict[str, Any]:
    """Everything the charter template prints, built from the model alone.

    Args:
        charter: The charter to render.
        findings: Readiness findings to print as an appendix, or None to leave it out.
        previous: The last approved version, to print the changes since it; None for none.
        approval_section: False when section 7 is not printed (a preview of another step):
            the readiness check it needs is then not run.
    """
    from wizards.catalogues import appetite_scale

    meta, org, ex = charter.meta, charter.organisation, charter.executive
    term_start = ex.term_start or meta.effective_date
    term_end = ex.term_end(meta.effective_date)
    scale = appetite_scale()
    board = charter.board
    start = meta.effective_date
    applying_clocks = [c for c in charter.incidents.clocks if c.applies]
    role_titles = {r.key: r.title for r in charter.incidents.roles if r.key}
    ready = readiness_meetings(charter)
    from wizards.readiness.jurisdictions import clock_authorities

    checked = None
    if approval_section:
        from wizards.readiness import check

        checked = findings if findings is not None else check(charter)
    approval = _approval_context(charter, previous, checked)
    from wizards.workshop.citation import workshop_citation  # the title page cites the workshop

    return {
        "doc": {
            "workshop": workshop_citation(charter),
            "title": meta.title,
            "version": meta.version,
            "status": approval["status"],
            "approved": approval["approved"],
            "fingerprint": approval["fingerprint"],
            "effective": long_date(meta.effective_date),
            "next_review": long_date(charter.next_review_date()),
            "review_months": meta.review_months,
            "author": meta.author,
        },
        "org": org,
        "role_text": ROLE_TEXT[org.ai_act_role],
        "systems": [
            {
                "system": s,
                "role": "Provider" if s.role is SystemRole.PROVIDER else "Deployer",
                "risk_class": RISK_CLASS_LABELS[s.risk_class],
                "annex": (
                    "product under Annex I"
                    if s.annex_i
                    else f"Annex III point {s.annex_iii_point}"
                    if s.annex_iii_point
                    else ""
                ),
            }
            for s in org.systems
        ],
        "has_high_risk": charter.has_high_risk(),
        "executive": ex,
        "authorities": _authorities(charter),
        "term_start": long_date(term_start),
        "term_end": long_date(term_end),
        "report_cadence": CADENCE_LABELS[ex.report_frequency].lower(),
        "risk": charter.risk,
        "categories": [
            {"cat": c, "appetite": APPETITE_LABELS[c.appetite]} for c in charter.risk.categories
        ],
        "scale": [(APPETITE_LABELS[a], scale[a]) for a in Appetite],
        "ethics": charter.ethics,
        "ethics_review": long_date(charter.ethics.review_date),
        "incidents": charter.incidents,
        "severities": [
            {
                "sev": s,
                "escalate": upper_first(
                    join_words(
                        role_in_list(role_titles.get(k, k)) if i else role_titles.get(k, k)
                        for i, k in enumerate(s.escalate_to)
                    )
                ),
            }
            for s in charter.incidents.severities
        ],
        "roles": _roles(charter),
        "reserved": _reserved(charter),
        "phases": [PHASE_LABELS[p] for p in Phase],
        "clocks": [
            {"clock": c, "owner": role_titles.get(c.owner_role, c.owner_role)}
            for c in applying_clocks
        ],
        # The authorities that clocks leave unnamed, for each of the organisation's places.
        "clock_authorities": clock_authorities(applying_clocks, org.jurisdictions),
        "role_titles": role_titles,
        "board": board,
        "forum_is_board": _is_board(board.forum),
        "pattern_text": describe_pattern(board),
        "fiscal_start": MONTH_NAMES[board.fiscal_year_start_month - 1],
        "first_meetings": [
            long_date(d) for d in (meeting_dates(board, start) if start else [])[:4]
        ],
        "items": [
            {
                "item": i,
                "cadence": CADENCE_LABELS[i.cadence],
                "confirm": i.unverified or _reference_unverified(i.reference),
                # A deadline between meetings, and the meeting that confirms readiness for it.
                "deadline": k in ready,
                "ready_at": long_date(ready.get(k), ""),
            }
            for k, i in enumerate(board.items)
        ],
        "approval": approval,
        # Older user templates print ``approvals``: only an approved state has signatures.
        "approvals": [a for a in charter.approvals if a.name.strip() and approval["approved"]],
        "references": _references(charter),
        "references_not_applicable": _references_not_applicable(charter),
        "findings": [f.to_dict() for f in findings] if findings else [],
        "titles": SECTION_TITLES,
        "say": _wording(charter),
        "gov": _governance(charter),
    }


def _governance(charter: Charter) -> dict[str, Any]:
    """The definitions, the approval authority, the intake gate, the governing body, the three
    lines, the indicators and the upkeep of the charter, as the sections print them."""
    meta, risk, board = charter.meta, charter.risk, charter.board
    forum = _the(board.forum, "the board")

    def cell(name: str) -> str:
        return upper_first(" ".join(name.split())) or "Not named"

    members = [m for m in board.members if m.name.strip() or m.role.strip()]
    voting = sum(1 for m in members if m.voting)
    upkeep = meta.upkeep
    amended_by = _the(upkeep.amended_by, "") or _the(
        charter.resolution.body.strip() or board.forum, "the board"
    )
    return {
        "definitions": [
            {"term": " ".join(d.term.split()), "meaning": d.meaning.strip()}
            for d in meta.definitions
            if d.term.strip() and d.meaning.strip()
        ],
        "authority": [
            {
                "risk_class": RISK_CLASS_LABELS[r.risk_class],
                "approve": cell(r.approve),
                "conditions": cell(r.conditions),
                "escalate_to": cell(r.escalate_to),
                "block": cell(r.block),
            }
            for r in risk.authority
        ],
        "intake": {
            "checks": [c.strip() for c in risk.intake.checks if c.strip()],
            "supplier_checks": [c.strip() for c in risk.intake.supplier_checks if c.strip()],
            "inventory": _the(risk.intake.inventory, ""),
        },
        "body": {
            "chair": " ".join(board.chair.split()),
            "members": [
                {
                    "name": " ".join(m.name.split()) or "Not named",
                    "role": " ".join(m.role.split()),
                    "vote": "Yes" if m.voting else "No, attends",
                }
                for m in members
            ],
            "voting": voting,
            "quorum": board.quorum,
            "minutes_days": board.minutes_days,
            "decision_log": _the(board.decision_log, ""),
        },
        "assurance": {
            "first": cell(board.assurance.first_line),
            "second": cell(board.assurance.second_line),
            "third": cell(board.assurance.third_line),
            "months": board.assurance.review_months,
            "named": any(
                line.strip()
                for line in (
                    board.assurance.first_line,
                    board.assurance.second_line,
                    board.assurance.third_line,
                )
            ),
        },
        "indicators": [
            {
                "commitment": i.commitment.strip() or "Not stated",
                "measure": i.measure.strip() or "Not stated",
                "evidence": i.evidence.strip() or "Not stated",
                "owner": cell(i.owner),
                "cadence": CADENCE_LABELS[i.cadence],
            }
            for i in board.indicators
            if i.commitment.strip() or i.measure.strip()
        ],
        "upkeep": {
            "report_to": _the(upkeep.breach_report_to, forum),
            "days": upkeep.breach_days,
            "consequences": paragraphs(upkeep.breach_consequences),
            "amended_by": amended_by,
            "editorial_by": " ".join(upkeep.editorial_by.split()),
            "proposals_from": " ".join(upkeep.proposals_from.split()),
        },
    }


def _fiscal_period(day: dt.date, start_month: int, period: str) -> str:
    """'FY2027/28 Q2' for a date in the fiscal calendar, or 'fixed date' for one-off items."""
    if period == "once":
        return "fixed date"
    year = fiscal_label(fiscal_year(day, start_month), start_month)
    return f"{year} Q{fiscal_quarter(day, start_month)}"


def calendar_context(charter: Charter) -> dict[str, Any]:
    """Everything the board calendar template prints."""
    board, meta = charter.board, charter.meta
    events = board_events(charter)
    start = meta.effective_date or dt.date.today()
    return {
        "org": charter.organisation,
        "say": _wording(charter),
        "doc": {"title": _the(meta.title, "the charter"), "version": meta.version},
        "board": board,
        "pattern_text": describe_pattern(board),
        "fiscal_start": MONTH_NAMES[board.fiscal_year_start_month - 1],
        # A date in the title never breaks between its day and its month ('31 / January').
        "start": long_date(start).replace(" ", "\u00a0"),
        "end": long_date(horizon_end(board, start)).replace(" ", "\u00a0"),
        "events": [
            {
                "date": long_date(e.date),
                "when": _fiscal_period(e.date, board.fiscal_year_start_month, e.period),
                "event": e,
                # A reference the title already names ('AI suppliers under DORA') is not
                # printed a second time under it.
                "reference": "" if e.reference.strip() in e.title else e.reference.strip(),
            }
            for e in events
        ],
    }


def _render(template: str, context: dict[str, Any], user_templates: Path | None) -> str:
    if user_templates is not None:
        # A user's template may loop without end or fill the memory: it runs in a worker
        # process with limits, and every failure comes back as a RenderError naming the file.
        return render_in_worker(template, context, Path(user_templates))
    try:
        return environment().get_template(template).render(context)
    except TemplateError as error:
        where = getattr(error, "filename", None) or template
        line = getattr(error, "lineno", None)
        at = f", line {line}" if line else ""
        raise RenderError(f"Template {where}{at}: {error.message or error}") from None


def render_charter(
    charter: Charter,
    *,
    findings: Sequence[ReadinessFinding] | None = None,
    user_templates: Path | None = None,
    previous: Charter | None = None,
) -> str:
    """The whole charter as semantic HTML (with the changes since ``previous`` if given)."""
    context = charter_context(charter, findings=findings, previous=previous)
    return _render(CHARTER_TEMPLATE, context, user_templates)


def render_section(charter: Charter, step: Step, *, user_templates: Path | None = None) -> str:
    """One step's section of the charter as HTML, for the live preview."""
    template = SECTION_TEMPLATES.get(step)
    if template is None:
        return render_charter(charter, user_templates=user_templates)
    context = charter_context(charter, approval_section=step is Step.REVIEW)
    return _render(template, context, user_templates)


def render_calendar(charter: Charter, *, user_templates: Path | None = None) -> str:
    """The board reporting calendar as semantic HTML."""
    return _render(CALENDAR_TEMPLATE, calendar_context(charter), user_templates)
