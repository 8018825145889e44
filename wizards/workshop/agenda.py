"""A new workshop from what the charter knows, and the agenda's editing and planned times.

The length follows the kind of charter: a lean charter, or a charity's, is settled in a half-day;
a regulated, financial, health or public body's takes a full day, because it has more systems,
more clocks and more authorities to agree. Each content step of the wizard is one item with a
timebox, between an opening and a close, with breaks where a room needs them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from wizards.model import Charter
from wizards.presets import PRESETS, SECTORS, preset_for, sector_for
from wizards.steps import Step, same_person
from wizards.workshop.model import AgendaItem, Attendee, Workshop
from wizards.workshop.record import WorkshopError, item_by_id

OPENING = "Opening: purpose of the day and how decisions are taken"
CLOSE = "Close: open points, owners and next steps"
BREAK = "Break"
LUNCH = "Lunch"

_FULL_DAY_KINDS = frozenset({"regulated", "financial", "health", "public"})

_Slot = tuple[Step | str, int]

HALF_DAY: tuple[_Slot, ...] = (
    (OPENING, 15),
    (Step.ORGANISATION, 20),
    (Step.EXECUTIVE, 45),
    (Step.RISK, 45),
    (BREAK, 15),
    (Step.ETHICS, 30),
    (Step.INCIDENTS, 40),
    (Step.BOARD, 25),
    (CLOSE, 20),
)
"""A half-day, about four and a quarter hours: the executive and the risk appetite get the most."""

FULL_DAY: tuple[_Slot, ...] = (
    (OPENING, 20),
    (Step.ORGANISATION, 30),
    (Step.EXECUTIVE, 75),
    (BREAK, 15),
    (Step.RISK, 75),
    (LUNCH, 60),
    (Step.ETHICS, 60),
    (Step.INCIDENTS, 60),
    (BREAK, 15),
    (Step.BOARD, 45),
    (CLOSE, 25),
)
"""A full day, eight hours with lunch and two breaks."""

DAY_START = dt.time(9, 0)


def day_kind(charter: Charter, preset: str | None = None) -> str:
    """The kind of charter that sets the workshop's length: a preset's or a sector's key.

    Args:
        charter: The charter.
        preset: A key of ``PRESETS`` or ``SECTORS``; None to take it from the organisation.

    Raises:
        WorkshopError: For a key that is neither a preset nor a sector.
    """
    if preset is not None:
        if preset not in PRESETS and preset not in SECTORS:
            known = ", ".join([*PRESETS, *(k for k in SECTORS if k not in PRESETS)])
            raise WorkshopError(f"'{preset}' is not a preset or a sector; use one of {known}.")
        return preset
    org = charter.organisation
    chosen = preset_for(org)
    sector = sector_for(org)
    if chosen != "regulated" and sector in _FULL_DAY_KINDS | {"charity"}:
        return sector or chosen
    return chosen


def full_day(charter: Charter, preset: str | None = None) -> bool:
    """True when the charter's kind asks for a full-day workshop rather than a half-day."""
    return day_kind(charter, preset) in _FULL_DAY_KINDS


def _agenda(slots: Sequence[_Slot]) -> list[AgendaItem]:
    items = []
    for what, minutes in slots:
        if isinstance(what, Step):
            items.append(AgendaItem(title=what.title, step=what.name.lower(), minutes=minutes))
        else:
            items.append(AgendaItem(title=what, minutes=minutes))
    return items


def _bare(body: str) -> str:
    """A body's name without a leading 'the', to compare 'the Board' with 'Board'."""
    body = body.strip()
    return body[4:] if body.casefold().startswith("the ") else body


