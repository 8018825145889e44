"""Plain words for places in the charter and for problems found in an answers file.

A JSON path such as ``$.board.pattern`` becomes "the meeting pattern of the board calendar";
``$.organisation.systems[1].name`` becomes "the name of the second AI system of the
organisation". The words come from the charter model itself: each field's name, or its
description where that is a name; a short table below gives better words where a field's name
is a programmer's abbreviation. Fields added to the model get words without an entry here.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any, Union

from pydantic import BaseModel

from wizards.answers import Problem
from wizards.model import Charter

Token = str | int

SECTION_WORDS: dict[str, str] = {
    "meta": "charter details",
    "executive": "responsible executive",
    "risk": "risk tolerance",
    "ethics": "ethics guidelines",
    "incidents": "incident response",
    "board": "board calendar",
}
"""Words for the sections of the charter (the top-level fields)."""

FIELD_WORDS: dict[str, str] = {
    "AiSystem.annex_iii_point": "Annex III point",
    "AiSystem.annex_i": "Annex I flag",
    "AiSystem.personal_data": "personal-data flag",
    "Organisation.ai_act_role": "role under the EU AI Act",
    "Organisation.public_service": "public-service flag",
    "Organisation.nis2_entity": "NIS2 flag",
    "Organisation.dora_entity": "DORA flag",
    "Organisation.processes_personal_data": "personal-data flag",
    "Authorities.other": "other authorities",
    "RiskTolerance.review_months": "review interval in months",
    "RiskTolerance.statement": "risk appetite statement",
    "IncidentResponse.tabletop_months": "months between tabletop exercises",
    "IncidentResponse.severities": "severity levels",
    "IncidentResponse.clocks": "regulatory clocks",
    "IncidentRole.person": "person holding the role",
    "MeetingPattern.nth": "week of the month",
    "MeetingPattern.move_off_weekends": "moving of weekend dates",
    "BoardReporting.pattern": "meeting pattern",
    "BoardReporting.items": "calendar items",
    "BoardReporting.horizon_months": "months the calendar covers",
    "BoardReporting.fiscal_year_start_month": "first month of the financial year",
    "CharterMeta.id": "identity of the charter",
    "CharterMeta.review_months": "review interval in months",
    "CharterMeta.include_findings": "findings appendix choice",
    "Charter.format_version": "format version",
    "RegulatoryClock.owner_role": "owner role",
    "ReportItem.fiscal_quarter": "quarter of the financial year",
    "ResponsibleExecutive.reports_to": "reporting line",
    "RiskTolerance.categories": "risk categories",
    "IncidentResponse.roles": "incident roles",
    "EthicsGuidelines.review_date": "review date of the guidelines",
    "Severity.escalate_to": "roles informed",
    "CharterMeta.upkeep": "rules on breach and amendment",
    "Upkeep.breach_report_to": "body a breach is reported to",
    "Upkeep.breach_days": "working days to report a breach",
    "Upkeep.breach_consequences": "consequences of a breach",
    "Upkeep.amended_by": "body that approves amendments",
    "Upkeep.editorial_by": "person who may make editorial changes",
    "Upkeep.proposals_from": "proposers of amendments",
    "RiskTolerance.authority": "approval rules",
    "RiskTolerance.intake": "intake gate",
    "ApprovalRule.approve": "approver",
    "ApprovalRule.conditions": "approver with conditions",
    "ApprovalRule.escalate_to": "recipient of doubtful cases",
    "ApprovalRule.block": "person or body who may block",
    "IntakeGate.checks": "checks",
    "IntakeGate.supplier_checks": "supplier checks",
    "IntakeGate.inventory": "register of approved systems",
    "BoardReporting.chair": "chair of the forum",
    "BoardReporting.members": "members of the forum",
    "BoardReporting.quorum": "quorum",
    "BoardReporting.minutes_days": "days to circulate the minutes",
    "BoardReporting.decision_log": "decision log",
    "BoardReporting.assurance": "three lines",
    "BodyMember.voting": "vote",
    "Assurance.first_line": "first line",
    "Assurance.second_line": "second line",
    "Assurance.third_line": "third line",
    "Assurance.review_months": "months between independent reviews",
    "Indicator.measure": "measure",
    "Indicator.evidence": "evidence",
}
"""Better words than the field's own name, keyed ``Model.field``."""

WHOLE_WORDS: dict[str, str] = {
    "Organisation.employees": "number of people employed",
    "ResponsibleExecutive.person": "responsible executive",
    "ResponsibleExecutive.deputy": "deputy of the responsible executive",
    "ResponsibleExecutive.term_months": "executive's term in months",
    "ResponsibleExecutive.authorities": "executive's authorities",
}
"""Words that say where a field is without the section it is in ("the responsible executive",
not "the person of the responsible executive")."""

