"""Readiness rules over the workshop's record: each fires on a hollow record, not on a sound one.

The cases work on any complete charter; ``tests/wizards/test_readiness.py`` runs them on its
good charter too, with every other rule's cases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests.wizards.factories import complete_charter
from wizards.model import ApprovalRecord, Charter
from wizards.readiness import RULES, check
from wizards.versions.fingerprint import fingerprint
from wizards.workshop.agenda import new_workshop
from wizards.workshop.model import Action, Attendee, Dissent, Outcome, Workshop
from wizards.workshop.record import take

Mutator = Callable[[Charter], None]

DAY = dt.date(2026, 12, 3)
AT = dt.datetime(2026, 12, 3, 10, 0)
WORKSHOP_RULES = {r for r in RULES if r.startswith("workshop-")}


def room(charter: Charter) -> Workshop:
    """A workshop on the charter with its people, a staff member, and the charter's board."""
    w = new_workshop(charter, date=DAY)
    w.attendees.append(Attendee(id="staff", name="Robin Clerk", role="Governance officer"))
    charter.workshops.append(w)
    return w


def item(w: Workshop, step: str) -> str:
    return next(i.id for i in w.agenda if i.step == step)


def _exec_id(w: Workshop) -> str:
    return w.attendees[0].id


def agreed(key: str = "executive.person", **kwargs: Any) -> Mutator:
    def mutate(c: Charter) -> None:
        w = room(c)
        take(w, c, key, kwargs.pop("outcome", Outcome.AGREED), now=AT, **kwargs)

    return mutate


def exec_absent(c: Charter) -> None:
    w = room(c)
    w.attendees[0].items = [w.agenda[0].id]
    take(w, c, "executive.deputy", Outcome.AGREED, item=item(w, "executive"), now=AT)


def exec_present_for_the_item(c: Charter) -> None:
    w = room(c)
    w.attendees[0].items = [item(w, "executive")]
    take(w, c, "executive.deputy", Outcome.AGREED, item=item(w, "executive"), now=AT)


def staff_agree(c: Charter) -> None:
    w = room(c)
    take(w, c, "risk.prohibited_uses", Outcome.AGREED, agreed_by=["staff", _exec_id(w)], now=AT)
    w.quorum = 2


def leaders_agree(c: Charter) -> None:
    w = room(c)
    leaders = [a.id for a in w.attendees if a.leadership]
    take(w, c, "risk.prohibited_uses", Outcome.AGREED, agreed_by=leaders, now=AT)


def dissent(response: str) -> Mutator:
    def mutate(c: Charter) -> None:
        w = room(c)
        objection = Dissent(attendee="staff", reason="The list is too short.", response=response)
        take(w, c, "risk.prohibited_uses", Outcome.DISSENT, dissent=[objection], now=AT)

    return mutate


def deferred(**action: Any) -> Mutator:
    def mutate(c: Charter) -> None:
        w = room(c)
        take(w, c, "ethics.principles", Outcome.DEFERRED, action=Action(**action), now=AT)

    return mutate


def deferred_without_action(c: Charter) -> None:
    agreed("ethics.principles", outcome=Outcome.DEFERRED)(c)
    c.workshops[-1].actions.clear()


def settled_later(c: Charter) -> None:
    deferred(text="Choose the principles")(c)
    take(c.workshops[-1], c, "ethics.principles", Outcome.AGREED, now=AT)


def approved_after_deferral(c: Charter) -> None:
    deferred(text="Choose the principles", owner="Robin Clerk")(c)
    c.history.append(
        ApprovalRecord(version="1.0", approved_on=DAY + dt.timedelta(days=7),
                       fingerprint=fingerprint(c))
    )  # fmt: skip


def approved_before_the_workshop(c: Charter) -> None:
    c.history.append(ApprovalRecord(version="1.0", approved_on=DAY - dt.timedelta(days=30)))
    deferred(text="Choose the principles", owner="Robin Clerk")(c)


def staff_only(c: Charter) -> None:
    w = room(c)
    for a in w.attendees:
        a.leadership = False


def reopened_later(c: Charter) -> None:
    agreed("executive.authorities.veto_deployments")(c)
    c.executive.authorities.veto_deployments = not c.executive.authorities.veto_deployments


def case(rule_id: str, mutator: Mutator, name: str) -> Any:
    return pytest.param(rule_id, mutator, id=f"{rule_id}:{name}")


YESTERDAY = dt.date.today() - dt.timedelta(days=1)
TOMORROW = dt.date.today() + dt.timedelta(days=1)

