"""The drill engine: a simulated clock through a scenario's injects, judged against the charter.

The team records decisions at simulated times (a severity chosen, a role called, a system
suspended, a clock started, a report filed, someone told something, a follow-up action). From the
charter and the scenario the engine derives, at any moment:

* the escalations due by the charter's severity matrix, counted from the moment the facts
  warranted the level (or from the team's own choice of a level, when that came first), and
  whether the call was made in time;
* every regulatory clock of the charter's clock table that the facts started, counted from the
  moment of awareness in calendar time, whether or not the team noticed it; and the ones the team
  started itself;
* who acts in each role now (the holder, or the deputy while the holder cannot be reached, or
  nobody), people asked to hold two roles at once, and roles nobody can take;
* the gaps in the charter the drill exposes, each pointing at the field that fixes it, as the
  readiness findings do.

Everything is computed from the decisions recorded so far; nothing is kept that the decisions
do not determine, so a recorded drill replays to the same result.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wizards import catalogues
from wizards.answers import Problem, json_path
from wizards.drill import clock
from wizards.drill.scenario import Scenario, Unreachable, affected_system, charter_has, words_for
from wizards.model import AiSystem, Charter, DrillRecord, IncidentRole, RegulatoryClock, RiskClass
from wizards.presets import applies
from wizards.readiness import Level, ReadinessFinding, step_of
from wizards.steps import same_person

DecisionKind = Literal["severity", "call", "suspend", "start_clock", "file", "tell", "action"]

KIND_WORDS: dict[str, str] = {
    "severity": "Severity set",
    "call": "Called",
    "suspend": "System suspended",
    "start_clock": "Clock started",
    "file": "Report filed",
    "tell": "Told",
    "action": "Follow-up action",
}
"""How the report and the screen name each kind of decision."""

BOARD = "board"
"""The audience of a ``tell`` decision that informs the board (or its committee)."""

_BOARD_WORDS = re.compile(r"\b(board|committee|trustees|directors|supervisory|chair)\b", re.I)

_FROM_CLASSIFICATION: dict[str, float] = {"dora-initial": 24.0}
"""Clocks that count from the team's classification of the incident, with the longest time
after awareness they may take whatever the classification (DORA: 4 hours from classifying the
incident as major, at most 24 hours after becoming aware)."""

_ZONES: tuple[tuple[str, str], ...] = (
    ("england|scotland|wales|united kingdom|\\buk\\b|northern ireland", "Europe/London"),
    ("ireland", "Europe/Dublin"),
    ("germany|deutschland", "Europe/Berlin"),
    ("austria", "Europe/Vienna"),
    ("netherlands", "Europe/Amsterdam"),
    ("france", "Europe/Paris"),
    ("belgium", "Europe/Brussels"),
    ("spain", "Europe/Madrid"),
    ("italy", "Europe/Rome"),
    ("poland", "Europe/Warsaw"),
    ("sweden", "Europe/Stockholm"),
    ("denmark", "Europe/Copenhagen"),
    ("finland", "Europe/Helsinki"),
    ("portugal", "Europe/Lisbon"),
    ("european union|\\beu\\b", "Europe/Brussels"),
    ("japan", "Asia/Tokyo"),
    ("arab emirates|\\buae\\b", "Asia/Dubai"),
    ("united states|\\busa\\b|new york|colorado", "America/New_York"),
)
DEFAULT_ZONE = "Europe/Brussels"


class Decision(BaseModel):
    """One decision of the team, at a simulated time.

    Attributes:
        at_hours: Simulated hours since T+0 when it was made.
        kind: What was decided.
        target: The severity level ("SEV-1"), the role key called, the system suspended, the
            clock key started or filed, the audience told (``"board"``, "customers", a role
            key), or the owner of a follow-up action (a role key or a name).
        person: For a call, the person asked to act in the role when it is not the holder or
            the deputy; empty otherwise.
        note: What was said or decided, in the team's words.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    at_hours: float = Field(ge=0, le=24 * 60)
    kind: DecisionKind
    target: str = Field(default="", max_length=300)
    person: str = Field(default="", max_length=300)
    note: str = Field(default="", max_length=5000)


class DecisionLog(BaseModel):
    """A recorded drill: the scenario, when it started, and the decisions (the replay file)."""

    model_config = ConfigDict(extra="forbid")

    scenario: str = ""
    start: dt.datetime | None = Field(
        default=None,
        description="simulated start, with its UTC offset; default: the next "
        "weekday the scenario names",
    )
    timezone: str = Field(default="", description="IANA zone, e.g. 'Europe/Berlin'")
    decisions: list[Decision] = Field(default_factory=list)


class DecisionsError(ValueError):
    """A decisions file that cannot be read; the message names the file and the JSON path."""


