"""One tool's report for the budget meeting, and the portfolio's inventory: plain data made
from the same rows as `coachbook list tools`, so every figure is the list's own."""

import uuid
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from app.models import Pilot, Teacher, Tool, ToolLogEntry
from app.services.errors import NotFound
from app.services.profile import calendar_in
from app.services.reports.lookup import match_id
from app.services.reports.shared import Byline, byline
from app.services.tools.buy_in import QuarterBuyIn, buy_in_for_tools
from app.services.tools.figures import SemesterUse
from app.services.tools.inventory import ToolRow, ToolState, load_tool_states, tool_row
from app.services.tools.semesters import current_semester, last_ended_semester
from app.services.tools.usage_import import find_tool
from app.store import Store


@dataclass(frozen=True)
class ErrorLine:
    """One logged technical error: when, whose class, the minutes it cost and whether it is
    resolved. Its description is the coach's free text and never leaves the notebook."""

    logged_on: date
    teacher_name: str
    minutes_lost: int
    resolved: bool


@dataclass(frozen=True)
class CheckLine:
    criterion: str
    result: str  # pass, fail or unknown, as `list tools` gives it
    evidence: str


@dataclass(frozen=True)
class ToolFigures:
    """A tool's row of the inventory with what the report adds to it."""

    row: ToolRow
    last_semester: SemesterUse | None  # None: it joined the inventory after that semester
    # The school year's four quarters, in order; none read for a tool that has left, in the
    # inventory's list.
    buy_in: list[QuarterBuyIn]

    @property
    def latest_buy_in(self) -> QuarterBuyIn | None:
        """The latest quarter in which any teacher answered the buy-in survey."""
        return next((q for q in reversed(self.buy_in) if q.teachers), None)


@dataclass(frozen=True)
class ToolReportData:
    byline: Byline
    figures: ToolFigures
    checks: list[CheckLine]
    errors: list[ErrorLine]
    pilot_tool: str  # the tool its pilot tried, "" when added by hand (never piloted)

    @property
    def tool(self) -> str:
        return self.figures.row.tool.name


@dataclass(frozen=True)
class InventorySection:
    """The portfolio's inventory: the tools in use, and those retired in the school year."""

    school_year: str
    in_use: list[ToolFigures]
    retired: list[ToolFigures]


def resolve_tool(store: Store, name_or_id: str) -> uuid.UUID:
    """The live tool with this id (or the first 6 or more of its characters) or name (any
    case); NotFound or Refused in words."""
    with store.session() as session:
        try:
            return find_tool(session, name_or_id).id
        except NotFound:
            ids = session.exec(select(Tool.id).where(col(Tool.deleted_at).is_(None))).all()
            found = match_id(name_or_id.strip(), ids, what="tool")
            if found is None:
                raise
            return found


def tool_report_data(store: Store, tool_id: uuid.UUID, today: date) -> ToolReportData:
    """One tool for the budget meeting, its figures exactly as `list tools` has them."""
    with store.session() as session:
        find_tool(session, str(tool_id))  # NotFound in words for a deleted or unknown tool
        ((figures, state),) = _figures_in(session, today, [tool_id], None)
        errors = _error_lines(session, tool_id)
        pilot = figures.row.tool.pilot_id
        origin = session.get(Pilot, pilot) if pilot is not None else None
        pilot_tool = origin.tool if origin is not None else ""
    checks = [
        CheckLine(
            criterion,
            result,
            state.checks[criterion].evidence if criterion in state.checks else "",
        )
        for criterion, result in figures.row.checks.items()
    ]
    return ToolReportData(byline(store, today), figures, checks, errors, pilot_tool)


def tool_figures_in(
    session: Session,
    today: date,
    tool_ids: list[uuid.UUID] | None = None,
    school_year: str | None = None,
) -> list[ToolFigures]:
    """Each live tool's row as `list_tools` makes it, with its buy-in by quarter of
    `school_year` (the one holding today unless told), in a few queries for all of them."""
    return [figures for figures, _state in _figures_in(session, today, tool_ids, school_year)]


def _figures_in(
    session: Session, today: date, tool_ids: list[uuid.UUID] | None, school_year: str | None
) -> list[tuple[ToolFigures, ToolState]]:
    calendar = calendar_in(session)
    current, ended = current_semester(calendar, today), last_ended_semester(calendar, today)
    states = load_tool_states(session, tool_ids)
    # The very rows `list_tools` makes.
    rows = [tool_row(state, current, ended, today) for state in states]
    # Buy-in for the tools asked for, else only for those still in the inventory: reading
    # every answer is most of the time this takes, and a retired tool's is not printed.
    surveyed = [row.id for row in rows if tool_ids is not None or row.in_inventory]
    buy_in = buy_in_for_tools(session, surveyed, calendar, school_year or calendar.year_of(today))
    found = []
    for state, row in zip(states, rows, strict=True):
        # The last semester, once the tool was in the inventory during it.
        last = row.last_semester if state.tool.added_on <= ended.last_day else None
        found.append((ToolFigures(row, last, buy_in.get(row.id, [])), state))
    return found


def inventory_section(store: Store, school_year: str, today: date) -> InventorySection:
    """The tools in use today, and those that left the inventory in `school_year`."""
    with store.session() as session:
        first, last = calendar_in(session).bounds(school_year)
        figures = tool_figures_in(session, today, school_year=school_year)
    in_use = [f for f in figures if f.row.in_inventory]
    retired = [
        f
        for f in figures
        if not f.row.in_inventory and (left := f.row.left_on) is not None and first <= left <= last
    ]
    retired.sort(key=lambda f: (f.row.left_on, f.row.tool.name.casefold()))
    return InventorySection(school_year, in_use, retired)


def _error_lines(session: Session, tool_id: uuid.UUID) -> list[ErrorLine]:
    rows = session.exec(
        select(
            ToolLogEntry.logged_on,
            Teacher.name,
            ToolLogEntry.minutes_lost,
            ToolLogEntry.resolved,
        )
        .join(Teacher, col(ToolLogEntry.teacher_id) == Teacher.id, isouter=True)
        .where(ToolLogEntry.tool_id == tool_id, col(ToolLogEntry.deleted_at).is_(None))
        .order_by(col(ToolLogEntry.logged_on), col(ToolLogEntry.created_at))
    ).all()
    return [ErrorLine(day, name or "", minutes, resolved) for day, name, minutes, resolved in rows]
