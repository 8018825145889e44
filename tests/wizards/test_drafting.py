"""The charter reads as drafted prose for any answers: no sentence breaks when a value goes in.

Whole charters are rendered from the examples and the test factory, with fields mutated the way
a user fills a form (emptied, lower case, capitals, long, other scripts, flags flipped, lists
emptied), and the text of the sections the templates word is checked for the marks of a sentence
assembled from parts: doubled words, empty brackets, ISO dates, "None", stray spaces, sentences
that start in lower case, a "confirm with counsel" hanging off another sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import example_files
from tests.wizards.factories import complete_charter
from wizards.answers import load
from wizards.model import AiActRole, Cadence, Charter, RiskClass, SystemRole
from wizards.presets import apply_defaults
from wizards.render import render_charter

BASES = [complete_charter(), *(load(path) for path in example_files())]

# ------------------------------------------------------------------ text of the charter

_BLOCKS = {"p", "li", "h1", "h2", "h3", "td", "th", "caption"}


class _Blocks(HTMLParser):
    """The charter's text as (tag, text) blocks: paragraphs, list items, headings and cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._tag = ""
        self._text: list[str] = []

    def _flush(self) -> None:
        text = re.sub(r"[\t\r\n]+", " ", "".join(self._text)).strip(" ")
        if self._tag and text:
            self.blocks.append((self._tag, text))
        self._text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._flush()
            self._tag = tag
        elif tag == "br":
            self._text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()
            self._tag = ""

    def handle_data(self, data: str) -> None:
        self._text.append(data)


def blocks(html: str) -> list[tuple[str, str]]:
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    parser._flush()
    return parser.blocks


def drafted_part(html: str) -> str:
    """Sections 1 to 7 and Appendix A: the charter's prose.

    The title page's control table and the role cards are tables of values, checked by their
    own tests.
    """
    start = html.index("<h1>1. ")
    appendix_a = html.find("<h1>Appendix A")
    appendix_b = html.find("<h1>Appendix B")
    end = appendix_b if appendix_b > appendix_a else len(html)
    return html[start:end] if appendix_a >= 0 else html[start:]


def sentences(parts: list[tuple[str, str]]) -> Iterator[tuple[str, bool]]:
    """Each sentence with whether it may start in lower case (a list item after a colon).

    A lead-in ending in a colon and its list items make one sentence, so a qualifier said in
    the lead-in and again in an item is caught.
    """
    lead: str | None = None
    for tag, text in parts:
        if tag == "li" and lead is not None:
            yield f"{lead} {text}", False
            continue
        lead = text if tag == "p" and text.endswith(":") else None
        if lead is not None:
            continue
        for sentence in re.split(r"(?<=[.!?])\s+(?=\S)", text):
            yield sentence, tag in ("td", "th", "li")


_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Art|Arts|e\.g|i\.e|No|para|cf|Dr|St|approx|vs|Co|Inc|Ltd)|\b[A-Z])\.$"
)


