"""Deadline arithmetic in calendar time, against cases worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from wizards.drill import clock
from wizards.drill.clock import Period, deadline, hours_between, period_of

BERLIN = clock.zone("Europe/Berlin")
LONDON = clock.zone("Europe/London")


def at(zone: dt.tzinfo, *parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=zone)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("words", "hours", "period"),
    [
        ("72 hours", 72, Period(hours=72)),
        ("Within 72 hours of becoming aware", 72, Period(hours=72)),
        ("15 days", 360, Period(days=15)),
        ("Immediately, and no later than 2 days after becoming aware", 48, Period(days=2)),
        ("1 month", 720, Period(months=1)),
        ("Within one month of the incident notification", None, Period(months=1)),
        ("4 hours from classification, at most 24 hours after awareness", 4, Period(hours=4)),
        ("Immediately", None, Period()),
        ("10 working days", 240, Period(hours=240)),
    ],
)
def test_the_period_comes_from_the_charters_words(
    words: str, hours: float | None, period: Period
) -> None:
    assert period_of(words, hours) == period


def test_seventy_two_hours_from_friday_afternoon_end_on_monday_afternoon() -> None:
    start = at(BERLIN, 2027, 3, 5, 16, 30)  # a Friday
    end = deadline(start, Period(hours=72))
    assert end == at(BERLIN, 2027, 3, 8, 16, 30)
    assert end is not None and end.strftime("%A %H:%M %Z") == "Monday 16:30 CET"


def test_hours_are_elapsed_time_when_summer_time_begins() -> None:
    # Berlin moves from 02:00 CET to 03:00 CEST on Sunday 28 March 2027.
    start = at(BERLIN, 2027, 3, 27, 12, 0)
    day = deadline(start, Period(hours=24))
    assert day is not None and (day.hour, day.tzname()) == (13, "CEST")
    assert day.date() == dt.date(2027, 3, 28)
    assert hours_between(start, day) == 24


def test_hours_are_elapsed_time_when_summer_time_ends() -> None:
    # Berlin moves from 03:00 CEST back to 02:00 CET on Sunday 31 October 2027.
    start = at(BERLIN, 2027, 10, 30, 12, 0)
    day = deadline(start, Period(hours=24))
    assert day is not None and (day.hour, day.tzname()) == (11, "CET")
    three = deadline(start, Period(hours=72))
    assert three is not None and (three.day, three.hour) == (2, 11)  # Tuesday 2 November


def test_the_gdpr_window_in_london_over_the_clock_change() -> None:
    # London moves from 01:00 GMT to 02:00 BST on Sunday 28 March 2027.
    start = at(LONDON, 2027, 3, 26, 17, 0)  # Friday 17:00 GMT
    end = deadline(start, Period(hours=72))
    assert end is not None
    assert clock.local_text(end) == "Monday 29 March 2027, 18:00 BST"


def test_days_are_counted_on_the_calendar_across_a_change_of_time() -> None:
    start = at(BERLIN, 2027, 3, 20, 10, 0)
    end = deadline(start, Period(days=15))
    assert end is not None and clock.local_text(end) == "Sunday 4 April 2027, 10:00 CEST"
    assert hours_between(start, end) == 359  # the night of the change has 23 hours


def test_a_month_ends_on_the_last_day_of_a_shorter_month() -> None:
    end = deadline(at(BERLIN, 2027, 1, 31, 10, 0), Period(months=1))
    assert end == at(BERLIN, 2027, 2, 28, 10, 0)


def test_no_fixed_deadline() -> None:
    assert deadline(at(BERLIN, 2027, 1, 4, 9, 0), Period()) is None
    assert not Period().fixed and Period().words() == "no fixed deadline"


def test_a_start_in_the_skipped_hour_moves_on() -> None:
    start = clock.next_start(dt.date(2027, 3, 28), 6, "02:30", BERLIN)
    assert (start.hour, start.minute, start.tzname()) == (3, 30, "CEST")


def test_the_next_start_is_the_weekday_on_or_after_the_day() -> None:
    assert clock.next_start(dt.date(2027, 3, 1), 3, "15:00", BERLIN) == at(
        BERLIN, 2027, 3, 4, 15, 0
    )
    assert clock.next_start(dt.date(2027, 3, 4), 3, "15:00", BERLIN).day == 4


def test_elapsed_hours_ignore_a_shared_time_zone() -> None:
    # Python subtracts aware datetimes with the same tzinfo by the wall clock; we must not.
    before = at(BERLIN, 2027, 3, 27, 12, 0)
    after = at(BERLIN, 2027, 3, 28, 12, 0)
    assert hours_between(before, after) == 23


@pytest.mark.parametrize(
    ("hours", "label", "left"),
    [
        (0, "T+0", "0 min left"),
        (0.25, "T+15 min", "15 min left"),
        (1.5, "T+1 h 30", "1 h 30 left"),
        (26, "T+26 h", "26 h left"),
        (50, "T+50 h", "50 h left"),
        (76, "T+76 h", "76 h left"),
        (100, "T+4 d 4 h", "4 d 4 h left"),
        (360, "T+15 d", "15 d left"),
    ],
)
def test_times_as_the_room_says_them(hours: float, label: str, left: str) -> None:
    assert clock.t_label(hours) == label
    assert clock.time_left(hours) == left
    assert clock.time_left(-hours) == (f"{left[:-5]} overdue" if hours else "0 min left")


def test_a_zone_without_a_short_name_shows_its_offset() -> None:
    dubai = dt.datetime(2027, 3, 3, 11, 0, tzinfo=clock.zone("Asia/Dubai"))
    assert clock.local_text(dubai) == "Wednesday 3 March 2027, 11:00 UTC+4"
    india = dt.datetime(2027, 3, 3, 11, 0, tzinfo=clock.zone("Asia/Kolkata"))
    assert clock.zone_name(india) in ("IST", "UTC+5:30")
