"""The old home of the reports' data, kept while app/cli.py still imports it from here.

Everything now lives in `app.services.reports`; import from there.
"""

from app.services import reports


def __getattr__(name: str):
    return getattr(reports, name)