def defects(html: str) -> list[str]:
    """What reads as a template bug in the drafted part of the charter."""
    found: list[str] = []
    parts = blocks(drafted_part(html))
    for tag, text in parts:
        checks: list[tuple[str, str]] = [
            (r"\b(\w+)\s+\1\b", "doubled word"),
            (r"\(\s*\)", "empty parentheses"),
            (r"\([^()]*\)\s+\([^()]*\)", "two brackets in a row"),
            (r"\b(?<![.,])1 (\w+ )?(months|days|hours|years|weeks|members)\b", "one, plural"),
            (r"\w\(s\)", "'(s)' for a plural"),
            (r"\b\d{4}-\d{2}-\d{2}\b", "ISO date"),
            (r"\bNone\b", "None"),
            (r"\bnan\b", "nan"),
            (r"\S {2,}\S", "double space"),
            (r" [.,;:]", "space before punctuation"),
        ]
        if tag not in ("td", "th"):
            checks.append((r"\bnot set\b", "placeholder 'not set' in prose"))
        for pattern, what in checks:
            flags = re.IGNORECASE if what == "doubled word" else 0
            match = re.search(pattern, text, flags)
            if match:
                found.append(f"{what} in <{tag}>: {text!r}")
        for match in re.finditer(r"confirm with counsel", text, re.IGNORECASE):
            before = text[: match.start()].rstrip()
            bracketed = before.count("(") > before.count(")")
            if not bracketed and before and before[-1] not in '.;:("“‘':
                found.append(f"dangling 'confirm with counsel' in <{tag}>: {text!r}")
    previous = ""
    for sentence, may_be_lower in sentences(parts):
        if len(re.findall(r"\bwithout\b[^.;]*?\bapproval\b", sentence)) > 1:
            found.append(f"qualifier said twice: {sentence!r}")
        first = next((ch for ch in sentence if ch.isalpha()), "")
        if first.islower() and not may_be_lower and not _ABBREVIATIONS.search(previous):
            found.append(f"sentence starts in lower case: {sentence!r}")
        previous = sentence
    return found


def rendered(charter: Charter) -> str:
    # The open points of section 7 are readiness messages, checked with the readiness rules.
    with mock.patch("wizards.readiness.check", return_value=[]):
        return render_charter(charter)


# ------------------------------------------------------------------ generated charters

_WORDS = [
    "harbour", "lights", "nordwald", "kreditbank", "meridian", "okafor", "whitfield",
    "müller", "o'neill", "dijk", "łódź", "ærø", "zoë",
    "山田", "花子", "فاطمة", "الزهراء", "Зоя", "Петрова", "Αθηνά", "नेहा",
]  # fmt: skip


@st.composite
def a_name(draw: st.DrawFn) -> str:
    """A name as people type it: any case, any script, short or long, or nothing at all."""
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12, unique=True))
    case = draw(st.sampled_from([str.lower, str.upper, str.title, str.capitalize]))
    name = case(" ".join(words))
    return draw(st.sampled_from(["", name, name, f"the {name}", f"The {name}"]))


def _set(path: str) -> Callable[[Charter, Any], None]:
    *parents, last = path.split(".")

    def setter(charter: Charter, value: Any) -> None:
        target: Any = charter
        for part in parents:
            target = getattr(target, part)
        setattr(target, last, value)

    setter.__name__ = path
    return setter


NAME_FIELDS = [
    "organisation.name",
    "organisation.sector",
    "executive.person.name",
    "executive.person.title",
    "executive.deputy.name",
    "executive.deputy.title",
    "executive.reports_to",
    "executive.time_allocation",
    "executive.authorities.budget_amount",
    "risk.set_by",
    "ethics.owner",
    "board.forum",
    "board.secretary",
    "board.chair",
    "board.decision_log",
    "board.assurance.first_line",
    "board.assurance.second_line",
    "board.assurance.third_line",
    "risk.intake.inventory",
    "meta.upkeep.breach_report_to",
    "meta.upkeep.amended_by",
    "meta.upkeep.editorial_by",
    "meta.upkeep.proposals_from",
]
FLAG_FIELDS = [
    "organisation.public_service",
    "organisation.nis2_entity",
    "organisation.dora_entity",
    "organisation.processes_personal_data",
    "executive.authorities.halt_systems",
    "executive.authorities.veto_deployments",
    "executive.authorities.approve_exceptions",
    "executive.authorities.budget",
]
LIST_FIELDS = [
    "organisation.systems",
    "organisation.jurisdictions",
    "risk.categories",
    "risk.prohibited_uses",
    "ethics.principles",
    "ethics.approvals",
    "ethics.literacy_measures",
    "incidents.severities",
    "incidents.roles",
    "incidents.clocks",
    "board.items",
    "board.pattern.months",
    "meta.definitions",
    "risk.authority",
    "risk.intake.checks",
    "risk.intake.supplier_checks",
    "board.members",
    "board.indicators",
]
OPTIONAL_FIELDS = [
    "meta.effective_date",
    "executive.term_start",
    "risk.last_reviewed",
    "ethics.review_date",
    "organisation.employees",
    "board.quorum",
]
PROSE_FIELDS = [
    "risk.statement",
    "executive.conflicts",
    "ethics.concerns_channel",
    "meta.upkeep.breach_consequences",
]


