"""The old home of the reports' data, kept while app/cli.py still imports it from here.

Everything now lives in `app.services.reports`; import from there.
"""

from app.services.reports import (
    csv_tables,
    observation_report_data,
    pilot_report_data,
    portfolio_data,
    resolve_cycle,
    resolve_observation,
    resolve_pilot,
    resolve_teacher,
    teacher_report_data,
)

__all__ = [
    "csv_tables",
    "observation_report_data",
    "pilot_report_data",
    "portfolio_data",
    "resolve_cycle",
    "resolve_observation",
    "resolve_pilot",
    "resolve_teacher",
    "teacher_report_data",
]
