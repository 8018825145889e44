"""Typed, cached access to the content catalogues in ``resources/catalogues/*.json``.

Every catalogue file has the shape ``{"catalogue": NAME, "as_of": "YYYY-MM-DD", "description":
..., "entries": [...]}``. Every entry carries a ``label``, a ``source`` citation and an ``as_of``
date, and ``"unverified": true`` (with a ``note``) where the fact is not confirmed; output that
uses such an entry adds :func:`confirm_note`. Each entry type is a frozen pydantic model; a
malformed file raises :class:`CatalogueError` naming the file and the JSON path of every problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    PrivateAttr,
    Strict,
    StrictBool,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from wizards.answers import Problem, json_path
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
        problems: Every problem found, each with its JSON path and what is wrong there.
        path: JSON path of the first problem, e.g. ``"$.entries[2].source"``.
        problem: What is wrong there.
    """

    def __init__(self, file: str, problems: Sequence[Problem]) -> None:
        self.file = file
        self.problems = list(problems)
        self.path = self.problems[0].path
        self.problem = self.problems[0].message
        if len(self.problems) == 1:
            text = f"Catalogue {file}, at {self.path}: {self.problem}"
        else:
            text = f"Catalogue {file}, {len(self.problems)} problems:" + "".join(
                f"\n  at {p.path}: {p.message}" for p in self.problems
            )
        super().__init__(text)


# --------------------------------------------------------------------------- field types


def _not_blank(text: str) -> str:
    if not text.strip():
        raise PydanticCustomError("blank", "must not be empty")
    return text


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


