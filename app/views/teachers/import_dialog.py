"""Roster import preview: the format found, what will be added, updated, left unchanged or
refused, and what was skipped, before anything is written."""

from collections import Counter
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import CoachbookError
from app.services.roster import (
    ImportPlan,
    ImportResult,
    RosterError,
    apply_import,
    plan_import,
    read_roster,
    refused_by_line,
)
from app.store import Store
from app.views.common import dialogs
from app.views.common.table_model import RowsTableModel
from app.views.common.widgets import heading, muted

LINE, ACTION, NAME, SCHOOL, GRADES, SUBJECTS, REASON = range(7)
ADD, UPDATE, UNCHANGED, REFUSED = "Added", "Updated", "Unchanged", "Refused"
_COLOURS = {REFUSED: "#c62828", ADD: "#2e7d32", UPDATE: "#1565c0"}
_SHOWN_SCHOOLS = 6
_SHOWN_MISSING = 8


def run_import_preview(parent: QWidget | None, store: Store, path: Path) -> ImportResult | None:
    """Read a roster (CSV, .zip or folder), preview it, import on the coach's word.

    None when the file couldn't be read or the coach cancelled; nothing is written then.
    """
    try:
        plan = plan_import(store, read_roster(path))
    except RosterError as exc:
        dialogs.show_error(parent, "Couldn't read the roster", str(exc))
        return None
    dialog = ImportPreviewDialog(store, path, plan, parent)
    if dialog.exec() and dialog.import_result is not None:
        return dialog.import_result
    return None


class ImportPreviewModel(RowsTableModel):
    """One row per teacher line: its outcome and, when refused, every reason why."""

    HEADERS = ("Line", "Will be", "Name", "School", "Grades", "Subjects", "Details")

    def set_plan(self, plan: ImportPlan) -> None:
        rows = []
        for action, planned in (
            [(ADD, p) for p in plan.to_add]
            + [(UPDATE, p) for p in plan.to_update]
            + [(UNCHANGED, p) for p in plan.unchanged]
        ):
            t = planned.teacher
            details = f"Changes: {', '.join(planned.changes)}." if planned.changes else ""
            rows.append((planned.line, action, t.name, t.school, t.grades, t.subjects, details))
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
            colour = _COLOURS.get(row[ACTION])
            return QBrush(QColor(colour)) if colour else None
        return None


def _sentence(reason: str) -> str:
    """A reason worded to follow "line 4:", as a sentence of its own."""
    return reason[:1].upper() + reason[1:]


def _plural(n: int, what: str) -> str:
    return f"{n:,} {what}{'' if n == 1 else 's'}"


