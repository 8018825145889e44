"""Item 4 of issue 8: every value that passes validation builds, checks and shows.

Two families. Values at the edges of what the model accepts go through the command line
(validate, check, build --allow-incomplete): never exit code 1. Values the model refuses,
set the way a form sets them (without validation), go through everything the desktop runs on
a charter (every step's preview, the step validation, the readiness check, both documents,
the calendar file): nothing raises.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.helpers import assert_clear, complete_data, run_cli, write_answers
from tests.wizards.factories import complete_charter
from wizards.board_calendar import to_ics
from wizards.model import HOURS_MAX, Charter
from wizards.presets import fill_defaults
from wizards.readiness import check
from wizards.render import render_calendar, render_charter, render_section
from wizards.steps import Step, validate

Edit = Callable[[dict[str, Any]], None]

DATE_MIN, DATE_MAX = dt.date.min, dt.date.max  # the ends of the calendar, 0001 and 9999


def _set(path: str, value: Any) -> Edit:
    """An edit that sets the dotted ``path`` (list indices as numbers) to ``value``."""

    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return edit


def _both(*edits: Edit) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        for one in edits:
            one(data)

    return edit


EDGE_VALUES: dict[str, Edit] = {
    "effective date 9999-12-31, longest horizon": _both(
        _set("meta.effective_date", DATE_MAX.isoformat()), _set("board.horizon_months", 120)
    ),
    "effective date 0001-01-01": _set("meta.effective_date", DATE_MIN.isoformat()),
    "term from the first day, zero months": _both(
        _set("executive.term_start", DATE_MIN.isoformat()), _set("executive.term_months", 0)
    ),
    "term from the last day, longest term": _both(
        _set("executive.term_start", DATE_MAX.isoformat()), _set("executive.term_months", 240)
    ),
    "no meeting months": _set("board.pattern.months", []),
    "last weekday of every month": _both(
        _set("board.pattern.nth", -1), _set("board.pattern.months", list(range(1, 13)))
    ),
    "fifth Sunday": _both(_set("board.pattern.nth", 5), _set("board.pattern.weekday", 6)),
    "day 28 moved off weekends, the last date": _both(
        _set("board.pattern.kind", "day_of_month"),
        _set("board.pattern.day", 28),
        _set("meta.effective_date", DATE_MAX.isoformat()),
    ),
    "longest escalation": _set("incidents.severities.0.board_hours", HOURS_MAX),
    "zero hours": _set("incidents.severities.0.executive_hours", 0),
    "annual item on 29 February": _both(
        _set("board.items.1.cadence", "annual"), _set("board.items.1.date", "2028-02-29")
    ),
    "line breaks and separators in names": _both(
        _set("organisation.name", "Harbour\nLights; Trust, \\ Ltd"),
        _set("board.forum", "Board\r\nof trustees"),
        _set("meta.title", "Charter\nfor AI"),
        _set("board.items.0.title", "Risk\nreport"),
    ),
    "one-off item on the last day": _both(
        _set("board.items.1.cadence", "once"), _set("board.items.1.date", DATE_MAX.isoformat())
    ),
}

REFUSED_VALUES: dict[str, tuple[Edit, str]] = {
    "0th weekday": (_set("board.pattern.nth", 0), "$.board.pattern.nth"),
    "NaN hours": (
        _set("incidents.severities.0.executive_hours", math.nan),
        "$.incidents.severities[0].executive_hours",
    ),
    "infinite hours": (_set("incidents.severities.0.board_hours", math.inf), "board_hours"),
    "a clock of two million hours": (_set("incidents.clocks.0.hours", 2e6), "clocks[0].hours"),
    "thirteen meeting months": (_set("board.pattern.months", [1] * 13), "pattern.months"),
}


@pytest.mark.parametrize("name", list(EDGE_VALUES))
def test_edge_values_never_end_in_an_unexpected_error(name: str, tmp_path: Path) -> None:
    data = complete_data()
    EDGE_VALUES[name](data)
    file = write_answers(tmp_path, data)
    for argv in (
        ("validate", file),
        ("check", file),
        ("build", file, "--out", tmp_path / "out", "--allow-incomplete"),
    ):
        code, _out, err = run_cli(*argv)
        assert code in (0, 2, 3), (argv[0], err)
        assert "Traceback" not in err and "unexpected error" not in err, (argv[0], err)


@pytest.mark.parametrize("name", list(REFUSED_VALUES))
def test_values_that_make_no_sense_are_refused_with_their_path(name: str, tmp_path: Path) -> None:
    edit, where = REFUSED_VALUES[name]
    data = complete_data()
    edit(data)
    file = write_answers(tmp_path, data)
    for command in ("validate", "check", "build"):
        code, _out, err = run_cli(command, file)
        assert_clear(code, err, where, file.name)


def _unchecked(attribute: str, value: Any) -> Callable[[Charter], None]:
    """Set a value the way a form does, without the model's validation."""

    def edit(charter: Charter) -> None:
        *parents, last = attribute.split(".")
        target: Any = charter
        for part in parents:
            target = target[int(part)] if part.isdigit() else getattr(target, part)
        setattr(target, last, value)

    return edit


UNCHECKED_VALUES: dict[str, Callable[[Charter], None]] = {
    "0th weekday": _unchecked("board.pattern.nth", 0),
    "weekday 9": _unchecked("board.pattern.weekday", 9),
    "effective date 9999-12-31": _unchecked("meta.effective_date", dt.date.max),
    "effective date 0001-01-01": _unchecked("meta.effective_date", dt.date.min),
    "term from 0001-01-01 for 0 months": lambda c: (
        _unchecked("executive.term_start", dt.date.min)(c),
        _unchecked("executive.term_months", 0)(c),
    ),
    "no meeting months": _unchecked("board.pattern.months", []),
    "month 13": _unchecked("board.pattern.months", [13]),
    "NaN hours": _unchecked("incidents.severities.0.executive_hours", math.nan),
    "infinite hours": _unchecked("incidents.severities.0.board_hours", math.inf),
    "annual item on the last day": _unchecked("board.items.1.date", dt.date.max),
    "empty charter on the last day": lambda c: (
        c.ethics.__setattr__("review_date", None),
        c.meta.__setattr__("effective_date", dt.date.max),
    ),
}


@pytest.mark.parametrize("name", list(UNCHECKED_VALUES))
def test_every_computation_is_total(name: str) -> None:
    charter = complete_charter()
    UNCHECKED_VALUES[name](charter)
    for step in Step:
        render_section(charter, step)
    validate(charter)
    check(charter)
    html = render_charter(charter)
    assert "nan hours" not in html and "inf hours" not in html
    render_calendar(charter)
    to_ics(charter)
    fill_defaults(charter.model_copy(deep=True))  # "Fill every step" on the same answers
