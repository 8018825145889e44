"""Keeping the workshop's record: who is in the room, each decision as taken, the items' times.

The decision log only grows: taking a decision again appends a new entry, and the last entry for
a key stands (:func:`standing`). Each entry keeps the answer in words as it was when taken, so a
later change to the charter shows as the decision reopened (:func:`reopened`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from wizards.model import Charter
from wizards.workshop.decisions import answer, decision_point
from wizards.workshop.model import (
    Action,
    AgendaItem,
    Attendee,
    Decision,
    Dissent,
    Outcome,
    Workshop,
)


class WorkshopError(ValueError):
    """A request the workshop's record cannot take; the message says what and where."""


def current(charter: Charter) -> Workshop | None:
    """The charter's current workshop: the last one, or None when it has none."""
    return charter.workshops[-1] if charter.workshops else None


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now()).replace(microsecond=0)


def item_by_id(workshop: Workshop, item_id: str) -> AgendaItem:
    """The agenda item with this id.

    Raises:
        WorkshopError: When the agenda has no such item.
    """
    for item in workshop.agenda:
        if item.id == item_id:
            return item
    raise WorkshopError(f"The agenda of '{workshop.title}' has no item with the id '{item_id}'.")


def attendee_by_id(workshop: Workshop, attendee_id: str) -> Attendee | None:
    """The attendee with this id, or None."""
    return next((a for a in workshop.attendees if a.id == attendee_id), None)


def running(workshop: Workshop) -> AgendaItem | None:
    """The agenda item started and not yet ended, or None."""
    return next(
        (i for i in workshop.agenda if i.started_at is not None and i.ended_at is None), None
    )


def present(workshop: Workshop, item_id: str) -> list[Attendee]:
    """The attendees present at an agenda item.

    Args:
        workshop: The workshop.
        item_id: Id of an agenda item; "" for the whole workshop (everyone).

    Returns:
        Attendees who attend every item (empty ``items``) or list this one, in the order given.
    """
    return [a for a in workshop.attendees if not item_id or not a.items or item_id in a.items]


class Attendance:
    """Who is present at each agenda item of one workshop, as :func:`present` says, indexed once.

    Checks over a long decision log ask about the room of every decision; listing the room of
    each item anew reads every attendee per item. The index reads them once: those who attend
    every item, and for each item those who list it.
    """

    def __init__(self, workshop: Workshop) -> None:
        self._attendees = workshop.attendees
        self._everyone = [a for a in workshop.attendees if not a.items]
        self._everyone_ids = {a.id for a in self._everyone}
        self._all_ids = {a.id for a in workshop.attendees}
        self._listed: dict[str, list[Attendee]] = {}
        for a in workshop.attendees:
            for item_id in dict.fromkeys(a.items):
                self._listed.setdefault(item_id, []).append(a)
        self._listed_ids: dict[str, set[str]] = {}
        self._sizes: dict[str, int] = {}
        self._counts: dict[tuple[Callable[[Attendee], bool], str], int] = {}
        self._everyone_counts: dict[Callable[[Attendee], bool], int] = {}

    def count(self, item_id: str, test: Callable[[Attendee], bool]) -> int:
        """How many of those present at an item (everyone for "") ``test`` holds for."""
        key = (test, item_id)
        found = self._counts.get(key)
        if found is None:
            if not item_id:
                found = sum(1 for a in self._attendees if test(a))
            else:
                if test not in self._everyone_counts:
                    self._everyone_counts[test] = sum(1 for a in self._everyone if test(a))
                listed = self._listed.get(item_id, ())
                found = self._everyone_counts[test] + sum(1 for a in listed if test(a))
            self._counts[key] = found
        return found

    def _ids(self, item_id: str) -> set[str]:
        ids = self._listed_ids.get(item_id)
        if ids is None:
            ids = self._listed_ids[item_id] = {a.id for a in self._listed.get(item_id, ())}
        return ids

    def is_room(self, item_id: str, ids: Iterable[str]) -> bool:
        """True when someone is present at the item and ``ids`` are exactly their ids."""
        wanted = set(ids)
        if not item_id:
            return bool(self._all_ids) and wanted == self._all_ids
        size = self._sizes.get(item_id)
        if size is None:
            size = len(self._everyone_ids) + len(self._ids(item_id) - self._everyone_ids)
            self._sizes[item_id] = size
        listed = self._ids(item_id)
        return (
            size > 0
            and len(wanted) == size
            and all(i in self._everyone_ids or i in listed for i in wanted)
        )


