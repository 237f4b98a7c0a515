"""The Log tab: quick entry of technical errors and notes, filters, and totals per week."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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
from app.models import LogKind
from app.models.pilots import SEVERITY_LABELS
from app.services.errors import ValidationError
from app.services.pilots import (
    LOG_KIND_LABELS,
    LogEntryForm,
    LogRow,
    PilotDetail,
    add_log_entry,
    delete_log_entry,
    restore_log_entry,
    set_log_resolved,
)
from app.services.pilots.pilot_log import MAX_MINUTES_LOST
from app.text import month_day
from app.views.common import dialogs
from app.views.common.context import ScreenContext, TakesContext
from app.views.common.deleting import delete_op
from app.views.common.operations import write_op
from app.views.common.style import set_role
from app.views.common.table_model import Column, RowsTableModel
from app.views.common.widgets import DayDateEdit, muted, rows_table
from app.views.cycles.start_dialog import to_qdate
from app.views.pilots.number_fields import CountBox

ANY = ""


def resolved_text(row: LogRow) -> str:
    """Only a technical error is resolved or not."""
    if row.kind != LogKind.TECHNICAL_ERROR:
        return ""
    return "Yes" if row.resolved else "No"


class LogTableModel(RowsTableModel):
    COLUMNS = (
        Column("Date", lambda r: month_day(r.logged_on)),
        Column("Week", lambda r: "" if r.week is None else str(r.week), number=True),
        Column("Teacher", lambda r: r.teacher_name + (f" · {r.period}" if r.period else "")),
        Column("Kind", lambda r: r.kind_label),
        Column(
            "Severity",
            lambda r: r.severity_label.split(":")[0] if r.severity_label else "",
            tooltip=lambda r: r.severity_label,
        ),
        Column("Min lost", lambda r: str(r.minutes_lost) if r.minutes_lost else "", number=True),
        Column("Resolved", resolved_text),
        Column("What", lambda r: r.description.replace("\n", " "), tooltip=lambda r: r.description),
    )


DAY, WEEK, TEACHER, KIND, SEVERITY, LOST, RESOLVED, WHAT = range(len(LogTableModel.COLUMNS))


class LogTab(TakesContext, QWidget):
    sig_changed = Signal(str)

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(parent)
        self._take_context(context)
        self._detail: PilotDetail | None = None
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        self.day = DayDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("MMM d, yyyy")
        self.period = QLineEdit()
        self.period.setPlaceholderText("Period")
        self.teacher = QComboBox()
        self.kind = QComboBox()
        for kind, label in LOG_KIND_LABELS.items():
            self.kind.addItem(label, kind.value)
        self.severity = QComboBox()
        self.severity.addItem("Severity", None)
        for level, label in SEVERITY_LABELS.items():
            self.severity.addItem(label, level)
        self.lost = CountBox(0, MAX_MINUTES_LOST)
        self.lost.setSuffix(" min lost")
        self.resolved = QCheckBox("Resolved")
        self.what = QLineEdit()
        self.what.setPlaceholderText("What happened (Enter adds it)")
        self.add_button = QPushButton("Add to the log")
        set_role(self.add_button, "primary")
        for widget, name in (
            (self.day, "Date"),
            (self.period, "Period"),
            (self.teacher, "Teacher"),
            (self.kind, "Kind of entry"),
            (self.severity, "Severity"),
            (self.lost, "Minutes of instruction lost"),
            (self.what, "What happened"),
        ):
            widget.setAccessibleName(name)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        set_role(self.message, "error")
        # Three columns, and combo boxes that don't widen to their longest item, so the tab
        # fits beside the pilots list at 1024 pixels.
        for combo in (self.teacher, self.kind, self.severity):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
        entry = QGridLayout()
        entry.addWidget(self.day, 0, 0)
        entry.addWidget(self.period, 0, 1)
        entry.addWidget(self.teacher, 0, 2)
        entry.addWidget(self.kind, 1, 0)
        entry.addWidget(self.severity, 1, 1, 1, 2)
        entry.addWidget(self.lost, 2, 0)
        entry.addWidget(self.resolved, 2, 1)
        entry.addWidget(self.what, 3, 0, 1, 2)
        entry.addWidget(self.add_button, 3, 2)

        self.filter_kind = QComboBox()
        self.filter_kind.addItem("Every kind", ANY)
        for kind, label in LOG_KIND_LABELS.items():
            self.filter_kind.addItem(label, kind.value)
        self.filter_teacher = QComboBox()
        for combo in (self.filter_kind, self.filter_teacher):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
        self.unresolved = QCheckBox("Unresolved only")
        self.unresolved.setToolTip("Show only technical errors not yet resolved")
        self.unresolved.setAccessibleName("Unresolved errors only")
        self.filter_kind.setAccessibleName("Show kind")
        self.filter_teacher.setAccessibleName("Show teacher")
        filters = QHBoxLayout()
        filters.addWidget(self.filter_kind)
        filters.addWidget(self.filter_teacher)
        filters.addWidget(self.unresolved)
        filters.addStretch()
        self.model = LogTableModel(self)
        self.table = rows_table(self.model, "Pilot log")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (DAY, 60),
            (WEEK, 46),
            (TEACHER, 112),
            (KIND, 96),
            (SEVERITY, 64),
            (LOST, 62),
            (RESOLVED, 68),
        ):
            self.table.setColumnWidth(column, width)
        self.toggle_button = QPushButton("Mark resolved")
        self.delete_button = QPushButton("Delete entry")
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.toggle_button)
        row_buttons.addWidget(self.delete_button)
        row_buttons.addStretch()
        self.totals = muted("")
        self.weeks = muted("")
        layout = QVBoxLayout(self)
        layout.addLayout(entry)
        layout.addWidget(self.message)
        layout.addWidget(self.totals)
        layout.addWidget(self.weeks)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_buttons)

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.add_entry)
        self.what.returnPressed.connect(self.add_entry)
        self.kind.currentIndexChanged.connect(lambda _i: self._show_error_fields())
        for combo in (self.filter_kind, self.filter_teacher):
            combo.currentIndexChanged.connect(lambda _i: self._refilter())
        self.unresolved.toggled.connect(lambda _on: self._refilter())
        self.toggle_button.clicked.connect(self._on_toggle_resolved)
        self.delete_button.clicked.connect(self._on_delete)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())

    def show_pilot(self, detail: PilotDetail) -> None:
        first = self._detail is None or self._detail.row.id != detail.row.id
        self._detail = detail
        if first:
            self.day.setDate(to_qdate(self._today()))
            for combo, label in ((self.teacher, "No teacher"), (self.filter_teacher, "Everyone")):
                combo.blockSignals(True)
                combo.clear()
                combo.addItem(label, None)
                for teacher in detail.teachers:
                    combo.addItem(teacher.name, teacher.id)
                combo.blockSignals(False)
        totals = detail.log_totals
        self.totals.setText(
            f"{totals.errors} technical error{'s' if totals.errors != 1 else ''} "
            f"({totals.unresolved} unresolved), {totals.minutes_lost} minutes of instruction "
            f"lost, {totals.entries} entries in all."
        )
        self.weeks.setText(
            "   ".join(
                f"Week {w.week}: {w.errors} error{'s' if w.errors != 1 else ''}, "
                f"{w.minutes_lost} min"
                for w in totals.weeks
            )
        )
        self._show_error_fields()
        self._refilter()

    def _refilter(self) -> None:
        if self._detail is None:
            return
        kind = self.filter_kind.currentData() or None
        teacher = self.filter_teacher.currentData()
        rows = [
            r
            for r in self._detail.log
            if (kind is None or r.kind == kind)
            and (teacher is None or r.teacher_id == teacher)
            and (not self.unresolved.isChecked() or r.unresolved_error)
        ]
        self.model.set_rows(rows)
        self._update_buttons()

    def _show_error_fields(self) -> None:
        error = self.kind.currentData() == LogKind.TECHNICAL_ERROR
        self.severity.setEnabled(error)
        self.resolved.setEnabled(error)

    def _current(self) -> LogRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        row = self._current()
        self.delete_button.setEnabled(row is not None)
        is_error = row is not None and row.kind == LogKind.TECHNICAL_ERROR
        self.toggle_button.setEnabled(is_error)
        self.toggle_button.setText(
            "Mark unresolved" if is_error and row.resolved else "Mark resolved"
        )

    def add_entry(self) -> None:
        if self._detail is None:
            return
        form = LogEntryForm(
            logged_on=self.day.date().toPython(),
            kind=self.kind.currentData(),
            description=self.what.text(),
            period=self.period.text(),
            teacher_id=self.teacher.currentData(),
            severity=self.severity.currentData(),
            minutes_lost=self.lost.value(),
            resolved=self.resolved.isChecked(),
        )
        try:
            add_log_entry(self._store, self._detail.row.id, form)
        except ValidationError as exc:
            self.message.setText(str(exc))
            return
        except CoachbookError as exc:
            dialogs.show_error(self, "Not added", str(exc))
            return
        self.message.setText("")
        self.what.clear()
        self.lost.setValue(0)
        self.resolved.setChecked(False)
        self.what.setFocus()
        self.sig_changed.emit("Added to the pilot log.")

    def _on_toggle_resolved(self) -> None:
        row = self._current()
        if row is None:
            return
        write_op(
            self._context,
            self,
            write=lambda: set_log_resolved(self._store, row.id, not row.resolved),
            failure="Not saved",
            status="Marked resolved." if not row.resolved else "Marked unresolved.",
            done=self.sig_changed.emit,
        )

    def _on_delete(self) -> None:
        row = self._current()
        if row is None:
            return
        delete_op(
            self._context,
            self,
            delete=lambda: delete_log_entry(self._store, row.id, self._now()),
            restore=lambda: restore_log_entry(self._store, row.id),
            text="Delete the log entry",
            status="Deleted the log entry (Ctrl+Z brings it back).",
            done=self.sig_changed.emit,
        )
