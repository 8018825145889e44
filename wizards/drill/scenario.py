"""Drill scenarios: the catalogue of fictitious incidents, and which of them fit a charter.

A scenario is a short story in timed injects. It says what an organisation must have for the
story to make sense (``needs``: a high-risk system, a chatbot, personal data, ...), which AI
system of the charter it is about (``system``: the tag that picks it), the level of severity the
facts warrant as they arrive, the regulatory clocks the team becomes aware of, and the people
who cannot be reached for a while. Placeholders in braces (``{system}``, ``{org}``) are filled
from the charter, so the story names the organisation's own system and supplier.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator, model_validator
from pydantic_core import PydanticCustomError

from wizards import catalogues
from wizards.answers import Problem
from wizards.catalogues import _Flagged, _load, _one_of, _Text
from wizards.model import AiActRole, AiSystem, Charter, RiskCategory, RiskClass, SystemRole

ORG_TAGS: dict[str, str] = {
    "high_risk": "a high-risk AI system",
    "chatbot": "an AI assistant or chatbot",
    "generative_ai": "generative AI",
    "personal_data": "personal data",
    "supplier_model": "an AI system from a supplier",
    "ai_system": "any AI system",
    "critical_infrastructure": "critical infrastructure",
    "essential_service": "an essential service (NIS2, DORA or a public service)",
    "public_body": "a public body",
    "nis2": "NIS2",
    "dora": "DORA",
    "ai_act_provider": "an AI system we provide",
}
"""Every tag a scenario or an inject may need, with the words the drill list shows for it."""

SYSTEM_TAGS: frozenset[str] = frozenset(
    {"high_risk", "chatbot", "generative_ai", "personal_data", "supplier_model", "ai_system"}
)
"""Tags that can pick the AI system a scenario is about."""

PLACEHOLDERS: frozenset[str] = frozenset(
    {"org", "system", "supplier", "owner", "executive", "category", "threshold"}
)
"""Names an inject's text may use in braces."""

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_Tag = Annotated[str, _one_of(sorted(ORG_TAGS), "tag")]
_SystemTag = Annotated[str, _one_of(["", *sorted(SYSTEM_TAGS)], "system tag")]
_Hours = Annotated[float, Field(ge=0, le=24 * 60)]


def _placeholders(text: str) -> str:
    for _literal, name, _spec, _conv in string.Formatter().parse(text):
        if name is not None and name not in PLACEHOLDERS:
            raise PydanticCustomError(
                "placeholder",
                "unknown placeholder '{found}'; use one of: {allowed}",
                {"found": "{" + name + "}", "allowed": ", ".join(sorted(PLACEHOLDERS))},
            )
    return text


class _Part(BaseModel):
    """A part of a scenario entry; the entry itself carries the source and the as-of date."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Inject(_Part):
    """One timed piece of news in a scenario ("T+3 h: a journalist calls")."""

    at_hours: Annotated[float, Field(ge=0, le=24 * 60)]
    text: _Text
    severity: Annotated[int, Field(ge=1, le=5)] | None = None
    clocks: tuple[_Text, ...] = ()
    needs: tuple[_Tag, ...] = ()

    @field_validator("text")
    @classmethod
    def _known_placeholders(cls, text: str) -> str:
        return _placeholders(text)


class Unreachable(_Part):
    """A role's holder, deputy or both out of reach for a stretch of the drill."""

    role: _Text
    who: Literal["holder", "deputy", "both"]
    from_hours: _Hours
    until_hours: _Hours
    why: _Text

    @model_validator(mode="after")
    def _ends_after_it_starts(self) -> Unreachable:
        if self.until_hours <= self.from_hours:
            raise PydanticCustomError("window", "until_hours must come after from_hours")
        return self


