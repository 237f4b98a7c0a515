"""School-calendar arithmetic: next Monday, weekdays, and the coach's school years."""

from dataclasses import dataclass
from datetime import date, timedelta


def next_monday(today: date) -> date:
    """The Monday after today (a week on when today is a Monday)."""
    return today + timedelta(days=7 - today.weekday())


def on_school_day(day: date) -> date:
    """A Saturday or Sunday moves to the Monday after it."""
    return day + timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class SchoolCalendar:
    """When the coach's school years start and end, as (month, day), the same every year.

    A year runs from its first day to the day before the next year's first day, so the
    summer after the last day belongs to the year just ended and no record falls between
    two years. A year whose last day comes before its first in the calendar spans two
    calendar years ("2026-2027"); one that starts and ends in the same calendar year is
    named by that year alone ("2026").
    """

    first_day: tuple[int, int] = (8, 1)
    last_day: tuple[int, int] = (7, 31)
    # The second semester's first day; None splits each year at its middle day.
    second_semester_start: tuple[int, int] | None = None

    @classmethod
    def from_dates(
        cls, start: date | None, end: date | None, second_semester_start: date | None = None
    ) -> "SchoolCalendar":
        """The calendar of one school year as saved in Settings; August to July when unset."""
        second = _month_day(second_semester_start)
        if start is None or end is None:
            return cls(second_semester_start=second)
        return cls((start.month, start.day), (end.month, end.day), second)

    @property
    def spans_two_years(self) -> bool:
        return self.last_day < self.first_day

    def year_of(self, day: date) -> str:
        """The school year a date falls in, as "2026-2027" (or "2026")."""
        first = day.year if (day.month, day.day) >= self.first_day else day.year - 1
        return f"{first}-{first + 1}" if self.spans_two_years else str(first)

    def bounds(self, label: str) -> tuple[date, date]:
        """The first day of a school year and the day before the next one starts."""
        first = int(label.split("-")[0])
        return _on(first, self.first_day), _on(first + 1, self.first_day) - timedelta(days=1)

    def last_school_day(self, first: date, next_year_eve: date) -> date:
        """The last day as Settings set it (Jun 30) for the year beginning on `first`, not
        the day before the next year begins (Jul 31), which the year's records still run to."""
        year = first.year + 1 if self.spans_two_years else first.year
        return min(_on(year, self.last_day), next_year_eve)

    def second_semester_first_day(self, first: date, last: date) -> date | None:
        """The second semester's first day as Settings set it, in the year running from
        `first` to its last school day `last`; None when unset or outside that year (the
        first semester must keep a day of its own)."""
        if self.second_semester_start is None:
            return None
        for year in (first.year, first.year + 1):
            day = _on(year, self.second_semester_start)
            if first < day <= last:
                return day
        return None


AUGUST_TO_JULY = SchoolCalendar()


def _on(year: int, month_day: tuple[int, int]) -> date:
    """That month and day in `year`; 29 February is the 28th in a year without it."""
    month, day = month_day
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, month, day - 1)


def _month_day(day: date | None) -> tuple[int, int] | None:
    return None if day is None else (day.month, day.day)


def school_year_of(day: date, calendar: SchoolCalendar = AUGUST_TO_JULY) -> str:
    """The school year a date falls in, as "2026-2027" (August to July unless told)."""
    return calendar.year_of(day)


def school_year_bounds(label: str, calendar: SchoolCalendar = AUGUST_TO_JULY) -> tuple[date, date]:
    return calendar.bounds(label)
