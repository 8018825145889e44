"""Typed, cached access to the content catalogues in ``resources/catalogues/*.json``.

Every catalogue file has the shape ``{"catalogue": NAME, "as_of": "YYYY-MM-DD", "description":
..., "entries": [...]}``. Every entry carries a ``label``, a ``source`` citation and an ``as_of``
date, and ``"unverified": true`` (with a ``note``) where the fact is not confirmed; output that
uses such an entry adds :func:`confirm_note`. A malformed file raises :class:`CatalogueError`
naming the file and the JSON path of the problem.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import NoReturn, TypeVar

from wizards.model import Appetite, Cadence, Phase
from wizards.paths import resource_path

CONFIRM_WITH_COUNSEL = "Not confirmed against the official text: confirm with counsel."
"""Text shown next to anything taken from an entry marked unverified."""

SECTIONS: tuple[str, ...] = (
    "organisation",
    "executive",
    "risk",
    "ethics",
    "incidents",
    "board",
    "approval",
)
"""The charter sections the framework map covers, in document order."""

APPLIES_WHEN: frozenset[str] = frozenset(
    {
        "always",
        "ai_act",
        "ai_act_provider",
        "ai_act_deployer",
        "ai_act_high_risk",
        "ai_act_provider_high_risk",
        "ai_act_deployer_high_risk",
        "ai_act_gpai_provider",
        "annex_iii_high_risk",
        "annex_i_high_risk",
        "fria_deployer",
        "personal_data",
        "nis2",
        "dora",
    }
)
"""Conditions an entry's ``applies_when`` may name; ``wizards.presets`` evaluates each."""


class CatalogueError(Exception):
    """A catalogue file is missing, is not valid JSON, or does not have the expected shape.

    Attributes:
        file: Name of the catalogue file, e.g. ``"principles.json"``.
        path: JSON path of the problem, e.g. ``"$.entries[2].source"``.
        problem: What is wrong there.
    """

    def __init__(self, file: str, path: str, problem: str) -> None:
        self.file = file
        self.path = path
        self.problem = problem
        super().__init__(f"Catalogue {file}, at {path}: {problem}")


# --------------------------------------------------------------------------- entry types


@dataclass(frozen=True)
class PrincipleEntry:
    """One ethics principle from a catalogue set."""

    key: str
    set: str
    label: str
    description: str
    commitments: tuple[str, ...]
    source: str
    as_of: dt.date
    unverified: bool
    note: str

    @property
    def title(self) -> str:
        """The principle's title (same as ``label``)."""
        return self.label


@dataclass(frozen=True)
class PrincipleSet:
    """A published set of ethics principles (OECD, EU HLEG, UK, Australia, Singapore)."""

    key: str
    label: str
    description: str
    reference: str
    source: str
    as_of: dt.date
    unverified: bool
    note: str
    principles: tuple[PrincipleEntry, ...]


@dataclass(frozen=True)
class AppetiteLevel:
    """One level of the five-level risk appetite scale."""

    appetite: Appetite
    label: str
    definition: str
    source: str
    as_of: dt.date


@dataclass(frozen=True)
class RiskCategoryEntry:
    """A category of AI risk with its defaults."""

    key: str
    label: str
    description: str
    fundamental_rights: bool
    default_appetite: Mapping[str, Appetite]
    threshold: str
    escalation_trigger: str
    references: tuple[str, ...]
    source: str
    as_of: dt.date
    unverified: bool
    note: str


@dataclass(frozen=True)
class SeverityEntry:
    """One incident severity level with default escalation times."""

    level: str
    label: str
    description: str
    executive_hours: float | None
    board_hours: float | None
    starts_clocks: bool
    escalate_to: tuple[str, ...]
    references: tuple[str, ...]
    source: str
    as_of: dt.date
    unverified: bool
    note: str


@dataclass(frozen=True)
class IncidentRoleEntry:
    """A default incident-response role and its duties per phase."""

    key: str
    label: str
    description: str
    executive: bool
    fallback: str
    duties: Mapping[Phase, str]
    references: tuple[str, ...]
    source: str
    as_of: dt.date
    unverified: bool
    note: str

    @property
    def title(self) -> str:
        """The role's title (same as ``label``)."""
        return self.label


