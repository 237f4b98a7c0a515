"""The Errors tab: the tool's technical error log. Add an error (the day, the teacher if any,
what happened, the minutes of instruction lost), mark it resolved or not, delete it; each
with undo. An unresolved error that cost time puts the tool up for review now."""

import uuid

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import CoachbookError
from app.services.errors import ValidationError
from app.services.pilots.pilot_log import MAX_MINUTES_LOST
from app.services.tools import ToolRow
from app.services.tools.record import (
    ToolErrorRow,
    delete_error,
    log_error,
    restore_error,
    set_error_resolved,
    tool_errors,
)
from app.text import full_date, month_day
from app.views.common import dialogs
from app.views.common.context import ScreenContext, TakesContext
from app.views.common.deleting import delete_op
from app.views.common.operations import UndoSteps, write_op, wrote
from app.views.common.style import set_role
from app.views.common.table_model import Column, RowsTableModel
from app.views.common.widgets import (
    DayDateEdit,
    muted,
    rows_table,
    select_data,
    widget_shortcut,
)
from app.views.cycles.start_dialog import to_qdate
from app.views.pilots.number_fields import CountBox

TEACHER_WIDTH = 140
# The table shows the Teacher column once it leaves the description this much room.
WHAT_ROOM = 220


def minutes_text(minutes: int) -> str:
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def error_text(row: ToolErrorRow) -> str:
    """The chosen error in full, below the table (which leaves the teacher out when narrow)."""
    who = f" · {row.teacher_name}" if row.teacher_name else ""
    state = "resolved" if row.resolved else "unresolved"
    return (
        f"{full_date(row.logged_on)}{who} · {minutes_text(row.minutes_lost)} lost · {state}\n"
        f"{row.description}"
    )


class ErrorsTableModel(RowsTableModel):
    COLUMNS = (
        Column("Date", lambda r: month_day(r.logged_on), sort_key=lambda r: r.logged_on),
        Column("Min lost", lambda r: str(r.minutes_lost), number=True),
        Column("Resolved", lambda r: "Yes" if r.resolved else "No"),
        Column("Teacher", lambda r: r.teacher_name or "—"),
        Column("What", lambda r: r.description.replace("\n", " "), tooltip=error_text),
    )


DAY, LOST, RESOLVED, TEACHER, WHAT = range(len(ErrorsTableModel.COLUMNS))


def totals_text(errors: list[ToolErrorRow]) -> str:
    if not errors:
        return "No technical error logged."
    unresolved = [e for e in errors if not e.resolved]
    lost = sum(e.minutes_lost for e in unresolved)
    logged = f"{len(errors)} error{'s' if len(errors) != 1 else ''} logged"
    return f"{logged}, {len(unresolved)} unresolved; {minutes_text(lost)} lost to unresolved ones."


