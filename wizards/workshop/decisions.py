"""The key decisions a workshop settles, each with its question, why it matters and its answer.

A key decision is one answer of the charter that the leadership, not staff, must own: who is
accountable, what they may do, how much risk the organisation takes, what it will never do, the
principles, who is called when the worst happens, and how often the board hears of it. Each has a
stable key (``executive.person``, ``risk.categories.privacy.appetite``) under which the decision
log records it, and :func:`answer` gives the charter's current answer in words, the same words
for the same answers, so a later change to a decided answer can be seen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from wizards.board_calendar import describe_pattern
from wizards.model import Charter, Person, RiskCategory
from wizards.render import (
    APPETITE_LABELS,
    CADENCE_PHRASES,
    _the,
    hours_text,
    join_words,
    upper_first,
)
from wizards.steps import Step
from wizards.workshop.model import AgendaItem


@dataclass(frozen=True)
class DecisionPoint:
    """One key decision as the room sees it.

    Attributes:
        key: Stable key in the decision log, e.g. ``"executive.authorities.halt_systems"``.
        title: A few words for a heading or a list, e.g. "Authority to halt an AI system".
        question: The question put to the room, in plain words.
        why: One or two sentences on why the decision matters.
        step: The wizard step whose page holds the answer.
        path: Model path of the field that holds the answer, e.g. ``"executive.person.name"``.
        also: Further fields that are part of the same decision (the reporting cadence is the
            executive's report frequency and the forum's meeting pattern).
    """

    key: str
    title: str
    question: str
    why: str
    step: Step
    path: str
    also: tuple[str, ...] = ()


_AUTHORITIES: tuple[tuple[str, str, str, str], ...] = (
    (
        "budget",
        "Budget for AI governance",
        "Does the accountable executive control a budget of their own for AI governance, "
        "and how much?",
        "Oversight without money depends on someone else's goodwill: validation, audits and "
        "training get postponed. A named budget shows the leadership funds what it asks for.",
    ),
    (
        "halt_systems",
        "Authority to halt an AI system",
        "May the accountable executive pause or halt any AI system in use, without asking first?",
        "When a system harms people, hours matter. An executive who must ask permission to "
        "stop it is accountable on paper only.",
    ),
    (
        "veto_deployments",
        "Authority to stop a new AI system",
        "May the accountable executive stop a new AI system, or a material change, from going "
        "live?",
        "Stopping a system before launch is far cheaper than withdrawing it afterwards; the veto "
        "makes the executive's review more than advice.",
    ),
    (
        "approve_exceptions",
        "Authority to approve exceptions",
        "May the accountable executive approve, time-limit and withdraw exceptions to the charter?",
        "Every charter meets cases it did not foresee. Someone named must decide them, on the "
        "record and for a limited time, or exceptions become the rule.",
    ),
    (
        "other",
        "Further authorities",
        "What else may the accountable executive decide alone?",
        "Powers the room agrees now are not argued over during an incident.",
    ),
)

_AUTHORITY_WORDS = {
    "halt_systems": (
        "May pause or halt any AI system in use.",
        "May not halt an AI system alone.",
    ),
    "veto_deployments": (
        "May stop a new AI system or a material change from going live.",
        "May not stop a new AI system from going live.",
    ),
    "approve_exceptions": (
        "May approve, time-limit and withdraw exceptions to the charter.",
        "May not approve exceptions to the charter.",
    ),
}


def _person_text(person: Person) -> str:
    name, title = person.name.strip(), person.title.strip()
    if not name:
        return ""
    return f"{name}, {title}" if title else name


def _category_keys(charter: Charter) -> list[str]:
    """The decision key of each risk category, in order: its catalogue key, made unique."""
    return _unique_keys(tuple(cat.key for cat in charter.risk.categories))


def _unique_keys(raw: tuple[str, ...]) -> list[str]:
    keys: list[str] = []
    seen: set[str] = set()
    for i, given in enumerate(raw):
        key = given.strip() or f"category-{i + 1}"
        if key in seen:
            key = f"{key}-{i + 1}"
        keys.append(key)
        seen.add(key)
    return keys


_Categories = tuple[tuple[str, str], ...]
"""What the key decisions read of the risk categories: each one's key and label."""


def _categories(charter: Charter) -> _Categories:
    return tuple((cat.key, cat.label) for cat in charter.risk.categories)


def key_decisions(charter: Charter) -> list[DecisionPoint]:
    """The key decisions of this charter, in the order of the wizard's steps.

    Args:
        charter: The charter; its risk categories give one appetite decision each.

    Returns:
        The appointment, the deputy, each authority, each risk category's appetite, the
        prohibited uses, the principles, the top severity's incident chain and the reporting
        cadence.
    """
    return list(_points(_categories(charter)))


