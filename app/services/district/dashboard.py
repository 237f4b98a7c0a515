"""The director's monthly dashboard, computed in PostgreSQL with SQL aggregates.

Every figure is grouped three ways at once (per school, per coach, and the district) with
GROUPING SETS, and carries how many teachers it is drawn from: a figure from one or two
teachers is shown as "fewer than 3", never as its value (de-identified aggregates).

The rules match the notebook's own: a lesson's time-on-task is its on-task total over its
present total (sweeps with nobody present left out, lessons still recording left out), and a
pilot's utilisation is its used teacher-weeks over enrolled teachers times elapsed weeks; a
tool's utilisation is its teachers with any use this semester over its teachers with a seat,
and its buy-in the share of the teachers answering this quarter whose mean answer is 4 or more.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from app.errors import CoachbookError
from app.models import PicratEngagement, PicratUse
from app.models.pilots import UTILISATION_FLOOR_PCT, utilisation_pct
from app.models.tools import BUY_IN_TARGET_PCT, SUNSET_NOTICE_DAYS
from app.services.district.address import DistrictAddress, DistrictError, connect
from app.services.tools.buy_in import AGREE_SCORE
from app.text import MONTHS, NO_VALUE, full_date, money, percent, percent_against

# A figure drawn from fewer teachers than this is withheld (shown as "fewer than 3").
SMALL_CELL = 3
FEWER_THAN = f"fewer than {SMALL_CELL}"
TREND_MONTHS = 12
NO_SCHOOL = "No school named"
PICRAT_CELLS: tuple[tuple[str, str], ...] = tuple(
    (engagement.value, use.value) for engagement in PicratEngagement for use in PicratUse
)


class DashboardError(CoachbookError):
    """The dashboard could not be made; the message says what to do."""


@dataclass(frozen=True)
class Figure:
    """One figure and the number of teachers it is drawn from."""

    value: float | None
    teachers: int

    @property
    def withheld(self) -> bool:
        return 0 < self.teachers < SMALL_CELL

    def for_json(self) -> float | int | str | None:
        if self.withheld:
            return FEWER_THAN
        if isinstance(self.value, float):
            return round(self.value, 1)
        return self.value


NOTHING = Figure(None, 0)
ZERO = Figure(0, 0)


@dataclass(frozen=True)
class GroupFigures:
    """A school's, a coach's or the whole district's month."""

    name: str
    cycles_started: Figure = ZERO
    cycles_active: Figure = ZERO
    cycles_completed: Figure = ZERO
    goals_met: Figure = ZERO
    sessions_done: Figure = ZERO
    observations: Figure = ZERO
    mean_time_on_task: Figure = NOTHING
    informal_contacts: Figure = ZERO
    # Given by the coach, to any audience: not drawn from named teachers.
    # None for a school: sessions given to no one teacher belong to no school.
    pd_sessions: int | None = 0
    pd_hours: float | None = 0.0

    def for_json(self) -> dict:
        figures = {
            name: getattr(self, name).for_json()
            for name in (
                "cycles_started",
                "cycles_active",
                "cycles_completed",
                "goals_met",
                "sessions_done",
                "observations",
                "mean_time_on_task",
                "informal_contacts",
            )
        }
        if self.pd_sessions is not None and self.pd_hours is not None:
            figures["pd_sessions"] = self.pd_sessions
            figures["pd_hours"] = round(self.pd_hours, 1)
        return {"name": self.name, **figures}


@dataclass(frozen=True)
class TrendMonth:
    month: date  # its first day
    observations: Figure
    mean_time_on_task: Figure


@dataclass(frozen=True)
class PicratRow:
    school: str
    # (engagement, use) -> observations, with the teachers they come from.
    cells: dict[tuple[str, str], Figure]


@dataclass(frozen=True)
class PilotLine:
    tool: str
    coach: str
    status: str
    start_date: date
    length_weeks: int
    enrolled: int
    weeks_elapsed: int
    utilisation_pct: Figure


@dataclass(frozen=True)
class ToolRow:
    tool: str
    # school -> utilisation %, with the enrolled teachers it comes from.
    by_school: dict[str, Figure]


@dataclass(frozen=True)
class CoachSync:
    name: str
    synced_at: datetime | None
    removed: bool


@dataclass(frozen=True)
class ToolInUse:
    """One tool of the coaches' inventories (matched by name), over the schools chosen."""

    tool: str
    coaches: int  # coaches whose inventory holds it
    under_notice: int  # of them, those whose copy is under its 30-day sunset notice
    seated: Figure  # teachers with a seat
    active: Figure  # of them, those with any use this semester (to the month's end)
    utilisation_pct: Figure
    seats_bought: int | None
    yearly_cost: float | None
    cost_per_active_teacher: Figure
    buy_in_pct: Figure  # the quarter's share agreeing, over the teachers who answered
    by_school: dict[str, Figure] = field(default_factory=dict)  # school -> utilisation %

    @property
    def buy_in_met(self) -> bool | None:
        shown = self.buy_in_pct
        if shown.withheld or shown.value is None:
            return None
        return shown.value >= BUY_IN_TARGET_PCT

    def for_json(self) -> dict:
        cost = self.cost_per_active_teacher
        return {
            "tool": self.tool,
            "coaches": self.coaches,
            "coaches_with_sunset_notice": self.under_notice,
            "teachers_with_a_seat": self.seated.for_json(),
            "active_teachers": self.active.for_json(),
            "utilisation_pct": self.utilisation_pct.for_json(),
            "seats_bought": self.seats_bought,
            "yearly_cost": None if self.yearly_cost is None else round(self.yearly_cost, 2),
            "cost_per_active_teacher": FEWER_THAN
            if cost.withheld
            else (None if cost.value is None else round(cost.value, 2)),
            "buy_in_pct": self.buy_in_pct.for_json(),
            "buy_in_met": self.buy_in_met,
            "utilisation_pct_by_school": {s: f.for_json() for s, f in self.by_school.items()},
        }


