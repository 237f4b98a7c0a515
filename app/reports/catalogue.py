"""Every document Coachbook makes, listed once: its words, how its data is gathered and how it
is written. The Reports screen and `coachbook export` both work from this list.

Each document's subject is what it is about: for the teacher report the teacher's id and a
cycle's id (None for the current cycle), for the observation, pilot and tool reports the
record's id, for the portfolio a school year such as "2025-2026", and for the CSV files
whether private notes go in.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.reports.csv_export import write_csv_tables
from app.reports.observation_report import render_observation_report
from app.reports.pilot_report import render_pilot_report
from app.reports.portfolio import render_portfolio
from app.reports.teacher_report import render_teacher_report
from app.reports.tool_report import render_tool_report
from app.services.reports import (
    csv_tables,
    observation_report_data,
    pilot_report_data,
    portfolio_data,
    teacher_report_data,
)
from app.services.reports.shared import CancelCheck, no_cancel
from app.services.reports.tool import tool_report_data
from app.store import Store

TEACHER, OBSERVATION, PILOT, TOOL, PORTFOLIO, CSV = (
    "teacher",
    "observation",
    "pilot",
    "tool",
    "portfolio",
    "csv",
)


@dataclass(frozen=True)
class Document:
    """One document: `gather` builds its plain data from the notebook, and `write(data, out,
    progress=, cancel=)` writes it, returning its pages (a PDF) or the files written (CSV)."""

    key: str
    command: str  # its name after `coachbook export`
    title: str
    reader: str
    description: str
    builder: Callable[[Store, Any, date, CancelCheck], Any]
    write: Callable[..., Any]
    what: Callable[[Any], str]  # the document made from this data, in a sentence's words
    gathering: str = ""  # what the progress line says while a slow builder runs
    is_pdf: bool = True

    def gather(self, store: Store, subject: Any, today: date, cancel: CancelCheck | None = None):
        """This document's data about `subject`; `cancel()` may stop a long gathering."""
        return self.builder(store, subject, today, cancel or no_cancel)


def _teacher(store: Store, subject, today: date, _cancel: CancelCheck):
    teacher_id, cycle_id = subject
    return teacher_report_data(store, teacher_id, today, cycle_id)


def _observation(store: Store, subject, today: date, _cancel: CancelCheck):
    return observation_report_data(store, subject, today)


def _pilot(store: Store, subject, today: date, _cancel: CancelCheck):
    return pilot_report_data(store, subject, today)


def _tool(store: Store, subject, today: date, _cancel: CancelCheck):
    return tool_report_data(store, subject, today)


def _portfolio(store: Store, subject, today: date, cancel: CancelCheck):
    return portfolio_data(store, subject, today, cancel=cancel)


def _tables(store: Store, subject, _today: date, cancel: CancelCheck):
    return csv_tables(store, include_private=bool(subject), cancel=cancel)


DOCUMENTS = (
    Document(
        TEACHER,
        "teacher-report",
        "Teacher coaching report",
        "For the principal",
        "One teacher's cycle: the goal and how it is measured, the sessions, the "
        "time-on-task trend with baseline and target, the outcome and next steps. "
        "Shareable notes only: a private note never appears.",
        _teacher,
        render_teacher_report,
        lambda data: f"the coaching report for {data.teacher_name}",
    ),
    Document(
        OBSERVATION,
        "observation",
        "Observation report",
        "For the teacher, after the debrief",
        "The lesson, the sweep table and chart, the time-on-task %, how it was sampled, "
        "PICRAT and SAMR, shareable notes and evidence photos.",
        _observation,
        render_observation_report,
        lambda data: f"the observation of {data.teacher_name}",
    ),
    Document(
        PILOT,
        "pilot",
        "Pilot report",
        "For the principal or director",
        "The tool, the six vetting checks with evidence, the ESSA tier and cost, the log "
        "summary, utilisation, surveys before and after, the recommendation and the decision.",
        _pilot,
        render_pilot_report,
        lambda data: f"the {data.tool} pilot report",
    ),
    Document(
        TOOL,
        "tool",
        "Tool report",
        "For the budget meeting",
        "One tool of the inventory: the recommendation and its reasons, utilisation this "
        "semester and last, seats used of bought, cost per active teacher, the months, errors "
        "and minutes lost, buy-in by quarter against 85%, the vetting checks and any sunset.",
        _tool,
        render_tool_report,
        lambda data: f"the {data.tool} tool report",
    ),
    Document(
        PORTFOLIO,
        "portfolio",
        "End-of-year portfolio",
        "For your evaluation or certification",
        "A cover, contents with page numbers, the year at a glance, then every cycle, pilot, "
        "the activity log and the evidence photos of one school year.",
        _portfolio,
        render_portfolio,
        lambda data: f"the {data.school_year} portfolio",
        gathering="Gathering the year…",
    ),
    Document(
        CSV,
        "csv",
        "CSV export of every table",
        "For spreadsheets",
        "One CSV file per table (teachers, cycles, sweeps, pilots…) in a folder you choose. "
        "Photos are listed by name; their pictures stay in the notebook. Private notes are "
        "left out unless you include them.",
        _tables,
        write_csv_tables,
        lambda tables: f"{len(tables)} CSV files (one per table)",
        is_pdf=False,
    ),
)
BY_KEY = {d.key: d for d in DOCUMENTS}
BY_COMMAND = {d.command: d for d in DOCUMENTS}
