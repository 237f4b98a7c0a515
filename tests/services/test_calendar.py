"""School-calendar arithmetic: next Monday, weekends, and school years (August to July unless
Settings give the coach's own)."""

from datetime import date

import pytest

from app.services.calendar import (
    AUGUST_TO_JULY,
    SchoolCalendar,
    next_monday,
    on_school_day,
    school_year_bounds,
    school_year_of,
    week_start,
)
from app.services.cycles import CycleStart, list_cycles, start_cycle
from app.services.errors import ValidationError
from app.services.profile import get_profile, save_profile, school_calendar
from app.services.teachers import TeacherForm, save_teacher

# The week of Monday 23 November 2026.
MONDAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 23), date(2026, 11, 30)),  # Monday: a week on, never today
        (date(2026, 11, 24), date(2026, 11, 30)),
        (date(2026, 11, 25), date(2026, 11, 30)),
        (date(2026, 11, 26), date(2026, 11, 30)),
        (date(2026, 11, 27), date(2026, 11, 30)),
        (date(2026, 11, 28), date(2026, 11, 30)),
        (date(2026, 11, 29), date(2026, 11, 30)),  # Sunday: tomorrow
    ],
)
def test_next_monday_from_each_weekday(today, expected):
    assert next_monday(today) == expected
    assert expected.weekday() == 0


def test_next_monday_crosses_month_and_year_ends():
    assert next_monday(date(2026, 12, 31)) == date(2027, 1, 4)


@pytest.mark.parametrize("offset", range(5))
def test_a_weekday_stays_a_school_day(offset):
    day = date(2026, 11, 23 + offset)
    assert on_school_day(day) == day


def test_saturday_and_sunday_move_to_the_monday_after():
    assert on_school_day(date(2026, 11, 28)) == date(2026, 11, 30)
    assert on_school_day(date(2026, 11, 29)) == date(2026, 11, 30)
    assert on_school_day(date(2027, 1, 2)) == date(2027, 1, 4)


def test_week_start_is_the_monday_of_that_week():
    assert {week_start(date(2026, 11, d)) for d in range(23, 30)} == {MONDAY}


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2026, 7, 31), "2025-2026"),  # July closes the year that began last August
        (date(2026, 8, 1), "2026-2027"),
        (date(2026, 11, 25), "2026-2027"),
        (date(2027, 1, 1), "2026-2027"),
        (date(2027, 6, 30), "2026-2027"),
        (date(2027, 7, 1), "2026-2027"),
    ],
)
def test_school_year_of_runs_august_to_july(day, year):
    assert school_year_of(day) == year


def test_school_year_bounds_are_august_first_to_july_thirty_first():
    assert school_year_bounds("2026-2027") == (date(2026, 8, 1), date(2027, 7, 31))


def test_every_day_of_a_school_year_maps_back_to_it():
    first, last = school_year_bounds("2025-2026")
    assert school_year_of(first) == school_year_of(last) == "2025-2026"


# The coach's own school year (Settings) ------------------------------------------------


def test_school_years_start_on_the_day_settings_give():
    calendar = SchoolCalendar.from_dates(date(2026, 9, 2), date(2027, 6, 18))

    assert calendar.year_of(date(2026, 9, 1)) == "2025-2026"
    assert calendar.year_of(date(2026, 9, 2)) == "2026-2027"
    assert calendar.year_of(date(2027, 7, 20)) == "2026-2027"  # the summer closes the year
    assert calendar.bounds("2026-2027") == (date(2026, 9, 2), date(2027, 9, 1))


def test_a_year_within_one_calendar_year_is_named_by_that_year():
    calendar = SchoolCalendar.from_dates(date(2027, 1, 27), date(2027, 12, 10))

    assert calendar.year_of(date(2027, 1, 26)) == "2026"
    assert calendar.year_of(date(2027, 12, 20)) == "2027"
    assert calendar.bounds("2027") == (date(2027, 1, 27), date(2028, 1, 26))


def test_a_year_that_starts_on_leap_day_starts_on_the_28th_in_other_years():
    calendar = SchoolCalendar.from_dates(date(2028, 2, 29), date(2028, 12, 15))

    assert calendar.bounds("2027") == (date(2027, 2, 28), date(2028, 2, 28))


def test_an_unset_school_year_runs_august_to_july():
    assert SchoolCalendar.from_dates(None, None) == AUGUST_TO_JULY
    assert AUGUST_TO_JULY.bounds("2026-2027") == school_year_bounds("2026-2027")


def test_the_saved_school_year_drives_the_cycles_years(store):
    teacher = save_teacher(store, TeacherForm(name="Maria Alvarez")).id
    start_cycle(store, CycleStart(teacher_id=teacher, start_date=date(2026, 8, 24)))
    assert [r.school_year for r in list_cycles(store, date(2026, 11, 25))] == ["2026-2027"]

    profile = get_profile(store)
    profile.school_year_start, profile.school_year_end = date(2026, 9, 1), date(2027, 6, 15)
    save_profile(store, profile)

    assert school_calendar(store).year_of(date(2026, 8, 24)) == "2025-2026"
    assert [r.school_year for r in list_cycles(store, date(2026, 11, 25))] == ["2025-2026"]


def test_settings_refuse_a_school_year_longer_than_a_year(store):
    profile = get_profile(store)
    profile.school_year_start, profile.school_year_end = date(2026, 8, 1), date(2027, 8, 1)

    with pytest.raises(ValidationError) as refused:
        save_profile(store, profile)

    assert "a year at most" in refused.value.errors["school_year_end"]
    profile.school_year_end = date(2027, 7, 31)
    save_profile(store, profile)
    assert school_calendar(store) == AUGUST_TO_JULY


def test_the_saved_school_year_drives_the_activity_log_and_the_portfolio(store):
    from app.services.activities import ActivityInput, list_activities, save_activity
    from app.services.reports import portfolio_data

    before_school = date(2026, 8, 24)
    save_activity(
        store,
        ActivityInput(
            kind="informal_contact", occurred_on=before_school, topic="Padlet", audience="Grade 3"
        ),
    )
    profile = get_profile(store)
    profile.school_year_start, profile.school_year_end = date(2026, 9, 1), date(2027, 6, 15)
    save_profile(store, profile)

    assert [a.occurred_on for a in list_activities(store, "2025-2026")] == [before_school]
    assert list_activities(store, "2026-2027") == []
    portfolio = portfolio_data(store, "2025-2026", date(2026, 11, 25))
    assert [a.occurred_on for a in portfolio.activities] == [before_school]
