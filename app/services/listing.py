"""`coachbook list`: every record of a kind as plain dicts, with derived values (DESIGN §4)."""

from collections import defaultdict
from datetime import date

from sqlmodel import SQLModel, col, select

from app.models import (
    CoachingCycle,
    CycleSession,
    Observation,
    ObservationInterval,
    School,
    Teacher,
    as_json_value,
    time_on_task_pct,
)
from app.models.cycles import SESSION_ORDER
from app.models.pilots import UTILISATION_FLOOR_PCT, awaiting_decision
from app.services.collation import sort_key
from app.services.pilots.common import PilotState, load_states
from app.services.tools.inventory import tool_json, tool_rows_in
from app.store import Store
from app.text import percent, percent_against

KINDS = ("teachers", "cycles", "observations", "pilots", "tools")


def record_dict(obj: SQLModel) -> dict:
    """A row keyed by its table's column names, as JSON-ready values."""
    return {c.name: as_json_value(getattr(obj, c.name)) for c in obj.__table__.columns}


def _kind_order(session: CycleSession) -> int:
    return SESSION_ORDER.index(session.kind)


def _by_start(state: PilotState) -> tuple:
    """Oldest start first; pilots with no start date yet come first, as SQL sorts NULL."""
    start = state.pilot.start_date
    return (start is not None, start or date.min, state.pilot.created_at)


def _live(model):
    return select(model).where(col(model.deleted_at).is_(None))


def _grouped(rows, key: str) -> dict:
    groups = defaultdict(list)
    for row in rows:
        groups[getattr(row, key)].append(row)
    return groups


def list_records(store: Store, kind: str, today: date | None = None) -> list[dict]:
    today = today or date.today()
    with store.session() as s:
        if kind == "teachers":
            schools = {school.id: school.name for school in s.exec(select(School))}
            # In the order the app's list shows them (Ł with L), not by code point.
            teachers = sorted(s.exec(_live(Teacher)), key=lambda t: sort_key(t.name))
            return [record_dict(t) | {"school": schools.get(t.school_id, "")} for t in teachers]
        if kind == "cycles":
            sessions = _grouped(s.exec(_live(CycleSession)), "cycle_id")
            return [
                record_dict(c)
                | {"sessions": [record_dict(x) for x in sorted(sessions[c.id], key=_kind_order)]}
                for c in s.exec(_live(CoachingCycle).order_by(CoachingCycle.start_date))
            ]
        if kind == "observations":
            intervals = _grouped(
                s.exec(_live(ObservationInterval).order_by(ObservationInterval.index)),
                "observation_id",
            )
            result = []
            for obs in s.exec(_live(Observation).order_by(Observation.observed_on)):
                sweeps = intervals[obs.id]
                pct = time_on_task_pct((i.on_task, i.present) for i in sweeps)
                result.append(
                    record_dict(obs)
                    | {
                        "intervals": [record_dict(i) for i in sweeps],
                        "time_on_task_pct": pct,
                    }
                )
            return result
        if kind == "pilots":
            result = []
            for state in sorted(load_states(s), key=_by_start):
                figures = state.figures(today)
                pct = figures.utilisation_pct
                result.append(
                    record_dict(state.pilot)
                    | {
                        "teacher_ids": sorted(str(t.id) for t in state.teachers),
                        "teachers": [{"id": str(t.id), "name": t.name} for t in state.teachers],
                        "checks": [record_dict(c) for c in state.checks],
                        "utilisation_pct": pct,
                        "recommendation": figures.recommendation.value,
                        "recommendation_reasons": figures.reasons,
                        "weeks_to_run": figures.weeks_to_run,
                        "awaiting_decision": awaiting_decision(
                            state.pilot.start_date,
                            state.pilot.length_weeks,
                            state.pilot.status,
                            state.pilot.decision,
                            today,
                        ),
                    }
                )
            return result
        if kind == "tools":
            # Every tool, those that have left the inventory too, each with its status.
            return [tool_json(row) for row in tool_rows_in(s, today, include_retired=True)]
    raise ValueError(f"Unknown kind {kind!r}; choose one of {', '.join(KINDS)}.")


# Columns for the plain-text listing: (heading, key).
TEXT_COLUMNS = {
    "teachers": [
        ("Name", "name"),
        ("School", "school"),
        ("Grades", "grades"),
        ("Subjects", "subjects"),
        ("Room", "room"),
        ("Archived", "archived"),
    ],
    "cycles": [("Start", "start_date"), ("Status", "status"), ("Focus", "focus"), ("Id", "id")],
    "observations": [
        ("Date", "observed_on"),
        ("Period", "period"),
        ("Lesson", "lesson"),
        ("On task", "time_on_task_pct"),
        ("Id", "id"),
    ],
    "pilots": [
        ("Tool", "tool"),
        ("Status", "status"),
        ("Utilisation", "utilisation_pct"),
        ("Recommendation", "recommendation"),
        ("Id", "id"),
    ],
    "tools": [
        ("Name", "name"),
        ("Status", "status"),
        ("Utilisation", "utilisation_pct"),
        ("Seats used", "seats_used"),
        ("Bought", "seats_bought"),
        ("Recommendation", "recommendation"),
        ("Id", "id"),
    ],
}


PERCENT_KEYS = ("time_on_task_pct", "utilisation_pct")


def for_json(records: list[dict]) -> list[dict]:
    """The records for `--json`: percentages to one decimal, the rest as stored."""
    return [
        {
            key: round(value, 1) if key in PERCENT_KEYS and value is not None else value
            for key, value in record.items()
        }
        for record in records
    ]


def format_table(kind: str, records: list[dict]) -> str:
    """A plain aligned table for the terminal."""
    columns = TEXT_COLUMNS[kind]
    cells = [[h for h, _ in columns]]
    for record in records:
        cells.append([_cell(key, record.get(key)) for _, key in columns])
    widths = [min(40, max(len(row[i]) for row in cells)) for i in range(len(columns))]
    lines = [
        "  ".join(cell[:40].ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in cells
    ]
    lines.append(f"{len(records)} {kind}")
    return "\n".join(lines)


def _cell(key: str, value) -> str:
    """A value as the app shows it: percentages as on screen, the rest as stored."""
    if value is None:
        return ""
    if key == "time_on_task_pct":
        return percent(value)
    if key == "utilisation_pct":
        return percent_against(value, UTILISATION_FLOOR_PCT)
    return str(value)
