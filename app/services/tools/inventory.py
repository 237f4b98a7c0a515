"""The inventory as the list shows it: every tool with its semester figures and review."""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, func, select

from app.models import (
    School,
    Teacher,
    Tool,
    ToolCheck,
    ToolLogEntry,
    ToolStatus,
    ToolTeacher,
    ToolUsage,
    as_json_value,
)
from app.models.pilots import CheckResult, VettingCriterion
from app.services.pilots.figures import LostTime
from app.services.profile import calendar_in
from app.services.tools.figures import (
    MonthUse,
    Review,
    SemesterUse,
    cost_per_active_teacher,
    review,
    semester_use,
    yearly_cost,
)
from app.services.tools.record import live_tool
from app.services.tools.semesters import current_semester, last_ended_semester
from app.services.tools.sunset import SunsetState, status_on, sunset_state
from app.store import Store


@dataclass(frozen=True)
class ToolTeacherRow:
    id: uuid.UUID
    name: str
    school: str


@dataclass
class ToolState:
    """A tool with the rows its figures come from, read in one go."""

    tool: Tool
    teachers: list[ToolTeacherRow] = field(default_factory=list)
    checks: dict[str, ToolCheck] = field(default_factory=dict)
    usage: list = field(default_factory=list)  # rows of teacher_id, starts_on, active
    lost: LostTime = field(default_factory=LostTime)


@dataclass(frozen=True)
class ToolRow:
    id: uuid.UUID
    tool: Tool
    teachers: list[ToolTeacherRow]
    schools: list[str]
    checks: dict[str, str]  # criterion: pass, fail or unknown (unknown when never vetted)
    semester: SemesterUse
    last_semester: SemesterUse  # the last semester that ended, which the review judges
    seats_used: int  # teachers with any use this semester
    seats_bought: int | None
    yearly_cost: float | None
    cost_per_active_teacher: float | None
    trend: list[MonthUse]
    review: Review
    lost: LostTime
    # The status as the rules see it: "retired" once a sunset is finished, even before that
    # is recorded (`tool.status` is the column as stored).
    status: str
    sunset: SunsetState | None  # None while the tool is in use

    @property
    def in_inventory(self) -> bool:
        return self.status != ToolStatus.RETIRED

    @property
    def left_on(self) -> date | None:
        """The day it left the inventory: as recorded, or as its finished sunset says."""
        return self.sunset.left_on if self.sunset is not None else self.tool.retired_on


def load_tool_states(session: Session, tool_ids: list[uuid.UUID] | None = None) -> list[ToolState]:
    """Live tools with their licensed teachers (deleted teachers leave), checks and usage."""
    tools_query = select(Tool).where(col(Tool.deleted_at).is_(None)).order_by(col(Tool.name))
    teachers_query = (
        select(ToolTeacher.tool_id, Teacher.id, Teacher.name, School.name)
        .join(Teacher, col(ToolTeacher.teacher_id) == Teacher.id)
        .join(School, col(Teacher.school_id) == School.id, isouter=True)
        .where(col(ToolTeacher.deleted_at).is_(None), col(Teacher.deleted_at).is_(None))
        .order_by(col(Teacher.name))
    )
    checks_query = select(ToolCheck).where(col(ToolCheck.deleted_at).is_(None))
    usage_query = select(
        ToolUsage.tool_id, ToolUsage.teacher_id, ToolUsage.starts_on, ToolUsage.active
    ).where(col(ToolUsage.deleted_at).is_(None))
    lost_query = (
        select(
            ToolLogEntry.tool_id,
            func.count(col(ToolLogEntry.id)),
            func.sum(ToolLogEntry.minutes_lost),
        )
        .where(
            col(ToolLogEntry.deleted_at).is_(None),
            col(ToolLogEntry.resolved).is_(False),
            ToolLogEntry.minutes_lost > 0,
        )
        .group_by(col(ToolLogEntry.tool_id))
    )
    if tool_ids is not None:
        tools_query = tools_query.where(col(Tool.id).in_(tool_ids))
        teachers_query = teachers_query.where(col(ToolTeacher.tool_id).in_(tool_ids))
        checks_query = checks_query.where(col(ToolCheck.tool_id).in_(tool_ids))
        usage_query = usage_query.where(col(ToolUsage.tool_id).in_(tool_ids))
        lost_query = lost_query.where(col(ToolLogEntry.tool_id).in_(tool_ids))
    teachers = defaultdict(dict)
    for tool_id, teacher_id, name, school in session.exec(teachers_query):
        teachers[tool_id][teacher_id] = ToolTeacherRow(teacher_id, name, school or "")
    checks = defaultdict(dict)
    for check in session.exec(checks_query):
        checks[check.tool_id].setdefault(check.criterion, check)
    usage = defaultdict(list)
    for row in session.exec(usage_query):
        usage[row.tool_id].append(row)
    lost = {tool_id: LostTime(n, minutes) for tool_id, n, minutes in session.exec(lost_query)}
    return [
        ToolState(
            tool=tool,
            teachers=list(teachers[tool.id].values()),
            checks=checks[tool.id],
            usage=usage[tool.id],
            lost=lost.get(tool.id, LostTime()),
        )
        for tool in session.exec(tools_query)
    ]


