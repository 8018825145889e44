"""Recording an approval, what it refuses, and what the approved and draft documents say."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest

from desktop.cli import main
from tests.conftest import ROOT
from tests.wizards.factories import complete_charter
from wizards.answers import load, save
from wizards.build import build
from wizards.model import AcceptedRisk, Approval, Charter
from wizards.readiness import check
from wizards.versions.approval import ApprovalRefusedError, approve, problems, start_review
from wizards.versions.status import StatusKind, charter_status

LENDER = ROOT / "resources" / "examples" / "eu-lender-credit-scoring.charter.json"
MEETING = dt.date(2026, 12, 8)


def _ready(charter: Charter) -> Charter:
    charter.resolution.body = charter.resolution.body or "Board of Directors"
    charter.resolution.meeting_date = MEETING
    charter.resolution.reference = "Minute 2026/12/3"
    charter.resolution.quorum_confirmed = True
    return charter


def _accept_all(charter: Charter) -> Charter:
    for finding in check(charter):
        if finding.severity.value == "blocker":
            charter.accepted_risks.append(
                AcceptedRisk(
                    rule=finding.rule,
                    field=finding.field,
                    summary=finding.message,
                    reason="A new contract is being negotiated.",
                    owner="Dr Katharina Brandt",
                    expires=dt.date(2027, 6, 30),
                )
            )
    return charter


def test_each_missing_piece_of_the_resolution_is_named() -> None:
    charter = complete_charter()
    charter.approvals = []
    found = problems(charter)
    assert any("Name the body" in p for p in found)
    assert any("date of the meeting" in p for p in found)
    assert any("quorate" in p for p in found)
    assert any("at least one member of the approving body" in p for p in found)
    assert problems(_ready(complete_charter())) == []


def test_the_appointee_cannot_approve_their_own_appointment() -> None:
    charter = _ready(complete_charter())
    name = charter.executive.person.name
    charter.approvals.append(Approval(name=name, role="Accountable executive"))
    assert any("cannot approve their own appointment" in p for p in problems(charter))
    assert "charter-appointee-approves" in {f.rule for f in check(charter)}
    charter.approvals[-1].countersign = True
    assert problems(charter) == []
    assert "charter-appointee-approves" not in {f.rule for f in check(charter)}


def test_a_blocker_must_be_fixed_or_accepted_in_full() -> None:
    charter = _ready(load(LENDER))
    assert any(p.startswith("Fix or accept the blocker") for p in problems(charter))
    with pytest.raises(ApprovalRefusedError) as refused:
        approve(charter)
    assert refused.value.problems and charter.history == []
    charter = _accept_all(charter)
    charter.accepted_risks[0].reason = ""
    charter.accepted_risks[0].expires = None
    assert any("needs a reason and an expiry date" in p for p in problems(charter))
    charter.accepted_risks[0].reason = "Negotiation."
    charter.accepted_risks[0].expires = MEETING
    assert any("before the meeting" in p for p in problems(charter))
    charter.accepted_risks[0].expires = dt.date(2027, 6, 30)
    assert problems(charter) == []


def test_approve_seals_the_content_and_bumps_the_version() -> None:
    first = _accept_all(_ready(load(LENDER)))
    record = approve(first)
    assert (record.version, record.approved_on, record.body) == ("1.0", MEETING, "Management Board")
    assert record.summary == "First approved version."
    assert record.approved_by == [a.name for a in first.approvals if not a.countersign]
    assert first.accepted_risks[0].accepted_by == "Management Board"
    assert charter_status(first).approved
    assert any("already approved" in p for p in problems(first))

    wording = start_review(first)
    wording.organisation.sector = "Retail banking"
    wording.resolution.meeting_date = dt.date(2027, 3, 9)
    wording.resolution.quorum_confirmed = True
    assert approve(wording, previous=first).version == "1.1"

    decision = start_review(wording)
    decision.risk.categories[0].appetite = decision.risk.categories[0].appetite.__class__("minimal")
    decision.resolution.meeting_date = dt.date(2027, 6, 8)
    decision.resolution.quorum_confirmed = True
    record = approve(decision, previous=wording)
    assert record.version == "2.0"
    assert "Risk appetite for" in record.summary
    assert [h.version for h in decision.history] == ["1.0", "1.1", "2.0"]


def _built(charter: Charter, out: Path) -> docx.document.Document:
    files = build(charter, out, ["docx"]).files
    path = next(f for f in files if "-charter-" in f.name)
    return docx.Document(str(path)), path


def test_the_approved_document_and_the_draft_differ_as_they_must(tmp_path: Path) -> None:
    charter = _accept_all(_ready(load(LENDER)))
    for a in charter.approvals:
        a.date = MEETING if not a.countersign else None
    approve(charter)
    document, path = _built(charter, tmp_path / "approved")
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    headers = "".join(
        zipfile.ZipFile(path).read(n).decode("utf-8")
        for n in zipfile.ZipFile(path).namelist()
        if n.startswith("word/header")
    )
    assert "NOT APPROVED" not in headers
    rows = {r.cells[0].text: r.cells[1].text for r in document.tables[0].rows[1:]}
    assert rows["Status"] == "Approved as version 1.0 on 8 December 2026"
    assert rows["Approved by"] == "The Management Board, 8 December 2026 (Minute 2026/12/3)"
    history = document.tables[1]
    assert [c.text for c in history.rows[2].cells][:2] == ["1.0", "8 December 2026"]
    text = "\n".join(p.text for p in document.paragraphs)
    resolved = "The Management Board, meeting on 8 December 2026 with a quorum present, resolved:"
    assert resolved in text
    start = text.index("resolved:")
    clauses = text[start:].splitlines()[1:9]
    assert clauses[0].startswith("to adopt the AI Governance Charter, version 1.0")
    assert clauses[1].startswith("to appoint Dr Katharina Brandt")
    assert clauses[7].startswith("to accept, for the time and on the terms in section 7.2")
    assert "The Management Board accepted on 8 December 2026, until 30 June 2027:" in text
    # Section 3's register of risks accepted beyond the appetite lists it too, and says that
    # only the forum accepts such a risk.
    assert "no executive may accept one alone" in text
    register = next(t for t in document.tables if t.rows[0].cells[0].text == "Risk accepted")
    assert [c.text for c in register.rows[1].cells][1:] == [
        "The Management Board",
        "8 December 2026",
        "30 June 2027",
        "Dr Katharina Brandt",
    ]
    signers, accepting = (t for t in document.tables if t.rows[0].cells[0].text == "Name")
    assert [r.cells[2].text for r in signers.rows[1:]] == ["8 December 2026"] * 2
    assert [r.cells[0].text for r in accepting.rows[1:]] == ["Dr Katharina Brandt"]
    assert accepting.rows[1].cells[2].text == ""  # no date recorded: left for the pen
    assert len(re.findall(r'<w:trHeight w:val="907" w:hRule="atLeast"/>', xml)) == 3

    charter.organisation.sector = "Changed after the meeting"
    document, path = _built(charter, tmp_path / "changed")
    headers = "".join(
        zipfile.ZipFile(path).read(n).decode("utf-8")
        for n in zipfile.ZipFile(path).namelist()
        if n.startswith("word/header")
    )
    assert headers.count("DRAFT — CHANGED SINCE THE APPROVAL OF VERSION 1.0") >= 2
    signers = next(t for t in document.tables if t.rows[0].cells[0].text == "Name")
    assert all(r.cells[2].text == "" for r in signers.rows[1:])
    assert charter_status(charter).kind is StatusKind.CHANGED


def test_status_diff_and_a_hand_edited_file_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    charter = _accept_all(_ready(load(LENDER)))
    approve(charter)
    approved = tmp_path / "approved.charter.json"
    save(charter, approved)
    assert main(["status", str(approved)]) == 0
    assert "Approved as version 1.0 on 8 December 2026" in capsys.readouterr().out
    assert main(["status", str(LENDER), "--json"]) == 3
    assert json.loads(capsys.readouterr().out)["status"] == "draft"

    data = json.loads(approved.read_text(encoding="utf-8"))
    data["executive"]["deputy"]["name"] = "Edited By Hand"
    edited = tmp_path / "edited.charter.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    assert main(["status", str(edited)]) == 3
    out = capsys.readouterr()
    assert "changed since the approval of version 1.0" in out.out
    assert "its content is not what was approved" in out.err
    assert main(["build", str(edited), "--out", str(tmp_path / "out"), "--formats", "docx"]) == 0
    assert "treated as a draft" in capsys.readouterr().err

    assert main(["diff", str(approved), str(edited)]) == 0
    out = capsys.readouterr().out
    assert "* Deputy to the accountable executive: Jeroen van Dijk → Edited By Hand" in out
    assert main(["diff", str(approved), str(edited), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row == {
        "path": "$.executive.deputy.name",
        "change": "Deputy to the accountable executive: Jeroen van Dijk → Edited By Hand",
        "decision": True,
    }
    assert main(["diff", str(approved), str(tmp_path / "missing.json")]) == 2


def test_a_preview_of_another_step_runs_no_readiness_check() -> None:
    """The live preview renders a step's section on each pause in typing: only section 7
    needs the readiness check (its accepted risks and open points)."""
    from unittest import mock

    from wizards.render import render_section
    from wizards.steps import Step

    charter = load(LENDER)
    with mock.patch("wizards.readiness.check", side_effect=AssertionError("ran")) as ran:
        for step in (Step.ORGANISATION, Step.RISK, Step.BOARD):
            render_section(charter, step)
    assert not ran.called
    with mock.patch("wizards.readiness.check", return_value=[]) as ran:
        render_section(charter, Step.REVIEW)
    assert ran.called
