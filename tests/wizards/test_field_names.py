"""Places in the charter and problems of a broken answers file, in plain words."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.wizards.factories import complete_charter
from wizards.answers import AnswersError, Problem, from_data, loads
from wizards.field_names import PROBLEM_MESSAGES, describe, ordinal, plain_problem
from wizards.model import Charter


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("$.board.pattern", "the meeting pattern of the board calendar"),
        ("$.organisation.systems[1].name", "the name of the second AI system of the organisation"),
        ("$.organisation.employees", "the number of people employed"),
        ("$.executive.person.name", "the name of the responsible executive"),
        ("$.meta.effective_date", "the effective date of the charter details"),
        (
            "$.board.pattern.months[2]",
            "the third month of the meeting pattern of the board calendar",
        ),
        ("$.risk.prohibited_uses[0]", "the first prohibited use of the risk tolerance"),
        (
            "$.incidents.severities[0].board_hours",  # the model's description names it
            "the hours to inform the board of the first severity level of the incident response",
        ),
        (
            "$.incidents.roles[1].duties.detect",
            "the duty for “detect” of the second incident role of the incident response",
        ),
        ("$.approvals[13].date", "the date of the 14th approval"),
        ("$.board.colour", "“colour” of the board calendar"),
        ("$", "the file"),
    ],
)
def test_json_paths_in_words(path: str, words: str) -> None:
    assert describe(path) == words


def test_every_field_of_the_model_has_words_without_underscores() -> None:
    from pydantic import BaseModel

    def walk(model: type[BaseModel], path: str) -> list[str]:
        out = []
        for name, info in model.model_fields.items():
            out.append(f"{path}.{name}")
            inner = info.annotation
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                out += walk(inner, f"{path}.{name}")
        return out

    for path in walk(Charter, "$"):
        words = describe(path)
        assert "_" not in words and words.startswith("the "), (path, words)


def test_ordinals() -> None:
    assert [ordinal(i) for i in (0, 1, 11, 12, 20, 21, 22, 110)] == [
        "first",
        "second",
        "twelfth",
        "13th",
        "21st",
        "22nd",
        "23rd",
        "111th",
    ]


def broken(**changes: Any) -> list[Problem]:
    data = json.loads(complete_charter().model_dump_json())
    for path, value in changes.items():
        *parents, last = path.split("__")
        target = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is KeyError:
            del target[last]
        else:
            target[last] = value
    with pytest.raises(AnswersError) as caught:
        from_data(data)
    return caught.value.problems


@pytest.mark.parametrize(
    ("changes", "path", "plain"),
    [
        (
            {"board__pattern": 5},
            "$.board.pattern",
            "The meeting pattern of the board calendar must be a group of answers.",
        ),
        (
            {"executive__term_months": "two years"},
            "$.executive.term_months",
            "The executive's term in months must be a whole number.",
        ),
        (
            {"risk__categories__0__appetite": "reckless"},
            "$.risk.categories[0].appetite",
            "The appetite of the first risk category of the risk tolerance must be one of "
            "“averse”, “minimal”, “cautious”, “open” or “eager”.",
        ),
        (
            {"meta__effective_date": "31/12/2027"},
            "$.meta.effective_date",
            "The effective date of the charter details must be a date written as YYYY-MM-DD.",
        ),
        (
            {"organisation__name": "x" * 301},
            "$.organisation.name",
            "The name of the organisation is too long: at most 300 characters.",
        ),
        (
            {"organisation__employees": -5},
            "$.organisation.employees",
            "The number of people employed must be 0 or more.",
        ),
        (
            {"organisation__systems__0__name": 7},
            "$.organisation.systems[0].name",
            "The name of the first AI system of the organisation must be text.",
        ),
        (
            {"board__colour": "teal"},
            "$.board.colour",
            "“colour” of the board calendar is not something Charter Builder knows; remove it.",
        ),
    ],
)
def test_broken_files_are_explained_in_plain_words(
    changes: dict[str, Any], path: str, plain: str
) -> None:
    (problem,) = broken(**changes)
    assert problem.path == path
    assert plain_problem(problem) == plain
    assert "instance of" not in plain and "$." not in plain


def test_a_missing_field_and_problems_before_the_model() -> None:
    # Nothing in the model is required, so 'missing' comes from problems such as these.
    missing = Problem("$.board.forum", "Field required", "missing", {})
    assert plain_problem(missing) == "The forum of the board calendar is missing."
    with pytest.raises(AnswersError) as caught:
        loads("{ not json")
    assert plain_problem(caught.value.problems[0]).startswith("The file: not valid JSON")


def test_the_path_form_is_kept_for_the_command_line() -> None:
    (problem,) = broken(board__pattern=5)
    assert str(problem).startswith("$.board.pattern: Input should be")


def test_every_plain_message_names_the_field() -> None:
    assert all("{field}" in template for template in PROBLEM_MESSAGES.values())
