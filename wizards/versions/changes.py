"""What changed between two versions of a charter, in words a board reads.

Built from the model, not from the text: the two charters' contents are walked field by field,
entries of a list are matched by their key or name (so a reordered list is no change, and a
renamed risk category is one), and each difference becomes one line such as "Risk appetite for
Privacy: Cautious → Minimal" or "New AI system: Claims triage (High-risk)". Each change is a
decision (major) or not; that sets the next version number.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from wizards.field_names import _field_noun, _model_of, _strip_optional, item_noun
from wizards.model import Appetite, Cadence, Charter, Phase, RiskClass
from wizards.versions.fingerprint import content

DECISIONS = (
    "executive",
    "risk",
    "ethics.principles",
    "incidents.roles",
    "incidents.severities",
    "board",
    "accepted_risks",
)
"""Places whose change is a change of a leadership decision: the appointment, the authorities,
the appetites, the principles, the incident roles and reporting. Any of them bumps the major
version; everything else (wording of the context, contact details, ...) the minor one."""

SHORT_VALUE = 80
"""Longest value printed in full; longer text is reported as reworded."""

_IDENTITY = ("key", "name", "level", "title", "regime", "rule")
_LABEL = ("title", "label", "name", "level", "regime", "summary", "key")

_AUTHORITY_WORDS = {
    "budget": "to hold and spend an AI budget",
    "halt_systems": "to pause or halt AI systems",
    "veto_deployments": "to veto new AI deployments",
    "approve_exceptions": "to approve exceptions to the charter",
}

_PHRASES = {
    "executive.person.name": "Accountable executive",
    "executive.person.title": "Accountable executive's title",
    "executive.deputy.name": "Deputy to the accountable executive",
    "executive.deputy.title": "Deputy's title",
    "executive.reports_to": "Accountable executive reports to",
    "executive.report_frequency": "Accountable executive's reporting cadence",
    "executive.term_months": "Term of the appointment in months",
    "executive.term_start": "Start of the appointment",
    "executive.authorities.budget_amount": "AI budget",
    "risk.statement": "Risk appetite statement",
    "risk.set_by": "Risk appetite set by",
    "risk.review_months": "Months between reviews of the risk appetite",
    "ethics.owner": "Owner of the ethics guidelines",
    "board.forum": "Forum receiving AI reports",
    "board.pattern.months": "Months with meetings of the forum",
    "board.pattern.nth": "Week of the month of the meetings",
    "board.pattern.weekday": "Weekday of the meetings",
    "board.pattern.day": "Day of the month of the meetings",
    "board.pattern.kind": "Kind of meeting pattern",
    "board.secretary": "Secretary of the forum",
    "meta.title": "Title of the charter",
    "meta.effective_date": "Effective date",
    "meta.review_months": "Months between full reviews of the charter",
    "organisation.name": "Name of the organisation",
}

_ITEM_PHRASES = {
    "risk.categories.appetite": "Risk appetite for {label}",
    "risk.categories.threshold": "Threshold for {label}",
    "risk.categories.escalation_trigger": "Escalation trigger for {label}",
    "risk.categories.label": "Risk category {old_label} renamed",
    "incidents.roles.person": "{label}",
    "incidents.roles.deputy": "Deputy {label_lower}",
    "organisation.systems.risk_class": "Risk class of {label}",
    "organisation.systems.owner": "Owner of {label}",
}


@dataclass(frozen=True)
class Change:
    """One difference between two versions."""

    path: str
    """Where, as a JSON path of the newer charter (of the older one for a removal)."""
    words: str
    """The change as a line of the summary."""
    major: bool
    """True when a leadership decision changed."""


def _default_json(info: Any) -> Any:
    """A field's default as the JSON content would hold it ({} for a nested model)."""
    from enum import Enum

    value = info.get_default(call_default_factory=True)
    if isinstance(value, BaseModel):
        return {}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _is_decision(path: str) -> bool:
    plain = re.sub(r"\[[^\]]*\]", "", path.removeprefix("$."))
    return any(plain == d or plain.startswith(d + ".") for d in DECISIONS)


def _format(name: str, value: Any) -> str:
    """A value as the board reads it."""
    if value is None or value == "" or value == []:
        return "not set"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = dt.date.fromisoformat(value)
            return f"{day.day} {day:%B %Y}"
        from wizards.render import APPETITE_LABELS, CADENCE_LABELS, RISK_CLASS_LABELS

        for enum, labels in (
            (Appetite, APPETITE_LABELS),
            (RiskClass, RISK_CLASS_LABELS),
            (Cadence, CADENCE_LABELS),
        ):
            if name in ("appetite", "risk_class", "cadence", "report_frequency"):
                try:
                    return labels[enum(value)]  # type: ignore[index]
                except ValueError:
                    continue
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(_format(name, v) for v in value)
    return str(value)