def tool_rows_in(
    session: Session,
    today: date,
    include_retired: bool = False,
    tool_ids: list[uuid.UUID] | None = None,
) -> list[ToolRow]:
    """The inventory's rows inside a unit of work that is already open: every live tool
    but those that have left it (retired, or their sunset finished), unless asked for."""
    calendar = calendar_in(session)
    current, ended = current_semester(calendar, today), last_ended_semester(calendar, today)
    rows = [tool_row(state, current, ended, today) for state in load_tool_states(session, tool_ids)]
    return rows if include_retired else [row for row in rows if row.in_inventory]


def list_tools(store: Store, today: date, include_retired: bool = False) -> list[ToolRow]:
    """Every tool of the inventory, by name, with this semester's figures and its review;
    with `include_retired`, the tools that have left it too (for the portfolio)."""
    with store.session() as session:
        return tool_rows_in(session, today, include_retired)


def get_tool_row(store: Store, tool_id: uuid.UUID, today: date) -> ToolRow:
    """One tool's row, in the inventory or not; NotFound once it is deleted."""
    with store.session() as session:
        live_tool(session, tool_id)
        (row,) = tool_rows_in(session, today, include_retired=True, tool_ids=[tool_id])
        return row


def tool_row(state: ToolState, current, ended, today: date) -> ToolRow:
    tool = state.tool
    licensed = {t.id for t in state.teachers}
    this_semester = semester_use(current, licensed, state.usage, today)
    last_semester = semester_use(ended, licensed, state.usage, today)
    yearly = yearly_cost(tool.cost_per_year, tool.cost_per_student, tool.licences)
    status = status_on(tool, today)
    verdict = review(
        status,
        tool.added_on,
        tool.renewal_date,
        tool.notice_date,
        this_semester,
        last_semester,
        state.lost,
        today,
    )
    return ToolRow(
        id=tool.id,
        tool=tool,
        teachers=state.teachers,
        schools=sorted({t.school for t in state.teachers if t.school}, key=str.casefold),
        checks={
            c.value: state.checks[c.value].result
            if c.value in state.checks
            else CheckResult.UNKNOWN.value
            for c in VettingCriterion
        },
        semester=this_semester,
        last_semester=last_semester,
        seats_used=this_semester.active_teachers,
        seats_bought=tool.licences,
        yearly_cost=yearly,
        cost_per_active_teacher=cost_per_active_teacher(yearly, this_semester.active_teachers),
        trend=this_semester.months,
        review=verdict,
        lost=state.lost,
        status=status,
        sunset=sunset_state(tool, today),
    )


def sunset_json(state: SunsetState | None) -> dict | None:
    if state is None:
        return None
    return {
        "notice_date": state.notice_date.isoformat(),
        "notice_ends_on": state.notice_ends_on.isoformat(),
        "days_left": state.days_left,
        "steps": {step.key: as_json_value(step.done_on) for step in state.steps},
        "all_ticked": state.all_ticked,
        "archive_place": state.archive_place,
        "leaves_on": as_json_value(state.leaves_on),
        "left_on": as_json_value(state.left_on),
    }


def tool_json(row: ToolRow) -> dict:
    """A row for `coachbook list tools --json`: the tool's columns and its figures; its
    status and retired_on as the rules see them, and where its sunset stands."""
    tool = row.tool
    pct = row.semester.utilisation_pct
    cost = row.cost_per_active_teacher
    columns = {c.name: as_json_value(getattr(tool, c.name)) for c in tool.__table__.columns}
    return columns | {
        "status": row.status,
        "retired_on": as_json_value(row.left_on),
        "sunset": sunset_json(row.sunset),
        "schools": row.schools,
        "teachers": [{"id": str(t.id), "name": t.name, "school": t.school} for t in row.teachers],
        "checks": row.checks,
        "semester": row.semester.semester.label,
        "semester_start": row.semester.semester.first_day.isoformat(),
        "semester_end": row.semester.semester.last_day.isoformat(),
        "utilisation_pct": pct,
        "seats_used": row.seats_used,
        "seats_bought": row.seats_bought,
        "yearly_cost": row.yearly_cost,
        "cost_per_active_teacher": None if cost is None else round(cost, 2),
        "trend": [
            {
                "month": m.month.isoformat()[:7],
                "active_teachers": m.active_teachers,
                "utilisation_pct": None
                if m.utilisation_pct is None
                else round(m.utilisation_pct, 1),
            }
            for m in row.trend
        ],
        "unresolved_errors": row.lost.errors,
        "minutes_lost": row.lost.minutes,
        "recommendation": None
        if row.review.recommendation is None
        else row.review.recommendation.value,
        "reasons": row.review.reasons,
    }
