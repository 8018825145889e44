"""Step 4: the ethics principles the leadership approves, made concrete by commitments."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from desktop.forms import FieldSpec
from desktop.pages.base import StepPage
from wizards.model import Approval, Principle
from wizards.steps import Step


class EthicsPage(StepPage):
    """Principles with commitments, ownership and review, and their approval."""

    step = Step.ETHICS

    def build(self) -> None:
        """Principles, ownership, approvals."""
        self.catalogue_button = QPushButton(self)
        self.catalogue_button.setObjectName("ethics_catalogue")
        self.catalogue_button.clicked.connect(self._on_catalogue_button_clicked)
        self.tools.addWidget(self.catalogue_button)
        self.tools.addStretch(1)
        self.principles = self.add_list(
            "ethics.principles",
            ["title", "source"],
            [
                FieldSpec("title"),
                FieldSpec("source"),
                FieldSpec("description", "prose", lines=2),
                FieldSpec("commitments", "lines", lines=4),
            ],
            Principle,
        )
        self.owner_form = self.add_section(
            "ethics.owner",
            [
                FieldSpec("ethics.owner"),
                FieldSpec("ethics.review_date", "date"),
                FieldSpec("ethics.concerns_channel", "prose", lines=2),
                FieldSpec("ethics.literacy_measures", "lines", lines=3),
            ],
        )
        self.approvals = self.add_list(
            "ethics.approvals",
            ["name", "role", "date"],
            [
                FieldSpec("name"),
                FieldSpec("role"),
                FieldSpec("date", "date"),
                FieldSpec("leadership", "bool"),
            ],
            Approval,
        )

    def retranslate_ui(self) -> None:
        """All visible strings of the page."""
        super().retranslate_ui()
        self.setSubTitle(
            self.tr("The principles the leadership signs up to, and what they commit to.")
        )
        self.set_why(
            self.tr(
                "Principles guide decisions only when each comes with commitments someone can "
                "check, an owner and a review date. Leadership approval, recorded with names and "
                "dates, shows the guidelines are theirs and not the compliance team's alone."
            ),
            "ISO/IEC 42001 5.2, A.2.2–A.2.4; NIST AI RMF GOVERN 1.2; OECD AI Principles; "
            "EU HLEG Ethics Guidelines; EU AI Act Art. 4 (AI literacy), Art. 87",
        )
        self.catalogue_button.setText(self.tr("Add from a catalogue…"))
        self.catalogue_button.setAccessibleName(self.tr("Add principles from a catalogue"))
        self.catalogue_button.setToolTip(self.catalogue_button.accessibleName())
        self.section_title("ethics.principles", self.tr("Principles"))
        self.section_title("ethics.owner", self.tr("Ownership, review and literacy"))
        self.section_title("ethics.approvals", self.tr("Approval of the guidelines"))
        self.principles.set_labels(
            self.tr("principle"),
            {"title": self.tr("Principle"), "source": self.tr("Source")},
            {
                "title": self.tr("Title"),
                "source": self.tr("Source"),
                "description": self.tr("What it means here"),
                "commitments": self.tr("Commitments (one per line)"),
            },
            self.tr(
                "No principle yet. Pick them from the OECD, EU, UK or Australian sets, "
                "or write your own."
            ),
        )
        self.owner_form.set_labels(
            {
                "ethics.owner": self.tr("&Owner of the guidelines"),
                "ethics.review_date": self.tr("Next &review"),
                "ethics.concerns_channel": self.tr("How staff raise concerns"),
                "ethics.literacy_measures": self.tr("AI literacy measures (one per line)"),
            }
        )
        self.approvals.set_labels(
            self.tr("sign-off"),
            {"name": self.tr("Name"), "role": self.tr("Role"), "date": self.tr("Date")},
            {
                "name": self.tr("Approved by"),
                "role": self.tr("Role"),
                "date": self.tr("Date"),
                "leadership": self.tr("Member of the leadership team"),
            },
            self.tr("No approval recorded yet. Record who approved the guidelines and when."),
        )

    def _on_catalogue_button_clicked(self) -> None:
        from desktop.catalogue_picker import pick_principles

        added = pick_principles(self, self.charter)
        if added:
            self.principles.load(keep_row=len(self.charter.ethics.principles) - 1)
            self.on_changed()

    def help_text(self) -> str:
        """F1 help for the ethics step."""
        return self.tr(
            "Pick principles from a published set or write your own. Give each at least one "
            "commitment that someone could check, e.g. 'Every AI system gets an impact "
            "assessment before approval'. Name the owner of the guidelines and the date of the "
            "next review (after the effective date), and record who in the leadership approved "
            "them."
        )
