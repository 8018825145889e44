"""Benchmark the Word writer against docxtpl and python-docx's plain API on the same content.

Run: ``.venv/bin/python tests/benchmarks/bench_docx.py [--quick]``. Budget (README, "Performance"):
at 16x content our export takes at most half of docxtpl's time, and grows linearly.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import jinja2
from docx.document import Document
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from wizards.docx_writer import write_docx
from wizards.paths import resource_path

SECTIONS = 12
PARAGRAPHS = 20
ROWS = 25
HEADER = ("Item", "Owner", "Cadence", "Notes")
BUDGET_RATIO = 0.5  # ours / docxtpl at the largest scale
LINEARITY_SLACK = 1.25  # 16x content may take up to 16 * 1.25 = 20x the 1x time

_WORDS = [
    "governance",
    "accountable",
    "executive",
    "board",
    "risk",
    "appetite",
    "threshold",
    "escalation",
    "incident",
    "deployment",
    "oversight",
    "review",
    "charter",
    "principle",
    "fairness",
    "transparency",
    "privacy",
    "security",
    "supplier",
    "register",
    "evidence",
    "approval",
    "budget",
    "authority",
    "halt",
    "report",
    "calendar",
    "committee",
]

_HTML_TEMPLATE = """\
{% for s in sections %}<h1>{{ s.title }}</h1>
{% for p in s.paragraphs %}<p>{{ p.lead }}<strong>{{ p.bold }}</strong>{{ p.middle }}\
<em>{{ p.italic }}</em>{{ p.tail }}</p>
{% endfor %}<table data-widths="25,25,20,30"><thead><tr>{% for h in s.header %}\
<th>{{ h }}</th>{% endfor %}</tr></thead><tbody>
{% for row in s.rows %}<tr>{% for c in row %}<td>{{ c }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table>
{% endfor %}"""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: plain text with a bold and an italic phrase."""

    lead: str
    bold: str
    middle: str
    italic: str
    tail: str


@dataclass(frozen=True)
class Section:
    """A heading, its paragraphs and one table."""

    title: str
    paragraphs: list[Paragraph]
    header: tuple[str, ...]
    rows: list[list[str]]


def _words(seed: int, count: int) -> str:
    return " ".join(_WORDS[(seed * 7 + i * 3) % len(_WORDS)] for i in range(count))


def make_content(scale: int) -> list[Section]:
    """``scale`` times the standard content: 12 sections of 20 paragraphs and a 25x4 table."""
    sections = []
    for s in range(SECTIONS * scale):
        paragraphs = [
            Paragraph(
                lead=f"{s + 1}.{p + 1} The {_words(s + p, 8)} & <policy> ",
                bold=_words(s * 3 + p, 3),
                middle=f" applies when the {_words(p, 6)} changes, ",
                italic=_words(s + p * 5, 3),
                tail=f" and the {_words(s * p + 1, 6)} is recorded.",
            )
            for p in range(PARAGRAPHS)
        ]
        rows = [
            [f"{_words(s + r, 2)} {r + 1}", _words(r, 2), "quarterly", _words(s * r, 4)]
            for r in range(ROWS)
        ]
        sections.append(Section(f"Section {s + 1}: {_words(s, 3)}", paragraphs, HEADER, rows))
    return sections


def _clear_body(document: Document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


@functools.cache
def _html_template() -> jinja2.Template:
    # Compiled once, as the application's Jinja environment caches its loaded templates.
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(_HTML_TEMPLATE)


def write_ours(sections: list[Section], out: Path, reference: Path) -> None:
    """Our path: Jinja2 renders the HTML, the writer turns it into Word."""
    write_docx(_html_template().render(sections=sections), out, reference)


def make_docxtpl_template(reference: Path, folder: Path) -> Path:
    """A Word template with Jinja loops over sections, paragraphs and table rows."""
    document = docx.Document(str(reference))
    _clear_body(document)
    document.add_paragraph("{%p for s in sections %}")
    document.add_paragraph("{{ s.title }}", style="Heading 1")
    document.add_paragraph("{%p for p in s.paragraphs %}")
    paragraph = document.add_paragraph()
    paragraph.add_run("{{ p.lead }}")
    paragraph.add_run("{{ p.bold }}").bold = True
    paragraph.add_run("{{ p.middle }}")
    paragraph.add_run("{{ p.italic }}").italic = True
    paragraph.add_run("{{ p.tail }}")
    document.add_paragraph("{%p endfor %}")
    table = document.add_table(rows=4, cols=len(HEADER))
    table.style = document.styles["Charter Table"]
    for i in range(len(HEADER)):
        table.cell(0, i).text = f"{{{{ s.header[{i}] }}}}"
        table.cell(2, i).text = f"{{{{ row[{i}] }}}}"
    table.cell(1, 0).text = "{%tr for row in s.rows %}"
    table.cell(3, 0).text = "{%tr endfor %}"
    document.add_paragraph("{%p endfor %}")
    path = folder / "template.docx"
    document.save(str(path))
    return path


def write_docxtpl(sections: list[Section], out: Path, template: Path) -> None:
    """docxtpl renders the Word template."""
    document = DocxTemplate(str(template))
    document.render({"sections": sections}, autoescape=True)
    document.save(str(out))


def write_plain(sections: list[Section], out: Path, reference: Path) -> None:
    """python-docx's convenience API, paragraph by paragraph and cell by cell."""
    document = docx.Document(str(reference))
    _clear_body(document)
    table_style = document.styles["Charter Table"]
    for section in sections:
        document.add_heading(section.title, 1)
        for p in section.paragraphs:
            paragraph = document.add_paragraph()
            paragraph.add_run(p.lead)
            paragraph.add_run(p.bold).bold = True
            paragraph.add_run(p.middle)
            paragraph.add_run(p.italic).italic = True
            paragraph.add_run(p.tail)
        table = document.add_table(rows=1, cols=len(HEADER))
        table.style = table_style
        for cell, text in zip(table.rows[0].cells, section.header, strict=True):
            cell.text = text
        for row in section.rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
    document.save(str(out))


def _median_time(write: Callable[[Path], None], out: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        write(out)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _check_same_content(paths: dict[str, Path], sections: int) -> list[str]:
    """The three documents hold the same number of headings, paragraphs and table cells."""
    problems = []
    expected = (sections, sections * PARAGRAPHS, sections * (ROWS + 1) * len(HEADER))
    for name, path in paths.items():
        document = docx.Document(str(path))
        styles = [p.style.name if p.style is not None else "" for p in document.paragraphs]
        headings = styles.count("Heading 1")
        body = len([p for p in document.paragraphs if p.text[:1].isdigit()])
        cells = sum(len(row.cells) for table in document.tables for row in table.rows)
        if (headings, body, cells) != expected:
            problems.append(f"{name}: {(headings, body, cells)} != expected {expected}")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print times, ratios and the budget verdict.

    Args:
        argv: Command-line arguments; ``--quick`` runs 1x and 4x once each (a smoke run:
            the budget is reported but does not fail it).

    Returns:
        0 when the budget is met (always in ``--quick`` mode unless the writers disagree),
        1 otherwise.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1x and 4x, one repetition")
    args = parser.parse_args(argv)
    scales = (1, 4) if args.quick else (1, 4, 16)
    reference = resource_path("reference.docx")
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-docx-") as tmp:
        folder = Path(tmp)
        template = make_docxtpl_template(reference, folder)
        for scale in scales:
            sections = make_content(scale)
            writers: dict[str, Callable[[Path], None]] = {
                "ours": functools.partial(write_ours, sections, reference=reference),
                "docxtpl": functools.partial(write_docxtpl, sections, template=template),
                "plain": functools.partial(write_plain, sections, reference=reference),
            }
            paths = {name: folder / f"{name}-{scale}x.docx" for name in writers}
            if scale == scales[0]:
                for name, write in writers.items():  # warm up imports and caches
                    write(paths[name])
                problems = _check_same_content(paths, SECTIONS * scale)
                if problems:
                    print("The writers produced different content:", *problems, sep="\n  ")
                    return 1
            results[scale] = {}
            for name, write in writers.items():
                if args.quick:
                    repeat = 1
                elif name == "plain":
                    repeat = {1: 3, 4: 1, 16: 1}[scale]
                else:
                    repeat = {1: 7, 4: 5, 16: 3}[scale]
                results[scale][name] = _median_time(write, paths[name], repeat)
            row = results[scale]
            print(
                f"{scale:>3}x done: ours {row['ours']:.3f} s, docxtpl {row['docxtpl']:.3f} s, "
                f"plain {row['plain']:.3f} s",
                file=sys.stderr,
            )
        example_time, example_name = _largest_example(folder, 1 if args.quick else 5)
    status = _report(results, scales, args.quick)
    print(f"Largest example ({example_name}), charter + calendar .docx + .ics: "
          f"{example_time:.3f} s median")  # fmt: skip
    return status


def _largest_example(folder: Path, repeat: int) -> tuple[float, str]:
    """Median time of a whole build (all formats) of the biggest example answers file."""
    from wizards.answers import load
    from wizards.build import build

    examples = sorted(
        resource_path("examples").glob("*.charter.json"), key=lambda p: p.stat().st_size
    )
    largest = examples[-1]
    charter = load(largest)
    out = folder / "example"
    build(charter, out)  # warm up
    return _median_time(lambda _path: build(charter, out), out, repeat), largest.name


def _report(results: dict[int, dict[str, float]], scales: tuple[int, ...], quick: bool) -> int:
    print()
    print(f"Content per 1x: {SECTIONS} sections x ({PARAGRAPHS} paragraphs + {ROWS}x4 table)")
    print()
    print("scale  sections   ours (s)  docxtpl (s)  plain (s)  ours/docxtpl  ours/plain")
    for scale in scales:
        row = results[scale]
        print(
            f"{scale:>4}x  {SECTIONS * scale:>8}  {row['ours']:>9.3f}  {row['docxtpl']:>11.3f}"
            f"  {row['plain']:>9.3f}  {row['ours'] / row['docxtpl']:>12.2f}"
            f"  {row['ours'] / row['plain']:>10.2f}"
        )
    per_section = ", ".join(
        f"{scale}x {1000 * results[scale]['ours'] / (SECTIONS * scale):.2f} ms" for scale in scales
    )
    print(f"\nLinearity, ours per section: {per_section}")
    top = scales[-1]
    growth = results[top]["ours"] / results[1]["ours"]
    allowed = top * LINEARITY_SLACK
    checks = []
    # The README's budgets set the ratio for standard content and for 16x content.
    for scale in (1, top):
        ratio = results[scale]["ours"] / results[scale]["docxtpl"]
        label = f"ours <= {BUDGET_RATIO}x docxtpl at {scale}x"
        checks.append((label, ratio <= BUDGET_RATIO, f"{ratio:.2f}x"))
    checks.append((f"ours {top}x <= {allowed:g}x ours 1x", growth <= allowed, f"{growth:.1f}x"))
    print()
    for label, ok, value in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {label} ({value})")
    if quick:
        print("(--quick: a smoke run; the budget is measured at 16x and not enforced here)")
        return 0
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
