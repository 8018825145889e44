"""The calendar file as clients take it: stamps, SEQUENCE, TRANSP, UIDs, strict parsers."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream

from tests.conftest import example_files
from tests.wizards.factories import complete_charter
from wizards.answers import load
from wizards.board_calendar import board_events, meeting_dates, sequence_number, to_ics
from wizards.model import Cadence, Charter, ReportItem

BUILT = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.timezone.utc)


def events_of(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_every_event_has_its_stamps_and_a_sequence() -> None:
    events = events_of(to_ics(complete_charter(), now=BUILT))
    assert events
    for event in events:
        assert event.decoded("dtstamp") == BUILT
        assert event.decoded("last-modified") == BUILT
        assert int(event["sequence"]) == sequence_number(BUILT) > 0


def test_uids_are_unique_and_have_no_slash() -> None:
    charter = complete_charter()
    charter.board.fiscal_year_start_month = 4  # periods read "FY2027/28"
    assert any("/" in e.period for e in board_events(charter))
    uids = [str(e["uid"]) for e in events_of(to_ics(charter, now=BUILT))]
    assert len(set(uids)) == len(uids)
    assert not [uid for uid in uids if "/" in uid]


def test_a_meeting_is_busy_and_a_statutory_date_is_a_marker() -> None:
    charter = complete_charter()
    charter.board.items.append(
        ReportItem(title="Annex III duties apply", cadence=Cadence.ONCE, date=dt.date(2027, 12, 2))
    )
    meetings = set(meeting_dates(charter.board, charter.meta.effective_date or dt.date.today()))
    transp = {e.decoded("dtstart"): str(e["transp"]) for e in events_of(to_ics(charter))}
    assert {transp[day] for day in meetings if day in transp} == {"OPAQUE"}
    assert transp[dt.date(2027, 12, 2)] == "TRANSPARENT"  # no meeting that day


def test_a_deadline_is_a_free_marker_and_its_readiness_a_busy_meeting_item() -> None:
    charter = complete_charter()
    charter.board.items.append(
        ReportItem(title="Annex III duties apply", cadence=Cadence.ONCE, date=dt.date(2027, 12, 2))
    )
    events = {
        e.decoded("dtstart"): e for e in events_of(to_ics(charter)) if "Annex III" in e["summary"]
    }
    marker, readiness = events[dt.date(2027, 12, 2)], events[dt.date(2027, 9, 14)]
    assert str(marker["summary"]) == "Annex III duties apply (deadline, no meeting)"
    assert (str(marker["transp"]), str(marker["x-microsoft-cdo-busystatus"])) == (
        "TRANSPARENT",
        "FREE",
    )
    assert marker.decoded("dtend") - marker.decoded("dtstart") == dt.timedelta(days=1)
    assert str(readiness["summary"]).startswith("Confirm readiness for 2 December 2027")
    assert (str(readiness["transp"]), str(readiness["x-microsoft-cdo-busystatus"])) == (
        "OPAQUE",
        "BUSY",
    )
    strict = IcsCalendarStream.calendar_from_ics(to_ics(charter).decode("utf-8"))
    assert {e.transparency for e in strict.events if "Annex III" in e.summary} == {
        "OPAQUE",
        "TRANSPARENT",
    }


def test_a_rebuilt_changed_calendar_outranks_the_earlier_file() -> None:
    charter = complete_charter()
    before = {str(e["uid"]): e for e in events_of(to_ics(charter, now=BUILT))}
    charter.board.pattern.nth = 3  # every meeting moves a week
    later = BUILT + dt.timedelta(seconds=40)
    after = {str(e["uid"]): e for e in events_of(to_ics(charter, now=later))}
    assert after.keys() == before.keys()
    day = "dtstart"
    moved = [uid for uid in after if after[uid].decoded(day) != before[uid].decoded(day)]
    assert moved
    for uid in moved:
        assert int(after[uid]["sequence"]) > int(before[uid]["sequence"])
        assert after[uid].decoded("last-modified") > before[uid].decoded("last-modified")


def test_sequence_stays_a_32_bit_integer() -> None:
    assert sequence_number(dt.datetime(2019, 1, 1, tzinfo=dt.timezone.utc)) == 0
    assert sequence_number(dt.datetime(9999, 1, 1, tzinfo=dt.timezone.utc)) == 2**31 - 1


@pytest.fixture(scope="module")
def example_calendars() -> dict[str, tuple[Charter, bytes]]:
    out = {}
    for path in example_files():
        charter = load(path)
        out[path.name] = (charter, to_ics(charter))
    return out


def test_the_examples_pass_three_independent_parsers(
    example_calendars: dict[str, tuple[Charter, bytes]],
) -> None:
    for name, (charter, data) in example_calendars.items():
        n = len(board_events(charter))
        # icalendar records what it had to repair or could not read on each component.
        cal = icalendar.Calendar.from_ical(data)
        assert [c.errors for c in cal.walk() if c.errors] == [], name
        # vobject checks each property's count in its component (one DTSTAMP, one UID, ...).
        parsed = vobject.readOne(data.decode("utf-8"))
        assert parsed.validate(raiseException=True), name
        assert len(parsed.vevent_list) == n
        # ical (the strict, typed parser of Home Assistant's calendar) reads every value by type.
        strict = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
        assert len(strict.events) == n, name
        for event in strict.events:
            assert event.sequence is not None and event.sequence > 0
            assert event.last_modified is not None
            assert event.transparency in ("OPAQUE", "TRANSPARENT")
            assert "/" not in (event.uid or "")