def load_decisions(text: str, name: str = "decisions") -> DecisionLog:
    """Read a decisions file: a JSON object like :class:`DecisionLog`, or a list of decisions.

    Raises:
        DecisionsError: Naming the file and the JSON path of every problem.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DecisionsError(f"{name}: not valid JSON: {error}") from None
    if isinstance(data, list):
        data = {"decisions": data}
    try:
        return DecisionLog.model_validate(data)
    except ValidationError as error:
        problems = [Problem(json_path(list(e["loc"])), e["msg"]) for e in error.errors()]
        lines = "; ".join(f"at {p.path}: {p.message}" for p in problems)
        raise DecisionsError(f"{name}: {lines}") from None


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class InjectView:
    """An inject as the room sees it: its time and its words for this charter."""

    index: int
    at_hours: float
    text: str
    severity: int | None
    clocks: tuple[str, ...]

    @property
    def label(self) -> str:
        """'T+3 h'."""
        return clock.t_label(self.at_hours)


@dataclass(frozen=True)
class Acting:
    """Who acts in a role at a moment."""

    person: str
    who: Literal["holder", "deputy", "stand-in", "nobody"]
    why: str = ""
    """Why the holder (and the deputy) cannot act, when they cannot."""


@dataclass(frozen=True)
class Escalation:
    """A call the severity matrix requires, and whether it was made in time."""

    role: str
    title: str
    level: str
    warranted_at: float
    due_at: float | None
    made_at: float | None
    reached: str
    status: Literal["on time", "late", "never", "due", "unreached"]
    """'due' while the deadline has not passed; 'unreached' when the call reached nobody."""


@dataclass(frozen=True)
class ClockRun:
    """One regulatory clock in the drill."""

    key: str
    regime: str
    label: str
    notify: str
    owner_role: str
    owner: str
    period: clock.Period
    aware_at: float | None
    """When the facts started it (None: only the team started it)."""
    team_started_at: float | None
    from_at: float
    deadline_at: float | None
    deadline: dt.datetime | None
    filed_at: float | None
    status: Literal["met", "late", "missed", "running", "no deadline"]

    def left_at(self, hours: float) -> float | None:
        """Hours left at ``hours`` (negative once overdue); None without a deadline."""
        return None if self.deadline_at is None else self.deadline_at - hours


@dataclass(frozen=True)
class RoleNow:
    """A role that should be involved at a moment, and who acts in it."""

    key: str
    title: str
    acting: Acting
    called: bool
    due_at: float | None


@dataclass(frozen=True)
class FollowUp:
    """An action that comes out of the drill, with its owner."""

    action: str
    owner: str
    source: str


@dataclass(frozen=True)
class Snapshot:
    """Everything the drill screen shows at one moment."""

    at_hours: float
    moment: dt.datetime
    inject: InjectView
    position: int
    total: int
    severity: str
    clocks: list[ClockRun]
    involved: list[RoleNow]
    escalations: list[Escalation]
    decisions: list[Decision]


@dataclass
class Outcome:
    """A finished drill: what happened, what was met and missed, and the gaps in the charter."""

    scenario: Scenario
    charter: Charter
    start: dt.datetime
    end_hours: float
    system: AiSystem | None
    injects: list[InjectView]
    decisions: list[Decision]
    escalations: list[Escalation]
    clocks: list[ClockRun]
    gaps: list[ReadinessFinding]
    observations: list[str]
    follow_ups: list[FollowUp]
    unreachable: list[str] = field(default_factory=list)

    @property
    def late_escalations(self) -> list[Escalation]:
        """Escalations made late, never, or that reached nobody."""
        return [e for e in self.escalations if e.status in ("late", "never", "unreached")]

    @property
    def clocks_missed(self) -> list[ClockRun]:
        """Clocks whose deadline passed without a report, or whose report came late."""
        return [c for c in self.clocks if c.status in ("late", "missed")]

    def record(self, date: dt.date) -> DrillRecord:
        """The entry the charter keeps of this drill."""
        return DrillRecord(
            date=date,
            scenario=self.scenario.key,
            title=self.scenario.label,
            clocks_missed=len(self.clocks_missed),
            escalations_late=len(self.late_escalations),
            gaps=len(self.gaps),
        )


# --------------------------------------------------------------------------- the drill


def zone_for(charter: Charter) -> str:
    """The time zone the drill's clock shows: that of the first jurisdiction it recognises."""
    for place in charter.organisation.jurisdictions:
        for pattern, name in _ZONES:
            if re.search(pattern, place, re.IGNORECASE):
                return name
    return DEFAULT_ZONE


def _role_index(roles: Sequence[IncidentRole], key: str) -> int | None:
    for index, role in enumerate(roles):
        if role.key == key:
            return index
    for index, role in enumerate(roles):
        if key and role.key.startswith(key):
            return index
    return None


def _is_board(target: str) -> bool:
    return target == BOARD or bool(_BOARD_WORDS.search(target))