ITEM_WORDS: dict[str, str] = {
    "AiSystem": "AI system",
    "Severity": "severity level",
    "ReportItem": "calendar item",
    "RegulatoryClock": "regulatory clock",
    "Organisation.jurisdictions": "jurisdiction",
    "RiskTolerance.prohibited_uses": "prohibited use",
    "Principle.commitments": "commitment",
    "EthicsGuidelines.literacy_measures": "literacy measure",
    "Authorities.other": "other authority",
    "Severity.escalate_to": "role informed",
    "MeetingPattern.months": "month",
    "IncidentRole.duties": "duty",
    "BodyMember": "member",
    "IntakeGate.checks": "intake check",
    "IntakeGate.supplier_checks": "supplier check",
}
"""Words for one entry of a list (or mapping), keyed by the entry's model or ``Model.field``."""

_ORDINALS = (
    *("first", "second", "third", "fourth", "fifth", "sixth"),
    *("seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"),
)


def ordinal(index: int) -> str:
    """'first' for 0, 'second' for 1, ... '13th' for 12."""
    if index < len(_ORDINALS):
        return _ORDINALS[index]
    n = index + 1
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def parse_path(path: str) -> list[Token]:
    """``$.a.b[1].c`` as ``['a', 'b', 1, 'c']``."""
    tokens: list[Token] = []
    for name, index in re.findall(r"\.([^.\[\]]+)|\[(\d+)\]", path.removeprefix("$")):
        tokens.append(int(index) if index else name)
    return tokens


def _split_words(name: str) -> str:
    """``AiSystem`` → 'ai system'; ``reports_to`` → 'reports to'."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).replace("_", " ")
    return spaced.lower()


def _strip_optional(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(options) == 1:
            return _strip_optional(options[0])
    if origin is typing.Annotated:
        return _strip_optional(typing.get_args(annotation)[0])
    return annotation


def _model_of(annotation: Any) -> type[BaseModel] | None:
    annotation = _strip_optional(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _field_noun(model: type[BaseModel], name: str) -> str:
    key = f"{model.__name__}.{name}"
    if key in FIELD_WORDS:
        return FIELD_WORDS[key]
    if model is Charter and name in SECTION_WORDS:
        return SECTION_WORDS[name]
    info = model.model_fields[name]
    description = (info.description or "").split(",")[0].split(";")[0].strip()
    # A description that reads as a name ("hours to inform the board") names the field; one
    # that explains it ("0 is Monday") does not.
    if description and description[0].isalpha() and not re.search(r"\d|\(", description):
        return description
    return _split_words(name)


def _item_noun(model: type[BaseModel], name: str, item: Any) -> str:
    key = f"{model.__name__}.{name}"
    if key in ITEM_WORDS:
        return ITEM_WORDS[key]
    inner = _model_of(item)
    if inner is not None:
        return ITEM_WORDS.get(inner.__name__, _split_words(inner.__name__))
    noun = _field_noun(model, name)
    return noun[:-1] if noun.endswith("s") else noun


def describe_tokens(tokens: Sequence[Token]) -> str:
    """Plain words for the place at ``tokens`` below the charter, e.g. ['board', 'pattern']."""
    phrases: list[str] = []
    model: type[BaseModel] | None = Charter
    annotation: Any = Charter
    container: tuple[type[BaseModel], str] | None = None  # the list or mapping we are in
    for token in tokens:
        if token == "[key]":
            phrases[-1] = phrases[-1].replace("the entry for", "the key")
            continue
        if container is not None:
            owner, name = container
            noun = _item_noun(owner, name, annotation)
            if isinstance(token, int):
                phrase = f"the {ordinal(token)} {noun}"
            else:
                phrase = f"the {noun} for “{token}”"
            phrases[-1] = phrase  # "the second AI system" says all that "the AI systems" did
            container = None
            model = _model_of(annotation)
            continue
        if model is None or not isinstance(token, str) or token not in model.model_fields:
            phrases.append(f"“{token}”")
            model = None
            continue
        info = model.model_fields[token]
        whole = WHOLE_WORDS.get(f"{model.__name__}.{token}")
        if whole is not None:
            phrases = [f"the {whole}"]
        else:
            phrases.append(f"the {_field_noun(model, token)}")
        annotation = _strip_optional(info.annotation)
        origin = typing.get_origin(annotation)
        if origin in (list, dict):
            container = (model, token)
            annotation = _strip_optional(typing.get_args(annotation)[-1])
            model = None
        else:
            model = _model_of(annotation)
    if not phrases:
        return "the file"
    # The organisation's name, not "the name of the organisation of the charter": the subject
    # first, then what it belongs to.
    return " of ".join(reversed(phrases))


def _owner(path: str) -> tuple[type[BaseModel], str]:
    """The model that holds the last field of a model path like ``risk.categories``."""
    model: type[BaseModel] = Charter
    *parents, last = [t for t in parse_path("$." + path) if isinstance(t, str)]
    for name in parents:
        annotation = _strip_optional(model.model_fields[name].annotation)
        if typing.get_origin(annotation) in (list, dict):
            annotation = _strip_optional(typing.get_args(annotation)[-1])
        inner = _model_of(annotation)
        if inner is None:
            raise KeyError(path)
        model = inner
    if last not in model.model_fields:
        raise KeyError(path)
    return model, last


def field_noun(path: str) -> str:
    """The field's own words, without article or section: 'risk categories', 'forum'."""
    model, name = _owner(path)
    return WHOLE_WORDS.get(f"{model.__name__}.{name}") or _field_noun(model, name)