def _systems(charter: Charter, data: st.DataObject) -> None:
    for system in charter.organisation.systems:
        system.name = data.draw(a_name(), label="system name")
        system.risk_class = data.draw(st.sampled_from(list(RiskClass)), label="risk class")
        system.role = data.draw(st.sampled_from(list(SystemRole)), label="system role")
        system.annex_iii_point = data.draw(st.sampled_from(["", "4(a)", "5(b)", "2"]))


def _roles(charter: Charter, data: st.DataObject) -> None:
    for role in charter.incidents.roles:
        role.title = data.draw(a_name(), label="role title")
        role.person = data.draw(a_name(), label="role holder")


def _dates(charter: Charter, data: st.DataObject) -> None:
    day = data.draw(st.dates(dt.date(2025, 1, 1), dt.date(2031, 12, 31)), label="date")
    charter.meta.effective_date = day
    charter.executive.term_start = data.draw(st.sampled_from([None, day]), label="term start")
    charter.executive.term_months = data.draw(st.sampled_from([1, 12, 24, 36, 240]))
    charter.risk.review_months = data.draw(st.sampled_from([0, 1, 12, 24]))
    charter.executive.report_frequency = data.draw(st.sampled_from(list(Cadence)))
    charter.incidents.tabletop_months = data.draw(st.sampled_from([0, 6, 12]))


def _governance(charter: Charter, data: st.DataObject) -> None:
    """The governance answers typed in any case and script, emptied, or at their limits."""
    for rule in charter.risk.authority:
        for name in ("approve", "conditions", "escalate_to", "block"):
            setattr(rule, name, data.draw(a_name(), label=f"authority {name}"))
        rule.risk_class = data.draw(st.sampled_from(list(RiskClass)), label="rule class")
    for member in charter.board.members:
        member.name = data.draw(a_name(), label="member")
        member.role = data.draw(a_name(), label="member role")
        member.voting = data.draw(st.booleans(), label="votes")
    for indicator in charter.board.indicators:
        indicator.owner = data.draw(a_name(), label="indicator owner")
        indicator.commitment = data.draw(st.sampled_from(["", indicator.commitment]))
        indicator.cadence = data.draw(st.sampled_from(list(Cadence)), label="indicator cadence")
    for definition in charter.meta.definitions:
        definition.term = data.draw(a_name(), label="term")
    charter.board.quorum = data.draw(st.sampled_from([None, 1, 2, 7]), label="quorum")
    charter.board.minutes_days = data.draw(st.sampled_from([0, 1, 10, 90]), label="minutes")
    charter.meta.upkeep.breach_days = data.draw(st.sampled_from([0, 1, 5, 365]), label="days")
    charter.board.assurance.review_months = data.draw(st.sampled_from([0, 1, 24]), label="audit")
    charter.meta.review_months = data.draw(st.sampled_from([1, 12, 60]), label="review")


