"""Step 7: the whole charter, the readiness findings, and the leadership's sign-off."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop.forms import FieldSpec
from desktop.pages.base import PREVIEW_DELAY_MS, StepPage, finding_text
from wizards.model import AcceptedRisk, Approval
from wizards.steps import CONTENT_STEPS, Step, validate_step

_LEVEL_COLOURS = {
    "blocker": "#b3261e",
    "warning": "#8a5300",
    "advice": "#2f5b8a",
    "missing": "#b3261e",
}


class ReviewPage(StepPage):
    """Readiness findings that link to the answer to change, approvals, the whole charter."""

    step = Step.REVIEW

    def build(self) -> None:
        """Findings, approvals."""
        self.defaults_button.hide()
        self.open_blockers = 0
        """Blockers neither fixed nor accepted, as the last readiness check found them."""
        for hidden in (self.defaults_button, self.defaults_all_button):
            hidden.setProperty("mnemonic_rank", "none")  # this step has no defaults to fill
        # Sign-offs change the findings (no leadership approval, self-approval, late dates):
        # the check runs again after a pause in editing, as the preview does.
        self.findings_timer = QTimer(self)
        self.findings_timer.setSingleShot(True)
        self.findings_timer.setInterval(PREVIEW_DELAY_MS)
        self.findings_timer.timeout.connect(self.refresh_findings_and_status)
        # Where the charter stands, and what changed since the version last approved.
        self.version_box = QGroupBox(self.content)
        self.version_box.setObjectName("section_version")
        version_layout = QVBoxLayout(self.version_box)
        self.status_label = QLabel(self.version_box)
        self.status_label.setObjectName("review_status")
        self.status_label.setWordWrap(True)
        self.status_label.setProperty("role", "subheading")
        self.changes_label = QLabel(self.version_box)
        self.changes_label.setObjectName("review_changes")
        self.changes_label.setWordWrap(True)
        self.changes_label.setTextFormat(Qt.TextFormat.RichText)
        self.review_button = QPushButton(self.version_box)
        self.review_button.setObjectName("review_start_review")
        self.review_button.clicked.connect(self._on_review_button_clicked)
        self.review_button.setProperty("mnemonic_rank", "none")  # shown once approved
        self.review_button.hide()
        version_layout.addWidget(self.status_label)
        version_layout.addWidget(self.changes_label)
        review_row = QHBoxLayout()
        review_row.addWidget(self.review_button)
        review_row.addStretch(1)
        version_layout.addLayout(review_row)
        self.body.addWidget(self.version_box)
        self.sections["version"] = self.version_box

        box = QGroupBox(self.content)
        box.setObjectName("section_readiness")
        layout = QVBoxLayout(box)
        self.summary = QLabel(box)
        self.summary.setObjectName("review_summary")
        self.summary.setWordWrap(True)
        self.findings_tree = QTreeWidget(box)
        self.findings_tree.setObjectName("review_findings")
        self.findings_tree.setColumnCount(3)
        self.findings_tree.setRootIsDecorated(False)
        self.findings_tree.setWordWrap(True)
        self.findings_tree.setUniformRowHeights(False)
        self.findings_tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.findings_tree.setMinimumHeight(200)
        header = self.findings_tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(True)
        self.findings_tree.itemActivated.connect(self._on_findings_tree_item_activated)
        self.findings_tree.currentItemChanged.connect(self._on_findings_tree_current_item_changed)
        self.detail = QLabel(box)
        self.detail.setObjectName("review_finding_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.goto_button = QPushButton(box)
        self.goto_button.setObjectName("review_goto")
        self.goto_button.clicked.connect(self._on_goto_button_clicked)
        self.drill_button = QPushButton(box)
        self.drill_button.setObjectName("review_drill")
        self.drill_button.clicked.connect(self._on_drill_button_clicked)
        # Enter on a finding goes to its answer and stops there: the tree lets the key travel
        # on to the wizard, which took it as Next and went one step too far.
        self.findings_tree.installEventFilter(self)
        row = QHBoxLayout()
        row.addWidget(self.goto_button)
        row.addStretch(1)
        row.addWidget(self.drill_button)
        layout.addWidget(self.summary)
        layout.addWidget(self.findings_tree)
        layout.addWidget(self.detail)
        layout.addLayout(row)
        self.body.addWidget(box)
        self.sections["readiness"] = box

        self.accept_button = QPushButton(box)
        self.accept_button.setObjectName("review_accept_blocker")
        self.accept_button.clicked.connect(self._on_accept_button_clicked)
        row.insertWidget(1, self.accept_button)

        self.resolution_form = self.add_section(
            "resolution",
            [
                FieldSpec("resolution.body"),
                FieldSpec("resolution.meeting_date", "date"),
                FieldSpec("resolution.reference"),
                FieldSpec("resolution.quorum_confirmed", "bool"),
            ],
        )
        self.approvals = self.add_list(
            "approvals",
            ["name", "role", "date"],
            [
                FieldSpec("name"),
                FieldSpec("role"),
                FieldSpec("date", "date"),
                FieldSpec("leadership", "bool"),
                FieldSpec("countersign", "bool"),
            ],
            Approval,
        )
        self.approve_button = QPushButton(self)
        self.approve_button.setObjectName("review_approve")
        self.approve_button.clicked.connect(self._on_approve_button_clicked)
        self.approval_status = QLabel(self)
        self.approval_status.setObjectName("review_approval_status")
        self.approval_status.setWordWrap(True)
        approve_row = QHBoxLayout()
        approve_row.addWidget(self.approve_button)
        approve_row.addWidget(self.approval_status, 1)
        approvals_layout = self.sections["approvals"].layout()
        assert isinstance(approvals_layout, QVBoxLayout)
        approvals_layout.addLayout(approve_row)

        self.accepted = self.add_list(
            "accepted_risks",
            ["summary", "owner", "expires"],
            [
                FieldSpec("summary", "prose", lines=2),
                FieldSpec("reason", "prose", lines=2),
                FieldSpec("owner"),
                FieldSpec("expires", "date"),
            ],
            AcceptedRisk,
        )

    def retranslate_ui(self) -> None:
        """All visible strings of the page."""
        super().retranslate_ui()
        self.setSubTitle(self.tr("Read the whole charter, fix what is hollow, and sign it off."))
        self.set_why(
            self.tr(
                "A charter can be complete and still hollow. The readiness check looks for "
                "buy-in on paper only: an executive who cannot halt a system, a board that "
                "hears once a year while high-risk AI runs, an incident chain that reaches "
                "nobody senior. Fix what matters, then record who approved the charter."
            ),
            "ISO/IEC 42001 5.1, 9.3; NIST AI RMF GOVERN 2.3; EU AI Act Art. 26(2)",
        )
        self.preview_label.setText(self.tr("The whole charter"))
        self.section_title("readiness", self.tr("Readiness findings"))
        self.section_title("approvals", self.tr("Approval of the charter"))
        self.findings_tree.setHeaderLabels(
            [self.tr("Severity"), self.tr("Step"), self.tr("Finding")]
        )
        self.findings_tree.setAccessibleName(self.tr("Readiness findings"))
        self.goto_button.setText(self.tr("&Go to the answer"))
        self.goto_button.setAccessibleName(
            self.tr("Go to the answer that fixes the chosen finding")
        )
        self.goto_button.setToolTip(self.tr("Or press Enter on a finding"))
        self.drill_button.setText(self.tr("Run a &drill…"))
        self.drill_button.setAccessibleName(
            self.tr("Run a drill: a fictitious incident through the charter's roles and clocks")
        )
        self.drill_button.setToolTip(self.last_drill_text())
        self.accept_button.setText(self.tr("Accept the &blocker…"))
        self.accept_button.setAccessibleName(
            self.tr("Record that the approving body accepts the chosen blocker for a time")
        )
        self.review_button.setText(self.tr("&Start the annual review"))
        self.review_button.setAccessibleName(
            self.tr("Start the next version from the approved charter")
        )
        self.section_title("version", self.tr("Status and changes"))
        self.section_title("accepted_risks", self.tr("Blockers accepted by the approving body"))
        self.section_title("resolution", self.tr("Resolution"))
        self.accepted.set_labels(
            self.tr("accepted blocker"),
            {
                "summary": self.tr("Accepted"),
                "owner": self.tr("Owner"),
                "expires": self.tr("Until"),
            },
            {
                "summary": self.tr("What is accepted"),
                "reason": self.tr("Reason"),
                "owner": self.tr("Owner until fixed"),
                "expires": self.tr("Accepted until"),
            },
            self.tr(
                "None. An open blocker must be fixed, or accepted here by the approving body "
                "with a reason, an owner and an end date."
            ),
        )
        self.resolution_form.set_labels(
            {
                "resolution.body": self.tr("Approving body"),
                "resolution.meeting_date": self.tr("Meeting date"),
                "resolution.reference": self.tr("Minute or resolution reference"),
                "resolution.quorum_confirmed": self.tr("The meeting was quorate"),
            }
        )
        self.approve_button.setText(self.tr("&Record the approval"))
        self.approve_button.setAccessibleName(
            self.tr("Record the approval and store this version as approved")
        )
        self.approvals.set_labels(
            self.tr("signatory"),
            {"name": self.tr("Name"), "role": self.tr("Role"), "date": self.tr("Signed on")},
            {
                "name": self.tr("Name"),
                "role": self.tr("Role"),
                "date": self.tr("Signed on (leave empty to sign on paper)"),
                "leadership": self.tr("Member of the leadership team"),
                "countersign": self.tr("Countersigns as the appointee (does not approve)"),
            },
            self.tr(
                "No signatory yet. Add each member of the approving body who approves, and the "
                "appointed executive as countersigning."
            ),
        )

    def help_text(self) -> str:
        """F1 help for the review step."""
        return self.tr(
            "Each finding says what is hollow and how to fix it. Choose a finding and press "
            "Enter (or 'Go to the answer') to jump to the field that fixes it; then use Next to "
            "come back here. Blockers should be fixed before anyone signs.\n\n"
            "Record each person who approves: name, role and date. 'Record the approval' "
            "stores this version in the library as approved; it can no longer change. Later "
            "edits make a new draft."
        )

    # Findings ----------------------------------------------------------------------------

    def load_extra(self) -> None:
        """Run the readiness check and list the findings; show the status and changes."""
        if not self.charter.resolution.body.strip():
            self.charter.resolution.body = self.charter.board.forum.strip()
            self.resolution_form.load(self.charter)
        self.refresh_findings()
        self.refresh_status()

    def refresh_status(self) -> None:
        """The derived status and, against the version last approved, what changed."""
        from html import escape

        from wizards.versions.changes import changes
        from wizards.versions.status import StatusKind, charter_status

        status = charter_status(self.charter)
        self.status_label.setText(status.label())
        previous = self.shell.last_approved() if self.shell.last_approved else None
        lines: list[str] = []
        if previous is not None and status.kind is not StatusKind.APPROVED:
            lines = [c.words for c in changes(previous, self.charter)]
        if lines:
            base = self.charter.history[-1].version if self.charter.history else ""
            items = "".join(f"<li>{escape(line)}</li>" for line in lines[:20])
            more = len(lines) - 20
            tail = f"<p>{escape(self.tr('…and {n} more.').format(n=more))}</p>" if more > 0 else ""
            from wizards.versions.approval import proposed_version

            heading = escape(
                self.tr("Changes since version {v}, to be approved as version {n}:").format(
                    v=base, n=proposed_version(self.charter, previous)
                )
            )
            self.changes_label.setText(
                f"<p style='margin:0'>{heading}</p><ul style='margin:2px 0'>{items}</ul>{tail}"
            )
        elif status.kind is StatusKind.DRAFT:
            self.changes_label.setText(
                escape(self.tr("Not approved yet: this will be version {v}.").format(
                    v=self.charter.meta.version))
            )  # fmt: skip
        else:
            self.changes_label.setText(
                escape(self.tr("Fingerprint of the approved content: {f}").format(
                    f=status.printed_fingerprint()))
            )  # fmt: skip
        offered = status.kind in (StatusKind.APPROVED, StatusKind.LAPSED)
        if offered != (self.review_button.property("mnemonic_rank") != "none"):
            # Only a button on screen holds a letter; the screen's letters are dealt again.
            self.review_button.setProperty("mnemonic_rank", None if offered else "none")
            self.review_button.setVisible(offered)
            if self.shell.currentId() == int(self.step):
                self.shell.assign_mnemonics()
        self.review_button.setVisible(offered)

    def on_changed(self) -> None:
        """After an edit of the sign-offs: autosave and preview, then the findings, debounced."""
        if self._loading:
            return
        super().on_changed()
        self.findings_timer.start()

    def refresh_findings_and_status(self) -> None:
        """After the pause in editing: the findings and the status again."""
        self.refresh_findings()
        self.refresh_status()
        self.update_status()

    def complete_text(self) -> str:
        """Where the approval stands, rather than 'complete' over an open blocker."""
        from wizards.versions.status import charter_status

        status = charter_status(self.charter)
        if status.approved:
            return self.tr("{status}. Press Next to export it.").format(status=status.label())
        if self.open_blockers:  # counted by the last check, after each pause in typing
            return self.tr(
                "{n} blocker(s) open: fix or accept each before the approval. Next exports the "
                "charter as a draft."
            ).format(n=self.open_blockers)
        return self.tr("Ready for approval. Until it is recorded, Next exports a draft.")

    def refresh_findings(self) -> None:
        """Re-run the checks on the charter as it is now; the chosen finding stays chosen."""
        self.findings_timer.stop()
        current = self.findings_tree.currentItem()
        chosen = _finding_key(current) if current is not None else None
        rows: list[tuple[str, str, Step, str, str, str, str]] = []
        for step in CONTENT_STEPS:
            for f in validate_step(step, self.charter):
                rows.append(
                    ("missing", self.tr("Incomplete"), step, f.field, finding_text(f), "", "")
                )
        summary = ""
        try:
            from wizards.readiness import check
            from wizards.readiness import summary as readiness_summary

            found = check(self.charter)
            summary = readiness_summary(found)
            from wizards.versions.approval import blockers

            self.open_blockers = sum(1 for b in blockers(self.charter, found) if not b.acceptance)
            labels = {
                "blocker": self.tr("Blocker"),
                "warning": self.tr("Warning"),
                "advice": self.tr("Advice"),
            }
            for r in found:
                level = r.severity.value
                rows.append(
                    (
                        level,
                        labels.get(level, level),
                        r.step,
                        r.field,
                        r.message,
                        r.fix,
                        r.reference,
                    )
                )
        except ImportError:
            summary = self.tr("The readiness check is not available; showing incomplete answers.")
        self.findings_tree.clear()
        for level, label, step, field, message, fix, reference in rows:
            item = QTreeWidgetItem([label, step.title, message])
            item.setData(0, Qt.ItemDataRole.UserRole, (int(step), field, fix, reference))
            item.setForeground(0, QBrush(QColor(_LEVEL_COLOURS.get(level, "#333333"))))
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            item.setToolTip(2, message)
            self.findings_tree.addTopLevelItem(item)
        if not rows:
            self.summary.setText(self.tr("No findings: the charter reads as real buy-in."))
        else:
            self.summary.setText(
                self.tr("Findings: {summary}. Choose one to see the fix.").format(
                    summary=summary or len(rows)
                )
            )
        target: QTreeWidgetItem | None = self.findings_tree.topLevelItem(0)
        for index in range(self.findings_tree.topLevelItemCount()):
            listed = self.findings_tree.topLevelItem(index)
            if listed is not None and chosen is not None and _finding_key(listed) == chosen:
                target = listed
                break
        if target is not None:
            self.findings_tree.setCurrentItem(target)
        else:
            self.detail.clear()
        self.goto_button.setEnabled(bool(rows))

    def _on_findings_tree_current_item_changed(self, current: Any, _previous: Any) -> None:
        if current is None:
            self.detail.clear()
            return
        _step, _field, fix, reference = current.data(0, Qt.ItemDataRole.UserRole)
        parts = [f"<p style='margin:0'>{_escape(current.text(2))}</p>"]
        if fix:
            parts.append(f"<p style='margin:4px 0 0 0'><b>{self.tr('Fix')}:</b> {_escape(fix)}</p>")
        if reference:
            parts.append(
                f"<p style='margin:4px 0 0 0; color:#4a5568'><b>{self.tr('Reference')}:</b> "
                f"{_escape(reference)}</p>"
            )
        self.detail.setText("".join(parts))

    def _on_findings_tree_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.go_to_finding(item)

    def _on_goto_button_clicked(self) -> None:
        item = self.findings_tree.currentItem()
        if item is not None:
            self.go_to_finding(item)

    def go_to_finding(self, item: QTreeWidgetItem) -> None:
        """Go to the step and field that fix the finding."""
        step, field, _fix, _reference = item.data(0, Qt.ItemDataRole.UserRole)
        window = self.window()
        if field.startswith("workshops") and hasattr(window, "set_up_workshop"):
            window.set_up_workshop(focus=field)  # the workshop's record is answered there
            return
        self.shell.go_to_step(Step(step), field)

    # Drill -------------------------------------------------------------------------------

    def focus_field(self, path: str) -> Any:
        """The finding about drills ('drills') leads to the button that runs one."""
        if path == "drills":
            self.drill_button.setFocus(Qt.FocusReason.OtherFocusReason)
            self.form_scroll.ensureWidgetVisible(self.drill_button, 40, 60)
            return self.drill_button
        return super().focus_field(path)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Enter (or Return) on the findings goes to the chosen finding's answer, and only there."""
        from PySide6.QtCore import QEvent

        if (
            watched is self.findings_tree
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            item = self.findings_tree.currentItem()
            if item is not None:
                self.go_to_finding(item)
            return True
        return bool(super().eventFilter(watched, event))

    def last_drill_text(self) -> str:
        """When the charter was last drilled, for the button's tooltip."""
        if not self.charter.drills:
            return self.tr("No drill has been run on this charter yet.")
        last = max(self.charter.drills, key=lambda d: d.date)
        return self.tr("Last drill: {date}, {title}").format(
            date=last.date.isoformat(), title=last.title or last.scenario
        )

    def _on_drill_button_clicked(self) -> None:
        self.run_drill()

    def run_drill(self) -> Any:
        """Open the drill screen on this charter; the drill is recorded when its report is out."""
        from pathlib import Path

        from desktop.drill.screen import run_drill

        self.shell.current_page().store()
        export = self.shell.pages.get(Step.EXPORT)
        typed = getattr(getattr(export, "folder", None), "text", lambda: "")().strip()
        if typed:
            folder: Path | None = Path(typed)
        else:
            from desktop.pages.export import default_folder

            folder = default_folder()
        return run_drill(
            self,
            self.charter,
            self.shell.prompter,
            folder=folder,
            on_recorded=self._on_drilled,
            return_focus=self.drill_button,
        )

    def _on_drilled(self, record: Any) -> None:
        self.charter.drills.append(record)
        self.drill_button.setToolTip(self.last_drill_text())
        self.on_changed()
        self.refresh_findings()

    # Approval ----------------------------------------------------------------------------

    def isComplete(self) -> bool:
        """The export may follow with or without sign-offs."""
        return True

    def _on_approve_button_clicked(self) -> None:
        from html import escape

        from wizards.versions.approval import ApprovalRefusedError

        self.store()
        findings = validate_step(Step.REVIEW, self.charter)
        self.attempted = True
        self.show_findings(findings)
        if findings:
            self.shell.prompter.warning(
                self,
                self.tr("Approval incomplete"),
                self.tr("Give each signatory a name and a role."),
            )
            return
        if self.shell.approver is None:
            return
        try:
            text = self.shell.approver(self.charter)
        except ApprovalRefusedError as refused:
            items = "".join(f"<li>{escape(p)}</li>" for p in refused.problems)
            self.shell.prompter.warning(
                self,
                self.tr("Not approved yet"),
                "<p>" + escape(self.tr("The approval cannot be recorded yet:")) + "</p>"
                f"<ul>{items}</ul>",
            )
            return
        except Exception as error:
            self.shell.prompter.warning(self, self.tr("Approval not stored"), str(error))
            return
        self.approval_status.setText(text)
        self.load()
        self.on_changed()

    def _on_accept_button_clicked(self) -> None:
        """Start an acceptance of the chosen blocker; the cursor goes to its reason."""
        from wizards.readiness import check
        from wizards.versions.approval import acceptance_for, blockers

        item = self.findings_tree.currentItem()
        if item is None:
            return
        _step, field, _fix, _reference = item.data(0, Qt.ItemDataRole.UserRole)
        message = item.text(2)
        self.store()
        chosen = [
            b for b in blockers(self.charter, check(self.charter))
            if b.finding.field == field and b.finding.message == message
        ]  # fmt: skip
        if not chosen:
            self.shell.prompter.information(
                self,
                self.tr("Not a blocker"),
                self.tr("Only a blocker needs accepting; warnings stay open and print as open "
                        "points."),
            )  # fmt: skip
            return
        index = next(
            (i for i, a in enumerate(self.charter.accepted_risks) if a is chosen[0].acceptance),
            None,
        )
        if index is None:
            body = self.charter.resolution.body.strip() or self.charter.board.forum.strip()
            self.charter.accepted_risks.append(acceptance_for(chosen[0].finding, body))
            index = len(self.charter.accepted_risks) - 1
            self.accepted.load()
            self.on_changed()
        self.focus_field(f"accepted_risks[{index}].reason")

    def _on_review_button_clicked(self) -> None:
        self.start_review()

    def start_review(self) -> None:
        """Begin the next version from the approved one: signatures cleared, step 1 opened."""
        from wizards.versions.approval import start_review

        self.store()
        draft = start_review(self.charter)
        for name in ("approvals", "resolution", "accepted_risks"):
            setattr(self.charter, name, getattr(draft, name))
        self.load()
        self.on_changed()
        self.shell.go_to_step(Step.ORGANISATION)

    def refresh_preview(self) -> None:
        """The whole charter, with the readiness findings kept current."""
        self.preview_timer.stop()
        try:
            from wizards.render import render_charter

            html = render_charter(self.charter)
        except Exception as error:
            html = "<p>" + _escape(str(error)) + "</p>"
        self.preview.show_html(html)


def _finding_key(item: QTreeWidgetItem) -> tuple[Any, ...]:
    """What identifies a listed finding across a refresh: its step, field and message."""
    step, field, _fix, _reference = item.data(0, Qt.ItemDataRole.UserRole)
    return (step, field, item.text(2))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
