"""The local library: every charter a user works on, autosaved drafts and approved versions.

One SQLite file in the user's data folder (``CHARTER_BUILDER_HOME`` overrides it). Writes go
through sqlite-utils with plugins off and WAL on, and the schema evolves through sqlite-utils
migrations. Listing and searching use the standard library's ``sqlite3`` alone, so a start screen
can show the library before sqlite-utils and the charter model are imported.

Approved versions and their sign-offs are immutable: triggers refuse to change them, and they go
only when the user deletes the whole charter.
"""

import datetime as dt
import os
import sqlite3
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from sqlite_utils import Database

    from wizards.model import Charter

HOME_ENV = "CHARTER_BUILDER_HOME"
"""Environment variable naming the folder for the library and the settings (tests set it)."""

APP_DIR_NAME = "charter-builder"
LIBRARY_FILE = "library.db"
MIGRATION_SET = "charter-builder-library"

STATUS_DRAFT = "draft"
STATUS_APPROVED = "approved"
STATUS_CHANGED = "changed since approval"
STATUS_LAPSED = "under review"

_BUSY_TIMEOUT_MS = 3000

SCHEMA_VERSION = 2
"""The library format this program writes, kept in ``PRAGMA user_version``.

A library with a higher number, or with a migration this program does not know, was written by
a newer version: it is opened read-only so that the newer program's data stays intact.
"""

_TABLES = {
    "organisations": {"id", "name", "key", "created"},
    "charters": {"id", "organisation_id", "title", "version", "status", "step", "created",
                 "updated", "next_review"},
    "drafts": {"charter_id", "data", "sha256", "step", "saved_at"},
    "approved_versions": {"id", "charter_id", "version", "data", "sha256", "approved_at"},
    "sign_offs": {"id", "version_id", "name", "role", "date", "leadership"},
    "events": {"id", "at", "charter_id", "kind", "detail"},
    "session": {"key", "value"},
}  # fmt: skip
"""The tables and columns this program reads and writes."""

_ADDED_BY = {"0002_next_review": {"charters": {"next_review"}}}
"""Columns a migration adds: a library not yet upgraded lacks them, and that is no fault."""


class LibraryError(Exception):
    """The library cannot do what was asked; the message says what and why."""


class LibraryConflictError(LibraryError):
    """A save would overwrite a draft that someone else changed since this program loaded it.

    Attributes:
        charter_id: The charter whose draft changed.
        saved_at: When the other program saved it (ISO 8601 UTC).
    """

    def __init__(self, message: str, charter_id: str, saved_at: str) -> None:
        super().__init__(message)
        self.charter_id = charter_id
        self.saved_at = saved_at


# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_CANTOPEN, _SQLITE_FULL = 10, 11, 14, 13
_SQLITE_AUTH, _SQLITE_NOTADB = 23, 26


def error_kind(error: BaseException) -> str:
    """What kind of fault a SQLite or OS error is.

    Returns:
        One of ``"corrupt"`` (only when SQLite itself says so), ``"locked"``, ``"full"``,
        ``"permission"``, ``"disk"`` (another input/output error) or ``"other"``.
    """
    import errno

    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return "full"
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return "permission"
        return "disk"
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return "corrupt"
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return "locked"
    if primary == _SQLITE_FULL:
        return "full"
    if primary in (_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_CANTOPEN, _SQLITE_AUTH):
        return "permission"
    if primary == _SQLITE_IOERR:
        return "disk"
    text = str(error).lower()
    for words, kind in (
        (("malformed", "not a database", "file is encrypted"), "corrupt"),
        (("locked", "busy"), "locked"),
        (("disk is full", "database or disk is full"), "full"),
        (("readonly", "read-only", "unable to open", "permission", "authoriz"), "permission"),
        (("disk i/o",), "disk"),
    ):
        if any(w in text for w in words):
            return kind
    return "other"


