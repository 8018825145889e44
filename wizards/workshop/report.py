"""The workshop record: its context from the charter's current workshop, its HTML, and the actions
as an iCalendar file.

The record goes through the same pipeline as the charter: a Jinja2 template in ``templates/``
renders semantic HTML, and the Word writer maps it onto the styles of the reference document, so
a consultant's branding applies to it too. The build (``wizards.build``, format ``workshop``)
writes both files.

The open actions go to the calendar as all-day events on their due dates, not as VTODO tasks:
Outlook does not import tasks from an .ics file and Google Calendar ignores them, while every
client shows a dated event. Each event blocks no time (TRANSP:TRANSPARENT); its UID names the
action and the charter, so a file exported again updates the events it holds; an action done
since is written as cancelled, so a re-import takes it off the calendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizards.board_calendar import build_stamp, new_calendar, safe_uid, sequence_number
from wizards.build import slug
from wizards.model import Charter
from wizards.render import _render, join_words, long_date
from wizards.workshop.agenda import schedule
from wizards.workshop.decisions import DecisionPoint, answers, points_by_key
from wizards.workshop.model import Action, Attendee, Decision, Outcome, Workshop
from wizards.workshop.record import Attendance, current, standing_decisions

RECORD_TEMPLATE = "workshop.html.j2"

OUTCOME_WORDS = {
    Outcome.AGREED: "Agreed",
    Outcome.DISSENT: "Agreed with dissent",
    Outcome.DEFERRED: "Deferred",
}


class NoWorkshopError(ValueError):
    """The charter has no workshop to write a record of."""


def _clock(moment: dt.datetime | None) -> str:
    return f"{moment:%H:%M}" if moment else ""


def _when(moment: dt.datetime | None, day: dt.date | None) -> str:
    """'10:15' on the workshop's day, '4 December 2026, 10:15' on another."""
    if moment is None:
        return "Time not recorded"
    if day is not None and moment.date() == day:
        return _clock(moment)
    return f"{long_date(moment.date())}, {_clock(moment)}"


def _span(start: dt.datetime | None, end: dt.datetime | None, day: dt.date | None) -> str:
    if start is None:
        return "Not held"
    if end is None:
        return f"From {_when(start, day)}, end not recorded"
    if start.date() == end.date():
        return f"{_when(start, day)}–{_clock(end)}"
    return f"{_when(start, day)} to {_when(end, day)}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _membership(a: Attendee) -> str:
    parts = []
    if a.leadership:
        parts.append("Leadership team")
    if a.approving_body:
        parts.append("Approving body")
    return "; ".join(parts) or "Neither"


def _agenda_numbers(w: Workshop) -> dict[str, list[int]]:
    """The number of each agenda item by its id (ids given twice have two)."""
    numbers: dict[str, list[int]] = {}
    for n, item in enumerate(w.agenda, 1):
        numbers.setdefault(item.id, []).append(n)
    return numbers


def _attended(numbers: dict[str, list[int]], a: Attendee) -> str:
    """'All', or the numbers of the agenda items attended: 'Items 8 and 11'."""
    if not a.items:
        return "All"
    found = [str(n) for n in sorted({n for i in a.items for n in numbers.get(i, ())})]
    if not found:
        return "None"
    return f"Item{'s' if len(found) > 1 else ''} {join_words(found)}"


def _names(people: dict[str, Attendee], ids: list[str]) -> list[str]:
    return [_one_line(people[i].name) or "Unnamed attendee" for i in ids if i in people]


def _title(point: DecisionPoint | None, key: str) -> str:
    return point.title if point is not None else f"Decision no longer in the charter ({key})"


@dataclass(frozen=True)
class _Lookups:
    """What every decision row looks up, worked out once for the whole record."""

    points: dict[str, DecisionPoint]
    answers: dict[str, str]
    items: dict[str, str]
    people: dict[str, Attendee]
    log: dict[str, list[Decision]]
    attendance: Attendance