class Scenario(_Flagged):
    """A fictitious AI incident told in timed injects."""

    key: _Text
    label: _Text
    summary: _Text
    needs: tuple[_Tag, ...]
    needs_any: tuple[_Tag, ...] = ()
    system: _SystemTag
    starts_on: Annotated[str, _one_of(WEEKDAYS, "weekday")]
    starts_at: Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
    suspend: StrictBool
    injects: Annotated[tuple[Inject, ...], Field(min_length=3)]
    unreachable: tuple[Unreachable, ...] = ()

    @field_validator("injects")
    @classmethod
    def _in_time_order(cls, injects: tuple[Inject, ...]) -> tuple[Inject, ...]:
        times = [i.at_hours for i in injects]
        if times != sorted(times) or len(set(times)) != len(times) or times[0] != 0:
            raise PydanticCustomError(
                "inject_order", "injects must start at T+0 and follow in time, one per moment"
            )
        return injects

    @property
    def title(self) -> str:
        """The scenario's title (same as ``label``)."""
        return self.label


def _clocks_known(scenarios: Sequence[Scenario]) -> list[Problem]:
    known = {c.key for c in catalogues.regulatory_clocks()}
    return [
        Problem(f"$.entries[{i}].injects[{j}].clocks", f"unknown regulatory clock '{key}'")
        for i, s in enumerate(scenarios)
        for j, inject in enumerate(s.injects)
        for key in inject.clocks
        if key not in known
    ]


@lru_cache(maxsize=1)
def _scenarios() -> tuple[Scenario, ...]:
    return _load("drill_scenarios", Scenario, lambda s: s.key, "Scenario key", _clocks_known)


def scenarios() -> list[Scenario]:
    """Every drill scenario in the catalogue, whether or not it fits a charter."""
    return list(_scenarios())


def scenario(key: str) -> Scenario:
    """The scenario ``key``; raises KeyError naming the keys there are."""
    for s in _scenarios():
        if s.key == key:
            return s
    raise KeyError(
        f"no drill scenario '{key}'; there are: {', '.join(s.key for s in _scenarios())}"
    )


def clear_cache() -> None:
    """Forget the loaded scenarios, so that the next call reads the file again."""
    _scenarios.cache_clear()


# --------------------------------------------------------------------------- tags

_CHAT = re.compile(r"\b(chat\w*|assistant|conversation\w*|virtual agent)\b", re.IGNORECASE)
_GENERATIVE = re.compile(
    r"\b(generative|gen ?ai|llm|large language|language model|copilot|gpt|chat\w*)\b", re.IGNORECASE
)
_IN_HOUSE = re.compile(r"\b(in-house|in house|our own|internally)\b", re.IGNORECASE)


def system_has(system: AiSystem, tag: str) -> bool:
    """Whether one AI system carries ``tag`` (one of :data:`SYSTEM_TAGS`)."""
    text = f"{system.name} {system.purpose} {system.supplier}"
    if tag == "high_risk":
        return system.risk_class is RiskClass.HIGH
    if tag == "chatbot":
        return bool(_CHAT.search(f"{system.name} {system.purpose}"))
    if tag == "generative_ai":
        return system.risk_class is RiskClass.GPAI or bool(_GENERATIVE.search(text))
    if tag == "personal_data":
        return system.personal_data
    if tag == "supplier_model":
        return (
            system.role is SystemRole.DEPLOYER
            and bool(system.supplier.strip())
            and not _IN_HOUSE.search(system.supplier)
        )
    if tag == "ai_system":
        return bool(system.name.strip())
    raise ValueError(f"'{tag}' is not a system tag")


def charter_has(charter: Charter, tag: str) -> bool:
    """Whether the organisation of ``charter`` has what ``tag`` names."""
    org = charter.organisation
    if tag in SYSTEM_TAGS and any(system_has(s, tag) for s in org.systems):
        return True
    if tag == "personal_data":
        return org.processes_personal_data
    if tag == "nis2":
        return org.nis2_entity
    if tag == "dora":
        return org.dora_entity
    if tag == "public_body":
        return org.public_service
    if tag == "essential_service":
        return org.nis2_entity or org.dora_entity or org.public_service
    if tag == "critical_infrastructure":
        return org.nis2_entity or any(
            s.annex_iii_point.strip().startswith("2") for s in org.systems
        )
    if tag == "ai_act_provider":
        return org.ai_act_role in (AiActRole.PROVIDER, AiActRole.BOTH) and any(
            s.role is SystemRole.PROVIDER for s in org.systems
        )
    return False


