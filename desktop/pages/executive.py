"""Step 2: the executive who answers for AI, with real authority."""

from __future__ import annotations

from desktop.forms import FieldSpec
from desktop.pages import choices
from desktop.pages.base import StepPage
from wizards.steps import Step


class ExecutivePage(StepPage):
    """The responsible executive, the deputy, their authorities and reporting line."""

    step = Step.EXECUTIVE

    def build(self) -> None:
        """Person, authorities, reporting."""
        self.person_form = self.add_section(
            "executive.person",
            [
                FieldSpec("executive.person.name"),
                FieldSpec("executive.person.title"),
                FieldSpec("executive.person.email"),
                FieldSpec("executive.deputy.name"),
                FieldSpec("executive.deputy.title"),
            ],
        )
        self.authority_form = self.add_section(
            "executive.authorities",
            [
                FieldSpec("executive.authorities.halt_systems", "bool"),
                FieldSpec("executive.authorities.veto_deployments", "bool"),
                FieldSpec("executive.authorities.approve_exceptions", "bool"),
                FieldSpec("executive.authorities.budget", "bool"),
                FieldSpec("executive.authorities.budget_amount"),
                FieldSpec("executive.authorities.other", "lines", lines=2),
            ],
        )
        self.reporting_form = self.add_section(
            "executive.reporting",
            [
                FieldSpec("executive.reports_to"),
                FieldSpec("executive.report_frequency", "choice", choices.cadences),
                FieldSpec("executive.term_start", "date"),
                FieldSpec("executive.term_months", "int", minimum=0, maximum=240),
                FieldSpec("executive.time_allocation"),
                FieldSpec("executive.conflicts", "prose", lines=2),
            ],
        )

    def retranslate_ui(self) -> None:
        """All visible strings of the page."""
        super().retranslate_ui()
        self.setSubTitle(self.tr("One named leader who answers for AI and can act on it."))
        self.set_why(
            self.tr(
                "Buy-in is real only when a named executive holds the authority, the budget and "
                "the time to act: to halt a system, to stop a launch, to say no. A title without "
                "these powers is oversight on paper; the readiness check flags it."
            ),
            "EU AI Act Art. 26(2) and Art. 14(4)(e); NIST AI RMF GOVERN 2.1, 2.3; "
            "ISO/IEC 42001 5.1, 5.3",
        )
        self.section_title("executive.person", self.tr("Responsible executive and deputy"))
        self.section_title(
            "executive.authorities", self.tr("Authorities: what they may decide alone")
        )
        self.section_title("executive.reporting", self.tr("Reporting line and term"))
        self.person_form.set_labels(
            {
                "executive.person.name": self.tr("Executive's &name"),
                "executive.person.title": self.tr("Job &title"),
                "executive.person.email": self.tr("Email"),
                "executive.deputy.name": self.tr("&Deputy's name"),
                "executive.deputy.title": self.tr("Deputy's job title"),
            }
        )
        self.authority_form.set_labels(
            {
                "executive.authorities.halt_systems": self.tr(
                    "May halt any AI system without prior approval"
                ),
                "executive.authorities.veto_deployments": self.tr(
                    "May stop a new system or a major change going live"
                ),
                "executive.authorities.approve_exceptions": self.tr(
                    "May grant and withdraw exceptions to the charter"
                ),
                "executive.authorities.budget": self.tr("Holds a budget for AI governance"),
                "executive.authorities.budget_amount": self.tr("Budget"),
                "executive.authorities.other": self.tr("Other authorities (one per line)"),
            }
        )
        self.authority_form.editor("executive.authorities.budget_amount").setPlaceholderText(  # type: ignore[attr-defined]
            self.tr("e.g. EUR 40,000 a year")
        )
        self.reporting_form.set_labels(
            {
                "executive.reports_to": self.tr("&Reports to"),
                "executive.report_frequency": self.tr("Reports"),
                "executive.term_start": self.tr("Term starts"),
                "executive.term_months": self.tr("Term"),
                "executive.time_allocation": self.tr("Time set aside"),
                "executive.conflicts": self.tr("Conflicts of interest"),
            }
        )
        self.reporting_form.editor("executive.term_months").setSuffix(self.tr(" months"))  # type: ignore[attr-defined]
        self.reporting_form.editor("executive.reports_to").setPlaceholderText(  # type: ignore[attr-defined]
            self.tr("e.g. Audit and Risk Committee")
        )
        self.reporting_form.editor("executive.time_allocation").setPlaceholderText(  # type: ignore[attr-defined]
            self.tr("e.g. one day a week")
        )

    def help_text(self) -> str:
        """F1 help for the executive step."""
        return self.tr(
            "Name the executive accountable for AI and a deputy who is a different person. "
            "Tick the authorities the executive really holds: the power to halt a system and "
            "to stop a launch are what make the role more than a title. Say which board or "
            "committee the executive reports to and how often. The term starts on the "
            "charter's effective date unless you give another date."
        )
