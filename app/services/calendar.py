"""School-calendar arithmetic: next Monday, weekdays, school years (August to July)."""

from datetime import date, timedelta


def next_monday(today: date) -> date:
    """The Monday after today (a week on when today is a Monday)."""
    return today + timedelta(days=7 - today.weekday())


def on_school_day(day: date) -> date:
    """A Saturday or Sunday moves to the Monday after it."""
    return day + timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def school_year_of(day: date) -> str:
    """The school year a date falls in, as "2026-2027" (years run August to July)."""
    first = day.year if day.month >= 8 else day.year - 1
    return f"{first}-{first + 1}"


def school_year_bounds(label: str) -> tuple[date, date]:
    first = int(label.split("-")[0])
    return date(first, 8, 1), date(first + 1, 7, 31)
