"""The Cycles screen, the cycle view and its forms, through qtbot on real notebook files."""

import itertools
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from app.models import CycleStatus, MeasureKind
from app.services.cycles import CycleStart, cycle_detail, list_cycles, start_cycle
from app.services.teachers import TeacherForm, save_teacher
from app.views.common.context import ScreenContext
from app.views.cycles.debrief_dialog import DebriefDialog
from app.views.cycles.goal_dialog import GoalDialog
from app.views.cycles.notes_model import NotesTableModel
from app.views.cycles.screen import CyclesScreen
from app.views.cycles.session_dialog import SessionDialog
from app.views.cycles.start_dialog import StartCycleDialog
from app.views.cycles.table_model import STATUS, TEACHER

TODAY = date(2026, 11, 25)  # a Wednesday


def today():
    return TODAY


@pytest.fixture
def screen(qtbot, store, recorder):
    teacher = save_teacher(store, TeacherForm(name="Maria Alvarez", school="Lincoln Elementary"))
    cycle_id = start_cycle(
        store,
        CycleStart(teacher.id, date(2026, 11, 16), focus="Nearpod labs", period="P3", room="204"),
    )
    widget = CyclesScreen(ScreenContext(store, today=today))
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.teacher_id, widget.cycle_id = teacher.id, cycle_id
    return widget


def accept_with(fill):
    """Stands in for a dialog's exec(): fill the fields, press the dialog's own save."""

    def run(dialog):
        fill(dialog)
        return dialog.result()

    return run


def test_list_shows_the_demo_cycles_with_every_status(qtbot, demo_store, recorder):
    widget = CyclesScreen(ScreenContext(demo_store, today=today))
    qtbot.addWidget(widget)
    widget.show()
    statuses = {widget.proxy.index(r, STATUS).data() for r in range(widget.proxy.rowCount())}
    assert statuses == {"Planned", "Active", "Completed", "Abandoned"}
    assert widget.proxy.rowCount() == len(list_cycles(demo_store, TODAY))


def test_status_filter_and_typing_narrow_the_list(qtbot, demo_store, recorder):
    widget = CyclesScreen(ScreenContext(demo_store, today=today))
    qtbot.addWidget(widget)
    widget.show()
    widget.status_combo.setCurrentIndex(widget.status_combo.findData(CycleStatus.ABANDONED))
    rows = [widget.proxy.index(r, STATUS).data() for r in range(widget.proxy.rowCount())]
    assert rows and set(rows) == {"Abandoned"}
    name = widget.proxy.index(0, TEACHER).data()
    widget.status_combo.setCurrentIndex(0)
    qtbot.keyClicks(widget.filter_edit, name.split()[0])
    assert all(
        name.split()[0] in widget.proxy.index(r, TEACHER).data()
        for r in range(widget.proxy.rowCount())
    )


def test_cycle_view_shows_the_timeline_of_four_sessions(screen):
    view = screen.view
    assert view.title.text() == "Maria Alvarez"
    labels = [w.session.label for w in view.session_widgets]
    assert labels == [
        "Goal-setting conference",
        "Model lesson",
        "Co-teaching session",
        "Reflective debrief",
    ]
    dates = [w.session.scheduled_date for w in view.session_widgets]
    assert [b - a for a, b in itertools.pairwise(dates)] == [timedelta(weeks=1)] * 3
    states = [w.state.text() for w in view.session_widgets]
    assert states[:2] == ["Overdue", "Overdue"] and states[2:] == ["Planned", "Planned"]


def test_start_a_cycle_schedules_four_sessions_and_selects_it(screen, monkeypatch, store):
    def fill(dialog):
        assert dialog.start.date().toPython() == date(2026, 11, 30)  # next Monday
        dialog.focus.setText("Flip video discussions")
        dialog._on_start()

    monkeypatch.setattr(StartCycleDialog, "exec", accept_with(fill))
    screen.start_cycle(screen.teacher_id)
    assert len(list_cycles(store, TODAY)) == 2
    assert screen.view.subtitle.text().startswith("Flip video discussions")
    assert len(screen.view.session_widgets) == 4


def test_goal_form_saves_the_peers_goal(screen, monkeypatch, store):
    def fill(dialog):
        dialog.goal.setPlainText("Students sustain on-task talk during Nearpod labs")
        for check in dialog.peers.values():
            check.setChecked(True)
        dialog.target.setText("I can explain my lab results to a partner")
        dialog.baseline.setValue(52)
        dialog.target_value.setValue(75)
        dialog._on_save()

    monkeypatch.setattr(GoalDialog, "exec", accept_with(fill))
    screen.view.goal_button.click()
    goal = cycle_detail(store, screen.cycle_id, TODAY).goal
    assert goal.goal.startswith("Students sustain")
    assert (goal.baseline_value, goal.target_value) == (52, 75)
    assert goal.peers_powerful and goal.peers_student_focused
    assert screen.view.values_text.text() == "52% → 75% → —"
    assert "(5 of 5)" in screen.view.peers_text.text()