TRIGGERS = [
    case("workshop-exec-absent", exec_absent, "executive at the opening only"),
    case("workshop-below-quorum", staff_agree, "one leader and staff"),
    case("workshop-dissent-unanswered", dissent(""), "no response"),
    case("workshop-open-unowned", deferred(text="Choose the principles"), "action without owner"),
    case("workshop-open-unowned", deferred_without_action, "deferred without action"),
    case("workshop-open-overdue", deferred(text="Pick", owner="Robin", due=YESTERDAY), "due"),
    case("workshop-approved-while-deferred", approved_after_deferral, "approved a week later"),
    case("workshop-staff-only", staff_only, "nobody from the leadership"),
    case("workshop-reopened", reopened_later, "veto changed"),
]

NEAR_MISSES = [
    case("workshop-exec-absent", exec_present_for_the_item, "executive for the item only"),
    case("workshop-exec-absent", agreed("executive.person", outcome="deferred"), "deferred"),
    case("workshop-below-quorum", leaders_agree, "every leader"),
    case("workshop-below-quorum", staff_only, "no leaders: the staff-only finding"),
    case("workshop-dissent-unanswered", dissent("Two more uses were added."), "answered"),
    case("workshop-open-unowned", deferred(text="Pick", owner="Robin Clerk"), "owned"),
    case("workshop-open-unowned", deferred(text="Pick", done=True), "done"),
    case("workshop-open-unowned", settled_later, "settled later the same day"),
    case("workshop-open-overdue", deferred(text="Pick", owner="Robin", due=TOMORROW), "not due"),
    case("workshop-open-overdue", deferred(text="Pick", due=YESTERDAY, done=True), "done"),
    case("workshop-approved-while-deferred", approved_before_the_workshop, "earlier approval"),
    case("workshop-approved-while-deferred", settled_later, "settled, not approved"),
    case("workshop-staff-only", agreed(), "the executive attends"),
    case("workshop-reopened", agreed("executive.authorities.veto_deployments"), "unchanged"),
    case("workshop-reopened", agreed("ethics.principles", outcome="deferred"), "deferred"),
]


def _mutated(mutator: Mutator) -> Charter:
    charter = complete_charter()
    mutator(charter)
    return charter


@pytest.mark.parametrize(("rule_id", "mutator"), TRIGGERS)
def test_rule_fires(rule_id: str, mutator: Mutator) -> None:
    charter = _mutated(mutator)
    findings = [f for f in check(charter) if f.rule == rule_id]
    assert findings, f"{rule_id} did not fire"
    others = {f.rule for f in check(charter)} & WORKSHOP_RULES - {rule_id}
    assert not others - {"workshop-open-unowned", "workshop-below-quorum"}, others


@pytest.mark.parametrize(("rule_id", "mutator"), NEAR_MISSES)
def test_rule_stays_quiet(rule_id: str, mutator: Mutator) -> None:
    assert rule_id not in {f.rule for f in check(_mutated(mutator))}


def test_every_workshop_rule_has_cases() -> None:
    assert {p.values[0] for p in TRIGGERS} == WORKSHOP_RULES
    assert {p.values[0] for p in NEAR_MISSES} == WORKSHOP_RULES


def test_no_workshop_no_workshop_findings() -> None:
    charter = complete_charter()
    charter.history.append(ApprovalRecord(version="1.0", approved_on=DAY))
    assert not {f.rule for f in check(charter)} & WORKSHOP_RULES


def test_findings_name_the_decision_and_its_field() -> None:
    charter = _mutated(exec_absent)
    (f,) = [f for f in check(charter) if f.rule == "workshop-exec-absent"]
    assert f.message.startswith("The deputy was agreed on 3 December 2026 without Dana Whitfield")
    assert f.field == "executive.deputy.name"
    charter = _mutated(dissent(""))
    (f,) = [f for f in check(charter) if f.rule == "workshop-dissent-unanswered"]
    assert "Robin Clerk objected to the decision “Prohibited uses”: “The list is too short.”" in (
        f.message
    )
    charter = _mutated(deferred(text="Pick", owner="Robin", due=YESTERDAY))
    (f,) = [f for f in check(charter) if f.rule == "workshop-open-overdue"]
    assert f.message.startswith("The open point on ethics principles was due on")
    assert f.field == "workshops[0].actions[0].due"
    charter = _mutated(reopened_later)
    (f,) = [f for f in check(charter) if f.rule == "workshop-reopened"]
    assert "“May stop a new AI system or a material change from going live.”" in f.message
