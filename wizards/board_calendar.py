"""The board reporting calendar: meeting dates, dated events and the iCalendar file."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Any, Final

from dateutil.relativedelta import relativedelta
from dateutil.rrule import FR, MO, MONTHLY, TH, TU, WE, rrule, weekday

from wizards.model import BoardReporting, Cadence, Charter, PatternKind, ReportItem

_WEEKDAYS: tuple[weekday, ...] = (MO, TU, WE, TH, FR)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}

_LATE_DAY = 25
"""From this day of the month on, a weekend date moves back to Friday instead of on to Monday,
so that it never leaves its month."""


@dataclass(frozen=True)
class BoardEvent:
    """One dated occurrence of a reporting or review item.

    A one-off item dated on a day the forum does not meet (a statutory deadline, say) gives two
    events: a marker on its own date, which blocks no time, and a readiness confirmation at the
    forum's last meeting before it (``due`` is then the deadline).
    """

    date: dt.date
    title: str
    what: str
    owner: str
    forum: str
    reference: str
    unverified: bool
    uid: str
    period: str
    marker: bool = False
    """A date to note on a day without a meeting: all-day, free, blocking nothing."""
    due: dt.date | None = None
    """For a readiness confirmation, the deadline it prepares for."""
    unprepared: bool = False
    """For a marker, that no meeting falls before it within the calendar."""


def add_months(day: dt.date, months: int, days: int = 0) -> dt.date:
    """``day`` moved by whole months and then days, stopping at the ends of the calendar.

    Total for every date: a move past 9999-12-31 or before 0001-01-01 gives that end date
    instead of an error, so that no date a user typed can stop a check, preview or build.
    """
    try:
        return day + relativedelta(months=months, days=days)
    except (ValueError, OverflowError):
        return dt.date.max if (months, days) > (0, 0) else dt.date.min


def horizon_end(board: BoardReporting, start: dt.date) -> dt.date:
    """Last day covered by the calendar that starts on ``start``."""
    return add_months(start, board.horizon_months, -1)


def day_in_words(day: dt.date) -> str:
    """'2 December 2027'."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _as_datetime(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


def meeting_dates(board: BoardReporting, start: dt.date) -> list[dt.date]:
    """Dates of the board's meetings from ``start`` to the end of the horizon.

    Args:
        board: The board reporting answers with the meeting pattern.
        start: First day of the calendar, normally the charter's effective date.

    Returns:
        Meeting dates in order; empty when the pattern yields none.
    """
    pattern = board.pattern
    months = sorted({m for m in pattern.months if 1 <= m <= 12})
    # Values the model refuses can still reach here from a form being filled in: they give no
    # meetings rather than an error.
    if not months or not 0 <= pattern.weekday <= 6 or not 1 <= pattern.day <= 31:
        return []
    if pattern.kind is PatternKind.NTH_WEEKDAY and pattern.nth not in ORDINALS:
        return []
    end = horizon_end(board, start)
    if end < start:
        return []
    if pattern.kind is PatternKind.NTH_WEEKDAY:
        wd = (MO, TU, WE, TH, FR, weekday(5), weekday(6))[pattern.weekday]
        rule = rrule(
            MONTHLY, dtstart=_as_datetime(start), until=_as_datetime(end),
            bymonth=months, byweekday=wd(pattern.nth),
        )  # fmt: skip
    elif not pattern.move_off_weekends:
        rule = rrule(
            MONTHLY, dtstart=_as_datetime(start), until=_as_datetime(end),
            bymonth=months, bymonthday=pattern.day,
        )  # fmt: skip
    else:
        # The working day nearest the chosen day in its own month: among the chosen day and the
        # two days after (or before, late in the month), the first (or last) weekday.
        late = pattern.day >= _LATE_DAY
        days = (
            range(pattern.day - 2, pattern.day + 1) if late else range(pattern.day, pattern.day + 3)
        )
        rule = rrule(
            MONTHLY, dtstart=_as_datetime(start), until=_as_datetime(end),
            bymonth=months, bymonthday=[d for d in days if d >= 1], byweekday=_WEEKDAYS,
            bysetpos=-1 if late else 1,
        )  # fmt: skip
    return [d.date() for d in rule]


