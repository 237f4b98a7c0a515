"""PDF reports and the CSV export: one renderer per document, each fed plain data by a service.

The data for each comes from `app.services.reports`, one module per document as here;
`app.reports.catalogue` lists the documents, each with its data builder and renderer.
Names load on first use (PEP 562), so `app.reports.leftovers` can be imported at start-up
without loading ReportLab.
"""

from importlib import import_module

_HOMES = {
    "ExportCancelled": "app.reports.writing",
    "ExportError": "app.reports.writing",
    "write_csv_tables": "app.reports.csv_export",
    "render_observation_report": "app.reports.observation_report",
    "render_pilot_report": "app.reports.pilot_report",
    "render_portfolio": "app.reports.portfolio",
    "render_teacher_report": "app.reports.teacher_report",
    "render_tool_report": "app.reports.tool_report",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
