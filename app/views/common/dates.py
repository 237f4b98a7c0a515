"""Dates as coaches read them, from the one vocabulary in `app.text` (kept for the list
models until they import `app.text` themselves)."""

from app.text import date_span, full_date, month_day, weekday_day

__all__ = ["date_span", "full_date", "month_day", "weekday_day"]
