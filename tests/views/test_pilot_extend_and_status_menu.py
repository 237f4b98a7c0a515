"""Extending a pilot lengthens it by the weeks the coach picks, and once a pilot is decided
its Status menu says why its entries are greyed out."""

from datetime import date

import pytest

from app.services.pilots import (
    CheckInput,
    DecisionForm,
    PilotForm,
    create_pilot,
    pilot_detail,
    record_decision,
    save_vetting,
)
from app.services.pilots.common import CRITERIA
from app.services.teachers import TeacherForm, save_teacher
from app.services.today import today_overview
from app.views.shell.main_window import MainWindow

TODAY = date(2026, 11, 25)
FINISHED = date(2026, 10, 19)  # four weeks that ended on Sunday Nov 15: awaiting a decision


@pytest.fixture
def pilot(store):
    teacher = save_teacher(store, TeacherForm(name="Maria Alvarez")).id
    pilot_id = create_pilot(store, PilotForm(tool="Nearpod", start_date=FINISHED), [teacher])
    save_vetting(store, pilot_id, [CheckInput(c, "pass") for c in CRITERIA])
    return pilot_id


@pytest.fixture
def view(qtbot, store, pilot, clock, recorder):
    win = MainWindow(store, today=lambda: TODAY, now=clock.now)
    qtbot.addWidget(win)
    win.resize(1024, 600)
    win.show()
    qtbot.waitExposed(win)
    win.open_pilot(pilot)
    win.pilots.view.tabs.setCurrentIndex(4)
    return win.pilots.view


def test_extend_adds_the_weeks_chosen_and_moves_the_decision_day(store, pilot, view):
    assert [p.tool for p in today_overview(store, TODAY).pilots_awaiting] == ["Nearpod"]
    tab = view.decision
    tab.choice.setCurrentIndex(tab.choice.findText("Extend"))
    assert tab.extra_weeks.isVisibleTo(tab)
    tab.extra_weeks.setValue(3)
    assert tab.extension.text() == (
        "The pilot will run 7 weeks, to Dec 6, 2026; it waits for your decision again after that."
    )
    tab.rationale.setPlainText("Waiting on Clever sign-in.")

    tab.save_button.click()

    row = pilot_detail(store, pilot, TODAY).row
    assert (row.status, row.length_weeks, row.last_day) == ("extended", 7, date(2026, 12, 6))
    assert row.awaiting_decision is False
    assert today_overview(store, TODAY).pilots_awaiting == []
    assert [p.tool for p in today_overview(store, date(2026, 12, 7)).pilots_awaiting] == ["Nearpod"]


def test_an_extension_that_would_end_before_the_decision_says_how_many_weeks_to_add(
    store, pilot, view
):
    tab = view.decision
    tab.choice.setCurrentIndex(tab.choice.findText("Extend"))
    tab.extra_weeks.setValue(1)  # to Sun Nov 22, before today
    tab.rationale.setPlainText("One more week.")

    tab.save_button.click()

    assert tab.messages["extra_weeks"].text() == (
        "1 more week would end the pilot on Sun Nov 22, 2026, before the decision: add at least 2."
    )
    assert pilot_detail(store, pilot, TODAY).row.length_weeks == 4


def test_after_a_decision_the_status_menu_says_why_its_entries_are_disabled(
    qtbot, store, pilot, view
):
    assert not view.status_note.isVisible()
    record_decision(store, pilot, DecisionForm("adopted", "Teachers kept using it.", TODAY))
    view.show_pilot(pilot)

    why = "Decided: Adopt. To change the status, clear the decision on the Decision tab first."
    assert view.status_note.isVisible() and view.status_note.text() == why
    assert all(not a.isEnabled() for a in view.status_actions.values())
    assert all(a.toolTip() == why for a in view.status_actions.values())
    assert view.status_menu.toolTipsVisible()