def _long(value: Any) -> bool:
    return isinstance(value, str) and (len(value) > SHORT_VALUE or "\n" in value)


def _label(item: Mapping[str, Any]) -> str:
    for field in _LABEL:
        value = item.get(field)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return "an entry"


def _identity(item: Any, index: int) -> str:
    if isinstance(item, Mapping):
        for field in _IDENTITY:
            value = item.get(field)
            if isinstance(value, str) and value.strip():
                return f"{field}={value.strip().casefold()}"
    return f"#{index}"


def _plain(path: str) -> str:
    return re.sub(r"\[[^\]]*\]", "", path.removeprefix("$."))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Walker:
    def __init__(self) -> None:
        self.found: list[Change] = []

    def add(self, path: str, words: str, *, major: bool | None = None) -> None:
        self.found.append(Change(path, words, _is_decision(path) if major is None else major))

    def model(
        self, model: type[BaseModel], old: Mapping[str, Any], new: Mapping[str, Any], path: str,
        record: Mapping[str, Any] | None,
    ) -> None:  # fmt: skip
        for name, info in model.model_fields.items():
            if name not in old and name not in new:
                continue
            # The content leaves answers at their default out: compare them as that default.
            default = _default_json(info)
            before, after = old.get(name, default), new.get(name, default)
            if before == after:
                continue
            here = f"{path}.{name}"
            annotation = _strip_optional(info.annotation)
            inner = _model_of(annotation)
            origin = typing.get_origin(annotation)
            if inner is not None and isinstance(before, Mapping) and isinstance(after, Mapping):
                self.model(inner, before, after, here, record)
            elif origin is list:
                item = _strip_optional(typing.get_args(annotation)[0])
                item_model = _model_of(item)
                if item_model is not None:
                    self.records(item_model, before or [], after or [], here, model, name)
                else:
                    self.values(before or [], after or [], here, model, name)
            elif origin is dict:
                self.mapping(before or {}, after or {}, here, model, name, record)
            else:
                self.field(model, name, before, after, here, record)

    def _noun(self, model: type[BaseModel], name: str) -> str:
        return _field_noun(model, name)

    def field(
        self, model: type[BaseModel], name: str, before: Any, after: Any, path: str,
        record: Mapping[str, Any] | None,
    ) -> None:  # fmt: skip
        plain = _plain(path)
        label = _label(record) if record is not None else ""
        if plain.startswith("executive.authorities.") and isinstance(after, bool):
            what = _AUTHORITY_WORDS.get(name, self._noun(model, name))
            self.add(path, f"Authority {what}: {'granted' if after else 'withdrawn'}")
            return
        phrase = _PHRASES.get(plain)
        template = _ITEM_PHRASES.get(plain)
        if template is not None and record is not None:
            phrase = template.format(label=label, label_lower=label[:1].lower() + label[1:],
                                     old_label=_format(name, before))  # fmt: skip
            if plain == "risk.categories.label":
                self.add(path, f"{phrase}: now {_format(name, after)}")
                return
        if phrase is None:
            noun = self._noun(model, name)
            phrase = f"{_capital(noun)} of {label}" if record is not None else None
            if phrase is None:
                section = path.removeprefix("$.").split(".")[0]
                phrase = _capital(f"{noun} ({section})") if section != name else _capital(noun)
        if _long(before) or _long(after):
            if not before:
                self.add(path, f"{phrase}: added")
            elif not after:
                self.add(path, f"{phrase}: removed")
            else:
                self.add(path, f"{phrase}: reworded")
            return
        self.add(path, f"{phrase}: {_format(name, before)} → {_format(name, after)}")

    def values(
        self, before: Sequence[Any], after: Sequence[Any], path: str, owner: type[BaseModel],
        name: str,
    ) -> None:  # fmt: skip
        noun = _capital(item_noun(_plain(path)))
        if all(isinstance(v, int) for v in [*before, *after]):
            self.add(path, f"{_capital(self._noun(owner, name))}: {_format(name, list(before))} → "
                           f"{_format(name, list(after))}")  # fmt: skip
            return
        from collections import Counter

        old_count, new_count = Counter(before), Counter(after)
        for value in dict.fromkeys(after):
            if new_count[value] > old_count[value]:
                shown = value if not _long(value) else f"{value[:SHORT_VALUE].rstrip()}…"
                self.add(f"{path}[{after.index(value)}]", f"{noun} added: {_format(name, shown)}")
        for value in dict.fromkeys(before):
            if old_count[value] > new_count[value]:
                shown = value if not _long(value) else f"{value[:SHORT_VALUE].rstrip()}…"
                where = f"{path}[{before.index(value)}]"
                self.add(where, f"{noun} removed: {_format(name, shown)}")
        if old_count == new_count:
            self.add(path, f"{_capital(self._noun(owner, name))}: order changed", major=False)

    def records(
        self, model: type[BaseModel], before: Sequence[Any], after: Sequence[Any], path: str,
        owner: type[BaseModel], name: str,
    ) -> None:  # fmt: skip
        noun = item_noun(_plain(path))
        old_by = {_identity(item, i): (i, item) for i, item in enumerate(before)}
        new_by = {_identity(item, i): (i, item) for i, item in enumerate(after)}
        for key, (i, item) in new_by.items():
            here = f"{path}[{i}]"
            if key not in old_by:
                extra = ""
                if _plain(path) == "organisation.systems":
                    from wizards.render import RISK_CLASS_LABELS

                    try:
                        extra = f" ({RISK_CLASS_LABELS[RiskClass(item.get('risk_class'))]})"
                    except ValueError:
                        extra = ""
                self.add(here, f"New {noun}: {_label(item)}{extra}")
            elif old_by[key][1] != item:
                self.model(model, old_by[key][1], item, here, item)
        for key, (i, item) in old_by.items():
            if key not in new_by:
                self.add(f"{path}[{i}]", f"{_capital(noun)} removed: {_label(item)}")
        kept_old = [k for k in old_by if k in new_by]
        kept_new = [k for k in new_by if k in old_by]
        if kept_old != kept_new:
            words = f"{_capital(self._noun(owner, name))}: order changed"
            self.add(path, words, major=False)

    def mapping(
        self, before: Mapping[str, Any], after: Mapping[str, Any], path: str,
        owner: type[BaseModel], name: str, record: Mapping[str, Any] | None,
    ) -> None:  # fmt: skip
        from wizards.render import PHASE_LABELS

        what = self._noun(owner, name)
        label = _label(record) if record is not None else ""
        for key in sorted(set(before) | set(after)):
            old, new = before.get(key, ""), after.get(key, "")
            if old == new:
                continue
            try:
                key_words = PHASE_LABELS[Phase(key)]
            except ValueError:
                key_words = key
            phrase = _capital(f"{what} of {label} ({key_words})" if label else f"{what} ({key})")
            if not old:
                self.add(f"{path}.{key}", f"{phrase}: added")
            elif not new:
                self.add(f"{path}.{key}", f"{phrase}: removed")
            else:
                self.add(f"{path}.{key}", f"{phrase}: reworded")


