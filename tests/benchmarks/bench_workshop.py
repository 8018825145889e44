"""Benchmark the workshop and the governance sections: their rules, the record, the presenter view.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_workshop [--quick]``.
Budgets (README, "Performance"): the readiness check and the build grow near-linearly in list
sizes (10x entries at most 12x the time); the presenter view answers a keystroke in its answer
editor as fast as the wizard's preview refresh must (at most 50 ms median). Each series prints the
time per entry and the ratio against its smallest run (1,000 entries), side by side in one
process; the presenter's keystroke is printed against the same keystroke in the wizard's page for
the same field, measured in the same fresh interpreter.

The charters here are far larger than the answers file accepts (the model's list limit): the
lists are filled after the charter is built, so the benchmark measures the algorithms, not the
limit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.benchmarks.bench_scaling import series
from wizards.model import (
    ApprovalRule,
    BodyMember,
    Cadence,
    Charter,
    Indicator,
    RiskCategory,
    RiskClass,
)
from wizards.workshop.model import (
    Action,
    AgendaItem,
    Attendee,
    Decision,
    Dissent,
    Outcome,
    Workshop,
)

ROOT = Path(__file__).resolve().parents[2]
SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (100, 1_000)
KEYSTROKE_BUDGET_MS = 50.0  # the wizard's preview refresh budget, held for the presenter too
KEYS = 50
QUICK_KEYS = 5
PRESENTER_LIMIT = 2_000  # the record at the list limit, for the presenter view's second run
PRESENTER_DISTINCT = 400  # and a third: 400 more risk categories, each decided
DAY = dt.date(2027, 3, 17)
_STEPS = ("executive", "risk", "ethics", "incidents", "board")
_CLASSES = tuple(RiskClass)


def _base() -> Charter:
    from tests.wizards.factories import complete_charter

    return complete_charter()


def charter_with_workshop(count: int) -> Charter:
    """A complete charter whose workshop has ``count`` attendees and ``count`` decisions.

    The agenda has one item per 20 attendees; a quarter of the attendees are there for every
    item, the others for two. The decisions are taken over one risk category per four decisions
    (so each key is taken about four times and the last entry stands), agreed by six people each;
    every seventh has an objection (half of them answered), every tenth is deferred to an action,
    and a third of the answers have changed since. One action per ten attendees is left open,
    some without owner, some overdue.
    """
    from wizards.workshop.decisions import answers, key_decisions

    charter = _base()
    categories = charter.risk.categories
    for i in range(max(1, count // 4)):
        categories.append(
            RiskCategory(key=f"cat-{i}", label=f"Risk area {i}", threshold=f"At most {i}%.")
        )
    agenda = [
        AgendaItem(id=f"item-{i}", title=f"Item {i}", step=_STEPS[i % len(_STEPS)], minutes=20)
        for i in range(max(len(_STEPS), count // 20))
    ]
    executive = charter.executive.person.name
    attendees = [
        Attendee(
            id=f"a-{i}",
            name=executive if i == 0 else f"Attendee {i}",
            role="Board member" if i % 10 == 0 else "Staff",
            leadership=i % 10 == 0,
            approving_body=i % 15 == 0,
            items=[]
            if i % 4 == 0
            else [agenda[i % len(agenda)].id, agenda[(7 * i) % len(agenda)].id],
        )
        for i in range(count)
    ]
    keys = [p.key for p in key_decisions(charter)]
    now = answers(charter)
    start = dt.datetime.combine(DAY, dt.time(9, 0))
    decisions = []
    actions = []
    for i in range(count):
        key = keys[i % len(keys)]
        outcome = (
            Outcome.DEFERRED if i % 10 == 9 else Outcome.DISSENT if i % 7 == 3 else Outcome.AGREED
        )
        dissent = (
            [
                Dissent(
                    attendee=f"a-{(i + 3) % count}",
                    reason=f"Objection number {i}, in the objector's own words.",
                    response="Answered in the room." if i % 2 else "",
                )
            ]
            if outcome is Outcome.DISSENT
            else []
        )
        decisions.append(
            Decision(
                key=key,
                outcome=outcome,
                taken_at=start + dt.timedelta(seconds=i),
                item=agenda[i % len(agenda)].id,
                answer=now.get(key, "") if i % 3 else f"An earlier answer {i}",
                agreed_by=[]
                if outcome is Outcome.DEFERRED
                else [f"a-{(i + j) % count}" for j in range(0, 60, 10)],
                dissent=dissent,
            )
        )
        if outcome is Outcome.DEFERRED:
            actions.append(
                Action(
                    id=f"act-{i}",
                    text=f"Bring back decision {i}.",
                    owner="" if i % 20 == 9 else f"Attendee {i}",
                    due=DAY + dt.timedelta(days=i % 60),
                    decision=key,
                )
            )
    for i in range(count // 10):
        actions.append(
            Action(
                id=f"open-{i}",
                text=f"Open point {i}.",
                owner="" if i % 3 == 0 else f"Attendee {i}",
                due=dt.date(2025, 1, 1) + dt.timedelta(days=i % 300) if i % 2 else None,
                done=i % 5 == 0,
            )
        )
    workshop = Workshop(
        id="bench",
        title="Leadership offsite",
        date=DAY,
        start=dt.time(9, 0),
        place="Head office",
        facilitator="A facilitator",
    )
    # Past the list limit: filled after validation.
    workshop.attendees += attendees
    workshop.agenda += agenda
    workshop.decisions += decisions
    workshop.actions += actions
    charter.workshops.append(workshop)
    return charter


def charter_with_governance(count: int) -> Charter:
    """A complete charter with ``count`` forum members, indicators and approval rules."""
    charter = _base()
    board, risk = charter.board, charter.risk
    board.chair = "Pat Chair"
    board.quorum = count
    titles = [p.title for p in charter.ethics.principles]
    for i in range(count):
        board.members.append(
            BodyMember(name=f"Member {i}", role="Non-executive director", voting=i % 3 != 0)
        )
        board.indicators.append(
            Indicator(
                commitment=f"{titles[i % len(titles)]}: commitment {i}" if i % 2 else f"Aim {i}",
                measure=f"Share of systems meeting target {i}",
                evidence="The AI register" if i % 50 == 0 else "The quarterly report",
                owner=f"Owner {i}",
                cadence=Cadence.QUARTERLY,
            )
        )
        risk.authority.append(
            ApprovalRule(
                risk_class=_CLASSES[i % len(_CLASSES)],
                approve="Chief Operating Officer" if i % 4 else "The Board",
                conditions="Audit and Risk Committee",
                escalate_to="The Board",
                block=f"Dana Whitfield {i}" if i % 9 == 0 else "The Board",
            )
        )
    risk.intake.inventory = "systems inventory"
    return charter


def _rules_of(module: str) -> list[Any]:
    from wizards.readiness import RULES

    return [r for r in RULES.values() if r.check.__module__ == f"wizards.readiness.{module}"]


def _time_rules(charter: Charter, module: str) -> float:
    rules = _rules_of(module)
    gc.collect()  # the last run's garbage is not this run's time
    start = time.perf_counter()
    for r in rules:
        list(r.check(charter))
    return time.perf_counter() - start


def _time_check(charter: Charter) -> float:
    from wizards.readiness import check

    gc.collect()  # the last run's garbage is not this run's time
    start = time.perf_counter()
    check(charter)
    return time.perf_counter() - start


def time_workshop_rules(count: int) -> float:
    """Seconds for the workshop rules alone over a workshop of ``count`` entries."""
    return _time_rules(charter_with_workshop(count), "workshop")


def time_workshop_check(count: int) -> float:
    """Seconds for the whole readiness check of a charter with a workshop of ``count``."""
    return _time_check(charter_with_workshop(count))


def time_record_build(count: int) -> float:
    """Seconds to build the workshop record (Word and the actions' .ics) of ``count``."""
    from wizards.build import build

    charter = charter_with_workshop(count)
    with tempfile.TemporaryDirectory(prefix="bench-workshop-") as tmp:
        gc.collect()  # the last run's garbage is not this run's time
        start = time.perf_counter()
        build(charter, Path(tmp), ["workshop"])
        return time.perf_counter() - start


def time_governance_rules(count: int) -> float:
    """Seconds for the governance rules alone with ``count`` members, indicators and rules."""
    return _time_rules(charter_with_governance(count), "governance")


def time_governance_check(count: int) -> float:
    """Seconds for the whole readiness check of the same charter."""
    return _time_check(charter_with_governance(count))


# The presenter view ----------------------------------------------------------------------


def _until_idle(app: Any) -> None:
    """Run the event loop until nothing is left to do, timers due now included."""
    from PySide6.QtCore import QEventLoop

    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
    app.sendPostedEvents()
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)


