"""Date fields (Reschedule, Settings' school year): ↓ and ↑ on the day move one day."""

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from app.views.common.reschedule_dialog import RescheduleDialog

TODAY = date(2026, 11, 25)


def dialog_on(qtbot, scheduled: date) -> RescheduleDialog:
    dialog = RescheduleDialog("Reschedule the debrief", scheduled, "Period 2", "B-12", TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.date_edit.setFocus()
    return dialog


def shown_date(dialog: RescheduleDialog) -> date:
    return dialog.date_edit.date().toPython()


@pytest.mark.parametrize(
    ("scheduled", "key", "expected"),
    [
        (date(2026, 12, 1), Qt.Key.Key_Down, date(2026, 11, 30)),  # was Mon Dec 7
        (date(2026, 11, 30), Qt.Key.Key_Down, date(2026, 11, 29)),  # was stuck on Monday
        (date(2026, 11, 30), Qt.Key.Key_Up, date(2026, 12, 1)),
        (date(2026, 11, 29), Qt.Key.Key_Up, date(2026, 11, 30)),  # Sunday to Monday
        (date(2026, 12, 31), Qt.Key.Key_Up, date(2027, 1, 1)),
    ],
)
def test_arrow_on_the_weekday_moves_one_day(qtbot, scheduled, key, expected):
    dialog = dialog_on(qtbot, scheduled)
    dialog.date_edit.lineEdit().setCursorPosition(0)  # in "Tue"
    qtbot.keyClick(dialog.date_edit, key)
    assert shown_date(dialog) == expected


def test_arrow_on_the_day_number_crosses_the_month(qtbot):
    dialog = dialog_on(qtbot, date(2026, 12, 1))
    dialog.date_edit.setCurrentSection(dialog.date_edit.Section.DaySection)
    dialog.date_edit.lineEdit().setCursorPosition(len("Tue Dec "))
    for _ in range(3):
        qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Down)
    assert shown_date(dialog) == date(2026, 11, 28)
    assert dialog.hint.text() == "That's a Saturday. Sessions usually fall on school days."


def test_repeated_down_walks_back_day_by_day(qtbot):
    dialog = dialog_on(qtbot, date(2026, 12, 4))
    dialog.date_edit.lineEdit().setCursorPosition(0)
    seen = []
    for _ in range(5):
        qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Down)
        seen.append(shown_date(dialog).day)
    assert seen == [3, 2, 1, 30, 29]


def test_arrow_on_the_month_still_moves_a_month(qtbot):
    dialog = dialog_on(qtbot, date(2026, 12, 4))
    dialog.date_edit.setCurrentSection(dialog.date_edit.Section.MonthSection)
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Down)
    assert shown_date(dialog) == date(2026, 11, 4)


def test_settings_school_year_end_steps_back_across_the_month(qtbot, store):
    from app.views.settings.dialog import SettingsDialog

    dialog = SettingsDialog(store, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.year_end.setDate(QDate(2027, 7, 1))
    dialog.year_end.setFocus()
    dialog.year_end.setCurrentSection(dialog.year_end.Section.DaySection)
    qtbot.keyClick(dialog.year_end, Qt.Key.Key_Down)
    assert dialog.year_end.date().toPython() == date(2027, 6, 30)
