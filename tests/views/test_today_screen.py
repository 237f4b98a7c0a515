"""The Today screen through qtbot, against real notebook files (the small demo and a plan)."""

from datetime import date
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QHeaderView

from app.models import CycleSession
from app.services.cycles import (
    CycleStart,
    SessionDone,
    complete_session,
    cycle_detail,
    move_session,
    reopen_session,
    start_cycle,
)
from app.services.teachers import TeacherForm, save_teacher
from app.services.today import today_overview
from app.views.common.context import ScreenContext
from app.views.common.events import AppEvents, Changes
from app.views.common.reschedule_dialog import RescheduleDialog
from app.views.today import screen as today_screen
from app.views.today.screen import TodayScreen
from app.views.today.table_models import pilot_notices

TODAY = date(2026, 11, 25)  # a Wednesday, as in the demo
ODD_NAME = "<b>Ms. O'Neil & co</b>"


def saved_session(store, session_id) -> CycleSession:
    """The session as the notebook holds it now."""
    with store.session() as session:
        return session.get(CycleSession, session_id)


def open_screen(qtbot, store, today=lambda: TODAY) -> SimpleNamespace:
    events = AppEvents()
    undo = QUndoStack()
    screen = TodayScreen(ScreenContext(store, events, undo, today))
    qtbot.addWidget(screen)
    messages: list[str] = []
    changes: list[Changes] = []
    events.sig_status_message.connect(messages.append)
    events.sig_data_changed.connect(changes.append)
    screen.resize(1024, 700)
    screen.show()
    qtbot.waitExposed(screen)
    qtbot.waitUntil(lambda: not screen.is_loading, timeout=5000)  # loads on the thread pool
    return SimpleNamespace(
        screen=screen, events=events, undo=undo, messages=messages, changes=changes, store=store
    )


