"""Item 6 of issue 8: the readiness check and the calendar build grow near-linearly.

The default run checks that the benchmark runs and that the findings of the grouped rules
are those of comparing every pair of roles; the soak run measures the growth (timings on a
shared machine are only stable at the larger counts).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from tests.benchmarks import bench_scaling
from tests.benchmarks.bench_scaling import charter_with_items, charter_with_roles
from wizards.board_calendar import board_events
from wizards.model import LIST_MAX, IncidentRole
from wizards.readiness import _same_person_pairs, check
from wizards.steps import same_person


def _pairs_by_comparing_all(roles: list[IncidentRole]) -> list[tuple[int, int]]:
    """The old, quadratic way: every role against every other."""
    return [
        (i, j)
        for i, a in enumerate(roles)
        for j, b in enumerate(roles)
        if i != j and same_person(a.person, b.person)
    ]


@pytest.mark.parametrize("count", [3, 40, 300])
def test_grouping_by_person_finds_the_pairs_comparing_all_would(count: int) -> None:
    roles = charter_with_roles(count).incidents.roles
    roles[1].person = " " + roles[0].person.upper()  # the same person, written differently
    assert _same_person_pairs(roles, lambda r: True, lambda r: True) == _pairs_by_comparing_all(
        roles
    )


def test_the_scaling_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_scaling.main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "per entry" in out and "Readiness check" in out and "Board calendar" in out


def _best(work: Callable[[], object], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


@pytest.mark.soak
@pytest.mark.parametrize(
    ("name", "make", "run"),
    [
        ("readiness, roles", charter_with_roles, check),
        ("calendar events, items", charter_with_items, board_events),
    ],
)
def test_ten_times_the_entries_take_at_most_twelve_times_as_long(
    name: str, make: Callable[[int], object], run: Callable[[object], object]
) -> None:
    # Up to the list limit (LIST_MAX), the sizes a charter can have; bench_scaling.py prints
    # the growth far beyond it.
    small, large = make(LIST_MAX // 10), make(LIST_MAX)
    ratio = _best(lambda: run(large)) / _best(lambda: run(small))
    assert ratio <= 12, f"{name}: 10x the entries took {ratio:.1f}x the time"
