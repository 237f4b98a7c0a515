"""The names other packages import from the reports' shared base, which now lives in
`styles`, `text`, `flowables`, `document`, `sections` and `writing`."""

from app.reports.document import FOOTER_NOTE
from app.reports.writing import ExportCancelled, ExportError, write_atomically

__all__ = ["FOOTER_NOTE", "ExportCancelled", "ExportError", "write_atomically"]
