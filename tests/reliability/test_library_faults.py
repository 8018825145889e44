"""The library is never given up on while it is healthy, and every fault is said in words.

Each family puts a real library (with a saved charter) under one kind of fault: another
program's lock, missing permissions, a full disk, a newer or unknown layout, real damage. For
each it checks what the user is told, that the file is byte-for-byte unchanged unless SQLite
itself calls it damaged, that no healthy file is moved aside, and that the library opens for
changes with the charter intact once the fault is gone.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import closing, suppress
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.wizards.factories import complete_charter
from wizards.library import (
    Library,
    LibraryConflictError,
    LibraryError,
    error_kind,
    read_summaries,
)

CHARTER_ID = "f" * 32


def _fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _charter(name: str = "Healthy Org"):  # type: ignore[no-untyped-def]
    charter = complete_charter()
    charter.meta.id = CHARTER_ID
    charter.organisation.name = name
    return charter


@pytest.fixture
def library_file(tmp_path: Path) -> Path:
    """A healthy library holding one charter, closed (its WAL folded into the file)."""
    path = tmp_path / "home" / "library.db"
    with Library(path) as library:
        library.save(_charter(), 2, event="created")
    return path


@pytest.fixture(autouse=True)
def short_lock_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Library, "lock_wait_s", 0.3)


def _assert_not_given_up(path: Path, before: str) -> None:
    assert _fingerprint(path) == before, "the healthy library was changed"
    assert not list(path.parent.glob("*.corrupt-*")), "a healthy library was moved aside"


def _assert_open_again(path: Path) -> None:
    with Library(path) as library:
        assert library.read_only is None
        assert [s.organisation for s in library.charters()] == ["Healthy Org"]
        draft = library.load(CHARTER_ID)
        assert draft.step == 2
        library.save(draft.charter, 3)


# Locks held by another program -------------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    if sys.argv[2] == "locking-mode-exclusive":
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE session SET value = value")
        conn.execute("COMMIT")
    elif sys.argv[2] == "begin-exclusive-rollback-journal":
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("BEGIN EXCLUSIVE")
    elif sys.argv[2] == "write-transaction-wal":
        conn.execute("BEGIN IMMEDIATE")
    print("HOLDING", flush=True)
    sys.stdin.read()
    """
)


@pytest.fixture
def holder(library_file: Path) -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(10)


def _hold(holder: list[subprocess.Popen[str]], path: Path, how: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), how],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    holder.append(process)
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.strip() == "HOLDING", process.stderr.read() if process.stderr else ""
    return process


