"""The real program under faults: two starts on one library, a full disk, kills mid-typing."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from desktop.testing_harness import ORGANISATION
from tests.desktop.test_resume import _harness
from tests.reliability.test_library_faults import _fill, small_disk  # noqa: F401 - a fixture
from wizards.library import library_path

SOAK_KILLS = int(os.environ.get("SOAK_KILLS", "30"))


def _drafts(path: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT charter_id, data FROM drafts ORDER BY charter_id").fetchall()


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen[str]]]:
    processes: list[subprocess.Popen[str]] = []
    yield processes
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.wait(10)


def _wait_for_line(process: subprocess.Popen[str], wanted: str, timeout: float = 30) -> None:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        if line.strip() == wanted:
            return
    pytest.fail(f"no {wanted!r} line; stderr: {process.stderr.read() if process.stderr else ''}")


@pytest.mark.slow
def test_a_second_start_brings_the_first_forward_and_leaves(
    tmp_path: Path, started: list[subprocess.Popen[str]]
) -> None:
    home = tmp_path / "home"
    first = _harness("app", home)
    started.append(first)
    _wait_for_line(first, "SHOWN")
    second = _harness("app", home)
    started.append(second)
    out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    assert "INFO Charter Builder is already open" in err
    assert f"process {first.pid}" in err
    assert "SHOWN" not in out, "the second start opened a window on the same library"
    _wait_for_line(first, "WOKEN")
    assert first.poll() is None, "the first window closed"
    # Once the first has gone, a new start gets the library.
    first.terminate()
    first.wait(20)
    third = _harness("app", home)
    started.append(third)
    _wait_for_line(third, "SHOWN")


@pytest.mark.slow
def test_a_full_disk_at_start_shows_the_library_read_only_without_a_traceback(
    small_disk: Path,  # noqa: F811 - the fixture imported above
    started: list[subprocess.Popen[str]],
) -> None:
    home = small_disk / "home"
    typing = _harness("type", home)
    started.append(typing)
    _wait_for_line(typing, "READY step=1")
    typing.terminate()
    typing.wait(20)
    before = _drafts(library_path(home))
    _fill(small_disk)
    report = _harness("report", home)
    out, err = report.communicate(timeout=60)
    assert "Traceback" not in err, err
    assert report.returncode == 0, err
    assert "damaged" not in err
    state = json.loads(next(line for line in out.splitlines() if line.startswith("REPORT "))[7:])
    # The charter that was open is shown again, whether the library could be written or not.
    assert state["organisation"] == ORGANISATION
    (small_disk / "filler").unlink()
    assert _drafts(library_path(home)) == before
    assert not list(home.glob("*.corrupt-*"))


@pytest.mark.soak
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("trial", range(SOAK_KILLS))
def test_killed_mid_typing_leaves_an_intact_library(
    tmp_path: Path, started: list[subprocess.Popen[str]], trial: int
) -> None:
    home = tmp_path / "home"
    typing = _harness("type", home)
    started.append(typing)
    _wait_for_line(typing, "READY step=1")
    assert typing.stdout is not None
    chars = 0
    deadline = time.monotonic() + 30
    wanted = 5 + trial % 20
    while chars < wanted and time.monotonic() < deadline:
        if typing.stdout.readline().startswith("CHAR"):
            chars += 1
    typing.send_signal(signal.SIGKILL)
    typing.wait(10)
    with closing(sqlite3.connect(library_path(home))) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT count(*) FROM charters").fetchone()[0]
    assert rows == 1
    assert not list(home.glob("*.corrupt-*"))
