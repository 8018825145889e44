"""The Linux packages as a user gets them: built, installed, started, removed.

``packaging/build_linux.py`` (what ``make package`` runs) builds the .deb and the tarball; the .deb
is installed with ``dpkg -i`` (root, as in CI), its command prints the version, lists and builds
a bundled example, and its window appears under Xvfb and is found by its title with xdotool.
Everything the installed program does here runs under strace, which must see the X11 socket
(the witness is watching) and no internet socket. Then ``dpkg -r`` must leave nothing behind.
The tarball's install.sh installs under a temporary prefix and uninstalls. The figures (build
time, sizes, start time of the frozen build against the venv) are printed.

Each exclusion in packaging/charter-builder.spec is proven here: a window that opens, a charter
that builds and an example listed by the installed build are what the left-out files could break.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document

from tests.conftest import ROOT
from tests.desktop.test_real_window import _stop, _wait_for
from tests.packaging.conftest import FIGURES

pytestmark = pytest.mark.slow

NAME = "charter-builder"
APP_ID = "io.github.charterbuilder.CharterBuilder"
SIZE_BUDGET_MIB = 150
TOOLS = ("dpkg-deb", "desktop-file-validate", "appstreamcli", "Xvfb", "xdotool", "strace")
INSTALLED = {
    "command": Path("/usr/bin") / NAME,
    "folder": Path("/usr/lib") / NAME,
    "entry": Path("/usr/share/applications") / f"{NAME}.desktop",
    "icon": Path("/usr/share/icons/hicolor/scalable/apps") / f"{APP_ID}.svg",
    "metainfo": Path("/usr/share/metainfo") / f"{APP_ID}.metainfo.xml",
}
EXAMPLE = "eu-lender-credit-scoring.charter.json"


def _require() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    problems = [f"missing {', '.join(missing)}"] if missing else []
    if os.geteuid() != 0:
        problems.append("dpkg -i needs root")
    if not problems:
        return
    message = "; ".join(problems) + " (.ci/run installs what this test needs)"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the package smoke test: {message}")
    pytest.skip(message)


def mib(size: float) -> str:
    return f"{size / 1024 / 1024:.1f} MiB"


def du(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


@pytest.fixture(scope="module")
def figures() -> dict[str, str]:
    """Numbers the tests measure, printed in pytest's summary (tests/packaging/conftest.py)."""
    return FIGURES


@pytest.fixture(scope="module")
def packages(
    tmp_path_factory: pytest.TempPathFactory, figures: dict[str, str]
) -> Iterator[dict[str, Path]]:
    _require()
    tmp = tmp_path_factory.mktemp("package")
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "build_linux.py"),
            "--out",
            str(tmp / "dist"),
            "--work",
            str(tmp / "work"),
            "--require-validators",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    figures["build (make package)"] = f"{time.monotonic() - started:.0f} s"
    (deb,) = (tmp / "dist").glob(f"{NAME}_*.deb")
    (tarball,) = (tmp / "dist").glob(f"{NAME}-*-linux-*.tar.gz")
    figures[".deb"] = mib(deb.stat().st_size)
    figures[".tar.gz"] = mib(tarball.stat().st_size)
    yield {"deb": deb, "tarball": tarball, "tmp": tmp}
    shutil.rmtree(tmp, ignore_errors=True)  # the frozen folder and the packages: 230 MB


def dpkg_installed() -> bool:
    done = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", NAME], capture_output=True, text=True, check=False
    )
    return "install ok installed" in done.stdout


