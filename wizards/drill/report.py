"""The drill report: its context from a finished drill, its HTML, and the Word file.

The report goes through the same pipeline as the charter: a Jinja2 template in ``templates/``
renders semantic HTML, and the Word writer maps it onto the styles of the reference document, so
a consultant's branding applies to it as to every other document.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from wizards.build import Branding, BuildError, check_output_dir, slug
from wizards.docx_writer import DocumentProperties, DocxWriteError, Look, write_docx
from wizards.drill import clock
from wizards.drill.engine import BOARD, KIND_WORDS, ClockRun, Decision, Escalation, Outcome
from wizards.field_names import describe
from wizards.model import Charter
from wizards.paths import resource_path
from wizards.render import _render, long_date

REPORT_TEMPLATE = "drill_report.html.j2"

_CLOCK_RESULT = {
    "met": "Met",
    "late": "Late",
    "missed": "Missed",
    "running": "Still running",
    "no deadline": "No fixed deadline",
}
_ESCALATION_RESULT = {
    "on time": "In time",
    "late": "Late",
    "never": "Never made",
    "due": "Not yet due",
    "unreached": "Nobody reached",
}


def _t(hours: float | None, outcome: Outcome) -> str:
    if hours is None:
        return ""
    return f"{clock.t_label(hours)}, {clock.short_text(clock.after_hours(outcome.start, hours))}"


def _decision_text(d: Decision, outcome: Outcome) -> str:
    roles = {r.key: r for r in outcome.charter.incidents.roles}
    clocks = {c.key: c for c in outcome.charter.incidents.clocks}
    target = d.target
    if d.kind in ("call", "action") and target in roles:
        role = roles[target]
        who = d.person.strip() or role.person
        target = f"{role.title} ({who})" if who else role.title
    elif d.kind in ("start_clock", "file") and target in clocks:
        target = clocks[target].regime or target
    elif d.kind == "tell" and target == BOARD:
        target = outcome.charter.board.forum or "the board"
    text = f"{KIND_WORDS[d.kind]}: {target}" if target else KIND_WORDS[d.kind]
    note = d.note.strip()
    if note and note[-1] not in ".!?":
        note += "."
    when = f"{clock.t_label(d.at_hours)}: " if d.at_hours not in _inject_times(outcome) else ""
    return f"{when}{text}. {note}" if note else f"{when}{text}."


def _inject_times(outcome: Outcome) -> set[float]:
    return {i.at_hours for i in outcome.injects}


_ROLE_FIELD = re.compile(r"^incidents\.roles\[(\d+)\]\.(person|deputy)$")
_SEVERITY_FIELD = re.compile(r"^incidents\.severities\[(\d+)\]\.(\w+)$")
_CLOCK_FIELD = re.compile(r"^incidents\.clocks\[(\d+)\]\.owner_role$")
_PLAIN_FIELDS = {
    "executive.authorities.halt_systems": "the executive's authority to halt AI systems",
    "incidents.clocks": "the regulatory clocks",
    "incidents.roles": "the incident roles",
}


def _where(field: str, charter: Charter) -> str:
    """The answer that fixes a gap, in words that name the role, level or clock."""
    if field in _PLAIN_FIELDS:
        return _PLAIN_FIELDS[field]
    inc = charter.incidents
    if (m := _ROLE_FIELD.match(field)) and int(m.group(1)) < len(inc.roles):
        title = inc.roles[int(m.group(1))].title
        return (
            f"who holds the role '{title}'"
            if m.group(2) == "person"
            else (f"the deputy for the role '{title}'")
        )
    if (m := _SEVERITY_FIELD.match(field)) and int(m.group(1)) < len(inc.severities):
        level = inc.severities[int(m.group(1))].level
        if m.group(2) == "escalate_to":
            return f"whom {level} escalates to"
        return f"the hours to inform the executive at {level}"
    if (m := _CLOCK_FIELD.match(field)) and int(m.group(1)) < len(inc.clocks):
        return f"the owner role of the clock {inc.clocks[int(m.group(1))].regime}"
    return describe("$." + field)


def _clock_row(run: ClockRun, outcome: Outcome) -> dict[str, str]:
    end = outcome.end_hours
    if run.status == "met":
        result = "Met: filed " + clock.t_span(run.deadline_at - run.filed_at)  # type: ignore[operator]
        result += " before the deadline."
    elif run.status == "late":
        over = run.filed_at - run.deadline_at  # type: ignore[operator]
        result = f"Late: filed {clock.t_span(over)} after the deadline."
    elif run.status == "missed":
        result = "Missed: the deadline passed with no report."
    elif run.status == "running":
        left = run.deadline_at - end  # type: ignore[operator]
        result = f"Not filed by the end of the drill, with {clock.time_left(left)}."
    elif run.filed_at is not None:
        result = f"Done at {clock.t_label(run.filed_at)}."
    else:
        result = "Never done."
    if run.aware_at is None:
        noticed = "when the team started it"
    elif run.team_started_at is None:
        noticed = "when the facts came in; the team never started it"
    elif run.team_started_at <= run.aware_at:
        noticed = "when the facts came in; the team started it at once"
    else:
        late_by = clock.t_span(run.team_started_at - run.aware_at)
        noticed = (
            f"when the facts came in; the team started it at "
            f"{clock.t_label(run.team_started_at)}, {late_by} late"
        )
    return {
        "clock": f"{run.label}",
        "regime": run.regime,
        "owner": run.owner or run.owner_role,
        "runs": (
            f"{run.period.words().capitalize()} from {_t(run.from_at, outcome)}"
            if run.period.fixed
            else f"Without undue delay, from {_t(run.from_at, outcome)}"
        )
        + f", {noticed}.",
        "deadline": clock.local_text(run.deadline) if run.deadline else "Without undue delay",
        "filed": _t(run.filed_at, outcome) or "Not filed",
        "status": run.status,
        "result_word": _CLOCK_RESULT[run.status],
        "result": result,
    }


def _escalation_row(e: Escalation, outcome: Outcome) -> dict[str, str]:
    if e.status == "late" and e.due_at is not None and e.made_at is not None:
        result = f"Late by {clock.t_span(e.made_at - e.due_at)}"
    else:
        result = _ESCALATION_RESULT[e.status]
    return {
        "role": e.title,
        "level": e.level,
        "due": _t(e.due_at, outcome) or "no time set",
        "made": (_t(e.made_at, outcome) + (f" ({e.reached})" if e.reached else ""))
        if e.made_at is not None
        else "Not made",
        "status": e.status,
        "result": result,
    }


def report_context(outcome: Outcome, drill_date: dt.date) -> dict[str, Any]:
    """Everything the drill report template prints.

    Args:
        outcome: The finished drill.
        drill_date: The day the drill was run (not the simulated dates).
    """
    charter = outcome.charter
    decisions = list(outcome.decisions)
    timeline: list[dict[str, Any]] = []
    for index, inject in enumerate(outcome.injects):
        until = outcome.injects[index + 1].at_hours if index + 1 < len(outcome.injects) else None
        taken = [d for d in decisions if until is None or d.at_hours < until]
        decisions = decisions[len(taken) :]
        timeline.append(
            {
                "when": _t(inject.at_hours, outcome),
                "text": inject.text,
                "decisions": [_decision_text(d, outcome) for d in taken],
            }
        )
    gaps = [
        {
            "message": g.message,
            "fix": g.fix,
            "where": f"Step {int(g.step) + 1}, {g.step.title}: {_where(g.field, charter)}",
            "reference": g.reference,
        }
        for g in outcome.gaps
    ]
    clocks = [_clock_row(run, outcome) for run in outcome.clocks]
    escalations = [_escalation_row(e, outcome) for e in outcome.escalations]
    late = [row for row in escalations if row["status"] in ("late", "never", "unreached")]
    missed = [row for row in clocks if row["status"] in ("late", "missed")]
    at_risk = [row for row in clocks if row["status"] == "running"]
    return {
        "org": charter.organisation.name or "The organisation",
        "doc": {"title": charter.meta.title, "version": charter.meta.version},
        "scenario": outcome.scenario,
        "system": outcome.system.name if outcome.system else "",
        "drill_date": long_date(drill_date),
        "start": clock.local_text(outcome.start),
        "end": clock.local_text(clock.after_hours(outcome.start, outcome.end_hours)),
        "length": clock.t_span(outcome.end_hours),
        "timeline": timeline,
        "clocks": clocks,
        "escalations": escalations,
        "late": late,
        "missed": missed,
        "at_risk": at_risk,
        "observations": outcome.observations,
        "gaps": gaps,
        "follow_ups": outcome.follow_ups,
        "unreachable": outcome.unreachable,
        "decision_count": len(outcome.decisions),
        "source": outcome.scenario.source,
        "as_of": long_date(outcome.scenario.as_of),
    }


def render_report(
    outcome: Outcome, drill_date: dt.date, *, user_templates: Path | None = None
) -> str:
    """The drill report as semantic HTML."""
    return _render(REPORT_TEMPLATE, report_context(outcome, drill_date), user_templates)


def report_name(outcome: Outcome, drill_date: dt.date) -> str:
    """File name of the report: organisation, scenario and date."""
    org = slug(outcome.charter.organisation.name, "charter")
    return f"{org}-drill-{outcome.scenario.key}-{drill_date.isoformat()}.docx"


def write_report(
    outcome: Outcome,
    out_dir: Path,
    drill_date: dt.date,
    *,
    branding: Branding | None = None,
) -> tuple[Path, list[str]]:
    """Write the drill report in Word into ``out_dir``; returns its path and any warnings.

    Raises:
        BuildError: When the folder or the file cannot be written.
        wizards.render.RenderError: When a template is broken.
    """
    branding = branding or Branding()
    out_dir = Path(out_dir)
    check_output_dir(out_dir)
    reference = branding.reference_docx or resource_path("reference.docx")
    if not reference.is_file():
        raise BuildError(f"The reference Word file {reference} does not exist.")
    html = render_report(outcome, drill_date, user_templates=branding.templates)
    charter = outcome.charter
    org = charter.organisation.name
    props = DocumentProperties(
        title=f"Incident drill report: {org}" if org else "Incident drill report",
        # The footer prints the subject beside "Page n of N": short enough for one line.
        subject=f"Drill of {long_date(drill_date)} on charter version {charter.meta.version}",
        author=charter.meta.author or charter.executive.person.name,
        keywords="AI governance, incident drill, tabletop exercise",
    )
    path = out_dir / report_name(outcome, drill_date)
    try:
        warnings = write_docx(
            html, path, reference, props, Look(accent=branding.accent, logo=branding.logo)
        )
    except DocxWriteError as error:
        raise BuildError(str(error)) from None
    except PermissionError:
        raise BuildError(
            f"Cannot write {path}: permission denied. If the file is open in Word, close it and "
            "try again."
        ) from None
    except OSError as error:
        raise BuildError(f"Cannot write {path}: {error.strerror or error}.") from None
    return path, warnings
