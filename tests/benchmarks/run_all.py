"""Run every benchmark in turn (`make bench`): the Word writer, the drill, the scaling of the
readiness check and the calendar, the workshop and the governance rules, then the desktop."""

from __future__ import annotations

import sys

from tests.benchmarks import bench_docx, bench_drill, bench_gui, bench_scaling, bench_workshop


def main() -> int:
    """Run the benchmarks; non-zero when any budget is missed."""
    status = 0
    for bench in (bench_docx, bench_drill, bench_scaling, bench_workshop, bench_gui):
        print(f"\n=== {bench.__name__.rsplit('.', 1)[-1]} ===", flush=True)
        status |= bench.main([])
    return status


if __name__ == "__main__":
    sys.exit(main())
