"""Benchmark how the readiness check and the board calendar build grow with list sizes.

Run: ``.venv/bin/python tests/benchmarks/bench_scaling.py [--quick]``. Budget (README,
"Performance"): near-linear in list sizes, 10x entries at most 12x the time. Each row prints the
time per entry; the baseline is the smallest run of the same work (1,000 entries), and every
larger run is printed as a ratio against it.

The charters here are far larger than the answers file accepts (the model's list limit): the
lists are filled after the charter is built, so the benchmark measures the algorithms, not the
limit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from wizards.model import Cadence, Charter, IncidentRole, Phase, ReportItem

SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (100, 1_000)
GROWTH_BUDGET = 12.0  # 10x entries may take at most 12x the time

_ROLE_TITLES = (
    "Incident commander",
    "Deputy incident commander",
    "Regulatory reporting lead",
    "System owner",
    "Legal counsel",
    "Data protection officer",
    "Communications lead",
    "Technical lead",
)
_CADENCES = (Cadence.QUARTERLY, Cadence.EVERY_MEETING, Cadence.SEMIANNUAL, Cadence.ANNUAL)


def _base() -> Charter:
    from tests.wizards.factories import complete_charter

    return complete_charter()


def charter_with_roles(count: int) -> Charter:
    """A complete charter with ``count`` incident roles; some people hold several roles."""
    charter = _base()
    roles = charter.incidents.roles
    for i in range(count - len(roles)):
        title = _ROLE_TITLES[i % len(_ROLE_TITLES)]
        roles.append(
            IncidentRole(
                key=f"role-{i}",
                title=f"{title} {i // len(_ROLE_TITLES)}",
                person=f"Person {i // 3}",
                deputy=f"Deputy {i}" if i % 5 else "",
                executive=i % 97 == 0,
                duties={Phase.CONTAIN: "Leads the response."} if i % 2 else {},
            )
        )
    return charter


def charter_with_items(count: int) -> Charter:
    """A complete charter whose board calendar has ``count`` items of mixed cadences."""
    charter = _base()
    items = charter.board.items
    for i in range(count - len(items)):
        cadence = _CADENCES[i % len(_CADENCES)]
        items.append(
            ReportItem(
                key=f"item-{i}",
                title=f"Report {i}",
                what="A report to the board.",
                owner="Dana Whitfield",
                cadence=cadence,
                date=dt.date(2027, 1 + i % 12, 1 + i % 28) if cadence is Cadence.ANNUAL else None,
                fiscal_quarter=1 + i % 4 if cadence is Cadence.ANNUAL else None,
            )
        )
    return charter


def time_readiness(count: int) -> float:
    """Seconds for one readiness check of a charter with ``count`` incident roles."""
    from wizards.readiness import check

    charter = charter_with_roles(count)
    start = time.perf_counter()
    check(charter)
    return time.perf_counter() - start


def time_calendar_build(count: int) -> float:
    """Seconds to build the board calendar (Word and .ics) of ``count`` items."""
    from wizards.build import build

    charter = charter_with_items(count)
    with tempfile.TemporaryDirectory(prefix="bench-scaling-") as tmp:
        start = time.perf_counter()
        build(charter, Path(tmp), ("docx", "ics"))
        return time.perf_counter() - start


def series(
    name: str, work: Callable[[int], float], sizes: tuple[int, ...], runs: int = 3
) -> list[bool]:
    print(f"\n{name}")
    print(f"entries      time (s)   per entry (ms)   vs {sizes[0]:,} entries")
    times: dict[int, float] = {}
    verdicts = []
    for size in sizes:
        # The best of the runs (one at 100,000): other work on the machine only adds time.
        times[size] = min(work(size) for _ in range(1 if size >= 100_000 else runs))
        ratio = times[size] / times[sizes[0]]
        print(
            f"{size:>7,}  {times[size]:>12.3f}  {1000 * times[size] / size:>15.4f}"
            f"   {ratio:>8.1f}x",
            flush=True,
        )
    for small, large in itertools.pairwise(sizes):
        growth = times[large] / times[small]
        allowed = GROWTH_BUDGET * large / small / 10
        ok = growth <= allowed
        verdicts.append(ok)
        print(
            f"{'PASS' if ok else 'FAIL'}  {large:,} entries <= {allowed:g}x {small:,} entries"
            f" ({growth:.1f}x)"
        )
    return verdicts


def main(argv: list[str] | None = None) -> int:
    """Run the scaling series and print times per entry and ratios.

    Args:
        argv: Command-line arguments; ``--quick`` runs 100 and 1,000 entries, once each, and never
            fails (a smoke run).

    Returns:
        0 when every series stays within the growth budget (always with ``--quick``), else 1.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 entries only")
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else SIZES
    time_readiness(10)  # warm up imports and catalogues
    time_calendar_build(10)
    runs = 1 if args.quick else 3
    verdicts = series("Readiness check, incident roles", time_readiness, sizes, runs)
    verdicts += series(
        "Board calendar build (.docx + .ics), report items", time_calendar_build, sizes, runs
    )
    if args.quick:
        print("(--quick: a smoke run; the budget is measured up to 100,000 and not enforced here)")
        return 0
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
