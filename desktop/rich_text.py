"""The charter's HTML as Qt's rich text reads it: the preview's style sheet and column widths.

Shared by the live preview and the PDF export; plain Python, so a worker thread may use it.
"""

from __future__ import annotations

import re

PREVIEW_CSS = """
body { color: #1d2433; }
h1 { font-size: x-large; color: #1f3a5f; margin-top: 6px; margin-bottom: 6px; }
h2 { font-size: large; color: #1f3a5f; margin-top: 10px; margin-bottom: 4px; }
h3 { font-size: medium; color: #1f3a5f; margin-top: 8px; }
p { margin-top: 3px; margin-bottom: 6px; }
table { border-collapse: collapse; margin-top: 4px; margin-bottom: 8px; }
th { background-color: #e8eef6; font-weight: 600; text-align: left; }
th, td { border: 1px solid #c3ccd8; padding: 3px; }
.muted { color: #5c6675; }
.small { color: #5c6675; font-size: small; }
"""
"""The preview's style sheet; the PDF adds to it.

Headings keep relative sizes: Qt gives h1 to h3 a relative size of their own, and a relative
size wins over a later size in points.
"""


_TABLE_WIDTHS = re.compile(r'<table([^>]*) data-widths="([\d.,;\s]+)"([^>]*)>')
_CELL_OPEN = re.compile(r"<t[hd](?=[\s>])")


def with_column_widths(html: str) -> str:
    """Give tables the column widths the Word file has, in the attributes Qt's rich text reads.

    The writer reads ``data-widths``; QTextDocument reads ``width`` on the table and its cells.
    Widths go on the first row without merged cells, which fixes each column for the table.
    """
    out: list[str] = []
    position = 0
    for match in _TABLE_WIDTHS.finditer(html):
        widths = [w for w in re.split(r"[,;\s]+", match.group(2)) if w]
        out.append(html[position : match.start()])
        out.append(f'<table width="100%"{match.group(1)}{match.group(3)}>')
        start = match.end()
        table_end = html.find("</table>", start)
        row_end = html.find("</tr>", start)
        while 0 <= row_end < table_end and "colspan" in html[start:row_end]:
            out.append(html[start:row_end])
            start, row_end = row_end, html.find("</tr>", row_end + 5)
        row = html[start:row_end] if 0 <= row_end < table_end else ""
        out.append(_with_widths(row, widths))
        position = start + len(row)
    out.append(html[position:])
    return "".join(out)


def _with_widths(row: str, widths: list[str]) -> str:
    """One table row with a width on each cell, in order."""
    cells = iter(widths)
    return _CELL_OPEN.sub(lambda m: f'{m.group(0)} width="{next(cells, "")}%"', row)
