"""One session of a cycle: done (date, minutes), next steps, and a note (private by default)."""

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
)

from app.errors import CoachbookError
from app.services.cycles import (
    SessionDone,
    SessionRow,
    add_note,
    complete_session,
    reopen_session,
    set_session_next_steps,
)
from app.services.errors import ValidationError
from app.store import Store
from app.text import weekday_day
from app.views.activity.count_box import CountBox
from app.views.common import dialogs
from app.views.common.widgets import DayDateEdit, FieldMessage, heading, muted

SESSION_MINUTES = {"goal_setting": 30, "model_lesson": 50, "co_teach": 50, "debrief": 30}


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class SessionDialog(QDialog):
    def __init__(
        self, store: Store, session: SessionRow, teacher_name: str, today: date, parent=None
    ):
        super().__init__(parent)
        self._store = store
        self._session = session
        self._today = today
        self.setWindowTitle(f"{session.label} with {teacher_name}")
        self.setMinimumWidth(480)
        self._build_layout(today)
        self._connect_signals()

    def _build_layout(self, today: date) -> None:
        s = self._session
        self.done_check = QCheckBox("Done")
        self.done_check.setChecked(s.done_on is not None)
        self.done_check.setAccessibleName("Session done")
        self.done_on = DayDateEdit(to_qdate(s.done_on or min(today, max(s.scheduled_date, today))))
        self.done_on.setCalendarPopup(True)
        self.done_on.setDisplayFormat("ddd MMM d, yyyy")
        self.done_on.setAccessibleName("Done on")
        self.minutes = CountBox(600, floor=1)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(s.duration_minutes or SESSION_MINUTES.get(s.kind, 45))
        self.minutes.setAccessibleName("Duration in minutes")
        self.next_steps = QPlainTextEdit(s.next_steps)
        self.next_steps.setTabChangesFocus(True)
        self.next_steps.setFixedHeight(64)
        self.next_steps.setAccessibleName("Next steps")
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("What you saw, what was agreed…")
        self.note.setAccessibleName("New note")
        self.shareable = QCheckBox("Shareable: may appear in a report for the principal")
        self.shareable.setAccessibleName("Note is shareable")
        self.message = FieldMessage()
        when = weekday_day(s.scheduled_date)
        where = ", ".join(part for part in (s.period, s.room) if part)
        form = QFormLayout()
        form.addRow("", self.done_check)
        form.addRow("Done &on", self.done_on)
        form.addRow("&Duration", self.minutes)
        form.addRow("", self.message)
        form.addRow("&Next steps", self.next_steps)
        form.addRow("N&ote", self.note)
        form.addRow("", self.shareable)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading(s.label, 3))
        layout.addWidget(muted(f"Scheduled {when}" + (f" · {where}" if where else "")))
        layout.addLayout(form)
        layout.addWidget(
            muted(
                "Notes are private unless marked shareable. Private notes never "
                "appear in a report meant for a principal."
            )
        )
        layout.addWidget(self.buttons)
        self._on_done_toggled(self.done_check.isChecked())

    def _connect_signals(self) -> None:
        self.done_check.toggled.connect(self._on_done_toggled)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

    def _on_done_toggled(self, checked: bool) -> None:
        self.done_on.setEnabled(checked)
        self.minutes.setEnabled(checked)

    def _on_save(self) -> None:
        s = self._session
        try:
            if self.done_check.isChecked():
                complete_session(
                    self._store,
                    s.id,
                    SessionDone(
                        done_on=self.done_on.date().toPython(),
                        duration_minutes=self.minutes.value(),
                        next_steps=self.next_steps.toPlainText(),
                    ),
                    today=self._today,
                )
            else:
                if s.done_on is not None:
                    reopen_session(self._store, s.id)
                set_session_next_steps(self._store, s.id, self.next_steps.toPlainText())
            if self.note.toPlainText().strip():
                add_note(
                    self._store,
                    self.note.toPlainText(),
                    cycle_id=s.cycle_id,
                    session_id=s.id,
                    is_private=not self.shareable.isChecked(),
                )
        except ValidationError as exc:
            self.message.show_message(str(exc))
            return
        except CoachbookError as exc:
            dialogs.show_error(self, "Not saved", str(exc))
            return
        self.accept()
