"""Readiness rules over the workshop's record: was the charter decided by the leadership?

A charter can be signed by the leadership and still have been decided by staff: decisions taken
without the accountable executive, agreed by a few, objections never answered, open points with
nobody to close them. These rules read the record of the charter's workshops (oldest first; a
later entry for a decision replaces an earlier one) and only a charter with a workshop gets
their findings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from wizards.model import Charter
from wizards.readiness.core import Hit, Level, rule
from wizards.readiness.helpers import _cap, _day, _listing
from wizards.steps import Step, same_person
from wizards.versions.status import StatusKind, charter_status
from wizards.workshop.decisions import DecisionPoint, answers, points_by_key
from wizards.workshop.model import Attendee, Decision, Outcome, Workshop
from wizards.workshop.record import Attendance

_LEADERSHIP_REF = "ISO/IEC 42001 5.1; NIST AI RMF GOVERN 2.3"


@dataclass(frozen=True)
class _Standing:
    """The entry that stands for one key decision, with where it is in the record."""

    workshop_index: int
    workshop: Workshop
    index: int
    decision: Decision
    point: DecisionPoint | None

    @property
    def field(self) -> str:
        """Where the answer is changed; the decision's log entry when the charter lost it."""
        if self.point is not None:
            return self.point.path
        return f"workshops[{self.workshop_index}].decisions[{self.index}]"

    @property
    def words(self) -> str:
        """The decision in words, as it opens a sentence: 'The deputy'."""
        if self.point is not None:
            return _cap(self.point.title)
        return f"The decision on {self.decision.key}"

    @property
    def when(self) -> str:
        taken = self.decision.taken_at
        return f" on {_day(taken.date())}" if taken else ""


def _standing(c: Charter, points: dict[str, DecisionPoint] | None = None) -> list[_Standing]:
    """Each key decided in any workshop, with its last entry, in the order first taken.

    ``points`` are the charter's key decisions by key, when the caller has them already.
    """
    if not c.workshops:
        return []
    if points is None:
        points = points_by_key(c)
    last: dict[str, tuple[int, int]] = {}
    for wi, w in enumerate(c.workshops):
        for di, d in enumerate(w.decisions):
            last.pop(d.key, None)
            last[d.key] = (wi, di)
    out = []
    for key, (wi, di) in last.items():
        w = c.workshops[wi]
        out.append(_Standing(wi, w, di, w.decisions[di], points.get(key)))
    return out


def _people(w: Workshop) -> dict[str, Attendee]:
    return {a.id: a for a in w.attendees}


def _is_leader(a: Attendee) -> bool:
    return a.leadership


class _Rooms:
    """Who was present at each item of each workshop, and who is who in each workshop, worked
    out once per workshop and counted once per item."""

    def __init__(self) -> None:
        self._attendance: dict[int, Attendance] = {}
        self._people: dict[int, dict[str, Attendee]] = {}

    def _of(self, s: _Standing) -> Attendance:
        found = self._attendance.get(s.workshop_index)
        if found is None:
            found = self._attendance[s.workshop_index] = Attendance(s.workshop)
        return found

    def count(self, s: _Standing, test: Callable[[Attendee], bool]) -> int:
        """How many of those present when the decision was taken ``test`` holds for; pass the
        same function for every decision, so each item is counted once."""
        return self._of(s).count(s.decision.item, test)

    def quorum(self, s: _Standing) -> tuple[int, str]:
        return _quorum(s.workshop, self.count(s, _is_leader))

    def people(self, s: _Standing) -> dict[str, Attendee]:
        if s.workshop_index not in self._people:
            self._people[s.workshop_index] = _people(s.workshop)
        return self._people[s.workshop_index]


def _agreed(s: _Standing) -> bool:
    return s.decision.outcome is not Outcome.DEFERRED


def _name(a: Attendee | None, fallback: str = "an attendee") -> str:
    return a.name.strip() if a is not None and a.name.strip() else fallback