def mutate(charter: Charter, data: st.DataObject) -> Charter:
    for _ in range(data.draw(st.integers(0, 24), label="mutations")):
        kind = data.draw(st.sampled_from(["name", "flag", "list", "optional", "prose", "other"]))
        if kind == "name":
            field = data.draw(st.sampled_from(NAME_FIELDS))
            _set(field)(charter, data.draw(a_name(), label=field))
        elif kind == "flag":
            field = data.draw(st.sampled_from(FLAG_FIELDS))
            _set(field)(charter, data.draw(st.booleans(), label=field))
        elif kind == "list":
            _set(data.draw(st.sampled_from(LIST_FIELDS)))(charter, [])
        elif kind == "optional":
            _set(data.draw(st.sampled_from(OPTIONAL_FIELDS)))(charter, None)
        elif kind == "prose":
            _set(data.draw(st.sampled_from(PROSE_FIELDS)))(charter, "")
        else:
            action = data.draw(st.sampled_from([_systems, _roles, _dates, _governance]))
            action(charter, data)
    charter.organisation.ai_act_role = data.draw(st.sampled_from(list(AiActRole)))
    return charter


def a_charter(data: st.DataObject) -> Charter:
    base = data.draw(st.sampled_from(range(len(BASES))), label="base")
    return mutate(BASES[base].model_copy(deep=True), data)


# ------------------------------------------------------------------ the tests


@pytest.mark.parametrize("index", range(len(BASES)))
def test_the_bases_read_as_prose(index: int) -> None:
    assert defects(rendered(BASES[index])) == []


def test_an_empty_charter_reads_as_prose() -> None:
    assert defects(rendered(Charter())) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_charters_read_as_prose(data: st.DataObject) -> None:
    assert defects(rendered(a_charter(data))) == []


@pytest.mark.soak
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_charters_read_as_prose_soak(data: st.DataObject) -> None:
    assert defects(rendered(a_charter(data))) == []


# ------------------------------------------------------------------ the checker itself


@pytest.mark.parametrize(
    "sentence",
    [
        "<h1>1. X</h1><p>It works in the the sector.</p>",
        "<h1>1. X</h1><p>Held by ().</p>",
        "<h1>1. X</h1><p>The term ends on 2029-01-28.</p>",
        "<h1>1. X</h1><p>The leadership of  directs it.</p>",
        "<h1>1. X</h1><p>It reports to the board .</p>",
        "<h1>1. X</h1><p>It reports. the board listens.</p>",
        "<h1>1. X</h1><p>Owner: None.</p>",
        "<h1>1. X</h1><p>It is reviewed in full every 1 months.</p>",
        "<h1>1. X</h1><p>Within 1 working days.</p>",
        "<h1>1. X</h1><ul><li>In Germany: Federal Network Agency (Bundesnetzagentur) "
        "(confirm with counsel)</li></ul>",
        "<h1>1. X</h1><table><tr><td>Reporting begins for credit scoring<br>"
        "<span>confirm with counsel</span></td></tr></table>",
        "<h1>1. X</h1><p>It has the authority, without seeking further approval:</p>"
        "<ul><li>to halt any AI system, without prior approval.</li></ul>",
    ],
)
def test_the_checker_finds_each_defect(sentence: str) -> None:
    assert defects(sentence + "<h1>7. Approval</h1>") != []


@pytest.mark.parametrize(
    "sentence",
    [
        "<h1>1. X</h1><p>See Art. 27 of the Act (confirm with counsel).</p>",
        "<h1>1. X</h1><p>A date to check. Confirm with counsel.</p>",
        "<h1>1. X</h1><p>It may, without prior approval:</p><ul><li>halt a system;</li></ul>",
    ],
)
def test_the_checker_passes_good_prose(sentence: str) -> None:
    assert defects(sentence + "<h1>7. Approval</h1>") == []


# ------------------------------------------------------------------ sentences the issue names


def _text(charter: Charter) -> str:
    return " ".join(text for _, text in blocks(rendered(charter)))


def _example(stem: str) -> Charter:
    return next(load(p) for p in example_files() if p.name.startswith(stem))


def test_size_and_sector_do_not_run_together() -> None:
    text = _text(_example("charity"))
    assert "employs about 40 people and works in charitable support" in text
    assert "families with about 40 people" not in text


def test_jurisdictions_are_a_sentence_with_the_article_where_english_needs_it() -> None:
    text = _text(_example("eu-lender"))
    assert "applies to its work in Germany, Austria and the Netherlands." in text
    assert "Jurisdictions covered:" not in text


