"""The drill screen: a fictitious incident on a simulated clock, in large type for a room.

One window over the whole screen, in two stages. First the scenarios that fit the charter;
then the drill itself: the inject on the left in large type, the simulated clock above it, and on
the right the clocks the team has started with the time left and the people who should now be
involved. Decisions are recorded from the keyboard along the bottom: Alt+D chooses what was
decided, Tab goes to the choice and the note, Enter records it; Alt+N moves the clock to the next
inject. Finishing writes the drill report in Word and keeps a record of the drill in the charter.

The screen only shows what ``wizards.drill`` works out; it computes nothing itself.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import mnemonics
from desktop.prompter import Prompter
from desktop.style import ACCENT, FOCUS, INVALID
from desktop.tab_order import chain, widgets_in_layout_order
from wizards.drill import clock
from wizards.drill.engine import BOARD, KIND_WORDS, ClockRun, Drill, Outcome, Snapshot
from wizards.drill.scenario import Scenario, fitting
from wizards.model import Charter, DrillRecord

SCREEN_PT = 15.0
"""The smallest base size of the drill screen: large enough to read from the back of a room."""

_KINDS = ("severity", "call", "suspend", "start_clock", "file", "tell", "action")

_AUDIENCES = ("Customers", "Staff", "The media", "The provider", "The regulator")


def _e(text: str) -> str:
    return html.escape(text, quote=False)


class DrillDialog(QDialog):
    """The whole drill: choosing a scenario, running it, and writing the report."""

    def __init__(
        self,
        charter: Charter,
        prompter: Prompter,
        *,
        folder: Path | None = None,
        on_recorded: Callable[[DrillRecord], None] | None = None,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("drillDialog")
        self.charter = charter
        self.prompter = prompter
        self.folder = folder
        self.on_recorded = on_recorded
        self.today = today or dt.date.today()
        self.drill: Drill | None = None
        self.report: Path | None = None
        self.scenarios = fitting(charter)
        app_pt = QApplication.font().pointSizeF()
        self.base_pt = max(SCREEN_PT, app_pt * 1.25 if app_pt > 0 else SCREEN_PT)
        font = QFont(self.font())
        font.setPointSizeF(self.base_pt)
        self.setFont(font)
        self.setStyleSheet(_screen_style(self.base_pt))

        self.stack = QStackedWidget(self)
        self.stack.setObjectName("drill_stack")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(self.stack)
        self.choose_page = self._build_chooser()
        self.run_page = self._build_runner()
        self.stack.addWidget(self.choose_page)
        self.stack.addWidget(self.run_page)
        # Set again once every part exists: parts reparented into the stack keep the old font.
        self.setFont(font)
        for part in self.findChildren(QWidget):
            part.setFont(font)
        self.retranslate_ui()
        self._show_stage(self.choose_page)

    # Building ----------------------------------------------------------------------------

    def _build_chooser(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("drill_choose_page")
        box = QVBoxLayout(page)
        self.choose_title = QLabel(page)
        self.choose_title.setObjectName("drill_choose_title")
        self.choose_title.setProperty("role", "drill-title")
        self.choose_intro = QLabel(page)
        self.choose_intro.setObjectName("drill_choose_intro")
        self.choose_intro.setWordWrap(True)
        self.scenario_label = QLabel(page)
        self.scenario_list = QListWidget(page)
        self.scenario_list.setObjectName("drill_scenarios")
        self.scenario_list.setWordWrap(True)
        self.scenario_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scenario_list.itemActivated.connect(self._on_scenario_list_item_activated)
        self.scenario_list.currentRowChanged.connect(self._on_scenario_list_current_row_changed)
        self.scenario_label.setBuddy(self.scenario_list)
        self.scenario_detail = QLabel(page)
        self.scenario_detail.setObjectName("drill_scenario_detail")
        self.scenario_detail.setWordWrap(True)
        self.scenario_detail.setTextFormat(Qt.TextFormat.RichText)
        self.start_button = QPushButton(page)
        self.start_button.setObjectName("drill_start")
        self.start_button.setProperty("role", "primary")
        self.start_button.clicked.connect(self._on_start_button_clicked)
        self.cancel_button = QPushButton(page)
        self.cancel_button.setObjectName("drill_cancel")
        self.cancel_button.clicked.connect(self.reject)
        for s in self.scenarios:
            item = QListWidgetItem(s.label, self.scenario_list)
            item.setData(Qt.ItemDataRole.UserRole, s.key)
        if self.scenarios:
            self.scenario_list.setCurrentRow(0)
        self.start_button.setEnabled(bool(self.scenarios))
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        box.addWidget(self.choose_title)
        box.addWidget(self.choose_intro)
        box.addWidget(self.scenario_label)
        box.addWidget(self.scenario_list, 2)
        box.addWidget(self.scenario_detail, 1)
        box.addLayout(buttons)
        return page

    def _build_runner(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("drill_run_page")
        box = QVBoxLayout(page)
        box.setSpacing(10)
        top = QHBoxLayout()
        self.run_title = QLabel(page)
        self.run_title.setObjectName("drill_run_title")
        self.run_title.setProperty("role", "drill-title")
        self.run_title.setWordWrap(True)
        self.clock_label = QLabel(page)
        self.clock_label.setObjectName("drill_clock")
        self.clock_label.setProperty("role", "drill-clock")
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.run_title, 1)
        top.addWidget(self.clock_label)

        middle = QHBoxLayout()
        middle.setSpacing(18)
        left = QVBoxLayout()
        self.inject_label = QLabel(page)
        self.inject_label.setObjectName("drill_inject")
        self.inject_label.setProperty("role", "drill-inject")
        self.inject_label.setWordWrap(True)
        self.inject_label.setTextFormat(Qt.TextFormat.RichText)
        self.inject_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.inject_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.decisions_label = QLabel(page)
        self.decisions_label.setObjectName("drill_decisions")
        self.decisions_label.setProperty("role", "drill-panel")
        self.decisions_label.setWordWrap(True)
        self.decisions_label.setTextFormat(Qt.TextFormat.RichText)
        self.decisions_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.inject_label, 3)
        left.addWidget(self.decisions_label, 2)
        right = QVBoxLayout()
        self.clocks_label = QLabel(page)
        self.clocks_label.setObjectName("drill_running_clocks")
        self.clocks_label.setProperty("role", "drill-panel")
        self.clocks_label.setWordWrap(True)
        self.clocks_label.setTextFormat(Qt.TextFormat.RichText)
        self.clocks_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.people_label = QLabel(page)
        self.people_label.setObjectName("drill_people")
        self.people_label.setProperty("role", "drill-panel")
        self.people_label.setWordWrap(True)
        self.people_label.setTextFormat(Qt.TextFormat.RichText)
        self.people_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        right.addWidget(self.clocks_label, 0)
        right.addWidget(self.people_label, 1)
        middle.addLayout(left, 9)
        middle.addLayout(right, 11)

        entry = QFrame(page)
        entry.setObjectName("drill_entry")
        grid = QGridLayout(entry)
        grid.setContentsMargins(0, 6, 0, 0)
        self.kind_label = QLabel(entry)
        self.kind = QComboBox(entry)
        self.kind.setObjectName("drill_kind")
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        self.kind_label.setBuddy(self.kind)
        self.choice_label = QLabel(entry)
        self.choice = QComboBox(entry)
        self.choice.setObjectName("drill_choice")
        self.choice.setMinimumContentsLength(18)
        self.choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.choice_label.setBuddy(self.choice)
        self.note_label = QLabel(entry)
        self.note = QLineEdit(entry)
        self.note.setObjectName("drill_note")
        self.note_label.setBuddy(self.note)
        self.record_button = QPushButton(entry)
        self.record_button.setObjectName("drill_record")
        self.record_button.setProperty("role", "primary")
        self.record_button.clicked.connect(self._on_record_button_clicked)
        grid.addWidget(self.kind_label, 0, 0)
        grid.addWidget(self.choice_label, 0, 1)
        grid.addWidget(self.note_label, 0, 2)
        grid.addWidget(self.kind, 1, 0)
        grid.addWidget(self.choice, 1, 1)
        grid.addWidget(self.note, 1, 2)
        grid.addWidget(self.record_button, 1, 3)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 4)
        grid.setColumnStretch(2, 5)

        actions = QHBoxLayout()
        self.undo_button = QPushButton(page)
        self.undo_button.setObjectName("drill_undo")
        self.undo_button.clicked.connect(self._on_undo_button_clicked)
        self.next_button = QPushButton(page)
        self.next_button.setObjectName("drill_next")
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.finish_button = QPushButton(page)
        self.finish_button.setObjectName("drill_finish")
        self.finish_button.clicked.connect(self._on_finish_button_clicked)
        self.status = QLabel(page)
        self.status.setObjectName("drill_status")
        self.status.setProperty("role", "hint")
        actions.addWidget(self.undo_button)
        actions.addWidget(self.status, 1)
        actions.addWidget(self.next_button)
        actions.addWidget(self.finish_button)

        box.addLayout(top)
        box.addWidget(_rule(page))
        box.addLayout(middle, 1)
        box.addWidget(entry)
        box.addLayout(actions)
        return page

    def retranslate_ui(self) -> None:
        """Every visible string of the screen."""
        self.setWindowTitle(self.tr("Incident drill"))
        self.choose_title.setText(self.tr("Run an incident drill"))
        name = self.charter.organisation.name.strip() or self.tr("the organisation")
        if self.scenarios:
            intro = self.tr(
                "A fictitious AI incident, told in injects on a simulated clock, run through "
                "{org}'s incident roles, severity levels and regulatory clocks. Record each "
                "decision as the team takes it; the report shows which deadlines would have "
                "been met and where the charter breaks."
            ).format(org=name)
        else:
            intro = self.tr(
                "No scenario fits {org} yet: add its AI systems on the organisation step "
                "(a drill needs to know which systems and data could be involved)."
            ).format(org=name)
        self.choose_intro.setText(intro)
        self.scenario_label.setText(self.tr("&Scenarios that fit {org}").format(org=name))
        self.scenario_list.setAccessibleName(self.tr("Scenarios"))
        self.start_button.setText(self.tr("S&tart the drill"))
        self.cancel_button.setText(self.tr("&Cancel"))
        self.kind_label.setText(self.tr("&Decision"))
        self.choice_label.setText(self.tr("C&hoice"))
        self.note_label.setText(self.tr("N&ote (what was said or decided)"))
        self.record_button.setText(self.tr("&Record"))
        self.record_button.setToolTip(self.tr("Or press Enter"))
        self.undo_button.setText(self.tr("&Undo the last decision"))
        self.next_button.setText(self.tr("&Next inject"))
        self.finish_button.setText(self.tr("&Finish and write the report"))
        words = {
            "severity": self.tr("Set the severity"),
            "call": self.tr("Call a role"),
            "suspend": self.tr("Suspend a system"),
            "start_clock": self.tr("Start a clock"),
            "file": self.tr("File a report"),
            "tell": self.tr("Tell someone"),
            "action": self.tr("Follow-up action"),
        }
        index = max(self.kind.currentIndex(), 0)
        self.kind.blockSignals(True)
        self.kind.clear()
        for kind in _KINDS:
            self.kind.addItem(words[kind], kind)
        self.kind.setCurrentIndex(index)
        self.kind.blockSignals(False)
        self._fill_choices()
        self._on_scenario_list_current_row_changed(self.scenario_list.currentRow())

    # Stages ------------------------------------------------------------------------------

    def _show_stage(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        for other in (self.choose_page, self.run_page):
            controls = mnemonics.controls_in_layout_order(other)
            if other is page:
                mnemonics.assign(controls)
            else:
                mnemonics.clear(controls)
        chain(widgets_in_layout_order(page))
        first: QWidget = self.scenario_list if page is self.choose_page else self.kind
        if page is self.choose_page and not self.scenarios:
            first = self.cancel_button
        (self.start_button if page is self.choose_page else self.record_button).setDefault(True)
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_scenario_list_current_row_changed(self, row: int) -> None:
        if not 0 <= row < len(self.scenarios):
            self.scenario_detail.clear()
            return
        s = self.scenarios[row]
        self.scenario_detail.setText(
            f"<p style='margin:0'>{_e(s.summary)}</p>"
            f"<p style='margin-top:6px; color:#4a5568'>"
            + _e(
                self.tr("{n} injects over {span}; inspired by {source}").format(
                    n=len(s.injects), span=clock.t_span(s.injects[-1].at_hours), source=s.source
                )
            )
            + "</p>"
        )

    def _on_scenario_list_item_activated(self, _item: QListWidgetItem) -> None:
        self._on_start_button_clicked()

    def _on_start_button_clicked(self) -> None:
        row = self.scenario_list.currentRow()
        if not 0 <= row < len(self.scenarios):
            return
        self.start(self.scenarios[row])

    def start(self, scenario: Scenario) -> None:
        """Begin the drill on ``scenario`` at T+0."""
        self.drill = Drill(self.charter, scenario, today=self.today)
        self.run_title.setText(scenario.label)
        self._fill_choices()
        self._show_stage(self.run_page)
        self.refresh()

    # Decisions ---------------------------------------------------------------------------

    def _on_kind_current_index_changed(self, _index: int) -> None:
        self._fill_choices()

    def _fill_choices(self) -> None:
        kind = self.kind.currentData() or "severity"
        self.choice.clear()
        editable = kind in ("tell", "action")
        self.choice.setEditable(editable)
        for label, value in self._choices(kind):
            self.choice.addItem(label, value)
        line = self.choice.lineEdit() if editable else None
        if line is not None:
            line.setPlaceholderText(self.tr("choose, or type who"))

    def _choices(self, kind: str) -> list[tuple[str, str]]:
        inc = self.charter.incidents
        roles = [(f"{r.title}: {r.person}" if r.person else r.title, r.key) for r in inc.roles]
        if kind == "severity":
            return [(f"{s.level} {s.name}".strip(), s.level) for s in inc.severities]
        if kind == "call":
            return roles
        if kind == "suspend":
            systems = self.charter.organisation.systems
            first = self.drill.system if self.drill else None
            ordered = ([first] if first else []) + [s for s in systems if s is not first]
            return [(s.name, s.name) for s in ordered if s.name.strip()]
        if kind in ("start_clock", "file"):
            return [
                (f"{c.regime}: {c.deadline}" if c.deadline else c.regime, c.key)
                for c in inc.clocks
                if c.applies
            ]
        if kind == "tell":
            forum = self.charter.board.forum.strip() or self.tr("The board")
            return [(forum, BOARD)] + [(a, a) for a in _AUDIENCES] + roles
        return roles  # the owner of a follow-up action

    def _on_record_button_clicked(self) -> None:
        self.record_decision()

    def record_decision(self) -> None:
        """Record the decision the bottom row describes, at the inject on screen."""
        if self.drill is None:
            return
        kind = self.kind.currentData()
        target = self.choice.currentData() if self.choice.currentIndex() >= 0 else None
        typed = self.choice.currentText().strip()
        if (
            self.choice.isEditable()
            and typed
            and typed != self.choice.itemText(self.choice.currentIndex())
        ):
            target = typed
        target = target or typed
        note = self.note.text().strip()
        if kind == "action" and not note:
            self.status.setText(self.tr("Type the action in the note, then record it."))
            self.note.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if not target and kind != "action":
            self.status.setText(self.tr("Choose what the decision is about first."))
            return
        self.drill.record(kind, target or "", note=note)
        self.note.clear()
        self.status.setText(self.tr("Recorded: {what}").format(what=self._decision_words(-1)))
        self.refresh()
        self.kind.setFocus(Qt.FocusReason.OtherFocusReason)

    def _decision_words(self, index: int) -> str:
        assert self.drill is not None
        d = self.drill.decisions[index]
        labels = dict((v, k) for k, v in self._choices(d.kind))
        target = labels.get(d.target, d.target)
        return f"{KIND_WORDS[d.kind]}: {target}" + (f" ({d.note})" if d.note else "")

    def _on_undo_button_clicked(self) -> None:
        if self.drill is None:
            return
        undone = self.drill.undo()
        self.status.setText(
            self.tr("Nothing to undo.") if undone is None else self.tr("Last decision undone.")
        )
        self.refresh()

    def _on_next_button_clicked(self) -> None:
        if self.drill is None:
            return
        if self.drill.advance() is None:
            self.status.setText(self.tr("That was the last inject: finish to write the report."))
            self.finish_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.status.setText("")
        self.refresh()
        self.kind.setFocus(Qt.FocusReason.OtherFocusReason)

    # Showing the moment ------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the drill as it stands now."""
        if self.drill is None:
            return
        snap = self.drill.snapshot()
        when = clock.short_text(snap.moment)
        zone = clock.zone_name(snap.moment)
        self.clock_label.setText(f"{snap.inject.label}  ·  {when} {zone}".strip())
        self.inject_label.setText(
            f"<p style='margin:0 0 8px 0; color:{ACCENT}'><b>"
            + _e(self.tr("Inject {n} of {total}").format(n=snap.position + 1, total=snap.total))
            + f"</b></p><p style='margin:0'>{_e(snap.inject.text)}</p>"
        )
        self._show_clocks(snap.clocks, snap.at_hours)
        self._show_people(snap)
        self._show_decisions()
        self.next_button.setEnabled(not self.drill.finished)
        self.undo_button.setEnabled(bool(self.drill.decisions))

    def _show_clocks(self, runs: list[ClockRun], hours: float) -> None:
        rows = []
        for run in runs:
            left = run.left_at(hours)
            if run.filed_at is not None:
                state, colour = (
                    self.tr("filed at {t}").format(t=clock.t_label(run.filed_at)),
                    "#2e6b34",
                )
            elif left is None:
                state, colour = self.tr("without undue delay"), "#4a5568"
            else:
                state = clock.time_left(left)
                colour = INVALID if left < 0 else ("#8a5300" if left < 12 else "#1d2433")
            due = (
                self.tr("due {when}").format(when=clock.short_text(run.deadline))
                if run.deadline
                else ""
            )
            rows.append(
                f"<tr><td style='padding:2px 12px 2px 0'><b>{_e(run.regime)}</b>"
                f" <span style='color:#4a5568'>{_e(due)}</span></td>"
                f"<td style='padding:2px 0; color:{colour}'><b>{_e(state)}</b></td></tr>"
            )
        body = (
            "<table>" + "".join(rows) + "</table>"
            if rows
            else f"<p style='color:#4a5568'>{_e(self.tr('None started yet.'))}</p>"
        )
        self.clocks_label.setText(self._panel(self.tr("Clocks running"), body))

    def _show_people(self, snap: Snapshot) -> None:
        due = {e.role: e for e in snap.escalations}
        pending: list[tuple[int, str, str]] = []
        called: list[str] = []
        for role in snap.involved:
            acting = role.acting
            if acting.who == "nobody":
                who = f"<span style='color:{INVALID}'><b>{_e(self.tr('nobody can act'))}</b></span>"
            else:
                who = _e(acting.person)
                if acting.who == "deputy":
                    who += f" <span style='color:#8a5300'>({_e(self.tr('deputy'))})</span>"
            if role.called:
                called.append(f"{_e(role.title)}: {who}")
                continue
            escalation = due.get(role.key)
            if escalation is not None and escalation.due_at is not None:
                late = escalation.due_at < snap.at_hours
                when = clock.t_label(escalation.due_at)
                text = self.tr("late, due {t}").format(t=when) if late else self.tr("by {t}")
                mark = f"<span style='color:{INVALID if late else '#1d2433'}'><b>"
                mark += _e(text.format(t=when)) + "</b></span>"
                order = 0 if late else 1
            else:
                mark, order = f"<span style='color:#4a5568'>{_e(self.tr('not called'))}</span>", 2
            pending.append(
                (
                    order,
                    f"<b>{_e(role.title)}</b> · {who}",
                    f"<tr><td style='padding:2px 12px 2px 0'><b>{_e(role.title)}</b> · {who}"
                    f"</td><td style='padding:2px 0'>{mark}</td></tr>",
                )
            )
        board = due.get(BOARD)
        if board is not None and board.due_at is not None:
            forum = _e(self.charter.board.forum or self.tr("The board"))
            if board.made_at is not None:
                called.append(forum)
            else:
                late = board.due_at < snap.at_hours
                text = self.tr("tell, late since {t}" if late else "tell by {t}")
                colour = INVALID if late else "#1d2433"
                pending.append(
                    (
                        0 if late else 1,
                        f"<b>{forum}</b>",
                        f"<tr><td style='padding:2px 12px 2px 0'><b>{forum}</b></td><td><span "
                        f"style='color:{colour}'><b>{_e(text.format(t=clock.t_label(board.due_at)))}"
                        "</b></span></td></tr>",
                    )
                )
        pending.sort(key=lambda p: p[0])
        if len(pending) > 6:  # what fits a projector; the roles without a deadline share a line
            also = [title for order, title, _row in pending if order == 2]
            pending = [p for p in pending if p[0] < 2]
        else:
            also = []
        rows = [row for _order, _title, row in pending]
        body = "<table>" + "".join(rows) + "</table>" if rows else ""
        if also:
            body += (
                f"<p style='margin:6px 0 0 0'>{_e(self.tr('Also needed:'))} "
                + ", ".join(also)
                + "</p>"
            )
        if called:
            body += (
                f"<p style='margin:6px 0 0 0; color:#2e6b34'>✓ {_e(self.tr('Called or told:'))} "
                + ", ".join(called)
                + "</p>"
            )
        self.people_label.setText(self._panel(self.tr("Who should be involved now"), body))

    def _show_decisions(self) -> None:
        assert self.drill is not None
        now = self.drill.now
        lines = [
            f"<li>{_e(self._decision_words(i))}</li>"
            for i, d in enumerate(self.drill.decisions)
            if d.at_hours == now
        ]
        total = len(self.drill.decisions)
        head = self.tr("Decided at {t}").format(t=clock.t_label(now))
        if total > len(lines):
            head += "  " + self.tr("({n} in all)").format(n=total)
        empty = self.tr("Nothing recorded yet for this inject.")
        body = (
            "<ul style='margin:0'>" + "".join(lines[-6:]) + "</ul>"
            if lines
            else f"<p style='color:#4a5568'>{_e(empty)}</p>"
        )
        self.decisions_label.setText(self._panel(head, body))

    def _panel(self, title: str, body: str) -> str:
        return f"<p style='margin:0 0 4px 0; color:{ACCENT}'><b>{_e(title)}</b></p>{body}"

    # Finishing ---------------------------------------------------------------------------

    def _on_finish_button_clicked(self) -> None:
        self.finish()

    def finish(self) -> Outcome | None:
        """Write the report into a folder the user confirms, record the drill, and close."""
        if self.drill is None:
            return None
        folder = self.prompter.choose_folder(
            self, self.tr("Where should the drill report go?"), self.folder
        )
        if folder is None:
            return None
        from wizards.build import BuildError
        from wizards.drill.report import write_report
        from wizards.render import RenderError

        outcome = self.drill.outcome()
        try:
            path, _warnings = write_report(outcome, folder, self.today)
        except (BuildError, RenderError) as error:
            self.prompter.warning(self, self.tr("Report not written"), str(error))
            return None
        self.report = path
        # The decisions beside the report, so that `charter-builder drill run` can replay them.
        from wizards.answers import write_atomic

        log = path.with_name(path.stem + ".decisions.json")
        try:
            write_atomic(log, (self.drill.log().model_dump_json(indent=2) + "\n").encode())
        except OSError as error:
            self.prompter.warning(
                self,
                self.tr("Decisions not saved"),
                self.tr("The report is written, but {path} could not be: {reason}.").format(
                    path=log, reason=error.strerror or error
                ),
            )
        if self.on_recorded is not None:
            self.on_recorded(outcome.record(self.today))
        self.prompter.information(
            self,
            self.tr("Drill report written"),
            self.tr(
                "The report is in {path}, with the decisions beside it.\n\n{clocks} clock(s) "
                "missed, {late} escalation(s) late or never made, {gaps} gap(s) in the charter. "
                "The drill is recorded with the charter."
            ).format(
                path=path,
                clocks=len(outcome.clocks_missed),
                late=len(outcome.late_escalations),
                gaps=len(outcome.gaps),
            ),
        )
        self.accept()
        return outcome

    def reject(self) -> None:
        """Leave, after asking when decisions would be lost."""
        unsaved = self.drill is not None and bool(self.drill.decisions) and self.report is None
        if unsaved and not self.prompter.question(
            self,
            self.tr("Leave the drill?"),
            self.tr("The decisions recorded so far are not kept without a report. Leave?"),
        ):
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window is leaving the drill."""
        event.ignore()
        self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in the note or the choice records the decision (not only on the button)."""
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.stack.currentWidget() is self.run_page
            and not self.next_button.hasFocus()
            and not self.finish_button.hasFocus()
            and not self.undo_button.hasFocus()
        ):
            self.record_decision()
            return
        super().keyPressEvent(event)


