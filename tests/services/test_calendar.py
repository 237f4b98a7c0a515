"""School-calendar arithmetic: next Monday, weekends, school years from August to July."""

from datetime import date

import pytest

from app.services.calendar import (
    next_monday,
    on_school_day,
    school_year_bounds,
    school_year_of,
    week_start,
)

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
