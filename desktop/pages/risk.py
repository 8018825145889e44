"""Step 3: how much AI risk the organisation accepts, category by category."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from desktop.forms import FieldSpec
from desktop.pages import choices
from desktop.pages.base import StepPage
from wizards.model import ApprovalRule, RiskCategory
from wizards.steps import Step


class RiskPage(StepPage):
    """The appetite statement, the categories with thresholds, prohibited uses, who approves a
    new AI use by risk class, and what a new system passes before it goes live."""

    step = Step.RISK

    def build(self) -> None:
        """Statement, categories, prohibited uses, approval authority, intake gate."""
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
        self.authority = self.add_list(
            "risk.authority",
            ["risk_class", "approve", "escalate_to"],
            [
                FieldSpec("risk_class", "choice", choices.risk_classes),
                FieldSpec("approve"),
                FieldSpec("conditions"),
                FieldSpec("escalate_to"),
                FieldSpec("block"),
            ],
            ApprovalRule,
        )
        self.authority.form.letters_last()
        self.intake_form = self.add_section(
            "risk.intake",
            [
                FieldSpec("risk.intake.checks", "lines", lines=4),
                FieldSpec("risk.intake.supplier_checks", "lines", lines=3),
                FieldSpec("risk.intake.inventory"),
            ],
        )

    def retranslate_ui(self) -> None:
        """All visible strings of the page."""
        super().retranslate_ui()
        self.setSubTitle(
            self.tr(
                "How much AI risk the leadership accepts, where it stops, and who approves a "
                "new use."
            )
        )
        self.set_why(
            self.tr(
                "Only the leadership can say how much risk is acceptable. An appetite per "
                "category, with a measurable threshold and a trigger that escalates, turns a "
                "slogan into decisions staff can follow, and tells the executive when to act. "
                "Saying who may approve, condition, escalate or block a new use, and what it "
                "passes before going live, keeps the appetite from being a matter of opinion."
            ),
            "EU AI Act Art. 9(2), 9(5); NIST AI RMF GOVERN 1.3, 1.6, 6.1, MAP 1.5, MANAGE 1.3; "
            "ISO/IEC 42001 6.1.1, 6.1.3, A.10.3",
        )
        self.catalogue_button.setText(self.tr("Add from the catalogue…"))
        self.catalogue_button.setAccessibleName(self.tr("Add risk categories from the catalogue"))
        self.catalogue_button.setToolTip(self.catalogue_button.accessibleName())
        self.section_title("risk.statement", self.tr("Risk appetite statement"))
        self.section_title("risk.categories", self.tr("Risk categories"))
        self.section_title("risk.prohibited", self.tr("Prohibited uses"))
        self.section_title("risk.authority", self.tr("Who decides on a new AI use"))
        self.section_title("risk.intake", self.tr("Before a new AI system goes live"))
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
        self.authority.set_labels(
            self.tr("approval rule"),
            {
                "risk_class": self.tr("Risk class"),
                "approve": self.tr("Approves"),
                "escalate_to": self.tr("Doubtful cases to"),
            },
            {
                "risk_class": self.tr("Risk class"),
                "approve": self.tr("Approves a new use"),
                "conditions": self.tr("Approves with conditions"),
                "escalate_to": self.tr("Doubtful cases go to"),
                "block": self.tr("May block it"),
            },
            self.tr(
                "No rule yet. Add one per risk class: who approves a new use of AI of that "
                "class, who may attach conditions, who hears the doubtful cases and who may "
                "say no."
            ),
        )
        # The words of "Add approval rule" all have their letters taken on this page.
        self.authority.add_button.setText(self.tr("Add a rule for a ris&k class"))
        self.authority.form.set_tooltips(
            {
                "risk_class": self.tr("The EU AI Act risk class this rule is for"),
                "approve": self.tr(
                    "Who may approve a new use of this class, e.g. the system owner"
                ),
                "conditions": self.tr(
                    "Who may approve it subject to conditions, e.g. the responsible executive"
                ),
                "escalate_to": self.tr(
                    "Who decides when it is unclear whether a use may go ahead, e.g. the forum"
                ),
                "block": self.tr("Who may stop the use going ahead, whoever else approved it"),
            }
        )
        self.intake_form.set_labels(
            {
                "risk.intake.checks": self.tr("Checks before going live"),
                "risk.intake.supplier_checks": self.tr("Checks on the supplier"),
                "risk.intake.inventory": self.tr("Approved systems recorded in"),
            }
        )
        for path in ("risk.intake.checks", "risk.intake.supplier_checks"):
            self.intake_form.editor(path).setPlaceholderText(self.tr("One check per line"))  # type: ignore[attr-defined]
        self.intake_form.set_tooltips(
            {
                "risk.intake.checks": self.tr(
                    "What every new AI system passes before use, e.g. a risk classification, a "
                    "data protection impact assessment, a test of its accuracy"
                ),
                "risk.intake.supplier_checks": self.tr(
                    "Due diligence on a bought system, e.g. the supplier's documentation, where "
                    "the data is kept, the right to audit and to end the contract"
                ),
                "risk.intake.inventory": self.tr(
                    "Where the register of approved AI systems is kept, e.g. the AI register "
                    "on the intranet"
                ),
            }
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
            "For each risk class, say who approves a new use of AI, who may approve it with "
            "conditions, who decides the doubtful cases and who may block it. List the checks "
            "a new system passes before it goes live, the checks on its supplier, and where "
            "approved systems are recorded.\n\n"
            "'Fill with suggested defaults' adds the standard categories with appetites suited "
            "to the organisation's size and sector."
        )
