"""Setting up the workshop: when and where, who is in the room, and the agenda with its timeboxes.

The dialog edits the charter's current workshop in place (a new charter's first workshop starts
from ``wizards.workshop.agenda.new_workshop``) with the same forms and lists as the wizard's
steps, so keys, Alt-letters, Tab order and the marking of bad input behave as they do there.
Every edit is reported through ``changed``; the main window answers it with an autosave.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop import mnemonics
from desktop.forms import FieldForm, FieldSpec, RecordListWidget
from desktop.tab_order import chain, widgets_in_layout_order
from wizards.bounds import LIST_MAX
from wizards.model import Charter
from wizards.steps import CONTENT_STEPS, STEP_TITLES, Step
from wizards.workshop.model import Action, AgendaItem, Attendee, Dissent, Workshop

_TIME = re.compile(r"^\s*(\d{1,2})\s*[:.h]\s*(\d{2})\s*$")


def parse_time(text: str) -> dt.time | None:
    """``"9:30"``, ``"09.30"`` or ``"9h30"`` as a time; None when empty.

    Raises:
        ValueError: When the text is not a time of day.
    """
    if not text.strip():
        return None
    match = _TIME.match(text)
    if match is None:
        raise ValueError(text)
    return dt.time(int(match.group(1)), int(match.group(2)))


def current_workshop(charter: Charter, today: dt.date | None = None) -> Workshop:
    """The charter's current workshop (the last), started from the agenda presets if none."""
    if charter.workshops:
        return charter.workshops[-1]
    from wizards.workshop.agenda import new_workshop

    workshop = new_workshop(charter, date=today or dt.date.today())
    if not charter.workshops or charter.workshops[-1] is not workshop:
        charter.workshops.append(workshop)
    return workshop


def step_choices() -> list[tuple[str, str]]:
    """The steps an agenda item can discuss, by their names in lower case; or none."""
    from PySide6.QtCore import QCoreApplication

    tr = QCoreApplication.translate
    none = tr("WorkshopSetupDialog", "(none: a break or other business)")
    steps = [*CONTENT_STEPS, Step.REVIEW]
    return [("", none)] + [(s.name.lower(), tr("MainWindow", STEP_TITLES[s])) for s in steps]


