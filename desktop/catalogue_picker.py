"""Pick entries from the catalogues (principles, risk categories, roles, clocks, calendar items).

The choice is asked through the prompter, so tests script it like any other dialog.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wizards.model import Charter


@dataclass(frozen=True)
class PickEntry:
    """One entry offered for picking."""

    key: str
    label: str
    description: str
    present: bool = False
    suggested: bool = False


@dataclass(frozen=True)
class PickGroup:
    """A titled group of entries."""

    key: str
    label: str
    entries: Sequence[PickEntry]


def _t(text: str) -> str:
    return QCoreApplication.translate("CataloguePicker", text)


class CataloguePickerDialog(QDialog):
    """A checkable tree of catalogue entries; entries already in the charter are shown greyed."""

    def __init__(
        self, title: str, intro: str, groups: Sequence[PickGroup], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cataloguePickerDialog")
        self.setWindowTitle(title)
        self.resize(720, 520)
        layout = QVBoxLayout(self)
        label = QLabel(intro, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("cataloguePickerTree")
        self.tree.setHeaderLabels([_t("Entry"), _t("What it is")])
        self.tree.setAccessibleName(title)
        self.tree.setColumnWidth(0, 300)
        self.tree.setWordWrap(True)
        for group in groups:
            parent_item = QTreeWidgetItem(self.tree, [group.label])
            parent_item.setFlags(parent_item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            parent_item.setFirstColumnSpanned(True)
            for entry in group.entries:
                item = QTreeWidgetItem(parent_item, [entry.label, entry.description])
                item.setData(0, Qt.ItemDataRole.UserRole, (group.key, entry.key))
                item.setToolTip(1, entry.description)
                if entry.present:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                    item.setText(0, entry.label + " " + _t("(already in the charter)"))
                    item.setCheckState(0, Qt.CheckState.Checked)
                else:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    state = Qt.CheckState.Checked if entry.suggested else Qt.CheckState.Unchecked
                    item.setCheckState(0, state)
            parent_item.setExpanded(True)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_t("Add the ticked entries"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> list[tuple[str, str]]:
        """(group, key) of the ticked entries that are not in the charter yet."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group is None:
                continue
            for j in range(group.childCount()):
                item = group.child(j)
                if (
                    item is not None
                    and item.flags() & Qt.ItemFlag.ItemIsEnabled
                    and (item.checkState(0) == Qt.CheckState.Checked)
                ):
                    out.append(item.data(0, Qt.ItemDataRole.UserRole))
        return out


def _ask(
    parent: QWidget, title: str, intro: str, groups: Sequence[PickGroup]
) -> list[tuple[str, str]]:
    from desktop.pages.base import StepPage

    page = parent if isinstance(parent, StepPage) else None
    if page is None:
        return []
    return page.shell.prompter.pick(parent, title, intro, groups) or []


def _warn(parent: QWidget, error: Exception) -> None:
    from desktop.pages.base import StepPage

    if isinstance(parent, StepPage):
        parent.shell.prompter.warning(
            parent,
            _t("Catalogue not available"),
            _t("The catalogue could not be read: {e}").format(e=error),
        )


def pick_principles(parent: QWidget, charter: Charter) -> int:
    """Let the user pick principles from the catalogue sets; returns how many were added."""
    try:
        from wizards.catalogues import principle_sets
        from wizards.presets import principle_from_catalogue

        sets = principle_sets()
    except Exception as error:
        _warn(parent, error)
        return 0
    have = {p.key for p in charter.ethics.principles if p.key}
    groups = [
        PickGroup(
            s.key,
            s.label,
            [PickEntry(p.key, p.label, p.description, p.key in have) for p in s.principles],
        )
        for s in sets
    ]
    intro = _t("Tick the principles to add. Each comes with commitments you can edit.")
    chosen = {key for _group, key in _ask(parent, _t("Add principles"), intro, groups)}
    added = 0
    for s in sets:
        for p in s.principles:
            if p.key in chosen and p.key not in have:
                charter.ethics.principles.append(principle_from_catalogue(p))
                have.add(p.key)
                added += 1
    return added