def _rule(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setStyleSheet(f"color: {ACCENT};")
    return line


def _screen_style(base_pt: float) -> str:
    """Sizes of the drill screen's own parts, on top of the application's style sheet."""
    return f"""
QLabel[role="drill-title"] {{
    font-size: {base_pt * 1.45:.1f}pt; font-weight: 600; color: {ACCENT};
}}
QLabel[role="drill-clock"] {{
    font-size: {base_pt * 1.7:.1f}pt; font-weight: 700; color: {ACCENT};
}}
QLabel[role="drill-inject"] {{
    font-size: {base_pt * 1.3:.1f}pt; background: #fffdf5; border: 2px solid #e8c66a;
    border-radius: 8px; padding: 14px; color: #1d2433;
}}
QLabel[role="drill-panel"] {{
    background: #f4f6f9; border: 1px solid #c3ccd8; border-radius: 8px; padding: 10px;
}}
QListWidget#drill_scenarios::item {{ padding: 6px 8px; }}
QListWidget#drill_scenarios::item:selected {{ background: {FOCUS}; color: white; }}
"""


def _give_back_focus(*widgets: QWidget | None) -> None:
    """After the drill, the cursor goes back to the first of ``widgets`` still on the screen."""
    for widget in widgets:
        if widget is None:
            continue
        try:
            widget.window().activateWindow()
            if widget.isVisible() and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        except RuntimeError:  # the widget is gone
            continue


def run_drill(
    parent: QWidget,
    charter: Charter,
    prompter: Prompter,
    *,
    folder: Path | None = None,
    on_recorded: Callable[[DrillRecord], None] | None = None,
    return_focus: QWidget | None = None,
) -> DrillDialog:
    """Open the drill screen over ``parent``'s window, as large as that window; returns it.

    When it closes, the cursor goes back where it was, or else to ``return_focus``.
    """
    before = QApplication.focusWidget()
    dialog = DrillDialog(charter, prompter, folder=folder, on_recorded=on_recorded, parent=parent)
    # After the dialog has gone: Qt activates the window below only once it is hidden.
    dialog.finished.connect(
        lambda _result: QTimer.singleShot(0, lambda: _give_back_focus(before, return_focus))
    )
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window = parent.window()
    dialog.resize(window.size().expandedTo(dialog.minimumSizeHint()))
    dialog.showMaximized()
    return dialog
