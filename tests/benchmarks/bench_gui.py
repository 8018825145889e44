"""GUI benchmarks: start-up, a library of 1,000 charters, preview refresh, memory, list and search.

Run from the repository root: ``QT_QPA_PLATFORM=offscreen .venv/bin/python
tests/benchmarks/bench_gui.py [--runs 5]``. Not a pytest test: it prints figures and PASS or FAIL
per budget (README, "Performance"). Start-up cases run in fresh processes, alternating with the
baseline (``bare_qwizard.py``, a bare PySide6 QWizard with five pages) so that both see the same
machine; each figure is the median of the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BARE = Path(__file__).with_name("bare_qwizard.py")
LIBRARY_SIZE = 1000

BUDGETS = {
    "first_screen_ratio": 1.5,
    "listed_1000_ratio": 2.0,
    "memory_ratio": 1.6,
    "preview_ms": 50.0,
    "library_ms": 150.0,
}


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env["CHARTER_BUILDER_HOME"] = str(home)
    env["CHARTER_BUILDER_BENCH_EXIT"] = "1"
    env.pop("QT_SCALE_FACTOR", None)
    # An installed program runs from cached bytecode; let the warm-up run write it for both.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _start(command: list[str], home: Path) -> tuple[float, float, str]:
    """Seconds from spawning to the 'PAINTED' line, max RSS in MiB, and that line."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    line = ""
    for line in process.stdout:
        if line.startswith("PAINTED"):
            break
    elapsed = time.perf_counter() - started
    process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if not line.startswith("PAINTED"):
        raise RuntimeError(f"{command} never painted (exit {process.returncode})")
    return elapsed, usage.ru_maxrss / 1024, line.strip()


def _in_process(case: str, *args: str) -> dict[str, Any]:
    """Run one in-process case in a fresh interpreter and return its JSON result."""
    out = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.bench_gui", "--case", case, *args],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


# In-process cases ------------------------------------------------------------------------


def _case_seed(home: str) -> dict[str, Any]:
    from wizards.library import library_path, seed_for_benchmark

    seed_for_benchmark(library_path(Path(home)), LIBRARY_SIZE)
    return {"seeded": LIBRARY_SIZE}


def _case_library(home: str, runs: int) -> dict[str, Any]:
    from wizards.library import library_path, read_summaries

    path = library_path(Path(home))
    timings = []
    for i in range(runs):
        started = time.perf_counter()
        listed = read_summaries(path)
        found = read_summaries(path, f"{i:04d}")
        timings.append((time.perf_counter() - started) * 1000)
        assert len(listed) == LIBRARY_SIZE and len(found) == 1, (len(listed), len(found))
    return {"library_ms": statistics.median(timings)}


def _case_preview(runs: int) -> dict[str, Any]:
    import tempfile as tf

    os.environ["CHARTER_BUILDER_HOME"] = tf.mkdtemp(prefix="bench-home-")
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QLineEdit

    from desktop.app import create_application
    from desktop.main_window import MainWindow, example_files
    from desktop.prompter import Prompter
    from wizards.steps import CONTENT_STEPS

    app = create_application([sys.argv[0]])
    window = MainWindow(prompter=Prompter())
    window.resize(1280, 800)
    window.show()
    largest = max((Path(p) for _label, p in example_files()), key=lambda p: p.stat().st_size)
    window.open_example(largest)
    assert window.wizard is not None
    refresh: list[float] = []
    keystroke: list[float] = []
    for step in CONTENT_STEPS:
        window.wizard.go_to_step(step)
        page = window.wizard.current_page()
        editor = next(
            w
            for form in page.forms + [lst.form for lst in page.lists.values()]
            for w in (row.editor for row in form.rows.values())
            if isinstance(w, QLineEdit) and w.isVisibleTo(page)
        )
        editor.setFocus()
        for _ in range(runs):
            started = time.perf_counter()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, "x")
                QApplication.sendEvent(editor, event)
            typed = time.perf_counter()
            page.refresh_preview()  # what the debounce timer runs once typing pauses
            QCoreApplication.processEvents()
            done = time.perf_counter()
            keystroke.append((typed - started) * 1000)
            refresh.append((done - typed) * 1000)
    window.close()
    del app
    return {
        "preview_ms": statistics.median(refresh),
        "preview_p90_ms": statistics.quantiles(refresh, n=10)[-1],
        "keystroke_ms": statistics.median(keystroke),
        "example": largest.name,
    }