def describe_pattern(board: BoardReporting) -> str:
    """The meeting pattern in words, e.g. 'the second Tuesday of March, June, ...'."""
    pattern = board.pattern
    months = sorted({m for m in pattern.months if 1 <= m <= 12})
    names = [MONTH_NAMES[m - 1] for m in months]
    month_text = (
        "no month chosen yet" if not names else
        "every month" if len(months) == 12 else
        names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    )  # fmt: skip
    if pattern.kind is PatternKind.NTH_WEEKDAY:
        weekday_name = (
            WEEKDAY_NAMES[pattern.weekday] if 0 <= pattern.weekday <= 6 else "(no weekday)"
        )
        return f"the {ORDINALS.get(pattern.nth, str(pattern.nth))} {weekday_name} of {month_text}"
    day = f"day {pattern.day} of {month_text}"
    if pattern.move_off_weekends:
        direction = "previous" if pattern.day >= _LATE_DAY else "next"
        day += f", moved to the {direction} working day when it falls on a weekend"
    return day


def fiscal_year(day: dt.date, start_month: int) -> int:
    """The calendar year in which the fiscal year containing ``day`` begins."""
    return day.year if day.month >= start_month else day.year - 1


def fiscal_quarter(day: dt.date, start_month: int) -> int:
    """The fiscal quarter (1-4) that contains ``day``."""
    return (day.month - start_month) % 12 // 3 + 1


def fiscal_label(year: int, start_month: int) -> str:
    """Name of a fiscal year: 'FY2027', or 'FY2027/28' when it does not start in January."""
    return f"FY{year}" if start_month == 1 else f"FY{year}/{(year + 1) % 100:02d}"


def fiscal_quarter_months(start_month: int, position: int) -> list[int]:
    """The calendar months that hold the ``position``-th month (1-3) of each fiscal quarter."""
    return sorted((start_month - 1 + position - 1 + 3 * q) % 12 + 1 for q in range(4))


def _item_id(item: ReportItem, index: int) -> str:
    return item.key or hashlib.sha1(f"{index}:{item.title}".encode()).hexdigest()[:10]


@dataclass(frozen=True)
class _Periods:
    """The meetings with their fiscal-period labels, worked out once for all items."""

    every: list[tuple[dt.date, str]]
    """Each meeting and its label, 'FY2027-Q1-M2' for the second meeting of a quarter."""
    firsts: list[tuple[dt.date, str, int]]
    """The first meeting of each fiscal quarter, its label 'FY2027-Q1' and the quarter."""


def _periods(meetings: list[dt.date], fy_start: int) -> _Periods:
    counts: dict[str, int] = {}
    every: list[tuple[dt.date, str]] = []
    firsts: list[tuple[dt.date, str, int]] = []
    for day in meetings:
        quarter = fiscal_quarter(day, fy_start)
        label = f"{fiscal_label(fiscal_year(day, fy_start), fy_start)}-Q{quarter}"
        counts[label] = counts.get(label, 0) + 1
        every.append((day, f"{label}-M{counts[label]}"))
        if counts[label] == 1:
            firsts.append((day, label, quarter))
    return _Periods(every, firsts)


def _anniversaries(first: dt.date, start: dt.date, end: dt.date) -> list[dt.date]:
    """``first`` and its anniversaries from ``start`` to ``end``; 29 February only in leap years.

    The same dates as a yearly rrule from ``first``, at a fraction of its cost per item.
    """
    days = []
    for year in range(max(first.year, start.year), end.year + 1):
        try:
            day = first.replace(year=year)
        except ValueError:  # 29 February in a common year
            continue
        if start <= day <= end:
            days.append(day)
    return days


def _occurrences(
    item: ReportItem, periods: _Periods, start: dt.date, end: dt.date, fy_start: int
) -> list[tuple[dt.date, str]]:
    """Dates of one item with a period label that stays the same when the meeting moves."""
    if item.cadence is Cadence.ONCE:
        return [(item.date, "once")] if item.date and start <= item.date <= end else []
    if item.cadence is Cadence.ANNUAL and item.date is not None:
        return [
            (day, fiscal_label(fiscal_year(day, fy_start), fy_start))
            for day in _anniversaries(item.date, start, end)
        ]
    if item.cadence is Cadence.EVERY_MEETING:
        return periods.every
    if item.cadence is Cadence.QUARTERLY:
        return [(day, label) for day, label, _quarter in periods.firsts]
    wanted = (1, 3) if item.cadence is Cadence.SEMIANNUAL else (item.fiscal_quarter or 1,)
    return [(day, label) for day, label, quarter in periods.firsts if quarter in wanted]


_TABLETOP_WORDS = ("tabletop", "table top", "drill", "exercise", "rehears", "simulation")