# The presenter view asks for one decision at a time, for every decision logged, at every
# keystroke; the points depend on the categories' keys and labels alone and are immutable, so
# the last few sets are kept.
@lru_cache(maxsize=8)
def _points(categories: _Categories) -> tuple[DecisionPoint, ...]:
    points = [
        DecisionPoint(
            "executive.person",
            "The accountable executive",
            "Who is the one executive accountable for AI in this organisation?",
            "One named person, senior enough to be heard, answers for every AI system. When "
            "accountability is shared by everyone it is held by no one.",
            Step.EXECUTIVE,
            "executive.person.name",
            also=("executive.person.title",),  # the answer in words names the title too
        ),
        DecisionPoint(
            "executive.deputy",
            "The deputy",
            "Who acts for the accountable executive when they cannot be reached?",
            "Incidents do not wait for holidays. Without a named deputy, decisions stall on the "
            "day the executive is away.",
            Step.EXECUTIVE,
            "executive.deputy.name",
            also=("executive.deputy.title",),  # the answer in words names the title too
        ),
    ]
    points += [
        DecisionPoint(
            f"executive.authorities.{name}",
            title,
            question,
            why,
            Step.EXECUTIVE,
            f"executive.authorities.{name}",
        )
        for name, title, question, why in _AUTHORITIES
    ]
    keys = _unique_keys(tuple(raw for raw, _label in categories))
    for i, (key, (_raw, given)) in enumerate(zip(keys, categories, strict=True)):
        label = given.strip() or f"risk category {i + 1}"
        points.append(
            DecisionPoint(
                f"risk.categories.{key}.appetite",
                f"Appetite for {label[:1].lower() + label[1:]}",
                f"{upper_first(label)}: how much of this risk will the organisation accept, "
                "from averse through minimal, cautious and open to eager?",
                "The appetite tells every team how far it may go without asking, and when it must "
                "stop and escalate. Set by the leadership, it is a decision; left to staff, a "
                "guess.",
                Step.RISK,
                f"risk.categories[{i}].appetite",
                (f"risk.categories[{i}].threshold",),
            )
        )
    points += [
        DecisionPoint(
            "risk.prohibited_uses",
            "Prohibited uses",
            "What will the organisation never use AI for, whatever the benefit?",
            "A short list of red lines settles in advance the arguments that would otherwise be "
            "had under commercial pressure.",
            Step.RISK,
            "risk.prohibited_uses",
        ),
        DecisionPoint(
            "ethics.principles",
            "Ethics principles",
            "Which principles will the organisation hold its AI to?",
            "Principles the leadership has chosen and signed are the yardstick for every later "
            "decision; principles adopted by default are not.",
            Step.ETHICS,
            "ethics.principles",
        ),
        DecisionPoint(
            "incidents.top_severity",
            "The chain for the most serious incidents",
            "When the most serious incident happens, who is told, and how fast?",
            "Regulators' clocks run from the moment the organisation knows. The chain agreed now "
            "decides whether the right people hear in time to act.",
            Step.INCIDENTS,
            "incidents.severities[0].escalate_to",
            ("incidents.severities[0].executive_hours", "incidents.severities[0].board_hours"),
        ),
        DecisionPoint(
            "board.cadence",
            "Reporting to the board",
            "How often does the accountable executive report, and when does the forum meet to "
            "hear it?",
            "A board that hears about AI once a year cannot oversee it. The cadence is how the "
            "leadership keeps watching after the charter is signed.",
            Step.BOARD,
            "board.pattern",
            ("executive.report_frequency", "board.forum"),
        ),
    ]
    return tuple(points)


@lru_cache(maxsize=8)
def _by_key(categories: _Categories) -> dict[str, DecisionPoint]:
    # Keys are unique: the categories' are made so, and theirs start "risk.categories.".
    return {p.key: p for p in _points(categories)}


def decision_point(charter: Charter, key: str) -> DecisionPoint | None:
    """The key decision with this key, or None when the charter has no such decision."""
    return _by_key(_categories(charter)).get(key)


def points_by_key(charter: Charter) -> dict[str, DecisionPoint]:
    """Every key decision of the charter by its key, for looking many up at once."""
    return dict(_by_key(_categories(charter)))


def _authority_answer(charter: Charter, name: str) -> str:
    auth = charter.executive.authorities
    if name == "budget":
        if not auth.budget:
            return "Holds no budget for AI governance."
        amount = auth.budget_amount.strip()
        return f"Holds a budget: {amount}." if amount else "Holds a budget; no amount stated."
    if name == "other":
        return "; ".join(o.strip() for o in auth.other if o.strip())
    granted, refused = _AUTHORITY_WORDS[name]
    return granted if getattr(auth, name) else refused


