"""Building the Reports screen's documents (listed in `app.reports.catalogue`) off the GUI
thread.

Each build is a plain function of the store, the subject and a `JobState`, so it runs in the
background job helper: progress goes to the bar and Cancel stops it between pages.
"""

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.reports.catalogue import BY_KEY, CSV
from app.reports.csv_export import is_replaceable
from app.services.reports import csv_table_names
from app.store import Store
from app.views.common.jobs import Cancelled, JobState

# Pages shown in the preview at this many pixels per PDF point: sharp, and quick to draw.
PREVIEW_SCALE = 1.25


@dataclass(frozen=True)
class Built:
    """A PDF made in memory, and its pages drawn for the preview (raw RGB rows)."""

    pdf: bytes
    pages: list[tuple[int, int, int, bytes]]  # width, height, stride, pixels


def _checks(state: JobState, text: str):
    def progress(done: int, total: int) -> None:
        state.progress(done, total, text)

    def cancel() -> None:
        if state.cancelled:
            raise Cancelled

    return progress, cancel


def build_pdf(
    store: Store, key: str, subject, today: date, state: JobState, out=None
) -> bytes | int:
    """Render one document into `out` (a path) or, without one, into bytes."""
    document = BY_KEY[key]
    if not document.is_pdf:
        raise ValueError(f"Not a PDF document: {key}")
    progress, cancel = _checks(state, "Laying out the pages…")
    if document.gathering:
        state.progress(0, 0, document.gathering)
    data = document.gather(store, subject, today, cancel)
    if out is not None:
        return document.write(data, out, progress=progress, cancel=cancel)
    buffer = io.BytesIO()
    document.write(data, buffer, progress=progress, cancel=cancel)
    return buffer.getvalue()


def build_preview(store: Store, key: str, subject, today: date, state: JobState) -> Built:
    pdf = build_pdf(store, key, subject, today, state)
    return Built(pdf, draw_pages(pdf, state))


def draw_pages(pdf: bytes, state: JobState) -> list[tuple[int, int, int, bytes]]:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    pages = []
    try:
        for number in range(len(document)):
            state.progress(number, len(document), "Drawing the preview…")
            bitmap = document[number].render(scale=PREVIEW_SCALE, rev_byteorder=True)
            pages.append((bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer)))
    finally:
        document.close()
    return pages


def export_csv(
    store: Store, folder: Path, state: JobState, today: date, *, include_private: bool = False
) -> list[Path]:
    document = BY_KEY[CSV]
    progress, cancel = _checks(state, "Writing the tables…")
    tables = document.gather(store, include_private, today, cancel)
    return document.write(tables, folder, progress=progress, cancel=cancel)


def csv_folder_in(chosen: Path, today: date) -> Path:
    """The chosen folder if it is empty or an earlier export (the export replaces it whole);
    else a new folder inside it, so the coach's other files are never touched."""
    if is_replaceable(chosen, csv_table_names()):
        return chosen
    return chosen / f"Coachbook CSV {today.isoformat()}"


def suggested_name(key: str, subject_label: str, today: date) -> str:
    title = BY_KEY[key].title
    safe = "".join(c for c in subject_label if c.isalnum() or c in " -_.,'").strip()
    return f"{title} - {safe} - {today.isoformat()}.pdf" if safe else f"{title}.pdf"
