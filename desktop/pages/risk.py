"""Step 3: how much AI risk the organisation accepts, category by category."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from desktop.forms import FieldSpec
from desktop.pages import choices
from desktop.pages.base import StepPage
from wizards.model import RiskCategory
from wizards.steps import Step


class RiskPage(StepPage):
    """The appetite statement, the categories with thresholds, and prohibited uses."""

    step = Step.RISK

    def build(self) -> None:
        """Statement, categories, prohibited uses."""
        self.catalogue_button = QPushButton(self)
        self.catalogue_button.setObjectName("risk_catalogue")
        self.catalogue_button.clicked.connect(self._on_catalogue_button_clicked)
        self.tools.addWidget(self.catalogue_button)
        self.tools.addStretch(1)
        self.statement_form = self.add_section(
            "risk.statement",
            [
                FieldSpec("risk.statement", "prose", lines=4),
                FieldSpec("risk.set_by"),
                FieldSpec("risk.review_months", "int", minimum=0, maximum=120),
                FieldSpec("risk.last_reviewed", "date"),
            ],
        )
        self.categories = self.add_list(
            "risk.categories",
            ["label", "appetite", "fundamental_rights"],
            [
                FieldSpec("label"),
                FieldSpec("appetite", "choice", choices.appetites),
                FieldSpec("threshold", "prose", lines=2),
                FieldSpec("escalation_trigger", "prose", lines=2),
                FieldSpec("fundamental_rights", "bool"),
            ],
            RiskCategory,
        )
        self.scale = QLabel(self.content)
        self.scale.setObjectName("risk_scale")
        self.scale.setWordWrap(True)
        self.scale.setProperty("role", "hint")
        self.scale.setTextFormat(Qt.TextFormat.RichText)
        box_layout = self.sections["risk.categories"].layout()
        assert box_layout is not None
        box_layout.addWidget(self.scale)
        self.prohibited_form = self.add_section(
            "risk.prohibited", [FieldSpec("risk.prohibited_uses", "lines", lines=3)]
        )

    def retranslate_ui(self) -> None:
        """All visible strings of the page."""
        super().retranslate_ui()
        self.setSubTitle(self.tr("How much AI risk the leadership accepts, and where it stops."))
        self.set_why(
            self.tr(
                "Only the leadership can say how much risk is acceptable. An appetite per "
                "category, with a measurable threshold and a trigger that escalates, turns a "
                "slogan into decisions staff can follow, and tells the executive when to act."
            ),
            "EU AI Act Art. 9(2), 9(5); NIST AI RMF GOVERN 1.3, MAP 1.5, MANAGE 1.3; "
            "ISO/IEC 42001 6.1.1, 6.1.3",
        )
        self.catalogue_button.setText(self.tr("Add from the catalogue…"))
        self.catalogue_button.setAccessibleName(self.tr("Add risk categories from the catalogue"))
        self.catalogue_button.setToolTip(self.catalogue_button.accessibleName())
        self.section_title("risk.statement", self.tr("Risk appetite statement"))
        self.section_title("risk.categories", self.tr("Risk categories"))
        self.section_title("risk.prohibited", self.tr("Prohibited uses"))
        self.statement_form.set_labels(
            {
                "risk.statement": self.tr("&Statement"),
                "risk.set_by": self.tr("Set by"),
                "risk.review_months": self.tr("Reviewed every"),
                "risk.last_reviewed": self.tr("Last reviewed"),
            }
        )
        self.statement_form.editor("risk.review_months").setSuffix(self.tr(" months"))  # type: ignore[attr-defined]
        self.categories.set_labels(
            self.tr("risk category"),
            {
                "label": self.tr("Category"),
                "appetite": self.tr("Appetite"),
                "fundamental_rights": self.tr("Rights"),
            },
            {
                "label": self.tr("Category"),
                "appetite": self.tr("Appetite"),
                "threshold": self.tr("Threshold"),
                "escalation_trigger": self.tr("Escalation trigger"),
                "fundamental_rights": self.tr("Touches fundamental rights"),
            },
            self.tr("No category yet. Add them from the catalogue or one by one."),
        )
        self.prohibited_form.set_labels(
            {"risk.prohibited_uses": self.tr("Uses we never allow (one per line)")}
        )
        self.scale.setText(self._scale_text())

    def _scale_text(self) -> str:
        try:
            from wizards.catalogues import appetite_levels

            levels = appetite_levels()
        except Exception:
            return ""
        rows = "".join(f"<b>{level.label}</b>: {level.definition}<br>" for level in levels)
        return f"<p style='margin:0'>{rows}</p>"

    def _on_catalogue_button_clicked(self) -> None:
        from desktop.catalogue_picker import pick_risk_categories

        added = pick_risk_categories(self, self.charter)
        if added:
            self.categories.load(keep_row=len(self.charter.risk.categories) - 1)
            self.on_changed()

    def help_text(self) -> str:
        """F1 help for the risk step."""
        return self.tr(
            "Write the appetite statement in the leadership's own words. For each category of "
            "AI risk, choose an appetite on the five-level scale (averse, minimal, cautious, "
            "open, eager), then a threshold that can be measured and the trigger that "
            "escalates to the executive. List the uses the organisation never allows.\n\n"
            "'Fill with suggested defaults' adds the standard categories with appetites suited "
            "to the organisation's size and sector."
        )
