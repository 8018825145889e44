"""Meeting dates from the pattern, dated events over the horizon, and the iCalendar file."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
import pytest
import vobject

from tests.wizards.factories import complete_charter
from wizards.board_calendar import (
    BoardEvent,
    board_events,
    describe_pattern,
    fiscal_label,
    fiscal_quarter,
    fiscal_quarter_months,
    meeting_dates,
    readiness_meetings,
    to_ics,
)
from wizards.model import BoardReporting, Cadence, MeetingPattern, PatternKind, ReportItem
from wizards.render import render_calendar, render_charter

D = dt.date


def board(**pattern: object) -> BoardReporting:
    return BoardReporting(forum="Board", pattern=MeetingPattern(**pattern))  # type: ignore[arg-type]


def test_second_tuesday_of_quarter_months() -> None:
    dates = meeting_dates(board(months=[3, 6, 9, 12], nth=2, weekday=1), D(2027, 1, 1))
    assert dates[:4] == [D(2027, 3, 9), D(2027, 6, 8), D(2027, 9, 14), D(2027, 12, 14)]
    assert len(dates) == 8
    assert all(d.weekday() == 1 and 8 <= d.day <= 14 for d in dates)


def test_last_thursday() -> None:
    dates = meeting_dates(board(months=[1, 4, 7, 10], nth=-1, weekday=3), D(2027, 4, 1))
    assert dates[0] == D(2027, 4, 29)
    assert all(d.weekday() == 3 and (d + dt.timedelta(days=7)).month != d.month for d in dates)


def test_day_of_month_moves_off_weekends() -> None:
    b = board(kind=PatternKind.DAY_OF_MONTH, months=list(range(1, 13)), day=20)
    dates = meeting_dates(b, D(2027, 1, 1))
    assert len(dates) == 24
    assert all(d.weekday() < 5 for d in dates)
    assert D(2027, 3, 22) in dates  # 20 March 2027 is a Saturday: moved to Monday
    assert D(2027, 1, 20) in dates  # a Wednesday stays


def test_late_day_moves_back_to_friday_within_the_month() -> None:
    b = board(kind=PatternKind.DAY_OF_MONTH, months=[2], day=27)
    dates = meeting_dates(b, D(2027, 1, 1))
    assert dates[0] == D(2027, 2, 26)  # Saturday 27 Feb 2027 -> Friday 26th
    assert "previous working day" in describe_pattern(b)


def test_day_of_month_without_moving() -> None:
    b = board(kind=PatternKind.DAY_OF_MONTH, months=[3], day=20, move_off_weekends=False)
    assert meeting_dates(b, D(2027, 1, 1))[0] == D(2027, 3, 20)


def test_pattern_in_words() -> None:
    text = describe_pattern(board(months=[3, 6, 9, 12], nth=2, weekday=1))
    assert text == "the second Tuesday of March, June, September and December"


def test_fiscal_year_helpers() -> None:
    assert fiscal_quarter(D(2027, 4, 1), 4) == 1
    assert fiscal_quarter(D(2028, 3, 31), 4) == 4
    assert fiscal_label(2027, 4) == "FY2027/28"
    assert fiscal_label(2027, 1) == "FY2027"
    assert fiscal_quarter_months(4, 3) == [3, 6, 9, 12]
    assert fiscal_quarter_months(7, 1) == [1, 4, 7, 10]


def test_items_follow_their_cadence_over_the_horizon() -> None:
    charter = complete_charter()
    charter.board.items += [
        ReportItem(key="half", title="Ethics review", cadence=Cadence.SEMIANNUAL),
        ReportItem(key="every", title="Incident log", cadence=Cadence.EVERY_MEETING),
        ReportItem(
            key="once", title="Annex III duties apply", cadence=Cadence.ONCE, date=D(2027, 12, 2)
        ),
        ReportItem(
            key="late", title="Outside the horizon", cadence=Cadence.ONCE, date=D(2030, 1, 1)
        ),
    ]
    events = board_events(charter)
    by_title: dict[str, list[dt.date]] = {}
    for e in events:
        by_title.setdefault(e.title, []).append(e.date)
    assert len(by_title["Quarterly AI risk report"]) == 8
    assert by_title["Annual charter review"] == [D(2027, 12, 14), D(2028, 12, 12)]
    assert by_title["Ethics review"] == [
        D(2027, 3, 9),
        D(2027, 9, 14),
        D(2028, 3, 14),
        D(2028, 9, 12),
    ]
    assert len(by_title["Incident log"]) == 8
    assert by_title["Annex III duties apply"] == [D(2027, 12, 2)]
    assert "Outside the horizon" not in by_title
    assert events == sorted(events, key=lambda e: (e.date, e.title))


def test_uids_survive_a_moved_meeting() -> None:
    charter = complete_charter()
    before = {e.uid for e in board_events(charter)}
    charter.board.pattern.nth = 3
    after = board_events(charter)
    assert {e.uid for e in after} == before
    assert len({e.uid for e in after}) == len(after)


def test_ics_parses_with_two_independent_parsers() -> None:
    charter = complete_charter()
    events = board_events(charter)
    data = to_ics(charter)

    cal = icalendar.Calendar.from_ical(data)
    parsed = [c for c in cal.walk("VEVENT")]
    assert len(parsed) == len(events) == 10
    assert [c.decoded("dtstart") for c in parsed] == [e.date for e in events]
    assert all(c.decoded("dtend") - c.decoded("dtstart") == dt.timedelta(days=1) for c in parsed)

    second = vobject.readOne(data.decode("utf-8"))
    vevents = second.vevent_list
    assert [v.dtstart.value for v in vevents] == [e.date for e in events]
    assert [v.uid.value for v in vevents] == [e.uid for e in events]
    assert "Audit and Risk Committee" in vevents[0].summary.value


def test_ics_lines_are_folded_and_crlf() -> None:
    charter = complete_charter()
    charter.board.items[0].what = "Ausführlicher Bericht über KI-Risiken " * 10 + "山田 花子"
    data = to_ics(charter)
    assert b"\r\n" in data
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(data)
    assert "山田 花子" in str(next(iter(cal.walk("VEVENT")))["description"])


@pytest.mark.parametrize("months", [1, 12, 60])
def test_horizon_controls_the_span(months: int) -> None:
    charter = complete_charter()
    charter.board.horizon_months = months
    events = board_events(charter)
    end = D(2027, 1, 1) + dt.timedelta(days=31 * months)
    assert all(D(2027, 1, 1) <= e.date <= end for e in events)


def _with_deadline(day: dt.date) -> list[BoardEvent]:
    charter = complete_charter()
    charter.board.items.append(
        ReportItem(key="annex-iii", title="Annex III duties apply", cadence=Cadence.ONCE, date=day)
    )
    return board_events(charter)


def test_a_deadline_between_meetings_is_confirmed_at_the_last_meeting_before_it() -> None:
    events = [e for e in _with_deadline(D(2027, 12, 2)) if "Annex III" in e.title]
    readiness, marker = events
    assert (readiness.date, readiness.due, readiness.marker) == (
        D(2027, 9, 14),
        D(2027, 12, 2),
        False,
    )
    assert readiness.title == "Confirm readiness for 2 December 2027 (Annex III duties apply)"
    assert readiness.what.startswith("The last meeting before 2 December 2027: confirm")
    assert (marker.date, marker.marker, marker.unprepared) == (D(2027, 12, 2), True, False)
    assert marker.what.endswith("readiness is confirmed at the meeting on 14 September 2027.")
    assert readiness.uid != marker.uid


def test_a_one_off_item_on_a_meeting_day_is_that_meetings_item() -> None:
    events = [e for e in _with_deadline(D(2027, 9, 14)) if "Annex III" in e.title]
    assert [(e.date, e.marker, e.due) for e in events] == [(D(2027, 9, 14), False, None)]


def test_a_deadline_before_the_first_meeting_says_nobody_confirms_it() -> None:
    (marker,) = [e for e in _with_deadline(D(2027, 2, 1)) if "Annex III" in e.title]
    assert marker.marker and marker.unprepared
    assert "No meeting of the Audit and Risk Committee falls between 1 January 2027 and" in (
        marker.what
    )


def test_the_readiness_confirmation_keeps_its_uid_when_the_meeting_moves() -> None:
    charter = complete_charter()
    charter.board.items.append(
        ReportItem(key="annex-iii", title="Duties apply", cadence=Cadence.ONCE, date=D(2027, 12, 2))
    )
    before = {e.uid: e.date for e in board_events(charter) if e.due}
    charter.board.pattern.nth = 3
    after = {e.uid: e.date for e in board_events(charter) if e.due}
    assert before.keys() == after.keys() and len(before) == 1
    assert list(after.values()) == [D(2027, 9, 21)]


def test_readiness_meetings_name_the_meeting_or_none() -> None:
    charter = complete_charter()
    charter.board.items += [
        ReportItem(key="a", title="A", cadence=Cadence.ONCE, date=D(2027, 12, 2)),
        ReportItem(key="b", title="B", cadence=Cadence.ONCE, date=D(2027, 2, 1)),
        ReportItem(key="c", title="C", cadence=Cadence.ONCE, date=D(2027, 9, 14)),
        ReportItem(key="d", title="D", cadence=Cadence.ONCE, date=D(2031, 1, 1)),
    ]
    first = len(charter.board.items) - 4
    assert readiness_meetings(charter) == {first: D(2027, 9, 14), first + 1: None}


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_word_calendar_ics_and_charter_agree_on_a_deadline_between_meetings() -> None:
    charter = complete_charter()
    charter.board.items.append(
        ReportItem(
            key="aia", title="Annex III duties apply", cadence=Cadence.ONCE, date=D(2027, 12, 2)
        )
    )
    calendar = _plain(render_calendar(charter))
    assert (
        "14 September 2027 FY2027 Q3 Confirm readiness for 2 December 2027 (Annex III duties apply)"
        in calendar
    )
    assert "2 December 2027 deadline, no meeting Annex III duties apply" in calendar
    assert "listed twice: at the last meeting before it" in calendar
    charter_text = _plain(render_charter(charter))
    assert (
        "Readiness is confirmed at the meeting on 14 September 2027, the last before "
        "2 December 2027." in charter_text
    )
    ics = {
        (e.decoded("dtstart"), str(e["transp"])): str(e["summary"])
        for e in icalendar.Calendar.from_ical(to_ics(charter)).walk("VEVENT")
        if "Annex III" in str(e["summary"])
    }
    assert ics[(D(2027, 9, 14), "OPAQUE")].startswith("Confirm readiness for 2 December 2027")
    assert ics[(D(2027, 12, 2), "TRANSPARENT")] == "Annex III duties apply (deadline, no meeting)"


def test_the_charter_says_when_no_meeting_precedes_a_deadline() -> None:
    charter = complete_charter()
    charter.board.items.append(
        ReportItem(key="aia", title="Early duty", cadence=Cadence.ONCE, date=D(2027, 2, 1))
    )
    assert "No meeting falls before 1 February 2027 to confirm readiness for it." in _plain(
        render_charter(charter)
    )
    assert "nobody confirms readiness beforehand" in _plain(render_calendar(charter))


@pytest.mark.parametrize("preset", ["lean", "standard", "regulated"])
def test_a_charter_filled_by_defaults_schedules_every_cadence_it_sets(preset: str) -> None:
    from wizards.presets import apply_defaults
    from wizards.readiness import check

    charter = complete_charter()
    charter.board.items = []
    charter.board.indicators = []
    charter.ethics.principles = []
    filled = apply_defaults(charter, preset)
    keys = {i.key for i in filled.board.items}
    assert {"independent-review", "fairness-test-results"} <= keys
    found = [f.message for f in check(filled) if f.rule == "board-commitment-unscheduled"]
    assert found == []
    # The same charter with the third line's review taken out is found wanting.
    filled.board.assurance.third_line = filled.board.assurance.third_line or "Internal audit"
    filled.board.items = [i for i in filled.board.items if i.key != "independent-review"]
    found = [f.message for f in check(filled) if f.rule == "board-commitment-unscheduled"]
    assert any("reviewed independently" in m for m in found)


def test_items_due_on_one_day_are_confirmed_by_one_readiness_item() -> None:
    charter = complete_charter()
    charter.board.items += [
        ReportItem(
            key="a", title="Duties apply", owner="Head of Legal", cadence=Cadence.ONCE,
            date=D(2027, 12, 2), reference="EU AI Act Art. 113",
        ),
        ReportItem(
            key="b", title="Reporting starts", owner="Head of Risk", cadence=Cadence.ONCE,
            date=D(2027, 12, 2), unverified=True,
        ),
    ]  # fmt: skip
    (readiness,) = [e for e in board_events(charter) if e.due]
    assert readiness.title == "Confirm readiness for 2 December 2027"
    assert "when these fall due: Duties apply; Reporting starts." in readiness.what
    assert (readiness.owner, readiness.reference) == (
        "Head of Legal; Head of Risk",
        "EU AI Act Art. 113",
    )
    assert readiness.unverified
    markers = [e for e in board_events(charter) if e.marker]
    assert [m.title for m in markers] == ["Duties apply", "Reporting starts"]
    charter.board.items.pop()
    (alone,) = [e for e in board_events(charter) if e.due]
    assert alone.uid == readiness.uid
    assert alone.title == "Confirm readiness for 2 December 2027 (Duties apply)"