# Report ----------------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main(argv: list[str] | None = None) -> int:
    """Run every case and print the figures with PASS/FAIL per budget."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.case:
        cases = {
            "seed": lambda: _case_seed(args.args[0]),
            "library": lambda: _case_library(args.args[0], 20),
            "preview": lambda: _case_preview(10),
        }
        print(json.dumps(cases[args.case]()))
        return 0

    app = [sys.executable, "-m", "desktop"]
    bare = [sys.executable, str(BARE)]
    with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as seeded:
        _in_process("seed", seeded)
        # Warm the file cache so the first run is not an outlier for either side.
        _start(bare, Path(empty))
        _start(app, Path(tempfile.mkdtemp(dir=empty)))
        results: dict[str, list[tuple[float, float]]] = {"bare": [], "app": [], "app1000": []}
        for _ in range(args.runs):
            results["bare"].append(_start(bare, Path(empty))[:2])
            results["app"].append(_start(app, Path(tempfile.mkdtemp(dir=empty)))[:2])
            elapsed, rss, line = _start(app, Path(seeded))
            assert f"rows={LIBRARY_SIZE}" in line, line
            results["app1000"].append((elapsed, rss))
        library = _in_process("library", seeded)
    preview = _in_process("preview")

    def median(key: str, index: int) -> float:
        return statistics.median(r[index] for r in results[key])

    bare_s, app_s, listed_s = median("bare", 0), median("app", 0), median("app1000", 0)
    bare_mib, app_mib = median("bare", 1), median("app", 1)
    rows = [
        (
            "Start to first screen painted",
            f"{app_s:.3f} s vs bare {bare_s:.3f} s",
            app_s / bare_s,
            BUDGETS["first_screen_ratio"],
            "×",
        ),
        (
            f"Start to {LIBRARY_SIZE:,} charters listed",
            f"{listed_s:.3f} s vs bare {bare_s:.3f} s",
            listed_s / bare_s,
            BUDGETS["listed_1000_ratio"],
            "×",
        ),
        (
            "Memory after start (max RSS)",
            f"{app_mib:.1f} MiB vs bare {bare_mib:.1f} MiB",
            app_mib / bare_mib,
            BUDGETS["memory_ratio"],
            "×",
        ),
        (
            f"Preview refresh after a keystroke ({preview['example']})",
            f"median {preview['preview_ms']:.1f} ms, p90 {preview['preview_p90_ms']:.1f} ms; "
            f"keystroke itself {preview['keystroke_ms']:.1f} ms",
            preview["preview_ms"],
            BUDGETS["preview_ms"],
            " ms",
        ),
        (
            f"Library list + search, {LIBRARY_SIZE:,} charters",
            f"{library['library_ms']:.1f} ms",
            library["library_ms"],
            BUDGETS["library_ms"],
            " ms",
        ),
    ]
    print(
        f"GUI benchmarks, median of {args.runs} runs ({sys.platform}, Python "
        f"{sys.version.split()[0]})"
    )
    failed = 0
    for name, detail, value, budget, unit in rows:
        ok = value <= budget
        failed += not ok
        shown = f"{value:.2f}{unit}" if unit == "×" else f"{value:.1f}{unit}"
        print(f"  {_verdict(ok)}  {name}: {shown} (budget ≤ {budget:g}{unit}) — {detail}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