def test_who_set_the_appetite_is_not_a_parenthesis() -> None:
    text = _text(_example("eu-lender"))
    assert "The leadership team (" not in text
    assert "was set by the Management Board, approved by the Risk Committee" in text
    assert "of the Supervisory Board. It must be reviewed every 12 months and was last" in text


def test_the_appetite_scale_speaks_of_whom_the_organisation_serves() -> None:
    charity, lender = _text(_example("charity")), _text(_example("eu-lender"))
    assert "customers" not in charity.split("3.2 The appetite scale")[1].split("3.3")[0]
    assert "away from the people it supports and the public" in charity
    assert "away from customers and the public" in lender


def test_the_term_ends_on_the_same_day_everywhere() -> None:
    charter = _example("charity")
    end = charter.executive.term_end(charter.meta.effective_date)
    assert end == dt.date(2029, 1, 27)  # 24 months from 28 January 2027, last day in office
    text = _text(charter)
    assert text.count("to 27 January 2029") == 2  # section 2.2 and the resolution
    assert "28 January 2029" not in text


def test_system_names_inside_a_sentence() -> None:
    from wizards.render import mid_sentence

    assert mid_sentence("Retail credit scoring") == "retail credit scoring"
    assert mid_sentence("CV screening") == "CV screening"
    assert mid_sentence("Nora customer assistant") == "Nora customer assistant"
    assert mid_sentence("ScoreLine Retail 4") == "ScoreLine Retail 4"
    assert mid_sentence("Credit Scoring Engine") == "Credit Scoring Engine"


_OWN_TEMPLATES = [
    "charter.html.j2",
    *(
        f"sections/{name}.html.j2"
        for name in ("organisation", "executive", "risk", "ethics", "incidents", "board")
    ),
]


@pytest.mark.parametrize("name", _OWN_TEMPLATES)
def test_one_voice_in_the_templates(name: str) -> None:
    from wizards.paths import template_dir

    source = (template_dir() / name).read_text(encoding="utf-8")
    words = re.sub(r"{[{%#].*?[}%#]}", " ", source, flags=re.DOTALL)
    words = re.sub(r"<[^>]+>", " ", words)
    assert not re.search(r"\b(we|our|us|ours)\b", words, re.IGNORECASE), "third person only"
    assert not re.search(r"\bshall\b", words), "obligations are 'must'"
    assert "responsible executive" not in words.casefold(), "the accountable executive"


@pytest.mark.parametrize("index", range(len(BASES)))
def test_readiness_messages_read_as_prose(index: int) -> None:
    from wizards.readiness import check
    from wizards.render import long_date, mid_sentence

    charter = BASES[index]
    end = charter.executive.term_end(charter.meta.effective_date)
    names = [s.name for s in charter.organisation.systems if s.name[:1].isupper()]
    for finding in check(charter):
        message = finding.message
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", message), message
        if "term ends on" in message and end is not None:
            assert f"term ends on {long_date(end)}" in message, message
        for name in names:
            if mid_sentence(name) != name:
                assert not re.search(rf"\w [^.]*\b{re.escape(name)}", message), message


def _from_defaults(sector: str, **flags: Any) -> Charter:
    from wizards.model import AiSystem, Organisation, OrgSize
    from wizards.presets import apply_defaults

    system = AiSystem(name="Scoring", risk_class=RiskClass.HIGH, annex_iii_point="5(b)")
    org = Organisation(
        name="Acme", sector=sector, size=OrgSize.LARGE, jurisdictions=["Germany"], **flags
    )
    charter = Charter(organisation=org)
    charter.organisation.systems.append(system)
    return apply_defaults(charter)


DEFAULT_CHARTERS = [
    ("Software", {}),
    ("Retail banking", {"dora_entity": True, "nis2_entity": True}),
    ("Charity", {}),
    ("Local government", {"public_service": True}),
    ("Hospital care", {}),
]