def dpkg(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(["dpkg", *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-2000:])
    return done


class Traced:
    """Runs the installed program under strace, keeping every trace for the network check."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.folder = folder
        self.env = env
        self.traces: list[Path] = []

    def command(self, argv: list[str]) -> list[str]:
        trace = self.folder / f"strace-{len(self.traces)}.txt"
        self.traces.append(trace)
        return [
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=connect,sendto,sendmsg",
            "-e",
            "signal=none",
            "-o",
            str(trace),
            *argv,
        ]

    def run(self, *argv: str, cwd: Path, codes: tuple[int, ...] = (0,)) -> str:
        done = subprocess.run(
            self.command([str(INSTALLED["command"]), *argv]),
            cwd=cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode in codes, (argv, done.returncode, done.stderr[-3000:])
        return done.stdout

    def calls(self) -> str:
        return "".join(t.read_text(errors="replace") for t in self.traces if t.exists())


def start_xvfb(processes: list[subprocess.Popen[bytes]], log: Path) -> str:
    """Xvfb on a free display, without the reset after each client (a start would race it)."""
    number = next(n for n in range(71, 200) if not Path(f"/tmp/.X{n}-lock").exists())
    display = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset"],
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    processes.append(server)

    def answers() -> bool:
        assert server.poll() is None, log.read_text(errors="replace")
        probe = subprocess.run(
            ["xdotool", "getdisplaygeometry"],
            env={**os.environ, "DISPLAY": display},
            capture_output=True,
            check=False,
        )
        return probe.returncode == 0

    _wait_for("Xvfb", answers, timeout=20)
    return display


def windows(env: dict[str, str]) -> list[str]:
    """Visible windows titled Charter Builder (the start screen's title)."""
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "^Charter Builder"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.split()


def window_start(command: list[str], env: dict[str, str], log: Path) -> float:
    """Seconds from starting the program to its visible window with our title; then stopped."""
    assert windows(env) == [], "a window of an earlier start is still there"
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log.open("wb"))
    try:

        def shown() -> bool:
            assert process.poll() is None, log.read_text(errors="replace")[-3000:]
            return bool(windows(env))

        _wait_for("the Charter Builder window", shown, timeout=60)
        elapsed = time.monotonic() - started
        # The program may run under strace, which a signal only detaches: stop the window's
        # own process, found by the window.
        for window in windows(env):
            pid = subprocess.run(
                ["xdotool", "getwindowpid", window], env=env, capture_output=True, text=True
            ).stdout.strip()
            if pid.isdigit():
                os.kill(int(pid), signal.SIGTERM)
        _wait_for("the window to close", lambda: not windows(env), timeout=30)
        return elapsed
    finally:
        _stop(process)


def test_deb_installs_builds_shows_its_window_and_removes_cleanly(
    packages: dict[str, Path], figures: dict[str, str], tmp_path: Path
) -> None:
    if dpkg_installed():  # left by an interrupted run; start from a clean system
        dpkg("-r", NAME)
    contents = dpkg("--contents", str(packages["deb"])).stdout
    shipped = [
        Path(line.split(None, 5)[5].split(" -> ")[0].lstrip(".")) for line in contents.splitlines()
    ]
    assert all(not p.exists() or p.is_dir() for p in shipped if str(p) != "/")
    processes: list[subprocess.Popen[bytes]] = []
    try:
        dpkg("-i", str(packages["deb"]))
        for what, path in INSTALLED.items():
            assert path.exists(), what
        subprocess.run(["desktop-file-validate", str(INSTALLED["entry"])], check=True)
        subprocess.run(
            ["appstreamcli", "validate", "--no-net", str(INSTALLED["metainfo"])],
            check=True,
            capture_output=True,
        )
        size = du(INSTALLED["folder"])
        figures["installed one-folder build"] = f"{mib(size)} (budget {SIZE_BUDGET_MIB} MiB)"
        assert size <= SIZE_BUDGET_MIB * 1024 * 1024, mib(size)

        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_"))}
        env["CHARTER_BUILDER_HOME"] = str(tmp_path / "home")
        env["PATH"] = "/usr/bin:/bin"  # the installed command, not the venv's
        traced = Traced(tmp_path, env)
        work = tmp_path / "work"
        work.mkdir()
        assert traced.run("--version", cwd=work).strip().startswith(f"{NAME} ")
        listing = traced.run("examples", cwd=work)
        assert EXAMPLE in listing and str(INSTALLED["folder"]) in listing
        traced.run("examples", "--copy", "examples", cwd=work)
        for example in sorted((work / "examples").glob("*.charter.json")):
            traced.run("validate", str(example), cwd=work)
            traced.run("check", str(example), "--json", cwd=work, codes=(0, 3))  # 3: blockers
        written = traced.run(
            "build", f"examples/{EXAMPLE}", "--out", "out", "--with-findings", cwd=work
        ).split()
        assert {Path(p).suffix for p in written} == {".docx", ".ics"}
        charter = next(work / p for p in written if p.endswith("charter-v1-0.docx"))
        text = "\n".join(p.text for p in Document(str(charter)).paragraphs)
        assert "Nordwald Kreditbank AG" in text
        # User templates render in a spawned worker process: the frozen program must start
        # itself as that worker, too.
        (work / "brand").mkdir()
        shutil.copy2(ROOT / "templates" / "calendar.html.j2", work / "brand")
        branded = traced.run(
            "build", f"examples/{EXAMPLE}", "--out", "branded", "--templates", "brand", cwd=work
        ).split()
        assert len(branded) == len(written) and all((work / p).is_file() for p in branded)

        env["DISPLAY"] = start_xvfb(processes, tmp_path / "xvfb.log")
        window_start(traced.command([str(INSTALLED["command"])]), env, tmp_path / "gui.log")

        # Start times: a fresh library each start, the frozen build against the dev venv.
        venv_command = Path(sys.executable).with_name(NAME)
        starts: dict[str, list[float]] = {"frozen": [], "venv": []}
        for i in range(6):
            kind, command = [("frozen", INSTALLED["command"]), ("venv", venv_command)][i % 2]
            run_env = {**env, "CHARTER_BUILDER_HOME": str(tmp_path / f"home-{i}")}
            starts[kind].append(window_start([str(command)], run_env, tmp_path / f"{i}.log"))
        for kind, seconds in starts.items():
            figures[f"start to window, {kind}"] = (
                f"{statistics.median(seconds):.2f} s (median of 3)"
            )

        calls = traced.calls()
        assert re.search(r"AF_UNIX.*X11-unix", calls), "strace saw no X11 socket: it is blind"
        internet = [line for line in calls.splitlines() if re.search(r"AF_INET6?\b", line)]
        assert internet == [], internet[:5]
    finally:
        for process in reversed(processes):
            _stop(process)
        if dpkg_installed():
            dpkg("-r", NAME)
    assert not dpkg_installed()
    left = [p for p in shipped if p.exists() and not p.is_dir()]
    assert left == [], left[:10]
    assert not INSTALLED["folder"].exists()


def test_tarball_installs_for_one_user_and_uninstalls(
    packages: dict[str, Path], tmp_path: Path
) -> None:
    with tarfile.open(packages["tarball"]) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    (top,) = (tmp_path / "unpacked").iterdir()
    prefix = tmp_path / "home" / ".local"
    env = {**os.environ, "HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [str(top / "install.sh"), "--prefix", str(prefix)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    command = prefix / "bin" / NAME
    version = subprocess.run(
        [str(command), "--version"], env=env, capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith(f"{NAME} ")
    entry = prefix / "share" / "applications" / f"{NAME}.desktop"
    assert f"Exec={command}\n" in entry.read_text(encoding="utf-8")
    subprocess.run(["desktop-file-validate", str(entry)], check=True)
    assert (
        prefix / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    ).is_file()
    subprocess.run(
        [str(top / "install.sh"), "--prefix", str(prefix), "--uninstall"],
        env=env,
        capture_output=True,
        check=True,
    )
    left = [p for p in prefix.rglob("*") if not p.is_dir() and p.name != "mimeinfo.cache"]
    assert left == []  # the menu's cache, refreshed by update-desktop-database, may stay
