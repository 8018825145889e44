"""The local library: drafts, search, duplicates, approved versions, the event log, recovery."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.wizards.factories import complete_charter
from wizards.library import (
    MIGRATION_SET,
    STATUS_APPROVED,
    STATUS_CHANGED,
    STATUS_DRAFT,
    Library,
    LibraryError,
    library_path,
    read_summaries,
    search_key,
    seed_for_benchmark,
    user_home,
)
from wizards.model import Charter


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "library.db") as opened:
        yield opened


def charter_for(name: str, charter_id: str) -> Charter:
    charter = complete_charter()
    charter.meta.id = charter_id
    charter.organisation.name = name
    return charter


def _sealed(charter: Charter) -> Charter:
    """The charter with an approval of its present content recorded in its history."""
    from wizards.model import ApprovalRecord
    from wizards.versions.fingerprint import fingerprint

    charter.history.append(
        ApprovalRecord(version=charter.meta.version, fingerprint=fingerprint(charter))
    )
    return charter


def test_home_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARTER_BUILDER_HOME", str(tmp_path / "x"))
    assert user_home() == tmp_path / "x"
    assert library_path() == tmp_path / "x" / "library.db"
    monkeypatch.delenv("CHARTER_BUILDER_HOME")
    assert user_home().name == "charter-builder"


def test_schema_comes_from_migrations_with_wal(library: Library) -> None:
    from sqlite_utils import Migrations

    assert {"organisations", "charters", "drafts", "approved_versions", "sign_offs", "events"} <= (
        set(library.db.table_names())
    )
    assert library.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    applied = Migrations(MIGRATION_SET).applied(library.db)
    assert [m.name for m in applied] == ["0001_initial", "0002_next_review"]
    # Opening again applies nothing twice.
    library.close()
    with Library(library.path) as again:
        assert len(Migrations(MIGRATION_SET).applied(again.db)) == 2


def test_save_and_load_a_draft_with_its_step(library: Library) -> None:
    charter = charter_for("Zoë Housing", "a" * 32)
    summary = library.save(charter, 3, event="created")
    assert summary.organisation == "Zoë Housing"
    assert summary.status == STATUS_DRAFT
    draft = library.load("a" * 32)
    assert draft.step == 3
    assert draft.charter == charter
    charter.organisation.sector = "Changed"
    library.save(charter)  # no step: keeps the step saved before
    assert library.load("a" * 32).step == 3
    assert library.load("a" * 32).charter.organisation.sector == "Changed"
    library.save_step("a" * 32, 5)
    assert library.load("a" * 32).step == 5
    with pytest.raises(LibraryError, match="not in the library"):
        library.load("b" * 32)


def test_list_is_newest_first_and_search_ignores_case_and_script(library: Library) -> None:
    for i, name in enumerate(["Acme Ltd", "Zoë Housing", "北海 Trading", "ACME Two"]):
        library.save(charter_for(name, f"{i:032d}"), 0)
    assert [s.organisation for s in library.charters()] == [
        "ACME Two",
        "北海 Trading",
        "Zoë Housing",
        "Acme Ltd",
    ]
    assert [s.organisation for s in library.charters("acme")] == ["ACME Two", "Acme Ltd"]
    assert [s.organisation for s in library.charters("ZOË")] == ["Zoë Housing"]
    assert [s.organisation for s in library.charters("北海")] == ["北海 Trading"]
    assert library.charters("100%") == []
    assert library.charters("_") == []
    # The stdlib reader of the start screen sees the same rows.
    assert read_summaries(library.path, "acme") == library.charters("acme")


def test_organisation_rows_follow_renames(library: Library) -> None:
    charter = charter_for("A", "c" * 32)
    for name in ("Ac", "Acm", "Acme"):
        charter.organisation.name = name
        library.save(charter)
    names = [r[0] for r in library.db.execute("SELECT name FROM organisations").fetchall()]
    assert names == ["Acme"]


def test_duplicate_is_a_new_draft_without_sign_offs(library: Library) -> None:
    charter = charter_for("Acme", "d" * 32)
    library.save(charter, 4)
    library.approve(_sealed(charter))
    copy = library.duplicate("d" * 32)
    assert copy.meta.id != charter.meta.id
    assert copy.meta.title.endswith("(copy)")
    assert copy.approvals == []
    assert library.summary(copy.meta.id).status == STATUS_DRAFT  # type: ignore[union-attr]
    assert library.approved_versions(copy.meta.id) == []


def test_approved_versions_are_immutable_snapshots(library: Library) -> None:
    charter = charter_for("Acme", "e" * 32)
    library.save(charter, 6)
    version = library.approve(_sealed(charter))
    assert [s.name for s in version.sign_offs] == [a.name for a in charter.approvals]
    assert library.summary("e" * 32).status == STATUS_APPROVED  # type: ignore[union-attr]
    charter.organisation.sector = "Edited after approval"
    library.save(charter)
    assert library.summary("e" * 32).status == STATUS_CHANGED  # type: ignore[union-attr]
    snapshot = library.approved_charter(version.id)
    assert snapshot.organisation.sector != "Edited after approval"
    with pytest.raises(sqlite3.DatabaseError, match="immutable"):
        library.db.execute("UPDATE approved_versions SET version = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="immutable"):
        library.db.execute("DELETE FROM approved_versions")
    with pytest.raises(sqlite3.DatabaseError, match="immutable"):
        library.db.execute("UPDATE sign_offs SET name = 'Someone else'")


def test_only_a_recorded_approval_of_this_content_is_stored(library: Library) -> None:
    charter = charter_for("Acme", "f" * 32)
    with pytest.raises(LibraryError, match="Record the approval first"):
        library.approve(charter)
    _sealed(charter)
    charter.organisation.sector = "Changed after the approval was recorded"
    with pytest.raises(LibraryError, match="Record the approval first"):
        library.approve(charter)
    assert library.approved_versions("f" * 32) == []


def test_the_last_approved_charter_is_read_back(library: Library) -> None:
    charter = charter_for("Acme", "9" * 32)
    assert library.last_approved_charter("9" * 32) is None
    library.approve(_sealed(charter))
    charter.organisation.sector = "Later"
    library.save(charter)
    last = library.last_approved_charter("9" * 32)
    assert last is not None and last.organisation.sector != "Later"


def test_delete_removes_everything_of_the_charter(library: Library) -> None:
    charter = charter_for("Acme", "1" * 32)
    keep = charter_for("Keep", "2" * 32)
    library.save(charter)
    library.save(keep)
    library.approve(_sealed(charter))
    library.set_open_charter("1" * 32)
    library.delete("1" * 32)
    assert [s.organisation for s in library.charters()] == ["Keep"]
    assert library.approved_versions("1" * 32) == []
    assert library.db.execute("SELECT count(*) FROM sign_offs").fetchone()[0] == 0
    assert library.open_charter() is None
    assert [e.kind for e in library.events("1" * 32)][-1] == "deleted"


def test_session_remembers_the_open_charter(library: Library) -> None:
    library.save(charter_for("Acme", "3" * 32))
    assert library.open_charter() is None
    library.set_open_charter("3" * 32)
    assert library.open_charter() == "3" * 32
    library.set_open_charter(None)
    assert library.open_charter() is None


def test_event_log(library: Library) -> None:
    library.save(charter_for("Acme", "4" * 32), event="created")
    library.log("exported", "4" * 32, "/tmp/x.docx")
    assert [(e.kind, e.detail) for e in library.events("4" * 32)] == [
        ("created", "Acme"),
        ("exported", "/tmp/x.docx"),
    ]


@pytest.mark.parametrize(
    "content", [b"garbage, not a database " * 100, b"SQLite format 3\x00" + b"\xff" * 4000]
)
def test_corrupt_file_is_moved_aside_and_a_fresh_library_started(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "library.db"
    path.write_bytes(content)
    with pytest.raises(LibraryError):
        read_summaries(path)
    with Library(path) as library:
        assert library.recovered_from is not None
        assert library.recovered_from.read_bytes() == content
        assert library.charters() == []
        library.save(charter_for("Fresh", "5" * 32))
    assert read_summaries(path)[0].organisation == "Fresh"


def test_missing_file_is_an_empty_library(tmp_path: Path) -> None:
    assert read_summaries(tmp_path / "none.db") == []


def test_a_folder_that_cannot_be_made_gives_an_empty_read_only_library(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with Library(blocker / "sub" / "library.db") as library:
        assert library.read_only is not None
        assert "cannot be created" in library.read_only
        assert library.charters() == []
        with pytest.raises(LibraryError, match="Not saved to the library"):
            library.save(charter_for("Acme", "6" * 32))
    assert blocker.read_text(encoding="utf-8") == "x"


def test_search_key_normalises() -> None:
    assert search_key("  ＡＣＭＥ   Ltd ") == "acme ltd"


def test_seed_for_benchmark(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    seed_for_benchmark(path, 50)
    assert len(read_summaries(path)) == 50
    assert len(read_summaries(path, "0049")) == 1


def test_a_library_of_format_1_is_upgraded_with_each_next_review(tmp_path: Path) -> None:
    from contextlib import closing

    from wizards.answers import dumps

    path = tmp_path / "old.db"
    charter = charter_for("Old Org", "7" * 32)
    charter.meta.effective_date = __import__("datetime").date(2027, 1, 1)
    with Library(path) as library:
        library.save(charter)
    # Made as format 1 made it: no column for the review date, user_version 1.
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("ALTER TABLE charters DROP COLUMN next_review")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0002_next_review'")
        conn.execute("PRAGMA user_version = 1")
        conn.execute("UPDATE drafts SET data = ?", [dumps(charter)])
    assert read_summaries(path)[0].next_review == ""  # listed before the upgrade
    with Library(path) as library:
        assert library.read_only is None
        assert library.charters()[0].next_review == "2028-01-01"