@dataclass(frozen=True)
class ToolsInUse:
    """The coaches' tool inventories at the month's end: each tool, and the tools leaving."""

    semester: str = ""  # "the first semester of 2026-2027", or each coach's own
    quarter: str = ""  # "Q2 2026-2027", or each coach's own
    tools: list[ToolInUse] = field(default_factory=list)
    under_notice: int = 0  # tools under a sunset notice
    retired_this_year: int = 0  # tools that left the inventory this school year

    def for_json(self) -> dict:
        return {
            "semester": self.semester,
            "buy_in_quarter": self.quarter,
            "buy_in_target_pct": BUY_IN_TARGET_PCT,
            "tools_under_sunset_notice": self.under_notice,
            "tools_retired_this_year": self.retired_this_year,
            "tools": [tool.for_json() for tool in self.tools],
        }


@dataclass(frozen=True)
class DashboardFilter:
    school: str | None = None
    coach_id: uuid.UUID | None = None


@dataclass(frozen=True)
class Dashboard:
    where: str
    month: date  # its first day
    as_of: date  # the day pilots are measured at: the month's last day, or today
    filters: DashboardFilter
    district: GroupFigures
    schools: list[GroupFigures]
    coaches: list[GroupFigures]
    trend: list[TrendMonth]
    picrat: list[PicratRow]
    pilots: list[PilotLine]
    tools: list[ToolRow]
    tool_schools: list[str]
    synced: list[CoachSync]
    coach_ids: dict[str, uuid.UUID] = field(default_factory=dict)
    # Every school the district knows, for the filters, with or without figures this month.
    school_choices: list[str] = field(default_factory=list)
    tools_in_use: ToolsInUse = field(default_factory=ToolsInUse)

    @property
    def month_name(self) -> str:
        return f"{MONTHS[self.month.month - 1]} {self.month.year}"

    @property
    def coaches_synced(self) -> int:
        return sum(1 for c in self.synced if c.synced_at is not None and not c.removed)

    def for_json(self) -> dict:
        return {
            "server": self.where,
            "month": f"{self.month:%Y-%m}",
            "pilots_measured_on": self.as_of.isoformat(),
            "filters": {
                "school": self.filters.school,
                "coach": _coach_name(self, self.filters.coach_id),
            },
            "small_cell_rule": f"a figure drawn from fewer than {SMALL_CELL} teachers "
            f'is shown as "{FEWER_THAN}"',
            "coaches": [
                {
                    "name": c.name,
                    "last_synced": c.synced_at.isoformat() if c.synced_at else None,
                    "removed": c.removed,
                }
                for c in self.synced
            ],
            "district": self.district.for_json(),
            "by_school": [g.for_json() for g in self.schools],
            "by_coach": [g.for_json() for g in self.coaches],
            "time_on_task_by_month": [
                {
                    "month": f"{t.month:%Y-%m}",
                    "observations": t.observations.for_json(),
                    "mean_time_on_task": t.mean_time_on_task.for_json(),
                }
                for t in self.trend
            ],
            "picrat_by_school": [
                {
                    "school": row.school,
                    "cells": {f"{e}/{u}": row.cells[e, u].for_json() for e, u in PICRAT_CELLS},
                }
                for row in self.picrat
            ],
            "pilots": [
                {
                    "tool": p.tool,
                    "coach": p.coach,
                    "status": p.status,
                    "start_date": p.start_date.isoformat(),
                    "length_weeks": p.length_weeks,
                    "teachers": p.enrolled,
                    "weeks_elapsed": p.weeks_elapsed,
                    "utilisation_pct": p.utilisation_pct.for_json(),
                }
                for p in self.pilots
            ],
            "tool_use_by_school": [
                {
                    "tool": row.tool,
                    "schools": {s: f.for_json() for s, f in row.by_school.items()},
                }
                for row in self.tools
            ],
            "tools_in_use": self.tools_in_use.for_json(),
        }


def _coach_name(dashboard: Dashboard, coach_id: uuid.UUID | None) -> str | None:
    if coach_id is None:
        return None
    return next((name for name, cid in dashboard.coach_ids.items() if cid == coach_id), None)


