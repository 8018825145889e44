"""Who is accountable (the RACI "A") for each phase of an incident, derived from the model.

The charter reserves some decisions to leadership: suspending an AI system (contain), notifying
a regulator and telling the people affected (notify), and closing a top-severity incident with
its review (review). In those phases the accountable executive is the one accountable, provided
the role they hold carries a part in the phase that is more than being told, consulted or
making a recommendation; in every other phase, and where the executive takes no such part, the
incident commander is. So each phase has exactly one accountable role, and a readiness rule can
say where the model would leave a reserved decision with the commander.

The RACI table of the charter should take its "A" from :func:`accountable_role`, so that the
document and the readiness check never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from wizards.model import Charter, IncidentRole, Phase
from wizards.readiness.helpers import _blank, _is_commander, _is_executive, _matches

__all__ = [
    "RESERVED_DECISIONS",
    "accountable_role",
    "commander_roles",
    "executive_role",
    "takes_part",
]

RESERVED_DECISIONS: Mapping[Phase, str] = {
    Phase.CONTAIN: "suspending an AI system",
    Phase.NOTIFY: "notifying a regulator and telling the people affected",
    Phase.REVIEW: "closing the incident and approving its review",
}
"""The decisions the charter reserves to leadership, by the phase in which they are taken."""

_PASSIVE = re.compile(
    r"^(advise|consult|support|available|on call|informed|kept informed|be (kept )?informed"
    r"|be told|be consulted|receive|recommend)"
)
"""Duties that give no part in a decision: consulted, informed, or recommending to others."""


def takes_part(duty: str) -> bool:
    """True when a duty gives its holder a part in the phase's decision.

    Args:
        duty: The duty text of one role in one phase.

    Returns:
        False for a blank duty and for one that only consults, informs or recommends (it opens
        with "Advise", "Receive", "Recommend", ...).
    """
    return not _blank(duty) and not _matches(_PASSIVE, duty)


def executive_role(charter: Charter) -> int | None:
    """Index of the incident role the accountable executive holds, or None.

    A role marked as the executive's comes first; otherwise the first role held by the person
    named as accountable executive.
    """
    roles = charter.incidents.roles
    marked = next((i for i, r in enumerate(roles) if r.executive), None)
    if marked is not None:
        return marked
    return next((i for i, r in enumerate(roles) if _is_executive(r, charter)), None)


def commander_roles(roles: list[IncidentRole]) -> list[int]:
    """Indices of the incident-commander roles (not their deputies), in the order listed."""
    return [i for i, r in enumerate(roles) if _is_commander(r)]


def accountable_role(charter: Charter, phase: Phase) -> int | None:
    """Index of the one role accountable (the RACI "A") in ``phase``, or None.

    Args:
        charter: The charter.
        phase: The incident phase.

    Returns:
        In a phase with a decision reserved to leadership (:data:`RESERVED_DECISIONS`), the
        executive's role when its duty there :func:`takes_part`; otherwise the first incident
        commander's role; failing that the executive's role; None when there is neither.
    """
    roles = charter.incidents.roles
    ex = executive_role(charter)
    reserved = phase in RESERVED_DECISIONS
    if reserved and ex is not None and takes_part(roles[ex].duties.get(phase, "")):
        return ex
    commanders = commander_roles(roles)
    return commanders[0] if commanders else ex
