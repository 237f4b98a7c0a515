"""The documents the Reports screen makes: what each is, and how to build it off the GUI thread.

Each build is a plain function of the store, the subject and a `JobState`, so it runs in the
background job helper: progress goes to the bar and Cancel stops it between pages.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.reports import (
    render_observation_report,
    render_pilot_report,
    render_portfolio,
    render_teacher_report,
    write_csv_tables,
)
from app.reports.csv_export import is_replaceable
from app.services import reports as report_data
from app.store import Store
from app.views.jobs import Cancelled, JobState

TEACHER, OBSERVATION, PILOT, PORTFOLIO, CSV = (
    "teacher",
    "observation",
    "pilot",
    "portfolio",
    "csv",
)
# Pages shown in the preview at this many pixels per PDF point: sharp, and quick to draw.
PREVIEW_SCALE = 1.25


@dataclass(frozen=True)
class Document:
    key: str
    title: str
    reader: str
    description: str


DOCUMENTS = (
    Document(
        TEACHER,
        "Teacher coaching report",
        "For the principal",
        "One teacher's cycle: the goal and how it is measured, the sessions, the "
        "time-on-task trend with baseline and target, the outcome and next steps. "
        "Shareable notes only: a private note never appears.",
    ),
    Document(
        OBSERVATION,
        "Observation report",
        "For the teacher, after the debrief",
        "The lesson, the sweep table and chart, the time-on-task %, how it was sampled, "
        "PICRAT and SAMR, shareable notes and evidence photos.",
    ),
    Document(
        PILOT,
        "Pilot report",
        "For the principal or director",
        "The tool, the six vetting checks with evidence, the ESSA tier and cost, the log "
        "summary, utilisation, surveys before and after, the recommendation and the decision.",
    ),
    Document(
        PORTFOLIO,
        "End-of-year portfolio",
        "For your evaluation or certification",
        "A cover, contents with page numbers, the year at a glance, then every cycle, pilot, "
        "the activity log and the evidence photos of one school year.",
    ),
    Document(
        CSV,
        "CSV export of every table",
        "For spreadsheets",
        "One CSV file per table (teachers, cycles, sweeps, pilots…) in a folder you choose. "
        "Photos are listed by name; their pictures stay in the notebook. Private notes are "
        "left out unless you include them.",
    ),
)
BY_KEY = {d.key: d for d in DOCUMENTS}


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
    progress, cancel = _checks(state, "Laying out the pages…")
    render: Callable
    if key == TEACHER:
        teacher_id, cycle_id = subject
        data = report_data.teacher_report_data(store, teacher_id, today, cycle_id)
        render = render_teacher_report
    elif key == OBSERVATION:
        data = report_data.observation_report_data(store, subject, today)
        render = render_observation_report
    elif key == PILOT:
        data = report_data.pilot_report_data(store, subject, today)
        render = render_pilot_report
    elif key == PORTFOLIO:
        state.progress(0, 0, "Gathering the year…")
        data = report_data.portfolio_data(store, subject, today, cancel=cancel)
        render = render_portfolio
    else:
        raise ValueError(f"Not a PDF document: {key}")
    if out is not None:
        return render(data, out, progress=progress, cancel=cancel)
    buffer = io.BytesIO()
    render(data, buffer, progress=progress, cancel=cancel)
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
    store: Store, folder: Path, state: JobState, *, include_private: bool = False
) -> list[Path]:
    progress, cancel = _checks(state, "Writing the tables…")
    tables = report_data.csv_tables(store, include_private=include_private, cancel=cancel)
    return write_csv_tables(tables, folder, progress=progress, cancel=cancel)


def csv_folder_in(chosen: Path, today: date) -> Path:
    """The chosen folder if it is empty or an earlier export (the export replaces it whole);
    else a new folder inside it, so the coach's other files are never touched."""
    if is_replaceable(chosen, report_data.csv_table_names()):
        return chosen
    return chosen / f"Coachbook CSV {today.isoformat()}"


def suggested_name(key: str, subject_label: str, today: date) -> str:
    title = BY_KEY[key].title
    safe = "".join(c for c in subject_label if c.isalnum() or c in " -_.,'").strip()
    return f"{title} - {safe} - {today.isoformat()}.pdf" if safe else f"{title}.pdf"