class WorkshopSetupDialog(QDialog):
    """The workshop's date, place, facilitator and quorum, its attendees and its agenda."""

    changed = Signal()

    def __init__(
        self,
        charter: Charter,
        *,
        today: dt.date | None = None,
        taken_letters: set[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workshopSetupDialog")
        self.charter = charter
        self.workshop = current_workshop(charter, today)
        self._taken = set(taken_letters or ())
        self._bad_start = False

        self.intro = QLabel(self)
        self.intro.setObjectName("workshop_intro")
        self.intro.setWordWrap(True)
        self.intro.setProperty("role", "why")

        self.details_box = QGroupBox(self)
        self.details_box.setObjectName("section_workshop")
        self.details = FieldForm(
            [
                FieldSpec("title"),
                FieldSpec("date", "date"),
                FieldSpec("start", get=_start_text, set=self._set_start),
                FieldSpec("place"),
                FieldSpec("facilitator"),
                FieldSpec("quorum", "optint", minimum=1, maximum=LIST_MAX),
            ],
            "workshop",
            self.details_box,
        )
        QVBoxLayout(self.details_box).addWidget(self.details)
        self.details.changed.connect(self._on_details_changed)

        self.attendees_box = QGroupBox(self)
        self.attendees_box.setObjectName("section_workshop_attendees")
        self.attendees = RecordListWidget(
            "attendees",
            ["name", "role", "leadership", "approving_body"],
            [
                FieldSpec("name"),
                FieldSpec("role"),
                FieldSpec("leadership", "bool"),
                FieldSpec("approving_body", "bool"),
                FieldSpec("items", "checklist", self._item_choices),
            ],
            Attendee,
            self.attendees_box,
        )
        self.attendees.bind(lambda: self.workshop.attendees)
        self.attendees.changed.connect(self._on_list_changed)
        QVBoxLayout(self.attendees_box).addWidget(self.attendees)

        self.agenda_box = QGroupBox(self)
        self.agenda_box.setObjectName("section_workshop_agenda")
        self.agenda = RecordListWidget(
            "agenda",
            ["title", "step", "minutes"],
            [
                FieldSpec("title"),
                FieldSpec("step", "choice", step_choices),
                FieldSpec("minutes", "int", minimum=0, maximum=24 * 60),
            ],
            AgendaItem,
            self.agenda_box,
        )
        self.agenda.bind(lambda: self.workshop.agenda)
        self.agenda.changed.connect(self._on_list_changed)
        self.split_button = QPushButton(self.agenda_box)
        self.split_button.setObjectName("workshop_split")
        self.split_button.clicked.connect(self._on_split_button_clicked)
        self.schedule = QLabel(self.agenda_box)
        self.schedule.setObjectName("workshop_schedule")
        self.schedule.setWordWrap(True)
        self.schedule.setProperty("role", "hint")
        agenda_layout = QVBoxLayout(self.agenda_box)
        agenda_layout.addWidget(self.agenda)
        split_row = QHBoxLayout()
        split_row.addWidget(self.split_button)
        split_row.addStretch(1)
        agenda_layout.addLayout(split_row)
        agenda_layout.addWidget(self.schedule)

        self.actions_box = QGroupBox(self)
        self.actions_box.setObjectName("section_workshop_actions")
        self.action_list = RecordListWidget(
            "actions",
            ["text", "owner", "due", "done"],
            [
                FieldSpec("text", "prose", lines=2),
                FieldSpec("owner"),
                FieldSpec("due", "date"),
                FieldSpec("done", "bool"),
            ],
            Action,
            self.actions_box,
        )
        self.action_list.bind(lambda: self.workshop.actions)
        # More controls than letters: an action's fields are reached from its list, by Tab.
        self.action_list.form.letters_last()
        self.action_list.changed.connect(self._on_list_changed)
        QVBoxLayout(self.actions_box).addWidget(self.action_list)

        # Each objection on the record, with the answer given to it: written here after the
        # room, so that no objection stays unanswered on the record.
        self.objections_box = QGroupBox(self)
        self.objections_box.setObjectName("section_workshop_objections")
        self.objections_layout = QVBoxLayout(self.objections_box)
        self.objections_empty = QLabel(self.objections_box)
        self.objections_empty.setProperty("role", "hint")
        self.objections_empty.setWordWrap(True)
        self.objections_layout.addWidget(self.objections_empty)
        self.responses: dict[tuple[int, int], QPlainTextEdit] = {}

        self.content = QWidget(self)
        self.content.setObjectName("workshop_content")
        body = QVBoxLayout(self.content)
        body.setContentsMargins(4, 4, 12, 4)
        body.addWidget(self.intro)
        body.addWidget(self.details_box)
        body.addWidget(self.agenda_box)
        body.addWidget(self.attendees_box)
        body.addWidget(self.actions_box)
        body.addWidget(self.objections_box)
        body.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("workshop_scroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.content)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.done_button = QPushButton(self)
        self.done_button.setObjectName("workshop_done")
        self.done_button.setDefault(False)
        self.done_button.setAutoDefault(False)
        self.done_button.setProperty("mnemonic_rank", "last")  # Escape closes as well
        self.done_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        outer = QVBoxLayout(self)
        outer.addWidget(self.scroll_area, 1)
        outer.addLayout(buttons)

        self.retranslate_ui()
        self.load()

    # Strings -----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Every visible string of the dialog."""
        self.setWindowTitle(self.tr("Set up the workshop"))
        self.intro.setText(
            self.tr(
                "The workshop is where the leadership decides the charter together. Say when "
                "and where it meets, who is in the room and the agenda with its timeboxes; the "
                "presenter view (F5) then takes the room through it one item at a time and "
                "records each decision with who agreed."
            )
        )
        self.details_box.setTitle(self.tr("The workshop"))
        self.details.set_labels(
            {
                "title": self.tr("Wor&kshop title"),
                "date": self.tr("&Date"),
                "start": self.tr("&Starts at"),
                "place": self.tr("&Place"),
                "facilitator": self.tr("Fa&cilitator"),
                "quorum": self.tr("&Quorum"),
            }
        )
        self.details.editor("start").setPlaceholderText(self.tr("e.g. 09:30"))  # type: ignore[attr-defined]
        quorum = self.details.editor("quorum")
        quorum.setSuffix(self.tr(" leadership members"))  # type: ignore[attr-defined]
        quorum.setSpecialValueText(" ")  # type: ignore[attr-defined]
        quorum.set_hint(self.tr("a majority of those present"))  # type: ignore[attr-defined]
        self.details.set_tooltips(
            {
                "quorum": self.tr(
                    "How many members of the leadership team must agree for a decision to "
                    "stand; left empty, a majority of the leadership members present."
                )
            }
        )
        self.attendees_box.setTitle(self.tr("Who is in the room"))
        self.attendees.set_labels(
            self.tr("attendee"),
            {
                "name": self.tr("Name"),
                "role": self.tr("Role"),
                "leadership": self.tr("Leadership"),
                "approving_body": self.tr("Approving body"),
            },
            {
                "name": self.tr("Na&me"),
                "role": self.tr("&Role"),
                "leadership": self.tr("Member of the &leadership team"),
                "approving_body": self.tr("Member of the approving &body"),
                "items": self.tr("&Items attended (none ticked: every item)"),
            },
            self.tr("No one yet: choose Add attendee for each person in the room."),
        )
        # Two lists would both like Alt+A for their Add button; with the menu bar's letters
        # (F, V, W, H) taken, every control here has a letter of its own.
        self.attendees.add_button.setText(self.tr("Add atte&ndee"))
        self.agenda_box.setTitle(self.tr("Agenda"))
        self.agenda.set_labels(
            self.tr("item"),
            {"title": self.tr("Item"), "step": self.tr("Step"), "minutes": self.tr("Minutes")},
            {
                "title": self.tr("It&em"),
                "step": self.tr("Step &of the charter"),
                "minutes": self.tr("Timebo&x"),
            },
            self.tr("No items yet: choose Add item."),
        )
        self.agenda.form.editor("minutes").setSuffix(self.tr(" minutes"))  # type: ignore[attr-defined]
        self.split_button.setText(self.tr("Spli&t the item in two"))
        self.split_button.setToolTip(
            self.tr("Make two items of the chosen one, each with half of its timebox.")
        )
        self.split_button.setAccessibleName(self.tr("Split the chosen item in two"))
        self.actions_box.setTitle(self.tr("Open points and actions"))
        self.action_list.set_labels(
            self.tr("action"),
            {
                "text": self.tr("Action"),
                "owner": self.tr("Owner"),
                "due": self.tr("Due"),
                "done": self.tr("Done"),
            },
            {
                "text": self.tr("Acti&on"),
                "owner": self.tr("O&wner"),
                "due": self.tr("Due b&y"),
                "done": self.tr("Done (settled)"),
            },
            self.tr("No actions yet: a deferred decision in the presenter view adds one."),
        )
        # The letters of "Add action" are all taken on this screen.
        self.action_list.add_button.setText(self.tr("Add a follow-&up action"))
        self.objections_box.setTitle(self.tr("Objections and how they were answered"))
        self.objections_empty.setText(
            self.tr(
                "No objection is on the record. The presenter view records them as they are made."
            )
        )
        self.done_button.setText(self.tr("&Done"))
        self.done_button.setAccessibleName(self.tr("Done: close the workshop set-up"))
        self._update_schedule()
        self._assign_keys()

    def _assign_keys(self) -> None:
        # The form is inside a scroll area, which is not a layout: it is walked on its own.
        controls = [*mnemonics.controls_in_layout_order(self.content), self.done_button]
        mnemonics.assign(controls, self._taken)
        chain([*widgets_in_layout_order(self.content), self.done_button])

    # Model -------------------------------------------------------------------------------

    def load(self) -> None:
        """Show the workshop's answers."""
        self.details.load(self.workshop)
        self.agenda.load()
        self.attendees.load()
        self.action_list.load()
        self._load_objections()
        self._update_schedule()

    def _load_objections(self) -> None:
        """One answer field per objection in the decision log."""
        for index in reversed(range(self.objections_layout.count())):
            item = self.objections_layout.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.objections_empty:
                self.objections_layout.removeWidget(widget)
                widget.deleteLater()
        self.responses = {}
        names = {a.id: a.name.strip() for a in self.workshop.attendees}
        for di, decision in enumerate(self.workshop.decisions):
            for ki, dissent in enumerate(decision.dissent):
                who = names.get(dissent.attendee) or self.tr("Someone")
                label = QLabel(self.objections_box)
                label.setWordWrap(True)
                label.setText(
                    self.tr("{who} objected to “{decision}”: “{reason}”").format(
                        who=who,
                        decision=_decision_title(self.charter, decision.key),
                        reason=dissent.reason.strip() or self.tr("no reason recorded"),
                    )
                )
                editor = QPlainTextEdit(self.objections_box)
                editor.setObjectName(f"workshop_response_{di}_{ki}")
                editor.setTabChangesFocus(True)
                editor.setPlaceholderText(self.tr("How the objection was answered"))
                editor.setAccessibleName(
                    self.tr("Answer to the objection of {who}").format(who=who)
                )
                editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 3 + 12)
                editor.setPlainText(dissent.response)
                editor.textChanged.connect(
                    lambda d=dissent, e=editor: self._on_response_changed(d, e)
                )
                label.setBuddy(editor)
                self.objections_layout.addWidget(label)
                self.objections_layout.addWidget(editor)
                self.responses[(di, ki)] = editor
        self.objections_empty.setVisible(not self.responses)

    def _on_response_changed(self, dissent: Dissent, editor: QPlainTextEdit) -> None:
        dissent.response = editor.toPlainText()
        self.changed.emit()

    def focus_path(self, path: str) -> QWidget | None:
        """Put the cursor where ``path`` (a model path under the workshop) is answered."""
        relative = re.sub(r"^workshops\[\d+\]\.?", "", path)
        objection = re.match(r"decisions\[(\d+)\]\.dissent\[(\d+)\]", relative)
        target: QWidget | None = None
        if objection:
            target = self.responses.get((int(objection.group(1)), int(objection.group(2))))
            if target is not None:
                target.setFocus(Qt.FocusReason.OtherFocusReason)
        elif relative.startswith("actions"):
            target = self.action_list.focus_path(relative[len("actions") :])
        elif relative.startswith("attendees"):
            target = self.attendees.focus_path(relative[len("attendees") :])
        elif relative.startswith("agenda"):
            target = self.agenda.focus_path(relative[len("agenda") :])
        if target is not None:
            self.scroll_area.ensureWidgetVisible(target, 40, 60)
        return target

    def _item_choices(self) -> list[tuple[str, str]]:
        return [
            (item.id, item.title or self.tr("Item {n}").format(n=n))
            for n, item in enumerate(self.workshop.agenda, start=1)
        ]

    def _set_start(self, workshop: Workshop, text: str) -> None:
        try:
            workshop.start = parse_time(text)
        except ValueError:
            self._bad_start = True  # keep the last good time until the typing makes sense
            return
        self._bad_start = False

    def problems(self) -> dict[str, list[str]]:
        """What is wrong in the workshop's details, by field (shown next to the fields)."""
        out: dict[str, list[str]] = {}
        if self._bad_start:
            out["start"] = [self.tr("Write the start as hours and minutes, e.g. 09:30.")]
        if self.details.editor("date").has_bad_text():  # type: ignore[attr-defined]
            out["date"] = [self.tr("Write the date as YYYY-MM-DD, e.g. 2026-03-17.")]
        quorum = self.workshop.quorum
        leaders = sum(1 for a in self.workshop.attendees if a.leadership)
        if quorum is not None and leaders and quorum > leaders:
            out["quorum"] = [
                self.tr(
                    "The quorum is {quorum}, but only {n} attendee(s) are marked as members "
                    "of the leadership team."
                ).format(quorum=quorum, n=leaders)
            ]
        return out

    def _on_details_changed(self) -> None:
        self.details.show_findings(self.problems())
        self.changed.emit()

    def _on_list_changed(self) -> None:
        self.details.show_findings(self.problems())
        self._update_schedule()
        self.changed.emit()

    def _on_split_button_clicked(self) -> None:
        row = self.agenda.current_row()
        if row is None or row >= len(self.workshop.agenda):
            return
        from wizards.workshop.agenda import split

        split(self.workshop, self.workshop.agenda[row].id)
        self.agenda.load(keep_row=row)
        self.attendees.load(keep_row=self.attendees.current_row())
        self._on_list_changed()
        self.agenda.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_schedule(self) -> None:
        """The planned time of every item, from the start and the timeboxes."""
        minutes = sum(item.minutes for item in self.workshop.agenda)
        hours, rest = divmod(minutes, 60)
        text = self.tr("{n} item(s), {h} h {m:02d} min in all.").format(
            n=len(self.workshop.agenda), h=hours, m=rest
        )
        from wizards.workshop.agenda import schedule

        rows = schedule(self.workshop)
        if rows and rows[0][1] is not None and rows[-1][2] is not None:
            text += " " + self.tr("Planned from {start} to {end}.").format(
                start=rows[0][1].strftime("%H:%M"), end=rows[-1][2].strftime("%H:%M")
            )
        elif rows:
            text += " " + self.tr("Give the date and the start for the planned times.")
        self.schedule.setText(text)

    # Keys --------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a field does not close the set-up; Escape does (everything is kept)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Escape closes: every edit is already in the charter."""
        self.accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing keeps everything, as Done does."""
        self.details.store(self.workshop)
        super().closeEvent(event)


def _start_text(workshop: Any) -> str:
    start = workshop.start
    return start.strftime("%H:%M") if start is not None else ""


def _decision_title(charter: Charter, key: str) -> str:
    from wizards.workshop.decisions import points_by_key

    point = points_by_key(charter).get(key)
    return point.title if point is not None else key
