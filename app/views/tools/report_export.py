"""Saving one tool's report for the budget meeting from the Tools screen: ask where, build it
off the GUI thread, and say where it went (or why it could not be made)."""

import uuid
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.errors import CoachbookError
from app.reports.catalogue import TOOL
from app.services.tools import list_tools
from app.views.common import dialogs
from app.views.common.context import ScreenContext
from app.views.common.jobs import Job, JobState, start_job
from app.views.reports.documents import build_pdf, suggested_name

PDF_FILTER = "PDF documents (*.pdf)"


def export_tool_report(context: ScreenContext, parent: QWidget, tool_id: uuid.UUID) -> Job | None:
    """Ask for a file and write the tool report there in the background; returns the job,
    or None when the coach cancels the file dialog (or the tool is gone)."""
    today = context.today()
    name = next((r.tool.name for r in list_tools(context.store, today) if r.id == tool_id), None)
    if name is None:
        dialogs.show_error(
            parent,
            "The report was not made",
            "That tool is no longer in the inventory. Choose another tool and try again.",
        )
        return None
    path = dialogs.ask_save_path(
        parent, "Save the tool report", suggested_name(TOOL, name, today), PDF_FILTER
    )
    if path is None:
        return None
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    store = context.store

    def work(state: JobState) -> int:
        return build_pdf(store, TOOL, tool_id, today, state, out=path)

    job = start_job(work, parent)
    job.sig_succeeded.connect(lambda _pages: _saved(context, name, path))
    job.sig_failed.connect(lambda exc: _failed(parent, exc))
    return job


def _saved(context: ScreenContext, name: str, path: Path) -> None:
    context.events.sig_status_message.emit(f"Saved the tool report for {name} to {path}.")


def _failed(parent: QWidget, exc: Exception) -> None:
    if isinstance(exc, CoachbookError | OSError):
        dialogs.show_error(parent, "The report was not made", str(exc))
        return
    raise exc  # unexpected: the crash handler shows and logs it