def _count(number: int, noun: str) -> str:
    """'1 gap', '0 gaps', '3 gaps'."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _with_last_drill(item: ReportItem, charter: Charter) -> str:
    """What a tabletop item reports, followed by the last drill run on the charter."""
    text = f"{item.key} {item.title}".casefold()
    if not any(word in text for word in _TABLETOP_WORDS):
        return item.what
    if not charter.drills:
        note = "No exercise has been recorded yet; its findings are reported here once it is run."
    else:
        last = max(charter.drills, key=lambda d: d.date)
        day = day_in_words(last.date)
        found = (
            f"{_count(last.gaps, 'gap')} in the charter, "
            f"{_count(last.clocks_missed, 'clock')} missed, "
            f"{_count(last.escalations_late, 'escalation')} late or never made"
        )
        note = f"Last drill: {day}, '{last.title or last.scenario}' ({found}); see its report."
    what = item.what.strip()
    if what and what[-1] not in ".!?":
        what += "."
    return f"{what} {note}" if what else note


def last_meeting_before(meetings: list[dt.date], day: dt.date) -> dt.date | None:
    """The last of the sorted ``meetings`` before ``day``, or None when none is."""
    before = bisect_left(meetings, day)
    return meetings[before - 1] if before else None


def readiness_meetings(charter: Charter) -> dict[int, dt.date | None]:
    """For each one-off item dated within the calendar on a day without a meeting, by its
    index among the board items: the meeting that confirms readiness for it, or None when no
    meeting falls before it."""
    board = charter.board
    start = charter.meta.effective_date or dt.date.today()
    end = horizon_end(board, start)
    meetings = meeting_dates(board, start)
    held = set(meetings)
    return {
        k: last_meeting_before(meetings, item.date)
        for k, item in enumerate(board.items)
        if item.cadence is Cadence.ONCE
        and item.date is not None
        and start <= item.date <= end
        and item.date not in held
    }


def _sentence(text: str) -> str:
    text = text.strip()
    return f"{text}." if text and text[-1] not in ".!?" else text


def _marker(event: BoardEvent, prior: dt.date | None, start: dt.date) -> BoardEvent:
    """A one-off item due on a day without a meeting, as a marker on its own date that says
    where readiness for it is confirmed, or that nowhere is."""
    if prior is None:
        forum = event.forum.strip() or "the board"
        forum = forum if forum.casefold().startswith("the ") else f"the {forum}"
        note = (
            f"No meeting of {forum} falls between {day_in_words(start)} and this date, so "
            "nobody confirms readiness beforehand: add a meeting, or agree a written "
            "resolution, before it."
        )
    else:
        note = (
            "No meeting falls on this date; readiness is confirmed at the meeting on "
            f"{day_in_words(prior)}."
        )
    what = " ".join(p for p in (_sentence(event.what), note) if p)
    return replace(event, marker=True, unprepared=prior is None, what=what)


def _readiness(markers: list[BoardEvent], prior: dt.date, charter_id: str) -> BoardEvent:
    """One item at the meeting ``prior`` that confirms readiness for everything due on the
    markers' date; its UID names that date, so it stays when meetings or items change."""
    first, due = markers[0], day_in_words(markers[0].date)
    titles = [m.title.strip() or "a one-off item" for m in markers]
    if len(markers) == 1:
        title = f"Confirm readiness for {due} ({titles[0]})"
        what = (
            f"The last meeting before {due}: confirm that what falls due on that date (see its "
            "entry) is in place, or agree what remains to be done, by whom and by when."
        )
    else:
        title = f"Confirm readiness for {due}"
        what = (
            f"The last meeting before {due}, when these fall due: {'; '.join(titles)}. Confirm "
            "that each is in place, or agree what remains to be done, by whom and by when."
        )

    def joined(values: list[str]) -> str:
        return "; ".join(dict.fromkeys(v.strip() for v in values if v.strip()))

    return replace(
        first,
        date=prior,
        title=title,
        what=what,
        owner=joined([m.owner for m in markers]),
        reference=joined([m.reference for m in markers]),
        unverified=any(m.unverified for m in markers),
        uid=_uid("readiness", first.date.isoformat(), charter_id),
        period="readiness",
        marker=False,
        due=first.date,
    )