def _appetite_text(cat: RiskCategory) -> str:
    text = APPETITE_LABELS[cat.appetite]
    threshold = " ".join(cat.threshold.split())
    return f"{text}. Threshold: {threshold}" if threshold else text


@lru_cache(maxsize=8)
def _category_index(raw: tuple[str, ...]) -> dict[str, int]:
    return {key: i for i, key in reversed(list(enumerate(_unique_keys(raw))))}


def _appetite_answer(charter: Charter, key: str) -> str:
    categories = charter.risk.categories
    index = _category_index(tuple(cat.key for cat in categories)).get(key)
    return _appetite_text(categories[index]) if index is not None else ""


def _chain_answer(charter: Charter) -> str:
    severities = charter.incidents.severities
    if not severities:
        return ""
    top = severities[0]
    label = " ".join(p for p in (top.level.strip(), top.name.strip()) if p) or "Top severity"
    roles = {r.key: r for r in charter.incidents.roles if r.key}
    told = []
    for key in top.escalate_to:
        role = roles.get(key)
        if role is None:
            told.append(key)
        else:
            title = role.title.strip() or key
            told.append(f"{title} ({role.person.strip()})" if role.person.strip() else title)
    parts = [label]
    if top.executive_hours is not None:
        parts.append(f"the executive within {hours_text(top.executive_hours)}")
    if top.board_hours is not None:
        parts.append(f"the board within {hours_text(top.board_hours)}")
    text = f"{parts[0]}: " + (", ".join(parts[1:]) if parts[1:] else "no times set")
    return f"{text}; escalated to {join_words(told)}." if told else f"{text}; escalated to no one."


def _cadence_answer(charter: Charter) -> str:
    forum = charter.board.forum.strip()
    if not forum:
        return ""
    how_often = CADENCE_PHRASES[charter.executive.report_frequency]
    return (
        f"The executive reports {how_often} to {_the(forum, forum)}, which meets on "
        f"{describe_pattern(charter.board)}."
    )


_FIXED: dict[str, Callable[[Charter], str]] = {
    "executive.person": lambda c: _person_text(c.executive.person),
    "executive.deputy": lambda c: _person_text(c.executive.deputy),
    "risk.prohibited_uses": lambda c: "; ".join(
        upper_first(" ".join(u.split())) for u in c.risk.prohibited_uses if u.strip()
    ),
    "ethics.principles": lambda c: "; ".join(
        p.title.strip() for p in c.ethics.principles if p.title.strip()
    ),
    "incidents.top_severity": _chain_answer,
    "board.cadence": _cadence_answer,
}


def answer(charter: Charter, key: str) -> str:
    """The charter's current answer to a key decision, in words.

    The same answers always give the same text, so the answer recorded when a decision was
    taken can be compared with the answer now.

    Args:
        charter: The charter.
        key: A key of :func:`key_decisions`.

    Returns:
        The answer in words; "" when the question is unanswered or the key is unknown.
    """
    fixed = _FIXED.get(key)
    if fixed is not None:
        return fixed(charter)
    prefix = "executive.authorities."
    if key.startswith(prefix) and key[len(prefix) :] in {a[0] for a in _AUTHORITIES}:
        return _authority_answer(charter, key[len(prefix) :])
    if key.startswith("risk.categories.") and key.endswith(".appetite"):
        return _appetite_answer(charter, key[len("risk.categories.") : -len(".appetite")])
    return ""


def answers(charter: Charter) -> dict[str, str]:
    """The current answer of every key decision by its key, as :func:`answer` gives each.

    One pass over the charter, for checks that compare many decisions at once.
    """
    out = {key: text(charter) for key, text in _FIXED.items()}
    for name, *_ in _AUTHORITIES:
        out[f"executive.authorities.{name}"] = _authority_answer(charter, name)
    categories = zip(_category_keys(charter), charter.risk.categories, strict=True)
    for key, cat in categories:
        out[f"risk.categories.{key}.appetite"] = _appetite_text(cat)
    return out


def step_of_item(item: AgendaItem) -> Step | None:
    """The wizard step an agenda item discusses, or None for an opening, a break or a close."""
    name = item.step.strip().upper()
    return Step.__members__.get(name)


def points_for(charter: Charter, item: AgendaItem) -> list[DecisionPoint]:
    """The key decisions taken in an agenda item: those of the step it discusses.

    Args:
        charter: The charter.
        item: An agenda item; its ``step`` is a step's name in lower case, or empty.

    Returns:
        The item's key decisions in order; empty for an item without a step.
    """
    step = step_of_item(item)
    if step is None:
        return []
    return [p for p in key_decisions(charter) if p.step is step]
