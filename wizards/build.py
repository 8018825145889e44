"""Build a charter's output files: charter and calendar in Word, calendar as iCalendar, and the
workshop record in Word with its actions as iCalendar."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wizards.answers import write_atomic
from wizards.board_calendar import to_ics
from wizards.docx_writer import DocumentProperties, DocxWriteError, Look, write_docx
from wizards.model import Charter
from wizards.paths import resource_path
from wizards.render import long_date, render_calendar, render_charter

if TYPE_CHECKING:
    from wizards.readiness import ReadinessFinding

FORMATS = ("docx", "ics", "workshop")
"""Output formats the build knows; 'docx' means both Word files, 'workshop' the record of the
charter's current workshop (Word) and its actions (iCalendar)."""

DEFAULT_FORMATS = ("docx", "ics")
"""What a build writes when no format is named: the charter and its calendar."""

FileWriter = Callable[[Path], list[str]]
"""Writes one output file at the path given, atomically; returns warnings about its content."""


class BuildError(Exception):
    """The files could not be written; the message says which file or folder and why."""


@dataclass(frozen=True)
class Branding:
    """How a consultant or organisation brands the output.

    Attributes:
        reference_docx: A Word file whose styles the documents take; None for the built-in one.
        templates: A folder of Jinja2 templates that override the built-in ones by name.
        accent: Colour 'RRGGBB' for the title, headings and table headers; None keeps the
            reference document's colours.
        logo: An image shown above the title of each document; None for none.
    """

    reference_docx: Path | None = None
    templates: Path | None = None
    accent: str | None = None
    logo: Path | None = None


@dataclass
class BuildResult:
    """What a build wrote and what it had to change on the way."""

    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def slug(text: str, fallback: str = "charter") -> str:
    """A file-name-safe form of ``text`` that keeps letters of every script."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_").lower()
    return text[:60].rstrip("-") or fallback


def output_names(charter: Charter) -> dict[str, str]:
    """File names of the outputs, keyed 'charter', 'calendar_docx' and 'calendar_ics'."""
    base = slug(charter.organisation.name, "organisation")
    version = slug(charter.meta.version, "draft")
    return {
        "charter": f"{base}-ai-governance-charter-v{version}.docx",
        "calendar_docx": f"{base}-board-calendar.docx",
        "calendar_ics": f"{base}-board-calendar.ics",
    }


def pdf_name(charter: Charter) -> str:
    """File name of the charter as PDF (written by the desktop): the Word file's, with .pdf."""
    return Path(output_names(charter)["charter"]).with_suffix(".pdf").name


