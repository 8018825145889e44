"""The installed program in a real X window, driven by real key presses.

An Xvfb server on a free display, openbox as the window manager, then ``charter-builder`` as
installed in this venv, on Qt's xcb platform. ``xdotool`` types a new charter the way a person
does (Ctrl+N, the organisation's name, Tab, the sector, Ctrl+S, Ctrl+Q) and the test reads the
library back from disk. Nothing is reached into: the program sees only key presses.

Skipped when Xvfb, openbox, xdotool, xprop or ImageMagick's ``import`` are missing, except in CI
(the ``CI`` environment variable set), where a missing tool is a failure.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from wizards.library import Library, library_path

pytestmark = pytest.mark.slow

XVFB = ("Xvfb", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
TOOLS = ("Xvfb", "openbox", "xdotool", "xprop", "import")
ORGANISATION = "Gemeente Veldhoven-Zuid"
SECTOR = "Local government"


def _require_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    message = f"missing {', '.join(missing)} (Debian: xvfb openbox xdotool x11-utils imagemagick)"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the real-window test: {message}")
    pytest.skip(message)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _wait_for(what: str, condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)


def _start_xvfb(processes: list[subprocess.Popen[bytes]], log: Path) -> str:
    """Start Xvfb on a display it picks itself (-displayfd), once it accepts clients."""
    read_end, write_end = os.pipe()
    try:
        server = subprocess.Popen(
            [*XVFB, "-displayfd", str(write_end)],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=log.open("wb"),
        )
        processes.append(server)
        os.close(write_end)
        write_end = -1
        # Xvfb writes the number, then a newline, once it accepts clients; reading up to the
        # newline also keeps the pipe open until both writes are done (else Xvfb aborts).
        received = b""
        deadline = time.monotonic() + 20
        while not received.endswith(b"\n") and time.monotonic() < deadline:
            ready, _, _ = select.select([read_end], [], [], 0.5)
            if ready:
                chunk = os.read(read_end, 64)
                if not chunk:
                    break  # Xvfb exited
                received += chunk
        number = received.decode().strip()
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)
    assert number.isdigit(), f"Xvfb did not start: {log.read_text(errors='replace')}"
    return f":{number}"


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[bytes]]]:
    """Processes the test starts; stopped in reverse order whatever happens."""
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in reversed(started):
        _stop(process)


def test_real_window_saves_what_xdotool_types(
    tmp_path: Path, processes: list[subprocess.Popen[bytes]]
) -> None:
    _require_tools()
    program = Path(sys.executable).parent / "charter-builder"
    assert program.is_file(), f"{program} is not installed (pip install -e .)"
    home = tmp_path / "home"
    dropped = ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "LANGUAGE", "LC_ALL", "LC_MESSAGES")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env["LANG"] = "C.UTF-8"  # English window titles, whatever the machine's language
    env["DISPLAY"] = display = _start_xvfb(processes, tmp_path / "xvfb.log")
    env["CHARTER_BUILDER_HOME"] = str(home)
    env["QT_QPA_PLATFORM"] = "xcb"
    env["XDG_RUNTIME_DIR"] = str(tmp_path / "runtime")
    (tmp_path / "runtime").mkdir(mode=0o700)

    def x(*args: str, timeout: float = 20) -> str:
        done = subprocess.run(
            args, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
        assert done.returncode == 0, f"{' '.join(args)} failed: {done.stderr}"
        return done.stdout.strip()

    screenshot = tmp_path / "screen.png"
    try:
        wm_log = tmp_path / "openbox.log"

        def start_openbox() -> subprocess.Popen[bytes]:
            wm = subprocess.Popen(
                ["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=wm_log.open("ab")
            )
            processes.append(wm)
            return wm

        def openbox_ready(wm: subprocess.Popen[bytes]) -> bool:
            if wm.poll() is not None:
                raise RuntimeError(wm_log.read_text(errors="replace"))
            return "window id" in x("xprop", "-root", "_NET_SUPPORTING_WM_CHECK")

        # On a loaded machine (CI runs LibreOffice beside this) openbox can take long to come
        # up, or stop at once; it gets a second start before the test gives up.
        try:
            wm = start_openbox()
            _wait_for("openbox", lambda: openbox_ready(wm), timeout=45)
        except (RuntimeError, AssertionError):
            _stop(wm)
            wm = start_openbox()
            _wait_for("openbox (second start)", lambda: openbox_ready(wm), timeout=45)
        app_log = tmp_path / "charter-builder.log"
        app = subprocess.Popen(
            [str(program)], env=env, stdout=app_log.open("wb"), stderr=subprocess.STDOUT
        )
        processes.append(app)
        window = x(
            "xdotool", "search", "--sync", "--onlyvisible", "--name", "Charter Builder", timeout=60
        ).split()[0]
        x("xdotool", "windowactivate", "--sync", window)
        _wait_for("the window to be active", lambda: x("xdotool", "getactivewindow") == window, 20)
        time.sleep(0.5)  # the first paint, then the library list, settle before typing

        def title() -> str:
            return x("xdotool", "getwindowname", window)

        x("xdotool", "key", "ctrl+n")
        _wait_for("a new charter", lambda: title().startswith("New charter"), 20)
        x("xdotool", "type", "--delay", "30", ORGANISATION, timeout=60)
        _wait_for("the name in the title", lambda: title().startswith(ORGANISATION), 20)
        x("xdotool", "key", "Tab")
        x("xdotool", "type", "--delay", "30", SECTOR, timeout=60)
        time.sleep(0.3)
        x("import", "-window", "root", str(screenshot), timeout=30)
        x("xdotool", "key", "ctrl+s")
        time.sleep(0.3)
        x("xdotool", "key", "ctrl+q")
        code = app.wait(timeout=30)
        assert code == 0, f"charter-builder exited with {code}: {app_log.read_text()}"
    except BaseException:
        if processes[0].poll() is None and not screenshot.exists():
            subprocess.run(
                ["import", "-window", "root", str(screenshot)], env=env, timeout=30, check=False
            )
        print(f"display {display}; screenshot {screenshot}; logs in {tmp_path}")
        raise

    with Library(library_path(home)) as library:
        charters = library.charters()
        assert len(charters) == 1, charters
        charter = library.load(charters[0].id).charter
    assert charter.organisation.name == ORGANISATION
    assert charter.organisation.sector == SECTOR