class ErrorsTab(TakesContext, QWidget):
    sig_changed = Signal(str)

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(parent)
        self._take_context(context)
        self._row: ToolRow | None = None
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        self.day = DayDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("MMM d, yyyy")
        self.teacher = QComboBox()
        self.teacher.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.teacher.setMinimumContentsLength(8)
        self.lost = CountBox(0, MAX_MINUTES_LOST)
        self.lost.setSuffix(" min lost")
        self.what = QLineEdit()
        self.what.setPlaceholderText("What happened (Enter adds it)")
        self.add_button = QPushButton("Add the error")
        set_role(self.add_button, "primary")
        for widget, name in (
            (self.day, "Day of the error"),
            (self.teacher, "Teacher"),
            (self.lost, "Minutes of instruction lost"),
            (self.what, "What happened"),
        ):
            widget.setAccessibleName(name)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        set_role(self.message, "error")
        self.message.hide()
        entry = QGridLayout()
        # Two columns, and a teacher list that doesn't widen to its longest name, so the
        # tab fits beside the list at 1024 pixels.
        # On a wide screen the short fields keep their size and the description widens.
        entry.addWidget(self.day, 0, 0)
        entry.addWidget(self.teacher, 0, 1)
        entry.addWidget(self.what, 1, 0, 1, 3)
        entry.addWidget(self.lost, 2, 0)
        entry.addWidget(self.add_button, 2, 1)
        entry.setColumnStretch(2, 1)
        self.totals = muted("")
        self.review_note = QLabel("")
        self.review_note.setWordWrap(True)
        set_role(self.review_note, "error")
        self.model = ErrorsTableModel(self)
        self.table = rows_table(self.model, "Technical errors")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((DAY, 64), (LOST, 62), (RESOLVED, 68), (TEACHER, TEACHER_WIDTH)):
            self.table.setColumnWidth(column, width)
        self.table.setMinimumHeight(120)
        self.toggle_button = QPushButton("Mark resolved")
        self.delete_button = QPushButton("Delete the error")
        self.delete_button.setToolTip("Delete the chosen error (Delete); Ctrl+Z brings it back")
        buttons = QHBoxLayout()
        buttons.addWidget(self.toggle_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(entry)
        layout.addWidget(self.message)
        layout.addWidget(self.totals)
        layout.addWidget(self.review_note)
        self.chosen = muted("")
        self.chosen.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.chosen)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.add_error)
        self.what.returnPressed.connect(self.add_error)
        self.toggle_button.clicked.connect(self._on_toggle_resolved)
        self.delete_button.clicked.connect(self._on_delete)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        widget_shortcut(QKeySequence.StandardKey.Delete, self.table, self._on_delete)
        self.table.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            short = sum(self.table.columnWidth(c) for c in (DAY, LOST, RESOLVED))
            narrow = event.size().width() < short + TEACHER_WIDTH + WHAT_ROOM
            self.table.setColumnHidden(TEACHER, narrow)
            if not narrow:
                self.table.setColumnWidth(TEACHER, TEACHER_WIDTH)
        return super().eventFilter(watched, event)

    def show_tool(self, row: ToolRow | None) -> None:
        first = self._row is None or row is None or self._row.id != row.id
        self._row = row
        if row is None:
            self.model.set_rows([])
            self._update_buttons()
            return
        if first:
            self.day.setMaximumDate(to_qdate(self._today()))
            self.day.setDate(to_qdate(self._today()))
            self.what.clear()
            self.lost.setValue(0)
            self._show_message("")
        chosen = self.teacher.currentData()
        self.teacher.clear()
        self.teacher.addItem("No teacher", None)
        for teacher in row.teachers:
            self.teacher.addItem(teacher.name, teacher.id)
        if not first:
            select_data(self.teacher, chosen, 0)
        self._refill()

    def _refill(self) -> None:
        selected = self._current()
        try:
            errors = tool_errors(self._store, self._row.id)
        except CoachbookError:
            errors = []  # the tool has just been deleted: the screen clears the view
        self.model.set_rows(errors)
        if selected is not None:
            self._select(selected.id)
        self.totals.setText(totals_text(errors))
        lost = self._row.lost
        self.review_note.setText(
            f"Unresolved errors have cost {minutes_text(lost.minutes)} of instruction: the "
            "tool is up for review now. Mark each resolved once it is fixed."
            if lost.errors and lost.minutes > 0
            else ""
        )
        self.review_note.setVisible(bool(self.review_note.text()))
        self._update_buttons()

    def _select(self, entry_id: uuid.UUID) -> None:
        row = self.model.row_of(entry_id)
        if row >= 0:
            self.table.selectRow(row)

    def _current(self) -> ToolErrorRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        row = self._current()
        self.toggle_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        self.toggle_button.setText("Mark unresolved" if row and row.resolved else "Mark resolved")
        self.chosen.setText(error_text(row) if row else "")
        self.chosen.setVisible(row is not None)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def add_error(self) -> None:
        if self._row is None:
            return
        tool_id, tool = self._row.id, self._row.tool.name
        day, what, minutes = self.day.date().toPython(), self.what.text(), self.lost.value()
        teacher_id = self.teacher.currentData()
        try:
            entry_id = log_error(self._store, tool_id, day, what, minutes, teacher_id)
        except ValidationError as exc:
            self._show_message(" ".join(exc.errors.values()))
            return
        except CoachbookError as exc:
            dialogs.show_error(self, "The error was not added", str(exc))
            return
        self._show_message("")
        self.what.clear()
        self.lost.setValue(0)
        self.what.setFocus()
        cost = f" ({minutes_text(minutes)} lost)" if minutes else ""
        wrote(
            self._context,
            self,
            status=f"Logged an error with {tool}{cost}.",
            undo=UndoSteps(
                f"Log an error with {tool}",
                undo=lambda: delete_error(self._store, entry_id, self._now()),
                redo=lambda: restore_error(self._store, entry_id),
            ),
            done=self.sig_changed.emit,
        )

    def _on_toggle_resolved(self) -> None:
        row = self._current()
        if row is None:
            return
        resolved = not row.resolved
        words = "resolved" if resolved else "unresolved"
        write_op(
            self._context,
            self,
            write=lambda: set_error_resolved(self._store, row.id, resolved),
            failure="Not saved",
            status=f"Marked the error of {full_date(row.logged_on)} {words}.",
            undo=UndoSteps(
                f"Mark the error {words}",
                undo=lambda: set_error_resolved(self._store, row.id, row.resolved),
                redo=lambda: set_error_resolved(self._store, row.id, resolved),
            ),
            done=self.sig_changed.emit,
        )

    def _on_delete(self) -> None:
        row = self._current()
        if row is None:
            return
        delete_op(
            self._context,
            self,
            delete=lambda: delete_error(self._store, row.id, self._now()),
            restore=lambda: restore_error(self._store, row.id),
            text="Delete the error",
            status=f"Deleted the error of {full_date(row.logged_on)} (Ctrl+Z brings it back).",
            done=self.sig_changed.emit,
        )
