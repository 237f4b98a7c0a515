"""Move a cycle session to another day, period and room (Today and the cycle view share it)."""

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
)

from app.services.calendar import on_school_day
from app.text import weekday_day, weekday_name
from app.views.common.widgets import DayDateEdit, heading, muted


def default_date(current_date: date, today: date) -> date:
    """A session still ahead keeps its day; one already due goes to the next school day."""
    if current_date > today:
        return current_date
    return on_school_day(today + timedelta(days=1))


def date_hint(chosen: date, today: date) -> str:
    """A gentle word when the day chosen is unusual; empty when it is an ordinary school day."""
    if chosen < today:
        return "That day has passed, so the session will still show as overdue."
    if chosen.weekday() >= 5:
        return f"That's a {weekday_name(chosen)}. Sessions usually fall on school days."
    return ""


class RescheduleDialog(QDialog):
    """Asks for a new date, period and room; sets `chosen_*` when the coach presses Move."""

    def __init__(
        self, title: str, current_date: date, period: str, room: str, today: date, parent=None
    ):
        super().__init__(parent)
        self._today = today
        self.chosen_date: date | None = None
        self.chosen_period = period
        self.chosen_room = room
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self._build_layout(title, current_date, period, room)
        self._connect_signals()
        self._on_date_changed()

    def _build_layout(self, title: str, current_date: date, period: str, room: str) -> None:
        start = default_date(current_date, self._today)
        self.date_edit = DayDateEdit(QDate(start.year, start.month, start.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd MMM d, yyyy")
        self.date_edit.setAccessibleName("New date")
        self.period_edit = QLineEdit(period)
        self.period_edit.setPlaceholderText("e.g. Period 3")
        self.period_edit.setAccessibleName("Period")
        self.room_edit = QLineEdit(room)
        self.room_edit.setPlaceholderText("e.g. 204")
        self.room_edit.setAccessibleName("Room")
        self.hint = muted("")
        self.hint.setAccessibleName("Date note")

        self.form = form = QFormLayout()
        form.addRow("&Date", self.date_edit)
        form.addRow("", self.hint)
        form.addRow("&Period", self.period_edit)
        form.addRow("&Room", self.room_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        move = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        move.setText("Move")
        move.setAccessibleName("Move the session")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")

        was = " · ".join(part for part in (weekday_day(current_date), period, room) if part)
        title_label = heading(title, 3)
        title_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label)
        layout.addWidget(muted(f"Scheduled for {was}"))
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.date_edit.dateChanged.connect(self._on_date_changed)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)

    def _on_date_changed(self, *_args) -> None:
        text = date_hint(self.date_edit.date().toPython(), self._today)
        self.hint.setText(text)
        self.form.setRowVisible(self.hint, bool(text))

    def _on_accept(self) -> None:
        self.chosen_date = self.date_edit.date().toPython()
        self.chosen_period = self.period_edit.text().strip()
        self.chosen_room = self.room_edit.text().strip()
        self.accept()