def lock_holders(path: Path) -> list[tuple[int, str]]:
    """Other processes that have the library (or its journal files) open: (pid, program name).

    Reads ``/proc`` where there is one (Linux); elsewhere, or without permission, the list is
    empty and the message names the likely kinds of program instead.
    """
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    try:
        wanted = {str(path.resolve())}
    except OSError:
        return []
    wanted |= {f"{w}{suffix}" for w in list(wanted) for suffix in ("-wal", "-shm", "-journal")}
    holders = []
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            links = {str(fd.readlink()) for fd in (entry / "fd").iterdir()}
        except OSError:
            continue
        if links & wanted:
            try:
                name = (entry / "comm").read_text(encoding="utf-8").strip()
            except OSError:
                name = "?"
            holders.append((int(entry.name), name))
    return sorted(holders)


def _holder_words(path: Path) -> str:
    holders = lock_holders(path)
    if not holders:
        return (
            "another program (another Charter Builder on this library, a database browser, a "
            "backup or a file-sync tool)"
        )
    named = ", ".join(f"{name} (process {pid})" for pid, name in holders[:3])
    return f"another program: {named}"


def fault_words(error: BaseException, path: Path, doing: str) -> str:
    """A user-facing sentence for a library fault: what happened, where, and what to do.

    Args:
        error: The SQLite or OS error.
        path: The library file.
        doing: What was being done, as a verb phrase ("saved", "read").
    """
    kind = error_kind(error)
    detail = getattr(error, "strerror", None) or str(error)
    if kind == "locked":
        return (
            f"The library {path} could not be {doing}: it is in use by {_holder_words(path)}. "
            "Close that program and try again."
        )
    if kind == "full":
        return (
            f"The library {path} could not be {doing}: the disk is full. Free some space and "
            "try again."
        )
    if kind == "permission":
        return (
            f"The library {path} could not be {doing}: this user may not change it or its "
            f"folder ({detail}). Check the permissions of the file and the folder."
        )
    if kind == "corrupt":
        return f"The library {path} could not be {doing}: SQLite reports it damaged ({detail})."
    if kind == "disk":
        return f"The library {path} could not be {doing}: the disk reported an error ({detail})."
    return f"The library {path} could not be {doing}: {detail}."


# Records are NamedTuples with real (not postponed) annotations: the start screen imports this
# module, and this way creating them costs no compiling at import time.


class CharterSummary(NamedTuple):
    """One row of the library list: enough to show and find a charter without loading it."""

    id: str
    organisation: str
    title: str
    version: str
    status: str
    step: int
    created: str
    updated: str
    """Last change as an ISO 8601 UTC timestamp."""
    next_review: str = ""
    """Date of the next full review as YYYY-MM-DD, or "" without an effective date."""


class Draft(NamedTuple):
    """The autosaved state of a charter: its answers and the step the user was on."""

    charter: "Charter"
    step: int


class SignOff(NamedTuple):
    """One person's approval of a version: who, in which role, on which date."""

    name: str
    role: str
    date: str
    leadership: bool = True


class ApprovedVersion(NamedTuple):
    """An immutable snapshot of a charter as approved."""

    id: int
    charter_id: str
    version: str
    approved_at: str
    sha256: str
    sign_offs: tuple[SignOff, ...]

    def charter(self, library: "Library") -> "Charter":
        """The approved charter, read back from the snapshot."""
        return library.approved_charter(self.id)


class Event(NamedTuple):
    """One entry of the event log."""

    at: str
    charter_id: str | None
    kind: str
    detail: str


def user_home() -> Path:
    """The folder for the library and the settings: ``$CHARTER_BUILDER_HOME`` or the OS default."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_DIR_NAME, appauthor=False))


def library_path(home: Path | None = None) -> Path:
    """Path of the library file in ``home`` (default: :func:`user_home`)."""
    return (home or user_home()) / LIBRARY_FILE


def now() -> str:
    """The current time as an ISO 8601 UTC timestamp with microseconds, sortable as text."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def search_key(text: str) -> str:
    """Normalised form used to find an organisation: NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _like_pattern(text: str) -> str:
    escaped = search_key(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_SUMMARY_SQL = """
SELECT c.id, o.name AS organisation, c.title, c.version, c.status, c.step, c.created, c.updated,
    c.next_review
