"""Minutes and counts stay as typed: a minus sign is refused with a message, never dropped;
a PD session of 0 minutes asks first; a session can't be marked done on a day to come."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.models import ActivityKind
from app.services.activities import list_activities
from app.services.cycles import (
    CycleStart,
    DebriefInput,
    SessionDone,
    complete_session,
    cycle_detail,
    record_debrief,
    start_cycle,
)
from app.services.errors import ValidationError
from app.services.teachers import TeacherForm, save_teacher
from app.views.activity.form import ActivityFormDialog
from app.views.cycles.debrief_dialog import DebriefDialog
from app.views.cycles.session_dialog import SessionDialog

TODAY = date(2026, 11, 25)
PD = ActivityKind.PD_SESSION.value


def retype(qtbot, box, text: str) -> None:
    """Select what the box shows and type over it, as a coach would."""
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, text)


@pytest.fixture
def pd_form(qtbot, store, recorder):
    dialog = ActivityFormDialog(store, [], TODAY, kind=PD)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.topic.setText("Pear Deck checks")
    return dialog


def test_minus_twenty_minutes_is_refused_with_a_message_not_saved_as_20(qtbot, store, pd_form):
    retype(qtbot, pd_form.minutes, "-20")
    qtbot.keyClick(pd_form.topic, Qt.Key.Key_End)  # focus leaves the box
    assert pd_form.minutes.text() == "-20 min"
    pd_form._on_save()
    assert pd_form.messages["minutes"].text() == "Minutes can't be below zero: type 20, not -20."
    assert pd_form.messages["minutes"].isVisible()
    assert list_activities(store) == []
    retype(qtbot, pd_form.minutes, "20")
    assert not pd_form.messages["minutes"].isVisible()
    pd_form._on_save()
    assert [a.minutes for a in list_activities(store)] == [20]


def test_a_negative_attendee_count_is_refused(qtbot, store, pd_form):
    retype(qtbot, pd_form.attendees, "-12")
    pd_form._on_save()
    assert pd_form.messages["attendees"].text() == (
        "The number who came can't be below zero: type 12, not -12."
    )
    assert list_activities(store) == []


def test_attendees_still_read_not_counted_and_typing_a_number_counts(qtbot, store, pd_form):
    assert pd_form.attendees.text() == "Not counted"
    retype(qtbot, pd_form.attendees, "14")
    pd_form._on_save()
    assert [a.attendees for a in list_activities(store)] == [14]


def test_arrows_never_go_below_zero(qtbot, pd_form):
    pd_form.minutes.setValue(0)
    qtbot.keyClick(pd_form.minutes, Qt.Key.Key_Down)
    assert pd_form.minutes.value() == 0


def test_a_pd_session_of_0_minutes_asks_first(qtbot, store, pd_form, recorder):
    pd_form.minutes.setValue(0)
    recorder.confirm_answer = False
    pd_form._on_save()
    assert recorder.confirms == ["A PD session of 0 minutes?"]
    assert list_activities(store) == [] and pd_form.result() == 0
    recorder.confirm_answer = True
    pd_form._on_save()
    assert [a.minutes for a in list_activities(store)] == [0]


@pytest.fixture
def cycle(store):
    teacher = save_teacher(store, TeacherForm(name="Maria Alvarez"))
    return start_cycle(store, CycleStart(teacher.id, date(2026, 11, 2)))


def test_a_negative_session_duration_is_refused_in_the_session_form(qtbot, store, cycle):
    first = cycle_detail(store, cycle, TODAY).sessions[0]
    dialog = SessionDialog(store, first, "Maria Alvarez", TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.done_check.setChecked(True)
    retype(qtbot, dialog.minutes, "-30")
    dialog._on_save()
    assert dialog.message.text() == "The duration can't be below zero: type 30, not -30."
    assert cycle_detail(store, cycle, TODAY).sessions[0].done_on is None


def test_a_session_done_in_the_future_is_refused(qtbot, store, cycle):
    first = cycle_detail(store, cycle, TODAY).sessions[0]
    with pytest.raises(ValidationError) as refused:
        complete_session(store, first.id, SessionDone(done_on=date(2026, 11, 27)), today=TODAY)
    assert refused.value.errors["done_on"] == (
        "A session can't be done on a day still to come (Fri Nov 27): pick today or an earlier day."
    )
    dialog = SessionDialog(store, first, "Maria Alvarez", TODAY)
    qtbot.addWidget(dialog)
    dialog.done_check.setChecked(True)
    dialog.done_on.setDate(date(2026, 11, 30))
    dialog._on_save()
    assert "a day still to come (Mon Nov 30)" in dialog.message.text()
    assert cycle_detail(store, cycle, TODAY).sessions[0].done_on is None
    complete_session(store, first.id, SessionDone(done_on=TODAY), today=TODAY)
    assert cycle_detail(store, cycle, TODAY).sessions[0].done_on == TODAY


def test_a_debrief_in_the_future_or_of_negative_minutes_is_refused(qtbot, store, cycle):
    with pytest.raises(ValidationError):
        record_debrief(store, cycle, DebriefInput(done_on=date(2026, 12, 1)), today=TODAY)
    dialog = DebriefDialog(store, cycle_detail(store, cycle, TODAY), TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    retype(qtbot, dialog.minutes, "-45")
    dialog._on_save()
    assert dialog.done_message.text() == "The duration can't be below zero: type 45, not -45."
    assert cycle_detail(store, cycle, TODAY).sessions[-1].done_on is None