def rows(section) -> list[tuple[str, ...]]:
    model = section.model
    return [
        tuple(model.index(r, c).data() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def session_ids(section) -> list:
    return [section.model.row_at(r).session_id for r in range(section.model.rowCount())]


def column(section, number: int) -> list[str]:
    return [row[number] for row in rows(section)]


def focus_row(qtbot, section, row: int = 0) -> None:
    section.table.activateWindow()
    section.table.setFocus()
    section.table.setCurrentIndex(section.model.index(row, 0))
    qtbot.waitUntil(section.table.hasFocus)


@pytest.fixture
def demo(qtbot, demo_store, recorder):
    return open_screen(qtbot, demo_store)


@pytest.fixture
def planned(qtbot, store, recorder):
    """Two teachers with cycles on chosen dates around Wednesday, November 25.

    Ana's cycle started Mon Nov 2: goal-setting (Nov 2) and model lesson (Nov 9) are done,
    co-teaching (Nov 16) and the debrief (Mon Nov 23) are overdue, and it ends Sun Nov 29.
    Ms. O'Neil's starts today; her model lesson moved from Dec 2 to Fri Nov 27.
    """
    ana = save_teacher(store, TeacherForm(name="Ana Ruiz", school="Oak Elementary")).id
    odd = save_teacher(store, TeacherForm(name=ODD_NAME, school="Roosevelt Middle")).id
    ending = start_cycle(
        store,
        CycleStart(
            ana, date(2026, 11, 2), focus="Nearpod virtual labs", period="Period 3", room="204"
        ),
    )
    goal, model_lesson, co_teach, debrief = cycle_detail(store, ending, TODAY).sessions
    for done in (goal, model_lesson):
        complete_session(store, done.id, SessionDone(done.scheduled_date, 45))
    new = start_cycle(
        store,
        CycleStart(odd, TODAY, focus="Padlet exit tickets", period="Period 1", room="12"),
    )
    moved = cycle_detail(store, new, TODAY).sessions[1]
    move_session(store, moved.id, date(2026, 11, 27))
    view = open_screen(qtbot, store)
    view.ids = SimpleNamespace(
        ana=ana, odd=odd, ending=ending, new=new, co_teach=co_teach.id, debrief=debrief.id
    )
    return view


# The demo, compared with the service's own overview


def test_demo_lists_match_the_overview(demo):
    overview = today_overview(demo.store, TODAY)
    screen = demo.screen
    assert overview.today_sessions and overview.week_sessions and overview.overdue
    assert column(screen.today_section, 2) == [i.teacher_name for i in overview.today_sessions]
    assert column(screen.overdue_section, 1) == [i.teacher_name for i in overview.overdue]
    assert column(screen.week_section, 3) == [i.teacher_name for i in overview.week_sessions]
    assert column(screen.not_seen_section, 0) == [t.teacher_name for t in overview.not_seen]
    assert column(screen.pilots_section, 0) == [p.tool for p in pilot_notices(overview)]
    assert screen.pilots_section.isVisible()
    assert screen.pages.currentWidget() is screen.scroll


def test_heading_shows_the_date_and_a_one_line_summary(demo):
    overview = today_overview(demo.store, TODAY)
    screen = demo.screen
    assert screen.date_heading.text() == "Wednesday, November 25"
    assert screen.greeting.text().endswith("Dana Whitfield.")
    summary = screen.summary.text()
    count = len(overview.today_sessions)
    assert summary.startswith(f"{count} session{'s' if count != 1 else ''} today")
    assert f" · {len(overview.overdue)} overdue" in summary
    assert f"{len(overview.not_seen)} teachers not seen in 30 days" in summary


# Done and Reschedule on overdue sessions


def test_done_marks_the_session_done_and_undo_brings_it_back(demo, qtbot):
    section = demo.screen.overdue_section
    item = section.model.row_at(0)
    with qtbot.waitSignal(demo.events.sig_data_changed) as changed:
        qtbot.mouseClick(section.row_actions(0).done_button, Qt.MouseButton.LeftButton)
    assert changed.args == [Changes(frozenset({"cycles"}), demo.screen)]
    assert saved_session(demo.store, item.session_id).done_on == TODAY
    assert item.session_id not in session_ids(section)
    assert demo.messages[-1] == (
        f"Marked the {item.label.lower()} with {item.teacher_name} done. Ctrl+Z undoes it."
    )

    demo.undo.undo()
    assert saved_session(demo.store, item.session_id).done_on is None
    assert item.session_id in session_ids(section)
    demo.undo.redo()
    assert saved_session(demo.store, item.session_id).done_on == TODAY


def test_d_on_the_focused_overdue_row_marks_it_done(planned, qtbot):
    section = planned.screen.overdue_section
    focus_row(qtbot, section, 1)
    qtbot.keyClick(section.table, Qt.Key.Key_D)
    assert saved_session(planned.store, planned.ids.debrief).done_on == TODAY
    assert saved_session(planned.store, planned.ids.co_teach).done_on is None
    assert column(section, 1) == ["Ana Ruiz"]
    assert column(planned.screen.week_section, 5)[0] == "Done"
    assert planned.screen.overdue_section.table.hasFocus()


def test_done_keeps_next_steps_written_earlier(planned, qtbot):
    session_id = planned.ids.co_teach
    complete_session(planned.store, session_id, SessionDone(TODAY, 50, "Try stations next time"))
    reopen_session(planned.store, session_id)
    planned.screen.reload()
    qtbot.mouseClick(
        planned.screen.overdue_section.row_actions(0).done_button, Qt.MouseButton.LeftButton
    )
    assert saved_session(planned.store, session_id).next_steps == "Try stations next time"


def test_reschedule_through_the_dialog_moves_the_session(demo, qtbot, monkeypatch):
    section = demo.screen.overdue_section
    item = section.model.row_at(0)
    offered = []

    def pick_monday(dialog):
        offered.append(dialog.date_edit.date().toPython())
        dialog.date_edit.setDate(QDate(2026, 11, 30))
        dialog.period_edit.setText("  Period 5 ")
        dialog.buttons.accepted.emit()
        return dialog.result()

    monkeypatch.setattr(RescheduleDialog, "exec", pick_monday)
    with qtbot.waitSignal(demo.events.sig_data_changed) as changed:
        qtbot.mouseClick(section.row_actions(0).reschedule_button, Qt.MouseButton.LeftButton)
    assert changed.args == [Changes(frozenset({"cycles"}), demo.screen)]
    assert offered == [date(2026, 11, 26)]  # the next school day
    moved = saved_session(demo.store, item.session_id)
    assert (moved.scheduled_date, moved.period, moved.room) == (
        date(2026, 11, 30),
        "Period 5",
        item.room,
    )
    assert item.session_id not in session_ids(section)
    assert demo.messages[-1].endswith("to Mon Nov 30. Ctrl+Z undoes it.")

    demo.undo.undo()
    back = saved_session(demo.store, item.session_id)
    assert (back.scheduled_date, back.period) == (item.scheduled_date, item.period)


def test_cancelled_reschedule_changes_nothing(planned, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(RescheduleDialog, "exec", lambda dialog: asked.append(dialog) or 0)
    section = planned.screen.overdue_section
    focus_row(qtbot, section, 0)
    qtbot.keyClick(section.table, Qt.Key.Key_R)
    assert len(asked) == 1
    assert "co-teaching session with Ana Ruiz" in asked[0].windowTitle()
    assert saved_session(planned.store, planned.ids.co_teach).scheduled_date == date(2026, 11, 16)
    assert planned.changes == [] and planned.undo.count() == 0


def test_row_buttons_show_their_keys(demo):
    actions = demo.screen.overdue_section.row_actions(0)
    assert actions.done_button.toolTip().endswith("(D)")
    assert actions.reschedule_button.toolTip().endswith("(R)")


# D and R on today's and this week's sessions; keys that do nothing say why


def test_d_marks_todays_session_done_and_undo_reopens_it(planned, qtbot):
    section = planned.screen.today_section
    session_id = section.model.row_at(0).session_id
    focus_row(qtbot, section)
    qtbot.keyClick(section.table, Qt.Key.Key_D)
    assert saved_session(planned.store, session_id).done_on == TODAY
    assert rows(section) == [("Period 1", "12", ODD_NAME, "Goal-setting conference", "Done")]
    assert planned.messages[-1] == (
        f"Marked the goal-setting conference with {ODD_NAME} done. Ctrl+Z undoes it."
    )
    planned.undo.undo()
    assert saved_session(planned.store, session_id).done_on is None


def test_d_on_a_session_later_this_week_marks_it_done_today_and_says_so(planned, qtbot):
    section = planned.screen.week_section
    focus_row(qtbot, section, 1)
    session_id = section.model.row_at(1).session_id
    qtbot.keyClick(section.table, Qt.Key.Key_D)
    assert saved_session(planned.store, session_id).done_on == TODAY
    assert column(section, 5) == ["Overdue", "Done"]
    assert planned.messages[-1] == (
        f"Marked the model lesson with {ODD_NAME} done today (it was planned for Fri Nov 27)."
        " Ctrl+Z undoes it."
    )


def test_r_on_a_session_this_week_reschedules_it(planned, qtbot, monkeypatch):
    offered = []

    def pick_tuesday(dialog):
        offered.append(dialog.date_edit.date().toPython())
        dialog.date_edit.setDate(QDate(2026, 12, 1))
        dialog.buttons.accepted.emit()
        return dialog.result()

    monkeypatch.setattr(RescheduleDialog, "exec", pick_tuesday)
    section = planned.screen.week_section
    session_id = section.model.row_at(1).session_id
    focus_row(qtbot, section, 1)
    qtbot.keyClick(section.table, Qt.Key.Key_R)
    assert offered == [date(2026, 11, 27)]  # still ahead: it keeps its day
    assert saved_session(planned.store, session_id).scheduled_date == date(2026, 12, 1)
    assert column(section, 3) == ["Ana Ruiz"]
    assert planned.messages[-1].endswith("to Tue Dec 1. Ctrl+Z undoes it.")


def test_r_on_todays_session_reschedules_it(planned, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(RescheduleDialog, "exec", lambda dialog: asked.append(dialog) or 0)
    focus_row(qtbot, planned.screen.today_section)
    qtbot.keyClick(planned.screen.today_section.table, Qt.Key.Key_R)
    assert [d.windowTitle() for d in asked] == [
        f"Reschedule the goal-setting conference with {ODD_NAME}"
    ]


def test_d_and_r_on_a_done_session_change_nothing_and_say_why(planned, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(RescheduleDialog, "exec", lambda dialog: asked.append(dialog) or 0)
    section = planned.screen.today_section
    session_id = section.model.row_at(0).session_id
    complete_session(planned.store, session_id, SessionDone(date(2026, 11, 24)))
    planned.screen.reload()
    focus_row(qtbot, section)
    qtbot.keyClick(section.table, Qt.Key.Key_D)
    assert planned.messages[-1] == (
        f"The goal-setting conference with {ODD_NAME} is already marked done. "
        "Enter opens its cycle if that needs changing."
    )
    qtbot.keyClick(section.table, Qt.Key.Key_R)
    assert planned.messages[-1] == (
        f"The goal-setting conference with {ODD_NAME} is done, so it keeps its day. "
        "Enter opens its cycle if that needs changing."
    )
    assert asked == [] and planned.undo.count() == 0
    assert saved_session(planned.store, session_id).done_on == date(2026, 11, 24)


@pytest.mark.parametrize(
    ("notebook", "name", "shows"),
    [
        ("planned", "ending_section", "cycles"),
        ("demo", "not_seen_section", "teachers"),
        ("demo", "pilots_section", "pilots"),
    ],
)
def test_d_r_and_delete_on_a_list_without_sessions_say_why(request, qtbot, notebook, name, shows):
    demo = request.getfixturevalue(notebook)
    section = getattr(demo.screen, name)
    focus_row(qtbot, section)
    before = today_overview(demo.store, TODAY)
    for key in (Qt.Key.Key_D, Qt.Key.Key_R, Qt.Key.Key_Delete):
        qtbot.keyClick(section.table, key)
    assert demo.messages == [
        f"D marks a session done, and this list shows {shows}. Enter opens the selected one.",
        f"R reschedules a session, and this list shows {shows}. Enter opens the selected one.",
        "Nothing is deleted from Today. Enter opens the selected item, where you can change "
        "or delete it.",
    ]
    assert today_overview(demo.store, TODAY) == before
    assert demo.changes == [] and demo.undo.count() == 0


# The precise plan: week, overdue and ending lists


def test_planned_lists_show_exactly_what_is_due(planned):
    screen = planned.screen
    assert rows(screen.today_section) == [
        ("Period 1", "12", ODD_NAME, "Goal-setting conference", "")
    ]
    assert rows(screen.overdue_section) == [
        ("Mon Nov 16", "Ana Ruiz", "Co-teaching session", ""),
        ("Mon Nov 23", "Ana Ruiz", "Reflective debrief", ""),
    ]
    assert rows(screen.week_section) == [
        ("Mon Nov 23", "Period 3", "204", "Ana Ruiz", "Reflective debrief", "Overdue"),
        ("Fri Nov 27", "Period 1", "12", ODD_NAME, "Model lesson", "To do"),
    ]
    assert rows(screen.ending_section) == [
        ("Ana Ruiz", "Nearpod virtual labs", "Sun Nov 29", "2 of 4")
    ]
    # Ms. O'Neil has a session today and Ana was seen on Nov 9: nobody is overdue a visit.
    assert rows(screen.not_seen_section) == []
    assert not screen.pilots_section.isVisible()
    assert screen.summary.text() == "1 session today · 2 overdue · 1 cycle ends this week"


def test_empty_sections_say_so_honestly(qtbot, store, recorder):
    save_teacher(store, TeacherForm(name="Ana Ruiz", school="Oak Elementary"))
    screen = open_screen(qtbot, store).screen
    assert screen.pages.currentWidget() is screen.scroll
    assert not screen.today_section.table.isVisible()
    assert screen.today_section.empty.text() == "Nothing scheduled today."
    assert screen.overdue_section.empty.isVisible()
    assert screen.summary.text() == "No sessions today"


# Opening what a row is about


def test_enter_on_a_session_opens_its_cycle(planned, qtbot):
    section = planned.screen.today_section
    focus_row(qtbot, section)
    with qtbot.waitSignal(planned.screen.sig_open_cycle_requested) as opened:
        qtbot.keyClick(section.table, Qt.Key.Key_Return)
    assert opened.args == [planned.ids.new]


def test_enter_on_an_ending_cycle_opens_it(planned, qtbot):
    section = planned.screen.ending_section
    focus_row(qtbot, section)
    with qtbot.waitSignal(planned.screen.sig_open_cycle_requested) as opened:
        qtbot.keyClick(section.table, Qt.Key.Key_Enter)
    assert opened.args == [planned.ids.ending]


def test_enter_on_a_teacher_not_seen_opens_the_teacher(demo, qtbot):
    section = demo.screen.not_seen_section
    focus_row(qtbot, section, 1)
    expected = today_overview(demo.store, TODAY).not_seen[1].teacher_id
    with qtbot.waitSignal(demo.screen.sig_open_teacher_requested) as opened:
        qtbot.keyClick(section.table, Qt.Key.Key_Return)
    assert opened.args == [expected]


def test_enter_on_a_pilot_opens_the_pilot(demo, qtbot):
    section = demo.screen.pilots_section
    focus_row(qtbot, section)
    expected = pilot_notices(today_overview(demo.store, TODAY))[0].pilot_id
    with qtbot.waitSignal(demo.screen.sig_open_pilot_requested) as opened:
        qtbot.keyClick(section.table, Qt.Key.Key_Return)
    assert opened.args == [expected]


def test_double_click_on_an_overdue_row_opens_its_cycle(planned, qtbot):
    table = planned.screen.overdue_section.table
    where = table.visualRect(table.model().index(1, 0)).center()
    # A real double-click starts with a press on the same row; QTest's alone does not.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    with qtbot.waitSignal(planned.screen.sig_open_cycle_requested) as opened:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert opened.args == [planned.ids.ending]


# Keyboard and accessibility


def test_tab_moves_from_list_to_list(planned, qtbot):
    screen = planned.screen
    focus_row(qtbot, screen.today_section)
    for section in (screen.overdue_section, screen.week_section, screen.ending_section):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is section.table
        assert section.table.currentIndex().row() == 0


def test_every_control_has_an_accessible_name(demo):
    controls = [
        w
        for w in demo.screen.findChildren(QAbstractButton)
        + demo.screen.findChildren(QAbstractItemView)
        if w.isVisibleTo(demo.screen) and not isinstance(w, QHeaderView)
    ]
    assert len(controls) > 6
    assert all(w.accessibleName() for w in controls)


# Empty notebook, reloading


def test_empty_notebook_shows_guidance_to_add_teachers(qtbot, store, recorder):
    screen = open_screen(qtbot, store).screen
    assert screen.pages.currentWidget() is screen.empty
    with qtbot.waitSignal(screen.sig_open_teacher_requested) as opened:
        qtbot.mouseClick(screen.empty.buttons["Go to Teachers"], Qt.MouseButton.LeftButton)
    assert opened.args == [None]


def test_visible_screen_reloads_when_data_changes(planned, qtbot):
    complete_session(planned.store, planned.ids.co_teach, SessionDone(TODAY))
    planned.events.announce("observations")
    qtbot.waitUntil(lambda: len(rows(planned.screen.overdue_section)) == 1)


def test_hidden_screen_reloads_when_shown_again(planned, qtbot):
    screen = planned.screen
    screen.hide()
    complete_session(planned.store, planned.ids.co_teach, SessionDone(TODAY))
    planned.events.announce("cycles")
    qtbot.wait(10)
    assert len(rows(screen.overdue_section)) == 2
    screen.show()
    qtbot.waitUntil(lambda: len(rows(screen.overdue_section)) == 1, timeout=5000)


def test_unrelated_changes_do_not_reload(planned, qtbot, monkeypatch):
    reloads = []
    monkeypatch.setattr(planned.screen, "reload", lambda: reloads.append(1))
    planned.events.announce("activities")
    qtbot.wait(10)
    assert reloads == []


def test_a_new_day_reloads_the_lists(qtbot, demo_store, recorder, monkeypatch):
    monkeypatch.setattr(today_screen, "CLOCK_CHECK_MS", 10)
    day = [TODAY]
    screen = open_screen(qtbot, demo_store, today=lambda: day[0]).screen
    day[0] = date(2026, 11, 26)
    qtbot.waitUntil(lambda: screen.date_heading.text() == "Thursday, November 26")
    overview = today_overview(demo_store, day[0])
    assert column(screen.today_section, 2) == [i.teacher_name for i in overview.today_sessions]


# Models and the dialog on their own


@pytest.mark.parametrize(
    "name",
    [
        "today_section",
        "overdue_section",
        "week_section",
        "ending_section",
        "not_seen_section",
        "pilots_section",
    ],
)
def test_section_models_pass_qtmodeltester(qtmodeltester, demo, planned, name):
    qtmodeltester.check(getattr(demo.screen, name).model)
    qtmodeltester.check(getattr(planned.screen, name).model)


@pytest.mark.parametrize(
    ("today", "scheduled", "offered"),
    [
        (TODAY, date(2026, 11, 23), date(2026, 11, 26)),  # overdue: the next school day
        (date(2026, 11, 27), date(2026, 11, 27), date(2026, 11, 30)),  # Friday: Monday
        (TODAY, date(2026, 12, 2), date(2026, 12, 2)),  # still ahead: keeps its day
    ],
)
def test_reschedule_dialog_offers_a_sensible_day(qtbot, today, scheduled, offered):
    dialog = RescheduleDialog("Move the debrief", scheduled, "Period 2", "B-12", today)
    qtbot.addWidget(dialog)
    assert dialog.date_edit.date().toPython() == offered


def test_reschedule_dialog_notes_weekends_and_sets_choices_on_move(qtbot):
    dialog = RescheduleDialog("Move the debrief", date(2026, 11, 23), "Period 2", "B-12", TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.hint.isVisible()
    dialog.date_edit.setDate(QDate(2026, 11, 28))
    assert dialog.hint.isVisible() and "Saturday" in dialog.hint.text()
    dialog.room_edit.setText(" Library ")
    dialog.buttons.accepted.emit()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert (dialog.chosen_date, dialog.chosen_period, dialog.chosen_room) == (
        date(2026, 11, 28),
        "Period 2",
        "Library",
    )


def test_reschedule_dialog_cancel_chooses_nothing(qtbot):
    dialog = RescheduleDialog("Move the debrief", date(2026, 11, 23), "", "", TODAY)
    qtbot.addWidget(dialog)
    dialog.buttons.rejected.emit()
    assert dialog.chosen_date is None
