"""Every form's date field steps one day on ↓ and ↑, across months, where QDateEdit jumped
a week on the weekday and stopped at the 1st (issue 12's Reschedule fix, everywhere)."""

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateTimeEdit

from app.services.teachers import list_teachers
from app.views.activity.form import ActivityFormDialog
from app.views.cycles.start_dialog import StartCycleDialog
from app.views.observations.start_dialog import ObservationDialog
from app.views.pilots.pilot_dialog import PilotDialog

TODAY = date(2026, 12, 1)  # a Tuesday, and the 1st


def activity(store):
    dialog = ActivityFormDialog(store, list_teachers(store), TODAY)
    return dialog, dialog.occurred_on


def observation(store):
    dialog = ObservationDialog(store, list_teachers(store), TODAY, lambda: datetime.now(UTC))
    return dialog, dialog.day


def pilot(store):
    dialog = PilotDialog(store, list_teachers(store), TODAY, None)
    return dialog, dialog.start


def cycle(store):
    dialog = StartCycleDialog(store, list_teachers(store), TODAY)
    return dialog, dialog.start


FORMS = [activity, observation, pilot, cycle]


@pytest.mark.parametrize("make", FORMS, ids=[f.__name__ for f in FORMS])
def test_down_on_the_day_moves_one_day_back_across_the_month(qtbot, store, recorder, make):
    dialog, field = make(store)
    qtbot.addWidget(dialog)
    dialog.show()
    field.setDate(QDate(2026, 12, 1))
    field.setFocus()
    field.setCurrentSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    assert field.date() == QDate(2026, 11, 30)
    qtbot.keyClick(field, Qt.Key.Key_Up)
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.date() == QDate(2026, 12, 2)
