"""The workshop record in Word and its actions as iCalendar, read back from the files written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from icalendar import Calendar

from desktop import cli
from tests.conftest import EXAMPLES
from tests.templates.test_templates import used_variables
from tests.wizards.factories import complete_charter
from wizards.answers import load, save
from wizards.build import BuildError, build
from wizards.model import Charter
from wizards.readiness import check
from wizards.workshop.agenda import new_workshop
from wizards.workshop.model import Action, Decision, Dissent, Outcome
from wizards.workshop.record import take
from wizards.workshop.report import (
    NoWorkshopError,
    actions_ics,
    record_context,
    record_names,
    render_record,
)

LENDER = EXAMPLES / "eu-lender-credit-scoring.charter.json"
NOW = dt.datetime(2026, 12, 3, 10, 0)


def _text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def _workshop_charter() -> Charter:
    charter = complete_charter()
    w = new_workshop(charter, date=NOW.date())
    charter.workshops.append(w)
    deputy_id = w.attendees[1].id
    take(w, charter, "executive.person", Outcome.AGREED, now=NOW)
    take(
        w, charter, "executive.authorities.halt_systems", Outcome.DISSENT, now=NOW,
        dissent=[Dissent(attendee=deputy_id, reason="Halting needs a second pair of eyes.")],
    )  # fmt: skip
    take(
        w, charter, "board.cadence", Outcome.DEFERRED, now=NOW,
        action=Action(text="Ask the committee", owner="Ruth Ames", due=dt.date(2027, 1, 20)),
    )  # fmt: skip
    w.actions.append(Action(text="Circulate the record", owner="Sam Okafor"))
    return charter


def test_the_template_uses_only_context_variables() -> None:
    assert used_variables("workshop.html.j2") <= set(record_context(_workshop_charter()))


def test_the_lender_record_in_word(tmp_path: Path) -> None:
    charter = load(LENDER)
    result = build(charter, tmp_path, ["workshop"])
    names = record_names(charter)
    assert [p.name for p in result.files] == [names["record"], names["actions"]]
    text = _text(tmp_path / names["record"])
    for name in ("Dr Katharina Brandt", "Dr Felix Rauch", "Ines Vogel", "Jeroen van Dijk",
                 "Markus Lehmann", "Dr Matthias Ernst", "Florian Huber"):  # fmt: skip
        assert name in text, name
    assert "I am made accountable for a credit-scoring system I may not stop." in text
    assert "Answered: The Chair undertook to convene the Management Board" in text
    assert "No answer recorded." in text  # the fairness objection
    assert "Items 8, 10 and 11" in text
    assert "09:50–11:05" in text and "09:55–11:20" in text  # planned and held
    doc = Document(str(tmp_path / names["record"]))
    actions = doc.tables[-1]
    rows = [[c.text for c in r.cells] for r in actions.rows]
    assert rows[0] == ["No.", "Action", "Owner", "Due"]
    assert rows[1][2:] == ["Florian Huber", "15 January 2027"]
    assert rows[2][2:] == ["Dr Felix Rauch", "12 February 2027"]


def test_the_record_marks_a_reopened_decision(tmp_path: Path) -> None:
    charter = _workshop_charter()
    charter.executive.person.name = "Dana Whitfield-Jones"
    html = render_record(charter)
    assert "The accountable executive: agreed (reopened)" in html
    assert "the charter now says: Dana Whitfield-Jones, Chief Operating Officer" in html
    build(charter, tmp_path, ["workshop"])
    text = _text(tmp_path / record_names(charter)["record"])
    assert "Reopened" in text and "Halting needs a second pair of eyes." in text
    assert "Circulate the record" in text and "No date set" in text


def test_the_actions_calendar() -> None:
    charter = _workshop_charter()
    built = dt.datetime(2026, 12, 4, 8, 30, tzinfo=dt.timezone.utc)
    cal = Calendar.from_ical(actions_ics(charter, now=built))
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1  # the undated action cannot be put on a day
    (event,) = events
    assert event.decoded("dtstart") == dt.date(2027, 1, 20)
    assert event.decoded("dtend") == dt.date(2027, 1, 21)
    assert str(event["summary"]) == "Ask the committee (Ruth Ames)"
    assert "Reporting to the board" in str(event["description"])
    assert "/" not in str(event["uid"]) and str(event["uid"]).endswith("@charter-builder")
    assert event.decoded("dtstamp") == built and event.decoded("last-modified") == built
    later = Calendar.from_ical(actions_ics(charter, now=built + dt.timedelta(hours=1)))
    (again,) = list(later.walk("VEVENT"))
    assert again["uid"] == event["uid"] and int(again["sequence"]) > int(event["sequence"])
    assert str(event["transp"]) == "TRANSPARENT"
    charter.workshops[-1].actions[0].done = True
    (done,) = list(Calendar.from_ical(actions_ics(charter, now=built)).walk("VEVENT"))
    assert str(done["status"]) == "CANCELLED"


def test_no_workshop_is_a_clear_error(tmp_path: Path) -> None:
    charter = complete_charter()
    with pytest.raises(BuildError, match="no workshop"):
        build(charter, tmp_path / "out", ["workshop"])
    assert not (tmp_path / "out").exists()
    with pytest.raises(NoWorkshopError, match="no workshop"):
        render_record(charter)


def test_the_command_line_writes_the_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["build", str(LENDER), "--out", str(tmp_path), "--formats", "workshop"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.count(str(tmp_path)) == 2
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".docx", ".ics"]
    bare = tmp_path / "bare.charter.json"
    save(complete_charter(), bare)
    code = cli.main(["build", str(bare), "--out", str(tmp_path / "b"), "--formats", "workshop"])
    _, err = capsys.readouterr()
    assert code != 0 and "no workshop" in err and "Traceback" not in err
    with pytest.raises(SystemExit):
        cli.main(["build", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "workshop (the record of the charter's last workshop" in help_text


def test_typed_text_is_printed_as_typed_and_a_bare_workshop_still_reads() -> None:
    charter = _workshop_charter()
    w = charter.workshops[-1]
    w.decisions[1].dissent[0].reason = "<b>No</b> {{ 7 * 7 }} — نعم 山田"
    html = render_record(charter)
    assert "&lt;b&gt;No&lt;/b&gt; {{ 7 * 7 }} — نعم 山田" in html
    w.date = None
    html = render_record(charter)
    assert "The workshop has no date, so the agenda has no planned times." in html
    assert "On date not recorded" not in html


def test_a_record_with_loose_ends_from_a_file_still_reads() -> None:
    charter = _workshop_charter()
    w = charter.workshops[-1]
    w.decisions.append(
        Decision(key="risk.categories.gone.appetite", outcome=Outcome.AGREED, item="no-item",
                 answer="Open", agreed_by=["ghost"], dissent=[Dissent(attendee="ghost")])
    )  # fmt: skip
    w.attendees[0].items = ["no-item"]
    html = render_record(charter)
    assert "Decision no longer in the charter (risk.categories.gone.appetite)" in html
    assert "An attendee</strong>: “No reason recorded”" in html
    assert "<td>None</td>" in html  # attended only an item no longer on the agenda
    rules = {f.rule for f in check(charter)}
    assert {"workshop-reopened", "workshop-dissent-unanswered"} <= rules
