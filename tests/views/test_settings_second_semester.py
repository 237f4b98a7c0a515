"""Settings' "Second semester starts": the middle of the year until the coach ticks it and
picks the district's day; a day outside the school year is refused under the field."""

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.services.profile import ProfileData, get_profile, save_profile, school_calendar
from app.services.tools import semesters_of
from app.views.settings.dialog import SettingsDialog

TODAY = date(2026, 11, 25)
YEAR_START, YEAR_END = date(2026, 8, 17), date(2027, 6, 11)


@pytest.fixture
def year(store):
    save_profile(store, ProfileData(school_year_start=YEAR_START, school_year_end=YEAR_END))
    return store


def open_settings(qtbot, store) -> SettingsDialog:
    dialog = SettingsDialog(store, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def save(dialog: SettingsDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_unset_it_reads_the_middle_of_the_year(qtbot, year):
    dialog = open_settings(qtbot, year)

    assert not dialog.own_second_start.isChecked()
    assert not dialog.second_start.isEnabled()
    assert dialog.second_start.text() == "the middle of the year"
    assert "Wed Jan 13, 2027" in dialog.second_start.toolTip()
    save(dialog)
    assert get_profile(year).second_semester_start is None


def test_ticked_it_starts_from_the_middle_day_and_saves_the_day_chosen(qtbot, year):
    dialog = open_settings(qtbot, year)
    dialog.own_second_start.setFocus()
    qtbot.keyClick(dialog.own_second_start, Qt.Key.Key_Space)

    assert dialog.second_start.isEnabled()
    assert dialog.second_start.date() == QDate(2027, 1, 13)
    dialog.second_start.setDate(QDate(2027, 1, 19))
    save(dialog)

    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert get_profile(year).second_semester_start == date(2027, 1, 19)
    first, second = semesters_of(school_calendar(year), "2026-2027")
    assert (first.last_day, second.first_day) == (date(2027, 1, 18), date(2027, 1, 19))

    again = open_settings(qtbot, year)
    assert again.own_second_start.isChecked()
    assert again.second_start.date() == QDate(2027, 1, 19)


def test_a_day_outside_the_year_is_refused_under_the_field(qtbot, year):
    dialog = open_settings(qtbot, year)
    dialog.own_second_start.setChecked(True)
    dialog.second_start.setDate(QDate(2027, 7, 20))
    save(dialog)

    message = dialog.messages["second_semester_start"]
    assert message.isVisible()
    assert message.text() == (
        "The second semester starts within the school year: pick a day from Aug 18, 2026 to "
        "Jun 11, 2027, or leave it unset to split the year at its middle day."
    )
    assert dialog.isVisible()  # still open, to put it right
    assert get_profile(year).second_semester_start is None

    dialog.second_start.setDate(QDate(2027, 1, 19))
    save(dialog)
    assert not message.isVisible()
    assert get_profile(year).second_semester_start == date(2027, 1, 19)


def test_unticking_goes_back_to_the_middle_of_the_year(qtbot, year):
    save_profile(
        year,
        ProfileData(
            school_year_start=YEAR_START,
            school_year_end=YEAR_END,
            second_semester_start=date(2027, 1, 19),
        ),
    )
    dialog = open_settings(qtbot, year)
    dialog.own_second_start.setChecked(False)

    assert dialog.second_start.text() == "the middle of the year"
    save(dialog)
    assert get_profile(year).second_semester_start is None


def test_next_years_dates_carry_the_chosen_day_along(qtbot, year):
    dialog = open_settings(qtbot, year)
    dialog.own_second_start.setChecked(True)
    dialog.second_start.setDate(QDate(2027, 1, 19))
    dialog.year_end.setDate(QDate(2028, 6, 9))
    dialog.year_start.setDate(QDate(2027, 8, 16))

    assert dialog.second_start.date() == QDate(2028, 1, 19)
    save(dialog)
    assert get_profile(year).second_semester_start == date(2028, 1, 19)