def _release(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.close()
    process.wait(10)


@pytest.mark.parametrize("how", ["locking-mode-exclusive", "begin-exclusive-rollback-journal"])
def test_a_locked_library_opens_read_only_naming_the_holder(
    library_file: Path, holder: list[subprocess.Popen[str]], how: str
) -> None:
    process = _hold(holder, library_file, how)
    before = _fingerprint(library_file)
    with Library(library_file) as library:
        reason = library.read_only
        assert reason is not None
        assert "in use by another program" in reason
        if sys.platform.startswith("linux"):
            assert f"process {process.pid}" in reason
        assert "damaged" not in reason
        # What the file held is still shown, and writing says why it cannot.
        assert [s.organisation for s in library.charters()] == ["Healthy Org"]
        with pytest.raises(LibraryError, match="Not saved to the library"):
            library.save(_charter("Changed"))
    _release(process)
    _assert_not_given_up(library_file, before)
    _assert_open_again(library_file)


def test_a_write_lock_in_wal_mode_is_waited_for_and_then_reported(
    library_file: Path, holder: list[subprocess.Popen[str]]
) -> None:
    process = _hold(holder, library_file, "write-transaction-wal")
    with Library(library_file) as library:
        # WAL lets readers and the opening through; the write waits, then says who holds it.
        assert library.read_only is None
        assert library.charters()
        with pytest.raises(LibraryError, match="in use by another program") as raised:
            library.save(_charter("Changed"))
        assert "damaged" not in str(raised.value)
    _release(process)
    _assert_open_again(library_file)


# Permissions -------------------------------------------------------------------------------

OPENER = textwrap.dedent(
    """
    import json, sys
    from wizards.library import Library, LibraryError
    from wizards.model import Charter
    Library.lock_wait_s = 0.3
    with Library(sys.argv[1]) as library:
        try:
            library.save(library.load(sys.argv[2]).charter if sys.argv[2] in library else Charter())
            saved = "saved"
        except LibraryError as error:
            saved = str(error)
        except Exception as error:  # the test fails on any other exception
            saved = f"UNEXPECTED {type(error).__name__}: {error}"
        print(json.dumps({
            "read_only": library.read_only,
            "charters": [s.organisation for s in library.charters()],
            "recovered": str(library.recovered_from) if library.recovered_from else None,
            "saved": saved,
        }))
    """
)


def _open_without_privileges(path: Path) -> dict[str, object]:
    """Open the library in a process that file permissions apply to (root drops its bypass)."""
    command = [sys.executable, "-c", OPENER, str(path), CHARTER_ID]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.fail("running as root needs setpriv (util-linux) to test file permissions")
        command = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", *command]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("what", "file_mode", "folder_mode", "readable"),
    [
        ("unreadable file", 0o000, 0o755, False),
        ("read-only file", 0o444, 0o755, True),
        ("read-only folder", 0o644, 0o555, True),
    ],
)
def test_permissions_give_read_only_use_and_change_nothing(
    library_file: Path, what: str, file_mode: int, folder_mode: int, readable: bool
) -> None:
    before = _fingerprint(library_file)
    folder = library_file.parent
    library_file.chmod(file_mode)
    folder.chmod(folder_mode)
    try:
        state = _open_without_privileges(library_file)
    finally:
        folder.chmod(0o755)
        library_file.chmod(0o644)
    reason = str(state["read_only"])
    assert state["read_only"], what
    assert "damaged" not in reason.lower(), reason
    assert "may not" in reason or "permission" in reason.lower(), reason
    assert state["recovered"] is None
    assert state["charters"] == (["Healthy Org"] if readable else [])
    assert str(state["saved"]).startswith("Not saved to the library"), state["saved"]
    _assert_not_given_up(library_file, before)
    _assert_open_again(library_file)


# A full disk -------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB file system of its own (a tmpfs; needs root, as in CI)."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a small file system of its own needs root (CI runs as root)")
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    try:
        with filler.open("wb", buffering=0) as out:
            while True:
                out.write(b"\0" * 65536)
    except OSError:
        pass
    return filler


def test_a_full_disk_at_start_never_replaces_the_library(small_disk: Path) -> None:
    path = small_disk / "library.db"
    with Library(path) as library:
        library.save(_charter(), 2, event="created")
    before = _fingerprint(path)
    filler = _fill(small_disk)
    with Library(path) as library:
        if library.read_only is not None:
            assert "damaged" not in library.read_only
        assert [s.organisation for s in library.charters()] == ["Healthy Org"]
        big = _charter()
        big.organisation.sector = "x" * 3_000_000
        with pytest.raises(LibraryError) as raised:
            library.save(big)
        assert "disk is full" in str(raised.value) or "Not saved" in str(raised.value)
    _assert_not_given_up(path, before)
    filler.unlink()
    _assert_open_again(path)


def test_a_full_disk_is_named_as_such() -> None:
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13  # type: ignore[attr-defined]
    assert error_kind(full) == "full"
    assert error_kind(OSError(28, "No space left on device")) == "full"


# A newer program's library, or an unknown layout -------------------------------------------


