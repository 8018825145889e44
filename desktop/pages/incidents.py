"""Step 5: who does what when an AI incident happens, and which legal clocks run."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QPushButton

from desktop.forms import FieldSpec
from desktop.pages import choices
from desktop.pages.base import StepPage
from wizards.model import IncidentRole, Phase, RegulatoryClock, Severity
from wizards.steps import Step


def _duty_spec(phase: Phase) -> FieldSpec:
    def get(role: IncidentRole) -> str:
        return role.duties.get(phase, "")

    def put(role: IncidentRole, value: str) -> None:
        if value.strip():
            role.duties[phase] = value
        else:
            role.duties.pop(phase, None)

    return FieldSpec(f"duties.{phase.value}", "prose", lines=2, get=get, set=put)


def _new_role() -> IncidentRole:
    return IncidentRole(key=f"role-{uuid.uuid4().hex[:8]}")


class IncidentsPage(StepPage):
    """Severity levels, incident roles with named people, and regulatory clocks."""

    step = Step.INCIDENTS

    def build(self) -> None:
        """Severities, roles, clocks, tabletop exercises."""
        self.catalogue_button = QPushButton(self)
        self.catalogue_button.setObjectName("incidents_catalogue")
        self.catalogue_button.clicked.connect(self._on_catalogue_button_clicked)
        self.tools.addWidget(self.catalogue_button)
        self.tools.addStretch(1)
        self.roles = self.add_list(
            "incidents.roles",
            ["title", "person", "deputy"],
            [
                FieldSpec("title"),
                FieldSpec("person"),
                FieldSpec("deputy"),
                FieldSpec("executive", "bool"),
                *(_duty_spec(phase) for phase in Phase),
                FieldSpec("phone"),
                FieldSpec("out_of_hours"),
            ],
            _new_role,
        )
        self.severities = self.add_list(
            "incidents.severities",
            ["level", "name", "executive_hours", "board_hours"],
            [
                FieldSpec("level"),
                FieldSpec("name"),
                FieldSpec("description", "prose", lines=2),
                FieldSpec("executive_hours", "float"),
                FieldSpec("board_hours", "float"),
                FieldSpec("escalate_to", "checklist", choices=self._role_choices),
            ],
            Severity,
        )
        self.clocks = self.add_list(
            "incidents.clocks",
            ["regime", "deadline", "owner_role", "applies"],
            [
                FieldSpec("regime"),
                FieldSpec("trigger", "prose", lines=2),
                FieldSpec("deadline"),
                FieldSpec("hours", "float"),
                FieldSpec("notify"),
                FieldSpec("owner_role", "choice", choices=self._owner_choices),
                FieldSpec("applies", "bool"),
            ],
            RegulatoryClock,
        )
        self.exercise_form = self.add_section(
            "incidents.exercise",
            [FieldSpec("incidents.tabletop_months", "int", minimum=0, maximum=60)],
        )
        self.roles.changed.connect(self._on_roles_changed)

    def _role_choices(self) -> list[tuple[Any, str]]:
        return [(r.key, r.title or r.key) for r in self.charter.incidents.roles if r.key]

    def _owner_choices(self) -> list[tuple[Any, str]]:
        return [("", self.tr("Nobody yet")), *self._role_choices()]

    def _on_roles_changed(self) -> None:
        # Severities and clocks name roles; keep their lists of roles current.
        self.severities.load(keep_row=self.severities.current_row())
        self.clocks.load(keep_row=self.clocks.current_row())

    def retranslate_ui(self) -> None:
        """All visible strings of the page."""
        super().retranslate_ui()
        self.setSubTitle(self.tr("Who acts, how fast it escalates, and which legal clocks run."))
        self.set_why(
            self.tr(
                "When an AI system causes harm, minutes count and legal clocks start. Named people "
                "with deputies, severity levels with escalation times, and an executive in the "
                "chain for the worst cases decide whether the response works on the day."
            ),
            "EU AI Act Art. 3(49), 26(5), 73; GDPR Art. 33–34; NIS2 Art. 23; DORA Art. 19; "
            "NIST AI RMF GOVERN 4.3, MANAGE 4.3; ISO/IEC 42001 A.3.3, 10.2",
        )
        self.catalogue_button.setText(self.tr("Add from the catalogue…"))
        self.catalogue_button.setAccessibleName(
            self.tr("Add incident roles, severity levels or regulatory clocks from the catalogue")
        )
        self.catalogue_button.setToolTip(self.catalogue_button.accessibleName())
        self.section_title("incidents.roles", self.tr("Incident roles"))
        self.section_title("incidents.severities", self.tr("Severity levels"))
        self.section_title("incidents.clocks", self.tr("Regulatory clocks"))
        self.section_title("incidents.exercise", self.tr("Practice"))
        phase_labels = dict(choices.phases())
        self.roles.set_labels(
            self.tr("incident role"),
            {"title": self.tr("Role"), "person": self.tr("Person"), "deputy": self.tr("Deputy")},
            {
                "title": self.tr("Role"),
                "person": self.tr("Held by"),
                "deputy": self.tr("Deputy"),
                "executive": self.tr("Executive role"),
                **{
                    f"duties.{p.value}": self.tr("Duty: {phase}").format(phase=phase_labels[p])
                    for p in Phase
                },
                "phone": self.tr("Telephone"),
                "out_of_hours": self.tr("Out of hours"),
            },
            self.tr(
                "No role yet. 'Fill with suggested defaults' adds the usual roles; then "
                "name the people."
            ),
        )
        self.severities.set_labels(
            self.tr("severity level"),
            {
                "level": self.tr("Level"),
                "name": self.tr("Name"),
                "executive_hours": self.tr("Executive (h)"),
                "board_hours": self.tr("Board (h)"),
            },
            {
                "level": self.tr("Level"),
                "name": self.tr("Name"),
                "description": self.tr("When it applies"),
                "executive_hours": self.tr("Executive told within (hours)"),
                "board_hours": self.tr("Board told within (hours)"),
                "escalate_to": self.tr("Roles informed"),
            },
            self.tr("No severity level yet."),
        )
        self.clocks.set_labels(
            self.tr("regulatory clock"),
            {
                "regime": self.tr("Law"),
                "deadline": self.tr("Deadline"),
                "owner_role": self.tr("Owner"),
                "applies": self.tr("Applies"),
            },
            {
                "regime": self.tr("Law and article"),
                "trigger": self.tr("Starts when"),
                "deadline": self.tr("Deadline"),
                "hours": self.tr("Hours allowed"),
                "notify": self.tr("Who is notified"),
                "owner_role": self.tr("Owned by role"),
                "applies": self.tr("Applies to us"),
            },
            self.tr("No regulatory clock yet. The defaults add those that apply to you."),
        )
        self.exercise_form.set_labels(
            {"incidents.tabletop_months": self.tr("Tabletop exercise every")}
        )
        self.exercise_form.editor("incidents.tabletop_months").setSuffix(self.tr(" months"))  # type: ignore[attr-defined]

    def _on_catalogue_button_clicked(self) -> None:
        from desktop.catalogue_picker import pick_incident_entries

        if pick_incident_entries(self, self.charter):
            self.load()
            self.on_changed()

    def help_text(self) -> str:
        """F1 help for the incidents step."""
        return self.tr(
            "Name a person and a different deputy for every role. Put the accountable "
            "executive in the chain of the most severe levels, and tell the executive before "
            "the board. Give every regulatory clock that applies an owner role: the clocks of "
            "the EU AI Act (Art. 73), GDPR (Art. 33, 72 hours), NIS2 and DORA run from the "
            "moment you become aware.\n\n"
            "To type the people of every role in turn, put the cursor in 'Held by' and press "
            "Ctrl+PgDown after each name: the next role comes up with the cursor in the same "
            "field (Ctrl+PgUp goes back)."
        )