def changes(old: Charter, new: Charter) -> list[Change]:
    """Every difference in content between ``old`` and ``new``, in the order of the charter."""
    walker = _Walker()
    walker.model(Charter, content(old), content(new), "$", None)
    return walker.found


def is_major(found: Sequence[Change]) -> bool:
    """True when any change is a change of a leadership decision."""
    return any(c.major for c in found)


def summary(found: Sequence[Change], limit: int = 8) -> str:
    """A one-paragraph summary for the version history: the first changes, and how many more."""
    if not found:
        return "No change of content."
    lines = [c.words for c in found[:limit]]
    more = len(found) - len(lines)
    text = "; ".join(lines)
    return f"{text}; and {more} more change(s)." if more > 0 else f"{text}."


def next_version(version: str, found: Sequence[Change]) -> str:
    """The version after ``version`` for these changes: 1.0 → 2.0 for a decision, else 1.1.

    A version that is not of the form MAJOR.MINOR gets ".1" (or a major number of 2) added,
    so the history stays in order.
    """
    match = re.fullmatch(r"\s*(\d+)(?:\.(\d+))?(?:\.\d+)?\s*", version)
    if match is None:
        return f"{version.strip() or '1'}.1" if not is_major(found) else "2.0"
    major, minor = int(match.group(1)), int(match.group(2) or 0)
    if is_major(found):
        return f"{major + 1}.0"
    return f"{major}.{minor + 1}"


def lines(old: Charter, new: Charter) -> Iterator[str]:
    """The summary lines, one per change."""
    for change in changes(old, new):
        yield change.words
