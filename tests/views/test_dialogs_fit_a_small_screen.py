"""Every form keeps its buttons in view on a 1024x600 screen once its validation messages
show (issue 12): the dialog never grows past what the screen leaves under a title bar."""

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QPoint, QRect

from app.services.cycles import cycle_detail, list_cycles
from app.services.teachers import list_teachers
from app.views.activity.form import ActivityFormDialog
from app.views.cycles.debrief_dialog import DebriefDialog
from app.views.cycles.goal_dialog import GoalDialog
from app.views.observations.start_dialog import ObservationDialog
from app.views.pilots.pilot_dialog import PilotDialog
from app.views.teachers.form import TeacherFormDialog

TODAY = date(2026, 11, 25)
SMALL_SCREEN_LEFT = 540  # 600 pixels less a title bar and a panel


def inside(widget, window) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


def teacher_form(store):
    dialog = TeacherFormDialog(store, ["Pinecrest"])
    dialog.inputs["email"].setText("not an email")
    dialog.inputs["grades"].setText("14")
    dialog.inputs["years_experience"].setText("-3")
    return dialog, dialog._on_save


def activity_form(store):
    dialog = ActivityFormDialog(store, list_teachers(store), TODAY)
    dialog.minutes.lineEdit().setText("-20")
    dialog.minutes.interpretText()
    return dialog, dialog._on_save


def observation_form(store):
    dialog = ObservationDialog(store, list_teachers(store), TODAY, lambda: datetime.now(UTC))
    dialog.teacher.setCurrentIndex(-1)
    return dialog, dialog._on_ok


def pilot_form(store):
    dialog = PilotDialog(store, list_teachers(store), TODAY, None)
    dialog.cost.setText("-")
    dialog.licences.setText("-3")
    return dialog, dialog._on_save


def goal_form(store):
    cycle = list_cycles(store, TODAY)[0]
    detail = cycle_detail(store, cycle.id, TODAY)
    dialog = GoalDialog(store, cycle.id, detail.goal, loaded_at=detail.updated_at)
    dialog.measure.setCurrentIndex(dialog.measure.findData("custom"))
    dialog.measure_description.setText("")
    dialog.baseline.lineEdit().setText("-5")
    dialog.baseline.interpretText()
    return dialog, dialog._on_save


def debrief_form(store):
    cycle = list_cycles(store, TODAY)[0]
    dialog = DebriefDialog(store, cycle_detail(store, cycle.id, TODAY), TODAY)
    dialog.final.lineEdit().setText("-5")
    dialog.final.interpretText()
    dialog.mark_done.setChecked(True)
    dialog.done_on.setDate(dialog.done_on.date().addDays(400))  # a day still to come
    return dialog, dialog._on_save


FORMS = [
    teacher_form,
    activity_form,
    observation_form,
    pilot_form,
    goal_form,
    debrief_form,
]


@pytest.mark.parametrize("make", FORMS, ids=[f.__name__ for f in FORMS])
def test_a_form_with_its_messages_showing_fits_a_1024x600_screen(qtbot, demo_store, recorder, make):
    dialog, save = make(demo_store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    if dialog.height() > SMALL_SCREEN_LEFT:
        dialog.resize(dialog.width(), SMALL_SCREEN_LEFT)
    save()
    qtbot.wait(20)
    assert dialog.isVisible(), "the form closed: it found nothing to refuse"
    # What a 1024x600 screen allows: the form must still work at that height.
    dialog.resize(dialog.width(), min(dialog.height(), SMALL_SCREEN_LEFT))
    qtbot.wait(10)
    assert dialog.minimumSizeHint().height() <= SMALL_SCREEN_LEFT
    assert dialog.height() <= SMALL_SCREEN_LEFT
    assert inside(dialog.buttons, dialog)
