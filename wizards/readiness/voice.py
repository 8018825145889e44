"""Readiness advice on the charter's voice: answers that speak as "we" in a third-person charter.

The charter speaks of the organisation by name and as "it", and states obligations with "must".
An answer typed as "we publish", "our data" or "reported by us" is printed as it was typed, so it
reads as a second voice inside the document, the kind of drift a board secretary marks before
tabling. The rule looks only at answers that are printed in the charter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from wizards.field_names import describe
from wizards.model import Charter
from wizards.readiness.core import Hit, Level, rule
from wizards.readiness.core import step_of as _step_of
from wizards.steps import Step
from wizards.versions.fingerprint import NOT_CONTENT

FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Uu]s|[Oo]urs?|[Oo]urselves)\b")
"""First-person plural pronouns. Case matters for "US", which names a country."""

NOT_PRINTED: dict[str, Any] = NOT_CONTENT
"""Answers the charter does not print as typed: the records of approval, drills and workshops,
the identity in the library, output choices (the fingerprint leaves out the same)."""

EXCERPT = 60
"""Characters of the answer quoted around the pronoun."""


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")
    elif isinstance(value, str):
        yield path, value


def _excerpt(text: str, match: re.Match[str]) -> str:
    start = max(0, match.start() - EXCERPT // 2)
    end = min(len(text), match.end() + EXCERPT // 2)
    head = "…" if start else ""
    tail = "…" if end < len(text) else ""
    return f"{head}{text[start:end].strip()}{tail}"


def first_person(charter: Charter) -> list[tuple[str, str]]:
    """Each printed answer that speaks as "we", as (model path, excerpt around the pronoun)."""
    data = charter.model_dump(mode="json", exclude=NOT_PRINTED)
    found = []
    for path, text in _strings(data, ""):
        match = FIRST_PERSON.search(text)
        if match:
            found.append((path, _excerpt(text, match)))
    return found


@rule(
    "voice-first-person",
    Level.ADVICE,
    Step.REVIEW,
    "An answer printed in the charter speaks as 'we' while the charter speaks in the third person.",
    "Drafting: one voice throughout",
)
def _voice_first_person(c: Charter) -> Iterator[Hit]:
    org = c.organisation.name.strip() or "the organisation"
    by_step: dict[Step, list[tuple[str, str]]] = {}
    for path, excerpt in first_person(c):
        by_step.setdefault(_step_of(path), []).append((path, excerpt))
    for found in by_step.values():
        path, excerpt = found[0]
        words = describe(f"$.{path}")
        others = len(found) - 1
        more = ""
        if others:
            more = (
                f" {others} more answer{'s' if others > 1 else ''} on this page "
                f"{'do' if others > 1 else 'does'} the same."
            )
        yield Hit(
            path,
            f"{words[:1].upper()}{words[1:]} speaks as 'we' (“{excerpt}”), "
            f"while the charter speaks of {org} in the third person, so it reads in another "
            f"voice.{more}",
            f"Write it with the organisation's name or 'it': “{org} publishes …”, “its data”.",
        )