def fits(charter: Charter, entry: Scenario) -> bool:
    """Whether the scenario makes sense for the charter's organisation."""
    if not all(charter_has(charter, tag) for tag in entry.needs):
        return False
    if entry.needs_any and not any(charter_has(charter, tag) for tag in entry.needs_any):
        return False
    return not entry.system or affected_system(charter, entry) is not None


def fitting(charter: Charter) -> list[Scenario]:
    """The scenarios that fit the charter, in catalogue order."""
    return [s for s in _scenarios() if fits(charter, s)]


def affected_system(charter: Charter, entry: Scenario) -> AiSystem | None:
    """The AI system the scenario is about: the first that carries its tag, high-risk first.

    Among systems with the tag, a high-risk one is preferred (the drill is for the systems that
    matter most), then one that holds personal data when the scenario needs personal data.
    """
    if not entry.system:
        return None
    found = [s for s in charter.organisation.systems if system_has(s, entry.system)]
    if not found:
        return None
    wants_data = "personal_data" in entry.needs

    def rank(system: AiSystem) -> tuple[int, int]:
        return (
            0 if system.risk_class is RiskClass.HIGH else 1,
            0 if (system.personal_data or not wants_data) else 1,
        )

    return sorted(found, key=rank)[0]


# --------------------------------------------------------------------------- words


_THRESHOLD_HINT = re.compile(r"perform|accura|fair|bias|quality|error|drift", re.IGNORECASE)


def _category(charter: Charter) -> RiskCategory | None:
    with_threshold = [c for c in charter.risk.categories if c.threshold.strip()]
    for category in with_threshold:
        if _THRESHOLD_HINT.search(f"{category.key} {category.label}"):
            return category
    return with_threshold[0] if with_threshold else None


def _first_sentence(text: str) -> str:
    """The first sentence of ``text``, without its full stop (a threshold can be a paragraph)."""
    first = re.split(r"(?<=[.;])\s+", text.strip(), maxsplit=1)[0]
    return first.rstrip(".;")


@dataclass(frozen=True)
class Words:
    """What fills the placeholders of a scenario for one charter."""

    org: str
    system: str
    supplier: str
    owner: str
    executive: str
    category: str
    threshold: str

    def fill(self, text: str) -> str:
        """``text`` with its placeholders filled."""
        return text.format(**self.__dict__)


def words_for(charter: Charter, entry: Scenario) -> Words:
    """The words the scenario's injects take from the charter."""
    system = affected_system(charter, entry)
    category = _category(charter)
    supplier = system.supplier.strip() if system else ""
    supplier = re.sub(r"\s*\(.*\)$", "", supplier) or "the supplier"
    return Words(
        org=charter.organisation.name.strip() or "the organisation",
        system=(system.name.strip() if system else "") or "the AI system",
        supplier=supplier,
        owner=(system.owner.strip() if system else "") or "the system owner",
        executive=charter.executive.person.name.strip() or "the responsible executive",
        category=(category.label.strip() or category.key) if category else "the risk category",
        threshold=_first_sentence(category.threshold) if category else "the agreed limit",
    )


__all__ = [
    "ORG_TAGS",
    "PLACEHOLDERS",
    "SYSTEM_TAGS",
    "Inject",
    "Scenario",
    "Unreachable",
    "Words",
    "affected_system",
    "charter_has",
    "clear_cache",
    "fits",
    "fitting",
    "scenario",
    "scenarios",
    "system_has",
    "words_for",
]