def parse_month(text: str) -> date:
    """The first day of "2026-11"; a clear message for anything else."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return date(year, month, 1)
    except ValueError:
        raise DashboardError(
            f"“{text}” is not a month: write it as YEAR-MONTH, for example 2026-11."
        ) from None


def next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def months_back(first: date, count: int) -> date:
    index = first.year * 12 + first.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


_MEMBER_OF = (
    "EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s "
    "AND pg_has_role(session_user, oid, 'MEMBER'))"
)


def _is_only_a_coach(server) -> bool:
    from app.services.district.schema import COACH_GROUP, DIRECTOR_GROUP

    coach, director = server.execute(
        f"SELECT {_MEMBER_OF}, {_MEMBER_OF}", [COACH_GROUP, DIRECTOR_GROUP]
    ).fetchone()
    return bool(coach and not director)


def is_director(address: DistrictAddress, *, password: str | None = None, ca_file=None) -> bool:
    """Whether this login reads the whole district (the director's role)."""
    from app.services.district.schema import DIRECTOR_GROUP

    with connect(address, ca_file=ca_file, password=password) as server:
        return bool(server.execute(f"SELECT {_MEMBER_OF}", [DIRECTOR_GROUP]).fetchone()[0])


def district_dashboard(
    address: DistrictAddress,
    month: date,
    *,
    today: date,
    filters: DashboardFilter = DashboardFilter(),
    password: str | None = None,
    ca_file: Path | None = None,
) -> Dashboard:
    """The month's figures as this login may read them (a director reads every coach's)."""
    import psycopg

    end = next_month(month)
    as_of = min(end - timedelta(days=1), today)
    params = {
        "month_start": month,
        "month_end": end,
        "trend_start": months_back(month, TREND_MONTHS - 1),
        "as_of": as_of,
        "tools_start": months_back(month, TREND_MONTHS - 1),
        "school": filters.school,
        "coach": filters.coach_id,
        "no_school": NO_SCHOOL,
        "notice_days": SUNSET_NOTICE_DAYS,
        "agree_score": AGREE_SCORE,
    }
    try:
        with connect(address, ca_file=ca_file, password=password) as server:
            server.execute("SET TRANSACTION READ ONLY")
            server.execute("SET TIME ZONE 'UTC'")
            # Compiling these few queries costs more than it saves at a district's size.
            server.execute("SET LOCAL jit = off")
            if _is_only_a_coach(server):
                raise DistrictError(
                    f"{address.user} is a coach's login, which reads only its own records; "
                    "the district dashboard needs a director's login "
                    "(`coachbook district add-director`)."
                )
            coaches = _coaches(server)
            names = {cid: name for cid, (name, _, _) in coaches.items()}
            groups = _group_figures(server, params, names)
            district = groups.pop(("district", None), GroupFigures("District"))
            return Dashboard(
                where=address.where,
                month=month,
                as_of=as_of,
                filters=filters,
                district=district,
                schools=sorted(
                    (g for (kind, _), g in groups.items() if kind == "school"),
                    key=lambda g: g.name.casefold(),
                ),
                coaches=sorted(
                    (g for (kind, _), g in groups.items() if kind == "coach"),
                    key=lambda g: g.name.casefold(),
                ),
                trend=_trend(server, params),
                picrat=_picrat(server, params),
                pilots=_pilots(server, params, names),
                tools=(tools := _tools(server, params)),
                tool_schools=sorted({s for row in tools for s in row.by_school}, key=str.casefold),
                synced=sorted(
                    (CoachSync(n, at, removed) for n, at, removed in coaches.values()),
                    key=lambda c: c.name.casefold(),
                ),
                coach_ids={name: cid for cid, (name, _, _) in coaches.items()},
                school_choices=_school_names(server),
                tools_in_use=_tools_in_use(server, params),
            )
    except psycopg.errors.UndefinedTable:
        raise DistrictError(
            f"The district database at {address.where} is not set up for Coachbook yet; "
            "ask your coordinator to run `coachbook district init`."
        ) from None
    except psycopg.errors.InsufficientPrivilege:
        raise DistrictError(
            f"{address.user} may not read the district's records; the dashboard needs a "
            "director's login (`coachbook district add-director`)."
        ) from None
    except psycopg.OperationalError as exc:
        raise DistrictError(
            f"The connection to {address.where} was lost while the dashboard was read "
            f"({str(exc).strip().splitlines()[-1] if str(exc).strip() else 'no answer'}); "
            "try again.",
            unreachable=True,
        ) from None


def _coaches(server) -> dict[uuid.UUID, tuple[str, datetime | None, bool]]:
    rows = server.execute(
        "SELECT id, name, synced_at, removed_at IS NOT NULL FROM coach ORDER BY name"
    ).fetchall()
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def _school_names(server) -> list[str]:
    rows = server.execute(
        "SELECT DISTINCT btrim(name) FROM school WHERE deleted_at IS NULL AND btrim(name) <> ''"
    ).fetchall()
    return sorted((row[0] for row in rows), key=str.casefold)


# Each teacher's school by name: each coach keeps their own school records, so the district
# groups schools that share a name.
_TEACHER_SCHOOL = """
    SELECT t.id AS teacher_id, t.coach_id,
           COALESCE(NULLIF(btrim(s.name), ''), %(no_school)s) AS school
    FROM teacher t
    LEFT JOIN school s ON s.id = t.school_id AND s.deleted_at IS NULL
    WHERE t.deleted_at IS NULL
"""

_FILTERED = """
    (%(school)s::text IS NULL OR ts.school = %(school)s::text)
    AND (%(coach)s::uuid IS NULL OR ts.coach_id = %(coach)s::uuid)
"""

# The day a cycle finished: a completed one on its last session done, an abandoned one on the
# day it stopped; NULL while it is open.
_CYCLES = f"""
    WITH ts AS ({_TEACHER_SCHOOL}),
    -- Every cycle that may count this month, each part read through an index: begun this
    -- month, still open, a session done since the month began, planned to end or stopped
    -- since then. The flags below decide exactly; this only keeps years of history unread.
    candidates AS (
        SELECT id FROM coaching_cycle
        WHERE deleted_at IS NULL AND start_date >= %(month_start)s AND start_date < %(month_end)s
        UNION
        SELECT id FROM coaching_cycle
        WHERE deleted_at IS NULL AND status IN ('planned', 'active')
        UNION
        SELECT cycle_id FROM cycle_session
        WHERE deleted_at IS NULL AND done_on >= %(month_start)s
        UNION
        SELECT id FROM coaching_cycle
        WHERE deleted_at IS NULL AND status = 'completed'
          AND start_date + 7 * length_weeks >= %(month_start)s
        UNION
        SELECT id FROM coaching_cycle
        WHERE deleted_at IS NULL AND status = 'abandoned' AND stopped_on >= %(month_start)s
    ),
    finished AS (
        SELECT cycle_id, max(done_on) AS last_done
        FROM cycle_session
        WHERE deleted_at IS NULL AND done_on IS NOT NULL
          AND cycle_id IN (SELECT id FROM candidates)
        GROUP BY cycle_id
    ),
    c AS (
        SELECT c.teacher_id, ts.coach_id, ts.school, c.start_date, c.status, c.goal_met,
               CASE c.status
                   WHEN 'completed' THEN COALESCE(f.last_done, c.start_date + 7 * c.length_weeks)
                   WHEN 'abandoned' THEN COALESCE(c.stopped_on, c.start_date)
               END AS finished_on
        FROM coaching_cycle c
        JOIN ts ON ts.teacher_id = c.teacher_id
        LEFT JOIN finished f ON f.cycle_id = c.id
        WHERE c.id IN (SELECT id FROM candidates)
          AND c.deleted_at IS NULL AND c.start_date < %(month_end)s AND {_FILTERED}
    ),
    flagged AS (
        SELECT *,
               start_date >= %(month_start)s AS started,
               (finished_on IS NULL OR finished_on >= %(month_start)s) AS active,
               (status = 'completed' AND finished_on >= %(month_start)s
                AND finished_on < %(month_end)s) AS completed
        FROM c
    )
    SELECT GROUPING(school, coach_id), school, coach_id,
           count(*) FILTER (WHERE started), count(DISTINCT teacher_id) FILTER (WHERE started),
           count(*) FILTER (WHERE active), count(DISTINCT teacher_id) FILTER (WHERE active),
           count(*) FILTER (WHERE completed),
           count(DISTINCT teacher_id) FILTER (WHERE completed),
           count(*) FILTER (WHERE completed AND goal_met),
           count(DISTINCT teacher_id) FILTER (WHERE completed AND goal_met)
    FROM flagged
    GROUP BY GROUPING SETS ((school), (coach_id), ())
"""

_SESSIONS = f"""
    WITH ts AS ({_TEACHER_SCHOOL}),
    -- The month's sessions, each finding its cycle by its key: the sessions are few, the
    -- cycles of ten years many (a join would read every cycle).
    done AS MATERIALIZED (
        SELECT (
            SELECT c.teacher_id FROM coaching_cycle c
            WHERE c.id = s.cycle_id AND c.deleted_at IS NULL
        ) AS teacher_id
        FROM cycle_session s
        WHERE s.deleted_at IS NULL AND s.done_on >= %(month_start)s AND s.done_on < %(month_end)s
    )
    SELECT GROUPING(ts.school, ts.coach_id), ts.school, ts.coach_id,
           count(*), count(DISTINCT done.teacher_id)
    FROM done
    JOIN ts ON ts.teacher_id = done.teacher_id
    WHERE {_FILTERED}
    GROUP BY GROUPING SETS ((ts.school), (ts.coach_id), ())
"""

# One row per lesson with its time-on-task % (NULL while recording or with no one counted).
# Each lesson's sweeps are summed on their own, read from the index of sweep totals, so the
# year's lessons are never sorted and grouped together with their sweeps.
_LESSONS = f"""
    ts AS ({_TEACHER_SCHOOL}),
    lessons AS (
        SELECT o.id, o.teacher_id, ts.coach_id, ts.school, o.observed_on,
               o.picrat_engagement, o.picrat_use,
               CASE WHEN (o.started_at IS NULL OR o.ended_at IS NOT NULL) AND i.present > 0
                    THEN 100.0 * i.on_task / i.present
               END AS pct
        FROM observation o
        JOIN ts ON ts.teacher_id = o.teacher_id
        LEFT JOIN LATERAL (
            SELECT sum(present) AS present, sum(on_task) AS on_task
            FROM observation_interval
            WHERE observation_id = o.id AND deleted_at IS NULL AND present > 0
        ) i ON true
        WHERE o.deleted_at IS NULL
          AND o.observed_on >= %(lessons_start)s AND o.observed_on < %(month_end)s
          AND {_FILTERED}
    )
"""

_OBSERVATIONS = f"""
    WITH {_LESSONS}
    SELECT GROUPING(school, coach_id), school, coach_id,
           count(*), count(DISTINCT teacher_id),
           avg(pct), count(DISTINCT teacher_id) FILTER (WHERE pct IS NOT NULL)
    FROM lessons
    GROUP BY GROUPING SETS ((school), (coach_id), ())
"""

_ACTIVITIES = f"""
    WITH ts AS ({_TEACHER_SCHOOL})
    SELECT GROUPING(ts.school, a.coach_id), ts.school, a.coach_id,
           count(*) FILTER (WHERE a.kind = 'informal_contact'),
           count(DISTINCT a.teacher_id) FILTER (WHERE a.kind = 'informal_contact'),
           count(*) FILTER (WHERE a.kind = 'pd_session'),
           COALESCE(sum(a.minutes) FILTER (WHERE a.kind = 'pd_session'), 0)
    FROM activity a
    LEFT JOIN ts ON ts.teacher_id = a.teacher_id
    WHERE a.deleted_at IS NULL
      AND a.occurred_on >= %(month_start)s AND a.occurred_on < %(month_end)s
      AND (%(school)s::text IS NULL OR ts.school = %(school)s::text)
      AND (%(coach)s::uuid IS NULL OR a.coach_id = %(coach)s::uuid)
    GROUP BY GROUPING SETS ((ts.school), (a.coach_id), ())
"""


def _group_figures(server, params: dict, names: dict) -> dict[tuple, GroupFigures]:
    """Every group's figures, keyed ("school", name), ("coach", id) or ("district", None)."""
    found: dict[tuple, dict] = {}

    def collect(statement: str, extra: dict, unpack) -> None:
        for grouping, school, coach_id, *values in server.execute(statement, {**params, **extra}):
            # GROUPING's bits: 1 for coach_id left out, 2 for school left out.
            if grouping == 3:
                key = ("district", None)
            elif grouping == 1:
                key = ("school", school)
            else:
                key = ("coach", coach_id)
            found.setdefault(key, {}).update(unpack(values))

    collect(
        _CYCLES,
        {},
        lambda v: {
            "cycles_started": Figure(v[0], v[1]),
            "cycles_active": Figure(v[2], v[3]),
            "cycles_completed": Figure(v[4], v[5]),
            "goals_met": Figure(v[6], v[7]),
        },
    )
    collect(_SESSIONS, {}, lambda v: {"sessions_done": Figure(v[0], v[1])})
    collect(
        _OBSERVATIONS,
        {"lessons_start": params["month_start"]},
        lambda v: {
            "observations": Figure(v[0], v[1]),
            "mean_time_on_task": Figure(None if v[2] is None else float(v[2]), v[3]),
        },
    )
    collect(
        _ACTIVITIES,
        {},
        lambda v: {
            "informal_contacts": Figure(v[0], v[1]),
            "pd_sessions": v[2],
            "pd_hours": float(v[3]) / 60,
        },
    )
    groups = {}
    for (kind, key), figures in found.items():
        if kind == "school" and key is None:
            continue  # PD sessions given to no one teacher: counted for the coach only
        if kind == "school":
            figures = {**figures, "pd_sessions": None, "pd_hours": None}
        name = {"district": "District", "school": key, "coach": names.get(key, "A coach")}[kind]
        groups[kind, key] = GroupFigures(name, **figures)
    return groups


def _trend(server, params: dict) -> list[TrendMonth]:
    rows = server.execute(
        f"""
        WITH {_LESSONS}
        SELECT date_trunc('month', observed_on)::date, count(*), count(DISTINCT teacher_id),
               avg(pct), count(DISTINCT teacher_id) FILTER (WHERE pct IS NOT NULL)
        FROM lessons GROUP BY 1
        """,
        {**params, "lessons_start": params["trend_start"]},
    ).fetchall()
    by_month = {row[0]: row for row in rows}
    trend = []
    first = params["trend_start"]
    for offset in range(TREND_MONTHS):
        month = months_back(params["month_start"], TREND_MONTHS - 1 - offset)
        if month < first:
            continue
        row = by_month.get(month)
        if row is None:
            trend.append(TrendMonth(month, ZERO, NOTHING))
            continue
        pct = None if row[3] is None else float(row[3])
        trend.append(TrendMonth(month, Figure(row[1], row[2]), Figure(pct, row[4])))
    return trend


def _picrat(server, params: dict) -> list[PicratRow]:
    rows = server.execute(
        f"""
        WITH {_LESSONS}
        SELECT school, picrat_engagement, picrat_use, count(*), count(DISTINCT teacher_id)
        FROM lessons
        WHERE picrat_engagement IS NOT NULL AND picrat_use IS NOT NULL
        GROUP BY 1, 2, 3
        """,
        {**params, "lessons_start": params["month_start"]},
    ).fetchall()
    schools: dict[str, dict[tuple[str, str], Figure]] = {}
    for school, engagement, use, count, teachers in rows:
        if (engagement, use) in PICRAT_CELLS:
            schools.setdefault(school, {})[engagement, use] = Figure(count, teachers)
    return [
        PicratRow(school, {cell: cells.get(cell, ZERO) for cell in PICRAT_CELLS})
        for school, cells in sorted(schools.items(), key=lambda item: item[0].casefold())
    ]


# Each pilot's enrolled teachers and their used weeks up to the day measured, capped at the
# weeks elapsed (the notebook's `weeks_elapsed` and `utilisation_pct`).
_PILOT_USE = f"""
    WITH ts AS ({_TEACHER_SCHOOL}),
    p AS (
        SELECT p.id, p.coach_id, btrim(p.tool) AS tool, p.status, p.start_date, p.length_weeks,
               CASE WHEN %(as_of)s < p.start_date THEN 0
                    ELSE LEAST(p.length_weeks, (%(as_of)s - p.start_date) / 7 + 1)
               END AS elapsed
        FROM pilot p
        WHERE p.deleted_at IS NULL AND p.start_date IS NOT NULL
          AND p.start_date < %(month_end)s
          AND p.start_date + 7 * p.length_weeks > %(window_start)s
          AND (%(coach)s::uuid IS NULL OR p.coach_id = %(coach)s::uuid)
    ),
    enrolled AS (
        SELECT DISTINCT p.id AS pilot_id, pt.teacher_id, ts.school
        FROM p
        JOIN pilot_teacher pt ON pt.pilot_id = p.id AND pt.deleted_at IS NULL
        JOIN ts ON ts.teacher_id = pt.teacher_id
        WHERE (%(school)s::text IS NULL OR ts.school = %(school)s::text)
    ),
    used AS (
        -- Each enrolled teacher's used weeks, read through the index of used cells.
        SELECT e.pilot_id, e.teacher_id, e.school, u.weeks
        FROM enrolled e
        JOIN p ON p.id = e.pilot_id
        CROSS JOIN LATERAL (
            SELECT count(DISTINCT week) AS weeks FROM pilot_usage
            WHERE pilot_id = e.pilot_id AND teacher_id = e.teacher_id AND used
              AND deleted_at IS NULL AND week BETWEEN 1 AND p.elapsed
        ) u
    )
"""


def _pilots(server, params: dict, names: dict) -> list[PilotLine]:
    rows = server.execute(
        f"""
        {_PILOT_USE}
        SELECT p.tool, p.coach_id, p.status, p.start_date, p.length_weeks, p.elapsed,
               count(used.teacher_id), COALESCE(sum(used.weeks), 0)
        FROM p JOIN used ON used.pilot_id = p.id
        GROUP BY p.id, p.tool, p.coach_id, p.status, p.start_date, p.length_weeks, p.elapsed
        """,
        {**params, "window_start": params["month_start"]},
    ).fetchall()
    lines = []
    for tool, coach_id, status, start, length, elapsed, enrolled, weeks in rows:
        pct = utilisation_pct(int(weeks), enrolled, elapsed)
        lines.append(
            PilotLine(
                tool,
                names.get(coach_id, "A coach"),
                status,
                start,
                length,
                enrolled,
                elapsed,
                Figure(pct, enrolled),
            )
        )
    return sorted(lines, key=lambda p: (p.start_date, p.tool.casefold(), p.coach.casefold()))


def _tools(server, params: dict) -> list[ToolRow]:
    """Each tool's utilisation per school over the pilots of the last twelve months."""
    rows = server.execute(
        f"""
        {_PILOT_USE}
        SELECT lower(p.tool), min(p.tool), used.school,
               COALESCE(sum(used.weeks), 0), sum(p.elapsed), count(DISTINCT used.teacher_id)
        FROM p JOIN used ON used.pilot_id = p.id
        GROUP BY lower(p.tool), used.school
        """,
        {**params, "window_start": params["tools_start"]},
    ).fetchall()
    tools: dict[str, ToolRow] = {}
    for key, tool, school, weeks, possible, teachers in rows:
        row = tools.setdefault(key, ToolRow(tool, {}))
        pct = None if not possible else 100.0 * min(int(weeks), int(possible)) / int(possible)
        row.by_school[school] = Figure(pct, teachers)
    return sorted(tools.values(), key=lambda row: row.tool.casefold())


def _on(year: str, month: str, day: str) -> str:
    """SQL for that month and day in `year`, 29 February being the 28th in a year without it
    (the notebook's `calendar._on`)."""
    month_end = f"make_date({year}, {month}, 1) + interval '1 month' - interval '1 day'"
    return f"make_date({year}, {month}, LEAST({day}, extract(day FROM {month_end})::int))"


# Each coach's semester and quarter holding the day measured, from their own Settings, as the
# notebook works them out (semesters.py, buy_in.py): a school year from its first day to the
# day before the next; its last day as set; the second semester from the day Settings give
# (when it falls inside the year) or else the middle day; each semester split at its middle
# day into two quarters, the fourth running on through the summer.
_TERMS = f"""
    profile AS (
        SELECT c.id AS coach_id,
               (p.school_year_start IS NULL OR p.school_year_end IS NULL) AS unset,
               p.school_year_start, p.school_year_end, p.second_semester_start
        FROM coach c
        LEFT JOIN LATERAL (
            SELECT school_year_start, school_year_end, second_semester_start
            FROM coach_profile
            WHERE coach_id = c.id AND deleted_at IS NULL
            ORDER BY created_at LIMIT 1
        ) p ON true
    ),
    month_days AS (
        SELECT coach_id,
               CASE WHEN unset THEN 8 ELSE extract(month FROM school_year_start)::int END AS fm,
               CASE WHEN unset THEN 1 ELSE extract(day FROM school_year_start)::int END AS fd,
               CASE WHEN unset THEN 7 ELSE extract(month FROM school_year_end)::int END AS lm,
               CASE WHEN unset THEN 31 ELSE extract(day FROM school_year_end)::int END AS ld,
               extract(month FROM second_semester_start)::int AS sm,
               extract(day FROM second_semester_start)::int AS sd,
               extract(year FROM %(as_of)s::date)::int AS y,
               (extract(month FROM %(as_of)s::date)::int,
                extract(day FROM %(as_of)s::date)::int) AS md
        FROM profile
    ),
    years AS (
        SELECT *, (lm, ld) < (fm, fd) AS spans,
               CASE WHEN md >= (fm, fd) THEN y ELSE y - 1 END AS fy
        FROM month_days
    ),
    year_days AS (
        SELECT *, LEAST({_on("fy + spans::int", "lm", "ld")}, eve) AS last_day
        FROM (
            SELECT *, {_on("fy", "fm", "fd")} AS first_day, {_on("fy + 1", "fm", "fd")} - 1 AS eve
            FROM years
        ) y
    ),
    second_semester AS (
        SELECT *,
               CASE WHEN sm IS NOT NULL AND {_on("fy", "sm", "sd")} > first_day
                         AND {_on("fy", "sm", "sd")} <= last_day THEN {_on("fy", "sm", "sd")}
                    WHEN sm IS NOT NULL AND {_on("fy + 1", "sm", "sd")} > first_day
                         AND {_on("fy + 1", "sm", "sd")} <= last_day
                         THEN {_on("fy + 1", "sm", "sd")}
                    ELSE first_day + (last_day - first_day + 1) / 2
               END AS second_first
        FROM year_days
    ),
    semesters AS (
        SELECT coach_id, first_day AS year_first, eve,
               CASE WHEN spans THEN fy || '-' || (fy + 1) ELSE fy::text END AS school_year,
               CASE WHEN %(as_of)s < second_first THEN 1 ELSE 2 END AS semester,
               CASE WHEN %(as_of)s < second_first THEN first_day ELSE second_first END AS s_first,
               CASE WHEN %(as_of)s < second_first THEN second_first - 1 ELSE last_day END AS s_last
        FROM second_semester
    ),
    terms AS (
        SELECT coach_id, year_first, school_year, semester, s_first, s_last,
               LEAST(s_last, %(as_of)s) AS used_by,
               CASE WHEN %(as_of)s < q_middle THEN 2 * semester - 1 ELSE 2 * semester END
                   AS quarter,
               CASE WHEN %(as_of)s < q_middle THEN s_first ELSE q_middle END AS q_first,
               LEAST(%(as_of)s, CASE WHEN %(as_of)s < q_middle THEN q_middle - 1
                                     WHEN semester = 2 THEN eve ELSE s_last END) AS q_last
        FROM (
            SELECT *, s_first + (s_last - s_first + 1) / 2 AS q_middle FROM semesters
        ) s
    )
"""

# Each live tool of the inventories as it stood on the day measured: joined by then, and in
# use, under its sunset notice, or gone (retired; or its notice ended with every step ticked,
# on the later of the two days, as the notebook's sunset rule has it).
_TOOL_COPIES = f"""
    ts AS ({_TEACHER_SCHOOL}),
    {_TERMS},
    copies AS (
        SELECT t.id, t.coach_id, lower(btrim(t.name)) AS key, btrim(t.name) AS name,
               t.licences, t.status, t.notice_date, terms.year_first, terms.used_by,
               terms.s_first, terms.q_first, terms.q_last,
               COALESCE(t.cost_per_year,
                        CASE WHEN t.licences <> 0 THEN t.cost_per_student * t.licences END)
                   AS yearly,
               CASE WHEN t.status = 'retired' THEN COALESCE(t.retired_on, '-infinity'::date)
                    WHEN t.status = 'sunset_notice' AND t.notice_date IS NOT NULL
                         AND t.teachers_told_on IS NOT NULL AND t.work_archived_on IS NOT NULL
                         AND t.sso_removed_on IS NOT NULL AND t.renewal_cancelled_on IS NOT NULL
                    THEN GREATEST(t.notice_date + %(notice_days)s, t.teachers_told_on,
                                  t.work_archived_on, t.sso_removed_on, t.renewal_cancelled_on)
               END AS left_on
        FROM tool t
        JOIN terms ON terms.coach_id = t.coach_id
        WHERE t.deleted_at IS NULL AND t.added_on <= %(as_of)s
          AND (%(coach)s::uuid IS NULL OR t.coach_id = %(coach)s::uuid)
    ),
    states AS (
        SELECT *,
               CASE WHEN left_on <= %(as_of)s THEN 'retired'
                    WHEN status IN ('sunset_notice', 'retired')
                         AND (notice_date IS NULL OR notice_date <= %(as_of)s)
                    THEN 'sunset_notice'
                    ELSE 'in_use'
               END AS state
        FROM copies
    ),
    seats AS (
        SELECT DISTINCT s.id AS tool_id, s.key, s.state, s.yearly IS NOT NULL AS costed,
               s.s_first, s.used_by, tt.teacher_id, ts.school
        FROM states s
        JOIN tool_teacher tt ON tt.tool_id = s.id AND tt.deleted_at IS NULL
        JOIN ts ON ts.teacher_id = tt.teacher_id
        WHERE (%(school)s::text IS NULL OR ts.school = %(school)s::text)
    )
"""

# Each seat (a tool and a teacher: one row each) and whether its teacher used the tool this
# semester, each looked up through the index of active cells.
_TOOL_SEATS = f"""
    WITH {_TOOL_COPIES},
    used AS (
        SELECT seats.*,
               EXISTS (
                   SELECT 1 FROM tool_usage u
                   WHERE u.tool_id = seats.tool_id AND u.teacher_id = seats.teacher_id
                     AND u.active > 0 AND u.deleted_at IS NULL
                     AND u.starts_on BETWEEN seats.s_first AND seats.used_by
               ) AS active
        FROM seats WHERE state <> 'retired'
    )
    SELECT GROUPING(school), key, school,
           count(*), count(*) FILTER (WHERE active), count(*) FILTER (WHERE active AND costed)
    FROM used
    GROUP BY GROUPING SETS ((key), (key, school))
"""

# Each tool's copies: who holds one, its seats bought and yearly cost; and what left.
_TOOL_COPY_FIGURES = f"""
    WITH {_TOOL_COPIES}
    SELECT key, min(name), state, count(*), sum(licences), sum(yearly),
           count(*) FILTER (WHERE state = 'retired' AND left_on >= year_first)
    FROM states
    WHERE %(school)s::text IS NULL OR id IN (SELECT tool_id FROM seats)
    GROUP BY key, state
"""

# The quarter's buy-in: each teacher's latest survey about each tool this quarter, and
# whether the mean of its answers is 4 or more.
_TOOL_BUY_IN = f"""
    WITH {_TOOL_COPIES},
    latest AS (
        SELECT DISTINCT ON (b.tool_id, b.teacher_id) b.id, s.key
        FROM states s
        JOIN buy_in_survey b ON b.tool_id = s.id AND b.deleted_at IS NULL
             AND b.taken_on BETWEEN s.q_first AND s.q_last
        JOIN ts ON ts.teacher_id = b.teacher_id
        WHERE s.state <> 'retired'
          AND (%(school)s::text IS NULL OR ts.school = %(school)s::text)
        ORDER BY b.tool_id, b.teacher_id, b.taken_on DESC, b.created_at DESC
    ),
    means AS (
        SELECT latest.key, (
            SELECT avg(a.score) FROM buy_in_answer a
            WHERE a.survey_id = latest.id AND a.deleted_at IS NULL
        ) AS mean
        FROM latest
    )
    SELECT key, count(mean), count(*) FILTER (WHERE mean >= %(agree_score)s)
    FROM means
    GROUP BY key
"""

_TOOL_TERMS = f"""
    WITH {_TERMS}
    SELECT DISTINCT school_year, semester, s_first, s_last, quarter
    FROM terms
    WHERE coach_id IN (SELECT coach_id FROM tool WHERE deleted_at IS NULL)
      AND (%(coach)s::uuid IS NULL OR coach_id = %(coach)s::uuid)
"""


def _tools_in_use(server, params: dict) -> ToolsInUse:
    """The inventories' tools at the month's end, matched by name across coaches."""
    copies: dict[str, dict] = {}
    retired = set()  # tools by name, however many coaches retired their copy
    for key, name, state, count, licences, yearly, left_this_year in server.execute(
        _TOOL_COPY_FIGURES, params
    ):
        if left_this_year:
            retired.add(key)
        if state == "retired":
            continue
        entry = copies.setdefault(
            key, {"name": name, "coaches": 0, "notice": 0, "licences": None, "yearly": None}
        )
        entry["name"] = min(entry["name"], name)
        entry["coaches"] += count
        if state == "sunset_notice":
            entry["notice"] += count
        if licences is not None:
            entry["licences"] = (entry["licences"] or 0) + int(licences)
        if yearly is not None:
            entry["yearly"] = (entry["yearly"] or 0.0) + float(yearly)
    under_notice = sum(1 for entry in copies.values() if entry["notice"])
    seats: dict[str, tuple[int, int, int]] = {}
    by_school: dict[str, dict[str, Figure]] = {}
    for grouping, key, school, seated, active, active_costed in server.execute(_TOOL_SEATS, params):
        if grouping == 0:
            by_school.setdefault(key, {})[school] = Figure(_share(active, seated), seated)
        else:
            seats[key] = (seated, active, active_costed)
    buy_in = {
        key: Figure(_share(agreeing, answered), answered)
        for key, answered, agreeing in server.execute(_TOOL_BUY_IN, params)
        if answered
    }
    tools = []
    for key, entry in copies.items():
        if params["school"] is not None and key not in seats:
            continue
        seated, active, active_costed = seats.get(key, (0, 0, 0))
        yearly = entry["yearly"]
        cost = None if yearly is None or not active_costed else yearly / active_costed
        tools.append(
            ToolInUse(
                tool=entry["name"],
                coaches=entry["coaches"],
                under_notice=entry["notice"],
                seated=Figure(seated, seated),
                active=Figure(active, seated),
                utilisation_pct=Figure(_share(active, seated), seated),
                seats_bought=entry["licences"],
                yearly_cost=yearly,
                cost_per_active_teacher=Figure(cost, seated),
                buy_in_pct=buy_in.get(key, NOTHING),
                by_school=dict(
                    sorted(by_school.get(key, {}).items(), key=lambda item: item[0].casefold())
                ),
            )
        )
    semester, quarter = _terms_words(server.execute(_TOOL_TERMS, params).fetchall())
    return ToolsInUse(
        semester=semester,
        quarter=quarter,
        tools=sorted(tools, key=lambda t: t.tool.casefold()),
        under_notice=under_notice,
        retired_this_year=len(retired),
    )


def _terms_words(rows) -> tuple[str, str]:
    """The semester and quarter the figures cover, in words, as the notebook names them."""
    if not rows:  # no coach has a tool
        return "", ""
    if len({row[:4] for row in rows}) == 1:
        school_year, number, first, last, _ = rows[0]
        which = "first" if number == 1 else "second"
        semester = f"the {which} semester of {school_year}, {full_date(first)} to {full_date(last)}"
    else:
        semester = "each coach's semester by their own Settings"
    quarters = {(row[0], row[4]) for row in rows}
    if len(quarters) == 1:
        school_year, number = quarters.pop()
        quarter = f"Q{number} {school_year}"
    else:
        quarter = "each coach's quarter by their own Settings"
    return semester, quarter


def _share(part: int, whole: int) -> float | None:
    return None if not whole else 100.0 * part / whole


def figure_text(
    figure: Figure,
    *,
    as_percent: bool = False,
    against: float | None = None,
    as_money: bool = False,
) -> str:
    """A figure as the dashboard prints it: "fewer than 3", "12", "67%", "$12.50" or "—".
    A percentage compared with a line (`against`) is precise enough never to read as it."""
    if figure.withheld:
        return FEWER_THAN
    if figure.value is None:
        return NO_VALUE
    if as_money:
        return money(figure.value)
    if against is not None:
        return percent_against(figure.value, against)
    return percent(figure.value) if as_percent else f"{int(figure.value):,}"


def utilisation_text(figure: Figure) -> str:
    """A tool's utilisation, against the 30% line a tool must clear at the semester's end."""
    return figure_text(figure, against=UTILISATION_FLOOR_PCT)


def buy_in_text(figure: Figure) -> str:
    """A quarter's buy-in share, against the 85% line."""
    return figure_text(figure, against=BUY_IN_TARGET_PCT)


def hours_text(hours: float) -> str:
    return f"{hours:,.1f}"