@pytest.mark.parametrize(
    ("sector", "flags"), DEFAULT_CHARTERS, ids=[s for s, _ in DEFAULT_CHARTERS]
)
def test_a_charter_from_the_defaults_names_one_executive(
    sector: str, flags: dict[str, Any]
) -> None:
    text = " ".join(t for _, t in blocks(drafted_part(rendered(_from_defaults(sector, **flags)))))
    assert "responsible executive" not in text.casefold()
    assert "accountable executive" in text.casefold()
    first_person = re.findall(r"[^.]*\b(?:we|our|us)\b[^.]*", text, re.IGNORECASE)
    assert first_person == [], "the organisation in the third person"


def test_the_default_clocks_speak_of_the_organisation_not_we() -> None:
    charter = _from_defaults("Retail banking", dora_entity=True, nis2_entity=True)
    for clock in charter.incidents.clocks:
        for text in (clock.trigger, clock.deadline, clock.notify):
            assert not re.search(r"\b(we|our|us)\b", text, re.IGNORECASE), text


def test_the_default_risk_statement_speaks_of_the_organisation_not_we() -> None:
    for sector, flags in DEFAULT_CHARTERS:
        statement = _from_defaults(sector, **flags).risk.statement
        assert not re.search(r"\b(we|our|us)\b", statement, re.IGNORECASE), statement


# The generated charters also start from the defaults the wizard offers, and from the complete
# charter with its governance sections filled by them.
BASES.extend(_from_defaults(sector, **flags) for sector, flags in DEFAULT_CHARTERS)
BASES.append(apply_defaults(BASES[0]))


@pytest.mark.parametrize(
    "step", ["ORGANISATION", "EXECUTIVE", "RISK", "ETHICS", "INCIDENTS", "BOARD"]
)
@pytest.mark.parametrize("charter", [Charter(), BASES[0]], ids=["empty", "complete"])
def test_the_live_preview_of_each_step_reads_as_prose(step: str, charter: Charter) -> None:
    from wizards.render import render_section
    from wizards.steps import Step

    section = render_section(charter, Step[step])
    assert defects(f"<h1>1. Preview</h1>{section}<h1>7. End</h1>") == []


GOVERNANCE_HEADINGS = [
    "1.2 Definitions",
    "3.5 Approval authority for new AI uses",
    "3.6 Intake gate and supplier due diligence",
    "6.1 Membership and meetings",
    "6.2 Reporting calendar",
    "6.3 The three lines",
    "6.4 Evidence and indicators",
    "6.5 Breach of the charter",
    "6.6 Review and amendment",
]


@pytest.mark.parametrize("charter", [Charter(), BASES[-1]], ids=["empty", "governed"])
def test_the_governance_sections_are_printed_in_order(charter: Charter) -> None:
    headings = [t for tag, t in blocks(rendered(charter)) if tag == "h2"]
    found = [h for h in headings if h in GOVERNANCE_HEADINGS]
    assert found == GOVERNANCE_HEADINGS


def test_empty_governance_answers_say_what_is_missing() -> None:
    text = _text(Charter())
    assert "No terms have been defined for this charter yet" in text
    assert "No approval authority has been set for new uses of AI" in text
    assert "No intake checks have been set yet" in text
    assert "The chair and the members of the board have not been recorded yet." in text
    assert "No quorum has been set for its decisions on AI." in text
    assert "No indicators have been set yet" in text
    assert "No one has been named yet for the three lines" in text
    assert "Not named" not in text


def test_the_governed_charter_names_its_own_bodies() -> None:
    charter = BASES[-1]
    text = _text(charter)
    forum = charter.board.forum
    assert f"must report the breach to the {forum} within 5 working days" in text
    assert "takes effect only when" in text and "approves it" in text
    assert "Acceptance of a risk beyond the appetite stays with" in text