@dataclass(frozen=True)
class ClockEntry:
    """A legal notification deadline and the condition under which it applies."""

    key: str
    label: str
    regime: str
    trigger: str
    deadline: str
    hours: float | None
    notify: str
    owner_role: str
    applies_when: str
    references: tuple[str, ...]
    source: str
    as_of: dt.date
    unverified: bool
    note: str


@dataclass(frozen=True)
class CalendarEntry:
    """A default board calendar item: a recurring report or review, or a dated milestone."""

    key: str
    label: str
    what: str
    owner: str
    cadence: Cadence
    fiscal_quarter: int | None
    date: dt.date | None
    applies_when: str
    reference: str
    source: str
    as_of: dt.date
    unverified: bool
    note: str

    @property
    def title(self) -> str:
        """The item's title (same as ``label``)."""
        return self.label


@dataclass(frozen=True)
class FrameworkClause:
    """One clause of a charter section and the provisions it answers to."""

    section: str
    clause: str
    label: str
    references: tuple[str, ...]
    source: str
    as_of: dt.date


@dataclass(frozen=True)
class Reference:
    """A provision of a law, standard or framework, summarised in our own words."""

    id: str
    framework: str
    label: str
    summary: str
    source: str
    as_of: dt.date
    unverified: bool
    note: str


# --------------------------------------------------------------------------- reading JSON

_E = TypeVar("_E", bound=Enum)
_T = TypeVar("_T")


@dataclass(frozen=True)
class _Node:
    """A value inside a catalogue document together with the file and JSON path it came from."""

    file: str
    path: str
    value: object

    def fail(self, problem: str) -> NoReturn:
        raise CatalogueError(self.file, self.path, problem)

    def _object(self) -> dict[str, object]:
        if not isinstance(self.value, dict):
            self.fail(f"expected an object, found {_kind(self.value)}")
        return self.value

    def only(self, *allowed: str) -> None:
        """Reject fields other than ``allowed`` (catches misspelt field names)."""
        for key in self._object():
            if key not in allowed:
                _Node(self.file, f"{self.path}.{key}", None).fail(f"unknown field '{key}'")

    def field(self, key: str) -> _Node:
        obj = self._object()
        if key not in obj:
            _Node(self.file, f"{self.path}.{key}", None).fail(f"required field '{key}' is missing")
        return _Node(self.file, f"{self.path}.{key}", obj[key])

    def optional(self, key: str) -> _Node | None:
        obj = self._object()
        if key not in obj or obj[key] is None:
            return None
        return _Node(self.file, f"{self.path}.{key}", obj[key])

    def items(self) -> list[_Node]:
        if not isinstance(self.value, list):
            self.fail(f"expected a list, found {_kind(self.value)}")
        return [_Node(self.file, f"{self.path}[{i}]", v) for i, v in enumerate(self.value)]

    def entries(self) -> list[tuple[str, _Node]]:
        return [(k, _Node(self.file, f"{self.path}.{k}", v)) for k, v in self._object().items()]

    def text(self) -> str:
        if not isinstance(self.value, str):
            self.fail(f"expected text, found {_kind(self.value)}")
        if not self.value.strip():
            self.fail("must not be empty")
        return self.value

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            self.fail(f"expected true or false, found {_kind(self.value)}")
        return self.value

    def number(self) -> float:
        if isinstance(self.value, bool) or not isinstance(self.value, (int, float)):
            self.fail(f"expected a number, found {_kind(self.value)}")
        if self.value <= 0:
            self.fail("must be more than zero")
        return float(self.value)

    def integer(self, low: int, high: int) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            self.fail(f"expected a whole number, found {_kind(self.value)}")
        if not low <= self.value <= high:
            self.fail(f"must be between {low} and {high}")
        return self.value

    def date(self) -> dt.date:
        text = self.text()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.fail(f"expected a date as YYYY-MM-DD, found '{text}'")

    def enum(self, kind: type[_E]) -> _E:
        text = self.text()
        try:
            return kind(text)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in kind)
            self.fail(f"'{text}' is not one of: {allowed}")

    def texts(self) -> tuple[str, ...]:
        return tuple(item.text() for item in self.items())

    def opt_text(self, key: str) -> str:
        node = self.optional(key)
        return "" if node is None else node.text()

    def opt_bool(self, key: str) -> bool:
        node = self.optional(key)
        return False if node is None else node.boolean()

    def opt_number(self, key: str) -> float | None:
        """A number that may be JSON null, but must be present (null is an explicit answer)."""
        node = self.field(key)
        return None if node.value is None else node.number()


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def _unverified(node: _Node) -> tuple[bool, str]:
    """The entry's ``unverified`` flag and ``note``; a flagged entry must say what to confirm."""
    flag = node.opt_bool("unverified")
    note = node.opt_text("note")
    if flag and not note:
        _Node(node.file, f"{node.path}.note", None).fail(
            "an unverified entry needs a note saying what to confirm"
        )
    return flag, note


