"""The sample's tool inventory: the adopted pilots joined as the app joins them, and tools
added by hand in every state of the semester review and of a sunset: one under its notice
with half its steps ticked, one whose notice ended with every step ticked (it has left the
inventory, though nothing recorded that yet), and one retired after its sunset."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import insert
from sqlmodel import Session, col, func, select

from app.models import (
    Pilot,
    PilotStatus,
    Tool,
    ToolLogEntry,
    ToolStage,
    ToolStatus,
    ToolTeacher,
    ToolUsage,
    UsageMeasure,
    UsageSource,
    UsageSpan,
)
from app.models.tools import SUNSET_NOTICE_DAYS
from app.services.calendar import week_start
from app.services.demo.context import DemoContext
from app.services.profile import calendar_in
from app.services.tools.record import join_inventory
from app.services.tools.semesters import current_semester, last_ended_semester
from app.services.tools.sunset import SUNSET_STEPS, sunset_state


@dataclass(frozen=True)
class HandTool:
    name: str
    vendor: str
    stage: str
    status: str
    # Shares of the seated teachers who used it in the last semester and so far in this one.
    last_share: float
    this_share: float
    renews_in_days: int | None = None
    losing_time: bool = False
    # A sunset's notice started this many days ago, with the first `steps_ticked` steps done.
    notice_days_ago: int | None = None
    steps_ticked: int = 0
    archive_place: str = ""


HAND_TOOLS = (
    HandTool("Nearpod", "Nearpod Inc.", ToolStage.FULL, ToolStatus.IN_USE, 0.75, 0.7, 210),
    HandTool(
        "Flocabulary", "Nerdy", ToolStage.GRADE_LEVEL_TEAMS, ToolStatus.IN_USE, 0.15, 0.2, 150
    ),
    HandTool(
        "Pear Deck",
        "GoGuardian",
        ToolStage.GRADE_LEVEL_TEAMS,
        ToolStatus.IN_USE,
        0.6,
        0.6,
        losing_time=True,
    ),
    HandTool("Quizizz", "Quizizz Inc.", ToolStage.PILOT, ToolStatus.IN_USE, 0.1, 0.1, 40),
    HandTool(
        "Edpuzzle",
        "Edpuzzle",
        ToolStage.FULL,
        ToolStatus.SUNSET_NOTICE,
        0.2,
        0.1,
        notice_days_ago=10,
        steps_ticked=2,
        archive_place="District Drive › Retired tools › Edpuzzle",
    ),
    HandTool(
        "Padlet",
        "Wallwisher Inc.",
        ToolStage.PILOT,
        ToolStatus.RETIRED,
        0.1,
        0.0,
        notice_days_ago=60,
        steps_ticked=len(SUNSET_STEPS),
        archive_place="District Drive › Retired tools › Padlet",
    ),
    # Its notice ended with every step ticked: it has left the inventory.
    HandTool(
        "Socrative",
        "Showbie",
        ToolStage.GRADE_LEVEL_TEAMS,
        ToolStatus.SUNSET_NOTICE,
        0.2,
        0.05,
        notice_days_ago=SUNSET_NOTICE_DAYS + 5,
        steps_ticked=len(SUNSET_STEPS),
        archive_place="District Drive › Retired tools › Socrative",
    ),
)


def build_tools(ctx: DemoContext, session: Session) -> dict[str, int]:
    """After the pilots are written: returns row counts by plural label."""
    calendar = calendar_in(session)
    this = current_semester(calendar, ctx.today)
    last = last_ended_semester(calendar, ctx.today)
    adopted = session.exec(
        select(Pilot).where(
            Pilot.status == PilotStatus.ADOPTED.value, col(Pilot.deleted_at).is_(None)
        )
    ).all()
    usage = []
    for pilot in adopted:
        tool_id = join_inventory(session, pilot)
        if tool_id is None:
            continue
        session.flush()
        seated = session.exec(select(ToolTeacher.teacher_id).where(ToolTeacher.tool_id == tool_id))
        # Adopted because teachers used it: most keep using it.
        first = max(pilot.decision_date or ctx.today, last.first_day)
        usage += _weeks(ctx, tool_id, list(seated), 0.8, first, ctx.today)
    current = [t for t in ctx.teachers if t.left_on is None]
    seats = max(4, min(60, len(current) // 3))
    for hand in HAND_TOOLS:
        teacher_ids = [t.id for t in ctx.rng.sample(current, min(seats, len(current)))]
        tool = Tool(
            name=hand.name,
            vendor=hand.vendor,
            licences=len(teacher_ids) + 10,
            cost_per_year=float(ctx.rng.choice((900, 1500, 2400, 4800))),
            renewal_date=None
            if hand.renews_in_days is None
            else ctx.today + timedelta(days=hand.renews_in_days),
            stage=hand.stage,
            status=hand.status,
            added_on=last.first_day - timedelta(days=30),
        )
        _sunset(tool, hand, ctx.today)
        session.add(tool)
        for teacher_id in teacher_ids:
            session.add(ToolTeacher(tool_id=tool.id, teacher_id=teacher_id))
        usage += _weeks(ctx, tool.id, teacher_ids, hand.last_share, last.first_day, last.last_day)
        usage += _weeks(ctx, tool.id, teacher_ids, hand.this_share, this.first_day, ctx.today)
        if hand.losing_time:
            session.add(
                ToolLogEntry(
                    tool_id=tool.id,
                    logged_on=ctx.today - timedelta(days=3),
                    teacher_id=teacher_ids[0],
                    description="Students were signed out mid-lesson and couldn't rejoin.",
                    minutes_lost=25,
                )
            )
    session.flush()
    if usage:
        session.execute(insert(ToolUsage), usage)
    counted = ((Tool, "tools"), (ToolTeacher, "tool seats"), (ToolUsage, "tool usage weeks"))
    return {
        label: session.exec(select(func.count()).select_from(model)).one()
        for model, label in counted
    }


def _sunset(tool: Tool, hand: HandTool, today: date) -> None:
    """The notice and the steps ticked, a few days apart, as a coach works through them."""
    if hand.notice_days_ago is None:
        return
    tool.notice_date = today - timedelta(days=hand.notice_days_ago)
    tool.archive_place = hand.archive_place
    last_tick = min(today, tool.notice_date + timedelta(days=SUNSET_NOTICE_DAYS - 2))
    ticked = [key for key, _label in SUNSET_STEPS[: hand.steps_ticked]]
    for n, key in enumerate(ticked):
        # Spread over the notice so far, the first the day after it started.
        share = (n + 1) / len(SUNSET_STEPS)
        span = (last_tick - tool.notice_date).days
        setattr(tool, key, tool.notice_date + timedelta(days=max(1, round(share * span))))
    if hand.status == ToolStatus.RETIRED:
        state = sunset_state(tool, today)
        tool.retired_on = state.leaves_on if state is not None else None


def _weeks(
    ctx: DemoContext, tool_id: uuid.UUID, teacher_ids: list, share: float, first: date, last: date
) -> list[dict]:
    """Active days by week for `share` of the teachers, between two days."""
    users = teacher_ids[: round(share * len(teacher_ids))]
    mondays = []
    monday = week_start(first) + timedelta(weeks=1 if first.weekday() else 0)
    while monday <= last:
        mondays.append(monday)
        monday += timedelta(weeks=1)
    rows = []
    for teacher_id in users:
        for monday in ctx.rng.sample(mondays, min(len(mondays), ctx.rng.randint(1, 6))):
            rows.append(
                {
                    "id": uuid.uuid4(),
                    "created_at": ctx.writer.stamp,
                    "updated_at": ctx.writer.stamp,
                    "deleted_at": None,
                    "tool_id": tool_id,
                    "teacher_id": teacher_id,
                    "starts_on": monday,
                    "span": UsageSpan.WEEK.value,
                    "active": ctx.rng.randint(1, 5),
                    "measure": UsageMeasure.ACTIVE_DAYS.value,
                    "source": UsageSource.IMPORT.value,
                }
            )
    return rows
