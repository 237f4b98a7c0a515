"""The sweep table: type in a paper form, or correct sweeps afterwards, all saved at once.

The same rules as the live recorder (on task never above present); a wrong row turns red
with its reason, and nothing is saved until every row is right.
"""

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
)

from app.errors import CoachbookError
from app.models.observations import interval_pct
from app.services.errors import ValidationError
from app.services.observations import (
    FORMAT_LABELS,
    MAX_STUDENTS,
    ObservationStart,
    SweepEdit,
    SweepInput,
    SweepRow,
    add_paper_observation,
    correct_sweeps,
)
from app.store import Store
from app.text import percent
from app.views.common import dialogs
from app.views.common.style import COLOURS, is_dark, set_role
from app.views.common.table_model import AnyIndex, RowsTableModel
from app.views.common.widgets import heading, muted, select_data
from app.views.observations.live_models import format_label

MINUTE, ON_TASK, PRESENT, PCT, FORMAT, NOTE = range(6)
FIELDS = {MINUTE: "minute", ON_TASK: "on_task", PRESENT: "present", FORMAT: "activity_format"}


class SweepEditModel(RowsTableModel):
    HEADERS = ("Minute", "On task", "Present", "%", "Format", "Note")
    # A typed value the table can't take: said in words, never dropped silently.
    sig_edit_refused = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.problems: dict[int, str] = {}

    def flags(self, index: AnyIndex):
        flags = super().flags(index)
        if index.isValid() and index.column() != PCT:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row: SweepEdit = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == PCT:
                return percent(interval_pct(row.on_task, row.present))
            if column == FORMAT:
                return (
                    format_label(row.activity_format)
                    if role == Qt.ItemDataRole.DisplayRole
                    else (row.activity_format or "")
                )
            value = (row.minute, row.on_task, row.present, None, None, row.note)[column]
            return value
        problem = self.problems.get(index.row()) or self._own_problem(row)
        if role == Qt.ItemDataRole.BackgroundRole and problem:
            colour = QColor(COLOURS[is_dark()]["error"])
            colour.setAlpha(60)
            return colour
        if role == Qt.ItemDataRole.ToolTipRole and problem:
            return problem
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (MINUTE, ON_TASK, PRESENT, PCT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _refusal(self, column: int, text: str) -> str | None:
        what = self.HEADERS[column]
        try:
            number = int(text)
        except ValueError:
            return f"{what} takes a whole number, such as 20; “{text}” was not saved."
        if number < 0:
            return f"{what} can't be below zero: type {abs(number)}, not {number}."
        highest = 24 * 60 if column == MINUTE else MAX_STUDENTS
        if number > highest:
            return f"{what} can't be more than {highest}; “{text}” was not saved."
        return None

    @staticmethod
    def _own_problem(row: SweepEdit) -> str | None:
        if row.on_task > row.present:
            return f"On task ({row.on_task}) can't be more than present ({row.present})."
        return None

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row: SweepEdit = self._rows[index.row()]
        column = index.column()
        if column in (MINUTE, ON_TASK, PRESENT):
            refusal = self._refusal(column, str(value).strip())
            if refusal:
                self.problems[index.row()] = refusal
                self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), NOTE))
                self.sig_edit_refused.emit(refusal)
                return False
            self._rows[index.row()] = replace(row, **{FIELDS[column]: int(str(value).strip())})
        elif column == FORMAT:
            self._rows[index.row()] = replace(row, activity_format=value or None)
        elif column == NOTE:
            self._rows[index.row()] = replace(row, note=str(value))
        else:
            return False
        self.problems.pop(index.row(), None)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), NOTE))
        return True

    def add_row(self, interval: int, present: int = 0) -> int:
        """A new row after the last; `present` is the first row's count of students."""
        last = self._rows[-1] if self._rows else None
        row = SweepEdit(
            id=None,
            minute=0 if last is None else last.minute + interval,
            on_task=0,
            present=present if last is None else last.present,
            activity_format=None if last is None else last.activity_format,
        )
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(row)
        self.endInsertRows()
        return len(self._rows) - 1

    def remove_row(self, number: int) -> None:
        self.beginRemoveRows(QModelIndex(), number, number)
        del self._rows[number]
        self.endRemoveRows()
        self.problems = {}

    def rows(self) -> list[SweepEdit]:
        return list(self._rows)