def _keystrokes(app: Any, editor: Any, keys: int, after: Callable[[], None]) -> list[float]:
    """Milliseconds from each key typed into ``editor`` to the event loop idle again."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    times = []
    for n in range(keys):
        letter = "x" if n % 2 else "y"
        started = time.perf_counter()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, letter)
            QApplication.sendEvent(editor, event)
        after()
        _until_idle(app)
        times.append((time.perf_counter() - started) * 1000)
    return times


def _grow_workshop(charter: Charter, entries: int) -> None:
    """The current workshop with ``entries`` attendees and ``entries`` decisions: more people
    in the room for every item, and the logged decisions taken again and again, in turn."""
    w = charter.workshops[-1]
    for i in range(len(w.attendees), entries):
        w.attendees.append(Attendee(id=f"extra-{i}", name=f"Attendee {i}", role="Staff"))
    logged = list(w.decisions)
    last = max((d.taken_at for d in logged if d.taken_at), default=dt.datetime(2026, 3, 17, 9))
    for i in range(len(w.decisions), entries):
        again = logged[i % len(logged)]
        w.decisions.append(
            again.model_copy(update={"taken_at": last + dt.timedelta(seconds=i)}, deep=True)
        )


def _decide_categories(charter: Charter, count: int) -> None:
    """``count`` more risk categories, each with its appetite agreed by the whole room in the
    risk item: as many decisions over as many distinct keys."""
    from wizards.workshop.decisions import answers

    w = charter.workshops[-1]
    for i in range(count):
        charter.risk.categories.append(RiskCategory(key=f"extra-{i}", label=f"Extra area {i}"))
    now = answers(charter)
    item = next((i.id for i in w.agenda if i.step == "risk"), "")
    start = dt.datetime(2026, 3, 17, 11, 0)
    for i in range(count):
        key = f"risk.categories.extra-{i}.appetite"
        w.decisions.append(
            Decision(
                key=key,
                taken_at=start + dt.timedelta(seconds=i),
                item=item,
                answer=now[key],
                agreed_by=[a.id for a in w.attendees],
            )
        )


def _case_presenter(keys: int, entries: int, distinct: int = 0) -> dict[str, Any]:
    """The lender's example: the accountable executive's name typed in the presenter view's
    answer editor and in the executive step's page, ``keys`` keys each, alternating; with
    ``entries`` above the example's own, its workshop grown to that many attendees and
    decisions; with ``distinct``, that many more decisions over distinct keys."""
    os.environ["CHARTER_BUILDER_HOME"] = tempfile.mkdtemp(prefix="bench-workshop-home-")
    from PySide6.QtWidgets import QLineEdit

    from desktop.app import create_application
    from desktop.presenter import PresenterDialog
    from desktop.prompter import Prompter
    from desktop.wizard import CharterWizard
    from wizards.answers import load
    from wizards.paths import resource_path
    from wizards.steps import Step

    example = resource_path("examples") / "eu-lender-credit-scoring.charter.json"
    app = create_application([sys.argv[0]])
    charter = load(example)
    _grow_workshop(charter, entries)
    _decide_categories(charter, distinct)
    wizard = CharterWizard(charter, Prompter())
    wizard.resize(1280, 800)
    wizard.show()
    wizard.go_to_step(Step.EXECUTIVE)
    _until_idle(app)
    page = wizard.current_page()
    field = "executive.person.name"
    page_editor = next(form.rows[field].editor for form in page.forms if field in form.rows)
    presenter = PresenterDialog(wizard, now=lambda: dt.datetime(2026, 3, 17, 9, 0))
    presenter.resize(1280, 800)
    presenter.show()
    _until_idle(app)
    for _ in range(len(presenter.workshop.agenda)):
        item = presenter.current_item()
        if item is not None and item.step == "executive":
            break
        presenter.next_item()
        _until_idle(app)
    row = next(i for i, p in enumerate(presenter.points) if p.key == "executive.person")
    presenter._show_point(row)
    _until_idle(app)
    presenter_editor = next(
        form.rows[field].editor for form in presenter.answer_forms if field in form.rows
    )
    assert isinstance(page_editor, QLineEdit) and isinstance(presenter_editor, QLineEdit)
    in_presenter: list[float] = []
    in_page: list[float] = []
    for _ in range(keys):
        # The page's preview refresh waits for its debounce timer; run it as the timer would.
        in_page += _keystrokes(app, page_editor, 1, page.refresh_preview)
        in_presenter += _keystrokes(app, presenter_editor, 1, lambda: None)
    typed = presenter_editor.text()
    assert wizard.charter.executive.person.name == typed, "the keys did not reach the charter"
    assert typed in presenter.answer_now.text(), "the presenter view did not follow the keys"
    decisions = len(presenter.workshop.decisions)
    decided = len({d.key for d in presenter.workshop.decisions})
    attendees = len(presenter.workshop.attendees)
    presenter.close()
    wizard.close()
    return {
        "presenter_ms": statistics.median(in_presenter),
        "presenter_p90_ms": statistics.quantiles(in_presenter, n=10)[-1],
        "page_ms": statistics.median(in_page),
        "page_p90_ms": statistics.quantiles(in_page, n=10)[-1],
        "decisions": decisions,
        "attendees": attendees,
        "keys": decided,
        "example": example.name,
    }


def _presenter_in_fresh_process(keys: int, entries: int, distinct: int) -> dict[str, Any]:
    command = [sys.executable, "-m", "tests.benchmarks.bench_workshop", "--case", "presenter"]
    done = subprocess.run(
        [*command, "--keys", str(keys), "--entries", str(entries), "--distinct", str(distinct)],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"The presenter view's measurement stopped (exit {done.returncode}):\n"
            + "\n".join(done.stderr.strip().splitlines()[-15:])
        )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _presenter(keys: int, entries: int = 0, distinct: int = 0) -> bool:
    found = _presenter_in_fresh_process(keys, entries, distinct)
    print(
        "\nPresenter view: a keystroke in its answer editor to the idle event loop"
        f" ({found['example']}, {found['attendees']:,} attendees,"
        f" {found['decisions']:,} decisions logged over {found['keys']:,} keys)"
    )
    print(
        f"presenter  median {found['presenter_ms']:.1f} ms, p90 {found['presenter_p90_ms']:.1f} ms"
    )
    print(
        f"wizard     median {found['page_ms']:.1f} ms, p90 {found['page_p90_ms']:.1f} ms"
        " (the same field on the executive step, its preview refreshed)"
    )
    ratio = found["presenter_ms"] / found["page_ms"]
    ok = found["presenter_ms"] <= KEYSTROKE_BUDGET_MS
    print(
        f"{'PASS' if ok else 'FAIL'}  presenter / wizard {ratio:.2f}x; median"
        f" {found['presenter_ms']:.1f} ms <= {KEYSTROKE_BUDGET_MS:g} ms"
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    """Run the series and the presenter view's keystrokes; print times per entry and ratios.

    Args:
        argv: Command-line arguments; ``--quick`` runs 100 and 1,000 entries once each and a few
            keys, and never fails (a smoke run); ``--case presenter`` is the fresh interpreter's
            side of the presenter measurement.

    Returns:
        0 when every figure is within its budget (always with ``--quick``), else 1.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 entries only")
    parser.add_argument("--case", choices=["presenter"], help=argparse.SUPPRESS)
    parser.add_argument("--keys", type=int, default=KEYS, help="keys typed in each editor")
    parser.add_argument("--entries", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--distinct", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.case == "presenter":
        print(json.dumps(_case_presenter(args.keys, args.entries, args.distinct)))
        return 0
    sizes = QUICK_SIZES if args.quick else SIZES
    runs = 1 if args.quick else 5
    time_workshop_check(10)  # warm up imports, catalogues and templates
    time_record_build(10)
    verdicts = series(
        "Readiness check, workshop rules alone: attendees and decisions",
        time_workshop_rules,
        sizes,
        runs,
    )
    verdicts += series(
        "Readiness check, whole charter with the workshop", time_workshop_check, sizes, runs
    )
    verdicts += series(
        "Workshop record build (.docx + actions .ics)", time_record_build, sizes, runs
    )
    verdicts += series(
        "Readiness check, governance rules alone: members, indicators and approval rules",
        time_governance_rules,
        sizes,
        runs,
    )
    verdicts += series(
        "Readiness check, whole charter with those governance lists",
        time_governance_check,
        sizes,
        runs,
    )
    keys = QUICK_KEYS if args.quick else args.keys
    verdicts.append(_presenter(keys))
    verdicts.append(_presenter(keys, PRESENTER_LIMIT))
    verdicts.append(_presenter(keys, distinct=PRESENTER_DISTINCT))
    if args.quick:
        print("(--quick: a smoke run; the budget is measured up to 100,000 and not enforced here)")
        return 0
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