class Drill:
    """One run of a scenario against a charter, advanced inject by inject."""

    def __init__(
        self,
        charter: Charter,
        scenario: Scenario,
        *,
        start: dt.datetime | None = None,
        timezone: str = "",
        today: dt.date | None = None,
    ) -> None:
        """Prepare the drill.

        Args:
            charter: The charter under test (not changed).
            scenario: The incident to run.
            start: Simulated T+0 with its time zone; default: the scenario's weekday and time
                on or after ``today`` in ``timezone``.
            timezone: IANA zone for a default start; default: from the jurisdictions.
            today: First day a default start may fall on; default: today.
        """
        self.charter = charter
        self.scenario = scenario
        self.timezone = timezone or zone_for(charter)
        if start is None:
            zone = clock.zone(self.timezone)
            weekday = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
            start = clock.next_start(
                today or dt.date.today(),
                weekday.index(scenario.starts_on),
                scenario.starts_at,
                zone,
            )
        elif start.tzinfo is None:
            start = start.replace(tzinfo=clock.zone(self.timezone))
        self.start = start
        self.system = affected_system(charter, scenario)
        words = words_for(charter, scenario)
        self.injects = [
            InjectView(i, inject.at_hours, words.fill(inject.text), inject.severity, inject.clocks)
            for i, inject in enumerate(
                i for i in scenario.injects if all(charter_has(charter, t) for t in i.needs)
            )
        ]
        self.decisions: list[Decision] = []
        self.position = 0
        self.roles = charter.incidents.roles
        self.severities = charter.incidents.severities
        self._role_keys: dict[str, int | None] = {}
        for index, role in enumerate(self.roles):
            self._role_keys.setdefault(role.key, index)
        self._away: dict[float, dict[str, str]] = {}
        self._calls_key: tuple[int, int] = (-1, 0)
        self._calls: dict[str, list[Decision]] = {}
        self._tells: list[Decision] = []

    # -- moving the clock --------------------------------------------------------------

    @property
    def now(self) -> float:
        """Simulated hours since T+0 of the inject on screen."""
        return self.injects[self.position].at_hours

    @property
    def finished(self) -> bool:
        """Whether the last inject is on screen."""
        return self.position >= len(self.injects) - 1

    def advance(self) -> InjectView | None:
        """Move the clock on to the next inject; None when there is none."""
        if self.finished:
            return None
        self.position += 1
        return self.injects[self.position]

    def moment(self, hours: float) -> dt.datetime:
        """The calendar moment ``hours`` after T+0."""
        return clock.after_hours(self.start, hours)

    def record(
        self, kind: DecisionKind, target: str = "", *, person: str = "", note: str = ""
    ) -> Decision:
        """Record a decision made now (at the inject on screen)."""
        decision = Decision(at_hours=self.now, kind=kind, target=target, person=person, note=note)
        self.decisions.append(decision)
        return decision

    def undo(self) -> Decision | None:
        """Take back the last decision recorded; None when there is none."""
        return self.decisions.pop() if self.decisions else None

    def log(self) -> DecisionLog:
        """The drill as a decisions file, which ``charter-builder drill run`` replays."""
        return DecisionLog(
            scenario=self.scenario.key,
            start=self.start,
            timezone=self.timezone,
            decisions=sorted(self.decisions, key=lambda d: d.at_hours),
        )

    def replay(self, decisions: Iterable[Decision]) -> None:
        """Take a recorded list of decisions and move the clock to the last inject."""
        self.decisions = sorted(decisions, key=lambda d: d.at_hours)
        self.position = len(self.injects) - 1

    # -- people --------------------------------------------------------------------------

    def _index_of(self, key: str) -> int | None:
        """Index of the role ``key`` (or of the first role whose key starts with it)."""
        if key not in self._role_keys:
            self._role_keys[key] = _role_index(self.roles, key)
        return self._role_keys[key]

    def _calls_to(self, key: str) -> list[Decision]:
        """The calls to role ``key`` (``BOARD``: what the board was told), in time order."""
        stamp = (len(self.decisions), id(self.decisions[-1]) if self.decisions else 0)
        if stamp != self._calls_key:
            self._calls_key = stamp
            self._calls = {}
            self._tells = []
            for d in sorted(self.decisions, key=lambda d: d.at_hours):
                if d.kind == "call":
                    self._calls.setdefault(d.target, []).append(d)
                elif d.kind == "tell" and _is_board(d.target):
                    self._tells.append(d)
        return self._tells if key == BOARD else self._calls.get(key, [])

    def unreachable_at(self, hours: float) -> dict[str, str]:
        """People who cannot be reached at ``hours``, each with the reason."""
        if hours in self._away:
            return self._away[hours]
        out: dict[str, str] = self._away.setdefault(hours, {})
        for entry in self.scenario.unreachable:
            if not entry.from_hours <= hours < entry.until_hours:
                continue
            index = self._index_of(entry.role)
            if index is None:
                continue
            role = self.roles[index]
            names = {"holder": [role.person], "deputy": [role.deputy]}.get(
                entry.who, [role.person, role.deputy]
            )
            for name in names:
                if name.strip():
                    out[_norm(name)] = entry.why
        return out

    def _stand_in(self, key: str, hours: float) -> str:
        """The person the team asked to act in role ``key`` by ``hours``, if any."""
        person = ""
        for d in self._calls_to(key):
            if d.at_hours > hours:
                break
            if d.person.strip():
                person = d.person.strip()
        return person

    def acting(self, role: IncidentRole, hours: float) -> Acting:
        """Who acts in ``role`` at ``hours``: the holder, the deputy, a stand-in, or nobody."""
        away = self.unreachable_at(hours)
        stand_in = self._stand_in(role.key, hours)
        if stand_in and _norm(stand_in) not in away:
            return Acting(stand_in, "stand-in")
        if role.person.strip() and _norm(role.person) not in away:
            return Acting(role.person.strip(), "holder")
        holder = role.person.strip()
        why = f"{holder} cannot be reached ({away[_norm(holder)]})" if holder else "no holder named"
        deputy = role.deputy.strip()
        if deputy and not same_person(deputy, holder) and _norm(deputy) not in away:
            return Acting(deputy, "deputy", why)
        if not deputy:
            return Acting("", "nobody", f"{why} and no deputy is named")
        if same_person(deputy, holder):
            return Acting("", "nobody", f"{why} and the deputy is the same person")
        if holder and away.get(_norm(holder)) == away[_norm(deputy)]:
            return Acting(
                "",
                "nobody",
                f"neither {holder} nor the deputy {deputy} can be reached ({away[_norm(deputy)]})",
            )
        return Acting("", "nobody", f"{why}, nor can the deputy {deputy} ({away[_norm(deputy)]})")

    # -- severity and escalation ---------------------------------------------------------

    def _level(self, rank: int) -> int | None:
        """Index into the charter's severities of a scenario's rank (1 is the most severe)."""
        if not self.severities:
            return None
        return min(rank, len(self.severities)) - 1

    def _chosen(self, until: float) -> list[tuple[float, int]]:
        levels = {s.level: i for i, s in enumerate(self.severities)}
        return [
            (d.at_hours, levels[d.target])
            for d in self.decisions
            if d.kind == "severity" and d.target in levels and d.at_hours <= until
        ]

    def _warranted(self, until: float) -> list[tuple[float, int]]:
        out = []
        for inject in self.injects:
            if inject.severity is not None and inject.at_hours <= until:
                level = self._level(inject.severity)
                if level is not None:
                    out.append((inject.at_hours, level))
        return out

    def severity_now(self, hours: float) -> str:
        """The severity level the team has set by ``hours`` (the last one set), or ''."""
        chosen = self._chosen(hours)
        return self.severities[chosen[-1][1]].level if chosen else ""

    def escalations(self, hours: float) -> list[Escalation]:
        """Every escalation due by ``hours``, with whether and when it was made."""
        warranted = self._warranted(hours)
        due: dict[str, tuple[float | None, float, int]] = {}

        def require(level: int, since: float) -> None:
            sev = self.severities[level]
            targets = [(key, sev.executive_hours) for key in sev.escalate_to]
            if sev.board_hours is not None:
                targets.append((BOARD, sev.board_hours))
            for key, limit in targets:
                at = None if limit is None else since + limit
                known = due.get(key)
                if known is None or _earlier(at, known[0]):
                    due[key] = (at, since, level)

        for since, level in warranted:
            require(level, since)
        for chosen_at, level in self._chosen(hours):
            since = min([chosen_at] + [t for t, w in warranted if w <= level])
            require(level, since)
        out = []
        for key, (at, since, level) in due.items():
            out.append(self._escalation(key, at, since, level, hours))
        return sorted(out, key=lambda e: (e.due_at is None, e.due_at or 0, e.title))

    def _escalation(
        self, key: str, at: float | None, since: float, level: int, hours: float
    ) -> Escalation:
        sev = self.severities[level].level
        calls = self._calls_to(key)
        if key == BOARD:
            title, reached = "The board", self.charter.board.forum or "the board"
        else:
            index = self._index_of(key)
            title = self.roles[index].title if index is not None else key
            reached = ""
        calls = [d for d in calls if d.at_hours <= hours]
        made = calls[0].at_hours if calls else None
        status: Literal["on time", "late", "never", "due", "unreached"]
        if made is not None and key != BOARD:
            index = self._index_of(key)
            acting = self.acting(self.roles[index], made) if index is not None else None
            reached = acting.person if acting else ""
            if not reached:
                # Every later call to the role may reach someone once they are back.
                later = [
                    d.at_hours
                    for d in calls
                    if index is not None and self.acting(self.roles[index], d.at_hours).person
                ]
                if later:
                    made = later[0]
                    reached = self.acting(self.roles[index], made).person  # type: ignore[index]
        if made is None:
            status = "due" if at is not None and at > hours else "never"
        elif not reached:
            status = "unreached"
        elif at is None or made <= at + 1e-9:
            status = "on time"
        else:
            status = "late"
        return Escalation(key, title, sev, since, at, made, reached, status)

    # -- clocks ----------------------------------------------------------------------------

    def _charter_clock(self, key: str) -> tuple[int, RegulatoryClock] | None:
        """The charter's clock for catalogue clock ``key``, if it has one that applies.

        A clock with another key but the same provision counts when neither sets a number of
        hours (one Art. 26(5) clock may cover both the serious incident and the risk).
        """
        clocks = self.charter.incidents.clocks
        for index, c in enumerate(clocks):
            if c.key == key and c.applies:
                return index, c
        entry = {e.key: e for e in catalogues.regulatory_clocks()}.get(key)
        if entry is None or entry.hours is not None:
            return None
        for index, c in enumerate(clocks):
            if c.applies and c.hours is None and c.regime.strip() == entry.regime:
                return index, c
        return None

    def _triggered(self, hours: float) -> dict[str, float]:
        """Catalogue clocks the facts started by ``hours`` that concern this organisation."""
        conditions = {c.key: c.applies_when for c in catalogues.regulatory_clocks()}
        org = self.charter.organisation
        high_risk_system = self.system is None or self.system.risk_class is RiskClass.HIGH
        out: dict[str, float] = {}
        for inject in self.injects:
            if inject.at_hours > hours:
                break
            for key in inject.clocks:
                condition = conditions.get(key, "always")
                if condition != "always" and not applies(condition, org):
                    continue
                if "high_risk" in condition and not high_risk_system:
                    continue
                out.setdefault(key, inject.at_hours)
        return out

    def clocks(self, hours: float, *, all_started: bool = True) -> list[ClockRun]:
        """The clocks running by ``hours``: those the facts started, those the team started.

        Args:
            hours: The moment.
            all_started: Also the clocks the facts started that the team has not (the report
                shows them; the screen shows only what the team started).
        """
        # The facts start catalogue clocks; the team starts and files the charter's clocks.
        aware: dict[str, float] = {}
        for key, at in self._triggered(hours).items():
            found = self._charter_clock(key)
            if found is not None:
                aware[found[1].key] = min(at, aware.get(found[1].key, at))
        team: dict[str, float] = {}
        filed: dict[str, float] = {}
        for d in self.decisions:
            if d.at_hours > hours:
                continue
            if d.kind == "start_clock":
                team.setdefault(d.target, d.at_hours)
            elif d.kind == "file":
                filed.setdefault(d.target, d.at_hours)
                team.setdefault(d.target, d.at_hours)
        shown = [*aware, *team] if all_started else list(team)
        by_key = {c.key: c for c in self.charter.incidents.clocks}
        runs = []
        for key in dict.fromkeys(shown):
            c = by_key.get(key)
            if c is None:
                continue
            runs.append(self._run(c, aware.get(key), team.get(key), filed.get(key), hours))
        return sorted(runs, key=lambda r: (r.deadline_at is None, r.deadline_at or 0, r.regime))

    def _run(
        self,
        c: RegulatoryClock,
        aware: float | None,
        team: float | None,
        filed: float | None,
        hours: float,
    ) -> ClockRun:
        period = clock.period_of(c.deadline, c.hours)
        from_at = aware if aware is not None else (team if team is not None else hours)
        deadline_at: float | None
        cap = _FROM_CLASSIFICATION.get(c.key)
        if cap is not None and period.hours is not None:
            limit = from_at + cap
            classified = team if team is not None and team >= from_at else None
            deadline_at = limit if classified is None else min(classified + period.hours, limit)
            if classified is not None:
                from_at = classified
        else:
            moment = clock.deadline(self.moment(from_at), period)
            deadline_at = None if moment is None else clock.hours_between(self.start, moment)
        status: Literal["met", "late", "missed", "running", "no deadline"]
        if deadline_at is None:
            status = "no deadline"
        elif filed is not None:
            status = "met" if filed <= deadline_at + 1e-9 else "late"
        else:
            status = "missed" if deadline_at <= hours else "running"
        index = self._index_of(c.owner_role)
        owner = self.roles[index].person if index is not None else ""
        entry = {e.key: e for e in catalogues.regulatory_clocks()}.get(c.key)
        return ClockRun(
            key=c.key,
            regime=c.regime,
            label=entry.label if entry else (c.trigger.split(".")[0] or c.key),
            notify=c.notify,
            owner_role=c.owner_role,
            owner=owner,
            period=period,
            aware_at=aware,
            team_started_at=team,
            from_at=from_at,
            deadline_at=deadline_at,
            deadline=None if deadline_at is None else self.moment(deadline_at),
            filed_at=filed,
            status=status,
        )

    # -- who is needed ---------------------------------------------------------------------

    def _needed(self, hours: float) -> dict[str, float]:
        """Role keys the response needs by ``hours``, each with the moment it is first needed."""
        needed: dict[str, float] = {}

        def need(key: str, at: float) -> None:
            if key and key != BOARD and (key not in needed or at < needed[key]):
                needed[key] = at

        need("incident-commander", 0.0)
        owner = self._system_owner_role()
        if owner is not None:
            need(self.roles[owner].key, 0.0)
        for since, level in self._warranted(hours) + self._chosen(hours):
            for key in self.severities[level].escalate_to:
                need(key, since)
        for key, at in self._triggered(hours).items():
            found = self._charter_clock(key)
            if found is not None:
                need(found[1].owner_role, at)
        return needed

    def _system_owner_role(self) -> int | None:
        """The incident role that owns the affected system, if the charter has one."""
        if self.system is None:
            return None
        owners = [i for i, r in enumerate(self.roles) if r.key.startswith("ai-system-owner")]
        for index in owners:
            if same_person(self.roles[index].person, self.system.owner):
                return index
        return owners[0] if len(owners) == 1 else None

    def involved(self, hours: float) -> list[RoleNow]:
        """The roles that should be involved at ``hours``, with who acts and whether called."""
        due = {e.role: e.due_at for e in self.escalations(hours)}
        called = {d.target for d in self.decisions if d.kind == "call" and d.at_hours <= hours}
        out = []
        for key, _at in sorted(self._needed(hours).items(), key=lambda kv: kv[1]):
            index = self._index_of(key)
            if index is None:
                out.append(
                    RoleNow(key, key, Acting("", "nobody", "not in the charter"), False, None)
                )
                continue
            role = self.roles[index]
            out.append(
                RoleNow(role.key, role.title, self.acting(role, hours), key in called, due.get(key))
            )
        return out

    def snapshot(self) -> Snapshot:
        """What the screen shows now."""
        hours = self.now
        return Snapshot(
            at_hours=hours,
            moment=self.moment(hours),
            inject=self.injects[self.position],
            position=self.position,
            total=len(self.injects),
            severity=self.severity_now(hours),
            clocks=self.clocks(hours, all_started=False),
            involved=self.involved(hours),
            escalations=self.escalations(hours),
            decisions=list(self.decisions),
        )

    # -- the end ---------------------------------------------------------------------------

    def outcome(self) -> Outcome:
        """The result of the drill at the last inject reached (normally the last one)."""
        end = self.injects[-1].at_hours if self.finished else self.now
        end = max([end] + [d.at_hours for d in self.decisions])
        escalations = self.escalations(end)
        clocks_ = self.clocks(end)
        gaps = _Gaps(self, end).find()
        observations = self._observations(end, escalations, clocks_)
        return Outcome(
            scenario=self.scenario,
            charter=self.charter,
            start=self.start,
            end_hours=end,
            system=self.system,
            injects=self.injects,
            decisions=sorted(self.decisions, key=lambda d: d.at_hours),
            escalations=escalations,
            clocks=clocks_,
            gaps=gaps,
            observations=observations,
            follow_ups=self._follow_ups(gaps, escalations, clocks_),
            unreachable=[line for u in self.scenario.unreachable if (line := self._away_line(u))],
        )

    def _away_line(self, entry: Unreachable) -> str:
        """'Margaret Osei (Accountable executive): on a flight …, T+0 to T+15 h.'"""
        index = self._index_of(entry.role)
        if index is None:
            return ""
        role = self.roles[index]
        names = {"holder": [role.person], "deputy": [role.deputy]}.get(
            entry.who, [role.person, role.deputy]
        )
        who = " and ".join(n.strip() for n in names if n.strip())
        if not who:
            return ""
        what = role.title if entry.who == "holder" else f"{role.title}, deputy"
        if entry.who == "both":
            what = f"{role.title}, holder and deputy"
        return (
            f"{who} ({what}): {entry.why}, from {clock.t_label(entry.from_hours)} to "
            f"{clock.t_label(entry.until_hours)}."
        )

    def _role_title(self, key: str) -> str:
        index = self._index_of(key)
        return self.roles[index].title if index is not None else key

    def _observations(
        self, end: float, escalations: Sequence[Escalation], clocks_: Sequence[ClockRun]
    ) -> list[str]:
        out: list[str] = []
        warranted = self._warranted(end)
        chosen = self._chosen(end)
        if warranted:
            worst_at, worst = min(warranted, key=lambda tw: (tw[1], tw[0]))
            level = self.severities[worst].level
            if not chosen:
                out.append(
                    f"No severity level was set; by {clock.t_label(worst_at)} the facts "
                    f"warranted {level}."
                )
            elif min(level_ for _t, level_ in chosen) > worst:
                most = self.severities[min(level_ for _t, level_ in chosen)].level
                out.append(
                    f"The incident was never rated above {most}; from "
                    f"{clock.t_label(worst_at)} the facts warranted {level}."
                )
            else:
                first = min(t for t, level_ in chosen if level_ <= worst)
                if first > worst_at:
                    out.append(
                        f"{level} was set at {clock.t_label(first)}, "
                        f"{clock.t_span(first - worst_at)} after the facts warranted it."
                    )
        org = self.charter.organisation.name.strip() or "the organisation"
        suspended = [d for d in self.decisions if d.kind == "suspend"]
        if self.scenario.suspend and self.system is not None and not suspended:
            out.append(f"{self.system.name} was never suspended, though the facts called for it.")
        for run in clocks_:
            if run.aware_at is not None and run.team_started_at is None:
                out.append(
                    f"Nobody started the clock '{run.label}' ({run.regime}); it ran "
                    f"from {clock.t_label(run.aware_at)} all the same."
                )
            elif (
                run.key in _FROM_CLASSIFICATION
                and run.aware_at is not None
                and run.team_started_at is not None
                and run.deadline_at is not None
                and run.team_started_at > run.deadline_at
            ):
                out.append(
                    f"The clock '{run.label}' ({run.regime}) was started at "
                    f"{clock.t_label(run.team_started_at)}, after its latest deadline, "
                    f"{clock.t_label(run.deadline_at)}, whatever the classification."
                )
            elif (
                run.aware_at is not None
                and run.team_started_at is not None
                and run.team_started_at > run.aware_at
                and run.key not in _FROM_CLASSIFICATION
            ):
                out.append(
                    f"The clock '{run.label}' ({run.regime}) was started at "
                    f"{clock.t_label(run.team_started_at)}, but it ran from "
                    f"{clock.t_label(run.aware_at)}, when {org} became aware."
                )
        return out

    def _follow_ups(
        self,
        gaps: Sequence[ReadinessFinding],
        escalations: Sequence[Escalation],
        clocks_: Sequence[ClockRun],
    ) -> list[FollowUp]:
        executive = self.charter.executive.person.name.strip() or "The responsible executive"
        commander = self._holder("incident-commander") or executive
        out = [FollowUp(g.fix, executive, g.message) for g in gaps]
        for run in clocks_:
            if run.status in ("late", "missed"):
                out.append(
                    FollowUp(
                        f"Walk through the {run.regime} notification with its owner: who "
                        f"decides, who files, and from which moment the {run.period.words()} "
                        "count.",
                        self._holder(run.owner_role) or commander,
                        f"{run.label}: {run.status}.",
                    )
                )
        late = [e for e in escalations if e.status in ("late", "never", "unreached")]
        if late:
            out.append(
                FollowUp(
                    "Put the escalation times of the severity matrix on the incident "
                    "commander's checklist, and rehearse the calls: "
                    + ", ".join(e.title for e in late)
                    + ".",
                    commander,
                    f"{len(late)} escalation(s) late or never made.",
                )
            )
        for d in self.decisions:
            if d.kind == "action" and d.note.strip():
                owner = self._holder(d.target) or d.target.strip() or commander
                out.append(FollowUp(d.note.strip(), owner, "Agreed during the drill."))
        return out

    def _holder(self, key: str) -> str:
        index = self._index_of(key)
        if index is None:
            return ""
        role = self.roles[index]
        return f"{role.person} ({role.title})" if role.person.strip() else ""


