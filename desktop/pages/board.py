"""Step 6: when the board hears about AI, and what it hears."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QPushButton

from desktop.forms import FieldSpec
from desktop.pages import choices
from desktop.pages.base import StepPage
from wizards.model import ReportItem
from wizards.steps import Step


class BoardPage(StepPage):
    """The forum, its meeting pattern, the fiscal year and the items on the calendar."""

    step = Step.BOARD

    def build(self) -> None:
        """Forum, meeting pattern, calendar items."""
        self.catalogue_button = QPushButton(self)
        self.catalogue_button.setObjectName("board_catalogue")
        self.catalogue_button.clicked.connect(self._on_catalogue_button_clicked)
        self.tools.addWidget(self.catalogue_button)
        self.tools.addStretch(1)
        self.forum_form = self.add_section(
            "board.forum",
            [
                FieldSpec("board.forum"),
                FieldSpec("board.secretary"),
                FieldSpec("board.fiscal_year_start_month", "choice", choices.months),
                FieldSpec("board.horizon_months", "int", minimum=1, maximum=120),
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
        self.setSubTitle(self.tr("When the board hears about AI, and what it hears."))
        self.set_why(
            self.tr(
                "Oversight the board never hears about is not oversight. A fixed calendar, with "
                "quarterly reports while high-risk systems run, annual reviews of the charter "
                "and the legal milestones ahead, keeps AI on the board's agenda before the first "
                "incident puts it there."
            ),
            "ISO/IEC 42001 9.2, 9.3; NIST AI RMF GOVERN 1.5; UK Corporate Governance Code 2024 "
            "Provision 29; EU AI Act Art. 9(2), Art. 113",
        )
        self.catalogue_button.setText(self.tr("Add from the catalogue…"))
        self.catalogue_button.setAccessibleName(self.tr("Add calendar items from the catalogue"))
        self.catalogue_button.setToolTip(self.catalogue_button.accessibleName())
        self.section_title("board.forum", self.tr("Board or committee"))
        self.section_title("board.pattern", self.tr("When it meets"))
        self.section_title("board.items", self.tr("What is reported, and when"))
        self.forum_form.set_labels(
            {
                "board.forum": self.tr("&Board or committee"),
                "board.secretary": self.tr("Secretary"),
                "board.fiscal_year_start_month": self.tr("Fiscal year starts in"),
                "board.horizon_months": self.tr("Calendar covers"),
            }
        )
        self.forum_form.editor("board.horizon_months").setSuffix(self.tr(" months"))  # type: ignore[attr-defined]
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
            "file for Outlook or Google Calendar."
        )
