"""Calendar-time arithmetic for the drill: deadlines across weekends and changes of summer time.

Legal notification clocks run in calendar time: a weekend does not stop them, and a night counts
like a working hour. Two kinds of period need two kinds of arithmetic:

* a period in **hours** ("72 hours") is elapsed time: 24 hours after 12:00 on the Saturday before
  summer time ends is 11:00 on the Sunday by the wall clock, because that day has 25 hours;
* a period in **days** or **months** ("15 days", "one month") is counted on the calendar: it ends
  at the same wall-clock time on the day it names, however long the days in between were.

Every moment is an aware datetime in the drill's time zone; elapsed time is computed in UTC.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from dateutil import tz
from dateutil.relativedelta import relativedelta

from wizards.board_calendar import MONTH_NAMES, WEEKDAY_NAMES

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "ten": 10, "fifteen": 15, "thirty": 30,
}  # fmt: skip
_AMOUNT = r"(\d+|" + "|".join(_NUMBER_WORDS) + r")"
_MONTHS = re.compile(_AMOUNT + r"\s+(calendar\s+)?months?\b", re.IGNORECASE)
_DAYS = re.compile(_AMOUNT + r"\s+(calendar\s+)?days?\b", re.IGNORECASE)
_WORKING = re.compile(r"\b(working|business)\s+days?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """How long a clock runs: elapsed hours, or calendar days or months.

    Exactly one of the three is set; ``Period()`` is a clock with no fixed deadline ("without
    undue delay").
    """

    hours: float | None = None
    days: int | None = None
    months: int | None = None

    @property
    def fixed(self) -> bool:
        """Whether the period has a deadline at all."""
        return self.hours is not None or self.days is not None or self.months is not None

    def words(self) -> str:
        """The period as the report prints it: '72 hours', '15 days', '1 month'."""
        if self.months is not None:
            return f"{self.months} month{'' if self.months == 1 else 's'}"
        if self.days is not None:
            return f"{self.days} day{'' if self.days == 1 else 's'}"
        if self.hours is not None:
            return f"{self.hours:g} hour{'' if self.hours == 1 else 's'}"
        return "no fixed deadline"


def _amount(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def period_of(deadline: str, hours: float | None) -> Period:
    """The period a charter's clock runs for, from its deadline words and its hours.

    The words decide between calendar and elapsed time: "15 days" or "one month" are counted on
    the calendar; otherwise the hours are elapsed time. Working days are not counted as such
    (the texts say "days"); such a clock falls back to its hours.

    Args:
        deadline: The clock's deadline as the charter words it, e.g. "72 hours" or "15 days".
        hours: The clock's deadline in hours, or None when the law sets no fixed time.

    Returns:
        The period; ``Period()`` when neither says how long.
    """
    if not _WORKING.search(deadline):
        if match := _MONTHS.search(deadline):
            return Period(months=_amount(match.group(1)))
        if match := _DAYS.search(deadline):
            return Period(days=_amount(match.group(1)))
    if hours is not None:
        return Period(hours=float(hours))
    return Period()


def zone(name: str) -> dt.tzinfo:
    """The time zone ``name`` (IANA, e.g. 'Europe/Berlin'); UTC when it is unknown."""
    found = tz.gettz(name)
    return found if found is not None else dt.timezone.utc


def _resolve(moment: dt.datetime) -> dt.datetime:
    """A wall-clock time that exists: one that falls in the hour skipped in spring moves on."""
    return tz.resolve_imaginary(moment)


def after_hours(start: dt.datetime, hours: float) -> dt.datetime:
    """The moment ``hours`` of elapsed time after ``start``, in ``start``'s time zone."""
    zone_ = start.tzinfo
    assert zone_ is not None, "drill moments carry their time zone"
    utc = start.astimezone(dt.timezone.utc) + dt.timedelta(hours=hours)
    return utc.astimezone(zone_)


def deadline(start: dt.datetime, period: Period) -> dt.datetime | None:
    """When a clock that started at ``start`` runs out; None for a period with no deadline."""
    if period.hours is not None:
        return after_hours(start, period.hours)
    if period.days is None and period.months is None:
        return None
    step = relativedelta(days=period.days or 0, months=period.months or 0)
    local = start.replace(tzinfo=None) + step
    return _resolve(local.replace(tzinfo=start.tzinfo, fold=0))


def hours_between(earlier: dt.datetime, later: dt.datetime) -> float:
    """Elapsed hours from ``earlier`` to ``later`` (negative when ``later`` comes first)."""
    # Aware datetimes that share a tzinfo subtract by the wall clock: go through UTC.
    utc = dt.timezone.utc
    return (later.astimezone(utc) - earlier.astimezone(utc)).total_seconds() / 3600


def next_start(day: dt.date, weekday: int, at: str, zone_: dt.tzinfo) -> dt.datetime:
    """The first ``weekday`` (0 is Monday) on or after ``day``, at ``at`` ('HH:MM') local time."""
    ahead = (weekday - day.weekday()) % 7
    hour, minute = (int(part) for part in at.split(":"))
    date = day + dt.timedelta(days=ahead)
    return _resolve(dt.datetime(date.year, date.month, date.day, hour, minute, tzinfo=zone_))


def t_label(hours: float) -> str:
    """Simulated time since the start: 'T+0', 'T+3 h', 'T+1 h 30', 'T+4 d 4 h'."""
    if hours < 0:
        return f"T−{t_span(-hours)}"
    return "T+0" if hours < 1 / 120 else f"T+{t_span(hours)}"


def t_span(hours: float) -> str:
    """A duration: '15 min', '3 h', '1 h 30', '72 h'; from four days on '4 d 4 h'."""
    minutes = round(hours * 60)
    days, rest = divmod(minutes, 24 * 60)
    whole, mins = divmod(rest, 60)
    if days >= 4 and not mins:
        return f"{days} d {whole} h" if whole else f"{days} d"
    whole += days * 24
    if whole == 0:
        return f"{mins} min"
    return f"{whole} h {mins:02d}" if mins else f"{whole} h"


def time_left(hours: float) -> str:
    """Time left on a clock: '2 d 4 h left', '45 min left', or '3 h overdue'."""
    if hours < 0:
        return f"{t_span(-hours)} overdue"
    return f"{t_span(hours)} left"


def zone_name(moment: dt.datetime) -> str:
    """The zone's short name ('CET', 'BST'), or its offset as 'UTC+4' where it has none."""
    name = moment.tzname() or ""
    if name[:1] in "+-" and name[1:].isdigit():
        offset = int(name[1:3]), int(name[3:5] or 0)
        return f"UTC{name[0]}{offset[0]}" + (f":{offset[1]:02d}" if offset[1] else "")
    return name


def local_text(moment: dt.datetime) -> str:
    """A moment as people read it: 'Friday 12 March 2027, 16:30 CET'."""
    name = zone_name(moment)
    day = f"{WEEKDAY_NAMES[moment.weekday()]} {moment.day} {MONTH_NAMES[moment.month - 1]}"
    return f"{day} {moment.year}, {moment:%H:%M}{' ' + name if name else ''}"


def short_text(moment: dt.datetime) -> str:
    """A moment in a few characters for the drill screen: 'Fri 12 Mar 16:30'."""
    return (
        f"{WEEKDAY_NAMES[moment.weekday()][:3]} {moment.day} "
        f"{MONTH_NAMES[moment.month - 1][:3]} {moment:%H:%M}"
    )


def ceil_minutes(hours: float) -> float:
    """``hours`` rounded up to a whole minute (so a deadline is never shown as met too early)."""
    return math.ceil(round(hours * 60, 6)) / 60
