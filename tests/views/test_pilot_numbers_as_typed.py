"""Numbers in the pilot forms stay as typed: a minus sign is refused with a message, never
dropped ("-20" used to save as 20); a post survey before the last week asks first."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.services.pilots import (
    PilotForm,
    create_pilot,
    list_pilots,
    pilot_detail,
)
from app.services.teachers import TeacherForm, save_teacher
from app.views.pilots.pilot_dialog import PilotDialog
from app.views.pilots.surveys_tab import SurveyDialog
from app.views.shell.main_window import MainWindow

TODAY = date(2026, 11, 25)
START = date(2026, 11, 9)  # four weeks: the last one begins on Mon Nov 30


@pytest.fixture
def pilot(store):
    teacher = save_teacher(store, TeacherForm(name="Maria Alvarez")).id
    return create_pilot(store, PilotForm(tool="Nearpod", start_date=START), [teacher])


@pytest.fixture
def main(qtbot, store, pilot, clock, recorder):
    win = MainWindow(store, today=lambda: TODAY, now=clock.now)
    qtbot.addWidget(win)
    win.resize(1024, 600)
    win.show()
    qtbot.waitExposed(win)
    win.open_pilot(pilot)
    return win


def retype(qtbot, widget, text: str) -> None:
    widget.setFocus()
    if hasattr(widget, "lineEdit"):
        widget.lineEdit().selectAll()
    else:
        widget.selectAll()
    qtbot.keyClicks(widget, text)


def test_minus_minutes_lost_are_refused_with_a_message(qtbot, main, store, pilot):
    log = main.pilots.view.log
    main.pilots.view.tabs.setCurrentIndex(1)
    qtbot.keyClicks(log.what, "Projector froze")
    retype(qtbot, log.lost, "-20")

    assert log.lost.value() == -20
    log.add_button.click()

    assert log.message.text() == "Enter the minutes of instruction lost, from 0 to 600."
    assert pilot_detail(store, pilot, TODAY).log == []
    retype(qtbot, log.lost, "20")
    log.add_button.click()
    assert [r.minutes_lost for r in pilot_detail(store, pilot, TODAY).log] == [20]


def test_the_arrows_never_go_below_zero_minutes(qtbot, main):
    lost = main.pilots.view.log.lost
    lost.setValue(0)

    qtbot.keyClick(lost, Qt.Key.Key_Down)

    assert lost.value() == 0


@pytest.mark.parametrize(
    ("field", "typed", "key", "message"),
    [
        (
            "licences",
            "-20",
            "licences",
            "Enter the number of licences as 0 or more, or leave it empty.",
        ),
        (
            "cost",
            "-3.50",
            "cost_per_student",
            "Enter the cost per student a year as 0 or more, or leave it empty.",
        ),
        ("weeks", "-4", "length_weeks", "Choose a length from 1 to 12 weeks (4 is usual)."),
        (
            "cost",
            "-",
            "cost_per_student",
            "Type the cost per student a year, like 3.50, or leave it empty if you don't know "
            "it yet.",
        ),
    ],
)
def test_the_pilot_form_refuses_a_minus_sign_with_a_message(
    qtbot, main, store, monkeypatch, field, typed, key, message
):
    shown = {}

    def fill(dialog: PilotDialog):
        qtbot.keyClicks(dialog.tool, "Padlet")
        retype(qtbot, getattr(dialog, field), typed)
        dialog._on_save()
        shown.update({k: m.text() for k, m in dialog.messages.items() if m.text()})
        return dialog.result()

    monkeypatch.setattr(PilotDialog, "exec", fill)
    main.pilots.add_pilot()

    assert shown == {key: message}
    assert [p.tool for p in list_pilots(store, TODAY)] == ["Nearpod"]


def test_licences_and_cost_are_saved_as_typed_or_left_unknown(qtbot, main, store, monkeypatch):
    def fill(dialog: PilotDialog):
        qtbot.keyClicks(dialog.tool, "Padlet")
        qtbot.keyClicks(dialog.cost, "$4.25")
        qtbot.keyClicks(dialog.licences, "1,200")
        dialog._on_save()
        return dialog.result()

    monkeypatch.setattr(PilotDialog, "exec", fill)
    main.pilots.add_pilot()

    padlet = next(p for p in list_pilots(store, TODAY) if p.tool == "Padlet")
    form = pilot_detail(store, padlet.id, TODAY).form
    assert (form.cost_per_student, form.licences) == (4.25, 1200)
    nearpod = next(p for p in list_pilots(store, TODAY) if p.tool == "Nearpod")
    form = pilot_detail(store, nearpod.id, TODAY).form
    assert (form.cost_per_student, form.licences) == (None, None)


def test_extending_by_minus_weeks_is_refused_with_a_message(qtbot, main, store, pilot):
    tab = main.pilots.view.decision
    main.pilots.view.tabs.setCurrentIndex(4)
    tab.choice.setCurrentIndex(tab.choice.findText("Extend"))
    tab.rationale.setPlainText("More time.")
    retype(qtbot, tab.extra_weeks, "-2")

    tab.save_button.click()

    assert tab.messages["extra_weeks"].text() == (
        "Choose how many weeks to add to the pilot: 1 or more."
    )
    assert pilot_detail(store, pilot, TODAY).row.length_weeks == 4


@pytest.mark.parametrize("answer", [False, True])
def test_a_post_survey_before_the_last_week_asks_first(
    qtbot, main, store, pilot, recorder, monkeypatch, answer
):
    def run(dialog: SurveyDialog):
        dialog.set_scores([4] * len(dialog.groups))
        dialog._on_save()
        return dialog.result()

    surveys = main.pilots.view.surveys
    main.pilots.view.tabs.setCurrentIndex(3)
    surveys.table.selectRow(0)
    recorder.confirm_answer = answer
    monkeypatch.setattr(SurveyDialog, "exec", run)

    surveys.post_button.click()

    assert recorder.confirms == ["Save a post survey before the last week?"]
    (teacher,) = pilot_detail(store, pilot, TODAY).surveys.teachers
    assert (teacher.post_mean is not None) is answer


def test_a_pre_survey_does_not_ask(qtbot, main, store, pilot, recorder, monkeypatch):
    def run(dialog: SurveyDialog):
        dialog.set_scores([3] * len(dialog.groups))
        dialog._on_save()
        return dialog.result()

    surveys = main.pilots.view.surveys
    surveys.table.selectRow(0)
    monkeypatch.setattr(SurveyDialog, "exec", run)

    surveys.pre_button.click()

    assert recorder.confirms == []
    assert pilot_detail(store, pilot, TODAY).surveys.teachers[0].pre_mean == 3.0
