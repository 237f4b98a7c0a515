"""change sequence: every row carries the notebook's change number, for the district sync

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every table of the notebook at this revision, parents first.
TABLES = (
    "coach_profile",
    "pilot",
    "school",
    "survey_item",
    "teacher",
    "vetting_check",
    "activity",
    "coaching_cycle",
    "pilot_log_entry",
    "pilot_teacher",
    "pilot_usage",
    "cycle_session",
    "survey",
    "observation",
    "survey_answer",
    "evidence_file",
    "note",
    "observation_interval",
)


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("change_sequence", sa.BigInteger(), nullable=False, server_default="0")
            )
            batch_op.create_index(
                batch_op.f(f"ix_{table}_change_sequence"), ["change_sequence"], unique=False
            )
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_sequence", sa.BigInteger(), nullable=False),
        sa.Column("synced_sequence", sa.BigInteger(), nullable=False),
        sa.Column("synced_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("district_url", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""),
        sa.Column("share_photos", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("sync_automatically", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )
    if op.get_bind().dialect.name == "sqlite":
        _number_existing_rows()
        for table in TABLES:
            _create_triggers(table)
    # On the district's PostgreSQL the column keeps each coach's own numbers, which the sync
    # writes; nothing numbers rows there.


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_numbered_on_insert")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_numbered_on_update")
    op.drop_table("sync_state")
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_change_sequence"))
            batch_op.drop_column("change_sequence")


def _number_existing_rows() -> None:
    """Each existing row gets its own number, so the first sync sends it exactly once."""
    bind = op.get_bind()
    last = 0
    for table in TABLES:
        op.execute(f"UPDATE {table} SET change_sequence = rowid + {last}")
        last += bind.execute(sa.text(f"SELECT coalesce(max(rowid), 0) FROM {table}")).scalar()
    op.execute(
        f"INSERT INTO sync_state (id, last_sequence, synced_sequence) VALUES (1, {last}, 0)"
    )


def _create_triggers(table: str) -> None:
    """SQLite numbers every insert and update itself, bulk inserts included."""
    number_row = (
        "UPDATE sync_state SET last_sequence = last_sequence + 1 WHERE id = 1; "
        f"UPDATE {table} SET change_sequence = "
        "(SELECT last_sequence FROM sync_state WHERE id = 1) WHERE id = NEW.id;"
    )
    op.execute(
        f"CREATE TRIGGER {table}_numbered_on_insert AFTER INSERT ON {table} "
        f"BEGIN {number_row} END"
    )
    # An update that sets the number itself is not numbered again.
    op.execute(
        f"CREATE TRIGGER {table}_numbered_on_update AFTER UPDATE ON {table} "
        f"WHEN NEW.change_sequence = OLD.change_sequence BEGIN {number_row} END"
    )
