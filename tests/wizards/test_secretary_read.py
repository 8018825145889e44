"""The charter as a board secretary reads it before tabling it: words that fit the organisation
the defaults were filled for, and sections that name the same body for the same thing."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import example_files
from tests.wizards.test_drafting import a_charter
from wizards.answers import load
from wizards.model import Charter, Organisation, OrgSize
from wizards.presets import PRESETS, apply_defaults, sector_for
from wizards.render import render_calendar, render_charter

# Organisations that serve no customers: what the defaults write for them must not invent any.
_WITHOUT_CUSTOMERS: dict[str, dict[str, Any]] = {
    "charity": {
        "name": "Helping Hands",
        "sector": "Registered charity",
        "size": OrgSize.SMALL,
        "jurisdictions": ["England"],
        "processes_personal_data": True,
    },
    "municipality": {
        "name": "Gemeente Noord",
        "sector": "Local government",
        "size": OrgSize.LARGE,
        "jurisdictions": ["Netherlands"],
        "public_service": True,
        "processes_personal_data": True,
    },
}


def text_of(markup: str) -> str:
    """The words of rendered HTML, as a reader meets them: tags gone, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def defaults_for(org: dict[str, Any], preset: str) -> Charter:
    charter = Charter(organisation=Organisation(**org))
    charter.meta.effective_date = dt.date(2027, 1, 1)
    return apply_defaults(charter, preset)


def _serves_customers(charter: Charter) -> bool:
    org = charter.organisation
    return not (org.public_service or sector_for(org) in ("public", "charity", "health"))


@pytest.mark.parametrize("preset", list(PRESETS))
@pytest.mark.parametrize("kind", list(_WITHOUT_CUSTOMERS))
def test_the_defaults_name_no_customers_where_there_are_none(kind: str, preset: str) -> None:
    charter = defaults_for(_WITHOUT_CUSTOMERS[kind], preset)
    assert not _serves_customers(charter)
    words = text_of(render_charter(charter)) + " " + text_of(render_calendar(charter))
    found = re.findall(r".{60}\bcustomer.{30}", words, flags=re.IGNORECASE)
    assert found == [], found


def test_no_example_without_customers_speaks_of_customers() -> None:
    checked = 0
    for path in example_files():
        charter = load(path)
        if _serves_customers(charter):
            continue
        checked += 1
        words = text_of(render_charter(charter)) + " " + text_of(render_calendar(charter))
        found = re.findall(r".{60}\bcustomer.{30}", words, flags=re.IGNORECASE)
        assert found == [], (path.name, found)
    assert checked >= 2  # the charity and the municipality


# The template's own sentences that name the organisation's board; "the board" is their
# reading only when the answers name no board, council or trustees at all.
_BOARD_PHRASES = re.compile(r"(accountable to|how|on behalf of) the board\b")


def _names_a_board(charter: Charter) -> bool:
    """True when an answer names a board itself, or the board a committee belongs to ('Risk
    Committee of the Supervisory Board'); a 'Board Risk Committee' names no board."""
    names = (charter.board.forum, charter.resolution.body, charter.executive.reports_to)
    for name in (n.casefold() for n in names):
        own = name if "committee" not in name else name.partition(" of the ")[2]
        if any(word in own for word in ("board", "council", "trustees")):
            return True
    return False


def _generic_board(charter: Charter) -> list[str]:
    words = text_of(render_charter(charter))
    return [m.group(0) for m in _BOARD_PHRASES.finditer(words)]


def test_each_example_names_its_own_board() -> None:
    for path in example_files():
        assert _generic_board(load(path)) == [], path.name


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_named_board_is_named_wherever_the_charter_speaks_of_the_board(
    data: st.DataObject,
) -> None:
    charter = a_charter(data)
    charter.board.forum = data.draw(st.sampled_from(_FORUMS), label="forum")
    charter.resolution.body = data.draw(st.sampled_from(_FORUMS), label="body")
    if _names_a_board(charter):
        assert _generic_board(charter) == []


_FORUMS = [
    "",
    "Board of Trustees",
    "the Board of Directors",
    "Audit and Risk Committee",
    "Risk Committee of the Supervisory Board",
    "Municipal Council",
    "Board of Mayor and Aldermen",
    "AI steering group",
]


def _section_3(charter: Charter) -> str:
    words = text_of(render_charter(charter))
    return words[words.index("3. AI risk tolerance") : words.index("4. AI ethics guidelines")]


