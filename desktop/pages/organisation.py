"""Step 1: who the charter is for, which AI systems it governs, and how the charter is kept."""

from __future__ import annotations

from desktop.forms import FieldSpec
from desktop.mnemonics import RANK
from desktop.pages import choices
from desktop.pages.base import StepPage
from wizards.model import AiSystem, Definition
from wizards.steps import Step


class OrganisationPage(StepPage):
    """The organisation, the charter's own details, the register of AI systems, the terms the
    charter defines, and how a breach is reported and the charter changed."""

    step = Step.ORGANISATION

    def build(self) -> None:
        """Organisation, charter details, AI systems, terms, breaches and amendments."""
        self.defaults_button.hide()  # the defaults start from these answers
        for hidden in (self.defaults_button, self.defaults_all_button):
            hidden.setProperty(RANK, "none")  # never shown: no letter to hold
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
        self.definitions = self.add_list(
            "meta.definitions",
            ["term", "meaning"],
            [FieldSpec("term"), FieldSpec("meaning", "prose", lines=2)],
            Definition,
        )
        self.definitions.form.letters_last()
        self.breach_form = self.add_section(
            "meta.upkeep.breach",
            [
                FieldSpec("meta.upkeep.breach_report_to"),
                FieldSpec("meta.upkeep.breach_days", "int", minimum=0, maximum=365),
                FieldSpec("meta.upkeep.breach_consequences", "prose", lines=2),
            ],
        )
        self.amendment_form = self.add_section(
            "meta.upkeep.amendment",
            [
                FieldSpec("meta.upkeep.amended_by"),
                FieldSpec("meta.upkeep.proposals_from"),
                FieldSpec("meta.upkeep.editorial_by"),
            ],
        )

    def retranslate_ui(self) -> None:
        """All visible strings of the page."""
        super().retranslate_ui()
        self.setSubTitle(
            self.tr(
                "Whose AI this charter governs, which systems are in use, and how the charter "
                "is kept."
            )
        )
        self.set_why(
            self.tr(
                "A charter binds a named organisation and covers the AI it actually uses. "
                "Your duties under the EU AI Act depend on whether you build AI (provider) or "
                "use it (deployer), and on each system's risk class; a register of systems is "
                "where oversight starts. Defined terms, a route for reporting breaches and a "
                "rule for changing the charter keep it one text that everyone reads alike."
            ),
            "EU AI Act Art. 3(3)–(4), Art. 6 and Annex III, Art. 26; "
            "NIST AI RMF GOVERN 1.6; ISO/IEC 42001 4.3, 7.5, 10.2",
        )
        self.section_title("organisation", self.tr("Organisation"))
        self.section_title("meta", self.tr("This charter"))
        self.section_title("organisation.systems", self.tr("AI systems in use"))
        self.section_title("meta.definitions", self.tr("Terms the charter defines"))
        self.section_title("meta.upkeep.breach", self.tr("When the charter is breached"))
        self.section_title("meta.upkeep.amendment", self.tr("Changing the charter"))
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
        self.definitions.set_labels(
            self.tr("definition"),
            {"term": self.tr("Term"), "meaning": self.tr("What it means")},
            {"term": self.tr("Term"), "meaning": self.tr("What it means")},
            self.tr(
                "No term yet. Define the words readers could take differently, such as "
                "'AI system', 'high-risk' or 'the forum'."
            ),
        )
        self.definitions.form.set_tooltips(
            {
                "term": self.tr("The word or phrase as the charter uses it, e.g. 'AI system'"),
                "meaning": self.tr(
                    "What the term means in this charter, in a sentence or two; the charter "
                    "lists the terms in the order given here"
                ),
            }
        )
        self.breach_form.set_labels(
            {
                "meta.upkeep.breach_report_to": self.tr("Breach reports go to"),
                "meta.upkeep.breach_days": self.tr("Reported within"),
                "meta.upkeep.breach_consequences": self.tr("What follows a breach"),
            }
        )
        self.breach_form.editor("meta.upkeep.breach_days").setSuffix(self.tr(" working days"))  # type: ignore[attr-defined]
        self.breach_form.set_tooltips(
            {
                "meta.upkeep.breach_report_to": self.tr(
                    "Who hears of a breach of the charter, e.g. the responsible executive"
                ),
                "meta.upkeep.breach_days": self.tr(
                    "Working days from finding a breach to reporting it; 0 means at once"
                ),
                "meta.upkeep.breach_consequences": self.tr(
                    "What happens next, e.g. the system is paused and the breach is recorded "
                    "and reported to the forum"
                ),
            }
        )
        self.amendment_form.set_labels(
            {
                "meta.upkeep.proposals_from": self.tr("Changes proposed by"),
                "meta.upkeep.amended_by": self.tr("Changes approved by"),
                "meta.upkeep.editorial_by": self.tr("Editorial corrections by"),
            }
        )
        self.amendment_form.set_tooltips(
            {
                "meta.upkeep.proposals_from": self.tr(
                    "Who may propose a change, e.g. any member of the forum or the executive"
                ),
                "meta.upkeep.amended_by": self.tr(
                    "Who approves a change of substance; usually the body that approved the charter"
                ),
                "meta.upkeep.editorial_by": self.tr(
                    "Who may correct names, titles and typing errors between approvals, "
                    "without changing what the charter decides"
                ),
            }
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
            "Define the terms a reader could take differently. Say who hears of a breach of "
            "the charter and within how many working days, what follows, who may propose a "
            "change, who approves it, and who may make editorial corrections in between.\n\n"
            "Keys: Tab moves between fields and Alt with an underlined letter goes straight to "
            "one. In a list, Insert adds, Delete removes and Alt+Up or Alt+Down moves the "
            "chosen entry; Ctrl+PgDown and Ctrl+PgUp go to the next or previous entry with the "
            "cursor in the same field."
        )
