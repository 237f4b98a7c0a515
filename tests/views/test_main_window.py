"""The shell: navigation, shortcuts, honest empty screens, remembered state, settings."""

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.services.cycles import CycleStart, start_cycle
from app.services.profile import get_profile
from app.services.teachers import list_teachers
from app.views.settings.dialog import SettingsDialog
from app.views.shell.main_window import SCREENS, MainWindow


def test_ctrl_number_keys_switch_screens(window, qtbot):
    for number, key in enumerate(SCREENS, start=1):
        qtbot.keyClick(
            window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier
        )
        assert window.current_screen() == key


def test_window_title_names_the_notebook_file(window):
    assert window.windowTitle() == "notebook — Coachbook"


def test_geometry_is_remembered_and_the_app_opens_on_today(qtbot, roster_store, recorder):
    first = MainWindow(roster_store)
    qtbot.addWidget(first)
    first.resize(760, 540)
    first.show_screen("pilots")
    first.close()
    second = MainWindow(roster_store)
    qtbot.addWidget(second)
    assert second.current_screen() == "today"
    assert (second.size().width(), second.size().height()) == (760, 540)


def test_the_window_never_opens_larger_than_the_screen(qtbot, roster_store):
    first = MainWindow(roster_store)
    qtbot.addWidget(first)
    first.show()
    free = first.screen().availableGeometry()
    first.resize(free.width() + 400, free.height() + 300)
    assert first.width() > free.width()  # the size remembered is too big for the screen
    first.close()

    window = MainWindow(roster_store)
    qtbot.addWidget(window)
    window.show()
    frame = window.frameGeometry()
    assert frame.width() <= free.width()
    assert window.height() <= free.height()
    assert free.contains(window.geometry().topLeft())


def test_settings_save_the_coach_profile(qtbot, store):
    dialog = SettingsDialog(store, today=date(2026, 11, 25))
    qtbot.addWidget(dialog)
    dialog.name.setText("Jordan Ellis")
    dialog.district.setText("Riverside USD")
    dialog.interval.setValue(3)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    profile = get_profile(store)
    assert (profile.name, profile.district, profile.default_interval_minutes) == (
        "Jordan Ellis",
        "Riverside USD",
        3,
    )
    assert profile.school_year_start == date(2026, 8, 1)


def test_settings_refuse_a_year_that_ends_before_it_starts(qtbot, store):
    dialog = SettingsDialog(store, today=date(2026, 11, 25))
    qtbot.addWidget(dialog)
    dialog.year_end.setDate(dialog.year_start.date().addDays(-1))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "ends after it starts" in dialog.messages["school_year_end"].text()
    assert get_profile(store).school_year_end is None


def test_the_school_year_saved_in_settings_files_cycles_under_their_year(qtbot, roster_store):
    teacher = list_teachers(roster_store)[0].id
    start_cycle(roster_store, CycleStart(teacher_id=teacher, start_date=date(2026, 8, 24)))
    dialog = SettingsDialog(roster_store, today=date(2026, 11, 25))
    qtbot.addWidget(dialog)
    dialog.year_start.setDate(QDate(2026, 9, 1))
    dialog.year_end.setDate(QDate(2027, 6, 15))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    window = MainWindow(roster_store)
    qtbot.addWidget(window)
    window.show()
    window.show_screen("cycles")
    combo = window.cycles.year_combo
    qtbot.waitUntil(lambda: combo.findData("2025-2026") >= 0, timeout=5000)
    combo.setCurrentIndex(combo.findData("2025-2026"))
    assert window.cycles.proxy.rowCount() == 1  # late August is before this school year began


def test_back_up_now_writes_a_backup(window, qtbot):
    from app.backups import list_backups

    before = len(list_backups(window.store.path))
    window.actions_by_name["backup"].trigger()
    qtbot.waitUntil(lambda: len(list_backups(window.store.path)) > before, timeout=5000)
    qtbot.waitUntil(lambda: "Backed up" in window.statusBar().currentMessage(), timeout=5000)