def take(
    workshop: Workshop,
    charter: Charter,
    key: str,
    outcome: Outcome | str,
    *,
    item: str = "",
    agreed_by: Iterable[str] | None = None,
    dissent: Sequence[Dissent] = (),
    action: Action | None = None,
    now: dt.datetime | None = None,
) -> Decision:
    """Record one key decision in the workshop's log, with the answer as it stands now.

    Args:
        workshop: The workshop; its decision log (and its actions) are appended to.
        charter: The charter, for the answer in words.
        key: A key of :func:`wizards.workshop.decisions.key_decisions`.
        outcome: Agreed, agreed with dissent, or deferred.
        item: Id of the agenda item it is taken in; "" for the item running now, if any.
        agreed_by: Ids of the attendees who agreed; None for everyone present at the item
            except those who dissent (nobody for a deferred decision).
        dissent: Objections, each in the dissenter's words.
        action: What is left open; a deferred decision always carries one (a new action
            without owner when none is given), linked to the decision by its key.
        now: When the decision was taken; None for the current time.

    Returns:
        The new entry of the log.

    Raises:
        WorkshopError: For an unknown key, item, outcome or attendee.
    """
    point = decision_point(charter, key)
    if point is None:
        raise WorkshopError(f"'{key}' is not one of the charter's key decisions.")
    try:
        outcome = Outcome(outcome)
    except ValueError:
        choices = ", ".join(o.value for o in Outcome)
        raise WorkshopError(f"'{outcome}' is not an outcome; use one of {choices}.") from None
    if item:
        item_by_id(workshop, item)
    else:
        running_item = running(workshop)
        item = running_item.id if running_item else ""
    dissent = [d.model_copy() for d in dissent]
    known = {a.id for a in workshop.attendees}
    for d in dissent:
        if d.attendee not in known:
            raise WorkshopError(f"The dissent names '{d.attendee}', who is not an attendee.")
    if agreed_by is None:
        dissenters = {d.attendee for d in dissent}
        agreed = (
            []
            if outcome is Outcome.DEFERRED
            else [a.id for a in present(workshop, item) if a.id not in dissenters]
        )
    else:
        agreed = list(dict.fromkeys(agreed_by))
        unknown = [a for a in agreed if a not in known]
        if unknown:
            raise WorkshopError(f"'{unknown[0]}' agreed, but is not an attendee.")
    decision = Decision(
        key=key,
        outcome=outcome,
        taken_at=_now(now),
        item=item,
        answer=answer(charter, key),
        agreed_by=agreed,
        dissent=dissent,
    )
    if outcome is Outcome.DEFERRED and action is None:
        action = Action(text=f"Bring back to the leadership: {point.question}")
    if action is not None:
        action = action.model_copy(update={"decision": key})
        workshop.actions.append(action)
    workshop.decisions.append(decision)
    return decision


def standing(workshop: Workshop, key: str) -> Decision | None:
    """The entry that stands for a key decision: the last one in the log, or None."""
    return next((d for d in reversed(workshop.decisions) if d.key == key), None)


def standing_decisions(workshop: Workshop) -> list[Decision]:
    """The entry that stands for each key decided, in the order the keys were first taken."""
    last: dict[str, Decision] = {}
    for d in workshop.decisions:
        last.pop(d.key, None)
        last[d.key] = d
    order = list(dict.fromkeys(d.key for d in workshop.decisions))
    return [last[k] for k in order]


def reopened(workshop: Workshop, charter: Charter, key: str) -> bool:
    """True when a decision the room agreed has a different answer in the charter now.

    A deferred decision is not reopened by a change: settling it is what was asked.
    """
    decision = standing(workshop, key)
    if decision is None or decision.outcome is Outcome.DEFERRED:
        return False
    return decision.answer != answer(charter, key)


def start_item(workshop: Workshop, item_id: str, now: dt.datetime | None = None) -> AgendaItem:
    """Start an agenda item now, ending the one that was running.

    Starting an item again (to come back to it) keeps its first start and clears its end.

    Raises:
        WorkshopError: When the agenda has no such item.
    """
    item = item_by_id(workshop, item_id)
    when = _now(now)
    previous = running(workshop)
    if previous is not None and previous is not item:
        previous.ended_at = when
    if item.started_at is None:
        item.started_at = when
    item.ended_at = None
    return item


def end_item(workshop: Workshop, item_id: str, now: dt.datetime | None = None) -> AgendaItem:
    """End an agenda item now (one never started is started and ended at once).

    Raises:
        WorkshopError: When the agenda has no such item.
    """
    item = item_by_id(workshop, item_id)
    when = _now(now)
    if item.started_at is None:
        item.started_at = when
    item.ended_at = max(when, item.started_at)
    return item