def _earlier(a: float | None, b: float | None) -> bool:
    if a is None:
        return False
    return b is None or a < b


def _join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


# --------------------------------------------------------------------------- gaps


class _Gaps:
    """The gaps in the charter that the drill exposes, as findings with the field to fix."""

    def __init__(self, drill: Drill, end: float) -> None:
        self.d = drill
        self.end = end
        self.found: list[ReadinessFinding] = []
        self._seen: set[tuple[str, str]] = set()

    def add(self, rule: str, field_: str, message: str, fix: str, reference: str) -> None:
        if (rule, field_) in self._seen:
            return
        self._seen.add((rule, field_))
        self.found.append(
            ReadinessFinding(rule, Level.WARNING, message, fix, step_of(field_), field_, reference)
        )

    def find(self) -> list[ReadinessFinding]:
        if not self.d.severities:
            self.add(
                "drill-no-severities",
                "incidents.severities",
                "The charter has no severity levels: nobody in the room could say how serious "
                "the incident was, whom to call or by when.",
                "Set severity levels with the hours to inform the executive and the board.",
                "NIST AI RMF MANAGE 4.3; ISO/IEC 42001 A.3.3",
            )
        self._commander_owns_system()
        self._cannot_halt()
        self._missing_clocks()
        self._roles()
        return self.found

    def _commander_owns_system(self) -> None:
        d = self.d
        system = d.system
        index = d._index_of("incident-commander")
        if system is None or index is None:
            return
        commander = d.acting(d.roles[index], 0.0).person
        owner = d._system_owner_role()
        owner_name = d.roles[owner].person if owner is not None else system.owner
        if same_person(commander, system.owner) or same_person(commander, owner_name):
            self.add(
                "drill-commander-owns-system",
                f"incidents.roles[{index}].person",
                f"{commander} leads the response as incident commander and also owns "
                f"{system.name}, the system under investigation: the person judging the "
                "incident is the one whose system caused it.",
                "Name an incident commander who does not own the system, or have the deputy "
                "commander take over whenever the commander's own system is involved.",
                "NIST AI RMF GOVERN 2.1; ISO/IEC 42001 5.3",
            )

    def _cannot_halt(self) -> None:
        d = self.d
        if not d.scenario.suspend or d.system is None:
            return
        if d.charter.executive.authorities.halt_systems:
            return
        name = d.charter.executive.person.name.strip() or "The responsible executive"
        self.add(
            "drill-cannot-halt",
            "executive.authorities.halt_systems",
            f"The scenario calls for suspending {d.system.name}, but {name} has no authority "
            "to halt an AI system: the decision waits for someone else while the harm goes on.",
            "Give the responsible executive the authority to halt or suspend any AI system.",
            "EU AI Act Art. 14(4)(e), 26(5); NIST AI RMF MANAGE 2.4",
        )

    def _missing_clocks(self) -> None:
        d = self.d
        entries = {e.key: e for e in catalogues.regulatory_clocks()}
        for key, at in d._triggered(self.end).items():
            if d._charter_clock(key) is not None:
                continue
            entry = entries.get(key)
            label = f"{entry.label} ({entry.regime})" if entry else key
            self.add(
                "drill-clock-missing",
                "incidents.clocks",
                f"At {clock.t_label(at)} the clock '{label}' started, but the charter's clock "
                "table does not have it: nobody owns it and nobody knows its deadline.",
                f"Add the clock '{label}' to the regulatory clocks with an owner role.",
                entry.regime if entry else "GDPR Art. 33; EU AI Act Art. 73",
            )

    def _roles(self) -> None:
        d = self.d
        needed = d._needed(self.end)
        moments = sorted(
            set(needed.values()) | {i.at_hours for i in d.injects if i.at_hours <= self.end}
        )
        for key, at in needed.items():
            index = d._index_of(key)
            if index is None:
                self._missing_role(key, at)
                continue
            role = d.roles[index]
            acting = d.acting(role, at)
            if acting.who == "nobody":
                self.add(
                    "drill-role-uncovered",
                    f"incidents.roles[{index}].deputy",
                    f"At {clock.t_label(at)} the response needs the {role.title}, but nobody "
                    f"can act: {acting.why}.",
                    f"Name a deputy for the {role.title} who can be reached when the holder "
                    "cannot.",
                    "NIST AI RMF GOVERN 2.1; ISO/IEC 42001 A.3.2",
                )
        commander = d._index_of("incident-commander")
        owner = d._system_owner_role()
        pairs_seen: set[frozenset[str]] = set()
        for moment in moments:
            by_person: dict[str, list[int]] = {}
            for key, at in needed.items():
                index = d._index_of(key)
                if index is None or at > moment:
                    continue
                person = d.acting(d.roles[index], moment).person
                if person:
                    by_person.setdefault(_norm(person), []).append(index)
            for indices in by_person.values():
                indices = sorted(set(indices))
                if len(indices) < 2:
                    continue
                pair = frozenset(d.roles[i].key for i in indices)
                if pair in pairs_seen or (
                    len(indices) == 2
                    and {commander, owner} == set(indices)
                    and any(g.rule == "drill-commander-owns-system" for g in self.found)
                ):
                    continue
                pairs_seen.add(pair)
                roles = [d.roles[i] for i in indices]
                person = d.acting(roles[0], moment).person
                titles = _join([r.title for r in roles])
                self.add(
                    "drill-two-roles",
                    f"incidents.roles[{indices[-1]}].deputy",
                    f"At {clock.t_label(moment)} {person} is needed as {titles} at the same "
                    "time: one person cannot do both while the clocks run.",
                    f"Name a deputy for the {roles[-1].title} who holds no other role in the "
                    "response.",
                    "NIST AI RMF GOVERN 2.1; ISO/IEC 42001 A.3.2",
                )

    def _missing_role(self, key: str, at: float) -> None:
        d = self.d
        for index, sev in enumerate(d.severities):
            if key in sev.escalate_to:
                self.add(
                    "drill-role-missing",
                    f"incidents.severities[{index}].escalate_to",
                    f"{sev.level} escalates to '{key}', but no incident role has that key: at "
                    f"{clock.t_label(at)} the call goes nowhere.",
                    f"Add the role '{key}' with a person and a deputy, or change whom "
                    f"{sev.level} escalates to.",
                    "NIST AI RMF GOVERN 2.1",
                )
                return
        for index, c in enumerate(d.charter.incidents.clocks):
            if c.owner_role == key and c.applies:
                self.add(
                    "drill-role-missing",
                    f"incidents.clocks[{index}].owner_role",
                    f"The clock {c.regime} is owned by the role '{key}', which the charter "
                    "does not have.",
                    "Name an existing incident role as the owner of the clock.",
                    "NIST AI RMF GOVERN 2.1",
                )
                return
        self.add(
            "drill-role-missing",
            "incidents.roles",
            f"The response needs a role '{key}' from {clock.t_label(at)}, and the charter has "
            "none.",
            f"Add an incident role '{key}' with a person and a deputy.",
            "NIST AI RMF GOVERN 2.1; NIST MANAGE 4.1",
        )


__all__ = [
    "BOARD",
    "KIND_WORDS",
    "Acting",
    "ClockRun",
    "Decision",
    "DecisionLog",
    "DecisionsError",
    "Drill",
    "Escalation",
    "FollowUp",
    "InjectView",
    "Outcome",
    "RoleNow",
    "Snapshot",
    "load_decisions",
    "zone_for",
]
