"""Files the caller adds to a build (the desktop's PDF) share its progress and its messages."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from tests.wizards.factories import complete_charter
from wizards.answers import write_atomic
from wizards.build import BuildError, build, output_names, pdf_name


def test_an_extra_file_is_written_last_with_progress(tmp_path: Path) -> None:
    charter = complete_charter()
    name = pdf_name(charter)
    assert name == output_names(charter)["charter"].removesuffix(".docx") + ".pdf"
    seen: list[tuple[int, int, str]] = []

    def extra(path: Path) -> list[str]:
        write_atomic(path, b"%PDF-1.4 test")
        return ["a warning"]

    result = build(
        charter,
        tmp_path,
        ["ics"],
        extra=[(name, extra)],
        progress=lambda done, total, what: seen.append((done, total, what)),
    )
    assert result.files == [tmp_path / output_names(charter)["calendar_ics"], tmp_path / name]
    assert (tmp_path / name).read_bytes().startswith(b"%PDF")
    assert result.warnings == ["a warning"]
    assert seen == [(0, 2, output_names(charter)["calendar_ics"]), (1, 2, name), (2, 2, "done")]


def test_an_extra_file_held_open_is_reported_like_the_others(tmp_path: Path) -> None:
    def refuse(path: Path) -> list[str]:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    with pytest.raises(BuildError, match="close it and try again"):
        build(complete_charter(), tmp_path, [], extra=[("charter.pdf", refuse)])
