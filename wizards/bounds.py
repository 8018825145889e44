"""The bounds every model of an answers file shares: longest name, longest prose, longest list."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

NAME_MAX = 300
"""Longest name, title or label the model accepts (a field, not an essay)."""

PROSE_MAX = 100_000
"""Longest free-text field the model accepts."""

LIST_MAX = 2_000
"""Most entries of any one list (systems, roles, board items, ...): far beyond a real charter,
small enough that every check and build of the longest lists stays quick."""

Name = Annotated[str, Field(max_length=NAME_MAX)]
Prose = Annotated[str, Field(max_length=PROSE_MAX)]
# Any date Python holds: the form takes every YYYY-MM-DD date, and a draft saved from it must
# always load again. Every computation on dates stops at the ends of the calendar instead
# (wizards.board_calendar.add_months).
Day = Annotated[dt.date, Field()]
