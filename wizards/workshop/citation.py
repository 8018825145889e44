"""The line by which the charter cites the workshop where it was decided, from the record alone.

"Agreed by the Management Board at its offsite on 3 December 2026 (7 key decisions; 2 deferred
to owned actions)": the body is named only when every member of the approving body in the room
agreed; otherwise the leadership members who agreed are named.
"""

from __future__ import annotations

from wizards.board_calendar import MONTH_NAMES
from wizards.model import Charter
from wizards.workshop.model import Outcome, Workshop


def _day(w: Workshop) -> str:
    day = w.date
    if day is None:
        taken = [d.taken_at for d in w.decisions if d.taken_at is not None]
        day = min(taken).date() if taken else None
    return f" on {day.day} {MONTH_NAMES[day.month - 1]} {day.year}" if day else ""


def _names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _body(charter: Charter) -> str:
    body = " ".join((charter.resolution.body or charter.board.forum).split())
    return body[4:] if body.casefold().startswith("the ") else body


def workshop_citation(charter: Charter) -> str:
    """The charter's words for the last workshop that took decisions on it.

    Args:
        charter: The charter with its workshops.

    Returns:
        A sentence without a final full stop, e.g. "Agreed by the Management Board at its
        offsite on 3 December 2026 (9 key decisions: 7 agreed, 2 deferred to owned actions)";
        "" when no workshop has decisions.
    """
    w = next((w for w in reversed(charter.workshops) if w.decisions), None)
    if w is None:
        return ""
    last = {d.key: d for d in w.decisions}
    agreed = [d for d in last.values() if d.outcome is not Outcome.DEFERRED]
    deferred = len(last) - len(agreed)
    who = {i for d in agreed for i in d.agreed_by}
    leaders = [a for a in w.attendees if a.leadership and a.id in who]
    approvers = [a for a in w.attendees if a.approving_body]
    kind = "offsite" if "offsite" in w.title.casefold() else "workshop"
    count = f"{len(last)} key decision{'' if len(last) == 1 else 's'}"
    outcome = f"{len(agreed)} agreed" + (
        f", {deferred} deferred to owned actions" if deferred else ""
    )
    tail = f"{_day(w)} ({count}: {outcome})"
    body = _body(charter)
    if not agreed:
        return f"Discussed at a leadership {kind}{tail}; nothing agreed yet"
    if body and approvers and all(a.id in who for a in approvers):
        return f"Agreed by the {body} at its {kind}{tail}"
    names = _names([" ".join(a.name.split()) for a in leaders if a.name.strip()])
    if names:
        return f"Agreed by {names} at a leadership {kind}{tail}"
    return f"Agreed at a {kind} without members of the leadership{tail}"
