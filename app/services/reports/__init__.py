"""Plain data for each document, built from the other services; shareable notes only.

One module per document, as in `app.reports`: `teacher`, `observation`, `pilot`,
`portfolio`, `export` (the CSV tables), with `shared` for what they share and `lookup` for
finding what the coach named on the command line.
"""

from app.services.reports.export import TableDump, csv_table_names, csv_tables
from app.services.reports.lookup import (
    resolve_cycle,
    resolve_observation,
    resolve_pilot,
    resolve_teacher,
)
from app.services.reports.observation import ObservationReportData, observation_report_data
from app.services.reports.pilot import PilotReportData, pilot_report_data
from app.services.reports.portfolio import PortfolioData, portfolio_data
from app.services.reports.shared import Byline, CancelCheck
from app.services.reports.teacher import TeacherReportData, teacher_report_data

__all__ = [
    "Byline",
    "CancelCheck",
    "ObservationReportData",
    "PilotReportData",
    "PortfolioData",
    "TableDump",
    "TeacherReportData",
    "csv_table_names",
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
