"""The portable answers file ``*.charter.json``: schema, validated loading, atomic saving."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from wizards.model import FORMAT_VERSION, Charter

SUFFIX = ".charter.json"
SCHEMA_ID = "https://charter-builder.invalid/schema/charter-v1.json"
"""Identifier of the schema; a name, never fetched (the program is offline)."""

MAX_FILE_BYTES = 32 * 1024 * 1024
"""Largest answers file read (32 MB); a real charter is well under 1 MB."""

MAX_DEPTH = 32
"""Deepest nesting of objects and lists read; the charter's own structure is six levels deep."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an answers file, located by its JSON path.

    ``kind`` and ``params`` are pydantic's error type and context (with the offending
    ``input``) for problems found by the model, so that a reader can say them in plain words
    (see :mod:`wizards.field_names`); empty for problems found before the model.
    """

    path: str
    message: str
    kind: str = ""
    params: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class AnswersError(Exception):
    """An answers file that cannot be read; names the file and every problem in it."""

    def __init__(self, file: Path | str, problems: Sequence[Problem]) -> None:
        self.file = Path(file)
        self.problems = list(problems)
        lines = [f"{self.file}: {len(self.problems)} problem(s)"]
        lines += [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))


def json_path(location: Sequence[int | str]) -> str:
    """Turn a location like ``('executive', 'person')`` into ``$.executive.person``."""
    out = "$"
    for part in location:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _problems(error: ValidationError) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc = [p for p in item["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        params = {**item.get("ctx", {}), "input": item.get("input")}
        problems.append(Problem(json_path(loc), item["msg"], item["type"], params))
    return problems


def from_data(data: Any, source: Path | str = "<answers>") -> Charter:
    """Build a charter from decoded JSON, reporting every problem with its JSON path.

    Raises:
        AnswersError: When the data is not a charter of a format this program reads.
    """
    if not isinstance(data, dict):
        raise AnswersError(source, [Problem("$", "the file must hold a JSON object")])
    too_deep = _too_deep(data)
    if too_deep is not None:
        raise AnswersError(source, [Problem(too_deep, _DEPTH_MESSAGE)])
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        expected = f"missing or not a whole number; expected {FORMAT_VERSION}"
        raise AnswersError(source, [Problem("$.format_version", expected)])
    if version > FORMAT_VERSION:
        message = (
            f"written by a newer Charter Builder (format {version}); this version reads "
            f"format {FORMAT_VERSION} and older. Update Charter Builder to open it."
        )
        raise AnswersError(source, [Problem("$.format_version", message)])
    if version < 1:
        raise AnswersError(source, [Problem("$.format_version", f"unknown format {version}")])
    data = {k: v for k, v in data.items() if k != "$schema"}
    for older in range(version, FORMAT_VERSION):
        data = MIGRATIONS[older](data)
    try:
        return Charter.model_validate(data)
    except ValidationError as error:
        raise AnswersError(source, _problems(error)) from None


def _from_1(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 to 2: format 2 adds the workshops, and every format-1 file has none."""
    return {**data, "format_version": 2}


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _from_1}
"""For each older format, the step that brings its decoded JSON to the next format."""


_DEPTH_MESSAGE = (
    f"nested more than {MAX_DEPTH} levels deep; an answers file is never nested that deeply"
)


def _too_deep(data: Any) -> str | None:
    """The JSON path of a place nested deeper than MAX_DEPTH, or None.

    Walks with a stack of its own, so that no nesting, however deep, reaches Python's recursion
    limit here or later in the model.
    """
    stack: list[tuple[Any, tuple[int | str, ...]]] = [(data, ())]
    while stack:
        value, location = stack.pop()
        if isinstance(value, dict):
            children: Iterable[tuple[int | str, Any]] = value.items()
        elif isinstance(value, list):
            children = enumerate(value)
        else:
            continue
        if len(location) >= MAX_DEPTH:
            return json_path(location)
        stack.extend((child, (*location, key)) for key, child in children)
    return None


def _size_problem(size: int, unit: str = "bytes") -> Problem:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return Problem(
        "$",
        f"is too large ({size:,} {unit}); an answers file holds at most {limit} MB, and a "
        "real charter is well under 1 MB",
    )


def loads(text: str, source: Path | str = "<answers>") -> Charter:
    """Parse the text of an answers file.

    Raises:
        AnswersError: For malformed JSON (with line and column), a text too large or nested
            too deeply (see MAX_FILE_BYTES and MAX_DEPTH), or invalid content.
    """
    if len(text) > MAX_FILE_BYTES:
        raise AnswersError(source, [_size_problem(len(text), "characters")])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        problem = Problem(
            "$", f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        )
        raise AnswersError(source, [problem]) from None
    except RecursionError:
        raise AnswersError(source, [Problem("$", _DEPTH_MESSAGE)]) from None
    except ValueError:  # Python refuses to read a number of more than 4,300 digits
        problem = Problem("$", "not valid JSON: a number has more than 4,300 digits")
        raise AnswersError(source, [problem]) from None
    return from_data(data, source)


def load(path: Path | str) -> Charter:
    """Read and validate an answers file.

    Raises:
        AnswersError: When the file cannot be read, is too large or nested too deeply, is not
            UTF-8 JSON, or is not a valid charter.
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            # Read one byte past the limit, so that a file too large is never read whole.
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise AnswersError(
            path, [Problem("$", f"cannot be read: {error.strerror or error}")]
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        size = _file_size(path)
        raise AnswersError(path, [_size_problem(size if size > len(raw) else len(raw))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problem = Problem("$", f"is not UTF-8 text (byte {error.start})")
        raise AnswersError(path, [problem]) from None
    return loads(text, path)


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def dumps(charter: Charter) -> str:
    """The answers file text for a charter: stable key order, readable, UTF-8 without escapes."""
    data = charter.model_dump(mode="json")
    data["format_version"] = FORMAT_VERSION
    return json.dumps({"$schema": SCHEMA_ID, **data}, ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    An interrupted write never leaves a half-written file; an existing file stays as it was.

    Raises:
        OSError: When the folder is missing or not writable, or the disk is full.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # os.open with mode 0o666 lets the user's umask decide the permissions, as for any new file.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def save(charter: Charter, path: Path | str) -> Path:
    """Save a charter as an answers file, atomically. Returns the path written."""
    path = Path(path)
    write_atomic(path, dumps(charter).encode("utf-8"))
    return path


def schema() -> dict[str, Any]:
    """The JSON Schema of the answers file."""
    generated = Charter.model_json_schema()
    generated["properties"] = {
        "$schema": {"type": "string", "description": "identifier of this schema"},
        **generated["properties"],
    }
    generated["properties"]["format_version"] = {
        "type": "integer",
        "minimum": 1,
        "maximum": FORMAT_VERSION,
        "description": "version of the answers-file format",
    }
    generated["required"] = ["format_version"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **generated,
    }