def check_output_dir(out_dir: Path) -> None:
    """Make sure the output folder exists (creating it and its parents) and is writable.

    Raises:
        BuildError: With a message that names the folder and the problem.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(f"{out_dir} is a file, not a folder; choose a folder for the output.")
    if not out_dir.exists():
        try:
            out_dir.mkdir(parents=True)
        except (FileExistsError, NotADirectoryError):
            raise BuildError(
                f"Cannot create the folder {out_dir}: part of its path is a file."
            ) from None
        except OSError as error:
            raise BuildError(f"Cannot create the folder {out_dir}: {error.strerror}.") from None
    if not can_write_in(out_dir):
        raise BuildError(f"The folder {out_dir} is read-only; choose another folder.")


def can_write_in(folder: Path) -> bool:
    """True when a file can be created in ``folder`` (which exists).

    ``os.access`` alone is not enough: it says yes to the administrator (root ignores the
    permission bits) and cannot know about read-only mounts, synced or locked folders. So a
    small temporary file is really written and removed.
    """
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    try:
        handle, name = tempfile.mkstemp(prefix=".charter-builder-", suffix=".probe", dir=folder)
    except OSError:
        return False
    os.close(handle)
    with contextlib.suppress(OSError):
        Path(name).unlink()
    return True


def check_formats(formats: Collection[str], *, others: bool = False) -> None:
    """Refuse an empty or unknown choice of output formats.

    Args:
        formats: The formats asked for.
        others: True when further files (the desktop's PDF) are written besides them.

    Raises:
        BuildError: Naming what is wrong and what to use.
    """
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise BuildError(
            f"Unknown output format(s): {', '.join(sorted(unknown))}; use docx, ics or workshop."
        )
    if not formats and not others:
        raise BuildError(
            "No output format chosen, so nothing would be written; use docx, ics or workshop, "
            "or several."
        )


def check_branding(branding: Branding) -> None:
    """Check every branding choice before anything is written.

    A templates folder must be a folder; the reference .docx must exist and unpack to a
    sensible size; the logo must be an image that holds together to its end; the accent a
    colour.

    Raises:
        BuildError: Naming the file or folder and what is wrong with it.
    """
    from wizards.docx_writer import accent_hex, check_reference, probe_logo

    folder = branding.templates
    if folder is not None:
        if not folder.exists():
            raise BuildError(f"The templates folder {folder} does not exist.")
        if not folder.is_dir():
            raise BuildError(
                f"{folder} is a file, not a folder; pass the folder that holds the templates."
            )
    try:
        if branding.reference_docx is not None:
            check_reference(branding.reference_docx)
        if branding.logo is not None:
            probe_logo(branding.logo)
        if branding.accent:
            accent_hex(branding.accent)
    except DocxWriteError as error:
        raise BuildError(str(error)) from None


def _docx_properties(charter: Charter, title: str, subject: str) -> DocumentProperties:
    meta, org = charter.meta, charter.organisation
    keywords = ", ".join(["AI governance", "charter", "EU AI Act", "ISO/IEC 42001", "NIST AI RMF"])
    major = re.search(r"\d+", meta.version)  # "2.1" is the second revision
    revision = int(major.group()) if major else 1
    # The reference's footer prints the subject: it carries the version and the date.
    effective = long_date(meta.effective_date, "no effective date yet")
    return DocumentProperties(
        title=f"{title}: {org.name}" if org.name else title,
        subject=f"{subject}, version {meta.version}, effective {effective}",
        author=meta.author or charter.executive.person.name,
        keywords=keywords,
        revision=revision,
    )


def _workshop_jobs(
    charter: Charter, reference: Path, branding: Branding
) -> list[tuple[str, FileWriter]]:
    """The record of the charter's current workshop in Word, and its actions as iCalendar."""
    from wizards.workshop.report import actions_ics, record_names, render_record

    html = render_record(charter, user_templates=branding.templates)
    workshop = charter.workshops[-1]
    names = record_names(charter)
    org = charter.organisation.name

    def record_doc(path: Path) -> list[str]:
        title = f"Workshop record: {org}" if org else "Workshop record"
        props = DocumentProperties(
            title=title,
            # The footer prints the subject beside "Page n of N": short enough for one line.
            subject=f"Workshop of {long_date(workshop.date, 'an unrecorded date')} on charter "
            f"version {charter.meta.version}",
            author=workshop.facilitator or charter.meta.author or charter.executive.person.name,
            keywords="AI governance, workshop, decision log",
        )
        look = Look(accent=branding.accent, logo=branding.logo)
        return write_docx(html, path, reference, props, look)

    def actions_file(path: Path) -> list[str]:
        write_atomic(path, actions_ics(charter))
        return []

    return [(names["record"], record_doc), (names["actions"], actions_file)]


def build(
    charter: Charter,
    out_dir: Path,
    formats: Collection[str] = DEFAULT_FORMATS,
    *,
    branding: Branding | None = None,
    findings: Sequence[ReadinessFinding] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    extra: Sequence[tuple[str, FileWriter]] = (),
    previous: Charter | None = None,
    compare_to: Charter | None = None,
    contents_pages: bool | None = None,
) -> BuildResult:
    """Write the charter and the board calendar into ``out_dir``.

    Every file is written to a temporary file and renamed into place, so an interrupted build
    never leaves a half-written document and an existing one stays as it was.

    Args:
        charter: The charter to build.
        out_dir: Folder for the files.
        formats: Any of 'docx' (charter and calendar in Word), 'ics' (calendar file) and
            'workshop' (the record of the current workshop in Word, its actions as .ics).
        branding: Reference .docx and template overrides; None for the built-in look.
        findings: Readiness findings to print as an appendix of the charter.
        progress: Called with (done, total, what) before each file is written.
        extra: Further files as (file name, writer), written after the others with the same
            progress, folder checks and error messages; the desktop adds the charter as PDF
            this way, which needs Qt.
        previous: The last approved version: a charter changed since then prints the changes
            since it, for re-approval.
        contents_pages: True to print page numbers in the charter's contents from a
            LibreOffice layout pass (seconds; see ``wizards.docx_writer``); None follows the
            environment variable CHARTER_BUILDER_CONTENTS_PAGES.
        compare_to: An earlier version to write a redline against: the charter once more in
            Word, named like it with "-changes-since-v<version>", its differences from that
            version as tracked changes (see wizards.versions.redline).

    Raises:
        BuildError: When no or an unknown format is asked for, the workshop record of a
            charter without a workshop, a branding choice that cannot be used (see
            check_branding), or a folder or file that cannot be written.
        wizards.render.RenderError: When a template is broken, or a user template runs too
            long or too large.
    """
    check_formats(formats, others=bool(extra) or compare_to is not None)
    if "workshop" in formats and not charter.workshops:
        raise BuildError(
            "The charter has no workshop, so there is no workshop record to write; set up a "
            "workshop on the charter first, or leave out the format 'workshop'."
        )
    branding = branding or Branding()
    check_branding(branding)
    out_dir = Path(out_dir)
    check_output_dir(out_dir)
    reference = branding.reference_docx or resource_path("reference.docx")
    if not reference.is_file():
        raise BuildError(f"The reference Word file {reference} does not exist.")
    from wizards.versions.approval import proposed_version
    from wizards.versions.status import charter_status

    version = proposed_version(charter, previous)
    if version != charter.meta.version:
        # A draft for re-approval carries the number it would be approved as, everywhere.
        charter = charter.model_copy(deep=True)
        charter.meta.version = version
    # Anything but an approved state says so at the top of every page.
    mark = charter_status(charter).page_mark()
    look = Look(accent=branding.accent, logo=branding.logo, draft_mark=mark)
    names = output_names(charter)
    jobs: list[tuple[str, FileWriter]] = []
    if "docx" in formats:
        charter_html = render_charter(
            charter, findings=findings, user_templates=branding.templates, previous=previous
        )
        calendar_html = render_calendar(charter, user_templates=branding.templates)

        def charter_doc(path: Path) -> list[str]:
            props = _docx_properties(charter, charter.meta.title, charter.meta.title)
            return write_docx(
                charter_html, path, reference, props, look, contents_pages=contents_pages
            )

        def calendar_doc(path: Path) -> list[str]:
            props = _docx_properties(
                charter, "Board reporting calendar", f"Board calendar of the {charter.meta.title}"
            )
            return write_docx(calendar_html, path, reference, props, look)

        jobs += [(names["charter"], charter_doc), (names["calendar_docx"], calendar_doc)]
    if "ics" in formats:

        def calendar_ics(path: Path) -> list[str]:
            write_atomic(path, to_ics(charter))
            return []

        jobs.append((names["calendar_ics"], calendar_ics))
    if "workshop" in formats:
        jobs += _workshop_jobs(charter, reference, branding)
    if compare_to is not None:
        from wizards.versions.redline import redline_name, write_redline

        old = compare_to

        def redline_doc(path: Path) -> list[str]:
            write_redline(old, charter, path, branding=branding, previous=previous)
            return []

        jobs.append((redline_name(old, charter), redline_doc))
    jobs += extra
    result = BuildResult()
    for done, (name, job) in enumerate(jobs):
        path = out_dir / name
        if progress is not None:
            progress(done, len(jobs), name)
        try:
            # Both Word files share the reference and the logo: say each thing once.
            result.warnings += [w for w in job(path) if w not in result.warnings]
        except DocxWriteError as error:
            raise BuildError(str(error)) from None
        except PermissionError:
            raise BuildError(
                f"Cannot write {path}: permission denied. If the file is open in Word, close it "
                "and try again."
            ) from None
        except OSError as error:
            raise BuildError(f"Cannot write {path}: {error.strerror or error}.") from None
        result.files.append(path)
    if progress is not None:
        progress(len(jobs), len(jobs), "done")
    return result