def _own_approvers(charter: Charter) -> list[str]:
    """Sentences of section 3 that require an approval of a use without pointing to 3.5."""
    found = []
    for sentence in re.split(r"(?<=\.)\s+", _section_3(charter)):
        if re.search(r"\bprior approval\b", sentence) and "section 3.5" not in sentence:
            found.append(sentence)
    return found


def test_who_approves_a_new_use_is_said_in_one_place() -> None:
    # The appetite scale once gave the accountable executive an approval that section 3.5
    # gives the board for a high-risk use: two answers to one question.
    for path in example_files():
        assert _own_approvers(load(path)) == [], path.name


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_who_approves_a_new_use_is_said_in_one_place_for_any_answers(
    data: st.DataObject,
) -> None:
    assert _own_approvers(a_charter(data)) == []


def _calendar_words(charter: Charter) -> str:
    return text_of(render_calendar(charter)) + " " + text_of(render_charter(charter))


@pytest.mark.parametrize("drills", [[], [(1, 0, 2)], [(0, 1, 1)]], ids=["none", "one", "other"])
def test_the_exercise_item_reads_as_the_board_pack_not_the_program(
    drills: list[tuple[int, int, int]],
) -> None:
    from wizards.model import DrillRecord

    for path in example_files():
        charter = load(path)
        charter.drills = [
            DrillRecord(date=dt.date(2026, 11, 3), title="Night outage", gaps=g, clocks_missed=c,
                        escalations_late=e)
            for g, c, e in drills
        ]  # fmt: skip
        words = _calendar_words(charter)
        assert "Charter Builder" not in words, path.name  # the board has no such program
        assert "(s)" not in words, path.name
        if drills:
            assert re.search(r"\b1 (gap|clock|escalation)\b", words), path.name
            assert not re.search(r"\b[02-9] (gap|clock|escalation)\b", words), path.name


_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _review_intervals(words: str) -> list[int]:
    """The intervals, in months, that sentences about the independent review state."""
    found = []
    for sentence in re.split(r"(?<=[.;])\s+", words):
        if "independent review" not in sentence.casefold():
            continue
        for count, unit in re.findall(r"\bevery (\w+) (years?|months?)\b", sentence):
            n = _NUMBER_WORDS.get(count) or (int(count) if count.isdigit() else 0)
            found.append(n * (12 if unit.startswith("year") else 1))
    return found


@pytest.mark.parametrize("preset", list(PRESETS))
@pytest.mark.parametrize("months", [12, 24, 36])
def test_the_independent_review_has_one_interval(preset: str, months: int) -> None:
    # The calendar item once said 'due at least every two years' whatever section 6.3 set.
    charters = [defaults_for(org, preset) for org in _WITHOUT_CUSTOMERS.values()]
    charters += [load(path) for path in example_files()]
    for charter in charters:
        charter.board.assurance.review_months = months
        stated = _review_intervals(_calendar_words(charter))
        assert set(stated) <= {months}, (charter.organisation.name, stated)


def test_the_register_of_ai_systems_goes_by_one_name() -> None:
    from wizards import readiness

    charity = next(load(p) for p in example_files() if p.name.startswith("charity"))
    assert not [f for f in readiness.check(charity) if f.rule == "gov-register-two-names"]
    # The defaults' 'AI register' left in the checks after the list was renamed.
    charity.risk.intake.checks[0] = charity.risk.intake.checks[0].replace(
        "approved AI tools list", "AI register"
    )
    (finding,) = [f for f in readiness.check(charity) if f.rule == "gov-register-two-names"]
    assert finding.field == "risk.intake.checks[0]"
    assert "in the approved AI tools list, but 1 of the intake checks" in finding.message
    # Named the default way, or not named at all, the register has one name.
    for inventory in ("AI register in section 1.1", "the AI register (section 1.1)", ""):
        charity.risk.intake.inventory = inventory
        assert not [f for f in readiness.check(charity) if f.rule == "gov-register-two-names"]


_DEADLINE = re.compile(
    r"\bwithin (\d+|one|two|three|four|five|six|seven|ten|fourteen|thirty)\b", re.IGNORECASE
)


@pytest.mark.parametrize("preset", list(PRESETS))
@pytest.mark.parametrize("kind", list(_WITHOUT_CUSTOMERS))
def test_a_default_indicator_sets_no_deadline_of_its_own(kind: str, preset: str) -> None:
    # 'acknowledged within five working days' contradicted a concerns channel that answers
    # in ten: an indicator measures the charter's own deadlines, it does not set new ones.
    charter = defaults_for(_WITHOUT_CUSTOMERS[kind], preset)
    assert charter.board.indicators
    for indicator in charter.board.indicators:
        assert not _DEADLINE.search(indicator.measure), indicator.measure


