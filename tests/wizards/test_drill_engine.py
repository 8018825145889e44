"""The drill engine: every scenario on every example charter, played well and played badly."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tests.conftest import example_files
from wizards.answers import load
from wizards.drill import clock
from wizards.drill.engine import BOARD, Decision, Drill, load_decisions
from wizards.drill.scenario import Scenario, fits, scenario, scenarios
from wizards.model import Charter

EXAMPLES = {path.name.split(".")[0]: path for path in example_files()}
LENDER = "eu-lender-credit-scoring"
CHARITY = "charity-generative-ai"
CONSULTANT = "consultant-client-multiscript"
MONDAY = dt.date(2027, 3, 1)
"""The drills below start in the week from Monday 1 March 2027 (before summer time)."""


def charter(name: str) -> Charter:
    return load(EXAMPLES[name])


def drill(name: str, key: str) -> Drill:
    return Drill(charter(name), scenario(key), today=MONDAY)


def well_run(d: Drill) -> list[Decision]:
    """A team that does everything the charter asks, as soon as the facts call for it."""
    out: list[Decision] = []
    levels = d.charter.incidents.severities
    clock_keys = {c.key for c in d.charter.incidents.clocks if c.applies}
    for inject in d.injects:
        at = inject.at_hours
        if inject.severity is not None and levels:
            level = levels[min(inject.severity, len(levels)) - 1]
            out.append(Decision(at_hours=at, kind="severity", target=level.level))
            out += [Decision(at_hours=at, kind="call", target=k) for k in level.escalate_to]
            if level.board_hours is not None:
                out.append(Decision(at_hours=at, kind="tell", target=BOARD, note="Chair briefed"))
        if at == 0:
            out.append(Decision(at_hours=at, kind="call", target="incident-commander"))
            if d.scenario.suspend and d.system is not None:
                out.append(Decision(at_hours=at, kind="suspend", target=d.system.name))
        for key in inject.clocks:
            found = d._charter_clock(key)
            if found is not None and found[1].key in clock_keys:
                out.append(Decision(at_hours=at, kind="start_clock", target=found[1].key))
                out.append(Decision(at_hours=at, kind="file", target=found[1].key))
    return out


def badly_run(d: Drill) -> list[Decision]:
    """A team that rates the incident too low, calls nobody and starts the clocks at the end."""
    end = d.injects[-1].at_hours
    levels = d.charter.incidents.severities
    out = [Decision(at_hours=end, kind="severity", target=levels[-1].level)] if levels else []
    for c in d.charter.incidents.clocks:
        if c.applies:
            out.append(Decision(at_hours=end, kind="start_clock", target=c.key))
    return out


PAIRS = [
    pytest.param(name, s.key, id=f"{name}:{s.key}")
    for name, s in itertools.product(sorted(EXAMPLES), scenarios())
    if fits(charter(name), s)
]


def test_each_scenario_fits_where_its_story_makes_sense() -> None:
    fitting = {name: {s.key for s in scenarios() if fits(charter(name), s)} for name in EXAMPLES}
    assert "biased-scoring-found-outside" in fitting[LENDER]
    assert "biased-scoring-found-outside" in fitting[CONSULTANT]  # CV screening is high-risk
    assert "biased-scoring-found-outside" not in fitting[CHARITY]  # nothing high-risk there
    assert "essential-service-failure" in fitting[LENDER]  # DORA
    assert "essential-service-failure" not in fitting[CHARITY] | fitting[CONSULTANT]
    assert "assistant-harmful-advice" in fitting[LENDER]
    assert "assistant-harmful-advice" not in fitting[CONSULTANT]  # no assistant or chatbot
    assert {"deepfake-executive-fraud", "staff-paste-personal-data"} <= set.intersection(
        *fitting.values()
    )


@pytest.mark.parametrize(("name", "key"), PAIRS)
def test_a_well_run_drill_meets_every_clock_and_escalation(name: str, key: str) -> None:
    d = drill(name, key)
    d.replay(well_run(d))
    outcome = d.outcome()
    assert outcome.clocks_missed == []
    assert all(c.status in ("met", "no deadline") for c in outcome.clocks), outcome.clocks
    uncovered = {g.field for g in outcome.gaps if g.rule == "drill-role-uncovered"}
    for e in outcome.escalations:
        # The only calls a well-run team cannot make are to roles nobody can take.
        assert e.status in ("on time", "unreached"), e
        if e.status == "unreached":
            assert uncovered
    assert not [o for o in outcome.observations if "never" in o or "No severity" in o]
    for gap in outcome.gaps:
        assert gap.message[0].isupper() and gap.fix.strip() and gap.reference.strip()
        assert gap.step.title and gap.field


@pytest.mark.parametrize(("name", "key"), PAIRS)
def test_a_badly_run_drill_is_late_everywhere(name: str, key: str) -> None:
    d = drill(name, key)
    d.replay(badly_run(d))
    outcome = d.outcome()
    end = outcome.end_hours
    assert outcome.escalations, "every scenario warrants some escalation"
    for e in outcome.escalations:
        if e.due_at is not None and e.due_at <= end:
            assert e.status in ("late", "never", "unreached"), e
    for run in outcome.clocks:
        if run.deadline_at is not None and run.deadline_at <= end:
            assert run.status == "missed", run
        if run.aware_at is not None and run.aware_at < end:
            assert any(run.label in o and "was started at" in o for o in outcome.observations)
    assert any("never rated above" in o or "warranted" in o for o in outcome.observations)
    # The gaps in the charter do not depend on how the team played.
    good = drill(name, key)
    good.replay(well_run(good))
    assert {g.rule for g in outcome.gaps} >= {g.rule for g in good.outcome().gaps} - {
        "drill-two-roles"  # a stand-in asked by the team can add one; the charter's stay
    }


def rules(name: str, key: str) -> dict[str, list[str]]:
    d = drill(name, key)
    d.replay(well_run(d))
    found: dict[str, list[str]] = {}
    for g in d.outcome().gaps:
        found.setdefault(g.rule, []).append(g.message)
    return found


def test_the_lenders_commander_owns_the_scoring_system() -> None:
    d = drill(LENDER, "biased-scoring-found-outside")
    d.replay(well_run(d))
    gaps = {g.rule: g for g in d.outcome().gaps}
    owns = gaps["drill-commander-owns-system"]
    assert "Markus Lehmann" in owns.message and "Retail credit scoring" in owns.message
    assert owns.field == "incidents.roles[0].person" and owns.step.title == "Incident roles"
    halt = gaps["drill-cannot-halt"]
    assert "Katharina Brandt" in halt.message
    assert halt.field == "executive.authorities.halt_systems"


def test_the_charitys_deputy_executive_is_also_its_commander() -> None:
    found = rules(CHARITY, "deepfake-executive-fraud")
    (two,) = [m for m in found["drill-two-roles"] if "Tom Whitfield" in m]
    assert "Incident commander" in two and "Accountable executive" in two


def test_both_lawyers_at_court_leave_legal_counsel_uncovered() -> None:
    found = rules(LENDER, "assistant-leaks-personal-data")
    (message,) = found["drill-role-uncovered"]
    assert "Legal counsel" in message and "Lena Horvath" in message


def test_a_clock_the_charter_lacks_is_a_gap() -> None:
    c = charter(LENDER)
    c.incidents.clocks = [k for k in c.incidents.clocks if k.key != "gdpr-33"]
    d = Drill(c, scenario("staff-paste-personal-data"), today=MONDAY)
    d.replay([])
    (gap,) = [g for g in d.outcome().gaps if g.rule == "drill-clock-missing"]
    assert "GDPR Art. 33" in gap.message and gap.field == "incidents.clocks"


def test_a_role_the_matrix_names_but_the_charter_lacks_is_a_gap() -> None:
    c = charter(LENDER)
    c.incidents.roles = [r for r in c.incidents.roles if r.key != "communications-lead"]
    d = Drill(c, scenario("biased-scoring-found-outside"), today=MONDAY)
    d.replay([])
    (gap,) = [g for g in d.outcome().gaps if g.rule == "drill-role-missing"]
    assert gap.field == "incidents.severities[0].escalate_to"


def test_the_gdpr_clock_runs_from_the_report_not_from_the_decision() -> None:
    d = drill(LENDER, "staff-paste-personal-data")
    assert clock.local_text(d.start) == "Monday 1 March 2027, 09:00 CET"
    d.replay([Decision(at_hours=27, kind="start_clock", target="gdpr-33")])
    (run,) = [r for r in d.outcome().clocks if r.key == "gdpr-33"]
    assert run.aware_at == 0 and run.from_at == 0 and run.team_started_at == 27
    assert run.deadline is not None
    assert clock.local_text(run.deadline) == "Thursday 4 March 2027, 09:00 CET"
    assert run.status == "running" and run.left_at(70) == pytest.approx(2)
    assert any("was started at T+27 h, but it ran from T+0" in o for o in d.outcome().observations)


def test_dora_initial_counts_from_classification_within_24_hours_of_awareness() -> None:
    d = drill(LENDER, "essential-service-failure")
    assert clock.local_text(d.start) == "Sunday 7 March 2027, 23:00 CET"
    d.replay([Decision(at_hours=3, kind="start_clock", target="dora-initial")])
    (initial,) = [r for r in d.outcome().clocks if r.key == "dora-initial"]
    assert initial.aware_at == 2 and initial.deadline_at == 7  # classified at T+3, plus 4 h
    late = drill(LENDER, "essential-service-failure")
    late.replay([Decision(at_hours=25, kind="start_clock", target="dora-initial")])
    (capped,) = [r for r in late.outcome().clocks if r.key == "dora-initial"]
    assert capped.deadline_at == 26  # never later than 24 h after awareness (T+2)
    assert capped.status == "missed"
    final = next(r for r in d.outcome().clocks if r.key == "dora-final")
    assert final.deadline is not None  # one calendar month, across the change to summer time
    assert clock.local_text(final.deadline) == "Thursday 8 April 2027, 01:00 CEST"


def test_escalations_count_from_when_the_facts_warranted_the_level() -> None:
    d = drill(LENDER, "biased-scoring-found-outside")
    d.replay(
        [
            Decision(at_hours=18, kind="severity", target="SEV-1"),
            Decision(at_hours=18, kind="call", target="accountable-executive"),
        ]
    )
    (executive,) = [e for e in d.outcome().escalations if e.role == "accountable-executive"]
    # SEV-2 was warranted at T+0: four hours to the executive, so due at T+4.
    assert executive.warranted_at == 0 and executive.due_at == 4
    assert executive.status == "late" and executive.reached == "Dr Katharina Brandt"


def test_a_call_while_holder_and_deputy_are_away_reaches_nobody() -> None:
    d = drill(LENDER, "assistant-leaks-personal-data")
    d.replay(
        [
            Decision(at_hours=3, kind="severity", target="SEV-1"),
            Decision(at_hours=3, kind="call", target="legal-counsel"),
        ]
    )
    (legal,) = [e for e in d.outcome().escalations if e.role == "legal-counsel"]
    assert legal.status == "unreached" and legal.reached == ""
    acting = d.acting(d.roles[4], 3)
    assert acting.who == "nobody" and "court hearing" in acting.why


def test_an_unreachable_holder_hands_the_role_to_the_deputy() -> None:
    d = drill(LENDER, "deepfake-executive-fraud")
    executive = d.roles[8]
    assert d.acting(executive, 1.5).person == "Jeroen van Dijk"
    assert d.acting(executive, 1.5).who == "deputy"
    assert d.acting(executive, 16).person == "Dr Katharina Brandt"


def test_a_stand_in_holding_a_second_role_is_found() -> None:
    d = drill(LENDER, "staff-paste-personal-data")
    d.replay(
        [
            Decision(at_hours=0, kind="call", target="incident-commander"),
            Decision(
                at_hours=0, kind="call", target="data-protection-officer", person="Markus Lehmann"
            ),
        ]
    )
    two = [g for g in d.outcome().gaps if g.rule == "drill-two-roles"]
    assert two and "Markus Lehmann" in two[0].message


def test_the_screen_shows_only_the_clocks_the_team_started() -> None:
    d = drill(LENDER, "staff-paste-personal-data")
    assert d.snapshot().clocks == []
    d.record("start_clock", "gdpr-33")
    (run,) = d.snapshot().clocks
    assert run.key == "gdpr-33" and run.left_at(0) == 72
    d.advance()
    d.advance()
    snap = d.snapshot()
    assert snap.at_hours == 27 and snap.inject.label == "T+27 h"
    assert clock.time_left(snap.clocks[0].left_at(snap.at_hours) or 0) == "45 h left"
    assert snap.position == 2 and snap.total == 4
    involved = {r.key: r for r in snap.involved}
    dpo = involved["data-protection-officer"].acting
    assert (dpo.person, dpo.who) == ("Tobias Wolf", "deputy")  # Elisabeth Maier is back at T+30
    assert d.undo() is not None and d.snapshot().clocks == []


def test_the_record_kept_in_the_charter() -> None:
    d = drill(LENDER, "biased-scoring-found-outside")
    d.replay(badly_run(d))
    outcome = d.outcome()
    record = outcome.record(dt.date(2027, 3, 4))
    assert record.scenario == "biased-scoring-found-outside" and record.date.day == 4
    assert record.gaps == len(outcome.gaps) and record.escalations_late >= 5


def test_decisions_file_errors_name_the_place() -> None:
    with pytest.raises(ValueError, match=r"decisions\.json: at \$\.decisions\[0\]\.kind"):
        load_decisions('[{"at_hours": 1, "kind": "panic"}]', "decisions.json")
    with pytest.raises(ValueError, match="not valid JSON"):
        load_decisions("{", "decisions.json")
    log = load_decisions(
        '{"scenario": "x", "start": "2027-03-05T16:30:00+01:00", "decisions": []}', "d.json"
    )
    assert log.start is not None and log.start.utcoffset() == dt.timedelta(hours=1)


def test_every_scenario_reads_with_the_charters_words() -> None:
    for name, key in ((p.values[0], p.values[1]) for p in PAIRS):
        d = drill(name, key)
        for inject in d.injects:
            assert "{" not in inject.text and "}" not in inject.text
        assert isinstance(scenario(key), Scenario)


def test_nis2_clocks_for_an_essential_entity_count_from_awareness() -> None:
    from wizards.model import RegulatoryClock

    c = charter(LENDER)
    c.organisation.nis2_entity = True
    c.incidents.clocks = [k for k in c.incidents.clocks if not k.key.startswith("nis2")] + [
        RegulatoryClock(key="nis2-early-warning", regime="NIS2 Art. 23(4)", deadline="24 hours",
                        hours=24, owner_role="regulatory-reporting-owner"),
        RegulatoryClock(key="nis2-notification", regime="NIS2 Art. 23(4)", deadline="72 hours",
                        hours=72, owner_role="regulatory-reporting-owner"),
        RegulatoryClock(key="nis2-final-report", regime="NIS2 Art. 23(4)",
                        deadline="Within one month", owner_role="regulatory-reporting-owner"),
    ]  # fmt: skip
    d = Drill(c, scenario("essential-service-failure"), today=MONDAY)
    d.replay([Decision(at_hours=20, kind="file", target="nis2-early-warning")])
    runs = {r.key: r for r in d.outcome().clocks}
    # Aware at T+2: Monday 8 March 2027, 01:00 CET.
    assert (
        runs["nis2-early-warning"].deadline_at == 26 and runs["nis2-early-warning"].status == "met"
    )
    assert runs["nis2-notification"].deadline_at == 74
    final = runs["nis2-final-report"].deadline
    assert final is not None and clock.local_text(final) == "Thursday 8 April 2027, 01:00 CEST"
    # The regulatory reporting owner is asleep until T+9: the deputy takes the role.
    owner = next(r for r in d.involved(2) if r.key == "regulatory-reporting-owner")
    assert (owner.acting.person, owner.acting.who) == ("Marie Lindner", "deputy")


def test_a_public_body_gets_the_essential_service_story() -> None:
    c = charter(CHARITY)
    assert not fits(c, scenario("essential-service-failure"))
    c.organisation.public_service = True
    assert fits(c, scenario("essential-service-failure"))


def test_an_empty_charter_still_drills_and_shows_what_is_missing() -> None:
    empty = Charter()
    d = Drill(empty, scenario("deepfake-executive-fraud"), today=MONDAY)
    d.replay([Decision(at_hours=0, kind="severity", target="SEV-1")])
    found = {g.rule: g.field for g in d.outcome().gaps}
    assert found["drill-no-severities"] == "incidents.severities"
    assert found["drill-role-missing"] == "incidents.roles"
    assert d.outcome().escalations == [] and d.snapshot().involved[0].acting.who == "nobody"
