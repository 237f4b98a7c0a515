"""The columns every table shares, and the metadata naming convention."""

import uuid
from datetime import UTC, date, datetime

from pydantic import ConfigDict
from sqlalchemy import BigInteger
from sqlmodel import Field, SQLModel

# Named constraints let Alembic's batch mode alter SQLite tables reliably.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    """The current time in UTC (timestamp columns store aware UTC times)."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """Aware UTC; SQLite hands stamps back naive, and those are UTC already."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class Record(SQLModel):
    """UUID key, UTC creation and change stamps, a soft-delete stamp, and the change number."""

    # Tables never validate on creation, so pydantic need not build validators at import:
    # about 25 ms less at start-up.
    model_config = ConfigDict(defer_build=True)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    created_at: datetime = Field(default_factory=utc_now, nullable=False)
    updated_at: datetime = Field(default_factory=utc_now, nullable=False)
    deleted_at: datetime | None = Field(default=None, index=True)
    # The notebook numbers every insert and update (SQLite triggers, migration 0006), so the
    # district sync sends what changed since the server's last acknowledged number.
    change_sequence: int = Field(
        default=0, sa_type=BigInteger, index=True, sa_column_kwargs={"server_default": "0"}
    )


def as_json_value(value: object) -> object:
    """A column value as JSON: ids as strings, dates ISO 8601, UTC times with offset."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC).isoformat() if value.tzinfo is None else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return None
    return value
