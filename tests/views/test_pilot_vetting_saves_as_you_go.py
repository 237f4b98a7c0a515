"""The Vetting tab saves as the coach changes it: nothing typed is thrown away silently."""

from datetime import date

import pytest
from PySide6.QtWidgets import QPushButton

from app.models import CheckResult, VettingCriterion
from app.services.pilots import PilotForm, create_pilot, pilot_detail
from app.services.teachers import TeacherForm, save_teacher
from app.views.shell.main_window import MainWindow

TODAY = date(2026, 11, 25)
PRIVACY = VettingCriterion.PRIVACY.value


@pytest.fixture
def pilots(store):
    teacher = save_teacher(store, TeacherForm(name="Maria Alvarez")).id
    return [
        create_pilot(store, PilotForm(tool=tool, start_date=date(2026, 11, 9)), [teacher])
        for tool in ("Nearpod", "Padlet")
    ]


@pytest.fixture
def main(qtbot, store, pilots, clock, recorder):
    win = MainWindow(store, today=lambda: TODAY, now=clock.now)
    qtbot.addWidget(win)
    win.resize(1024, 600)
    win.show()
    qtbot.waitExposed(win)
    return win


def saved_check(store, pilot_id, criterion=PRIVACY):
    checks = pilot_detail(store, pilot_id, TODAY).vetting.checks
    return next(c for c in checks if c.criterion == criterion)


def vetting_of(main, pilot_id):
    main.open_pilot(pilot_id)
    return main.pilots.view.vetting


def test_choosing_a_result_saves_it_at_once_and_there_is_no_save_button(main, store, pilots):
    vetting = vetting_of(main, pilots[0])

    vetting.editors[PRIVACY].buttons[CheckResult.PASS.value].click()

    assert saved_check(store, pilots[0]).result == "pass"
    assert "Saved" in vetting.saved.text()
    assert not [b for b in vetting.findChildren(QPushButton) if "Save" in b.text()]


def test_evidence_typed_is_saved_after_a_pause(qtbot, main, store, pilots):
    vetting = vetting_of(main, pilots[0])

    qtbot.keyClicks(vetting.editors[PRIVACY].evidence, "Signed DPA on file")

    qtbot.waitUntil(lambda: saved_check(store, pilots[0]).evidence == "Signed DPA on file")


def test_leaving_the_tab_saves_what_was_just_typed(qtbot, main, store, pilots):
    vetting = vetting_of(main, pilots[0])
    qtbot.keyClicks(vetting.editors["sso"].evidence, "Clever works")

    main.pilots.view.tabs.setCurrentIndex(1)  # the Log tab, before the pause is over

    assert saved_check(store, pilots[0], "sso").evidence == "Clever works"


def test_choosing_another_pilot_saves_the_evidence_on_the_first_one(qtbot, main, store, pilots):
    vetting = vetting_of(main, pilots[0])
    qtbot.keyClicks(vetting.editors[PRIVACY].evidence, "Vendor signed the DPA")

    main.open_pilot(pilots[1])

    assert saved_check(store, pilots[0]).evidence == "Vendor signed the DPA"
    assert saved_check(store, pilots[1]).evidence == ""
    assert main.pilots.view.title.text() == "Padlet"
    assert vetting.editors[PRIVACY].evidence.text() == ""


def test_leaving_the_pilots_screen_saves_what_was_just_typed(qtbot, main, store, pilots):
    vetting = vetting_of(main, pilots[0])
    qtbot.keyClicks(vetting.editors["mobile"].evidence, "Works on iPads")

    main.show_screen("today")

    assert saved_check(store, pilots[0], "mobile").evidence == "Works on iPads"


def test_closing_the_window_saves_what_was_just_typed(qtbot, main, store, pilots):
    vetting = vetting_of(main, pilots[0])
    qtbot.keyClicks(vetting.editors["cost"].evidence, "Quote from the vendor")

    main.close()

    assert saved_check(store, pilots[0], "cost").evidence == "Quote from the vendor"