def test_goal_form_refuses_a_percentage_over_100(qtbot, screen, store):
    detail = cycle_detail(store, screen.cycle_id, TODAY)
    dialog = GoalDialog(store, screen.cycle_id, detail.goal)
    qtbot.addWidget(dialog)
    dialog.measure.setCurrentIndex(dialog.measure.findData(MeasureKind.TIME_ON_TASK))
    dialog.target_value.setValue(120)
    dialog._on_save()
    assert "0 to 100" in dialog.messages["target_value"].text()
    assert cycle_detail(store, screen.cycle_id, TODAY).goal.target_value is None


def test_marking_a_session_done_with_a_note_makes_the_cycle_active(screen, monkeypatch, store):
    def fill(dialog):
        dialog.done_check.setChecked(True)
        dialog.note.setPlainText("Agreed on the <b>goal</b> & the measure")
        dialog._on_save()

    monkeypatch.setattr(SessionDialog, "exec", accept_with(fill))
    screen.view.session_widgets[0].open_button.click()
    detail = cycle_detail(store, screen.cycle_id, TODAY)
    assert detail.row.status == CycleStatus.ACTIVE
    assert detail.sessions[0].done_on is not None
    assert [(n.body, n.is_private) for n in detail.notes] == [
        ("Agreed on the <b>goal</b> & the measure", True)
    ]
    assert screen.view.notes_model.index(0, 2).data() == "Private"


def test_a_note_can_be_made_shareable(screen, recorder, store):
    recorder.text_answer = "Students were using the lab checklist"
    screen.view.add_note_button.click()
    screen.view.notes_table.setCurrentIndex(screen.view.notes_model.index(0, 0))
    screen.view.share_button.click()
    assert [n.is_private for n in cycle_detail(store, screen.cycle_id, TODAY).notes] == [False]


def test_debrief_records_the_outcome_and_completes_the_cycle(screen, monkeypatch, store):
    monkeypatch.setattr(
        SessionDialog, "exec", accept_with(lambda d: (d.done_check.setChecked(True), d._on_save()))
    )
    for number in range(3):  # the timeline is rebuilt after each save
        screen.view.session_widgets[number].open_button.click()

    def fill(dialog):
        dialog.final.setValue(81)
        dialog.goal_met.setCurrentIndex(1)
        dialog.reflection.setPlainText("Groups stayed on task with roles")
        dialog.outcome.setCurrentIndex(dialog.outcome.findData("close"))
        dialog._on_save()

    monkeypatch.setattr(DebriefDialog, "exec", accept_with(fill))
    screen.view.debrief_button.click()
    detail = cycle_detail(store, screen.cycle_id, TODAY)
    assert (detail.final_value, detail.goal_met, detail.outcome) == (81, True, "close")
    assert detail.row.status == CycleStatus.COMPLETED
    assert screen.view.met_text.text() == "Yes"


def test_abandon_asks_why_and_shows_it(screen, recorder, store):
    recorder.text_answer = "Teacher on leave until January"
    screen.view.abandon_action.trigger()
    detail = cycle_detail(store, screen.cycle_id, TODAY)
    assert detail.row.status == CycleStatus.ABANDONED
    assert "Teacher on leave" in screen.view.status.text()
    assert not screen.view.debrief_button.isEnabled()


def test_status_can_be_set_by_hand_and_back(screen, store):
    screen.view.status_actions[CycleStatus.COMPLETED].trigger()
    assert cycle_detail(store, screen.cycle_id, TODAY).row.status == CycleStatus.COMPLETED
    assert "set by hand" in screen.view.status.text()
    screen.view.status_actions[None].trigger()
    assert cycle_detail(store, screen.cycle_id, TODAY).row.status == CycleStatus.PLANNED


def test_empty_notebook_offers_to_start_a_cycle(qtbot, store, recorder):
    widget = CyclesScreen(ScreenContext(store, today=today))
    qtbot.addWidget(widget)
    widget.show()
    assert widget.pages.currentWidget() is widget.empty


def test_table_models_pass_qtmodeltester(qtmodeltester, screen, store):
    qtmodeltester.check(screen.model)
    notes = NotesTableModel()
    notes.set_notes(cycle_detail(store, screen.cycle_id, TODAY).notes, {})
    qtmodeltester.check(notes)
    assert screen.model.rowCount() == len(list_cycles(store, TODAY)) == 1


def test_down_and_enter_in_the_list_show_the_next_cycle(screen, qtbot, store):
    other = save_teacher(store, TeacherForm(name="Zoe Zimmer", school="Lincoln Elementary"))
    second = start_cycle(store, CycleStart(other.id, date(2026, 11, 23), focus="Padlet walls"))
    screen.reload()
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.table.model().index(0, 0))
    qtbot.waitUntil(lambda: screen.view.detail is not None)
    first_shown = screen.view.detail.row.id
    qtbot.keyClick(screen.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: screen.view.detail.row.id != first_shown)
    assert {first_shown, screen.view.detail.row.id} == {screen.cycle_id, second}
    shown = screen.view.detail.row.id
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert screen.view.detail.row.id == shown == screen.current_id()


def test_start_from_a_teacher_preselects_that_teacher(qtbot, store):
    save_teacher(store, TeacherForm(name="Aaron Abbott"))
    zoe = save_teacher(store, TeacherForm(name="Zoe Zimmer"))
    from app.services.teachers import list_teachers

    dialog = StartCycleDialog(store, list_teachers(store), TODAY, teacher_id=zoe.id)
    qtbot.addWidget(dialog)
    assert dialog.teacher.currentData() == zoe.id