def _attendees(charter: Charter) -> list[Attendee]:
    """Who the charter says should be in the room: the executive, the deputy, the approvers and
    the forum's members, each once."""
    people: list[Attendee] = []

    def add(name: str, role: str, *, leadership: bool, approving_body: bool) -> None:
        name = " ".join(name.split())
        if not name:
            return
        for known in people:
            if same_person(known.name, name):
                known.leadership = known.leadership or leadership
                known.approving_body = known.approving_body or approving_body
                known.role = known.role or role
                return
        people.append(
            Attendee(name=name, role=role, leadership=leadership, approving_body=approving_body)
        )

    ex = charter.executive
    # The appointee leads AI oversight but does not approve their own appointment.
    add(ex.person.name, ex.person.title.strip(), leadership=True, approving_body=False)
    add(ex.deputy.name, ex.deputy.title.strip(), leadership=False, approving_body=False)
    for a in charter.approvals:
        if not a.countersign:
            add(a.name, a.role.strip(), leadership=a.leadership, approving_body=True)
    forum, body = charter.board.forum, charter.resolution.body
    forum_approves = bool(body.strip()) and same_person(_bare(forum), _bare(body))
    for m in charter.board.members:
        # A member who attends without a vote (the auditor, a secretary) is not leadership.
        add(m.name, m.role.strip(), leadership=m.voting, approving_body=forum_approves and m.voting)
    return people


def new_workshop(
    charter: Charter, preset: str | None = None, *, date: dt.date | None = None
) -> Workshop:
    """A workshop ready to run on this charter: its agenda and the people it should have.

    Args:
        charter: The charter; it is not changed (append the result to ``charter.workshops``).
        preset: A key of ``PRESETS`` or ``SECTORS`` that sets the length; None to take it from
            the organisation (see :func:`day_kind`).
        date: The day of the workshop; None to leave it open.

    Returns:
        A workshop starting at nine with one item per content step, an opening and a close,
        and the executive, the deputy, the approvers and the forum's members as attendees.

    Raises:
        WorkshopError: For an unknown preset.
    """
    full = full_day(charter, preset)
    return Workshop(
        title="Leadership offsite on the AI governance charter",
        date=date,
        start=DAY_START,
        attendees=_attendees(charter),
        agenda=_agenda(FULL_DAY if full else HALF_DAY),
    )


def split(workshop: Workshop, item_id: str) -> AgendaItem:
    """Split an agenda item in two halves of its timebox; the second follows it.

    Returns:
        The new second half, titled as the first with "(continued)".

    Raises:
        WorkshopError: When the agenda has no such item.
    """
    item = item_by_id(workshop, item_id)
    first = (item.minutes + 1) // 2
    base = item.title.removesuffix(" (continued)")
    second = AgendaItem(title=f"{base} (continued)", step=item.step, minutes=item.minutes - first)
    item.minutes = first
    workshop.agenda.insert(workshop.agenda.index(item) + 1, second)
    return second


def move(workshop: Workshop, item_id: str, offset: int) -> None:
    """Move an agenda item ``offset`` places later (negative: earlier), stopping at the ends.

    Raises:
        WorkshopError: When the agenda has no such item.
    """
    item = item_by_id(workshop, item_id)
    agenda = workshop.agenda
    old = agenda.index(item)
    new = max(0, min(len(agenda) - 1, old + offset))
    agenda.insert(new, agenda.pop(old))


def retime(workshop: Workshop, item_id: str, minutes: int) -> None:
    """Give an agenda item a new timebox in minutes.

    Raises:
        WorkshopError: When the agenda has no such item, or the timebox is not 0 to 1,440
            minutes.
    """
    item = item_by_id(workshop, item_id)
    if not 0 <= minutes <= 24 * 60:
        raise WorkshopError(
            f"A timebox of {minutes} minutes for '{item.title}' is not possible; give 0 to "
            "1,440 minutes."
        )
    item.minutes = minutes


def schedule(
    workshop: Workshop,
) -> list[tuple[AgendaItem, dt.datetime | None, dt.datetime | None]]:
    """The planned start and end of each agenda item, one after the other from the start.

    Returns:
        (item, planned start, planned end) in agenda order; the times are None when the
        workshop has no date or no start time.
    """
    if workshop.date is None or workshop.start is None:
        return [(item, None, None) for item in workshop.agenda]
    at = dt.datetime.combine(workshop.date, workshop.start)
    rows: list[tuple[AgendaItem, dt.datetime | None, dt.datetime | None]] = []
    for item in workshop.agenda:
        end = at + dt.timedelta(minutes=item.minutes)
        rows.append((item, at, end))
        at = end
    return rows