class FormatDelegate(QStyledItemDelegate):
    def createEditor(self, parent, _option, _index):
        combo = QComboBox(parent)
        combo.addItem("—", "")
        for fmt, label in FORMAT_LABELS.items():
            combo.addItem(label, fmt.value)
        return combo

    def setEditorData(self, editor: QComboBox, index) -> None:
        select_data(editor, index.data(Qt.ItemDataRole.EditRole) or "", fallback=0)

    def setModelData(self, editor: QComboBox, model, index) -> None:
        model.setData(index, editor.currentData())


class SweepEditorDialog(QDialog):
    """The sweeps of an observation; with `plan` (and no id), a paper form's lesson that
    is saved, with its sweeps, only when the coach saves them."""

    def __init__(
        self,
        store: Store,
        observation_id: uuid.UUID | None,
        title: str,
        sweeps: list[SweepRow],
        interval_minutes: int,
        now: Callable[[], datetime],
        parent=None,
        plan: ObservationStart | None = None,
    ):
        super().__init__(parent)
        self._store = store
        self.observation_id = observation_id
        self._plan = plan
        self._interval = interval_minutes
        self._first_present = (plan.students_present or 0) if plan else 0
        self._now = now
        self.saved: list[SweepRow] | None = None
        self.setWindowTitle("Sweeps")
        self.resize(720, 520)
        self.model = SweepEditModel(self)
        self.model.set_rows(
            SweepEdit(s.id, s.minute, s.on_task, s.present, s.activity_format, s.note)
            for s in sweeps
        )
        self._build_layout(title)
        self._connect_signals()
        if not sweeps:
            self.add_row()

    def _build_layout(self, title: str) -> None:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Sweeps")
        self.table.setItemDelegateForColumn(FORMAT, FormatDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.verticalHeader().setVisible(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton("Add a sweep")
        self.add_button.setToolTip("Add a row (Ctrl+Return)")
        self.remove_button = QPushButton("Remove sweep")
        self.remove_button.setToolTip("Remove the selected row (Ctrl+Delete)")
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.message, "error")
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.add_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(
            "Save sweeps", QDialogButtonBox.ButtonRole.AcceptRole
        )
        set_role(self.save_button, "primary")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, 2))
        layout.addWidget(
            muted(
                "One row per sweep: the minute into the lesson, how many students were on task "
                "and how many were present. Type over a cell to change it; rows are kept in "
                "minute order when saved."
            )
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(row_buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.add_row)
        QShortcut(QKeySequence("Ctrl+Delete"), self, activated=self.remove_row)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self.model.sig_edit_refused.connect(self.message.setText)

    def add_row(self) -> None:
        number = self.model.add_row(self._interval, self._first_present)
        index = self.model.index(number, ON_TASK)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self.table.setFocus()

    def remove_row(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.model.remove_row(index.row())

    def _on_save(self) -> None:
        self.table.setFocus()  # commits a cell still being edited
        try:
            if self.observation_id is None:
                self.observation_id = add_paper_observation(
                    self._store,
                    self._plan,
                    [
                        SweepInput(r.on_task, r.present, r.activity_format, r.note, r.minute)
                        for r in self.model.rows()
                    ],
                    self._now(),
                )
            else:
                self.saved = correct_sweeps(
                    self._store, self.observation_id, self.model.rows(), self._now()
                )
        except ValidationError as exc:
            self.model.problems = {}
            for key, text in exc.errors.items():
                parts = key.split(".")
                if len(parts) == 3 and parts[1].isdigit():
                    self.model.problems.setdefault(int(parts[1]), text)
            self.model.layoutChanged.emit()
            shown = list(exc.errors.values())
            more = f" (and {len(shown) - 3} more)" if len(shown) > 3 else ""
            self.message.setText("Nothing saved yet. " + " ".join(shown[:3]) + more)
            return
        except CoachbookError as exc:
            dialogs.show_error(self, "Sweeps not saved", str(exc))
            return
        self.accept()