def _unique(nodes: Iterable[tuple[str, _Node]], what: str) -> None:
    seen: set[str] = set()
    for key, node in nodes:
        if key in seen:
            node.fail(f"{what} '{key}' appears more than once")
        seen.add(key)


def catalogue_path(name: str) -> Path:
    """Path of the catalogue file ``name`` (e.g. ``"principles.json"``)."""
    return resource_path("catalogues", name)


@lru_cache(maxsize=16)
def _entries(name: str) -> tuple[_Node, ...]:
    """The entries of one catalogue file, after checking its top-level shape."""
    file = f"{name}.json"
    try:
        path = catalogue_path(file)
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CatalogueError(file, "$", f"the file cannot be found ({exc})") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError(file, "$", f"the file cannot be read ({exc})") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CatalogueError(
            file, "$", f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from exc
    root = _Node(file, "$", data)
    root.only("catalogue", "as_of", "description", "entries")
    found = root.field("catalogue").text()
    if found != name:
        root.field("catalogue").fail(f"expected '{name}', found '{found}'")
    root.field("as_of").date()
    entries = root.field("entries").items()
    if not entries:
        root.field("entries").fail("the catalogue has no entries")
    return tuple(entries)


def _load(
    name: str, build: Callable[[_Node], _T], key: Callable[[_T], str], what: str
) -> tuple[_T, ...]:
    """Build every entry of catalogue ``name`` and check that ``key`` is unique among them."""
    nodes = _entries(name)
    built = tuple(build(node) for node in nodes)
    _unique(((key(b), n) for b, n in zip(built, nodes, strict=True)), what)
    return built


# --------------------------------------------------------------------------- principles


def _principle(node: _Node, set_key: str) -> PrincipleEntry:
    node.only("key", "label", "description", "commitments", "source", "as_of", "unverified", "note")
    unverified, note = _unverified(node)
    commitments = node.field("commitments").texts()
    if not 2 <= len(commitments) <= 3:
        node.field("commitments").fail("give two or three suggested commitments")
    return PrincipleEntry(
        key=node.field("key").text(),
        set=set_key,
        label=node.field("label").text(),
        description=node.field("description").text(),
        commitments=commitments,
        source=node.field("source").text(),
        as_of=node.field("as_of").date(),
        unverified=unverified,
        note=note,
    )


def _principle_set(node: _Node) -> PrincipleSet:
    node.only(
        "key", "label", "description", "reference", "source", "as_of", "unverified", "note",
        "principles",
    )  # fmt: skip
    key = node.field("key").text()
    unverified, note = _unverified(node)
    principles = tuple(_principle(p, key) for p in node.field("principles").items())
    if not principles:
        node.field("principles").fail("the set has no principles")
    return PrincipleSet(
        key=key,
        label=node.field("label").text(),
        description=node.field("description").text(),
        reference=node.field("reference").text(),
        source=node.field("source").text(),
        as_of=node.field("as_of").date(),
        unverified=unverified,
        note=note,
        principles=principles,
    )


@lru_cache(maxsize=1)
def _principle_sets() -> tuple[PrincipleSet, ...]:
    nodes = _entries("principles")
    sets = _load("principles", _principle_set, lambda s: s.key, "Set key")
    keyed = [
        (p.key, node.field("principles").items()[i])
        for s, node in zip(sets, nodes, strict=True)
        for i, p in enumerate(s.principles)
    ]
    _unique(keyed, "Principle key")
    return sets


def principle_sets() -> list[PrincipleSet]:
    """All ethics principle sets, in catalogue order (OECD first, the default)."""
    return list(_principle_sets())


def principles() -> dict[str, PrincipleEntry]:
    """Every principle of every set by its key (unique across sets, e.g. ``"oecd-1.3"``)."""
    return {p.key: p for s in _principle_sets() for p in s.principles}


# --------------------------------------------------------------------------- risk


def _appetite_level(node: _Node) -> AppetiteLevel:
    node.only("key", "label", "definition", "source", "as_of")
    return AppetiteLevel(
        appetite=node.field("key").enum(Appetite),
        label=node.field("label").text(),
        definition=node.field("definition").text(),
        source=node.field("source").text(),
        as_of=node.field("as_of").date(),
    )


@lru_cache(maxsize=1)
def _appetite_levels() -> tuple[AppetiteLevel, ...]:
    levels = _load("appetite_scale", _appetite_level, lambda lv: lv.appetite.value, "Level")
    if [lv.appetite for lv in levels] != list(Appetite):
        _Node("appetite_scale.json", "$.entries", None).fail(
            "must list every appetite level once, from averse to eager"
        )
    return levels


def appetite_levels() -> list[AppetiteLevel]:
    """The five appetite levels, from least to most willing to take risk."""
    return list(_appetite_levels())


def appetite_scale() -> dict[Appetite, str]:
    """The definition of each appetite level, from averse to eager."""
    return {level.appetite: level.definition for level in _appetite_levels()}


def _risk_category(node: _Node) -> RiskCategoryEntry:
    node.only(
        "key", "label", "description", "fundamental_rights", "default_appetite", "threshold",
        "escalation_trigger", "references", "source", "as_of", "unverified", "note",
    )  # fmt: skip
    unverified, note = _unverified(node)
    appetites = {k: v.enum(Appetite) for k, v in node.field("default_appetite").entries()}
    return RiskCategoryEntry(
        key=node.field("key").text(),
        label=node.field("label").text(),
        description=node.field("description").text(),
        fundamental_rights=node.field("fundamental_rights").boolean(),
        default_appetite=MappingProxyType(appetites),
        threshold=node.field("threshold").text(),
        escalation_trigger=node.field("escalation_trigger").text(),
        references=node.field("references").texts(),
        source=node.field("source").text(),
        as_of=node.field("as_of").date(),
        unverified=unverified,
        note=note,
    )


@lru_cache(maxsize=1)
def _risk_categories() -> tuple[RiskCategoryEntry, ...]:
    return _load("risk_categories", _risk_category, lambda c: c.key, "Category key")


def risk_categories() -> list[RiskCategoryEntry]:
    """The AI risk categories with default appetites, thresholds and triggers."""
    return list(_risk_categories())


# --------------------------------------------------------------------------- incidents


def _severity(node: _Node) -> SeverityEntry:
    node.only(
        "level", "label", "description", "executive_hours", "board_hours", "starts_clocks",
        "escalate_to", "references", "source", "as_of", "unverified", "note",
    )  # fmt: skip
    unverified, note = _unverified(node)
    return SeverityEntry(
        level=node.field("level").text(),
        label=node.field("label").text(),
        description=node.field("description").text(),
        executive_hours=node.opt_number("executive_hours"),
        board_hours=node.opt_number("board_hours"),
        starts_clocks=node.field("starts_clocks").boolean(),
        escalate_to=node.field("escalate_to").texts(),
        references=node.field("references").texts(),
        source=node.field("source").text(),
        as_of=node.field("as_of").date(),
        unverified=unverified,
        note=note,
    )


@lru_cache(maxsize=1)
def _severities() -> tuple[SeverityEntry, ...]:
    return _load("severities", _severity, lambda s: s.level, "Severity level")


def severities() -> list[SeverityEntry]:
    """The incident severity levels, most severe first."""
    return list(_severities())


def _incident_role(node: _Node) -> IncidentRoleEntry:
    node.only(
        "key", "label", "description", "executive", "fallback", "duties", "references", "source",
        "as_of", "unverified", "note",
    )  # fmt: skip
    unverified, note = _unverified(node)
    duties: dict[Phase, str] = {}
    for name, duty in node.field("duties").entries():
        try:
            phase = Phase(name)
        except ValueError:
            allowed = ", ".join(p.value for p in Phase)
            duty.fail(f"'{name}' is not an incident phase; use one of: {allowed}")
        duties[phase] = duty.text()
    if not duties:
        node.field("duties").fail("give the role's duty in at least one phase")
    return IncidentRoleEntry(
        key=node.field("key").text(),
        label=node.field("label").text(),
        description=node.field("description").text(),
        executive=node.field("executive").boolean(),
        fallback=node.opt_text("fallback"),
        duties=MappingProxyType({p: duties[p] for p in Phase if p in duties}),
        references=node.field("references").texts(),
        source=node.field("source").text(),
        as_of=node.field("as_of").date(),
        unverified=unverified,
        note=note,
    )


@lru_cache(maxsize=1)
def _incident_roles() -> tuple[IncidentRoleEntry, ...]:
    return _load("incident_roles", _incident_role, lambda r: r.key, "Role key")


def incident_roles() -> list[IncidentRoleEntry]:
    """The default incident-response roles, in the order the charter lists them."""
    return list(_incident_roles())


def _clock(node: _Node) -> ClockEntry:
    node.only(
        "key", "label", "regime", "trigger", "deadline", "hours", "notify", "owner_role",
        "applies_when", "references", "source", "as_of", "unverified", "note",
    )  # fmt: skip
    unverified, note = _unverified(node)
    return ClockEntry(
        key=node.field("key").text(),
        label=node.field("label").text(),
        regime=node.field("regime").text(),
        trigger=node.field("trigger").text(),
        deadline=node.field("deadline").text(),
        hours=node.opt_number("hours"),
        notify=node.field("notify").text(),
        owner_role=node.field("owner_role").text(),
        applies_when=_condition(node.field("applies_when")),
        references=node.field("references").texts(),
        source=node.field("source").text(),
        as_of=node.field("as_of").date(),
        unverified=unverified,
        note=note,
    )


def _condition(node: _Node) -> str:
    name = node.text()
    if name not in APPLIES_WHEN:
        node.fail(f"unknown condition '{name}'; use one of: {', '.join(sorted(APPLIES_WHEN))}")
    return name


@lru_cache(maxsize=1)
def _regulatory_clocks() -> tuple[ClockEntry, ...]:
    return _load("regulatory_clocks", _clock, lambda c: c.key, "Clock key")


def regulatory_clocks() -> list[ClockEntry]:
    """Every regulatory clock in the catalogue, whether or not it applies to an organisation."""
    return list(_regulatory_clocks())


# --------------------------------------------------------------------------- board calendar


def _calendar_item(node: _Node) -> CalendarEntry:
    node.only(
        "key", "label", "what", "owner", "cadence", "fiscal_quarter", "date", "applies_when",
        "reference", "source", "as_of", "unverified", "note",
    )  # fmt: skip
    unverified, note = _unverified(node)
    cadence = node.field("cadence").enum(Cadence)
    quarter_node = node.optional("fiscal_quarter")
    date_node = node.optional("date")
    quarter = None if quarter_node is None else quarter_node.integer(1, 4)
    date = None if date_node is None else date_node.date()
    if cadence is Cadence.ONCE and date is None:
        node.field("date").fail("an item that happens once needs a date")
    if cadence is Cadence.ANNUAL and quarter is None and date is None:
        node.field("fiscal_quarter").fail("an annual item needs a fiscal quarter or a date")
    return CalendarEntry(
        key=node.field("key").text(),
        label=node.field("label").text(),
        what=node.field("what").text(),
        owner=node.field("owner").text(),
        cadence=cadence,
        fiscal_quarter=quarter,
        date=date,
        applies_when=_condition(node.field("applies_when")),
        reference=node.field("reference").text(),
        source=node.field("source").text(),
        as_of=node.field("as_of").date(),
        unverified=unverified,
        note=note,
    )


@lru_cache(maxsize=1)
def _calendar_items() -> tuple[CalendarEntry, ...]:
    return _load("calendar", _calendar_item, lambda i: i.key, "Item key")


def calendar_items() -> list[CalendarEntry]:
    """Every default board calendar item, recurring ones first, then dated milestones."""
    return list(_calendar_items())


# --------------------------------------------------------------------------- frameworks


def _clause(node: _Node) -> FrameworkClause:
    node.only("section", "clause", "label", "references", "source", "as_of")
    section = node.field("section").text()
    if section not in SECTIONS:
        node.field("section").fail(
            f"unknown section '{section}'; use one of: {', '.join(SECTIONS)}"
        )
    refs = node.field("references").texts()
    if not refs:
        node.field("references").fail("a clause needs at least one reference")
    return FrameworkClause(
        section=section,
        clause=node.field("clause").text(),
        label=node.field("label").text(),
        references=refs,
        source=node.field("source").text(),
        as_of=node.field("as_of").date(),
    )


@lru_cache(maxsize=1)
def _framework_clauses() -> tuple[FrameworkClause, ...]:
    return _load("frameworks", _clause, lambda c: f"{c.section}/{c.clause}", "Clause")


def framework_clauses() -> list[FrameworkClause]:
    """Every clause of the framework map, grouped by section in document order."""
    return list(_framework_clauses())


def framework_map() -> dict[str, list[str]]:
    """Each charter section and the reference ids its clauses answer to, without repeats.

    Returns:
        A dict with one key per section in :data:`SECTIONS` (an empty list when the map has no
        clause for it), each listing reference ids in first-mention order.
    """
    result: dict[str, list[str]] = {section: [] for section in SECTIONS}
    for clause in _framework_clauses():
        refs = result[clause.section]
        refs.extend(r for r in clause.references if r not in refs)
    return result


def _reference(node: _Node) -> Reference:
    node.only("id", "framework", "label", "summary", "source", "as_of", "unverified", "note")
    unverified, note = _unverified(node)
    return Reference(
        id=node.field("id").text(),
        framework=node.field("framework").text(),
        label=node.field("label").text(),
        summary=node.field("summary").text(),
        source=node.field("source").text(),
        as_of=node.field("as_of").date(),
        unverified=unverified,
        note=note,
    )


@lru_cache(maxsize=1)
def _references() -> tuple[Reference, ...]:
    return _load("references", _reference, lambda r: r.id, "Reference id")


def references() -> dict[str, Reference]:
    """Every reference by its id, e.g. ``"EU AI Act Art. 26(2)"`` or ``"NIST GOVERN 2.3"``."""
    return {r.id: r for r in _references()}


# --------------------------------------------------------------------------- helpers


def confirm_note(unverified: bool) -> str:
    """The "confirm with counsel" text for an unverified entry, or an empty string.

    Args:
        unverified: The entry's ``unverified`` flag.

    Returns:
        :data:`CONFIRM_WITH_COUNSEL` when ``unverified`` is true, otherwise ``""``.
    """
    return CONFIRM_WITH_COUNSEL if unverified else ""


def with_confirm_note(text: str, unverified: bool) -> str:
    """``text`` followed by the "confirm with counsel" note when ``unverified``; never doubled.

    Args:
        text: Text taken from a catalogue entry.
        unverified: The entry's ``unverified`` flag.

    Returns:
        The text, with the note appended in brackets when needed.
    """
    if not unverified or CONFIRM_WITH_COUNSEL in text:
        return text
    return f"{text} ({CONFIRM_WITH_COUNSEL})" if text else CONFIRM_WITH_COUNSEL


def clear_cache() -> None:
    """Forget every loaded catalogue, so that the next call reads the files again."""
    for cached in (
        _entries,
        _principle_sets,
        _appetite_levels,
        _risk_categories,
        _severities,
        _incident_roles,
        _regulatory_clocks,
        _calendar_items,
        _framework_clauses,
        _references,
    ):
        cached.cache_clear()


def load_all() -> None:
    """Load and check every catalogue; raises :class:`CatalogueError` on the first problem."""
    principle_sets()
    appetite_scale()
    risk_categories()
    severities()
    incident_roles()
    regulatory_clocks()
    calendar_items()
    framework_map()
    references()
