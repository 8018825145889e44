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

_BUSY_TIMEOUT_MS = 3000


class LibraryError(Exception):
    """The library cannot do what was asked; the message says what and why."""


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
SELECT c.id, o.name AS organisation, c.title, c.version, c.status, c.step, c.created, c.updated
FROM charters AS c JOIN organisations AS o ON o.id = c.organisation_id
{where}
ORDER BY c.updated DESC, c.id
"""


def _summaries(conn: sqlite3.Connection, search: str) -> list[CharterSummary]:
    if search.strip():
        sql = _SUMMARY_SQL.format(where="WHERE o.key LIKE ? ESCAPE '\\'")
        rows = conn.execute(sql, [_like_pattern(search)]).fetchall()
    else:
        rows = conn.execute(_SUMMARY_SQL.format(where="")).fetchall()
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
    except sqlite3.DatabaseError as error:
        raise LibraryError(f"The library {path} cannot be read: {error}") from None


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

    return migrations


def _sha(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Library:
    """The library file, open for reading and writing.

    A file that is not a readable SQLite library is moved aside (kept, never deleted) and a
    fresh library is started; :attr:`recovered_from` then names the file that was moved.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.recovered_from: Path | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryError(
                f"Cannot create the folder {self.path.parent} for the library: "
                f"{error.strerror or error}."
            ) from None
        try:
            self.db = self._connect()
        except sqlite3.DatabaseError:
            self.recovered_from = self._move_aside()
            self.db = self._connect()

    @classmethod
    def open(cls, home: Path | None = None) -> "Library":
        """Open (creating if needed) the library in ``home`` or the user's data folder."""
        return cls(library_path(home))

    def _connect(self) -> "Database":
        from sqlite_utils import Database

        db = None
        try:
            db = Database(self.path, execute_plugins=False)
            db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            result = db.execute("PRAGMA quick_check").fetchone()
            if result is None or result[0] != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {result}")
            db.enable_wal()
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
            _migrations().apply(db)
        except Exception:
            if db is not None:
                db.close()
            raise
        return db

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
        try:
            with self.db.atomic():
                yield self.db
        except sqlite3.DatabaseError as error:
            raise LibraryError(f"The library could not be updated: {error}") from None

    # Reading -----------------------------------------------------------------------------

    def charters(self, search: str = "") -> list[CharterSummary]:
        """Charters in the library, newest change first, optionally filtered by organisation."""
        return _summaries(self.db.conn, search)

    def summary(self, charter_id: str) -> CharterSummary | None:
        """The list row of one charter, or None when it is not in the library."""
        sql = _SUMMARY_SQL.format(where="WHERE c.id = ?")
        row = self.db.execute(sql, [charter_id]).fetchone()
        return CharterSummary(*row) if row else None

    def __contains__(self, charter_id: object) -> bool:
        row = self.db.execute("SELECT 1 FROM charters WHERE id = ?", [charter_id]).fetchone()
        return row is not None

    def load(self, charter_id: str) -> Draft:
        """The latest saved state of a charter and the step the user was on.

        Raises:
            LibraryError: When the charter is not in the library or its draft cannot be read.
        """
        from wizards.answers import AnswersError, loads

        row = self.db.execute(
            "SELECT data, step FROM drafts WHERE charter_id = ?", [charter_id]
        ).fetchone()
        if row is None:
            raise LibraryError(f"The charter {charter_id} is not in the library.")
        try:
            return Draft(loads(row[0], f"library draft {charter_id}"), int(row[1]))
        except AnswersError as error:
            raise LibraryError(str(error)) from None

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

    def _status(self, charter_id: str, sha: str) -> str:
        row = self.db.execute(
            "SELECT sha256 FROM approved_versions WHERE charter_id = ? ORDER BY id DESC LIMIT 1",
            [charter_id],
        ).fetchone()
        if row is None:
            return STATUS_DRAFT
        return STATUS_APPROVED if row[0] == sha else STATUS_CHANGED

    def _log(self, charter_id: str | None, kind: str, detail: str = "") -> None:
        self.db.execute(
            "INSERT INTO events (at, charter_id, kind, detail) VALUES (?, ?, ?, ?)",
            [now(), charter_id, kind, detail],
        )

    def save(
        self, charter: "Charter", step: int | None = None, *, event: str | None = None
    ) -> CharterSummary:
        """Save the current state of a charter (creating its entry if new) and its step.

        Args:
            charter: The charter; ``charter.meta.id`` identifies it in the library.
            step: The wizard step the user is on, restored when the charter is opened again;
                None keeps the step saved before (0 for a new charter).
            event: An event-log kind to record (e.g. ``"created"``); None for an autosave.

        Raises:
            LibraryError: When the library cannot be written (disk full, read-only folder).
        """
        from wizards.answers import dumps

        data = dumps(charter)
        sha = _sha(data)
        stamp = now()
        charter_id = charter.meta.id
        org_name = charter.organisation.name.strip()
        with self._atomic():
            org_id = self._organisation_id(org_name, stamp)
            status = self._status(charter_id, sha)
            values = [org_id, charter.meta.title, charter.meta.version, status, step, stamp]
            updated = self.db.execute(
                "UPDATE charters SET organisation_id = ?, title = ?, version = ?, status = ?, "
                "step = COALESCE(?, step), updated = ? WHERE id = ?",
                [*values, charter_id],
            ).rowcount
            if not updated:
                self.db.execute(
                    "INSERT INTO charters (organisation_id, title, version, status, step, "
                    "updated, id, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [*values[:4], step or 0, stamp, charter_id, stamp],
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
        """Store the charter, with its recorded approvals, as an immutable approved version.

        The sign-offs are the charter's approvals that have a name, a role and a date.

        Raises:
            LibraryError: When no approval is complete, or the library cannot be written.
        """
        from wizards.answers import dumps

        complete = [a for a in charter.approvals if a.name.strip() and a.role.strip() and a.date]
        if not complete:
            raise LibraryError("Record at least one approval with a name, a role and a date.")
        data = dumps(charter)
        sha = _sha(data)
        stamp = now()
        sign_offs = tuple(
            SignOff(a.name.strip(), a.role.strip(), a.date.isoformat(), a.leadership)
            for a in complete
            if a.date is not None
        )
        self.save(charter, step)
        with self._atomic():
            cursor = self.db.execute(
                "INSERT INTO approved_versions (charter_id, version, data, sha256, approved_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [charter.meta.id, charter.meta.version, data, sha, stamp],
            )
            version_id = int(cursor.lastrowid or 0)
            for s in sign_offs:
                self.db.execute(
                    "INSERT INTO sign_offs (version_id, name, role, date, leadership) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [version_id, s.name, s.role, s.date, int(s.leadership)],
                )
            self.db.execute(
                "UPDATE charters SET status = ? WHERE id = ?", [STATUS_APPROVED, charter.meta.id]
            )
            self._log(charter.meta.id, "approved", f"version {charter.meta.version}")
        return ApprovedVersion(
            version_id, charter.meta.id, charter.meta.version, stamp, sha, sign_offs
        )

    def approved_versions(self, charter_id: str) -> list[ApprovedVersion]:
        """The approved versions of a charter, oldest first."""
        versions = []
        for row in self.db.execute(
            "SELECT id, charter_id, version, approved_at, sha256 FROM approved_versions "
            "WHERE charter_id = ? ORDER BY id",
            [charter_id],
        ).fetchall():
            sign_offs = tuple(
                SignOff(name, role, date, bool(leadership))
                for name, role, date, leadership in self.db.execute(
                    "SELECT name, role, date, leadership FROM sign_offs WHERE version_id = ? "
                    "ORDER BY id",
                    [row[0]],
                ).fetchall()
            )
            versions.append(ApprovedVersion(row[0], row[1], row[2], row[3], row[4], sign_offs))
        return versions

    def approved_charter(self, version_id: int) -> "Charter":
        """The charter exactly as it was approved in version ``version_id``."""
        from wizards.answers import loads

        row = self.db.execute(
            "SELECT data FROM approved_versions WHERE id = ?", [version_id]
        ).fetchone()
        if row is None:
            raise LibraryError(f"There is no approved version {version_id}.")
        return loads(row[0], f"approved version {version_id}")

    def log(self, kind: str, charter_id: str | None = None, detail: str = "") -> None:
        """Record an event such as an export or a save to a file."""
        with self._atomic():
            self._log(charter_id, kind, detail)

    def events(self, charter_id: str | None = None) -> list[Event]:
        """The event log, oldest first; only one charter's events when ``charter_id`` is given."""
        sql = "SELECT at, charter_id, kind, detail FROM events"
        params: Sequence[Any] = []
        if charter_id is not None:
            sql += " WHERE charter_id = ?"
            params = [charter_id]
        return [Event(*row) for row in self.db.execute(sql + " ORDER BY id", params).fetchall()]

    # Session -----------------------------------------------------------------------------

    def set_open_charter(self, charter_id: str | None) -> None:
        """Remember which charter is open, so that a restart returns to it."""
        self.db.execute(
            "INSERT INTO session (key, value) VALUES ('open_charter', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [charter_id],
        )

    def open_charter(self) -> str | None:
        """The charter that was open when the program last ran, if it is still in the library."""
        row = self.db.execute(
            "SELECT s.value FROM session AS s JOIN charters AS c ON c.id = s.value "
            "WHERE s.key = 'open_charter'"
        ).fetchone()
        return str(row[0]) if row else None


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
