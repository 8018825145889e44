"""Benchmark the drill: replay a recorded drill and write its report, on the largest example.

Run: ``.venv/bin/python tests/benchmarks/bench_drill.py [--quick]``. The baseline, run side by side
in the same process, is the build of the same example (charter and calendar in Word, calendar as
.ics), the other thing a consultant does with one charter. Budgets (README, "Performance"):
replaying a drill and writing its report takes well under a second (at most 0.5 s) and no longer
than that build; the replay grows near-linearly with the incident roles and the decisions (10x
entries take at most 12x the time).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from wizards.answers import load
from wizards.build import build
from wizards.drill.engine import BOARD, Decision, Drill
from wizards.drill.report import write_report
from wizards.drill.scenario import Scenario, fitting
from wizards.model import Charter
from wizards.paths import resource_path

BUDGET_SECONDS = 0.5
BUDGET_RATIO = 1.0  # replay + report / build of the same example
LINEAR_SCALE = 10
LINEAR_BUDGET = 12.0
DRILL_DAY = dt.date(2027, 3, 1)


def largest_example() -> Path:
    """The biggest example answers file."""
    return max(resource_path("examples").glob("*.charter.json"), key=lambda p: p.stat().st_size)


def decisions_for(drill: Drill) -> list[Decision]:
    """A full set of decisions: every level, call, clock and report the facts call for."""
    out: list[Decision] = []
    levels = drill.charter.incidents.severities
    for inject in drill.injects:
        at = inject.at_hours
        if inject.severity is not None and levels:
            level = levels[min(inject.severity, len(levels)) - 1]
            out.append(Decision(at_hours=at, kind="severity", target=level.level))
            out += [Decision(at_hours=at, kind="call", target=k) for k in level.escalate_to]
            out.append(Decision(at_hours=at, kind="tell", target=BOARD, note="Chair briefed"))
        for key in inject.clocks:
            found = drill._charter_clock(key)
            if found is not None:
                out.append(Decision(at_hours=at, kind="start_clock", target=found[1].key))
                out.append(Decision(at_hours=at, kind="file", target=found[1].key))
        out.append(Decision(at_hours=at, kind="action", target="incident-commander", note="Log"))
    return out


def scaled(charter: Charter, times: int) -> Charter:
    """The charter with every incident role ``times`` over, each copy in the severity matrix."""
    copy = charter.model_copy(deep=True)
    base = list(copy.incidents.roles)
    extra = [
        r.model_copy(update={"key": f"{r.key}-{i}", "person": f"{r.person} {i}"})
        for i in range(1, times)
        for r in base
    ]
    copy.incidents.roles = base + extra
    for sev in copy.incidents.severities:
        keys = set(sev.escalate_to)
        sev.escalate_to = sev.escalate_to + [
            r.key for r in extra if r.key.rsplit("-", 1)[0] in keys
        ]
    return copy


def _median(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _replay(charter: Charter, scenario: Scenario) -> Drill:
    drill = Drill(charter, scenario, today=DRILL_DAY)
    drill.replay(decisions_for(drill))
    return drill


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; 0 when the budgets are met (always with ``--quick``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repetition, budgets not enforced")
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else 7
    path = largest_example()
    charter = load(path)
    scenarios = fitting(charter)
    with tempfile.TemporaryDirectory(prefix="bench-drill-") as tmp:
        out = Path(tmp)
        build(charter, out / "build")  # warm up imports, templates and the reference document
        write_report(_replay(charter, scenarios[0]).outcome(), out, DRILL_DAY)
        baseline = _median(lambda: build(charter, out / "build"), repeat)
        per_scenario = {
            s.key: _median(
                lambda s=s: write_report(_replay(charter, s).outcome(), out, DRILL_DAY), repeat
            )
            for s in scenarios
        }
    slowest_key = max(per_scenario, key=lambda k: per_scenario[k])
    slowest = per_scenario[slowest_key]
    big = scaled(charter, LINEAR_SCALE)
    small_replay = _median(lambda: _replay(charter, scenarios[0]).outcome(), repeat * 3)
    big_replay = _median(lambda: _replay(big, scenarios[0]).outcome(), repeat * 3)
    growth = big_replay / small_replay
    decisions = len(decisions_for(Drill(charter, scenarios[0], today=DRILL_DAY)))
    big_decisions = len(decisions_for(Drill(big, scenarios[0], today=DRILL_DAY)))

    print(f"Largest example: {path.name}, {len(scenarios)} scenarios that fit")
    print(
        f"Baseline, build of the same example (charter + calendar .docx + .ics): {baseline:.3f} s"
    )
    print()
    print("scenario                         replay + report (s)   / build")
    for key, seconds in per_scenario.items():
        print(f"{key:<32} {seconds:>19.3f}   {seconds / baseline:>6.2f}")
    print()
    print(
        f"Replay alone, {len(charter.incidents.roles)} roles and {decisions} decisions: "
        f"{1000 * small_replay:.2f} ms; {len(big.incidents.roles)} roles and {big_decisions} "
        f"decisions: {1000 * big_replay:.2f} ms ({growth:.1f}x)"
    )
    checks = [
        (f"replay + report <= {BUDGET_SECONDS} s ({slowest_key})", slowest <= BUDGET_SECONDS,
         f"{slowest:.3f} s"),
        (f"replay + report <= {BUDGET_RATIO:g}x the build", slowest / baseline <= BUDGET_RATIO,
         f"{slowest / baseline:.2f}x"),
        (f"{LINEAR_SCALE}x roles <= {LINEAR_BUDGET:g}x replay time", growth <= LINEAR_BUDGET,
         f"{growth:.1f}x"),
    ]  # fmt: skip
    print()
    for label, ok, value in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {label} ({value})")
    if args.quick:
        print("(--quick: a smoke run; the budgets are not enforced here)")
        return 0
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