def _decision_row(w: Workshop, d: Decision, look: _Lookups) -> dict[str, Any]:
    point = look.points.get(d.key)
    earlier = [e for e in look.log[d.key] if e is not d]
    now = look.answers.get(d.key, "")
    is_reopened = d.outcome is not Outcome.DEFERRED and d.answer != now
    agreed = _names(look.people, d.agreed_by)
    everyone = look.attendance.is_room(d.item, d.agreed_by)
    return {
        "title": _title(point, d.key),
        "question": point.question if point is not None else "",
        "outcome": OUTCOME_WORDS[d.outcome],
        "deferred": d.outcome is Outcome.DEFERRED,
        "when": _when(d.taken_at, w.date),
        "item": look.items.get(d.item, ""),
        "answer": _one_line(d.answer) or "No answer in the charter yet",
        "agreed_by": join_words(agreed) if agreed else "",
        "everyone": everyone,
        "dissent": [
            {
                "who": (_names(look.people, [x.attendee]) or ["An attendee"])[0],
                "reason": x.reason.strip() or "No reason recorded",
                "response": x.response.strip(),
            }
            for x in d.dissent
        ],
        "note": d.note.strip(),
        "reopened": is_reopened,
        "now": _one_line(now) or "No answer" if is_reopened else "",
        "earlier": [f"{OUTCOME_WORDS[e.outcome]} at {_when(e.taken_at, w.date)}" for e in earlier],
    }


def _action_row(points: dict[str, DecisionPoint], index: int, a: Action) -> dict[str, Any]:
    point = points.get(a.decision) if a.decision else None
    return {
        "number": index,
        "text": a.text.strip() or "No description",
        "owner": _one_line(a.owner) or "No owner named",
        "owned": bool(a.owner.strip()),
        "due": long_date(a.due, "No date set"),
        "decision": point.title if point is not None else "",
    }


def record_context(charter: Charter, workshop: Workshop | None = None) -> dict[str, Any]:
    """Everything the workshop record template prints.

    Args:
        charter: The charter the workshop worked on.
        workshop: The workshop; None for the charter's current (last) one.

    Raises:
        NoWorkshopError: When the charter has no workshop.
    """
    w = workshop if workshop is not None else current(charter)
    if w is None:
        raise NoWorkshopError(
            "The charter has no workshop, so there is no workshop record to write; set one up "
            "on the charter first."
        )
    items = {i.id: _one_line(i.title) or f"Item {n}" for n, i in enumerate(w.agenda, 1)}
    agenda = [
        {
            "number": n,
            "title": items[item.id],
            "minutes": item.minutes,
            "planned": f"{_clock(start)}–{_clock(end)}" if start and end else "",
            "actual": _span(item.started_at, item.ended_at, w.date),
        }
        for n, (item, start, end) in enumerate(schedule(w), 1)
    ]
    numbers = _agenda_numbers(w)
    attendees = [
        {
            "name": _one_line(a.name) or "Unnamed attendee",
            "role": _one_line(a.role),
            "membership": _membership(a),
            "attended": _attended(numbers, a),
        }
        for a in w.attendees
    ]
    log: dict[str, list[Decision]] = {}
    for d in w.decisions:
        log.setdefault(d.key, []).append(d)
    people = {a.id: a for a in w.attendees}
    look = _Lookups(points_by_key(charter), answers(charter), items, people, log, Attendance(w))
    standing = standing_decisions(w)
    decisions = [_decision_row(w, d, look) for d in standing]
    open_actions = [_action_row(look.points, n, a) for n, a in enumerate(
        (a for a in w.actions if not a.done), 1
    )]  # fmt: skip
    counts = {o: sum(1 for d in standing if d.outcome is o) for o in Outcome}
    return {
        "org": _one_line(charter.organisation.name) or "The organisation",
        "title": _one_line(w.title) or "Leadership workshop",
        "doc": {"title": charter.meta.title, "version": charter.meta.version},
        "date": long_date(w.date, "date not recorded"),
        "date_known": w.date is not None,
        "start": w.start.strftime("%H:%M") if w.start else "",
        "place": _one_line(w.place),
        "facilitator": _one_line(w.facilitator),
        "quorum": w.quorum,
        "leaders": sum(1 for a in w.attendees if a.leadership),
        "attendees": attendees,
        "agenda": agenda,
        "decisions": decisions,
        "agreed": counts[Outcome.AGREED],
        "dissent": counts[Outcome.DISSENT],
        "deferred": counts[Outcome.DEFERRED],
        "reopened": sum(1 for d in decisions if d["reopened"]),
        "objections": sum(len(d["dissent"]) for d in decisions),
        "unanswered": sum(1 for d in decisions for x in d["dissent"] if not x["response"]),
        "actions": open_actions,
        "done": sum(1 for a in w.actions if a.done),
        "undated": sum(1 for a in open_actions if a["due"] == "No date set"),
    }