FROM charters AS c JOIN organisations AS o ON o.id = c.organisation_id
{where}
ORDER BY c.updated DESC, c.id
"""


def _summaries(conn: sqlite3.Connection, search: str) -> list[CharterSummary]:
    sql = _SUMMARY_SQL
    columns = {row[1] for row in conn.execute("PRAGMA table_info(charters)").fetchall()}
    if "next_review" not in columns:  # a library of format 1, listed before it is upgraded
        sql = sql.replace(",\n    c.next_review", "")
    if search.strip():
        rows = conn.execute(
            sql.format(where="WHERE o.key LIKE ? ESCAPE '\\'"), [_like_pattern(search)]
        ).fetchall()
    else:
        rows = conn.execute(sql.format(where="")).fetchall()
    return [CharterSummary(*row) for row in rows]


def read_summaries(path: Path, search: str = "") -> list[CharterSummary]:
    """List the charters in the library file at ``path``, newest change first.

    Uses only the standard library, so that a start screen can list the library quickly.

    Args:
        path: The library file; a missing file is an empty library.
        search: Text to find in the organisation's name (case and accents as typed, any script).

    Raises:
        LibraryError: When the file is not a readable library; :class:`Library` recovers from that.
    """
    if not path.is_file():
        return []
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
            conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if not {"charters", "organisations"} <= tables:
                return []
            return _summaries(conn, search)
    except sqlite3.Error as error:
        raise LibraryError(fault_words(error, path, "read")) from None


def _migrations() -> Any:
    from sqlite_utils import Migrations

    migrations = Migrations(MIGRATION_SET)

    @migrations(name="0001_initial")
    def initial(db: "Database") -> None:
        statements = [
            """CREATE TABLE organisations (
                id INTEGER PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL UNIQUE,
                created TEXT NOT NULL)""",
            """CREATE TABLE charters (
                id TEXT PRIMARY KEY,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                title TEXT NOT NULL, version TEXT NOT NULL, status TEXT NOT NULL,
                step INTEGER NOT NULL DEFAULT 0, created TEXT NOT NULL, updated TEXT NOT NULL)""",
            "CREATE INDEX charters_updated ON charters(updated)",
            """CREATE TABLE drafts (
                charter_id TEXT PRIMARY KEY REFERENCES charters(id),
                data TEXT NOT NULL, sha256 TEXT NOT NULL, step INTEGER NOT NULL,
                saved_at TEXT NOT NULL)""",
            """CREATE TABLE approved_versions (
                id INTEGER PRIMARY KEY, charter_id TEXT NOT NULL, version TEXT NOT NULL,
                data TEXT NOT NULL, sha256 TEXT NOT NULL, approved_at TEXT NOT NULL)""",
            "CREATE INDEX approved_versions_charter ON approved_versions(charter_id)",
            """CREATE TABLE sign_offs (
                id INTEGER PRIMARY KEY,
                version_id INTEGER NOT NULL REFERENCES approved_versions(id),
                name TEXT NOT NULL, role TEXT NOT NULL, date TEXT NOT NULL,
                leadership INTEGER NOT NULL)""",
            """CREATE TABLE events (
                id INTEGER PRIMARY KEY, at TEXT NOT NULL, charter_id TEXT,
                kind TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '')""",
            "CREATE TABLE session (key TEXT PRIMARY KEY, value TEXT)",
        ]
        # Snapshots are immutable; they may go only after their charter has been deleted.
        for table in ("approved_versions", "sign_offs"):
            statements.append(
                f"""CREATE TRIGGER {table}_immutable BEFORE UPDATE ON {table}
                BEGIN SELECT RAISE(ABORT, 'approved versions are immutable'); END"""
            )
        statements.append(
            """CREATE TRIGGER approved_versions_kept BEFORE DELETE ON approved_versions
            WHEN EXISTS (SELECT 1 FROM charters WHERE id = OLD.charter_id)
            BEGIN SELECT RAISE(ABORT, 'approved versions are immutable'); END"""
        )
        for sql in statements:
            db.execute(sql)

    @migrations(name="0002_next_review")
    def next_review(db: "Database") -> None:
        """The start screen shows when each charter is next due for review."""
        import json

        from dateutil.relativedelta import relativedelta

        db.execute("ALTER TABLE charters ADD COLUMN next_review TEXT NOT NULL DEFAULT ''")
        for charter_id, data in db.execute("SELECT charter_id, data FROM drafts").fetchall():
            try:
                meta = json.loads(data)["meta"]
                start = dt.date.fromisoformat(meta["effective_date"])
                due = start + relativedelta(months=int(meta.get("review_months", 12)))
            except (ValueError, KeyError, TypeError, OverflowError):
                continue
            db.execute(
                "UPDATE charters SET next_review = ? WHERE id = ?", [due.isoformat(), charter_id]
            )

    return migrations


def _unwritable(path: Path) -> str | None:
    """Why this user may not change the library file or its folder, or None when they may."""
    for target, what in ((path, "the file"), (path.parent, "its folder")):
        if target.exists() and not os.access(target, os.W_OK):
            return (
                f"The library {path} is open read-only: this user may not change {what} "
                "(permission denied). Check the permissions of the file and its folder."
            )
    if path.exists() and not os.access(path, os.R_OK):
        return (
            f"The library {path} cannot be read: this user may not open it (permission "
            "denied). Check the permissions of the file."
        )
    return None


class _IncompatibleError(Exception):
    """The library was written by a newer program or has a layout this one does not know."""


def _refuse_newer(db: "Database", path: Path) -> None:
    """Raise :class:`_IncompatibleError` for a library a newer version of the program wrote."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    from sqlite_utils import Database

    migrations = _migrations()
    # Every migration this program has: all of them are pending on an empty database.
    known = {m.name for m in migrations.pending(Database(memory=True, execute_plugins=False))}
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if version > SCHEMA_VERSION or unknown:
        raise _IncompatibleError(
            f"The library {path} was written by a newer version of Charter Builder (library "
            f"format {max(version, SCHEMA_VERSION + 1)}; this version knows format "
            f"{SCHEMA_VERSION}). It is open read-only, so that nothing the newer version "
            "wrote is changed. Update Charter Builder to work on it."
        )


