"""Step 6: when the board hears about AI, what it hears, and how its forum works."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QPushButton

from desktop.forms import FieldSpec
from desktop.mnemonics import RANK
from desktop.pages import choices
from desktop.pages.base import StepPage
from wizards.bounds import LIST_MAX
from wizards.model import BodyMember, Indicator, ReportItem
from wizards.steps import Step


class BoardPage(StepPage):
    """The forum with its chair, members and rules of decision, its meeting pattern, the fiscal
    year, the items on the calendar, the three lines of assurance and the indicators."""

    step = Step.BOARD

    def build(self) -> None:
        """Forum, members, decisions, meeting pattern, calendar items, assurance, indicators."""
        self.catalogue_button = QPushButton(self)
        self.catalogue_button.setObjectName("board_catalogue")
        self.catalogue_button.clicked.connect(self._on_catalogue_button_clicked)
        self.tools.addWidget(self.catalogue_button)
        self.tools.addStretch(1)
        self.forum_form = self.add_section(
            "board.forum",
            [
                FieldSpec("board.forum"),
                FieldSpec("board.chair"),
                FieldSpec("board.secretary"),
                FieldSpec("board.fiscal_year_start_month", "choice", choices.months),
                FieldSpec("board.horizon_months", "int", minimum=1, maximum=120),
            ],
        )
        self.members = self.add_list(
            "board.members",
            ["name", "role", "voting"],
            [FieldSpec("name"), FieldSpec("role"), FieldSpec("voting", "bool")],
            BodyMember,
        )
        self.members.form.letters_last()
        self.decisions_form = self.add_section(
            "board.decisions",
            [
                FieldSpec("board.quorum", "optint", minimum=1, maximum=LIST_MAX),
                FieldSpec("board.minutes_days", "int", minimum=0, maximum=90),
                FieldSpec("board.decision_log"),
            ],
        )
        self.pattern_form = self.add_section(
            "board.pattern",
            [
                FieldSpec("board.pattern.months", "months"),
                FieldSpec("board.pattern.kind", "choice", choices.pattern_kinds),
                FieldSpec("board.pattern.nth", "choice", choices.nths),
                FieldSpec("board.pattern.weekday", "choice", choices.weekdays),
                FieldSpec("board.pattern.day", "int", minimum=1, maximum=28),
                FieldSpec("board.pattern.move_off_weekends", "bool"),
            ],
        )
        self.items = self.add_list(
            "board.items",
            ["title", "cadence", "fiscal_quarter", "owner"],
            [
                FieldSpec("title"),
                FieldSpec("what", "prose", lines=2),
                FieldSpec("owner"),
                FieldSpec("cadence", "choice", choices.cadences),
                FieldSpec("fiscal_quarter", "choice", choices.quarters),
                FieldSpec("date", "date"),
                FieldSpec("reference"),
            ],
            ReportItem,
        )
        # The page has more fields than there are letters: the sections' own fields and the
        # lists' Add buttons have them first, the chosen record's fields what is left.
        self.items.form.letters_last()
        self.assurance_form = self.add_section(
            "board.assurance",
            [
                FieldSpec("board.assurance.first_line"),
                FieldSpec("board.assurance.second_line"),
                FieldSpec("board.assurance.third_line"),
                FieldSpec("board.assurance.review_months", "int", minimum=0, maximum=120),
            ],
        )
        self.indicators = self.add_list(
            "board.indicators",
            ["commitment", "measure", "cadence"],
            [
                FieldSpec("commitment", "prose", lines=2),
                FieldSpec("measure", "prose", lines=2),
                FieldSpec("evidence", "prose", lines=2),
                FieldSpec("owner"),
                FieldSpec("cadence", "choice", choices.cadences),
            ],
            Indicator,
        )
        self.indicators.form.letters_last()
        # Fields reached by Tab from the one above them give their letters to the sections'
        # first fields and the lists' Add buttons.
        for form, paths in (
            (self.forum_form, ["board.chair"]),
            (self.decisions_form, ["board.minutes_days", "board.decision_log"]),
            (
                self.assurance_form,
                [
                    "board.assurance.second_line",
                    "board.assurance.third_line",
                    "board.assurance.review_months",
                ],
            ),
        ):
            for path in paths:
                form.labels[path].setProperty(RANK, "last")
        self.pattern_form.changed.connect(self._on_pattern_form_changed)

    def load_extra(self) -> None:
        """Show only the pattern fields that apply to the kind of pattern."""
        self._on_pattern_form_changed()

    def _on_pattern_form_changed(self) -> None:
        nth = self.charter.board.pattern.kind.value == "nth_weekday"
        rows = self.pattern_form.rows
        layout = self.pattern_form.layout()
        assert isinstance(layout, QFormLayout)
        for path, visible in (
            ("board.pattern.nth", nth),
            ("board.pattern.weekday", nth),
            ("board.pattern.day", not nth),
            ("board.pattern.move_off_weekends", not nth),
        ):
            layout.setRowVisible(rows[path], visible)

    def retranslate_ui(self) -> None:
        """All visible strings of the page."""
        super().retranslate_ui()
        self.setSubTitle(self.tr("When the board hears about AI, what it hears, and who decides."))
        self.set_why(
            self.tr(
                "Oversight the board never hears about is not oversight. A fixed calendar, with "
                "quarterly reports while high-risk systems run, annual reviews of the charter "
                "and the legal milestones ahead, keeps AI on the board's agenda before the first "
                "incident puts it there. Named members, a quorum and minutes make its decisions "
                "stand; independent checks and indicators show whether the charter is kept."
            ),
            "ISO/IEC 42001 9.1, 9.2, 9.3; NIST AI RMF GOVERN 1.5, 2.1; UK Corporate Governance "
            "Code 2024 Provision 29; EU AI Act Art. 9(2), Art. 113",
        )
        self.catalogue_button.setText(self.tr("Add from the catalogue…"))
        self.catalogue_button.setAccessibleName(self.tr("Add calendar items from the catalogue"))
        self.catalogue_button.setToolTip(self.catalogue_button.accessibleName())
        self.section_title("board.forum", self.tr("Board or committee"))
        self.section_title("board.pattern", self.tr("When it meets"))
        self.section_title("board.members", self.tr("Members"))
        self.section_title("board.decisions", self.tr("How it decides"))
        self.section_title("board.items", self.tr("What is reported, and when"))
        self.section_title("board.assurance", self.tr("Three lines of assurance"))
        self.section_title("board.indicators", self.tr("How the board knows commitments are kept"))
        self.forum_form.set_labels(
            {
                "board.forum": self.tr("&Board or committee"),
                "board.chair": self.tr("Chair"),
                "board.secretary": self.tr("Secretary"),
                "board.fiscal_year_start_month": self.tr("Fiscal year starts in"),
                "board.horizon_months": self.tr("Calendar covers"),
            }
        )
        self.forum_form.editor("board.horizon_months").setSuffix(self.tr(" months"))  # type: ignore[attr-defined]
        self.forum_form.set_tooltips(
            {
                "board.chair": self.tr("Who chairs the meetings, by name and title"),
                "board.secretary": self.tr("Who keeps the calendar and the minutes"),
            }
        )
        self.members.set_labels(
            self.tr("member"),
            {"name": self.tr("Member"), "role": self.tr("Role"), "voting": self.tr("Votes")},
            {
                "name": self.tr("Member's name"),
                "role": self.tr("Role or title"),
                "voting": self.tr("Votes on decisions"),
            },
            self.tr(
                "No member yet. Add each member of the board or committee; untick 'Votes on "
                "decisions' for those who attend to advise."
            ),
        )
        self.members.form.set_tooltips(
            {
                "name": self.tr("The member's name as the minutes give it"),
                "role": self.tr("e.g. Chair, Non-executive director, Chief Risk Officer"),
                "voting": self.tr(
                    "Untick for someone who attends to advise without a vote; the quorum "
                    "counts voting members only"
                ),
            }
        )
        self.decisions_form.set_labels(
            {
                "board.quorum": self.tr("Quorum"),
                "board.minutes_days": self.tr("Minutes sent within"),
                "board.decision_log": self.tr("Decision log kept in"),
            }
        )
        quorum = self.decisions_form.editor("board.quorum")
        quorum.setSuffix(self.tr(" voting members"))  # type: ignore[attr-defined]
        self.decisions_form.editor("board.minutes_days").setSuffix(self.tr(" days"))  # type: ignore[attr-defined]
        self.decisions_form.set_tooltips(
            {
                "board.quorum": self.tr(
                    "How many voting members must be present for a decision; empty when not set"
                ),
                "board.minutes_days": self.tr(
                    "Days after a meeting by which the minutes reach the members"
                ),
                "board.decision_log": self.tr(
                    "Where the forum's decisions on AI are recorded, e.g. the board portal"
                ),
            }
        )
        self.pattern_form.set_labels(
            {
                "board.pattern.months": self.tr("Meets in"),
                "board.pattern.kind": self.tr("Meeting day"),
                "board.pattern.nth": self.tr("Week"),
                "board.pattern.weekday": self.tr("Weekday"),
                "board.pattern.day": self.tr("Day of month"),
                "board.pattern.move_off_weekends": self.tr("Move to a working day if on a weekend"),
            }
        )
        self.items.set_labels(
            self.tr("calendar item"),
            {
                "title": self.tr("Item"),
                "cadence": self.tr("How often"),
                "fiscal_quarter": self.tr("Quarter"),
                "owner": self.tr("Owner"),
            },
            {
                "title": self.tr("Title"),
                "what": self.tr("What is reported"),
                "owner": self.tr("Owner"),
                "cadence": self.tr("How often"),
                "fiscal_quarter": self.tr("Fiscal quarter (annual items)"),
                "date": self.tr("Date (one-off items)"),
                "reference": self.tr("Reference"),
            },
            self.tr("No calendar item yet. The defaults add the usual reports and reviews."),
        )
        # Three lists on one page: each Add button its own letter ("&Add" is the members').
        self.items.add_button.setText(self.tr("Add &calendar item"))
        self.assurance_form.set_labels(
            {
                "board.assurance.first_line": self.tr("First line: runs each system"),
                "board.assurance.second_line": self.tr("Second line: oversees the risk"),
                "board.assurance.third_line": self.tr("Third line: checks independently"),
                "board.assurance.review_months": self.tr("Independent review every"),
            }
        )
        self.assurance_form.editor("board.assurance.review_months").setSuffix(  # type: ignore[attr-defined]
            self.tr(" months")
        )
        self.assurance_form.set_tooltips(
            {
                "board.assurance.first_line": self.tr(
                    "Who owns and runs each AI system day to day, e.g. the system owners"
                ),
                "board.assurance.second_line": self.tr(
                    "The function that sets the rules and watches the risk, e.g. risk and "
                    "compliance"
                ),
                "board.assurance.third_line": self.tr(
                    "Who checks independently that the charter works, e.g. internal audit or "
                    "an outside reviewer"
                ),
                "board.assurance.review_months": self.tr(
                    "Months between independent reviews of AI governance; 0 means none planned"
                ),
            }
        )
        self.indicators.set_labels(
            self.tr("indicator"),
            {
                "commitment": self.tr("Commitment"),
                "measure": self.tr("Indicator"),
                "cadence": self.tr("How often"),
            },
            {
                "commitment": self.tr("Commitment"),
                "measure": self.tr("Indicator"),
                "evidence": self.tr("Evidence from"),
                "owner": self.tr("Owner"),
                "cadence": self.tr("Reported"),
            },
            self.tr(
                "No indicator yet. For each commitment the board must see kept, say what is "
                "measured, where the evidence comes from, who reports it and how often."
            ),
        )
        self.indicators.add_button.setText(self.tr("Add &indicator"))
        self.indicators.form.set_tooltips(
            {
                "commitment": self.tr(
                    "What the charter promises, e.g. every high-risk system "
                    "has a human who can stop it"
                ),
                "measure": self.tr(
                    "What the board sees, e.g. the share of high-risk systems with a named overseer"
                ),
                "evidence": self.tr("Where the figure comes from, e.g. the AI register"),
                "owner": self.tr("Who reports the indicator to the board"),
            }
        )

    def _on_catalogue_button_clicked(self) -> None:
        from desktop.catalogue_picker import pick_calendar_items

        if pick_calendar_items(self, self.charter):
            self.items.load(keep_row=len(self.charter.board.items) - 1)
            self.on_changed()

    def help_text(self) -> str:
        """F1 help for the board step."""
        return self.tr(
            "Name the board or committee that oversees AI and tick the months it meets. "
            "Describe the meeting day (e.g. the second Tuesday) so that the calendar can date "
            "every report. Add the items the board receives: annual items need a fiscal "
            "quarter, one-off items a date. The calendar is exported to Word and as an .ics "
            "file for Outlook or Google Calendar.\n\n"
            "Name the chair and the members, and untick 'Votes on decisions' for those who "
            "advise. Set the quorum in voting members, the days within which the minutes go "
            "out and where the decision log is kept. Say who makes up the three lines: who "
            "runs each system, who oversees the risk and who checks independently. For each "
            "indicator, give the commitment it shows kept, what is measured, the evidence, "
            "its owner and how often the board sees it."
        )
