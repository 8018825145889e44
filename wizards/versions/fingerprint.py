"""The fingerprint of a charter's content: what an approval is sealed to.

The content is every answer that the approving body decides on. Left out are the record of
approval itself (signatories, the resolution's meeting details, the version history), the
drills run later, the workshops where it was decided (a record of how, not
what), the identity in the library, the version number (recorded beside the
fingerprint) and output choices. So an approval holds exactly as long as the decisions do:
undo an edit and the charter is approved again.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from wizards.model import Charter

NOT_CONTENT: dict[str, Any] = {
    "format_version": True,
    "approvals": True,
    "resolution": True,
    "history": True,
    "drills": True,
    "workshops": True,
    "meta": {"id": True, "version": True, "include_findings": True},
}
"""Fields outside the approved content (pydantic's ``exclude`` shape)."""

SHORT = 12
"""Characters of the fingerprint printed on paper: enough to match a copy to its record."""


def content(charter: Charter) -> dict[str, Any]:
    """The approved content of ``charter`` as plain JSON data.

    Answers left at their default are left out, so a later program version that adds a field
    (with a default) reads an approved charter as exactly as approved, fingerprint and all.
    """
    return charter.model_dump(mode="json", exclude=NOT_CONTENT, exclude_defaults=True)


def fingerprint(charter: Charter) -> str:
    """SHA-256 (hex) of the canonical JSON of the charter's content.

    Canonical: keys sorted, no insignificant whitespace, UTF-8, so the same answers give the
    same fingerprint on every machine and in every program version that reads them.
    """
    text = json.dumps(content(charter), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def short(value: str) -> str:
    """The printed form of a fingerprint: its first characters in groups of four."""
    head = value[:SHORT]
    return " ".join(head[i : i + 4] for i in range(0, len(head), 4))