def test_each_examples_indicators_keep_its_own_deadlines() -> None:
    for path in example_files():
        charter = load(path)
        own = " ".join([charter.ethics.concerns_channel, *charter.risk.intake.checks])
        own_deadlines = {m.group(0).casefold() for m in _DEADLINE.finditer(own)}
        for indicator in charter.board.indicators:
            for match in _DEADLINE.finditer(indicator.measure):
                assert match.group(0).casefold() in own_deadlines, (path.name, indicator.measure)


def test_a_calendar_item_names_its_reference_once() -> None:
    # 'AI management system review (ISO/IEC 42001 9.3)' above 'ISO/IEC 42001 9.3' in the
    # reference column printed the clause twice in the same cell.
    from wizards import catalogues

    for entry in catalogues.calendar_items():
        assert not entry.reference or f"({entry.reference})" not in entry.label, entry.key
    for path in example_files():
        for item in load(path).board.items:
            assert not item.reference or f"({item.reference})" not in item.title, item.title


def test_the_resolution_adopts_every_section_that_binds() -> None:
    # Sections 6.1 and 6.3 to 6.6 (the forum's membership, the three lines, the indicators,
    # breach and amendment) bind the organisation only if the body resolves to adopt them.
    for path in example_files():
        words = text_of(render_charter(load(path)))
        resolution = words[words.index("7.1 Resolution") :]
        resolution = resolution[: resolution.index("Signatures")]
        for section in ("section 2", "section 3", "section 4", "section 5"):
            assert section in resolution, (path.name, section)
        assert "section 6.1" in resolution and "section 6.2" in resolution, path.name
        assert "sections 6.3 to 6.6" in resolution, path.name
        assert "intake gate" in resolution, path.name  # section 3.6


def test_roles_listed_in_a_cell_have_no_capitals_mid_sentence() -> None:
    from wizards.render import role_in_list

    assert role_in_list("Data protection lead") == "data protection lead"
    assert role_in_list("AI system owner (credit scoring)") == "AI system owner (credit scoring)"
    assert role_in_list("HR lead") == "HR lead"
    assert role_in_list("Chief Risk Officer") == "Chief Risk Officer"
    assert role_in_list("Scribe") == "scribe"
    checked = 0
    for path in example_files():
        markup = render_charter(load(path))
        table = markup[markup.index("5.1 Severity levels") : markup.index("5.2 Roles")]
        for cell in re.findall(r"<td>([^<]*)</td></tr>", table):
            for later in re.split(r", | and ", cell)[1:]:
                checked += 1
                first = later.split(" ")[0]
                assert not (first[:1].isupper() and first[1:].islower()), (path.name, cell)
    assert checked > 10


def _calendar_defects(charter: Charter) -> list[str]:
    words = text_of(render_calendar(charter))
    checks = [
        (r"\b(\w+)\s+\1\b", "doubled word"),
        (r" [.,;:]", "space before punctuation"),
        (r"^\s*:", "empty name"),
    ]
    return [what for pattern, what in checks if re.search(pattern, words, re.IGNORECASE)]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_calendar_reads_as_prose_for_any_answers(data: st.DataObject) -> None:
    # 'due to the the Risk Committee' once followed a forum typed with its article.
    assert _calendar_defects(a_charter(data)) == []


def test_the_calendar_of_each_example_reads_as_prose() -> None:
    for path in example_files():
        charter = load(path)
        assert _calendar_defects(charter) == [], path.name
        charter.board.forum = f"the {charter.board.forum}"
        charter.meta.title = f"The {charter.meta.title}"
        assert _calendar_defects(charter) == [], path.name


def test_the_calendar_title_never_breaks_a_date() -> None:
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    for path in example_files():
        markup = render_calendar(load(path))
        subtitle = re.search(r'<p class="subtitle">(.*?)</p>', markup, re.S)
        assert subtitle is not None
        dates = re.findall(rf"\d{{1,2}}\s({months})\s\d{{4}}", html.unescape(subtitle.group(1)))
        assert len(dates) == 2, path.name
        assert not re.search(rf"\d{{1,2}} ({months})|({months}) \d{{4}}", subtitle.group(1)), (
            path.name
        )
