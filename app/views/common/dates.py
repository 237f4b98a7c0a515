"""Dates as coaches read them: "Mon Nov 3", "Nov 3", "Nov 3, 2026" (no zero padding)."""

from datetime import date


def weekday_day(day: date | None) -> str:
    return "" if day is None else f"{day:%a %b} {day.day}"


def month_day(day: date | None) -> str:
    return "" if day is None else f"{day:%b} {day.day}"


def full_date(day: date | None) -> str:
    return "" if day is None else f"{day:%b} {day.day}, {day.year}"


def date_span(first: date, last: date) -> str:
    if first.year == last.year:
        return f"{month_day(first)} – {full_date(last)}"
    return f"{full_date(first)} – {full_date(last)}"
