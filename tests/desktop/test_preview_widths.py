"""The preview gives tables the Word file's column widths, in attributes Qt's rich text reads."""

from __future__ import annotations

from desktop.pages.base import with_column_widths


def test_widths_go_on_the_first_row_without_merged_cells() -> None:
    html = (
        '<table class="control" data-widths="32,68"><thead><tr><th colspan="2">Doc</th></tr>'
        "</thead><tbody><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></tbody></table>"
    )
    out = with_column_widths(html)
    assert out.startswith('<table width="100%" class="control">')
    assert '<th colspan="2">Doc</th>' in out
    assert '<td width="32%">a</td><td width="68%">b</td>' in out
    assert "<td>c</td><td>d</td>" in out


def test_tables_without_widths_and_text_are_untouched() -> None:
    html = "<p>data-widths in prose</p><table><tr><td>x</td></tr></table>"
    assert with_column_widths(html) == html


def test_every_table_of_the_charter_gets_widths() -> None:
    from tests.wizards.factories import complete_charter
    from wizards.render import render_charter

    out = with_column_widths(render_charter(complete_charter()))
    assert "data-widths" not in out
    assert out.count('<table width="100%"') == out.count("<table")
