"""Who or what a document is about: a teacher (and cycle), a lesson, a pilot, a tool or a
school year."""

import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QStackedWidget, QWidget

from app.reports.catalogue import CSV, OBSERVATION, PILOT, PORTFOLIO, TEACHER, TOOL
from app.services.cycles import STATUS_LABELS, list_cycles
from app.services.errors import NotFound
from app.services.observations import list_observations, observation_summary
from app.services.pilots import list_pilots
from app.services.profile import school_calendar
from app.services.teachers import list_teachers
from app.services.tools import list_tools
from app.store import Store
from app.text import full_date, percent
from app.views.common.widgets import muted, select_data


def named(combo: QComboBox, name: str) -> QComboBox:
    combo.setAccessibleName(name)
    combo.setMinimumContentsLength(16)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


class SubjectPicker(QStackedWidget):
    sig_changed = Signal()

    def __init__(self, store: Store, today: Callable[[], date], parent=None):
        super().__init__(parent)
        self._store = store
        self._today = today
        self.teacher = named(QComboBox(), "Teacher")
        self.cycle = named(QComboBox(), "Cycle")
        self.lesson_teacher = named(QComboBox(), "Teacher observed")
        self.lesson = named(QComboBox(), "Lesson")
        self.pilot = named(QComboBox(), "Pilot")
        self.tool = named(QComboBox(), "Tool")
        self.year = named(QComboBox(), "School year")
        self.pages = {
            TEACHER: self._form(("&Teacher", self.teacher), ("C&ycle", self.cycle)),
            OBSERVATION: self._form(("&Teacher", self.lesson_teacher), ("&Lesson", self.lesson)),
            PILOT: self._form(("&Pilot", self.pilot)),
            TOOL: self._form(("T&ool", self.tool)),
            PORTFOLIO: self._form(("School &year", self.year)),
            CSV: muted("Every table, as it is now."),
        }
        for page in self.pages.values():
            self.addWidget(page)
        self.teacher.currentIndexChanged.connect(lambda _i: self._refill_cycles())
        self.lesson_teacher.currentIndexChanged.connect(lambda _i: self._refill_lessons())
        for combo in (self.cycle, self.lesson, self.pilot, self.tool, self.year):
            combo.currentIndexChanged.connect(lambda _i: self.sig_changed.emit())

    @staticmethod
    def _form(*rows) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for label, widget in rows:
            form.addRow(label, widget)
        return page

    def reload(self) -> None:
        """Fill the choices from the notebook, keeping what was chosen."""
        kept = {
            c: c.currentData() for c in (self.teacher, self.lesson_teacher, self.pilot, self.tool)
        }
        teachers = sorted(
            (t for t in list_teachers(self._store) if not t.archived),
            key=lambda t: t.name.casefold(),
        )
        for combo in (self.teacher, self.lesson_teacher):
            combo.blockSignals(True)
            combo.clear()
            for teacher in teachers:
                combo.addItem(teacher.name, teacher.id)
            select_data(combo, kept[combo])
            combo.blockSignals(False)
        self.pilot.blockSignals(True)
        self.pilot.clear()
        for pilot in list_pilots(self._store, self._today()):
            when = f" ({full_date(pilot.start_date)})" if pilot.start_date else ""
            self.pilot.addItem(f"{pilot.tool}{when}", pilot.id)
        select_data(self.pilot, kept[self.pilot])
        self.pilot.blockSignals(False)
        self.tool.blockSignals(True)
        self.tool.clear()
        for row in list_tools(self._store, self._today()):
            self.tool.addItem(row.tool.name, row.id)
        select_data(self.tool, kept[self.tool])
        self.tool.blockSignals(False)
        chosen_year = self.year.currentData()
        calendar = school_calendar(self._store)
        years = {calendar.year_of(self._today())}
        years |= {calendar.year_of(o.observed_on) for o in list_observations(self._store)}
        years |= {c.school_year for c in list_cycles(self._store, self._today())}
        self.year.blockSignals(True)
        self.year.clear()
        for year in sorted(years, reverse=True):
            self.year.addItem(year, year)
        select_data(self.year, chosen_year)
        self.year.blockSignals(False)
        self._refill_cycles()
        self._refill_lessons()

    def _refill_cycles(self) -> None:
        self.cycle.blockSignals(True)
        self.cycle.clear()
        self.cycle.addItem("The current cycle", None)
        teacher_id = self.teacher.currentData()
        if teacher_id is not None:
            for cycle in list_cycles(self._store, self._today(), teacher_id):
                status = STATUS_LABELS.get(cycle.status, cycle.status)
                focus = cycle.focus or "no focus named"
                self.cycle.addItem(f"{full_date(cycle.start_date)}: {focus} ({status})", cycle.id)
        self.cycle.blockSignals(False)
        self.sig_changed.emit()

    def _refill_lessons(self) -> None:
        self.lesson.blockSignals(True)
        self.lesson.clear()
        teacher_id = self.lesson_teacher.currentData()
        if teacher_id is not None:
            for obs in list_observations(self._store, teacher_id):
                pct = "" if obs.time_on_task_pct is None else f" · {percent(obs.time_on_task_pct)}"
                what = obs.lesson or obs.period or "lesson"
                self.lesson.addItem(f"{full_date(obs.observed_on)} · {what}{pct}", obs.id)
        self.lesson.blockSignals(False)
        self.sig_changed.emit()

    def show_document(self, key: str) -> None:
        self.setCurrentWidget(self.pages[key])

    def subject(self, key: str):
        """What to build the document about; None when nothing can be chosen yet."""
        if key == TEACHER:
            teacher = self.teacher.currentData()
            return None if teacher is None else (teacher, self.cycle.currentData())
        if key == OBSERVATION:
            return self.lesson.currentData()
        if key == PILOT:
            return self.pilot.currentData()
        if key == TOOL:
            return self.tool.currentData()
        if key == PORTFOLIO:
            return self.year.currentData()
        return True

    def subject_label(self, key: str) -> str:
        combo = {
            TEACHER: self.teacher,
            OBSERVATION: self.lesson_teacher,
            PILOT: self.pilot,
            TOOL: self.tool,
            PORTFOLIO: self.year,
        }.get(key)
        return combo.currentText() if combo is not None else ""

    def choose(self, key: str, subject_id: uuid.UUID | str | None) -> None:
        """Preselect a subject, as when another screen asks for its report."""
        if key == TEACHER:
            select_data(self.teacher, subject_id)
        elif key == PILOT:
            select_data(self.pilot, subject_id)
        elif key == TOOL:
            select_data(self.tool, subject_id)
        elif key == PORTFOLIO:
            select_data(self.year, subject_id)
        elif key == OBSERVATION:
            # One observation's teacher, not the whole list of observations.
            try:
                teacher_id = observation_summary(self._store, subject_id).teacher_id
            except NotFound:
                return
            select_data(self.lesson_teacher, teacher_id)
            select_data(self.lesson, subject_id)
