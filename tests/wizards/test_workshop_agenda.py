"""A new workshop from the charter, and editing and scheduling its agenda."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tests.wizards.factories import complete_charter
from wizards.model import Approval, BodyMember, OrgSize
from wizards.steps import CONTENT_STEPS
from wizards.workshop.agenda import move, new_workshop, retime, schedule, split
from wizards.workshop.record import WorkshopError


def _total(charter_preset: str | None = None) -> int:
    charter = complete_charter()
    return sum(i.minutes for i in new_workshop(charter, charter_preset).agenda)


def test_one_item_per_content_step_between_an_opening_and_a_close() -> None:
    w = new_workshop(complete_charter(), date=dt.date(2026, 12, 3))
    steps = [i.step for i in w.agenda if i.step]
    assert steps == [s.name.lower() for s in CONTENT_STEPS]
    assert w.agenda[0].title.startswith("Opening") and w.agenda[-1].title.startswith("Close")
    assert w.date == dt.date(2026, 12, 3) and w.start == dt.time(9, 0)
    assert w.title == "Leadership offsite on the AI governance charter"


def test_half_a_day_for_lean_and_charity_a_full_day_for_regulated_bodies() -> None:
    for kind in ("lean", "charity"):
        assert 3 * 60 <= _total(kind) <= 5 * 60, kind
    for kind in ("regulated", "financial", "health", "public"):
        assert 7 * 60 <= _total(kind) <= 9 * 60, kind
    charity = complete_charter()
    charity.organisation.sector, charity.organisation.size = "Charity", OrgSize.SMALL
    charity.organisation.employees = 12
    assert sum(i.minutes for i in new_workshop(charity).agenda) <= 5 * 60
    bank = complete_charter()
    bank.organisation.sector, bank.organisation.dora_entity = "Banking", True
    assert sum(i.minutes for i in new_workshop(bank).agenda) >= 7 * 60
    with pytest.raises(WorkshopError, match="not a preset or a sector"):
        new_workshop(complete_charter(), "huge")


def test_attendees_from_what_the_charter_knows() -> None:
    charter = complete_charter()
    charter.approvals.append(Approval(name="dana  whitfield", role="COO", countersign=True))
    charter.approvals.append(Approval(name="Pat Lowe", role="Staff rep", leadership=False))
    charter.resolution.body = "the Audit and Risk Committee"
    charter.board.members = [
        BodyMember(name="Ruth Ames", role="Chair"),
        BodyMember(name="Ian Dee"),
        BodyMember(name="Al Audit", role="Head of Internal Audit", voting=False),
    ]
    people = {a.name: a for a in new_workshop(charter).attendees}
    assert list(people) == [
        "Dana Whitfield", "Sam Okafor", "Ruth Ames", "Pat Lowe", "Ian Dee", "Al Audit"
    ]  # fmt: skip
    assert people["Dana Whitfield"].leadership and not people["Dana Whitfield"].approving_body
    assert not people["Sam Okafor"].leadership
    assert people["Ruth Ames"].leadership and people["Ruth Ames"].approving_body
    assert people["Pat Lowe"].approving_body and not people["Pat Lowe"].leadership
    assert people["Ian Dee"].approving_body  # the forum is the approving body
    assert not people["Al Audit"].leadership and not people["Al Audit"].approving_body
    assert people["Dana Whitfield"].role == "Chief Operating Officer"


def test_split_move_retime() -> None:
    w = new_workshop(complete_charter())
    risk = next(i for i in w.agenda if i.step == "risk")
    minutes = risk.minutes
    second = split(w, risk.id)
    assert w.agenda[w.agenda.index(risk) + 1] is second
    assert risk.minutes + second.minutes == minutes and second.step == "risk"
    assert second.title == f"{risk.title} (continued)"
    assert split(w, second.id).title == second.title
    move(w, second.id, -100)
    assert w.agenda[0] is second
    move(w, second.id, 2)
    assert w.agenda[2] is second
    retime(w, second.id, 50)
    assert second.minutes == 50
    with pytest.raises(WorkshopError, match="1,440"):
        retime(w, second.id, 2000)
    with pytest.raises(WorkshopError):
        move(w, "nope", 1)


def test_schedule_runs_from_the_start() -> None:
    w = new_workshop(complete_charter())
    assert all(s is None and e is None for _, s, e in schedule(w))
    w.date = dt.date(2026, 12, 3)
    rows = schedule(w)
    assert rows[0][1] == dt.datetime(2026, 12, 3, 9, 0)
    for (_, _, end), (_, start, _) in itertools.pairwise(rows):
        assert end == start
    total = sum(i.minutes for i in w.agenda)
    assert rows[-1][2] == dt.datetime(2026, 12, 3, 9, 0) + dt.timedelta(minutes=total)
