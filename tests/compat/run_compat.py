"""Run the binding checks and a GUI smoke test under every Python 3.10–3.13 on this machine.

For each interpreter found (pyenv's versions, then ``python3.X`` on PATH; missing ones are
skipped), a venv under ``.venv-compat/<version>/`` gets the project installed the way a user
gets it: ``pip install 'charter-builder[test]'`` from a wheel of this checkout, resolved fresh,
so the environment markers in pyproject.toml pick the PySide6 release. A venv is reused while
the dependencies in pyproject.toml are unchanged (a stamp file holds a hash of its
[build-system] and [project] tables); ``--fresh`` rebuilds them all.

Then ``pytest`` runs the tests below in each venv, from the checkout, with Qt offscreen, and one
line per interpreter says which Python and PySide6 ran and whether the tests passed. Any
failure makes the exit status 1. Usage::

    python tests/compat/run_compat.py [--fresh] [--jobs N] [--python 3.11 ...]
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMPAT_DIR = ROOT / ".venv-compat"
VERSIONS = ("3.10", "3.11", "3.12", "3.13")
TESTS = ("tests/desktop/test_binding_refcounts.py", "tests/compat/test_gui_smoke.py")
STAMP = ".compat-stamp"
INSTALL_TIMEOUT = 1200
TEST_TIMEOUT = 600
_SNAPSHOT_SKIP = shutil.ignore_patterns(
    ".git",
    ".venv*",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    ".hypothesis",
    "screenshots",
    "out",
)


@dataclass
class Result:
    """What happened under one interpreter."""

    version: str
    python: str = "?"
    pyside: str = "?"
    installed: str = "reused"
    ok: bool = False
    detail: str = ""
    seconds: float = 0.0


def find_interpreters(wanted: tuple[str, ...]) -> dict[str, Path]:
    """The newest interpreter of each wanted minor version: pyenv's first, then PATH's."""
    found: dict[str, Path] = {}
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    for minor in wanted:
        candidates = sorted(
            (p for p in pyenv_root.glob(f"{minor}.*/bin/python") if _release(p.parts[-3])),
            key=lambda p: _release(p.parts[-3]),
        )
        if candidates:
            found[minor] = candidates[-1]
        elif on_path := shutil.which(f"python{minor}"):
            found[minor] = Path(on_path)
    return found


def _release(name: str) -> tuple[int, ...]:
    """``3.11.7`` → (3, 11, 7); () for anything else (``3.11-dev``, ``3.11.7t``)."""
    parts = name.split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else ()


def pyproject_hash() -> str:
    """The stamp: a hash of what decides the install, [build-system] and [project*] tables.

    The tests run from the checkout, so only the dependencies matter; an edit to the [tool.*]
    tables (ruff, pytest, mypy settings) keeps the venvs.
    """
    kept: list[str] = []
    table = ""
    for line in (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines():
        header = line.strip()
        if header.startswith("[") and not header.startswith(('["', "['")):
            table = header.strip("[]").strip()
        if table == "build-system" or table == "project" or table.startswith("project."):
            kept.append(line)
    return hashlib.sha256("\n".join(kept).encode()).hexdigest()


def run(cmd: list[str], log: Path, timeout: float, **kwargs: object) -> bool:
    """Run ``cmd`` with its output appended to ``log``; True when it succeeded."""
    with log.open("a", encoding="utf-8") as out:
        out.write(f"\n$ {' '.join(cmd)}\n")
        out.flush()
        try:
            done = subprocess.run(  # type: ignore[call-overload]
                cmd, stdout=out, stderr=subprocess.STDOUT, timeout=timeout, check=False, **kwargs
            )
        except subprocess.TimeoutExpired:
            out.write(f"\n*** timed out after {timeout:.0f} s\n")
            return False
    return bool(done.returncode == 0)


def build_wheel(work: Path) -> Path:
    """A wheel of this checkout, built from a copy so the working tree is left alone."""
    snapshot = work / "src"
    shutil.copytree(ROOT, snapshot, ignore=_SNAPSHOT_SKIP)
    wheels = work / "wheels"
    log = work / "wheel.log"
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(wheels), str(snapshot)]
    if not run(cmd, log, INSTALL_TIMEOUT):
        sys.exit(f"compat: building the wheel failed:\n{log.read_text(encoding='utf-8')}")
    return next(wheels.glob("*.whl"))


def prepare(minor: str, python: Path, wheel: Path, stamp: str, result: Result) -> bool:
    """Create the venv and install the project in it with a fresh resolution."""
    venv = COMPAT_DIR / minor
    log = venv.parent / f"{minor}.log"
    if venv.exists():
        shutil.rmtree(venv)
    log.write_text("", encoding="utf-8")
    started = time.monotonic()
    bin_python = venv / "bin" / "python"
    ok = run([str(python), "-m", "venv", str(venv)], log, INSTALL_TIMEOUT) and run(
        [str(bin_python), "-m", "pip", "install", "--quiet", "--no-compile", f"{wheel}[test]"],
        log,
        INSTALL_TIMEOUT,
    )
    result.installed = f"installed in {time.monotonic() - started:.0f} s"
    if not ok:
        result.detail = f"install failed, see {log.relative_to(ROOT)}"
        return False
    (venv / STAMP).write_text(stamp, encoding="utf-8")
    return True


def check(minor: str, result: Result) -> None:
    """Run the tests in the venv of ``minor``."""
    venv = COMPAT_DIR / minor
    bin_python = venv / "bin" / "python"
    log = COMPAT_DIR / f"{minor}.log"
    probe = subprocess.run(
        [
            str(bin_python),
            "-c",
            "import platform, importlib.metadata as m; "
            "print(platform.python_version(), m.version('PySide6-Essentials'))",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if probe.returncode == 0:
        result.python, result.pyside = probe.stdout.split()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)
    with tempfile.TemporaryDirectory(prefix=f"compat-{minor}-") as basetemp:
        result.ok = run(
            [str(bin_python), "-m", "pytest", "-q", f"--basetemp={basetemp}/t", *TESTS],
            log,
            TEST_TIMEOUT,
            cwd=ROOT,
            env=env,
        )
    if not result.ok:
        result.detail = f"tests failed, see {log.relative_to(ROOT)}"


def main(argv: list[str] | None = None) -> int:
    """Prepare the venvs, run the tests, print one line per interpreter."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fresh", action="store_true", help="rebuild every venv")
    parser.add_argument("--jobs", type=int, default=2, help="interpreters at a time (2)")
    parser.add_argument("--python", action="append", metavar="X.Y", help="only these versions")
    args = parser.parse_args(argv)
    started = time.monotonic()

    interpreters = find_interpreters(tuple(args.python or VERSIONS))
    if not interpreters:
        print(f"compat: no Python {', '.join(VERSIONS)} found; nothing to run")
        return 0
    COMPAT_DIR.mkdir(exist_ok=True)
    # Keeps the venvs out of git and of ruff even before .gitignore lists them.
    (COMPAT_DIR / ".gitignore").write_text("*\n", encoding="utf-8")
    with _exclusive(COMPAT_DIR / ".lock"):
        return _run_all(interpreters, args.fresh, args.jobs, started)


@contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    """One compat run at a time in this checkout; a second one waits for the first."""
    with path.open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("compat: waiting for the other compat run in this checkout", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _run_all(interpreters: dict[str, Path], fresh: bool, jobs: int, started: float) -> int:
    """Install where the stamp is stale, run the tests everywhere, print the summary."""
    stamp = pyproject_hash()
    results = {minor: Result(minor) for minor in interpreters}
    stale = [
        minor
        for minor in interpreters
        if fresh
        or not (COMPAT_DIR / minor / STAMP).is_file()
        or (COMPAT_DIR / minor / STAMP).read_text(encoding="utf-8") != stamp
    ]
    print(
        f"compat: Python {', '.join(interpreters)}; "
        + (f"installing {', '.join(stale)}" if stale else "reusing every venv")
        + f"; {jobs} at a time",
        flush=True,
    )

    with tempfile.TemporaryDirectory(prefix="compat-wheel-") as work:
        wheel = build_wheel(Path(work)) if stale else None

        def one(minor: str) -> None:
            result = results[minor]
            t0 = time.monotonic()
            if minor not in stale:
                (COMPAT_DIR / f"{minor}.log").write_text("", encoding="utf-8")
                check(minor, result)
            elif wheel is not None and prepare(minor, interpreters[minor], wheel, stamp, result):
                check(minor, result)
            result.seconds = time.monotonic() - t0

        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            list(pool.map(one, interpreters))

    for result in results.values():
        status = "passed" if result.ok else "FAILED"
        print(
            f"compat: Python {result.python:<8} PySide6 {result.pyside:<8} {status:<7}"
            f" ({result.installed}, {result.seconds:.0f} s in all)"
            + (f"  {result.detail}" if result.detail else "")
        )
    failed = [r for r in results.values() if not r.ok]
    for result in failed:
        log = COMPAT_DIR / f"{result.version}.log"
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        lines = [line for line in lines if not line.startswith("WARNING: Location")]
        print(f"\n--- last lines of {log.relative_to(ROOT)} ---")
        print("\n".join(lines[-40:]))
    print(f"compat: {time.monotonic() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