class ImportPreviewDialog(QDialog):
    def __init__(self, store: Store, path: Path, plan: ImportPlan, parent=None):
        super().__init__(parent)
        self._store = store
        self._plan = plan
        self.import_result: ImportResult | None = None
        self.setWindowTitle(f"Import teachers from {path.name}")
        self.resize(900, 560)
        self.model = ImportPreviewModel(self)
        self.model.set_plan(plan)
        self._build_layout(path)
        self._connect_signals()
        self._on_archive_toggled()

    def _build_layout(self, path: Path) -> None:
        plan = self._plan
        roster = plan.roster
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Import {path.name}", 3))
        if roster is not None:
            files = ", ".join(roster.files)
            found = f"Format: {roster.format}, read from {files}"
            if roster.source not in roster.files:
                found += f" in {roster.source}"
            self.format_label = QLabel(f"{found}.")
        else:
            self.format_label = QLabel("")
        self.format_label.setAccessibleName("Roster format")
        self.format_label.setWordWrap(True)
        self.format_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.format_label)

        summary = (
            f"{len(plan.to_add):,} to add · {len(plan.to_update):,} to update · "
            f"{len(plan.unchanged):,} unchanged · {len(refused_by_line(plan)):,} refused"
        )
        self.summary = QLabel(summary)
        self.summary.setAccessibleName("Import summary")
        layout.addWidget(self.summary)

        self.schools = muted(self._schools_text())
        self.schools.setAccessibleName("Schools in the file")
        self.schools.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.schools)
        notes = roster.notes() if roster is not None else []
        self.notes = muted("\n".join(notes))
        self.notes.setAccessibleName("What was skipped")
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setVisible(bool(notes))
        layout.addWidget(self.notes)

        if plan.refused:
            advice = (
                "Nothing will be imported until every row is fixed. Correct the refused "
                "lines in your export or spreadsheet, and import again."
            )
        elif not plan.to_add and not plan.to_update:
            advice = (
                "Every teacher in the file is already in your notebook as the file has them: "
                "there is nothing to change."
            )
        else:
            advice = (
                "Nothing has been written yet. Teachers already in your notebook (the same "
                "district id, else the same email, else the same name at the same school) are "
                "updated, not added twice. A backup is taken first."
            )
        self.advice = muted(advice)
        layout.addWidget(self.advice)

        self.archive_box = QCheckBox(
            f"Archive the {_plural(len(plan.missing), 'teacher')} of your notebook not in this "
            "file (they can be brought back; nothing is deleted)"
        )
        self.archive_box.setAccessibleName("Archive teachers missing from the file")
        self.archive_box.setChecked(False)
        names = [m.name for m in plan.missing[:_SHOWN_MISSING]]
        more = len(plan.missing) - len(names)
        self.missing_label = muted(
            "Not in the file: " + ", ".join(names) + (f" and {more:,} more." if more else ".")
        )
        self.missing_label.setTextFormat(Qt.TextFormat.PlainText)
        for widget in (self.archive_box, self.missing_label):
            widget.setVisible(bool(plan.missing) and plan.ok)
            layout.addWidget(widget)

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
            (ACTION, 86),
            (NAME, 160),
            (SCHOOL, 140),
            (GRADES, 60),
            (SUBJECTS, 110),
        ):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        layout.addWidget(self.buttons)

    def _schools_text(self) -> str:
        plan = self._plan
        counts = Counter(
            p.teacher.school or "no school"
            for p in (*plan.to_add, *plan.to_update, *plan.unchanged)
        )
        if not counts:
            return ""
        shown = [f"{name} ({n:,})" for name, n in counts.most_common(_SHOWN_SCHOOLS)]
        more = len(counts) - len(shown)
        label = "School" if len(counts) == 1 else f"{len(counts):,} schools"
        return f"{label}: " + ", ".join(shown) + (f" and {more:,} more." if more else ".")

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_import)
        self.buttons.rejected.connect(self.reject)
        self.archive_box.toggled.connect(self._on_archive_toggled)
        proxy = self.table.model()
        proxy.layoutChanged.connect(self._fit_reason_rows)
        self.table.horizontalHeader().sectionResized.connect(
            lambda column, _old, _new: column == REASON and self._fit_reason_rows()
        )

    def _on_archive_toggled(self, _checked: bool = False) -> None:
        plan = self._plan
        count = len(plan.to_add) + len(plan.to_update)
        archive = len(plan.missing) if plan.ok and self.archive_box.isChecked() else 0
        if count:
            text = f"Import {_plural(count, 'teacher')}"
            if archive:
                text += f", archive {archive:,}"
        elif archive:
            text = f"Archive {_plural(archive, 'teacher')}"
        else:
            text = "Import"
        self.import_button.setText(text)
        self.import_button.setEnabled(bool(plan.ok and (count or archive)))

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
            if proxy.index(row, ACTION).data() == REFUSED:
                self.table.resizeRowToContents(row)
            elif self.table.rowHeight(row) != one_line:
                self.table.setRowHeight(row, one_line)

    def _on_import(self) -> None:
        try:
            self.import_result = apply_import(
                self._store,
                self._plan,
                archive_missing=self._plan.ok and self.archive_box.isChecked(),
            )
        except CoachbookError as exc:
            dialogs.show_error(self, "Nothing was imported", str(exc))
            return
        self.accept()
