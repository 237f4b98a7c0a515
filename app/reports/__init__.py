"""PDF reports and the CSV export: one renderer per document, each fed plain data by a service.

The data for each comes from `app.services.report_data` (`teacher_report_data`,
`observation_report_data`, `pilot_report_data`, `portfolio_data`, `csv_tables`).
"""

from app.reports.common import ExportCancelled, ExportError
from app.reports.csv_export import write_csv_tables
from app.reports.observation_report import render_observation_report
from app.reports.pilot_report import render_pilot_report
from app.reports.portfolio import render_portfolio
from app.reports.teacher_report import render_teacher_report

__all__ = [
    "ExportCancelled",
    "ExportError",
    "render_observation_report",
    "render_pilot_report",
    "render_portfolio",
    "render_teacher_report",
    "write_csv_tables",
]
