"""The readiness check: rules over the whole charter that show where leadership buy-in is hollow.

Step validation (``wizards.steps``) asks whether each answer is complete. The readiness check asks
a different question: *would this charter work on the day something goes wrong?* A charter can be
complete and still hollow: an executive with no power to stop a system, a board that hears about
high-risk AI once a year, an incident chain that never reaches anyone senior. Each rule looks for
one such pattern and says, in plain words, who and what is involved and how to fix it.

Severities:

* ``BLOCKER``: the charter is hollow on a point of substance; signing it would be buy-in on paper
  only. Kept for a short list: nobody named or no power to halt, no leadership approval of the
  ethics guidelines, no executive in the top-severity chain, no owner for the regulatory
  notifications that apply, reporting less than quarterly while high-risk systems run, and a
  system classed as prohibited still listed as in use.
* ``WARNING``: a real gap a governance professional would raise before signing.
* ``ADVICE``: good practice worth a look; never a reason to stop.

Where things are: :mod:`~wizards.readiness.core` holds the rule shape, the registry and the
runner; :mod:`~wizards.readiness.helpers` the text matching and keyword patterns the rules share;
:mod:`~wizards.readiness.accountability` who is accountable in each incident phase (for the RACI
table too); and one module per wizard step holds that step's rules (``organisation``,
``executive``, ``risk``, ``ethics``, ``incidents``, ``board``, ``review``). A rule lives with the
step whose question it is about, even when its finding points at an answer on another page.
Three modules hold rules that answer a question of their own: ``governance`` (the forum, the
approval authority, the intake gate, the three lines and the indicators), ``voice`` (answers
printed in the charter that speak as "we") and ``workshop`` (the record of the workshop where
the leadership decided the charter).
"""

from __future__ import annotations

from wizards.readiness.accountability import RESERVED_DECISIONS, accountable_role
from wizards.readiness.core import (
    RULES,
    Hit,
    Level,
    ReadinessFinding,
    Rule,
    check,
    has_blockers,
    rule,
    step_of,
    summary,
)
from wizards.readiness.helpers import _same_person_pairs as _same_person_pairs
from wizards.steps import same_person as same_person

# The rule modules register their rules when imported; the registry's order is the order of the
# wizard's steps, and findings of one severity and step keep it, so these imports stay in it.
# isort: off
from wizards.readiness import organisation as organisation
from wizards.readiness import executive as executive
from wizards.readiness import risk as risk
from wizards.readiness import ethics as ethics
from wizards.readiness import incidents as incidents
from wizards.readiness import board as board
from wizards.readiness import governance as governance
from wizards.readiness import review as review
from wizards.readiness import voice as voice
from wizards.readiness import workshop as workshop
# isort: on

__all__ = [
    "RESERVED_DECISIONS",
    "RULES",
    "Hit",
    "Level",
    "ReadinessFinding",
    "Rule",
    "accountable_role",
    "check",
    "has_blockers",
    "rule",
    "step_of",
    "summary",
]