def pick_risk_categories(parent: QWidget, charter: Charter) -> int:
    """Let the user pick risk categories; appetites follow the organisation's preset."""
    try:
        from wizards.catalogues import risk_categories
        from wizards.presets import preset_for, risk_category_from_catalogue, sector_for

        entries = risk_categories()
        preset = preset_for(charter.organisation)
        sector = sector_for(charter.organisation)
    except Exception as error:
        _warn(parent, error)
        return 0
    have = {c.key for c in charter.risk.categories if c.key}
    groups = [
        PickGroup(
            "risk",
            _t("Risk categories"),
            [PickEntry(e.key, e.label, e.description, e.key in have, True) for e in entries],
        )
    ]
    intro = _t("Tick the categories to add, with a suggested appetite, threshold and trigger.")
    chosen = {key for _g, key in _ask(parent, _t("Add risk categories"), intro, groups)}
    added = 0
    for e in entries:
        if e.key in chosen and e.key not in have:
            charter.risk.categories.append(risk_category_from_catalogue(e, preset, sector))
            added += 1
    return added


def pick_incident_entries(parent: QWidget, charter: Charter) -> int:
    """Let the user pick incident roles, severity levels and regulatory clocks."""
    try:
        from wizards.catalogues import incident_roles, regulatory_clocks, severities
        from wizards.presets import (
            applies,
            clock_from_catalogue,
            incident_role_from_catalogue,
            severity_from_catalogue,
        )

        roles, levels, clocks = incident_roles(), severities(), regulatory_clocks()
        catalogue_roles = {r.key: r for r in roles}
    except Exception as error:
        _warn(parent, error)
        return 0
    inc = charter.incidents
    role_keys = {r.key for r in inc.roles if r.key}
    level_keys = {s.level for s in inc.severities}
    clock_keys = {c.key for c in inc.clocks if c.key}
    org = charter.organisation
    groups = [
        PickGroup(
            "role",
            _t("Incident roles"),
            [PickEntry(r.key, r.label, r.description, r.key in role_keys) for r in roles],
        ),
        PickGroup(
            "severity",
            _t("Severity levels"),
            [
                PickEntry(s.level, f"{s.level} {s.label}", s.description, s.level in level_keys)
                for s in levels
            ],
        ),
        PickGroup(
            "clock",
            _t("Regulatory clocks (ticked: they apply to you)"),
            [
                PickEntry(
                    c.key,
                    f"{c.regime}: {c.label}",
                    c.trigger,
                    c.key in clock_keys,
                    applies(c.applies_when, org),
                )
                for c in clocks
            ],
        ),
    ]
    intro = _t("Tick what to add. Name the people for each role afterwards.")
    chosen = set(_ask(parent, _t("Add incident roles, levels and clocks"), intro, groups))
    added = 0
    for r in roles:
        if ("role", r.key) in chosen and r.key not in role_keys:
            inc.roles.append(incident_role_from_catalogue(r))
            role_keys.add(r.key)
            added += 1
    for s in levels:
        if ("severity", s.level) in chosen and s.level not in level_keys:
            inc.severities.append(severity_from_catalogue(s, role_keys, catalogue_roles))
            added += 1
    for c in clocks:
        if ("clock", c.key) in chosen and c.key not in clock_keys:
            inc.clocks.append(clock_from_catalogue(c, role_keys, catalogue_roles))
            added += 1
    return added


def pick_calendar_items(parent: QWidget, charter: Charter) -> int:
    """Let the user pick board calendar items; those that apply to the organisation are ticked."""
    try:
        from wizards.catalogues import calendar_items
        from wizards.presets import applies, report_item_from_catalogue

        entries = calendar_items()
    except Exception as error:
        _warn(parent, error)
        return 0
    have = {i.key for i in charter.board.items if i.key}
    org = charter.organisation
    groups = [
        PickGroup(
            "item",
            _t("Calendar items"),
            [
                PickEntry(e.key, e.label, e.what, e.key in have, applies(e.applies_when, org))
                for e in entries
            ],
        )
    ]
    intro = _t("Tick the reports and reviews the board should receive.")
    chosen = {key for _g, key in _ask(parent, _t("Add calendar items"), intro, groups)}
    added = 0
    for e in entries:
        if e.key in chosen and e.key not in have:
            charter.board.items.append(
                report_item_from_catalogue(e, charter.incidents.tabletop_months)
            )
            added += 1
    return added
