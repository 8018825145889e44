"""The workshop's record: who is present, decisions taken, standing and reopened, item times."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.wizards.factories import complete_charter
from wizards.model import Appetite
from wizards.workshop.agenda import new_workshop
from wizards.workshop.model import Action, Attendee, Dissent, Outcome, Workshop
from wizards.workshop.record import (
    WorkshopError,
    current,
    end_item,
    present,
    reopened,
    standing,
    standing_decisions,
    start_item,
    take,
)

NOW = dt.datetime(2026, 12, 3, 10, 15)


def _workshop() -> Workshop:
    w = new_workshop(complete_charter(), date=NOW.date())
    w.attendees.append(Attendee(id="late", name="Late Comer", leadership=True))
    return w


def test_current_is_the_last_workshop() -> None:
    charter = complete_charter()
    assert current(charter) is None
    charter.workshops = [Workshop(title="First"), Workshop(title="Second")]
    assert current(charter) is not None and current(charter).title == "Second"  # type: ignore[union-attr]


def test_present_honours_the_items_attended() -> None:
    w = _workshop()
    first, second = w.agenda[0].id, w.agenda[1].id
    w.attendees[-1].items = [second]
    assert "late" not in [a.id for a in present(w, first)]
    assert "late" in [a.id for a in present(w, second)]
    assert len(present(w, "")) == len(w.attendees)


def test_take_records_the_answer_and_everyone_present() -> None:
    charter, w = complete_charter(), _workshop()
    item = w.agenda[2].id
    w.attendees[-1].items = [w.agenda[0].id]
    d = take(w, charter, "executive.person", Outcome.AGREED, item=item, now=NOW)
    assert w.decisions == [d]
    assert d.answer == "Dana Whitfield, Chief Operating Officer"
    assert d.taken_at == NOW and d.item == item
    assert d.agreed_by == [a.id for a in w.attendees[:-1]]


def test_dissenters_are_not_counted_as_agreeing() -> None:
    charter, w = complete_charter(), _workshop()
    who = w.attendees[0].id
    d = take(
        w, charter, "risk.prohibited_uses", "agreed_with_dissent",
        dissent=[Dissent(attendee=who, reason="Too narrow.")], now=NOW,
    )  # fmt: skip
    assert d.outcome is Outcome.DISSENT
    assert who not in d.agreed_by and d.dissent[0].reason == "Too narrow."


def test_a_deferred_decision_carries_an_action() -> None:
    charter, w = complete_charter(), _workshop()
    action = Action(text="Propose a budget", owner="Sam Okafor", due=dt.date(2027, 1, 15))
    d = take(w, charter, "executive.authorities.budget", Outcome.DEFERRED, action=action, now=NOW)
    assert d.agreed_by == []
    assert w.actions[-1].decision == "executive.authorities.budget"
    assert w.actions[-1].owner == "Sam Okafor"
    take(w, charter, "executive.deputy", Outcome.DEFERRED, now=NOW)
    assert w.actions[-1].decision == "executive.deputy"
    assert w.actions[-1].owner == "" and "acts for the accountable executive" in w.actions[-1].text


def test_take_refuses_what_it_cannot_record() -> None:
    charter, w = complete_charter(), _workshop()
    with pytest.raises(WorkshopError, match="not one of the charter's key decisions"):
        take(w, charter, "meta.title", Outcome.AGREED)
    with pytest.raises(WorkshopError, match="is not an outcome"):
        take(w, charter, "executive.person", "maybe")
    with pytest.raises(WorkshopError, match="no item with the id"):
        take(w, charter, "executive.person", Outcome.AGREED, item="nope")
    with pytest.raises(WorkshopError, match="not an attendee"):
        take(w, charter, "executive.person", Outcome.AGREED, agreed_by=["ghost"])
    assert w.decisions == []


def test_the_last_entry_stands_and_a_change_reopens_it() -> None:
    charter, w = complete_charter(), _workshop()
    key = "risk.categories.privacy.appetite"
    take(w, charter, key, Outcome.DEFERRED, now=NOW)
    charter.risk.categories[0].appetite = Appetite.MINIMAL
    assert not reopened(w, charter, key)  # deferred: settling it later is what was asked
    later = take(w, charter, key, Outcome.AGREED, now=NOW + dt.timedelta(hours=1))
    assert standing(w, key) is later
    assert standing_decisions(w) == [later]
    assert not reopened(w, charter, key)
    charter.risk.categories[0].appetite = Appetite.OPEN
    assert reopened(w, charter, key)
    assert standing(w, "executive.person") is None
    assert not reopened(w, charter, "executive.person")


def test_items_start_and_end_and_take_uses_the_running_one() -> None:
    charter, w = complete_charter(), _workshop()
    first, second = w.agenda[1], w.agenda[2]
    start_item(w, first.id, NOW)
    start_item(w, second.id, NOW + dt.timedelta(minutes=20))
    assert first.ended_at == NOW + dt.timedelta(minutes=20)
    d = take(w, charter, "executive.person", Outcome.AGREED, now=NOW)
    assert d.item == second.id
    end_item(w, second.id, NOW + dt.timedelta(minutes=70))
    assert second.started_at == NOW + dt.timedelta(minutes=20)
    assert second.ended_at == NOW + dt.timedelta(minutes=70)
    with pytest.raises(WorkshopError):
        start_item(w, "nope")
