"""Photos and screenshots kept inside the database, so one file backs up everything."""

import uuid

from sqlalchemy import LargeBinary
from sqlmodel import Field

from app.models.base import Record

MAX_EVIDENCE_BYTES = 8 * 1024 * 1024


class EvidenceFile(Record, table=True):
    __tablename__ = "evidence_file"

    cycle_id: uuid.UUID | None = Field(default=None, foreign_key="coaching_cycle.id", index=True)
    observation_id: uuid.UUID | None = Field(default=None, foreign_key="observation.id", index=True)
    pilot_id: uuid.UUID | None = Field(default=None, foreign_key="pilot.id", index=True)
    filename: str = ""
    mime_type: str = Field(max_length=32)
    caption: str = ""
    # Photos may show students: one reaches the year's portfolio only once the coach ticks it.
    in_portfolio: bool = False
    size_bytes: int = 0
    data: bytes = Field(sa_type=LargeBinary)
