"""Semesters: the two halves of the school year that Settings sets.

Settings hold the school year's first and last day and, when the coach gives it, the first
day of the second semester; without it the year is split at its middle day. The first
semester runs from the year's first day to the day before the second begins, the second
from then to the last day. The summer after the last day belongs to neither; the second
semester is then the one just ended.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from app.services.calendar import SchoolCalendar


@dataclass(frozen=True)
class Semester:
    school_year: str  # "2026-2027"
    number: int  # 1 or 2
    first_day: date
    last_day: date

    @property
    def label(self) -> str:
        which = "first" if self.number == 1 else "second"
        return f"the {which} semester of {self.school_year}"

    def holds(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    def ended_by(self, today: date) -> bool:
        return self.last_day < today

    def weeks_to_run(self, today: date) -> int:
        """Weeks left to its last day, a started week counting as a whole one."""
        days_left = (self.last_day - max(today, self.first_day)).days + 1
        return max(0, -(-days_left // 7))

    def weeks_run(self, today: date) -> int:
        """Whole or started weeks from its first day to today, up to its end."""
        if today < self.first_day:
            return 0
        return (min(today, self.last_day) - self.first_day).days // 7 + 1


def semesters_of(calendar: SchoolCalendar, school_year: str) -> tuple[Semester, Semester]:
    first, next_year_eve = calendar.bounds(school_year)
    last = calendar.last_school_day(first, next_year_eve)
    second = calendar.second_semester_first_day(first, last)
    if second is None:
        second = first + timedelta(days=((last - first).days + 1) // 2)
    return (
        Semester(school_year, 1, first, second - timedelta(days=1)),
        Semester(school_year, 2, second, last),
    )


def current_semester(calendar: SchoolCalendar, today: date) -> Semester:
    """The semester holding today; in the summer, the second semester just ended."""
    first, second = semesters_of(calendar, calendar.year_of(today))
    return first if first.holds(today) else second


def last_ended_semester(calendar: SchoolCalendar, today: date) -> Semester:
    """The latest semester whose last day is before today."""
    first, second = semesters_of(calendar, calendar.year_of(today))
    if second.ended_by(today):
        return second
    if first.ended_by(today):
        return first
    previous_year = calendar.year_of(first.first_day - timedelta(days=1))
    return semesters_of(calendar, previous_year)[1]


def second_semester_start_on(start: date, end: date, second: date | None = None) -> date:
    """The day the second semester starts in the school year running from `start` to `end`,
    as Settings would have it (`second`, or the year's middle day when None)."""
    calendar = SchoolCalendar.from_dates(start, end, second)
    return semesters_of(calendar, calendar.year_of(start))[1].first_day
