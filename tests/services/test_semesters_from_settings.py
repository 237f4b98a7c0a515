"""The semesters come from Settings: the second semester's first day when the coach gives it,
the year's middle day when not; a day outside the school year is refused when saved."""

from datetime import date

import pytest

from app.services.calendar import SchoolCalendar
from app.services.errors import ValidationError
from app.services.profile import (
    ProfileData,
    get_profile,
    save_profile,
    school_calendar,
    validate_profile,
)
from app.services.teachers import TeacherForm, save_teacher
from app.services.tools import (
    ToolForm,
    add_tool,
    current_semester,
    last_ended_semester,
    list_tools,
    semesters_of,
)

# Mon 17 Aug 2026 to Fri 11 Jun 2027; the district's second semester starts Tue 19 Jan 2027.
YEAR_START, YEAR_END = date(2026, 8, 17), date(2027, 6, 11)
SECOND_START = date(2027, 1, 19)
MIDDLE = date(2027, 1, 13)  # the year's middle day, when Settings give no second semester


def profile(second: date | None = SECOND_START, **fields) -> ProfileData:
    return ProfileData(
        school_year_start=fields.pop("start", YEAR_START),
        school_year_end=fields.pop("end", YEAR_END),
        second_semester_start=second,
        **fields,
    )


@pytest.fixture
def settings(store):
    save_profile(store, profile())
    return store


def test_the_second_semester_starts_on_the_day_settings_give(settings):
    first, second = semesters_of(school_calendar(settings), "2026-2027")

    assert (first.first_day, first.last_day) == (YEAR_START, date(2027, 1, 18))
    assert (second.first_day, second.last_day) == (SECOND_START, YEAR_END)
    assert get_profile(settings).second_semester_start == SECOND_START


def test_the_boundary_days_fall_each_in_their_own_semester(settings):
    calendar = school_calendar(settings)

    assert current_semester(calendar, date(2027, 1, 18)).number == 1
    assert current_semester(calendar, SECOND_START).number == 2
    assert last_ended_semester(calendar, date(2027, 1, 18)).last_day == date(2026, 6, 11)
    assert last_ended_semester(calendar, SECOND_START).last_day == date(2027, 1, 18)
    # The year's first and last days belong to the first and second semesters.
    assert current_semester(calendar, YEAR_START).number == 1
    assert current_semester(calendar, YEAR_END).number == 2


def test_unset_splits_the_year_at_its_middle_day(store):
    save_profile(store, profile(second=None))
    first, second = semesters_of(school_calendar(store), "2026-2027")

    assert (first.last_day, second.first_day) == (date(2027, 1, 12), MIDDLE)
    assert get_profile(store).second_semester_start is None


def test_clearing_the_day_goes_back_to_the_middle(settings):
    save_profile(settings, profile(second=None))

    assert semesters_of(school_calendar(settings), "2026-2027")[1].first_day == MIDDLE


def test_the_summer_belongs_to_the_second_semester_just_ended(settings):
    calendar = school_calendar(settings)
    july = date(2027, 7, 20)

    assert current_semester(calendar, july).first_day == SECOND_START
    assert last_ended_semester(calendar, july).first_day == SECOND_START
    assert last_ended_semester(calendar, july).last_day == YEAR_END
    # The next year's second semester starts on the same day of the year.
    assert last_ended_semester(calendar, date(2028, 2, 1)).last_day == date(2028, 1, 18)


def test_a_leap_day_start_is_the_28th_in_other_years():
    calendar = SchoolCalendar.from_dates(YEAR_START, YEAR_END, date(2028, 2, 29))

    assert semesters_of(calendar, "2026-2027")[1].first_day == date(2027, 2, 28)
    assert semesters_of(calendar, "2027-2028")[1].first_day == date(2028, 2, 29)


@pytest.mark.parametrize(
    "second",
    [
        date(2026, 8, 1),  # before the year starts
        YEAR_START,  # the first semester would have no day
        date(2027, 6, 12),  # the day after the year's last
        date(2027, 7, 20),  # in the summer
        date(2028, 1, 19),  # the right day in the wrong year
    ],
)
def test_a_day_outside_the_school_year_is_refused_when_saved(settings, second):
    with pytest.raises(ValidationError) as refused:
        save_profile(settings, profile(second=second))

    assert refused.value.errors["second_semester_start"] == (
        "The second semester starts within the school year: pick a day from Aug 18, 2026 to "
        "Jun 11, 2027, or leave it unset to split the year at its middle day."
    )
    # Nothing was saved: the day Settings had stays.
    assert get_profile(settings).second_semester_start == SECOND_START


@pytest.mark.parametrize("second", [date(2026, 8, 18), YEAR_END])
def test_the_day_after_the_first_and_the_last_day_are_accepted(store, second):
    save_profile(store, profile(second=second))
    first, spring = semesters_of(school_calendar(store), "2026-2027")

    assert spring.first_day == second
    assert first.last_day < second and first.first_day == YEAR_START


def test_a_second_semester_needs_the_school_years_days():
    problems = validate_profile(ProfileData(second_semester_start=SECOND_START))

    assert "Set the school year's first and last days too" in problems["second_semester_start"]


def test_a_wrong_year_end_is_told_first_and_alone():
    problems = validate_profile(profile(end=date(2026, 8, 1), second=date(2030, 1, 1)))

    assert set(problems) == {"school_year_end"}


def test_the_tool_figures_follow_the_saved_semesters(settings):
    teacher = save_teacher(settings, TeacherForm(name="Ana Ruiz")).id
    add_tool(settings, ToolForm(name="Padlet"), date(2026, 8, 1), [teacher])

    (row,) = list_tools(settings, date(2027, 1, 18))
    assert row.semester.semester.last_day == date(2027, 1, 18)
    assert row.semester.semester.label == "the first semester of 2026-2027"

    save_profile(settings, profile(second=None))
    (row,) = list_tools(settings, date(2027, 1, 18))
    assert row.semester.semester.first_day == MIDDLE
    assert row.semester.semester.label == "the second semester of 2026-2027"