def board_events(charter: Charter) -> list[BoardEvent]:
    """Every dated reporting and review event over the calendar's horizon, in date order.

    The calendar starts on the charter's effective date (today when none is set yet). A
    one-off item due on a day without a meeting is kept on its own date as a marker, and
    confirmed at the last meeting before it by one item for everything due that day (see
    :class:`BoardEvent`).
    """
    board = charter.board
    start = charter.meta.effective_date or dt.date.today()
    end = horizon_end(board, start)
    fy_start = board.fiscal_year_start_month
    meetings = meeting_dates(board, start)
    held = set(meetings)
    # The meetings' periods are the same for every item: worked out once, not once per item.
    periods = _periods(meetings, fy_start)
    events: list[BoardEvent] = []
    due: dict[dt.date, list[BoardEvent]] = {}
    for index, item in enumerate(board.items):
        item_id = _item_id(item, index)
        what = _with_last_drill(item, charter)
        for day, period in _occurrences(item, periods, start, end, fy_start):
            event = BoardEvent(
                date=day,
                title=item.title,
                what=what,
                owner=item.owner,
                forum=board.forum,
                reference=item.reference,
                unverified=item.unverified,
                uid=_uid(item_id, period, charter.meta.id),
                period=period,
            )
            if item.cadence is Cadence.ONCE and day not in held:
                marker = _marker(event, last_meeting_before(meetings, day), start)
                events.append(marker)
                if not marker.unprepared:
                    due.setdefault(day, []).append(marker)
            else:
                events.append(event)
    for day, markers in due.items():
        prior = last_meeting_before(meetings, day)
        if prior is not None:
            events.append(_readiness(markers, prior, charter.meta.id))
    events.sort(key=lambda e: (e.date, e.title))
    return events


def safe_uid(local: str) -> str:
    """An event's UID from ``local``, in characters any client keeps as they are (letters,
    digits, '-', '.', '_'; a '/' as in 'FY2027/28' becomes '-')."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", local).strip("-") + "@charter-builder"


def _uid(item_id: str, period: str, charter_id: str) -> str:
    """An event's UID: the item, its fiscal period and the charter."""
    return safe_uid(f"{item_id}-{period}-{charter_id}")