def render_record(charter: Charter, *, user_templates: Path | None = None) -> str:
    """The record of the charter's current workshop as semantic HTML.

    Raises:
        NoWorkshopError: When the charter has no workshop.
        wizards.render.RenderError: When a template is broken.
    """
    return _render(RECORD_TEMPLATE, record_context(charter), user_templates)


def record_names(charter: Charter) -> dict[str, str]:
    """File names of the record, keyed 'record' (.docx) and 'actions' (.ics)."""
    base = slug(charter.organisation.name, "organisation")
    w = charter.workshops[-1] if charter.workshops else None
    day = f"-{w.date.isoformat()}" if w is not None and w.date else ""
    return {
        "record": f"{base}-workshop-record{day}.docx",
        "actions": f"{base}-workshop-actions{day}.ics",
    }


def _uid(action: Action, charter: Charter) -> str:
    return safe_uid(f"workshop-action-{action.id}-{charter.meta.id}")


def actions_ics(charter: Charter, *, now: dt.datetime | None = None) -> bytes:
    """The current workshop's dated actions as an iCalendar file of all-day events.

    Args:
        charter: The charter; its last workshop's actions with a due date are written.
        now: The export's time, stamped on every event (DTSTAMP, LAST-MODIFIED) and counted
            into SEQUENCE as the board calendar does; None for the current time.

    Raises:
        NoWorkshopError: When the charter has no workshop.
    """
    from icalendar import Event

    if not charter.workshops:
        record_context(charter)  # raises with the message
    w = charter.workshops[-1]
    org = _one_line(charter.organisation.name) or "Organisation"
    cal = new_calendar(
        "AI governance workshop actions", f"{org}: actions from {_one_line(w.title)}"
    )
    stamp = build_stamp(now)
    when = long_date(w.date, "")
    points = points_by_key(charter)
    for a in w.actions:
        if a.due is None:
            continue
        point = points.get(a.decision) if a.decision else None
        event = Event()
        event.add("uid", _uid(a, charter))
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", sequence_number(stamp))
        event.add("dtstart", a.due)
        event.add("dtend", a.due + dt.timedelta(days=1))
        text = _one_line(a.text) or "Workshop action"
        owner = _one_line(a.owner)
        event.add("summary", f"{text} ({owner})" if owner else text)
        lines = [f"Owner: {owner}" if owner else "No owner named yet."]
        if point is not None:
            lines.append(f"Deferred decision: {point.title}. {point.question}")
        lines.append(
            f"From {_one_line(w.title)}" + (f" on {when}" if when else "")
            + f", on the {charter.meta.title} of {org}, version {charter.meta.version}."
        )  # fmt: skip
        event.add("description", "\n".join(lines))
        event.add("categories", ["AI governance"])
        event.add("transp", "TRANSPARENT")
        if a.done:
            event.add("status", "CANCELLED")
        cal.add_component(event)
    return bytes(cal.to_ical())