def _newer_version(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("PRAGMA user_version = 99")


def _unknown_migration(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('charter-builder-library', '0099_from_the_future', '2030-01-01')"
        )


def _renamed_column(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("ALTER TABLE charters RENAME COLUMN title TO heading")


def _dropped_table(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("DROP TABLE events")


@pytest.mark.parametrize(
    ("change", "words", "shows_charters"),
    [
        (_newer_version, "newer version", True),
        (_unknown_migration, "newer version", True),
        (_renamed_column, "no column 'title'", False),
        (_dropped_table, "table 'events' is missing", False),
    ],
)
def test_a_library_this_version_does_not_know_opens_read_only(
    library_file: Path, change: object, words: str, shows_charters: bool
) -> None:
    assert callable(change)
    change(library_file)
    before = _fingerprint(library_file)
    with Library(library_file) as library:
        assert library.read_only is not None
        assert words in library.read_only
        assert "damaged" not in library.read_only
        if shows_charters:
            assert [s.organisation for s in library.charters()] == ["Healthy Org"]
            assert library.load(CHARTER_ID).step == 2
        # Every operation either works or raises LibraryError; nothing else escapes.
        for operation in (
            lambda: library.charters("Heal"),
            lambda: library.summary(CHARTER_ID),
            lambda: CHARTER_ID in library,
            lambda: library.load(CHARTER_ID),
            lambda: library.save(_charter("Changed")),
            lambda: library.save_step(CHARTER_ID, 1),
            lambda: library.duplicate(CHARTER_ID),
            lambda: library.delete(CHARTER_ID),
            lambda: library.approved_versions(CHARTER_ID),
            lambda: library.events(),
            lambda: library.open_charter(),
            lambda: library.set_open_charter(CHARTER_ID),
            lambda: library.log("exported", CHARTER_ID),
        ):
            with suppress(LibraryError):
                operation()
    _assert_not_given_up(library_file, before)


# Real damage, and only real damage, moves a library aside ----------------------------------


def _garbage(path: Path) -> None:
    path.write_bytes(b"not a database at all " * 400)


def _torn_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[16:24] = b"\xff" * 8  # page size and file format bytes
    path.write_bytes(bytes(data))


def _scribbled_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for offset in range(page, len(data), 5):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_garbage, _torn_header, _scribbled_pages])
def test_only_a_library_sqlite_calls_damaged_is_moved_aside(
    library_file: Path, damage: object
) -> None:
    assert callable(damage)
    damage(library_file)
    damaged = library_file.read_bytes()
    if damage is not _scribbled_pages:  # the quick listing reads only the first pages
        with pytest.raises(LibraryError):
            read_summaries(library_file)
    with Library(library_file) as library:
        assert library.read_only is None
        assert library.recovered_from is not None
        assert library.recovered_from.read_bytes() == damaged
        library.save(_charter("Fresh start"))
    assert [s.organisation for s in read_summaries(library_file)] == ["Fresh start"]


# Two programs on one library ---------------------------------------------------------------


def test_a_save_over_someone_elses_change_is_refused_until_the_user_chooses(
    library_file: Path,
) -> None:
    with Library(library_file) as mine, Library(library_file) as theirs:
        my_draft = mine.load(CHARTER_ID).charter
        their_draft = theirs.load(CHARTER_ID).charter
        their_draft.organisation.sector = "Their edit"
        theirs.save(their_draft)
        my_draft.organisation.sector = "My edit"
        with pytest.raises(LibraryConflictError) as raised:
            mine.save(my_draft)
        assert raised.value.charter_id == CHARTER_ID
        assert "changed by another program" in str(raised.value)
        # Nothing was written: their edit is what the library holds.
        assert mine.load(CHARTER_ID).charter.organisation.sector == "Their edit"
        # Having re-read it, my next save is mine to make; so is a forced one.
        my_draft.organisation.sector = "My edit"
        mine.save(my_draft)
        their_draft.organisation.sector = "Their second edit"
        with pytest.raises(LibraryConflictError):
            theirs.save(their_draft)
        theirs.save(their_draft, force=True)
        assert mine.load(CHARTER_ID).charter.organisation.sector == "Their second edit"


def test_saving_the_same_content_twice_is_no_conflict(library_file: Path) -> None:
    with Library(library_file) as one, Library(library_file) as two:
        draft = one.load(CHARTER_ID).charter
        two.load(CHARTER_ID)
        draft.organisation.sector = "Same edit"
        one.save(draft)
        two.save(draft)  # identical content: nothing would be lost