def _short(text: str, limit: int = 120) -> str:
    """Text on one line, cut at a word before ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + " …"


def _leaders(w: Workshop) -> list[Attendee]:
    return [a for a in w.attendees if a.leadership]


@rule(
    "workshop-exec-absent",
    Level.WARNING,
    Step.REVIEW,
    "A key decision was taken without the accountable executive in the room.",
    _LEADERSHIP_REF,
)
def _workshop_exec_absent(c: Charter) -> Iterator[Hit]:
    executive = c.executive.person.name.strip()
    if not executive:
        return
    rooms = _Rooms()

    def is_executive(a: Attendee) -> bool:
        return same_person(a.name, executive)

    for s in _standing(c):
        if not _agreed(s):
            continue
        if not rooms.count(s, is_executive):
            yield Hit(
                s.field,
                f"{s.words} was agreed{s.when} without {executive}, the accountable executive, "
                "in the room: the person who answers for it did not take it.",
                f"Take the decision again with {executive} present, or record them as attending "
                "if they were there.",
            )


def _quorum(w: Workshop, leaders: int) -> tuple[int, str]:
    """Leadership members who must agree, given the leaders present, and how that number was
    set, in words."""
    if w.quorum is not None:
        return w.quorum, "the workshop's quorum"
    return leaders // 2 + 1, f"a majority of the {leaders} leadership members present"


@rule(
    "workshop-below-quorum",
    Level.WARNING,
    Step.REVIEW,
    "A key decision was agreed by fewer leadership members than the quorum.",
    _LEADERSHIP_REF,
)
def _workshop_below_quorum(c: Charter) -> Iterator[Hit]:
    rooms = _Rooms()
    leaders = {wi: bool(_leaders(w)) for wi, w in enumerate(c.workshops)}
    for s in _standing(c):
        if not _agreed(s) or not leaders[s.workshop_index]:
            continue  # a room without leaders is the staff-only finding
        needed, how = rooms.quorum(s)
        by_id = rooms.people(s)
        agreed = [
            a
            for a in (by_id.get(i) for i in s.decision.agreed_by)
            if a is not None and a.leadership
        ]
        if len(agreed) < needed:
            count = f"{len(agreed)} leadership member{'' if len(agreed) == 1 else 's'}"
            who = f" ({_listing([a.name for a in agreed])})" if agreed else ""
            yield Hit(
                s.field,
                f"{s.words} was agreed{s.when} by {count}{who}; {how} is {needed}.",
                "Take the decision again when enough of the leadership is present to agree it.",
            )


@rule(
    "workshop-dissent-unanswered",
    Level.WARNING,
    Step.REVIEW,
    "An objection recorded at the workshop was never answered.",
    "ISO/IEC 42001 5.1, 7.4",
)
def _workshop_dissent_unanswered(c: Charter) -> Iterator[Hit]:
    rooms = _Rooms()
    for s in _standing(c):
        for k, d in enumerate(s.decision.dissent):
            if d.response.strip():
                continue
            who = _name(rooms.people(s).get(d.attendee))
            reason = _short(d.reason)
            said = f": “{reason}”" if reason else ""
            yield Hit(
                # The answer is written in the workshop's record, not in the charter's answer.
                f"workshops[{s.workshop_index}].decisions[{s.index}].dissent[{k}].response",
                f"{_cap(who)} objected to the decision “{s.words}”{said}, and the "
                "objection has no answer on the record.",
                "Record how the objection was answered, or take the decision again.",
            )


def _open_actions(c: Charter) -> Iterator[tuple[int, int, Workshop]]:
    """(workshop index, action index, workshop) of each action not done."""
    for wi, w in enumerate(c.workshops):
        for ai, action in enumerate(w.actions):
            if not action.done:
                yield wi, ai, w


def _still_deferred(standing: list[_Standing]) -> list[_Standing]:
    return [s for s in standing if s.decision.outcome is Outcome.DEFERRED]


def _action_words(points: dict[str, DecisionPoint], w: Workshop, ai: int) -> str:
    action = w.actions[ai]
    point = points.get(action.decision) if action.decision else None
    text = " ".join(action.text.split())
    if point is not None:
        return f"The open point on {point.title[:1].lower() + point.title[1:]}"
    return f"The action “{text}”" if text else f"Action {ai + 1} of the workshop"


@rule(
    "workshop-open-unowned",
    Level.WARNING,
    Step.REVIEW,
    "A deferred decision or an open action from a workshop has no owner.",
    "ISO/IEC 42001 5.3",
)
def _workshop_open_unowned(c: Charter) -> Iterator[Hit]:
    points = points_by_key(c) if c.workshops else {}
    standing = _standing(c, points)
    settled = {s.decision.key for s in standing if _agreed(s)}
    for wi, ai, w in _open_actions(c):
        action = w.actions[ai]
        if action.decision in settled or action.owner.strip():
            continue
        yield Hit(
            f"workshops[{wi}].actions[{ai}].owner",
            f"{_action_words(points, w, ai)} has no owner: nobody is charged with closing it.",
            "Name the person who will bring it back to the leadership, and by when.",
        )
    with_action = {a.decision for w in c.workshops for a in w.actions}
    for s in _still_deferred(standing):
        if s.decision.key not in with_action:
            yield Hit(
                f"workshops[{s.workshop_index}].actions",
                f"{s.words} was deferred{s.when} with no action and no owner to settle it.",
                "Add an action for it with an owner and a due date.",
            )


@rule(
    "workshop-open-overdue",
    Level.WARNING,
    Step.REVIEW,
    "An open action from a workshop is past its due date.",
    "ISO/IEC 42001 5.3, 10.1",
)
def _workshop_open_overdue(c: Charter) -> Iterator[Hit]:
    today = dt.date.today()
    points = points_by_key(c) if c.workshops else {}
    settled = {s.decision.key for s in _standing(c, points) if _agreed(s)}
    for wi, ai, w in _open_actions(c):
        action = w.actions[ai]
        if action.decision in settled or action.due is None or action.due >= today:
            continue
        owner = action.owner.strip()
        yield Hit(
            f"workshops[{wi}].actions[{ai}].due",
            f"{_action_words(points, w, ai)} was due on {_day(action.due)}"
            + (f" from {owner}" if owner else "")
            + " and is still open.",
            "Settle it, mark it done, or agree a new date with its owner.",
        )


@rule(
    "workshop-approved-while-deferred",
    Level.WARNING,
    Step.REVIEW,
    "The charter was approved while decisions of its workshop were still deferred.",
    _LEADERSHIP_REF,
)
def _workshop_approved_while_deferred(c: Charter) -> Iterator[Hit]:
    deferred = _still_deferred(_standing(c))
    if not deferred or not c.history:
        return
    status = charter_status(c)
    approved_on = [a.approved_on for a in c.history if a.approved_on is not None]
    for s in deferred:
        taken = s.decision.taken_at.date() if s.decision.taken_at else dt.date.min
        later = any(day >= taken for day in approved_on)
        if status.kind in (StatusKind.APPROVED, StatusKind.LAPSED) or later:
            approval = status.approval if status.approval is not None else c.history[-1]
            version = f"version {approval.version}" if approval.version.strip() else "the charter"
            yield Hit(
                s.field,
                f"{_cap(version)} was approved while the decision “{s.words}” was still "
                f"deferred{s.when}: the approval covers a point the leadership had not decided.",
                "Settle the deferred decision with the leadership and approve the charter again.",
            )


@rule(
    "workshop-staff-only",
    Level.WARNING,
    Step.REVIEW,
    "A workshop had no member of the leadership team at all: drafted by staff alone.",
    _LEADERSHIP_REF,
)
def _workshop_staff_only(c: Charter) -> Iterator[Hit]:
    for wi, w in enumerate(c.workshops):
        if not _leaders(w):
            title = w.title.strip() or f"Workshop {wi + 1}"
            when = f" on {_day(w.date)}" if w.date else ""
            yield Hit(
                f"workshops[{wi}].attendees",
                f"No member of the leadership team attended “{title}”{when}: the charter was "
                "drafted by staff alone.",
                "Mark the leadership members among the attendees, or hold the workshop with the "
                "leadership.",
            )


@rule(
    "workshop-reopened",
    Level.WARNING,
    Step.REVIEW,
    "A decision agreed at a workshop has been changed since.",
    _LEADERSHIP_REF,
)
def _workshop_reopened(c: Charter) -> Iterator[Hit]:
    standing = _standing(c)
    now = answers(c) if standing else {}
    for s in standing:
        if _agreed(s) and s.decision.answer != now.get(s.decision.key, ""):
            was = _short(s.decision.answer) or "no answer"
            yield Hit(
                s.field,
                f"{s.words} was agreed{s.when} as “{was}”, and the charter says something else "
                "now: the change has not been agreed.",
                "Take the decision again with the leadership, or put back the answer agreed.",
            )
