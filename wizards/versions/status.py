"""The status of a charter, derived from its content and its version history, never stored.

*Draft* until a version is approved; *Approved* while the content equals an approved version's
fingerprint; *Changed since approval* as soon as it does not; *Under review* when it is still
the approved content but an accepted risk it was approved with has expired.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from wizards.model import AcceptedRisk, ApprovalRecord, Charter
from wizards.versions.fingerprint import fingerprint, short


class StatusKind(str, Enum):
    """The kinds of status; the values are what the library and ``status --json`` say."""

    DRAFT = "draft"
    APPROVED = "approved"
    CHANGED = "changed since approval"
    LAPSED = "under review"


def long_date(day: dt.date | None) -> str:
    """'8 December 2026'."""
    return f"{day.day} {day:%B %Y}" if day else "an unrecorded date"


@dataclass(frozen=True)
class Status:
    """Where a charter stands, and the approval that says so."""

    kind: StatusKind
    fingerprint: str
    approval: ApprovalRecord | None = None
    """The approval the content equals (approved, under review) or the last one (changed)."""
    expired: tuple[AcceptedRisk, ...] = ()

    @property
    def approved(self) -> bool:
        """True only when the content is exactly an approved version's, with nothing expired."""
        return self.kind is StatusKind.APPROVED

    def label(self) -> str:
        """The status in words, as the title bar, the library and the documents print it."""
        approval = self.approval
        if approval is None or self.kind is StatusKind.DRAFT:
            return "Draft for approval"
        when = long_date(approval.approved_on)
        if self.kind is StatusKind.APPROVED:
            return f"Approved as version {approval.version} on {when}"
        if self.kind is StatusKind.LAPSED:
            first = self.expired[0]
            return (
                f"Under review: the acceptance of an open point ({first.summary or first.rule}) "
                f"expired on {long_date(first.expires)}; version {approval.version} was "
                f"approved on {when}"
            )
        return f"Draft: changed since the approval of version {approval.version} on {when}"

    def short_label(self) -> str:
        """A few words for a list column or a title bar."""
        return {
            StatusKind.DRAFT: "Draft",
            StatusKind.APPROVED: "Approved",
            StatusKind.CHANGED: "Changed since approval",
            StatusKind.LAPSED: "Under review",
        }[self.kind]

    def page_mark(self) -> str | None:
        """What the top of every printed page says: None for an approved state."""
        if self.kind is StatusKind.APPROVED:
            return None
        if self.kind is StatusKind.DRAFT or self.approval is None:
            return "DRAFT — NOT APPROVED"
        if self.kind is StatusKind.LAPSED:
            return "UNDER REVIEW — AN ACCEPTED RISK HAS EXPIRED"
        return f"DRAFT — CHANGED SINCE THE APPROVAL OF VERSION {self.approval.version}"

    def printed_fingerprint(self) -> str:
        """The fingerprint as printed in the document control table."""
        return short(self.fingerprint)


def charter_status(charter: Charter, today: dt.date | None = None) -> Status:
    """The status of ``charter`` from its content and history; ``today`` for expiry dates."""
    today = today or dt.date.today()
    value = fingerprint(charter)
    matching = [a for a in charter.history if a.fingerprint == value]
    if matching:
        approval = matching[-1]
        expired = tuple(r for r in charter.accepted_risks if r.expires and r.expires < today)
        if expired:
            return Status(StatusKind.LAPSED, value, approval, expired)
        return Status(StatusKind.APPROVED, value, approval)
    if charter.history:
        return Status(StatusKind.CHANGED, value, charter.history[-1])
    return Status(StatusKind.DRAFT, value)


def last_approved(charter: Charter) -> ApprovalRecord | None:
    """The latest approval in the history, or None."""
    return charter.history[-1] if charter.history else None
