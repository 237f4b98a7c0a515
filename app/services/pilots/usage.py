"""The usage grid: enrolled teachers by pilot week, ticked when the teacher used the tool."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import col, select

from app.models import PilotUsage
from app.models.pilots import UTILISATION_FLOOR_PCT
from app.services.errors import Refused, ValidationError
from app.services.pilots.common import PilotState, check_enrolled, load_state
from app.store import Store
from app.text import percent, percent_against, weekday_day


@dataclass(frozen=True)
class UsageRow:
    teacher_id: uuid.UUID
    teacher_name: str
    used: list[bool]  # one per week of the pilot, week 1 first
    used_weeks: int  # in the weeks run so far
    pct: float | None  # this teacher's share of the weeks run so far


@dataclass(frozen=True)
class UsageGrid:
    pilot_id: uuid.UUID
    weeks: list[int]  # 1 to the pilot's length
    week_starts: list[date]  # the Monday (start day) of each week; empty with no start date
    weeks_elapsed: int  # weeks begun so far; later weeks can't be ticked yet
    rows: list[UsageRow]
    week_pct: list[float | None]  # None for weeks not begun, or with nobody enrolled
    utilisation_pct: float | None
    floor_pct: float
    under_floor: bool | None  # None until there is a week to count
    summary: str


def set_usage(
    store: Store,
    pilot_id: uuid.UUID,
    teacher_id: uuid.UUID,
    week: int,
    used: bool,
    today: date,
) -> None:
    """Tick (or untick) one cell of the grid, committed at once."""
    with store.session() as session:
        state = load_state(session, pilot_id)
        pilot = state.pilot
        check_enrolled(state, teacher_id)
        if not 1 <= week <= pilot.length_weeks:
            raise ValidationError(
                {
                    "week": f"Week {week} is outside this {pilot.length_weeks}-week pilot; "
                    f"pick week 1 to {pilot.length_weeks}."
                }
            )
        if pilot.start_date is None:
            raise Refused(
                f"Set {pilot.tool}'s start date first; usage is ticked week by week from it."
            )
        if week > state.figures(today).weeks_elapsed:
            begins = pilot.start_date + timedelta(weeks=week - 1)
            raise Refused(
                f"Week {week} begins on {weekday_day(begins)}; tick it once it has begun."
            )
        rows = session.exec(
            select(PilotUsage)
            .where(
                PilotUsage.pilot_id == pilot_id,
                PilotUsage.teacher_id == teacher_id,
                PilotUsage.week == week,
                col(PilotUsage.deleted_at).is_(None),
            )
            .order_by(col(PilotUsage.created_at))
        ).all()
        if rows:
            for row in rows:
                row.used = used
        else:
            session.add(PilotUsage(pilot_id=pilot_id, teacher_id=teacher_id, week=week, used=used))


def grid_of(state: PilotState, today: date) -> UsageGrid:
    pilot = state.pilot
    figures = state.figures(today)
    elapsed = figures.weeks_elapsed
    weeks = list(range(1, pilot.length_weeks + 1))
    used_cells = {(u.teacher_id, u.week) for u in state.usage if u.used}
    rows = []
    for teacher in state.teachers:
        used = [(teacher.id, week) in used_cells for week in weeks]
        so_far = sum(used[:elapsed])
        rows.append(
            UsageRow(
                teacher_id=teacher.id,
                teacher_name=teacher.name,
                used=used,
                used_weeks=so_far,
                pct=100.0 * so_far / elapsed if elapsed else None,
            )
        )
    week_pct = [
        100.0 * sum(row.used[week - 1] for row in rows) / len(rows)
        if rows and week <= elapsed
        else None
        for week in weeks
    ]
    pct = figures.utilisation_pct
    return UsageGrid(
        pilot_id=pilot.id,
        weeks=weeks,
        week_starts=[]
        if pilot.start_date is None
        else [pilot.start_date + timedelta(weeks=w - 1) for w in weeks],
        weeks_elapsed=elapsed,
        rows=rows,
        week_pct=week_pct,
        utilisation_pct=pct,
        floor_pct=UTILISATION_FLOOR_PCT,
        under_floor=None if pct is None else pct < UTILISATION_FLOOR_PCT,
        summary=usage_summary(pct, len(rows), elapsed),
    )


def usage_summary(pct: float | None, enrolled: int, elapsed: int) -> str:
    """Utilisation so far against the 30% line, in words."""
    line = f"{percent(UTILISATION_FLOOR_PCT)} line"
    if enrolled == 0:
        return "No teachers are enrolled yet; enrol the volunteers to count their usage."
    if elapsed == 0 or pct is None:
        return "The pilot has not started yet; usage is counted from its first week."
    cells = enrolled * elapsed
    of = f"of {cells} teacher-week{'s' if cells != 1 else ''} so far"
    shown = percent_against(pct, UTILISATION_FLOOR_PCT)
    if pct < UTILISATION_FLOOR_PCT:
        return f"Utilisation {shown} {of} is under the {line}."
    return f"Utilisation {shown} {of} clears the {line}."