def item_noun(path: str) -> str:
    """Words for one entry of the list at ``path``: 'risk category', 'prohibited use'."""
    model, name = _owner(path)
    annotation = _strip_optional(model.model_fields[name].annotation)
    return _item_noun(model, name, _strip_optional(typing.get_args(annotation)[-1]))


def describe(path: str) -> str:
    """Plain words for a JSON path of the answers file, e.g. ``$.board.pattern``."""
    return describe_tokens(parse_path(path))


PROBLEM_MESSAGES: dict[str, str] = {
    "missing": "{field} is missing.",
    "extra_forbidden": "{field} is not something Charter Builder knows; remove it.",
    "string_type": "{field} must be text.",
    "string_too_long": "{field} is too long: at most {max_length} characters.",
    "too_long": "{field} has too many entries: at most {max_length}.",
    "int_type": "{field} must be a whole number.",
    "int_parsing": "{field} must be a whole number.",
    "int_from_float": "{field} must be a whole number.",
    "float_type": "{field} must be a number.",
    "float_parsing": "{field} must be a number.",
    "bool_type": "{field} must be true or false.",
    "bool_parsing": "{field} must be true or false.",
    "enum": "{field} must be one of {expected}.",
    "literal_error": "{field} must be one of {expected}.",
    "date_type": "{field} must be a date written as YYYY-MM-DD.",
    "date_parsing": "{field} must be a date written as YYYY-MM-DD.",
    "date_from_datetime_parsing": "{field} must be a date written as YYYY-MM-DD.",
    "date_from_datetime_inexact": "{field} must be a date without a time.",
    "greater_than_equal": "{field} must be {ge} or more.",
    "greater_than": "{field} must be more than {gt}.",
    "less_than_equal": "{field} must be {le} or less.",
    "less_than": "{field} must be less than {lt}.",
    "list_type": "{field} must be a list.",
    "dict_type": "{field} must be a group of answers.",
    "model_type": "{field} must be a group of answers.",
    "model_attributes_type": "{field} must be a group of answers.",
}
"""Plain messages for pydantic's common error types; ``{field}`` is filled by :func:`describe`.

The desktop translates these as it does the validation messages; the other placeholders are
pydantic's error context.
"""

OTHER_PROBLEM = "{field}: {message}"
"""For error types without a plain message: the place in words and pydantic's own text."""


def problem_words(problem: Problem) -> tuple[str, dict[str, str]]:
    """The plain message template of a problem and its placeholders.

    The template is a value of :data:`PROBLEM_MESSAGES` (or :data:`OTHER_PROBLEM`), so that
    the desktop can translate it before filling in ``field`` (the place in words) and
    pydantic's error context.
    """
    params = {str(k): str(v) for k, v in problem.params.items()}
    if "expected" in params:
        params["expected"] = re.sub(r"'([^']*)'", r"“\1”", params["expected"])
    params["field"] = describe(problem.path)
    params["message"] = problem.message[:1].lower() + problem.message[1:]
    template = PROBLEM_MESSAGES.get(problem.kind, OTHER_PROBLEM)
    try:
        template.format(**params)
    except (KeyError, IndexError):
        template = OTHER_PROBLEM
    return template, params


def fill(template: str, params: Mapping[str, str]) -> str:
    """A message template filled in, starting with a capital letter."""
    try:
        text = template.format(**params)
    except (KeyError, IndexError):
        text = OTHER_PROBLEM.format(**params)
    return text[:1].upper() + text[1:]


def plain_problem(problem: Problem) -> str:
    """A problem of an answers file in plain English, e.g. "The meeting pattern of the board
    calendar must be a group of answers." (the JSON path is for whoever edits the file)."""
    return fill(*problem_words(problem))
