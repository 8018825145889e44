"""The presenter view: the workshop on the projector, one agenda item at a time.

Full screen and in large type, each item shows its key decisions one by one: the question in plain
words, why it matters, the options and the charter's answer, which the facilitator edits right
there with the same editors the wizard's step uses (the edit goes into the charter as the
wizard's would). The room's verdict is recorded from the keyboard: *agreed* (everyone present
ticked; untick who did not), *agreed with dissent* (who objects, in their words) or *deferred*
(an action with an owner and a due date). Page Down and Page Up (or Alt+N and Alt+P) go to the
next and previous item and record when each item started and ended; Escape leaves.

A small timer in the corner counts the item's timebox down. It never takes the focus and never
interrupts: at the end it only changes colour. With a second screen, the charter's section for
the item is shown there, updated as the answers change.

Everything recorded is worked out by ``wizards.workshop``; this screen only shows and asks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QRect, QSignalBlocker, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop import mnemonics
from desktop.editors import BoolEditor, ChecklistEditor, ChoiceEditor, DateEditor, TextEditor
from desktop.forms import FieldForm, FieldSpec, RecordListWidget, get_path, path_tokens
from desktop.style import ACCENT, FOCUS, INVALID
from desktop.tab_order import chain, widgets_in_layout_order
from wizards.model import Charter
from wizards.render import long_date
from wizards.steps import Step
from wizards.workshop import record
from wizards.workshop.decisions import DecisionPoint, answer, points_for, step_of_item
from wizards.workshop.model import Action, AgendaItem, Decision, Dissent, Outcome, Workshop

if TYPE_CHECKING:
    from desktop.pages.base import PreviewWidget, StepPage
    from desktop.wizard import CharterWizard

SCREEN_PT = 16.0
"""The smallest base size of the presenter view: readable from the back of a room."""

TICK_MS = 1000
"""How often the timer is redrawn."""

WARN_SECONDS = 120
"""The timer turns amber this long before the timebox ends."""

RESERVED = frozenset({"n", "p"})
"""Alt+N and Alt+P always mean the next and the previous item."""

Clock = Callable[[], dt.datetime]


def wall_clock() -> dt.datetime:
    """The time now, to the second: what the timer and the record go by."""
    return dt.datetime.now().replace(microsecond=0)


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _tr(text: str) -> str:
    return QCoreApplication.translate("PresenterDialog", text)


def _minutes_seconds(seconds: int) -> str:
    """``12:05`` for twelve minutes and five seconds; ``1:02:05`` from an hour."""
    minutes, rest = divmod(abs(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{rest:02d}" if hours else f"{minutes}:{rest:02d}"


def timer_text(item: AgendaItem, now: dt.datetime) -> tuple[str, str]:
    """What the timer says for an item at ``now``, and its state: ``"", "warn"`` or ``"over"``."""
    if item.minutes <= 0:
        return "", ""
    if item.started_at is None:
        return _tr("{m} min").format(m=item.minutes), ""
    end = (item.ended_at or now).replace(tzinfo=None)
    used = max(0, int((end - item.started_at.replace(tzinfo=None)).total_seconds()))
    left = item.minutes * 60 - used
    if left < 0:
        return _tr("{t} over").format(t=_minutes_seconds(left)), "over"
    state = "warn" if left <= WARN_SECONDS else ""
    return _tr("{t} left").format(t=_minutes_seconds(left)), state


# The wizard's own editors for an answer --------------------------------------------------


@dataclasses.dataclass
class AnswerFields:
    """How one model path is edited on the wizard's page: fields of a form, or a whole list."""

    specs: list[FieldSpec]
    labels: dict[str, str]
    list_of: RecordListWidget | None = None
    """The page's list, when the path is a whole list of records (the principles)."""


def _label_of(form: FieldForm, path: str) -> str:
    editor = form.rows[path].editor
    text = editor.text() if isinstance(editor, BoolEditor) else form.labels[path].text()
    return mnemonics.strip(text)


def _in_list(spec: FieldSpec, list_path: str, index: int) -> FieldSpec:
    """A field of one record of a list, as a field of the charter (its path made whole)."""
    full = f"{list_path}[{index}].{spec.path}"
    get, put = spec.get, spec.set

    def record_of(root: Any) -> Any:
        return get_path(root, f"{list_path}[{index}]")

    return dataclasses.replace(
        spec,
        path=full,
        get=(lambda root: get(record_of(root))) if get else None,
        set=(lambda root, value: put(record_of(root), value)) if put else None,
    )


def answer_fields(pages: dict[Step, StepPage], path: str) -> AnswerFields | None:
    """The wizard's fields for ``path``: the field itself, the fields of a group below it, one
    field of a record in a list, or a whole list. None when no page edits it."""
    for page in pages.values():
        for form in page.forms:
            inside = [s for s in form.specs if s.path == path or s.path.startswith(path + ".")]
            if inside:
                return AnswerFields(inside, {s.path: _label_of(form, s.path) for s in inside})
        for list_path, widget in page.lists.items():
            if path == list_path:
                return AnswerFields([], {}, widget)
            if not path.startswith(list_path + "["):
                continue
            tokens = path_tokens(path[len(list_path) :])
            if len(tokens) < 2 or not isinstance(tokens[0], int):
                continue
            rest = path[len(list_path) :].split("]", 1)[1].lstrip(".")
            spec = widget.specs.get(rest)
            if spec is None:
                continue
            whole = _in_list(spec, list_path, tokens[0])
            return AnswerFields([whole], {whole.path: _label_of(widget.form, rest)})
    return None


# The screen ------------------------------------------------------------------------------


