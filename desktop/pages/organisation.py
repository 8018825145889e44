"""Step 1: who the charter is for, and which AI systems it governs."""

from __future__ import annotations

from desktop.forms import FieldSpec
from desktop.pages import choices
from desktop.pages.base import StepPage
from wizards.model import AiSystem
from wizards.steps import Step


class OrganisationPage(StepPage):
    """The organisation, the charter's own details and the register of AI systems."""

    step = Step.ORGANISATION

    def build(self) -> None:
        """Organisation, charter details, AI systems."""
        self.defaults_button.hide()  # the defaults start from these answers
        self.org_form = self.add_section(
            "organisation",
            [
                FieldSpec("organisation.name"),
                FieldSpec("organisation.sector"),
                FieldSpec("organisation.size", "choice", choices.sizes),
                FieldSpec("organisation.employees", "optint", maximum=10_000_000),
                FieldSpec("organisation.jurisdictions", "csv"),
                FieldSpec("organisation.ai_act_role", "choice", choices.ai_act_roles),
                FieldSpec("organisation.processes_personal_data", "bool"),
                FieldSpec("organisation.public_service", "bool"),
                FieldSpec("organisation.nis2_entity", "bool"),
                FieldSpec("organisation.dora_entity", "bool"),
            ],
        )
        self.meta_form = self.add_section(
            "meta",
            [
                FieldSpec("meta.title"),
                FieldSpec("meta.version"),
                FieldSpec("meta.effective_date", "date"),
                FieldSpec("meta.review_months", "int", minimum=1, maximum=60),
                FieldSpec("meta.author"),
            ],
        )
        self.systems = self.add_list(
            "organisation.systems",
            ["name", "role", "risk_class", "owner"],
            [
                FieldSpec("name"),
                FieldSpec("purpose", "prose", lines=2),
                FieldSpec("supplier"),
                FieldSpec("role", "choice", choices.system_roles),
                FieldSpec("risk_class", "choice", choices.risk_classes),
                FieldSpec("annex_iii_point"),
                FieldSpec("annex_i", "bool"),
                FieldSpec("owner"),
                FieldSpec("personal_data", "bool"),
            ],
            AiSystem,
        )

    def retranslate_ui(self) -> None:
        """All visible strings of the page."""
        super().retranslate_ui()
        self.setSubTitle(self.tr("Whose AI this charter governs, and which systems are in use."))
        self.set_why(
            self.tr(
                "A charter binds a named organisation and covers the AI it actually uses. "
                "Your duties under the EU AI Act depend on whether you build AI (provider) or "
                "use it (deployer), and on each system's risk class; a register of systems is "
                "where oversight starts."
            ),
            "EU AI Act Art. 3(3)–(4), Art. 6 and Annex III, Art. 26; "
            "NIST AI RMF GOVERN 1.6; ISO/IEC 42001 4.3",
        )
        self.section_title("organisation", self.tr("Organisation"))
        self.section_title("meta", self.tr("This charter"))
        self.section_title("organisation.systems", self.tr("AI systems in use"))
        self.org_form.set_labels(
            {
                "organisation.name": self.tr("Organisation &name"),
                "organisation.sector": self.tr("&Sector"),
                "organisation.size": self.tr("Si&ze"),
                "organisation.employees": self.tr("People employed"),
                "organisation.jurisdictions": self.tr("&Jurisdictions"),
                "organisation.ai_act_role": self.tr("Role under the EU AI Act"),
                "organisation.processes_personal_data": self.tr("AI systems process personal data"),
                "organisation.public_service": self.tr("Public body, or provides public services"),
                "organisation.nis2_entity": self.tr("Essential or important entity under NIS2"),
                "organisation.dora_entity": self.tr("Financial entity under DORA"),
            }
        )
        self.org_form.set_tooltips(
            {
                "organisation.jurisdictions": self.tr(
                    "Where the organisation operates, separated by commas, e.g. "
                    "'European Union, Germany'"
                ),
                "organisation.sector": self.tr("e.g. Social housing, Retail banking, Charity"),
                "organisation.public_service": self.tr(
                    "Public bodies and private providers of public services assess the impact "
                    "of high-risk AI on fundamental rights before use (EU AI Act Art. 27)"
                ),
            }
        )
        self.org_form.editor("organisation.jurisdictions").setPlaceholderText(  # type: ignore[attr-defined]
            self.tr("e.g. European Union, Germany")
        )
        self.meta_form.set_labels(
            {
                "meta.title": self.tr("Charter &title"),
                "meta.version": self.tr("&Version"),
                "meta.effective_date": self.tr("&Effective date"),
                "meta.review_months": self.tr("Reviewed every"),
                "meta.author": self.tr("Prepared by"),
            }
        )
        self.meta_form.editor("meta.review_months").setSuffix(self.tr(" months"))  # type: ignore[attr-defined]
        self.systems.set_labels(
            self.tr("AI system"),
            {
                "name": self.tr("System"),
                "role": self.tr("Our role"),
                "risk_class": self.tr("Risk class"),
                "owner": self.tr("Owner"),
            },
            {
                "name": self.tr("System name"),
                "purpose": self.tr("What it is used for"),
                "supplier": self.tr("Supplier"),
                "role": self.tr("Our role"),
                "risk_class": self.tr("Risk class"),
                "annex_iii_point": self.tr("Annex III point"),
                "annex_i": self.tr("Safety component of a product (Annex I)"),
                "owner": self.tr("Owner"),
                "personal_data": self.tr("Processes personal data"),
            },
            self.tr(
                "No AI system yet. Add each system you build, buy or use, including "
                "general-purpose chat assistants staff use at work."
            ),
        )

    def help_text(self) -> str:
        """F1 help for the organisation step."""
        return self.tr(
            "Name the organisation and its sector, where it operates and its role under the "
            "EU AI Act. Give the charter a version and the date it takes effect; the board "
            "calendar starts on that date.\n\n"
            "List every AI system in use. For each, say whether you built it (provider) or use "
            "it (deployer), and its risk class. High-risk systems (Annex III, e.g. credit "
            "scoring or recruitment) bring the strictest duties.\n\n"
            "Keys: Tab moves between fields and Alt with an underlined letter goes straight to "
            "one. In a list, Insert adds, Delete removes and Alt+Up or Alt+Down moves the "
            "chosen entry; Ctrl+PgDown and Ctrl+PgUp go to the next or previous entry with the "
            "cursor in the same field."
        )