def new_calendar(product: str, name: str) -> Any:
    """An empty iCalendar file of ours: ``product`` names it in PRODID, ``name`` in clients."""
    from icalendar import Calendar, vText

    cal = Calendar()
    cal.add("prodid", f"-//Charter Builder//{product}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # An X- property is not known to be text: without vText, a line break in the name would
    # reach the file unescaped (icalendar refuses that).
    cal.add("x-wr-calname", vText(name))
    return cal


def build_stamp(now: dt.datetime | None) -> dt.datetime:
    """The build's time in UTC to the second, stamped on every event (DTSTAMP, LAST-MODIFIED)."""
    stamp = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    return stamp.replace(microsecond=0)


SEQUENCE_EPOCH: Final = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
"""SEQUENCE counts the seconds from this moment to the build."""
_SEQUENCE_MAX: Final = 2**31 - 1  # clients keep SEQUENCE in a 32-bit integer


def sequence_number(built: dt.datetime) -> int:
    """The SEQUENCE of every event of a calendar file built at ``built``.

    The rule: SEQUENCE is the number of whole seconds from 2020-01-01T00:00Z to the build
    (the file's LAST-MODIFIED), so a file built later always outranks one built earlier.
    Outlook, Google Calendar and Thunderbird take a re-imported event with the same UID as an
    update only when its SEQUENCE is higher than the one they hold; with a SEQUENCE of 0 in
    every build they ignore a moved meeting or a changed item. The charter records no
    history of the files it was exported to (a secretary may export to a new folder each
    time), and a number counted from its content or its version would not grow between two
    builds of the same draft, so the build's time is the one value that is higher in every
    later file. An unchanged event is "updated" to the same content, which changes nothing
    for a published calendar without attendees (METHOD:PUBLISH).
    """
    seconds = int((built - SEQUENCE_EPOCH).total_seconds())
    return max(0, min(seconds, _SEQUENCE_MAX))


def to_ics(
    charter: Charter,
    events: list[BoardEvent] | None = None,
    *,
    now: dt.datetime | None = None,
) -> bytes:
    """The board calendar as an RFC 5545 iCalendar file of all-day events with stable UIDs.

    Re-importing a rebuilt file updates the events instead of duplicating them, because an
    event's UID names the item and its fiscal period, not its date, and SEQUENCE grows with
    every build (see ``sequence_number``). An event on a day the forum meets marks the day
    busy (TRANSP:OPAQUE): the secretary's and members' calendars show the meeting. A dated
    item on a day without a meeting, such as a statutory deadline, is a marker that blocks
    no time (TRANSP:TRANSPARENT, and free in Outlook's own terms); its readiness is confirmed
    at the forum's last meeting before it, an event of its own.

    Args:
        charter: The charter whose calendar this is.
        events: Its events, when already worked out; None works them out.
        now: The build's time, stamped on every event (DTSTAMP, LAST-MODIFIED) and counted
            into SEQUENCE; None for the current time.
    """
    from icalendar import vText
    from icalendar.parser import Contentline, Parameters

    if events is None:
        events = board_events(charter)
    org = charter.organisation.name or "Organisation"
    cal = new_calendar("AI governance board calendar", f"{org}: AI governance board calendar")
    stamp = build_stamp(now)
    start = charter.meta.effective_date or dt.date.today()
    meetings = set(meeting_dates(charter.board, start))
    # An item's occurrences share everything but their UID and dates, and many items share a
    # meeting date. Serialising (escaping and folding) each shared part once, not once per
    # event, makes a large calendar several times faster; icalendar still writes every line.
    shared: dict[tuple[str, str, str, str, str, bool, bool], bytes] = {}
    days: dict[dt.date, bytes] = {}
    stamp_lines = _inner_lines(
        _properties(
            ("dtstamp", stamp), ("last-modified", stamp), ("sequence", sequence_number(stamp))
        )
    )
    # Outlook reads its own busy status rather than TRANSP; both are written so that every
    # client shows a meeting as busy and a marker as free.
    busy = {
        True: b"TRANSP:OPAQUE\r\nX-MICROSOFT-CDO-BUSYSTATUS:BUSY\r\n",
        False: b"TRANSP:TRANSPARENT\r\nX-MICROSOFT-CDO-BUSYSTATUS:FREE\r\n",
    }
    chunks: list[bytes] = []
    for event in events:
        key = (
            event.title, event.forum, event.what, event.owner, event.reference, event.unverified,
            event.marker,
        )  # fmt: skip
        body = shared.get(key)
        if body is None:
            body = shared[key] = _inner_lines(_shared_properties(charter, event, org))
        dates = days.get(event.date)
        if dates is None:
            dates = days[event.date] = _inner_lines(
                _properties(("dtstart", event.date), ("dtend", add_months(event.date, 0, 1)))
            )
        uid = Contentline.from_parts("UID", Parameters(), vText(event.uid)).to_ical() + b"\r\n"
        transp = busy[event.date in meetings and not event.marker]
        chunks.append(b"".join((_BEGIN_EVENT, dates, stamp_lines, uid, body, transp, _END_EVENT)))
    head = _without_end(bytes(cal.to_ical()), _END_CALENDAR)
    return b"".join((head, *chunks, _END_CALENDAR))


_BEGIN_EVENT = b"BEGIN:VEVENT\r\n"
_END_EVENT = b"END:VEVENT\r\n"
_END_CALENDAR = b"END:VCALENDAR\r\n"


def _without_end(data: bytes, end: bytes = _END_EVENT) -> bytes:
    """A serialised component without its closing line."""
    if not data.endswith(end):
        raise ValueError(f"expected a component ending in {end!r}")
    return data[: -len(end)]


def _inner_lines(component: Any) -> bytes:
    """A serialised component's property lines, without its BEGIN and END lines."""
    data = _without_end(bytes(component.to_ical()))
    return data[data.index(b"\r\n") + 2 :]


def _properties(*pairs: tuple[str, Any]) -> Any:
    """An event holding just the properties given as (name, value)."""
    from icalendar import Event

    part = Event()
    for name, value in pairs:
        part.add(name, value)
    return part


def _shared_properties(charter: Charter, event: BoardEvent, org: str) -> Any:
    """An event holding what every occurrence of one item shows: summary, description, ..."""
    from icalendar import Event

    item = Event()
    if event.marker:
        # A date to note, not a meeting: the forum's name would read as an invitation.
        item.add("summary", f"{event.title} (deadline, no meeting)")
    else:
        item.add("summary", f"{event.title} ({event.forum})" if event.forum else event.title)
    lines = [event.what] if event.what else []
    if event.owner:
        lines.append(f"Owner: {event.owner}")
    if event.reference:
        lines.append(f"Reference: {event.reference}")
    if event.unverified:
        lines.append("Date not confirmed against the official text: confirm with counsel.")
    lines.append(f"From the {charter.meta.title} of {org}, version {charter.meta.version}.")
    item.add("description", "\n".join(lines))
    item.add("categories", ["AI governance"])
    return item