class PresenterDialog(QDialog):
    """The workshop's agenda, item by item, with each key decision and the room's verdict."""

    changed = Signal()
    """The charter changed (an answer, a decision, an item's times): autosave."""

    def __init__(
        self,
        wizard: CharterWizard,
        *,
        now: Clock | None = None,
        tick_ms: int = TICK_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("presenterDialog")
        self.wizard = wizard
        self.charter: Charter = wizard.charter
        self.now: Clock = now or wall_clock
        from desktop.workshop_setup import current_workshop

        self.workshop: Workshop = current_workshop(self.charter, self.now().date())
        self.index = self._first_open_item()
        self.points: list[DecisionPoint] = []
        self.point: DecisionPoint | None = None
        self.answer_forms: list[FieldForm] = []
        self.answer_list: RecordListWidget | None = None
        self.outcome: Outcome | None = None
        self._objector = ""
        """Who was chosen as objecting, and so unticked among those who agreed."""
        self.second_screen: SecondScreenWidget | None = None

        app_pt = QApplication.font().pointSizeF()
        self.base_pt = max(SCREEN_PT, app_pt * 1.3 if app_pt > 0 else SCREEN_PT)
        font = QFont(self.font())
        font.setPointSizeF(self.base_pt)
        self.setFont(font)
        self.setStyleSheet(_screen_style(self.base_pt))
        self._build()
        self.setFont(font)
        for part in self.findChildren(QWidget):
            part.setFont(font)

        self.timer = QTimer(self)
        self.timer.setObjectName("presenter_timer_tick")
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.retranslate_ui()
        self._show_item(self.index, start=True)
        self.timer.start()

    # Building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.item_title = QLabel(self)
        self.item_title.setObjectName("presenter_item")
        self.item_title.setProperty("role", "presenter-title")
        self.item_title.setWordWrap(True)
        self.timer_label = QLabel(self)
        self.timer_label.setObjectName("presenter_timer")
        self.timer_label.setProperty("role", "presenter-timer")
        self.timer_label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top = QHBoxLayout()
        top.addWidget(self.item_title, 1)
        top.addWidget(self.timer_label, 0, Qt.AlignmentFlag.AlignTop)

        # Left: the item's decisions, and the log of what the room has decided.
        self.points_label = QLabel(self)
        self.points_label.setObjectName("presenter_points_label")
        self.points_label.setProperty("role", "presenter-small-heading")
        self.points_list = QListWidget(self)
        self.points_list.setObjectName("presenter_points")
        self.points_list.setWordWrap(True)
        # Lines are wrapped again when the scroll bar comes and takes some of the width.
        self.points_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        # Room between the lines from the view, not from padding in the style sheet: Qt wraps
        # an item's words without that padding and then cuts the line it paints ("Budget …").
        self.points_list.setSpacing(3)
        self.points_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.points_list.currentRowChanged.connect(self._on_points_list_current_row_changed)
        self.points_label.setBuddy(self.points_list)
        self.log_label = QLabel(self)
        self.log_label.setObjectName("presenter_log_label")
        self.log_label.setProperty("role", "presenter-small-heading")
        self.log = QListWidget(self)
        self.log.setObjectName("presenter_log")
        self.log.setWordWrap(True)
        self.log.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.log.setSpacing(2)
        self.log.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.log.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.log.setProperty("role", "presenter-log")
        left = QVBoxLayout()
        left.addWidget(self.points_label)
        left.addWidget(self.points_list, 2)
        left.addWidget(self.log_label)
        left.addWidget(self.log, 3)
        left_box = QWidget(self)
        left_box.setObjectName("presenter_left")
        left_box.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        self.left_width = round(self.base_pt * 16)
        left_box.setFixedWidth(self.left_width)

        # Centre: the decision on screen.
        self.content = QWidget(self)
        self.content.setObjectName("presenter_content")
        body = QVBoxLayout(self.content)
        body.setContentsMargins(4, 0, 16, 4)
        body.setSpacing(12)
        self.question = QLabel(self)
        self.question.setObjectName("presenter_question")
        self.question.setProperty("role", "presenter-question")
        self.question.setWordWrap(True)
        self.why = QLabel(self.content)
        self.why.setObjectName("presenter_why")
        self.why.setProperty("role", "why")
        self.why.setWordWrap(True)
        self.why.setTextFormat(Qt.TextFormat.RichText)
        self.options = QLabel(self.content)
        self.options.setObjectName("presenter_options")
        self.options.setWordWrap(True)
        self.options.setTextFormat(Qt.TextFormat.RichText)
        self.answer_host = QWidget(self.content)
        self.answer_host.setObjectName("presenter_answer")
        self.answer_layout = QVBoxLayout(self.answer_host)
        self.answer_layout.setContentsMargins(0, 0, 0, 0)
        self.answer_now = QLabel(self.content)
        self.answer_now.setObjectName("presenter_answer_now")
        self.answer_now.setProperty("role", "presenter-answer")
        self.answer_now.setWordWrap(True)
        self.answer_now.setTextFormat(Qt.TextFormat.RichText)
        self.status = QLabel(self.content)
        self.status.setObjectName("presenter_status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)

        self.agreed_button = QPushButton(self.content)
        self.agreed_button.setObjectName("presenter_agreed")
        self.dissent_button = QPushButton(self.content)
        self.dissent_button.setObjectName("presenter_dissent")
        self.deferred_button = QPushButton(self.content)
        self.deferred_button.setObjectName("presenter_deferred")
        verdicts = QHBoxLayout()
        for button, outcome in (
            (self.agreed_button, Outcome.AGREED),
            (self.dissent_button, Outcome.DISSENT),
            (self.deferred_button, Outcome.DEFERRED),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, o=outcome: self.choose_outcome(o))
            verdicts.addWidget(button)
        verdicts.addStretch(1)

        # The verdict's fields: one panel shown at a time, each as tall as its own fields.
        self.panel = QWidget(self.content)
        self.panel.setObjectName("presenter_panel")
        panels = QVBoxLayout(self.panel)
        panels.setContentsMargins(0, 0, 0, 0)
        self.agree_panel = QWidget(self.panel)
        self.agree_panel.setObjectName("presenter_agree_panel")
        self.agreed_label = QLabel(self.agree_panel)
        self.agreed_label.setWordWrap(True)
        self.agreed_by = ChecklistEditor(self._present_choices, self.agree_panel)
        self.agreed_by.setObjectName("presenter_agreed_by")
        self.agreed_label.setBuddy(self.agreed_by)
        self.objector_label = QLabel(self.agree_panel)
        self.objector = ChoiceEditor(self._objector_choices, self.agree_panel)
        self.objector.setObjectName("presenter_objector")
        self.objector_label.setBuddy(self.objector)
        self.objector.changed.connect(self._on_objector_changed)
        self.reason_label = QLabel(self.agree_panel)
        self.reason = TextEditor(self.agree_panel)
        self.reason.setObjectName("presenter_reason")
        self.reason_label.setBuddy(self.reason)
        agree_layout = QVBoxLayout(self.agree_panel)
        agree_layout.setContentsMargins(0, 0, 0, 0)
        widget: QWidget
        for widget in (
            self.agreed_label,
            self.agreed_by,
            self.objector_label,
            self.objector,
            self.reason_label,
            self.reason,
        ):
            agree_layout.addWidget(widget)
        panels.addWidget(self.agree_panel)
        self.defer_panel = QWidget(self.panel)
        self.defer_panel.setObjectName("presenter_defer_panel")
        self.action_label = QLabel(self.defer_panel)
        self.action_text = TextEditor(self.defer_panel)
        self.action_text.setObjectName("presenter_action")
        self.action_label.setBuddy(self.action_text)
        self.owner_label = QLabel(self.defer_panel)
        self.owner = ChoiceEditor(self._owner_choices, self.defer_panel)
        self.owner.setObjectName("presenter_owner")
        self.owner_label.setBuddy(self.owner)
        self.due_label = QLabel(self.defer_panel)
        self.due = DateEditor(self.defer_panel)
        self.due.setObjectName("presenter_due")
        self.due_label.setBuddy(self.due.line)
        defer_layout = QVBoxLayout(self.defer_panel)
        defer_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.action_label,
            self.action_text,
            self.owner_label,
            self.owner,
            self.due_label,
            self.due,
        ):
            defer_layout.addWidget(widget)
        panels.addWidget(self.defer_panel)
        self.panel_error = QLabel(self.content)
        self.panel_error.setObjectName("presenter_panel_error")
        self.panel_error.setProperty("role", "error")
        self.panel_error.setWordWrap(True)
        self.panel_error.hide()
        self.record_button = QPushButton(self.content)
        self.record_button.setObjectName("presenter_record")
        self.record_button.setAutoDefault(False)
        self.record_button.clicked.connect(self.record_decision)
        record_row = QHBoxLayout()
        record_row.addWidget(self.record_button)
        record_row.addStretch(1)

        for part in (self.why, self.options, self.answer_host, self.answer_now):
            body.addWidget(part)
        body.addWidget(self.status)
        body.addLayout(verdicts)
        body.addWidget(self.panel)
        body.addWidget(self.panel_error)
        body.addLayout(record_row)
        body.addStretch(1)

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("presenter_scroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.content)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.question)
        right.addWidget(self.scroll_area, 1)
        middle = QHBoxLayout()
        middle.addWidget(left_box)
        middle.addSpacing(12)
        middle.addLayout(right, 1)

        self.previous_button = QPushButton(self)
        self.previous_button.setObjectName("presenter_previous")
        self.next_button = QPushButton(self)
        self.next_button.setObjectName("presenter_next")
        self.setup_button = QPushButton(self)
        self.setup_button.setObjectName("presenter_setup")
        self.leave_button = QPushButton(self)
        self.leave_button.setObjectName("presenter_leave")
        for button, slot in (
            (self.previous_button, self.previous_item),
            (self.next_button, self.next_item),
            (self.setup_button, self.set_up),
            (self.leave_button, self.reject),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
        bottom = QHBoxLayout()
        bottom.addWidget(self.previous_button)
        bottom.addWidget(self.next_button)
        bottom.addStretch(1)
        bottom.addWidget(self.setup_button)
        bottom.addWidget(self.leave_button)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.addLayout(top)
        outer.addLayout(middle, 1)
        outer.addLayout(bottom)

        # A presentation remote sends Page Down and Page Up.
        for keys, slot in (
            (QKeySequence(Qt.Key.Key_PageDown), self.next_item),
            (QKeySequence(Qt.Key.Key_PageUp), self.previous_item),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

    # Strings -----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Every visible string of the screen."""
        self.setWindowTitle(self.tr("Presenter view — {title}").format(title=self.workshop.title))
        self.points_label.setText(self.tr("Decisions in this &item"))
        self.points_list.setAccessibleName(self.tr("Decisions in this item"))
        self.log_label.setText(self.tr("Decided so far"))
        self.log.setAccessibleName(self.tr("Decisions taken in the workshop"))
        self.agreed_button.setText(self.tr("&Agreed"))
        self.dissent_button.setText(self.tr("Agreed with &dissent"))
        self.deferred_button.setText(self.tr("De&ferred"))
        self.agreed_button.setToolTip(self.tr("The room agrees the answer as it stands."))
        self.dissent_button.setToolTip(
            self.tr("The room agrees, and someone's objection is recorded in their words.")
        )
        self.deferred_button.setToolTip(
            self.tr("Not decided today: an action, with its owner and due date, brings it back.")
        )
        self.agreed_label.setText(self.tr("A&greed by (untick anyone who did not agree)"))
        self.objector_label.setText(self.tr("&Who objects"))
        self.reason_label.setText(self.tr("Their &reason, in their words"))
        self.action_label.setText(self.tr("&What is to be done"))
        self.owner_label.setText(self.tr("&Owner"))
        self.due_label.setText(self.tr("D&ue by"))
        self.due.setAccessibleName(self.tr("Due by"))
        self.record_button.setText(self.tr("Re&cord the decision"))
        self.record_button.setToolTip(self.tr("Record the decision (Enter in a field)."))
        self.previous_button.setText(self.tr("< &Previous item"))
        self.previous_button.setToolTip(self.tr("The previous agenda item (Page Up)."))
        self.previous_button.setAccessibleName(self.tr("Previous item"))
        self.setup_button.setText(self.tr("Set &up the workshop…"))
        self.setup_button.setToolTip(
            self.tr("The attendees, the agenda and the timeboxes; the room's record is kept.")
        )
        self.setup_button.setAccessibleName(self.tr("Set up the workshop"))
        self.leave_button.setText(self.tr("Leave (Esc)"))
        self.leave_button.setAccessibleName(self.tr("Leave the presenter view"))
        self._update_next_button()
        self._show_point_text()
        self._fill_log()
        self._on_timer_timeout()

    def _update_next_button(self) -> None:
        last = self.index >= len(self.workshop.agenda) - 1
        text = self.tr("&Next item >") if not last else self.tr("E&nd the last item")
        self.next_button.setText(text)
        self.next_button.setAccessibleName(mnemonics.strip(text).strip("> "))
        self.next_button.setToolTip(
            self.tr("The next agenda item (Page Down); the time this one ended is recorded.")
        )
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(bool(self.workshop.agenda))

    def _assign_keys(self) -> None:
        """Alt-letters for what is on screen now; hidden controls lose theirs."""
        first = [
            self.next_button,
            self.previous_button,
            self.agreed_button,
            self.dissent_button,
            self.deferred_button,
            self.record_button,
            self.points_label,
        ]
        # The decision is inside a scroll area, which is not a layout: it is walked on its own.
        found = mnemonics.controls_in_layout_order(self.content)
        found += mnemonics.controls_in_layout_order(self)
        rest = [c for c in found if c not in first]
        shown = [c for c in first + rest if c.isVisibleTo(self)]
        hidden = [c for c in first + rest if not c.isVisibleTo(self)]
        mnemonics.clear(hidden)
        letters = mnemonics.assign(shown[:2], set())
        mnemonics.assign(shown[2:], letters | RESERVED)
        chain(
            [
                *widgets_in_layout_order(self.content),
                self.points_list,
                self.previous_button,
                self.next_button,
                self.setup_button,
                self.leave_button,
            ]
        )

    # Items -------------------------------------------------------------------------------

    def _first_open_item(self) -> int:
        agenda = self.workshop.agenda
        running = record.running(self.workshop)
        if running is not None:
            return agenda.index(running)
        for i, item in enumerate(agenda):
            if item.ended_at is None:
                return i
        return 0

    def current_item(self) -> AgendaItem | None:
        """The agenda item on screen, or None for an empty agenda."""
        agenda = self.workshop.agenda
        return agenda[self.index] if 0 <= self.index < len(agenda) else None

    def _show_item(self, index: int, *, start: bool) -> None:
        self.index = index
        item = self.current_item()
        if item is not None and start:
            record.start_item(self.workshop, item.id, self.now())
            self.changed.emit()
        total = len(self.workshop.agenda)
        if item is None:
            self.item_title.setText(
                self.tr("The agenda is empty: set up the workshop first (Workshop menu).")
            )
            self.points = []
        else:
            self.item_title.setText(
                self.tr("Item {n} of {total}: {title}").format(
                    n=index + 1, total=total, title=item.title or self.tr("(untitled)")
                )
            )
            self.points = points_for(self.charter, item)
        blocker = QSignalBlocker(self.points_list)
        self.points_list.clear()
        for point in self.points:
            QListWidgetItem(point.title, self.points_list)
        del blocker
        self._update_next_button()
        self._mark_points()
        self._on_timer_timeout()
        self._show_point(0 if self.points else None)
        self._show_on_second_screen()

    def next_item(self) -> None:
        """End the item on screen and start the next (the last one is only ended)."""
        item = self.current_item()
        if item is None:
            return
        now = self.now()
        if self.index + 1 < len(self.workshop.agenda):
            record.end_item(self.workshop, item.id, now)
            self._show_item(self.index + 1, start=True)
        else:
            record.end_item(self.workshop, item.id, now)
            self.changed.emit()
            self._on_timer_timeout()
            self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._focus_start()

    def previous_item(self) -> None:
        """Go back to the previous item (it runs again; its first start is kept)."""
        if self.index <= 0:
            return
        self._show_item(self.index - 1, start=True)
        self._focus_start()

    def _focus_start(self) -> None:
        """The cursor waits in the first answer of the item, or on Next when it has none."""
        first = self._first_answer_field()
        target = first or self.next_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _first_answer_field(self) -> QWidget | None:
        for widget in widgets_in_layout_order(self.answer_host):
            shown = widget.isVisibleTo(self) and widget.isEnabled()
            if shown and not isinstance(widget, QPushButton):
                return widget
        return None

    # Decision points ---------------------------------------------------------------------

    def _on_points_list_current_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.points) and self.points[row] is not self.point:
            self._show_point(row, keep_list_focus=True)

    def _show_point(self, row: int | None, *, keep_list_focus: bool = False) -> None:
        self.point = self.points[row] if row is not None else None
        if row is not None:
            blocker = QSignalBlocker(self.points_list)
            self.points_list.setCurrentRow(row)
            del blocker
        self._build_answer()
        self.outcome = None
        self._show_panel(None)
        self.record_button.hide()
        self.panel_error.hide()
        has_point = self.point is not None
        for widget in (self.agreed_button, self.dissent_button, self.deferred_button):
            widget.setVisible(has_point)
        self._show_point_text()
        self._assign_keys()
        self.scroll_area.verticalScrollBar().setValue(0)
        if keep_list_focus:
            self.points_list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _build_answer(self) -> None:
        """The wizard's editors for the decision's fields, bound to the charter."""
        for form in self.answer_forms:
            form.changed.disconnect(self._on_answer_changed)
        while self.answer_layout.count():
            child = self.answer_layout.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.answer_forms = []
        self.answer_list = None
        point = self.point
        if point is None:
            return
        note = QLabel(self.answer_host)
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        for path in (point.path, *point.also):
            fields = answer_fields(self.wizard.pages, path)
            if fields is None:
                continue
            if fields.list_of is not None:
                self.answer_list = self._clone_list(fields.list_of)
                self.answer_layout.addWidget(self.answer_list)
                continue
            try:
                for spec in fields.specs:
                    spec.read(self.charter)
            except (IndexError, KeyError):
                note.setText(
                    self.tr("This answer is given on the {step} step of the wizard first.").format(
                        step=self.tr(point.step.title)
                    )
                )
                continue
            form = FieldForm(fields.specs, "presenter", self.answer_host)
            form.set_labels(fields.labels)
            form.load(self.charter)
            form.changed.connect(self._on_answer_changed)
            self.answer_layout.addWidget(form)
            self.answer_forms.append(form)
        if note.text():
            self.answer_layout.addWidget(note)
        else:
            note.deleteLater()
        # Shown now, not when the layout gets round to it, so the cursor can go in at once.
        for index in range(self.answer_layout.count()):
            entry = self.answer_layout.itemAt(index)
            shown = entry.widget() if entry is not None else None
            if shown is not None:
                shown.show()
        font = self.font()
        for part in self.answer_host.findChildren(QWidget):
            part.setFont(font)
        # Measured in the large type just set, and one width for every form of the answer, so
        # the labels stay on one line where they can and the editors line up.
        labels = [label for form in self.answer_forms for label in form.labels.values()]
        widest = round(self.base_pt * 11)
        one_line = max(
            (
                label.fontMetrics().horizontalAdvance(mnemonics.strip(label.text()))
                for label in labels
            ),
            default=0,
        )
        for label in labels:
            label.setFixedWidth(min(one_line + 8, widest))

    def _clone_list(self, original: RecordListWidget) -> RecordListWidget:
        """The page's list, with its columns, fields and labels, editing the same records."""
        clone = RecordListWidget(
            original.path,
            original.columns,
            list(original.specs.values()),
            original.factory,
            self.answer_host,
        )
        clone.setObjectName(f"presenter_{original.objectName()}")
        path = original.path
        clone.bind(lambda: get_path(self.charter, path))
        headers = {}
        for i, column in enumerate(original.columns):
            header = original.table.horizontalHeaderItem(i)
            headers[column] = header.text() if header is not None else column
        fields = {p: _label_of(original.form, p) for p in original.form.rows}
        clone.set_labels(original.table.accessibleName(), headers, fields)
        clone.load()
        clone.changed.connect(self._on_answer_changed)
        return clone

    def _options_text(self) -> str:
        """The choices of a decision that has a fixed set of answers, the current one bold."""
        parts = []
        for form in self.answer_forms:
            for spec in form.specs:
                if spec.kind != "choice" or spec.choices is None:
                    continue
                choices = spec.choices() if callable(spec.choices) else spec.choices
                value = spec.read(self.charter)
                words = [
                    f"<b><u>{_e(label)}</u></b>" if choice == value else _e(label)
                    for choice, label in choices
                ]
                parts.append(" · ".join(words))
        if not parts:
            return ""
        return f"<b>{_e(self.tr('Options'))}:</b> " + "<br>".join(parts)

    def _show_point_text(self) -> None:
        point = self.point
        item = self.current_item()
        if point is None:
            step = step_of_item(item) if item is not None else None
            if item is None:
                self.question.setText("")
            elif step is None:
                self.question.setText(self.tr("No key decision is taken in this item."))
            else:
                self.question.setText(
                    self.tr("The {step} step holds no key decision yet.").format(
                        step=self.tr(step.title)
                    )
                )
            for label in (self.why, self.options, self.answer_now, self.status):
                label.hide()
            following = self.index + 1
            if item is not None and following < len(self.workshop.agenda):
                upcoming = self.workshop.agenda[following]
                words = self.tr("Next on the agenda: {title} ({m} min).").format(
                    title=upcoming.title or self.tr("(untitled)"), m=upcoming.minutes
                )
                self.options.setText(_e(words))
                self.options.show()
            return
        self.question.setText(point.question)
        self.why.setText(f"<b>{_e(self.tr('Why this matters'))}.</b> {_e(point.why)}")
        self.why.show()
        options = self._options_text()
        self.options.setText(options)
        self.options.setVisible(bool(options))
        self._show_answer_now()

    def _show_answer_now(self) -> None:
        point = self.point
        if point is None:
            return
        words = answer(self.charter, point.key)
        shown = _e(words) if words else f"<i>{_e(self.tr('not answered yet'))}</i>"
        self.answer_now.setText(f"<b>{_e(self.tr('The charter says'))}:</b> {shown}")
        self.answer_now.show()
        self.status.setText(self._status_text(point))
        self.status.setVisible(bool(self.status.text()))

    def _status_text(self, point: DecisionPoint) -> str:
        decision = record.standing(self.workshop, point.key)
        if decision is None:
            return ""
        text = _e(self._decision_words(decision))
        if record.reopened(self.workshop, self.charter, point.key):
            words = _e(self.tr("Reopened: the answer has changed since it was agreed."))
            text += f"<br><span style='color:{INVALID}'><b>{words}</b></span>"
        return text

    def _decision_words(self, decision: Decision) -> str:
        when = decision.taken_at.strftime("%H:%M") if decision.taken_at else ""
        present = len(record.present(self.workshop, decision.item))
        if decision.outcome is Outcome.DEFERRED:
            action = next(
                (a for a in reversed(self.workshop.actions) if a.decision == decision.key), None
            )
            owner = action.owner if action is not None and action.owner else self.tr("no owner")
            due = long_date(action.due) if action is not None and action.due else ""
            text = self.tr("Deferred at {time}: {owner}").format(time=when, owner=owner)
            return text + (self.tr(", due {date}").format(date=due) if due else "")
        words = self.tr("Agreed at {time} by {n} of {present}").format(
            time=when, n=len(decision.agreed_by), present=present
        )
        if decision.dissent:
            names = ", ".join(self._name(d.attendee) for d in decision.dissent)
            words += self.tr("; {names} objected").format(names=names)
        return words

    def _name(self, attendee_id: str) -> str:
        person = record.attendee_by_id(self.workshop, attendee_id)
        return (person.name if person is not None else "") or attendee_id

    def _mark_points(self) -> None:
        """Each decision of the item in the list with how it stands: ✓ agreed, → deferred to
        an action, ! reopened by a later change."""
        standing, is_reopened = self._standing_now()
        for row, point in enumerate(self.points):
            entry = self.points_list.item(row)
            if entry is None:
                continue
            decision = standing.get(point.key)
            mark = ""
            if decision is not None:
                if is_reopened(decision):
                    mark = "! "
                elif decision.outcome is Outcome.DEFERRED:
                    mark = "→ "
                else:
                    mark = "✓ "
            entry.setText(mark + point.title)
        self._fit_rows(self.points_list)

    def _fit_rows(self, view: QListWidget) -> None:
        """Give each line of a list the height its wrapped words need.

        Qt measures a wrapped item without the style sheet's padding and then paints it in less
        room, cutting the last words ("Budget for AI …"); the height is measured here instead,
        for the width the list really has (it is fixed), its scroll bar and padding deducted.
        """
        if view.isVisible():
            room = view.viewport().width()
        else:  # before the first show: the list's fixed width, less a scroll bar's
            bar = view.verticalScrollBar().sizeHint().width()
            room = self.left_width - 2 * view.frameWidth() - bar
        width = room - 2 * view.spacing() - 10
        metrics = view.fontMetrics()
        for row in range(view.count()):
            entry = view.item(row)
            if entry is None:
                continue
            box = metrics.boundingRect(
                QRect(0, 0, width, 10000), int(Qt.TextFlag.TextWordWrap), entry.text()
            )
            entry.setSizeHint(QSize(width, box.height() + 10))

    def showEvent(self, event: QShowEvent) -> None:
        """Once the lists have their real width, their lines are measured again."""
        super().showEvent(event)
        QTimer.singleShot(0, self._refit_lists)

    def _refit_lists(self) -> None:
        self._fit_rows(self.points_list)
        self._fit_rows(self.log)

    def _on_answer_changed(self) -> None:
        self._show_answer_now()
        self.options.setText(self._options_text())
        self._mark_points()
        self._fill_log()
        self._show_on_second_screen()
        self.changed.emit()

    # Verdicts ----------------------------------------------------------------------------

    def _present_choices(self) -> list[tuple[str, str]]:
        item = self.current_item()
        people = record.present(self.workshop, item.id if item is not None else "")
        return [(a.id, a.name or self.tr("(no name)")) for a in people]

    def _objector_choices(self) -> list[tuple[str, str]]:
        return [("", self.tr("(choose who)")), *self._present_choices()]

    def _owner_choices(self) -> list[tuple[str, str]]:
        people = [(a.name, a.name) for a in self.workshop.attendees if a.name]
        return [("", self.tr("(no owner yet)")), *people]

    def choose_outcome(self, outcome: Outcome) -> None:
        """Show what the chosen verdict asks for, and put the cursor in its first field."""
        if self.point is None:
            return
        self.outcome = outcome
        self.panel_error.hide()
        if outcome is not Outcome.DEFERRED and not self._present_choices():
            self._show_panel(None)
            self.record_button.hide()
            self.panel_error.setText(
                self.tr(
                    "No one is recorded as present at this item, so no one can agree yet: "
                    "add the people in the room with Set up the workshop."
                )
            )
            self.panel_error.show()
            self._assign_keys()
            self.setup_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if outcome is Outcome.DEFERRED:
            self._show_panel(self.defer_panel)
            self.owner.set_value("")
            self.action_text.set_value("")
            self.due.set_value(None)
            first: QWidget = self.action_text
        else:
            self._show_panel(self.agree_panel)
            self.agreed_by.refresh()
            self.agreed_by.set_value([c for c, _ in self._present_choices()])
            self.objector.set_value("")
            self._objector = ""
            self.reason.set_value("")
            dissent = outcome is Outcome.DISSENT
            for widget in (self.objector_label, self.objector, self.reason_label, self.reason):
                widget.setVisible(dissent)
            first = self.objector if dissent else self.agreed_by
        self.record_button.show()
        for part in self.panel.findChildren(QWidget):
            part.setFont(self.font())
        self._assign_keys()
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        area = self.scroll_area
        QTimer.singleShot(0, lambda: area.ensureWidgetVisible(self.record_button, 20, 20))

    def _show_panel(self, panel: QWidget | None) -> None:
        """Show the fields of one verdict (or none); the others take no room."""
        for each in (self.agree_panel, self.defer_panel):
            each.setVisible(each is panel)
        self.panel.setVisible(panel is not None)

    def _on_objector_changed(self) -> None:
        """Who objects is not among those who agreed; the one chosen before is again."""
        who = self.objector.value()
        ticked = [a for a in self.agreed_by.value() if a != who]
        before = self._objector
        if before and before != who and before not in ticked:
            ticked.append(before)
        order = [c for c, _ in self._present_choices()]
        self.agreed_by.set_value([c for c in order if c in ticked])
        self._objector = who

    def record_decision(self) -> Decision | None:
        """Record the verdict chosen for the decision on screen; says what is missing if any."""
        point, outcome, item = self.point, self.outcome, self.current_item()
        if point is None or outcome is None:
            return None
        problem = ""
        dissent: list[Dissent] = []
        action: Action | None = None
        agreed: list[str] | None = None
        if outcome is Outcome.DEFERRED:
            text = self.action_text.value().strip()
            if not text:
                problem = self.tr("Say what is to be done before the decision comes back.")
            elif self.due.has_bad_text():
                problem = self.tr("Write the due date as YYYY-MM-DD, e.g. 2026-03-31.")
            else:
                action = Action(text=text, owner=self.owner.value() or "", due=self.due.value())
        else:
            agreed = list(self.agreed_by.value())
            if outcome is Outcome.DISSENT:
                who = self.objector.value()
                reason = self.reason.value().strip()
                if not who:
                    problem = self.tr("Choose who objects.")
                elif not reason:
                    problem = self.tr("Write the objection in the words of the person objecting.")
                else:
                    dissent = [Dissent(attendee=who, reason=reason)]
                    agreed = [a for a in agreed if a != who]
            if not problem and not agreed:
                problem = self.tr("Tick at least one person who agreed, or choose Deferred.")
        if problem:
            self.panel_error.setText(problem)
            self.panel_error.show()
            return None
        try:
            decision = record.take(
                self.workshop,
                self.charter,
                point.key,
                outcome,
                item=item.id if item is not None else "",
                agreed_by=agreed,
                dissent=dissent,
                action=action,
                now=self.now(),
            )
        except record.WorkshopError as error:
            self.panel_error.setText(str(error))
            self.panel_error.show()
            return None
        self.changed.emit()
        self._mark_points()
        self._fill_log()
        row = self.points.index(point)
        if row + 1 < len(self.points):
            self._show_point(row + 1)
            self._focus_start()
        else:
            self._show_point(row)
            self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return decision

    # The log and the timer ---------------------------------------------------------------

    def _standing_now(self) -> tuple[dict[str, Decision], Any]:
        """The standing entry of each key decided, and a test of whether one is reopened.

        Worked out once per refresh (the answers of every decision in one pass), not once per
        logged decision: the log and the marks are refreshed at every key typed.
        """
        from wizards.workshop.decisions import answers

        standing = {d.key: d for d in record.standing_decisions(self.workshop)}
        now = answers(self.charter)

        def is_reopened(decision: Decision) -> bool:
            if decision.outcome is Outcome.DEFERRED:
                return False
            current = now.get(decision.key)
            if current is None:
                current = answer(self.charter, decision.key)
            return decision.answer != current

        return standing, is_reopened

    def _fill_log(self) -> None:
        from wizards.workshop.decisions import points_by_key

        self.log.clear()
        standing, is_reopened = self._standing_now()
        points = points_by_key(self.charter)
        taken = list(standing.values())
        taken.sort(key=lambda d: d.taken_at or dt.datetime.min)  # the latest at the bottom
        for decision in taken:
            point = points.get(decision.key)
            title = point.title if point is not None else decision.key
            line = f"{title}: {self._decision_words(decision)}"
            if is_reopened(decision):
                line += " — " + self.tr("reopened by a later change")
            QListWidgetItem(line, self.log)
        self._fit_rows(self.log)
        if self.log.count():
            self.log.scrollToBottom()

    def _on_timer_timeout(self) -> None:
        item = self.current_item()
        text, state = timer_text(item, self.now()) if item is not None else ("", "")
        self.timer_label.setText(text)
        self.timer_label.setAccessibleName(self.tr("Time for this item: {t}").format(t=text))
        if self.timer_label.property("state") != state:
            self.timer_label.setProperty("state", state)
            style = self.timer_label.style()
            style.unpolish(self.timer_label)
            style.polish(self.timer_label)

    # The second screen -------------------------------------------------------------------

    def _show_on_second_screen(self) -> None:
        if self.second_screen is None:
            return
        item = self.current_item()
        step = step_of_item(item) if item is not None else None
        self.second_screen.show_step(self.charter, step)

    def open_second_screen(self) -> None:
        """With a second screen, the charter's section for the item is shown on it."""
        screens = QGuiApplication.screens()
        mine = self.screen()
        others = [s for s in screens if s is not mine]
        if not others:
            return
        self.second_screen = SecondScreenWidget(self)
        self.second_screen.setScreen(others[0])
        self.second_screen.setGeometry(others[0].geometry())
        self.second_screen.showFullScreen()
        self._show_on_second_screen()
        self.activateWindow()

    # The set-up, from the room ------------------------------------------------------------

    def set_up(self) -> None:
        """Open the workshop's set-up over the presenter view; back on the same item after."""
        from desktop.workshop_setup import WorkshopSetupDialog

        item = self.current_item()
        dialog = WorkshopSetupDialog(self.charter, parent=self)
        dialog.changed.connect(self.changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Not exec(): the view's timer and autosave go on while the set-up is open.
        dialog.finished.connect(lambda _result: self._after_set_up(item))
        dialog.resize(self.size() * 0.9)
        dialog.open()

    def _after_set_up(self, item: AgendaItem | None) -> None:
        agenda = self.workshop.agenda
        ids = [i.id for i in agenda]
        index = ids.index(item.id) if item is not None and item.id in ids else 0
        self._show_item(min(index, max(len(agenda) - 1, 0)), start=False)
        self._fill_log()
        self.activateWindow()
        QTimer.singleShot(0, self._focus_start)

    # Keys and leaving --------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a field of the verdict records it; elsewhere Enter does nothing."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = QApplication.focusWidget()
            if focus is not None and self.panel.isVisible() and self.panel.isAncestorOf(focus):
                self.record_decision()
            event.accept()
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        """Leaving keeps everything: the answers and the log are in the charter already."""
        self.timer.stop()
        for form in self.answer_forms:
            form.store(self.charter)
        if self.second_screen is not None:
            self.second_screen.close()
            self.second_screen = None
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window is leaving the presenter view."""
        event.ignore()
        self.reject()


class SecondScreenWidget(QWidget):
    """The charter's section for the item on screen, full screen on the second display."""

    def __init__(self, presenter: PresenterDialog) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("presenterSecondScreen")
        from desktop.pages.base import PreviewWidget

        self.preview: PreviewWidget = PreviewWidget(self)
        self.preview.setObjectName("presenter_second_preview")
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        font = QFont(self.font())
        font.setPointSizeF(presenter.base_pt)
        self.setFont(font)
        self.preview.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.preview)
        self.setWindowTitle(presenter.tr("The charter"))

    def show_step(self, charter: Charter, step: Step | None) -> None:
        """Show the step's section of the charter (the whole charter for an item without)."""
        from wizards.render import render_charter, render_section

        try:
            html_text = (
                render_section(charter, step) if step is not None else render_charter(charter)
            )
        except Exception as error:  # a broken template must not stop the workshop
            html_text = "<p>" + _e(str(error)) + "</p>"
        self.preview.show_html(html_text)


def _screen_style(base_pt: float) -> str:
    """Sizes and colours of the presenter view's own parts, over the application's sheet."""
    return f"""
QLabel[role="presenter-title"] {{
    font-size: {base_pt * 1.35:.1f}pt; font-weight: 600; color: {ACCENT};
}}
QLabel[role="presenter-question"] {{
    font-size: {base_pt * 1.5:.1f}pt; font-weight: 600; color: #1d2433;
}}
QLabel[role="presenter-answer"] {{
    background: #f4f6f9; border: 1px solid #c3ccd8; border-radius: 8px; padding: 10px;
}}
QLabel[role="presenter-small-heading"] {{ font-weight: 600; color: {ACCENT}; }}
QLabel[role="presenter-timer"] {{
    color: #4a5568; border: 2px solid #c3ccd8; border-radius: 8px; padding: 4px 12px;
    background: #f4f6f9;
}}
QLabel[role="presenter-timer"][state="warn"] {{
    color: #5c4100; border-color: #e8c66a; background: #fff8e6;
}}
QLabel[role="presenter-timer"][state="over"] {{
    color: white; border-color: {INVALID}; background: {INVALID};
}}
QListWidget#presenter_points::item:selected {{ background: {FOCUS}; color: white; }}
QListWidget#presenter_log {{ background: #f8f9fb; }}
"""


def run_presenter(
    wizard: CharterWizard,
    parent: QWidget,
    *,
    now: Clock | None = None,
    changed: Callable[[], None] | None = None,
) -> PresenterDialog:
    """Open the presenter view full screen over ``parent``'s window; returns it.

    When it closes, the wizard's pages show the answers changed in the room.
    """
    dialog = PresenterDialog(wizard, now=now, parent=parent)
    if changed is not None:
        dialog.changed.connect(changed)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _result: _reload_pages(wizard))
    screen = parent.window().screen()
    if screen is not None:
        dialog.setGeometry(screen.geometry())
    dialog.showFullScreen()
    dialog.open_second_screen()
    QTimer.singleShot(0, dialog._focus_start)
    return dialog


def _reload_pages(wizard: CharterWizard) -> None:
    """Every page shows the charter as the room left it; the page on screen is checked again.

    Pages visited before keep their widgets when the wizard goes back to them; storing them
    would put back the answers the room has just changed.
    """
    try:
        for page in wizard.pages.values():
            page.load()
        page = wizard.current_page()
        page.refresh_preview()
        page.update_status()
    except RuntimeError:  # the charter was closed meanwhile
        return
