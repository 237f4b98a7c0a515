"""Bulk inserts for the sample district: rows buffered as dicts, written table by table.

Core bulk inserts instead of ORM objects keep the huge district (about 250,000 rows) well
under a minute. Tables are written in an order where a row's parents always go first.
"""

import uuid
from datetime import datetime
from enum import Enum

from sqlalchemy import insert
from sqlmodel import Session, SQLModel

from app.models import (
    Activity,
    CoachingCycle,
    CycleSession,
    EvidenceFile,
    Note,
    Observation,
    ObservationInterval,
    Pilot,
    PilotLogEntry,
    PilotTeacher,
    PilotUsage,
    School,
    Survey,
    SurveyAnswer,
    Teacher,
    VettingCheck,
)

# (model, plural label) in foreign-key order; the counts come back in this order too.
TABLES: list[tuple[type[SQLModel], str]] = [
    (School, "schools"),
    (Teacher, "teachers"),
    (CoachingCycle, "cycles"),
    (CycleSession, "sessions"),
    (Observation, "observations"),
    (ObservationInterval, "intervals"),
    (Pilot, "pilots"),
    (VettingCheck, "vetting checks"),
    (PilotTeacher, "pilot teachers"),
    (PilotUsage, "usage weeks"),
    (PilotLogEntry, "pilot log entries"),
    (Survey, "surveys"),
    (SurveyAnswer, "survey answers"),
    (Note, "notes"),
    (Activity, "activities"),
    (EvidenceFile, "evidence files"),
]
FLUSH_AT = 20_000


def _defaults(model: type[SQLModel]) -> dict[str, object]:
    """Plain column defaults, so every buffered row of a table has the same keys."""
    defaults = {}
    for name, field in model.model_fields.items():
        if not field.is_required() and field.default_factory is None:
            default = field.default
            defaults[name] = default.value if isinstance(default, Enum) else default
    return defaults


class BulkWriter:
    """Collects rows with fresh ids and one UTC stamp (unless given), in parent order."""

    def __init__(self, session: Session, stamp: datetime):
        self.session = session
        self.stamp = stamp
        self._buffers: dict[type[SQLModel], list[dict]] = {model: [] for model, _ in TABLES}
        self._defaults = {model: _defaults(model) for model, _ in TABLES}
        self._counts = {model: 0 for model, _ in TABLES}
        self._pending = 0

    def add(
        self, model: type[SQLModel], *, row_id: uuid.UUID | None = None, **values: object
    ) -> uuid.UUID:
        """Buffer one row; give `row_id` when children must point at it before it exists."""
        row_id = row_id or uuid.uuid4()
        row = self._defaults[model] | values
        row["id"] = row_id
        # A row may say when it was written (a note jotted during its lesson).
        row["created_at"] = row["updated_at"] = values.get("created_at", self.stamp)
        row["deleted_at"] = None
        self._buffers[model].append(row)
        self._pending += 1
        return row_id

    def flush_if_full(self) -> None:
        if self._pending >= FLUSH_AT:
            self.flush()

    def flush(self) -> None:
        for model, _ in TABLES:
            rows = self._buffers[model]
            if rows:
                self.session.execute(insert(model), rows)
                self._counts[model] += len(rows)
                self._buffers[model] = []
        self._pending = 0

    def counts(self) -> dict[str, int]:
        """Rows written, by plural label, in insertion order."""
        return {label: self._counts[model] for model, label in TABLES}