def _iso_date(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        found = f"'{value}'" if isinstance(value, str) else _kind(value)
        raise PydanticCustomError(
            "iso_date", "expected a date as YYYY-MM-DD, found {found}", {"found": found}
        ) from None


def _one_of(names: Iterable[str], what: str) -> BeforeValidator:
    """Accept only ``names``, with a message that lists them (also for enum-typed fields)."""
    allowed = tuple(names)

    def check(value: Any) -> Any:
        if value not in allowed:
            raise PydanticCustomError(
                "vocabulary",
                "unknown {what} '{value}'; use one of: {allowed}",
                {"what": what, "value": value, "allowed": ", ".join(allowed)},
            )
        return value

    return BeforeValidator(check)


def _in_phase_order(duties: Mapping[Phase, str]) -> Mapping[Phase, str]:
    return MappingProxyType({p: duties[p] for p in Phase if p in duties})


def _read_only(mapping: Mapping[str, Appetite]) -> Mapping[str, Appetite]:
    return MappingProxyType(dict(mapping))


# Entries are validated as Python data (see _Entry._null_is_absent), where pydantic would turn
# "true" into True or "72" into 72.0; Strict() keeps the JSON types.
_Text = Annotated[str, Strict(), AfterValidator(_not_blank)]
_Texts = tuple[_Text, ...]
_Date = Annotated[dt.date, PlainValidator(_iso_date)]
_Hours = Annotated[float, Strict(), Field(gt=0)]
_Quarter = Annotated[int, Strict(), Field(ge=1, le=4)]
_Condition = Annotated[str, _one_of(sorted(APPLIES_WHEN), "condition")]
_Section = Annotated[str, _one_of(SECTIONS, "section")]
_PhaseKey = Annotated[Phase, _one_of((p.value for p in Phase), "incident phase")]


# --------------------------------------------------------------------------- entry types


class _Entry(BaseModel):
    """What every catalogue entry has: a source citation and an "as of" date."""

    # defer_build: the schemas are built on first load, not when the desktop app imports this.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    source: _Text
    as_of: _Date

    @model_validator(mode="before")
    @classmethod
    def _null_is_absent(cls, data: Any) -> Any:
        """An optional field set to null reads as if it were left out."""
        if not isinstance(data, dict):
            return data
        optional = {name for name, f in cls.model_fields.items() if not f.is_required()}
        return {k: v for k, v in data.items() if v is not None or k not in optional}


class _Flagged(_Entry):
    """An entry that may be marked unverified; it then says in ``note`` what to confirm."""

    unverified: StrictBool = False
    note: str = Field("", validate_default=True)

    @field_validator("note")
    @classmethod
    def _note_says_what_to_confirm(cls, note: str, info: ValidationInfo) -> str:
        if not note.strip() and info.data.get("unverified"):
            raise PydanticCustomError(
                "unverified_note", "an unverified entry needs a note saying what to confirm"
            )
        return _not_blank(note) if note else note


class PrincipleEntry(_Flagged):
    """One ethics principle from a catalogue set; ``set`` is the key of its set."""

    key: _Text
    label: _Text
    description: _Text
    commitments: Annotated[_Texts, Field(min_length=2, max_length=3)]
    _set: str = PrivateAttr("")

    @property
    def title(self) -> str:
        """The principle's title (same as ``label``)."""
        return self.label

    @property
    def set(self) -> str:
        """Key of the principle set this principle belongs to."""
        return self._set


class PrincipleSet(_Flagged):
    """A published set of ethics principles (OECD, EU HLEG, UK, Australia, Singapore)."""

    key: _Text
    label: _Text
    description: _Text
    reference: _Text
    principles: Annotated[tuple[PrincipleEntry, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _tag_principles(self) -> PrincipleSet:
        for principle in self.principles:
            principle._set = self.key
        return self


class AppetiteLevel(_Entry):
    """One level of the five-level risk appetite scale."""

    appetite: Appetite = Field(alias="key")
    label: _Text
    definition: _Text


class RiskCategoryEntry(_Flagged):
    """A category of AI risk with its defaults."""

    key: _Text
    label: _Text
    description: _Text
    fundamental_rights: StrictBool
    default_appetite: Annotated[Mapping[str, Appetite], AfterValidator(_read_only)]
    threshold: _Text
    escalation_trigger: _Text
    references: _Texts


class SeverityEntry(_Flagged):
    """One incident severity level with default escalation times."""

    level: _Text
    label: _Text
    description: _Text
    executive_hours: _Hours | None
    board_hours: _Hours | None
    starts_clocks: StrictBool
    escalate_to: _Texts
    references: _Texts


class IncidentRoleEntry(_Flagged):
    """A default incident-response role and its duties per phase."""

    key: _Text
    label: _Text
    description: _Text
    executive: StrictBool
    fallback: _Text = ""
    duties: Annotated[
        Mapping[_PhaseKey, _Text], Field(min_length=1), AfterValidator(_in_phase_order)
    ]
    references: _Texts

    @property
    def title(self) -> str:
        """The role's title (same as ``label``)."""
        return self.label


class ClockEntry(_Flagged):
    """A legal notification deadline and the condition under which it applies."""

    key: _Text
    label: _Text
    regime: _Text
    trigger: _Text
    deadline: _Text
    hours: _Hours | None
    notify: _Text
    owner_role: _Text
    applies_when: _Condition
    references: _Texts


class CalendarEntry(_Flagged):
    """A default board calendar item: a recurring report or review, or a dated milestone."""

    key: _Text
    label: _Text
    what: _Text
    owner: _Text
    cadence: Cadence
    # date comes before fiscal_quarter: the check of an annual item's quarter reads the date.
    date: _Date | None = Field(None, validate_default=True)
    fiscal_quarter: _Quarter | None = Field(None, validate_default=True)
    applies_when: _Condition
    reference: _Text

    @property
    def title(self) -> str:
        """The item's title (same as ``label``)."""
        return self.label

    @field_validator("date")
    @classmethod
    def _once_has_a_date(cls, date: dt.date | None, info: ValidationInfo) -> dt.date | None:
        if date is None and info.data.get("cadence") is Cadence.ONCE:
            raise PydanticCustomError("once_date", "an item that happens once needs a date")
        return date

    @field_validator("fiscal_quarter")
    @classmethod
    def _annual_has_a_time(cls, quarter: int | None, info: ValidationInfo) -> int | None:
        annual = info.data.get("cadence") is Cadence.ANNUAL
        # "date" is absent from info.data when the date itself was invalid: reported already.
        if annual and quarter is None and "date" in info.data and info.data["date"] is None:
            raise PydanticCustomError(
                "annual_time", "an annual item needs a fiscal quarter or a date"
            )
        return quarter


class FrameworkClause(_Entry):
    """One clause of a charter section and the provisions it answers to."""

    section: _Section
    clause: _Text
    label: _Text
    references: Annotated[_Texts, Field(min_length=1)]


class Reference(_Flagged):
    """A provision of a law, standard or framework, summarised in our own words."""

    id: _Text
    framework: _Text
    label: _Text
    summary: _Text


# --------------------------------------------------------------------------- loading

GOVERNANCE_KINDS: tuple[str, ...] = (
    "definition",
    "intake_check",
    "supplier_check",
    "indicator",
    "breach",
)
"""Kinds of entry in the governance catalogue, in the order the charter meets them."""

GOVERNANCE_PLACEHOLDERS: frozenset[str] = frozenset(
    {"org", "forum", "forum_upper", "exec_title", "levels", "fria"}
)
"""Names a governance text may hold in braces; ``wizards.presets`` fills each from the charter."""

INDICATOR_OWNERS: tuple[str, ...] = (
    "executive",
    "ethics_owner",
    "system_owners",
    "incident_commander",
)
"""Whom an indicator of the governance catalogue names as its owner, as ``wizards.presets``
resolves them to the organisation's own roles."""

INDICATOR_TOPICS: tuple[str, ...] = (
    "principle",
    "literacy",
    "incidents",
    "drills",
    "acceptances",
    "intake",
    "concerns",
)
"""What an indicator gives evidence for: a principle's commitments, or a part of the charter."""


def _known_placeholders(text: str) -> str:
    import string

    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as error:
        raise PydanticCustomError(
            "placeholder", "unbalanced braces: {error}", {"error": str(error)}
        ) from None
    unknown = sorted(names - GOVERNANCE_PLACEHOLDERS)
    if unknown:
        raise PydanticCustomError(
            "placeholder",
            "unknown placeholder '{name}'; use one of: {allowed}",
            {"name": unknown[0], "allowed": ", ".join(sorted(GOVERNANCE_PLACEHOLDERS))},
        )
    return text


class GovernanceEntry(_Flagged):
    """A default of the charter's governance sections: a definition, a check of the intake
    gate or of a supplier, an indicator for the board, or the consequences of a breach.

    ``text`` may name the organisation's bodies and roles in braces (see
    :data:`GOVERNANCE_PLACEHOLDERS`). An indicator names the evidence, an owner from
    :data:`INDICATOR_OWNERS`, a cadence and either the principles it gives evidence for or
    another ``topic``; ``principle_keys`` are keys of the principles catalogue.
    """

    key: _Text
    kind: Annotated[str, _one_of(GOVERNANCE_KINDS, "kind")]
    label: _Text
    text: Annotated[_Text, AfterValidator(_known_placeholders)]
    applies_when: _Condition = "always"
    evidence: str = ""
    owner: Annotated[str, _one_of(("", *INDICATOR_OWNERS), "indicator owner")] = ""
    cadence: Annotated[Cadence, _one_of((c.value for c in Cadence), "cadence")] = Cadence.QUARTERLY
    principle_keys: _Texts = ()
    topic: Annotated[str, _one_of(INDICATOR_TOPICS, "indicator topic")] = "principle"

    @model_validator(mode="after")
    def _indicator_is_complete(self) -> GovernanceEntry:
        if self.kind != "indicator":
            return self
        if not self.evidence.strip() or not self.owner:
            raise PydanticCustomError("indicator", "an indicator needs its evidence and an owner")
        if self.topic == "principle" and not self.principle_keys:
            raise PydanticCustomError(
                "indicator", "an indicator for principles needs the keys of its principles"
            )
        return self


REGULATOR_KINDS: tuple[str, ...] = (
    "data_protection",
    "charity",
    "financial",
    "market_surveillance",
)
"""Kinds of notice an authority of the regulators catalogue receives: personal-data breaches
(GDPR Art. 33), a charity's serious incidents, DORA's major ICT-related incidents, and the AI
Act's risks and serious incidents (Arts. 26(5), 73)."""


class RegulatorEntry(_Flagged):
    """An authority that receives notices in one or more places, and of which kind.

    ``places`` are keys of the places the readiness check recognises (see
    ``wizards.readiness.jurisdictions``), e.g. ``"ireland"`` or ``"england"``.
    """

    key: _Text
    label: _Text
    places: Annotated[_Texts, Field(min_length=1)]
    kind: Annotated[str, _one_of(REGULATOR_KINDS, "kind")]


_M = TypeVar("_M", bound=_Entry)


class _Catalogue(BaseModel, Generic[_M]):
    """A whole catalogue file; ``catalogue`` must name the file it is in."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    catalogue: _Text
    as_of: _Date
    description: str = ""
    entries: Annotated[list[_M], Field(min_length=1)]

    @field_validator("catalogue")
    @classmethod
    def _names_its_file(cls, found: str, info: ValidationInfo) -> str:
        expected = (info.context or {}).get("catalogue", found)
        if found != expected:
            raise PydanticCustomError(
                "catalogue_name",
                "expected '{expected}', found '{found}'",
                {"expected": expected, "found": found},
            )
        return found


_EXPECTED = {
    "string_type": "text",
    "bool_type": "true or false",
    "float_type": "a number",
    "int_type": "a whole number",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "an object",
    "model_type": "an object",
}


def _problem(error: ErrorDetails) -> Problem:
    """A pydantic error as a problem in words a catalogue editor knows."""
    loc = [part for part in error["loc"] if part != "[key]"]
    kind, found, ctx = error["type"], error["input"], error.get("ctx", {})
    if kind == "missing":
        message = f"required field '{loc[-1]}' is missing"
    elif kind == "extra_forbidden":
        message = f"unknown field '{loc[-1]}'"
    elif kind == "json_invalid":
        message = f"not valid JSON: {ctx['error']}"
    elif kind in _EXPECTED:
        message = f"expected {_EXPECTED[kind]}, found {_kind(found)}"
    elif kind in ("too_short", "too_long"):
        bound = "at least" if kind == "too_short" else "at most"
        limit = ctx.get("min_length", ctx.get("max_length"))
        message = f"expected {bound} {limit} item(s), found {ctx['actual_length']}"
    elif kind == "enum":
        message = f"'{found}' is not one of: {ctx['expected']}"
    else:
        message = error["msg"]
    return Problem(json_path(loc), message)


def _duplicates(keyed: Iterable[tuple[str, str]], what: str) -> list[Problem]:
    """A problem at the path of every (key, path) whose key came before."""
    seen: set[str] = set()
    problems = []
    for key, path in keyed:
        if key in seen:
            problems.append(Problem(path, f"{what} '{key}' appears more than once"))
        seen.add(key)
    return problems


def catalogue_path(name: str) -> Path:
    """Path of the catalogue file ``name`` (e.g. ``"principles.json"``)."""
    return resource_path("catalogues", name)


@cache
def _file_model(model: type[_Entry]) -> type[_Catalogue[Any]]:
    """The model of a file of ``model`` entries, kept so that pydantic builds its schema once."""
    return _Catalogue[model]  # type: ignore[valid-type]


def _load(
    name: str,
    model: type[_M],
    key: Callable[[_M], str],
    what: str,
    check: Callable[[Sequence[_M]], list[Problem]] = lambda entries: [],
) -> tuple[_M, ...]:
    """Read and validate catalogue ``name`` as a list of ``model`` entries.

    Args:
        name: The catalogue, e.g. ``"severities"`` for ``severities.json``.
        model: The entry type.
        key: What must be unique among the entries, named ``what`` in the message.
        what: The key's name in messages, e.g. ``"Severity level"``.
        check: Further checks across the entries once each entry is valid.

    Raises:
        CatalogueError: Naming every problem found (problems across entries, such as repeated
            keys, only once each entry is valid on its own).
    """
    file = f"{name}.json"
    try:
        raw = catalogue_path(file).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CatalogueError(file, [Problem("$", f"the file cannot be found ({exc})")]) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError(file, [Problem("$", f"the file cannot be read ({exc})")]) from exc
    try:
        document = _file_model(model).model_validate_json(raw, context={"catalogue": name})
    except ValidationError as error:
        raise CatalogueError(file, [_problem(e) for e in error.errors()]) from None
    entries: tuple[_M, ...] = tuple(document.entries)
    problems = _duplicates(((key(e), f"$.entries[{i}]") for i, e in enumerate(entries)), what)
    problems += check(entries)
    if problems:
        raise CatalogueError(file, problems)
    return entries


# --------------------------------------------------------------------------- principles


def _unique_principles(sets: Sequence[PrincipleSet]) -> list[Problem]:
    keyed = (
        (p.key, f"$.entries[{i}].principles[{j}]")
        for i, s in enumerate(sets)
        for j, p in enumerate(s.principles)
    )
    return _duplicates(keyed, "Principle key")


@lru_cache(maxsize=1)
def _principle_sets() -> tuple[PrincipleSet, ...]:
    return _load("principles", PrincipleSet, lambda s: s.key, "Set key", _unique_principles)


def principle_sets() -> list[PrincipleSet]:
    """All ethics principle sets, in catalogue order (OECD first, the default)."""
    return list(_principle_sets())


def principles() -> dict[str, PrincipleEntry]:
    """Every principle of every set by its key (unique across sets, e.g. ``"oecd-1.3"``)."""
    return {p.key: p for s in _principle_sets() for p in s.principles}


# --------------------------------------------------------------------------- risk


def _every_level_in_order(levels: Sequence[AppetiteLevel]) -> list[Problem]:
    if [level.appetite for level in levels] == list(Appetite):
        return []
    return [Problem("$.entries", "must list every appetite level once, from averse to eager")]


@lru_cache(maxsize=1)
def _appetite_levels() -> tuple[AppetiteLevel, ...]:
    return _load(
        "appetite_scale",
        AppetiteLevel,
        lambda lv: lv.appetite.value,
        "Level",
        _every_level_in_order,
    )


def appetite_levels() -> list[AppetiteLevel]:
    """The five appetite levels, from least to most willing to take risk."""
    return list(_appetite_levels())


def appetite_scale() -> dict[Appetite, str]:
    """The definition of each appetite level, from averse to eager."""
    return {level.appetite: level.definition for level in _appetite_levels()}


@lru_cache(maxsize=1)
def _risk_categories() -> tuple[RiskCategoryEntry, ...]:
    return _load("risk_categories", RiskCategoryEntry, lambda c: c.key, "Category key")


def risk_categories() -> list[RiskCategoryEntry]:
    """The AI risk categories with default appetites, thresholds and triggers."""
    return list(_risk_categories())


# --------------------------------------------------------------------------- incidents


@lru_cache(maxsize=1)
def _severities() -> tuple[SeverityEntry, ...]:
    return _load("severities", SeverityEntry, lambda s: s.level, "Severity level")


def severities() -> list[SeverityEntry]:
    """The incident severity levels, most severe first."""
    return list(_severities())


@lru_cache(maxsize=1)
def _incident_roles() -> tuple[IncidentRoleEntry, ...]:
    return _load("incident_roles", IncidentRoleEntry, lambda r: r.key, "Role key")


def incident_roles() -> list[IncidentRoleEntry]:
    """The default incident-response roles, in the order the charter lists them."""
    return list(_incident_roles())


@lru_cache(maxsize=1)
def _regulatory_clocks() -> tuple[ClockEntry, ...]:
    return _load("regulatory_clocks", ClockEntry, lambda c: c.key, "Clock key")


def regulatory_clocks() -> list[ClockEntry]:
    """Every regulatory clock in the catalogue, whether or not it applies to an organisation."""
    return list(_regulatory_clocks())


# --------------------------------------------------------------------------- board calendar


@lru_cache(maxsize=1)
def _calendar_items() -> tuple[CalendarEntry, ...]:
    return _load("calendar", CalendarEntry, lambda i: i.key, "Item key")


def calendar_items() -> list[CalendarEntry]:
    """Every default board calendar item, recurring ones first, then dated milestones."""
    return list(_calendar_items())


# --------------------------------------------------------------------------- frameworks


@lru_cache(maxsize=1)
def _framework_clauses() -> tuple[FrameworkClause, ...]:
    return _load("frameworks", FrameworkClause, lambda c: f"{c.section}/{c.clause}", "Clause")


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


@lru_cache(maxsize=1)
def _references() -> tuple[Reference, ...]:
    return _load("references", Reference, lambda r: r.id, "Reference id")


def references() -> dict[str, Reference]:
    """Every reference by its id, e.g. ``"EU AI Act Art. 26(2)"`` or ``"NIST GOVERN 2.3"``."""
    return {r.id: r for r in _references()}


# --------------------------------------------------------------------------- governance


def _known_principles(entries: Sequence[GovernanceEntry]) -> list[Problem]:
    known = set(principles())
    return [
        Problem(f"$.entries[{i}].principle_keys", f"unknown principle '{key}'")
        for i, entry in enumerate(entries)
        for key in entry.principle_keys
        if key not in known
    ]


@lru_cache(maxsize=1)
def _governance() -> tuple[GovernanceEntry, ...]:
    return _load(
        "governance",
        GovernanceEntry,
        lambda g: f"{g.kind} {g.key}",
        "Kind and key",
        _known_principles,
    )


def governance(kind: str | None = None) -> list[GovernanceEntry]:
    """The governance defaults in catalogue order, or only those of one ``kind``.

    Args:
        kind: One of :data:`GOVERNANCE_KINDS`; None for every entry.
    """
    return [g for g in _governance() if kind is None or g.kind == kind]


# --------------------------------------------------------------------------- regulators


def _one_per_place_and_kind(entries: Sequence[RegulatorEntry]) -> list[Problem]:
    keyed = (
        (f"{place} {entry.kind}", f"$.entries[{i}].places")
        for i, entry in enumerate(entries)
        for place in entry.places
    )
    return _duplicates(keyed, "Place and kind")


@lru_cache(maxsize=1)
def _regulators() -> tuple[RegulatorEntry, ...]:
    return _load("regulators", RegulatorEntry, lambda r: r.key, "Key", _one_per_place_and_kind)


def regulators(kind: str | None = None) -> list[RegulatorEntry]:
    """The authorities of the regulators catalogue, or only those of one ``kind``.

    Args:
        kind: One of :data:`REGULATOR_KINDS`; None for every entry.
    """
    return [r for r in _regulators() if kind is None or r.kind == kind]


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
        _principle_sets,
        _appetite_levels,
        _risk_categories,
        _severities,
        _incident_roles,
        _regulatory_clocks,
        _calendar_items,
        _regulators,
        _framework_clauses,
        _references,
        _governance,
    ):
        cached.cache_clear()
    from wizards.drill import scenario  # the drill's scenarios are a catalogue too

    scenario.clear_cache()


def load_all() -> None:
    """Load and check every catalogue; raises :class:`CatalogueError` for the first bad file."""
    principle_sets()
    appetite_scale()
    risk_categories()
    severities()
    incident_roles()
    regulatory_clocks()
    calendar_items()
    regulators()
    framework_map()
    references()
    governance()
    from wizards.drill.scenario import scenarios

    scenarios()
