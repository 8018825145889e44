"""Recording an approval: what must hold first, and the sealed record it leaves.

An approval is refused while the resolution lacks its body, meeting date or quorum, while no
member of the approving body signs, or while a blocker is open: each blocker is either fixed or
accepted by the body with a reason, an owner and an expiry date. Warnings may stay open; the
charter prints them as open points. The record carries the version number (by the bump rule),
the fingerprint of the content and a summary of what changed since the previous version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from wizards.model import AcceptedRisk, Approval, ApprovalRecord, Charter
from wizards.readiness import Level, ReadinessFinding, check
from wizards.steps import same_person
from wizards.versions.changes import changes, next_version, summary
from wizards.versions.fingerprint import fingerprint
from wizards.versions.status import long_date


class ApprovalRefusedError(Exception):
    """The approval cannot be recorded; ``problems`` says why, one sentence each."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class OpenBlocker:
    """A blocker and the acceptance that covers it, if any."""

    finding: ReadinessFinding
    acceptance: AcceptedRisk | None


def covers(acceptance: AcceptedRisk, finding: ReadinessFinding) -> bool:
    """Whether ``acceptance`` was recorded for ``finding`` (same rule, same place)."""
    same_place = not acceptance.field or acceptance.field == finding.field
    return acceptance.rule == finding.rule and same_place


def blockers(charter: Charter, findings: Sequence[ReadinessFinding]) -> list[OpenBlocker]:
    """The blockers among ``findings``, each with the acceptance that covers it or None."""
    return [
        OpenBlocker(f, next((a for a in charter.accepted_risks if covers(a, f)), None))
        for f in findings
        if f.severity is Level.BLOCKER
    ]


def acceptance_for(finding: ReadinessFinding, body: str) -> AcceptedRisk:
    """A new, still incomplete acceptance of ``finding`` by ``body`` for the user to fill in."""
    return AcceptedRisk(
        rule=finding.rule, field=finding.field, summary=finding.message, accepted_by=body
    )


def signatories(charter: Charter) -> list[Approval]:
    """Those who approve: named signatories who do not only countersign."""
    return [a for a in charter.approvals if a.name.strip() and not a.countersign]


def problems(charter: Charter, findings: Sequence[ReadinessFinding] | None = None) -> list[str]:
    """Why the charter cannot be approved now, in words; empty when it can."""
    findings = check(charter) if findings is None else findings
    found: list[str] = []
    resolution = charter.resolution
    if not resolution.body.strip():
        found.append("Name the body that approves the charter (the board or its committee).")
    if resolution.meeting_date is None:
        found.append("Give the date of the meeting that approves the charter.")
    if not resolution.quorum_confirmed:
        found.append("Confirm that the meeting was quorate.")
    approvers = signatories(charter)
    if not approvers:
        found.append("Record at least one member of the approving body as a signatory.")
    executive = charter.executive.person.name
    if executive.strip() and any(same_person(a.name, executive) for a in approvers):
        found.append(
            f"{executive.strip()} cannot approve their own appointment: mark their signature "
            "as a countersignature accepting it."
        )
    meeting = resolution.meeting_date
    for item in blockers(charter, findings):
        acceptance = item.acceptance
        if acceptance is None:
            found.append(f"Fix or accept the blocker: {item.finding.message}")
            continue
        missing = [
            words
            for words, value in (
                ("a reason", acceptance.reason.strip()),
                ("an owner", acceptance.owner.strip()),
                ("an expiry date", acceptance.expires),
            )
            if not value
        ]
        if missing:
            found.append(
                f"The acceptance of '{item.finding.message}' needs "
                + ", ".join(missing[:-1])
                + (" and " if len(missing) > 1 else "")
                + f"{missing[-1]}."
            )
        elif meeting is not None and acceptance.expires and acceptance.expires <= meeting:
            found.append(
                f"The acceptance of '{item.finding.message}' expires on "
                f"{long_date(acceptance.expires)}, before the meeting: fix it or extend it."
            )
    if charter.history and charter.history[-1].fingerprint == fingerprint(charter):
        found.append(f"This content is already approved as version {charter.history[-1].version}.")
    return found


def approve(
    charter: Charter,
    previous: Charter | None = None,
    findings: Sequence[ReadinessFinding] | None = None,
) -> ApprovalRecord:
    """Record the approval of ``charter`` as it stands, and return the record.

    Sets the version number (the first approval keeps the charter's own, later ones follow
    the bump rule against ``previous``, the last approved version), completes the accepted
    risks with the body and the meeting date, and appends the record to the history.

    Args:
        charter: The charter; changed in place.
        previous: The last approved version, for the change summary and the version number.
        findings: The readiness findings of ``charter`` (computed when None).

    Raises:
        ApprovalRefusedError: With every reason the approval cannot be recorded.
    """
    findings = check(charter) if findings is None else findings
    refused = problems(charter, findings)
    if refused:
        raise ApprovalRefusedError(refused)
    resolution = charter.resolution
    last = charter.history[-1] if charter.history else None
    found = changes(previous, charter) if previous is not None else []
    if last is not None:
        charter.meta.version = next_version(last.version, found)
    elif not charter.meta.version.strip():
        charter.meta.version = "1.0"
    for acceptance in charter.accepted_risks:
        acceptance.accepted_by = acceptance.accepted_by.strip() or resolution.body.strip()
        acceptance.accepted_on = acceptance.accepted_on or resolution.meeting_date
    text = summary(found) if last is not None else "First approved version."
    record = ApprovalRecord(
        version=charter.meta.version,
        approved_on=resolution.meeting_date,
        fingerprint=fingerprint(charter),
        body=resolution.body.strip(),
        reference=resolution.reference.strip(),
        approved_by=[a.name.strip() for a in signatories(charter)],
        summary=text,
    )
    charter.history.append(record)
    return record


def proposed_version(charter: Charter, previous: Charter | None) -> str:
    """The number this charter would be approved as: from what changed since ``previous``.

    An approved charter, or one without an approval before it, keeps its own number.
    """
    from wizards.versions.status import charter_status

    if previous is None or not charter.history or charter_status(charter).approved:
        return charter.meta.version
    return next_version(charter.history[-1].version, changes(previous, charter))


def start_review(charter: Charter, today: dt.date | None = None) -> Charter:
    """The next draft of an approved charter: same identity and history, a clean sign-off.

    The signatures, the resolution's meeting details and expired acceptances go; the
    signatories stay named (without dates) so the next meeting's signature sheet is ready.
    """
    today = today or dt.date.today()
    draft = charter.model_copy(deep=True)
    if draft.history:
        # Provisional: the approval sets the number from what changed (2.0 for a decision).
        draft.meta.version = next_version(draft.history[-1].version, [])
    draft.approvals = [
        a.model_copy(update={"date": None}) for a in charter.approvals if a.name.strip()
    ]
    draft.resolution = draft.resolution.model_copy(
        update={"meeting_date": None, "reference": "", "quorum_confirmed": False}
    )
    draft.accepted_risks = [r for r in draft.accepted_risks if not r.expires or r.expires >= today]
    return draft
