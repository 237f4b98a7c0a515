"""Roster import preview: what will be added, updated or refused, before anything is written."""

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from app.services.roster import (
    ImportPlan,
    ImportResult,
    RosterRejected,
    RowProblem,
    apply_import,
)
from app.store import Store, StoreError
from app.views import dialogs
from app.views.table_model import RowsTableModel
from app.views.widgets import heading, muted

LINE, ACTION, NAME, SCHOOL, GRADES, SUBJECTS, REASON = range(7)
ADD, UPDATE, REFUSED = "Added", "Updated", "Refused"


class ImportPreviewModel(RowsTableModel):
    """One row per CSV line: its outcome and, when refused, every reason why."""

    HEADERS = ("Line", "Will be", "Name", "School", "Grades", "Subjects", "Reason")

    def set_plan(self, plan: ImportPlan) -> None:
        rows = []
        for action, planned in [(ADD, p) for p in plan.to_add] + [
            (UPDATE, p) for p in plan.to_update
        ]:
            t = planned.teacher
            rows.append((planned.line, action, t.name, t.school, t.grades, t.subjects, ""))
        for line, problems in refused_by_line(plan).items():
            reasons = " ".join(_sentence(p.reason) for p in problems)
            rows.append((line, REFUSED, problems[0].name, "", "", "", reasons))
        self.set_rows(sorted(rows, key=lambda r: r[LINE]))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = row[index.column()]
            return str(value) if index.column() == LINE else value
        if role == Qt.ItemDataRole.UserRole:
            return row[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and row[REASON]:
            return row[REASON]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == ACTION:
            colour = {REFUSED: "#c62828", ADD: "#2e7d32", UPDATE: "#1565c0"}[row[ACTION]]
            return QBrush(QColor(colour))
        return None


def refused_by_line(plan: ImportPlan) -> dict[int, list[RowProblem]]:
    """Each refused row's problems, by its line: a row with two problems is one row."""
    by_line: dict[int, list[RowProblem]] = {}
    for problem in plan.refused:
        by_line.setdefault(problem.line, []).append(problem)
    return by_line


def _sentence(reason: str) -> str:
    """A reason worded to follow "line 4:", as a sentence of its own."""
    return reason[:1].upper() + reason[1:]


class ImportPreviewDialog(QDialog):
    def __init__(self, store: Store, path: Path, plan: ImportPlan, parent=None):
        super().__init__(parent)
        self._store = store
        self._plan = plan
        self.import_result: ImportResult | None = None
        self.setWindowTitle(f"Import teachers from {path.name}")
        self.resize(860, 520)
        self.model = ImportPreviewModel(self)
        self.model.set_plan(plan)
        self._build_layout(path)
        self._connect_signals()

    def _build_layout(self, path: Path) -> None:
        plan = self._plan
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Import {path.name}", 3))
        summary = (
            f"{len(plan.to_add)} to add · {len(plan.to_update)} to update · "
            f"{len(refused_by_line(plan))} refused"
        )
        self.summary = QLabel(summary)
        self.summary.setAccessibleName("Import summary")
        layout.addWidget(self.summary)
        if plan.refused:
            advice = (
                "Nothing will be imported until every row is fixed. Correct the refused "
                "lines in your spreadsheet, save it as CSV again and re-import."
            )
        else:
            advice = (
                "Nothing has been written yet. Teachers already in your notebook (same name "
                "at the same school) are updated, not added twice. A backup is taken first."
            )
        self.advice = muted(advice)
        layout.addWidget(self.advice)

        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView()
        self.table.setModel(proxy)
        self.table.setAccessibleName("Import preview")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(LINE, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        # Reasons wrap (never cut); every other column is one short line.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in (
            (LINE, 50),
            (ACTION, 80),
            (NAME, 160),
            (SCHOOL, 140),
            (GRADES, 60),
            (SUBJECTS, 110),
        ):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        count = len(plan.to_add) + len(plan.to_update)
        self.import_button = self.buttons.addButton(
            f"Import {count} teacher{'s' if count != 1 else ''}",
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.import_button.setEnabled(bool(plan.ok and count))
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_import)
        self.buttons.rejected.connect(self.reject)
        proxy = self.table.model()
        proxy.layoutChanged.connect(self._fit_reason_rows)
        self.table.horizontalHeader().sectionResized.connect(
            lambda column, _old, _new: column == REASON and self._fit_reason_rows()
        )

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_reason_rows()

    def _fit_reason_rows(self) -> None:
        """Refused rows as tall as their wrapped reasons; the others one line.

        Only refused rows are measured: sizing all rows to contents takes seconds for a
        roster of thousands.
        """
        proxy = self.table.model()
        one_line = self.table.verticalHeader().defaultSectionSize()
        for row in range(proxy.rowCount()):
            if proxy.index(row, REASON).data():
                self.table.resizeRowToContents(row)
            elif self.table.rowHeight(row) != one_line:
                self.table.setRowHeight(row, one_line)

    def _on_import(self) -> None:
        try:
            self.import_result = apply_import(self._store, self._plan)
        except (RosterRejected, StoreError) as exc:
            dialogs.show_error(self, "Nothing was imported", str(exc))
            return
        self.accept()
