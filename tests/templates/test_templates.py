"""Templates: every variable they use is in the context, user text is printed exactly as typed."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from jinja2 import meta

from tests.wizards.factories import complete_charter
from wizards.paths import template_dir
from wizards.render import (
    RenderError,
    calendar_context,
    charter_context,
    environment,
    render_calendar,
    render_charter,
    render_section,
)
from wizards.steps import Step

CHARTER_TEMPLATES = [
    "charter.html.j2",
    *sorted(f"sections/{p.name}" for p in (template_dir() / "sections").glob("*.j2")),
]


def used_variables(name: str) -> set[str]:
    env = environment()
    source = (template_dir() / name).read_text(encoding="utf-8")
    return meta.find_undeclared_variables(env.parse(source))


@pytest.mark.parametrize("name", CHARTER_TEMPLATES)
def test_charter_templates_use_only_context_variables(name: str) -> None:
    assert used_variables(name) <= set(charter_context(complete_charter()))


def test_calendar_template_uses_only_context_variables() -> None:
    assert used_variables("calendar.html.j2") <= set(calendar_context(complete_charter()))


@pytest.mark.parametrize(
    "typed",
    [
        "{{ 7 * 7 }}",
        "<b>bold</b>",
        "{% raw %}",
        "<script>x</script>",
        "a & b",
        "\"quoted\" 'single'",
    ],
)
def test_user_text_is_printed_as_typed(typed: str) -> None:
    charter = complete_charter()
    charter.organisation.name = typed
    charter.executive.person.name = typed
    charter.risk.statement = typed
    out = render_charter(charter)
    assert (
        f'<p class="subtitle">{html.escape(typed)}</p>'.replace("&#x27;", "&#39;").replace(
            "&quot;", "&#34;"
        )
        in out
    )
    assert "<b>bold</b>" not in out and "<script>" not in out
    assert '<p class="subtitle">49</p>' not in out


def test_multiline_prose_becomes_paragraphs() -> None:
    out = render_section(complete_charter(), Step.RISK)
    assert "<p>Example Housing Association uses AI to serve tenants faster.</p>" in out
    assert "<p>It never lets AI decide alone.</p>" in out


@pytest.mark.parametrize("step", [s for s in Step if s not in (Step.EXPORT,)])
def test_every_step_has_a_preview(step: Step) -> None:
    out = render_section(complete_charter(), step)
    assert "<h1" in out


def test_whole_charter_has_every_section_in_order() -> None:
    out = render_charter(complete_charter())
    positions = [out.index(f"<h1>{n}. ") for n in range(1, 8)]
    assert positions == sorted(positions)
    assert "Appendix A. Framework references" in out
    assert "Appendix B. Incident role cards" in out


@pytest.mark.parametrize("tag", ["div", "table", "ul", "section"])
def test_blocks_are_balanced(tag: str) -> None:
    out = render_charter(complete_charter()) + render_calendar(complete_charter())
    assert out.count(f"<{tag}") == out.count(f"</{tag}>")


def test_calendar_lists_every_event() -> None:
    out = render_calendar(complete_charter())
    assert out.count("Quarterly AI risk report") == 8


def test_user_template_override_and_sandbox(tmp_path: Path) -> None:
    (tmp_path / "calendar.html.j2").write_text("<h1>{{ org.name }}</h1>", encoding="utf-8")
    environment.cache_clear()
    assert render_calendar(complete_charter(), user_templates=tmp_path) == (
        "<h1>Example Housing Association</h1>"
    )
    (tmp_path / "calendar.html.j2").write_text("{{ org.__class__.__mro__ }}", encoding="utf-8")
    with pytest.raises(RenderError, match=r"calendar\.html\.j2"):
        render_calendar(complete_charter(), user_templates=tmp_path)


def test_broken_user_template_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "calendar.html.j2").write_text("ok\n{% for x in %}", encoding="utf-8")
    with pytest.raises(RenderError, match=r"calendar\.html\.j2, line 2"):
        render_calendar(complete_charter(), user_templates=tmp_path)


def test_unknown_variable_fails_loudly(tmp_path: Path) -> None:
    (tmp_path / "calendar.html.j2").write_text("{{ nothing_here }}", encoding="utf-8")
    with pytest.raises(RenderError, match="nothing_here"):
        render_calendar(complete_charter(), user_templates=tmp_path)


def test_system_register_names_the_annex() -> None:
    charter = complete_charter()
    system = charter.organisation.systems[0]
    system.risk_class = system.risk_class.__class__("high")
    system.annex_iii_point = "5(b)"
    assert "Annex III point 5(b)" in render_section(charter, Step.ORGANISATION)
    system.annex_i = True
    assert "product under Annex I" in render_section(charter, Step.ORGANISATION)
