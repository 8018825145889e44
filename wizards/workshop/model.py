"""The workshop record: attendees, the agenda, and each key decision with who agreed.

A workshop belongs to a charter and travels in its answers file. It is a record of how the
charter was decided, not part of what is decided, so the approval fingerprint leaves it out.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from wizards.bounds import LIST_MAX, Day, Name, Prose


def new_id() -> str:
    """A short identifier, unique within a charter, for an attendee, an item or an action."""
    return uuid.uuid4().hex[:12]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False, use_enum_values=False)


class Outcome(str, Enum):
    """How the room settled one key decision."""

    AGREED = "agreed"
    DISSENT = "agreed_with_dissent"
    DEFERRED = "deferred"

    def __str__(self) -> str:
        return str(self.value)


class Attendee(_Model):
    """One person in the room (or on the line)."""

    id: Name = Field(default_factory=new_id)
    name: Name = ""
    role: Name = ""
    leadership: bool = Field(default=False, description="member of the leadership team")
    approving_body: bool = Field(default=False, description="member of the approving body")
    items: list[Name] = Field(
        default_factory=list,
        max_length=LIST_MAX,
        description="ids of the agenda items attended; empty means every item",
    )


class AgendaItem(_Model):
    """One item of the agenda: usually one step of the charter, with its timebox."""

    id: Name = Field(default_factory=new_id)
    title: Name = ""
    step: Name = Field(default="", description="wizard step discussed (its name), or empty")
    minutes: int = Field(default=30, ge=0, le=24 * 60, description="timebox")
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None


class Dissent(_Model):
    """One attendee's objection, in their words, and the answer given to it."""

    attendee: Name = Field(default="", description="id of the attendee")
    reason: Prose = ""
    response: Prose = Field(default="", description="how the objection was answered")


class Action(_Model):
    """Something left open, with its owner and due date."""

    id: Name = Field(default_factory=new_id)
    text: Prose = ""
    owner: Name = ""
    due: Day | None = None
    decision: Name = Field(default="", description="key of the deferred decision, if any")
    done: bool = False


class Decision(_Model):
    """One key decision as it was taken: the answer at that moment and who stood behind it."""

    key: Name = Field(default="", description="key of the decision, e.g. 'executive.person'")
    outcome: Outcome = Outcome.AGREED
    taken_at: dt.datetime | None = None
    item: Name = Field(default="", description="id of the agenda item it was taken in")
    answer: Prose = Field(default="", description="the answer in words when it was taken")
    agreed_by: list[Name] = Field(
        default_factory=list, max_length=LIST_MAX, description="ids of attendees who agreed"
    )
    dissent: list[Dissent] = Field(default_factory=list, max_length=LIST_MAX)
    note: Prose = ""


class Workshop(_Model):
    """An offsite or meeting where the leadership worked through the charter."""

    id: Name = Field(default_factory=new_id)
    title: Name = "Leadership offsite"
    date: Day | None = None
    start: dt.time | None = Field(default=None, description="planned start time")
    place: Name = ""
    facilitator: Name = ""
    quorum: int | None = Field(
        default=None,
        ge=1,
        le=LIST_MAX,
        description="leadership members who must agree; empty means a majority of those present",
    )
    attendees: list[Attendee] = Field(default_factory=list, max_length=LIST_MAX)
    agenda: list[AgendaItem] = Field(default_factory=list, max_length=LIST_MAX)
    decisions: list[Decision] = Field(
        default_factory=list,
        max_length=LIST_MAX,
        description="the decision log, in the order taken; the last entry for a key stands",
    )
    actions: list[Action] = Field(default_factory=list, max_length=LIST_MAX)
