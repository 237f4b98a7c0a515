"""Start an observation (live), type one in from a paper form, or correct a lesson's details."""

import uuid
from collections.abc import Callable
from datetime import date, datetime
from itertools import pairwise

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from app.errors import CoachbookError
from app.services.errors import ValidationError
from app.services.observations import (
    ObservationStart,
    ObservationSummary,
    link_choices,
    paper_plan_problems,
    start_observation,
    update_observation,
)
from app.services.teachers import TeacherRow
from app.store import Store
from app.views.common import dialogs
from app.views.common.style import set_role
from app.views.common.table_model import collation_key
from app.views.common.widgets import DayDateEdit, FieldMessage, heading, muted, select_data
from app.views.cycles.start_dialog import to_qdate

LIVE, PAPER, EDIT = "live", "paper", "edit"
TITLES = {
    LIVE: "Start an observation",
    PAPER: "Type in an observation from paper",
    EDIT: "Lesson details",
}
NOT_COUNTED = "Count at the first sweep"


class ObservationDialog(QDialog):
    def __init__(
        self,
        store: Store,
        teachers: list[TeacherRow],
        today: date,
        now: Callable[[], datetime],
        *,
        mode: str = LIVE,
        interval_minutes: int = 5,
        teacher_id: uuid.UUID | None = None,
        cycle_id: uuid.UUID | None = None,
        session_id: uuid.UUID | None = None,
        existing: ObservationSummary | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self._store = store
        self._now = now
        self._mode = mode
        self._existing = existing
        self._link = (cycle_id, session_id)
        self.observation_id: uuid.UUID | None = existing.observation_id if existing else None
        # From paper: the details, checked; nothing is saved until the sweeps are.
        self.plan: ObservationStart | None = None
        self.setWindowTitle(TITLES[mode])
        self.setMinimumWidth(480)
        if existing is not None:
            teacher_id = existing.teacher_id
            self._link = (existing.cycle_id, existing.session_id)
        self._build_layout(teachers, today, interval_minutes, teacher_id)
        self._connect_signals()
        self._refill_links()
        if existing is not None:
            self._load(existing)
        self.teacher.setFocus()

    def _build_layout(self, teachers, today, interval_minutes, teacher_id) -> None:
        self.teacher = QComboBox()
        self.teacher.setAccessibleName("Teacher")
        self.teacher.setMinimumContentsLength(24)
        self.teacher.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self._names = {row.id: row.name for row in teachers}
        for row in sorted(teachers, key=lambda t: collation_key(t.name)):
            if row.archived and row.id != teacher_id:
                continue
            self.teacher.addItem(f"{row.name} — {row.school}" if row.school else row.name, row.id)
        select_data(self.teacher, teacher_id)
        self.day = DayDateEdit(to_qdate(today))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd MMM d, yyyy")
        self.day.setAccessibleName("Day of the lesson")
        self.period = QLineEdit()
        self.period.setPlaceholderText("e.g. Period 3")
        self.period.setAccessibleName("Period")
        self.lesson = QLineEdit()
        self.lesson.setPlaceholderText("Subject or lesson, e.g. Fractions on a number line")
        self.lesson.setAccessibleName("Subject or lesson")
        self.present = QSpinBox()
        self.present.setRange(0, 200)
        self.present.setSpecialValueText(NOT_COUNTED)
        self.present.setAccessibleName("Students present")
        self.interval = QSpinBox()
        self.interval.setRange(1, 30)
        self.interval.setValue(interval_minutes)
        self.interval.setSuffix(" min")
        self.interval.setAccessibleName("Minutes between sweeps")
        self.technology = QLineEdit()
        self.technology.setPlaceholderText("e.g. Chromebooks with Nearpod")
        self.technology.setAccessibleName("Technology in use")
        self.link = QComboBox()
        self.link.setAccessibleName("Part of a coaching cycle")
        self.messages = {
            key: FieldMessage()
            for key in (
                "teacher_id",
                "students_present",
                "observed_on",
                "interval_minutes",
                "session_id",
            )
        }

        # Students present right after the teacher: the teacher's first letters, Tab, the
        # number, Enter, and the lesson has begun.
        form = QFormLayout()
        form.addRow("&Teacher", self.teacher)
        form.addRow("", self.messages["teacher_id"])
        form.addRow("&Students present", self.present)
        form.addRow("", self.messages["students_present"])
        if self._mode != LIVE:
            form.addRow("&Day", self.day)
            form.addRow("", self.messages["observed_on"])
        form.addRow("&Period", self.period)
        form.addRow("&Lesson", self.lesson)
        form.addRow("Sweep &every", self.interval)
        form.addRow("", self.messages["interval_minutes"])
        form.addRow("T&echnology", self.technology)
        form.addRow("&Cycle", self.link)
        form.addRow("", self.messages["session_id"])
        if self._mode == EDIT and self._existing and self._existing.started_at is not None:
            self.interval.setEnabled(False)
            self.interval.setToolTip("Recorded live: the sweeps were timed at this interval.")

        action = {LIVE: "Start observing", PAPER: "Next: the sweeps", EDIT: "Save"}[self._mode]
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        set_role(self.ok_button, "primary")
        self.ok_button.setEnabled(self.teacher.count() > 0)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(TITLES[self._mode], 3))
        if self.teacher.count() == 0:
            layout.addWidget(muted("Add a teacher first: an observation is always of a teacher."))
        elif self._mode == LIVE:
            layout.addWidget(
                muted(
                    "The clock starts when you press Start. Each sweep and note is saved the "
                    "moment you enter it."
                )
            )
        layout.addLayout(form)
        layout.addStretch()
        layout.addWidget(self.buttons)
        chain = [self.teacher, self.present]
        chain += [self.day] if self._mode != LIVE else []
        chain += [self.period, self.lesson, self.interval, self.technology, self.link]
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)
        # Enter anywhere in the form starts (set once the button is inside the dialog).
        self.ok_button.setDefault(True)

    def _connect_signals(self) -> None:
        self.teacher.currentIndexChanged.connect(self._refill_links)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)

    def _load(self, existing: ObservationSummary) -> None:
        self.day.setDate(to_qdate(existing.observed_on))
        self.period.setText(existing.period)
        self.lesson.setText(existing.lesson)
        self.present.setValue(existing.students_present or 0)
        self.interval.setValue(existing.interval_minutes)
        self.technology.setText(existing.technology)
        self.link.setEnabled(False)
        self.link.setToolTip("Change the link in the observation view.")

    def _refill_links(self, *_args) -> None:
        self.link.clear()
        self.link.addItem("Not part of a cycle", (None, None))
        teacher_id = self.teacher.currentData()
        if teacher_id is None:
            return
        for choice in link_choices(self._store, teacher_id):
            self.link.addItem(choice.label, (choice.cycle_id, choice.session_id))
            if (choice.cycle_id, choice.session_id) == self._link:
                self.link.setCurrentIndex(self.link.count() - 1)

    def teacher_name(self) -> str:
        """The chosen teacher's name, without the school shown beside it."""
        return self._names.get(self.teacher.currentData(), "")

    def current_plan(self) -> ObservationStart:
        cycle_id, session_id = self.link.currentData() or (None, None)
        return ObservationStart(
            teacher_id=self.teacher.currentData(),
            observed_on=self.day.date().toPython(),
            period=self.period.text(),
            lesson=self.lesson.text(),
            students_present=self.present.value() or None,
            interval_minutes=self.interval.value(),
            technology=self.technology.text(),
            cycle_id=cycle_id,
            session_id=session_id,
        )

    def _on_ok(self) -> None:
        if self.teacher.currentData() is None:
            return
        plan = self.current_plan()
        try:
            if self._mode == LIVE:
                self.observation_id = start_observation(self._store, plan, self._now())
            elif self._mode == PAPER:
                problems = paper_plan_problems(plan, self._now())
                if problems:
                    raise ValidationError(problems)
                self.plan = plan
            else:
                update_observation(self._store, self.observation_id, plan)
        except ValidationError as exc:
            for key, message in self.messages.items():
                message.show_message(exc.errors.get(key) or exc.errors.get(key.split("_")[0]))
            return
        except CoachbookError as exc:
            dialogs.show_error(self, "Not saved", str(exc))
            return
        self.accept()