def _check_layout(db: "Database", path: Path) -> None:
    """Raise :class:`_IncompatibleError` when a table or column this program uses is missing."""
    tables = set(db.table_names())
    if not tables - {"_sqlite_migrations"}:
        return  # a new, empty file: the migrations create everything
    applied = {m.name for m in _migrations().applied(db)}
    for table, columns in _TABLES.items():
        for migration, added in _ADDED_BY.items():
            if migration not in applied:
                columns = columns - added.get(table, set())
        if table not in tables:
            missing = f"the table '{table}' is missing"
        else:
            have = {row[1] for row in db.execute(f"PRAGMA table_info({table})").fetchall()}
            lacking = sorted(columns - have)
            if not lacking:
                continue
            missing = f"the table '{table}' has no column '{lacking[0]}'"
        raise _IncompatibleError(
            f"The library {path} does not have the layout this version of Charter Builder "
            f"expects: {missing}. It is open read-only and nothing in it was changed."
        )


def _sha(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Library:
    """The library file, open for reading and writing, or read-only when it must not be changed.

    A healthy library is never given up on. Only a file that SQLite itself reports damaged
    (not a database, malformed, failing its integrity check) is moved aside (kept, never
    deleted) and a fresh library started; :attr:`recovered_from` then names the kept file.
    A library that is locked by another program, that this user may not write, that sits on a
    full disk, or that a newer version of the program wrote, is opened read-only instead:
    :attr:`read_only` then says why in words, every write raises :class:`LibraryError` with
    that reason, and nothing in the file changes. When not even reading is possible, the
    library is shown empty, still read-only.
    """

    lock_wait_s = 3.0
    """How long to wait for another program's lock before opening read-only."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path).absolute()
        self.recovered_from: Path | None = None
        self.read_only: str | None = None
        self._known: dict[str, str] = {}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self._open_read_only(
                f"The folder {self.path.parent} for the library cannot be created "
                f"({error.strerror or error})."
            )
            return
        unwritable = _unwritable(self.path)
        if unwritable:
            self._open_read_only(unwritable)
            return
        try:
            self.db = self._connect()
        except _IncompatibleError as newer:
            self._open_read_only(str(newer))
        except (sqlite3.Error, OSError) as error:
            if error_kind(error) == "corrupt":
                self.recovered_from = self._move_aside()
                self.db = self._connect()
            else:
                self._open_read_only(fault_words(error, self.path, "opened for changes"))

    @classmethod
    def open(cls, home: Path | None = None) -> "Library":
        """Open (creating if needed) the library in ``home`` or the user's data folder."""
        return cls(library_path(home))

    def _connect(self) -> "Database":
        from sqlite_utils import Database

        db = None
        try:
            db = Database(self.path, execute_plugins=False)
            db.execute(f"PRAGMA busy_timeout = {int(self.lock_wait_s * 1000)}")
            result = db.execute("PRAGMA quick_check").fetchone()
            if result is None or result[0] != "ok":
                error = sqlite3.DatabaseError(f"integrity check failed: {result}")
                error.sqlite_errorcode = _SQLITE_CORRUPT  # type: ignore[attr-defined]
                raise error
            _refuse_newer(db, self.path)
            _check_layout(db, self.path)
            db.enable_wal()
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
            _migrations().apply(db)
            if db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        except BaseException:
            if db is not None:
                db.close()
            raise
        return db

    def _open_read_only(self, reason: str) -> None:
        """Open what can be read without changing anything; ``reason`` says why, in words."""
        from sqlite_utils import Database

        self.read_only = reason
        for query in ("mode=ro", "mode=ro&immutable=1"):
            conn = None
            try:
                conn = sqlite3.connect(f"{self.path.as_uri()}?{query}", uri=True)
                conn.execute("PRAGMA busy_timeout = 200")
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                db = Database(conn, execute_plugins=False)
                _check_layout(db, self.path)
                self.db = db
                return
            except (sqlite3.Error, OSError, _IncompatibleError):
                if conn is not None:
                    conn.close()
        # Nothing can be read: an empty library in memory, so the program still works.
        self.read_only = f"{reason} The library's charters cannot be shown."
        db = Database(memory=True, execute_plugins=False)
        _migrations().apply(db)
        self.db = db

    def _move_aside(self) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}{self.path.suffix}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}-{n}{self.path.suffix}")
        try:
            self.path.replace(target)
            for suffix in ("-wal", "-shm"):
                side = Path(f"{self.path}{suffix}")
                if side.exists():
                    side.replace(Path(f"{target}{suffix}"))
        except OSError as error:
            raise LibraryError(
                f"The library {self.path} is damaged and could not be moved aside: "
                f"{error.strerror or error}."
            ) from None
        return target

    def close(self) -> None:
        """Close the connection (a checkpoint folds the WAL back into the file)."""
        self.db.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _atomic(self) -> Iterator["Database"]:
        if self.read_only:
            raise LibraryError(f"Not saved to the library. {self.read_only}")
        try:
            with self.db.atomic():
                yield self.db
        except sqlite3.Error as error:
            raise LibraryError(fault_words(error, self.path, "saved")) from None

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """The rows of a query; a fault is a :class:`LibraryError` in words."""
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise LibraryError(fault_words(error, self.path, "read")) from None

    # Reading -----------------------------------------------------------------------------

    def charters(self, search: str = "") -> list[CharterSummary]:
        """Charters in the library, newest change first, optionally filtered by organisation."""
        try:
            return _summaries(self.db.conn, search)
        except sqlite3.Error as error:
            raise LibraryError(fault_words(error, self.path, "read")) from None

    def summary(self, charter_id: str) -> CharterSummary | None:
        """The list row of one charter, or None when it is not in the library."""
        rows = self._rows(_SUMMARY_SQL.format(where="WHERE c.id = ?"), [charter_id])
        return CharterSummary(*rows[0]) if rows else None

    def __contains__(self, charter_id: object) -> bool:
        return bool(self._rows("SELECT 1 FROM charters WHERE id = ?", [charter_id]))

    def load(self, charter_id: str) -> Draft:
        """The latest saved state of a charter and the step the user was on.

        Raises:
            LibraryError: When the charter is not in the library or its draft cannot be read.
        """
        from wizards.answers import AnswersError, loads

        rows = self._rows(
            "SELECT data, step, sha256 FROM drafts WHERE charter_id = ?", [charter_id]
        )
        if not rows:
            raise LibraryError(f"The charter {charter_id} is not in the library.")
        data, step, sha = rows[0]
        try:
            draft = Draft(loads(data, f"library draft {charter_id}"), int(step))
        except AnswersError as error:
            raise LibraryError(str(error)) from None
        self._known[charter_id] = str(sha)
        return draft

    def is_saved(self, charter: "Charter") -> bool:
        """Whether the library holds exactly this content for the charter (as loaded or saved)."""
        from wizards.answers import dumps

        return self._known.get(charter.meta.id) == _sha(dumps(charter))

    # Writing -----------------------------------------------------------------------------

    def _organisation_id(self, name: str, stamp: str) -> int:
        key = search_key(name)
        row = self.db.execute("SELECT id FROM organisations WHERE key = ?", [key]).fetchone()
        if row is not None:
            self.db.execute("UPDATE organisations SET name = ? WHERE id = ?", [name, row[0]])
            return int(row[0])
        cursor = self.db.execute(
            "INSERT INTO organisations (name, key, created) VALUES (?, ?, ?)", [name, key, stamp]
        )
        return int(cursor.lastrowid or 0)

    def _log(self, charter_id: str | None, kind: str, detail: str = "") -> None:
        self.db.execute(
            "INSERT INTO events (at, charter_id, kind, detail) VALUES (?, ?, ?, ?)",
            [now(), charter_id, kind, detail],
        )

    def save(
        self,
        charter: "Charter",
        step: int | None = None,
        *,
        event: str | None = None,
        force: bool = False,
    ) -> CharterSummary:
        """Save the current state of a charter (creating its entry if new) and its step.

        Args:
            charter: The charter; ``charter.meta.id`` identifies it in the library.
            step: The wizard step the user is on, restored when the charter is opened again;
                None keeps the step saved before (0 for a new charter).
            event: An event-log kind to record (e.g. ``"created"``); None for an autosave.
            force: Overwrite the stored draft even when someone else changed it since this
                library object loaded or saved it (the user chose to keep their version).

        Raises:
            LibraryConflictError: When the stored draft changed since it was loaded here (another
                program saved it) and ``force`` is not set; nothing is written.
            LibraryError: When the library cannot be written (disk full, read-only folder).
        """
        from wizards.answers import dumps
        from wizards.versions.status import charter_status

        data = dumps(charter)
        sha = _sha(data)
        stamp = now()
        charter_id = charter.meta.id
        org_name = charter.organisation.name.strip()
        with self._atomic():
            stored = self.db.execute(
                "SELECT sha256, saved_at FROM drafts WHERE charter_id = ?", [charter_id]
            ).fetchone()
            known = self._known.get(charter_id)
            if stored and known and stored[0] not in (known, sha) and not force:
                raise LibraryConflictError(
                    f"The charter for {org_name or charter.meta.title} was changed by another "
                    f"program (saved {stored[1][:19].replace('T', ' ')} UTC) since it was "
                    "opened here; saving now would overwrite that change.",
                    charter_id,
                    str(stored[1]),
                )
            org_id = self._organisation_id(org_name, stamp)
            status = charter_status(charter).kind.value
            due = charter.next_review_date()
            review = due.isoformat() if due else ""
            values = [org_id, charter.meta.title, charter.meta.version, status, review, step, stamp]
            updated = self.db.execute(
                "UPDATE charters SET organisation_id = ?, title = ?, version = ?, status = ?, "
                "next_review = ?, step = COALESCE(?, step), updated = ? WHERE id = ?",
                [*values, charter_id],
            ).rowcount
            if not updated:
                self.db.execute(
                    "INSERT INTO charters (organisation_id, title, version, status, next_review, "
                    "step, updated, id, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [*values[:5], step or 0, stamp, charter_id, stamp],
                )
            self.db.execute(
                "INSERT INTO drafts (charter_id, data, sha256, step, saved_at) "
                "VALUES (?, ?, ?, COALESCE(?, 0), ?) ON CONFLICT(charter_id) DO UPDATE SET "
                "data = excluded.data, sha256 = excluded.sha256, "
                "step = COALESCE(?, drafts.step), saved_at = excluded.saved_at",
                [charter_id, data, sha, step, stamp, step],
            )
            self.db.execute(
                "DELETE FROM organisations WHERE id NOT IN (SELECT organisation_id FROM charters)"
            )
            if event:
                self._log(charter_id, event, org_name)
        self._known[charter_id] = sha
        summary = self.summary(charter_id)
        if summary is None:  # pragma: no cover - just written in the same transaction
            raise LibraryError(f"The charter {charter_id} was not saved.")
        return summary

    def save_step(self, charter_id: str, step: int) -> None:
        """Remember the step the user is on without rewriting the answers."""
        with self._atomic():
            self.db.execute("UPDATE charters SET step = ? WHERE id = ?", [step, charter_id])
            self.db.execute("UPDATE drafts SET step = ? WHERE charter_id = ?", [step, charter_id])

    def duplicate(self, charter_id: str) -> "Charter":
        """Copy a charter under a new identity, with ' (copy)' added to its title.

        The copy starts as a draft without approvals: sign-offs belong to the original.
        """
        import uuid

        original = self.load(charter_id).charter
        copy = original.model_copy(deep=True)
        copy.meta.id = uuid.uuid4().hex
        copy.meta.title = f"{original.meta.title} (copy)"
        copy.approvals = []
        copy.history = []
        copy.accepted_risks = []
        copy.resolution = copy.resolution.model_copy(
            update={"meeting_date": None, "reference": "", "quorum_confirmed": False}
        )
        self.save(copy, 0, event="duplicated")
        with self._atomic():
            self._log(copy.meta.id, "duplicated-from", charter_id)
        return copy

    def delete(self, charter_id: str) -> None:
        """Delete a charter, its draft, its approved versions and their sign-offs."""
        with self._atomic():
            self.db.execute("DELETE FROM drafts WHERE charter_id = ?", [charter_id])
            self.db.execute("DELETE FROM charters WHERE id = ?", [charter_id])
            self.db.execute(
                "DELETE FROM sign_offs WHERE version_id IN "
                "(SELECT id FROM approved_versions WHERE charter_id = ?)",
                [charter_id],
            )
            self.db.execute("DELETE FROM approved_versions WHERE charter_id = ?", [charter_id])
            self.db.execute(
                "DELETE FROM organisations WHERE id NOT IN (SELECT organisation_id FROM charters)"
            )
            if self.open_charter() == charter_id:
                self.set_open_charter(None)
            self._log(charter_id, "deleted")

    def approve(self, charter: "Charter", step: int | None = None) -> ApprovedVersion:
        """Store the charter as an immutable approved version, with its signatories.

        The approval itself is recorded first (``wizards.versions.approval.approve`` appends
        the sealed record to the charter's history); this keeps the snapshot the fingerprint
        was taken of, so the version can be read back, compared and redlined later.

        Raises:
            LibraryError: When the charter's last recorded approval is not of this content,
                or the library cannot be written.
        """
        from wizards.answers import dumps
        from wizards.versions.approval import signatories
        from wizards.versions.fingerprint import fingerprint

        sha = fingerprint(charter)
        record = charter.history[-1] if charter.history else None
        if record is None or record.fingerprint != sha:
            raise LibraryError(
                "Record the approval first: this content carries no approval of its own."
            )
        data = dumps(charter)
        stamp = now()
        sign_offs = tuple(
            SignOff(a.name.strip(), a.role.strip(), a.date.isoformat() if a.date else "",
                    a.leadership)
            for a in signatories(charter)
        )  # fmt: skip
        self.save(charter, step)
        with self._atomic():
            cursor = self.db.execute(
                "INSERT INTO approved_versions (charter_id, version, data, sha256, approved_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [charter.meta.id, record.version, data, sha, stamp],
            )
            version_id = int(cursor.lastrowid or 0)
            for s in sign_offs:
                self.db.execute(
                    "INSERT INTO sign_offs (version_id, name, role, date, leadership) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [version_id, s.name, s.role, s.date, int(s.leadership)],
                )
            self._log(charter.meta.id, "approved", f"version {record.version}")
        return ApprovedVersion(version_id, charter.meta.id, record.version, stamp, sha, sign_offs)

    def last_approved_charter(self, charter_id: str) -> "Charter | None":
        """The charter as last approved, or None when it never was."""
        rows = self._rows(
            "SELECT id FROM approved_versions WHERE charter_id = ? ORDER BY id DESC LIMIT 1",
            [charter_id],
        )
        return self.approved_charter(int(rows[0][0])) if rows else None

    def approved_versions(self, charter_id: str) -> list[ApprovedVersion]:
        """The approved versions of a charter, oldest first."""
        versions = []
        for row in self._rows(
            "SELECT id, charter_id, version, approved_at, sha256 FROM approved_versions "
            "WHERE charter_id = ? ORDER BY id",
            [charter_id],
        ):
            sign_offs = tuple(
                SignOff(name, role, date, bool(leadership))
                for name, role, date, leadership in self._rows(
                    "SELECT name, role, date, leadership FROM sign_offs WHERE version_id = ? "
                    "ORDER BY id",
                    [row[0]],
                )
            )
            versions.append(ApprovedVersion(row[0], row[1], row[2], row[3], row[4], sign_offs))
        return versions

    def approved_charter(self, version_id: int) -> "Charter":
        """The charter exactly as it was approved in version ``version_id``."""
        from wizards.answers import AnswersError, loads

        rows = self._rows("SELECT data FROM approved_versions WHERE id = ?", [version_id])
        if not rows:
            raise LibraryError(f"There is no approved version {version_id}.")
        try:
            return loads(rows[0][0], f"approved version {version_id}")
        except AnswersError as error:
            raise LibraryError(str(error)) from None

    def log(self, kind: str, charter_id: str | None = None, detail: str = "") -> None:
        """Record an event such as an export or a save to a file (not in a read-only library)."""
        if self.read_only:
            return
        with self._atomic():
            self._log(charter_id, kind, detail)

    def events(self, charter_id: str | None = None) -> list[Event]:
        """The event log, oldest first; only one charter's events when ``charter_id`` is given."""
        sql = "SELECT at, charter_id, kind, detail FROM events"
        params: Sequence[Any] = []
        if charter_id is not None:
            sql += " WHERE charter_id = ?"
            params = [charter_id]
        return [Event(*row) for row in self._rows(sql + " ORDER BY id", params)]

    # Session -----------------------------------------------------------------------------

    def set_open_charter(self, charter_id: str | None) -> None:
        """Remember which charter is open, so that a restart returns to it.

        A read-only library remembers nothing: its file must not change.
        """
        if self.read_only:
            return
        with self._atomic():
            self.db.execute(
                "INSERT INTO session (key, value) VALUES ('open_charter', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [charter_id],
            )

    def open_charter(self) -> str | None:
        """The charter that was open when the program last ran, if it is still in the library."""
        rows = self._rows(
            "SELECT s.value FROM session AS s JOIN charters AS c ON c.id = s.value "
            "WHERE s.key = 'open_charter'"
        )
        return str(rows[0][0]) if rows else None


def seed_for_benchmark(path: Path, count: int) -> None:
    """Fill a library with ``count`` small charters quickly (benchmarks and tests only)."""
    from wizards.answers import dumps
    from wizards.model import Charter

    with Library(path) as library, library._atomic():
        stamp = now()
        for i in range(count):
            charter = Charter()
            charter.organisation.name = f"Organisation {i:04d} group {i % 7}"
            data = dumps(charter)
            org_id = library._organisation_id(charter.organisation.name, stamp)
            library.db.execute(
                "INSERT INTO charters (id, organisation_id, title, version, status, step, "
                "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [charter.meta.id, org_id, charter.meta.title, "1.0", STATUS_DRAFT, 0, stamp, stamp],
            )
            library.db.execute(
                "INSERT INTO drafts (charter_id, data, sha256, step, saved_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [charter.meta.id, data, _sha(data), 0, stamp],
            )
