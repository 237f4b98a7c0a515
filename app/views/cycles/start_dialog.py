"""Start a cycle: teacher, start date (next Monday), length, focus, and where sessions happen."""

import uuid
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from app.models.cycles import SESSION_LABELS, SESSION_ORDER
from app.services.calendar import next_monday
from app.services.cycles import CycleStart, session_dates, start_cycle
from app.services.teachers import TeacherRow
from app.store import Store
from app.text import weekday_day
from app.views.common.saving import saved, show_field_messages
from app.views.common.style import set_role
from app.views.common.widgets import DayDateEdit, FieldMessage, heading, muted, select_data


def form_label(text: str, buddy) -> QLabel:
    """A form label whose last letter is never cut: the widest label sets the column, and
    at fractional scaling (150%) the text draws wider than the width Qt measures for it."""
    label = QLabel(text)
    label.setBuddy(buddy)
    label.setMinimumWidth(label.sizeHint().width() + label.fontMetrics().averageCharWidth())
    return label


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class StartCycleDialog(QDialog):
    def __init__(
        self,
        store: Store,
        teachers: list[TeacherRow],
        today: date,
        default_weeks: int = 4,
        teacher_id: uuid.UUID | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self._store = store
        self._rooms = {t.id: t.room for t in teachers}
        self.cycle_id: uuid.UUID | None = None
        self.setWindowTitle("Start a coaching cycle")
        self.setMinimumWidth(460)
        self._build_layout(teachers, today, default_weeks, teacher_id)
        self._connect_signals()
        self._on_dates_changed()
        self._on_teacher_changed()

    def _build_layout(self, teachers, today, default_weeks, teacher_id) -> None:
        self.teacher = QComboBox()
        self.teacher.setAccessibleName("Teacher")
        self.teacher.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.teacher.setMinimumContentsLength(24)
        for row in sorted((t for t in teachers if not t.archived), key=lambda t: t.name.casefold()):
            label = f"{row.name} — {row.school}" if row.school else row.name
            self.teacher.addItem(label, row.id)
        select_data(self.teacher, teacher_id)
        self.start = DayDateEdit(to_qdate(next_monday(today)))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("ddd MMM d, yyyy")
        self.start.setAccessibleName("Start date")
        self.weeks = QSpinBox()
        self.weeks.setRange(1, 12)
        self.weeks.setValue(default_weeks)
        self.weeks.setSuffix(" weeks")
        self.weeks.setAccessibleName("Length in weeks")
        self.focus = QLineEdit()
        self.focus.setPlaceholderText("A tool or strategy, e.g. Nearpod virtual labs")
        self.focus.setAccessibleName("Focus")
        self.period = QLineEdit()
        self.period.setPlaceholderText("e.g. Period 3")
        self.period.setAccessibleName("Period")
        self.room = QLineEdit()
        self.room.setAccessibleName("Room")
        self.messages = {"length_weeks": FieldMessage(), "focus": FieldMessage()}
        self.schedule = muted("")
        self.schedule.setAccessibleName("Planned sessions")

        form = QFormLayout()
        form.addRow(form_label("&Teacher", self.teacher), self.teacher)
        form.addRow("&Starts", self.start)
        form.addRow("&Length", self.weeks)
        form.addRow("", self.messages["length_weeks"])
        form.addRow("&Focus", self.focus)
        form.addRow("", self.messages["focus"])
        form.addRow("&Period", self.period)
        form.addRow("&Room", self.room)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = self.buttons.addButton(
            "Start cycle", QDialogButtonBox.ButtonRole.AcceptRole
        )
        set_role(self.start_button, "primary")
        self.start_button.setEnabled(self.teacher.count() > 0)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Start a coaching cycle", 3))
        if self.teacher.count() == 0:
            layout.addWidget(QLabel("Add a teacher first: a cycle is always with a teacher."))
        layout.addLayout(form)
        layout.addWidget(heading("Sessions", 1))
        layout.addWidget(self.schedule)
        layout.addStretch()
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.teacher.currentIndexChanged.connect(self._on_teacher_changed)
        self.start.dateChanged.connect(self._on_dates_changed)
        self.weeks.valueChanged.connect(self._on_dates_changed)
        self.buttons.accepted.connect(self._on_start)
        self.buttons.rejected.connect(self.reject)

    def _on_teacher_changed(self, *_args) -> None:
        """Sessions usually meet in the teacher's room; a room the coach typed stays."""
        if not self.room.isModified():
            self.room.setText(self._rooms.get(self.teacher.currentData(), ""))

    def _on_dates_changed(self, *_args) -> None:
        dates = session_dates(self.start.date().toPython(), self.weeks.value())
        self.schedule.setText(
            "\n".join(
                f"{SESSION_LABELS[kind]}: {weekday_day(day)}"
                for kind, day in zip(SESSION_ORDER, dates, strict=True)
            )
            + "\nA session that falls on a weekend moves to the Monday. Each can be moved later."
        )

    def current_plan(self) -> CycleStart:
        return CycleStart(
            teacher_id=self.teacher.currentData(),
            start_date=self.start.date().toPython(),
            length_weeks=self.weeks.value(),
            focus=self.focus.text(),
            period=self.period.text(),
            room=self.room.text(),
        )

    def _on_start(self) -> None:
        if self.teacher.currentData() is None:
            return
        if saved(self, self._write, invalid=lambda exc: show_field_messages(self.messages, exc)):
            self.accept()

    def _write(self) -> None:
        self.cycle_id = start_cycle(self._store, self.current_plan())
