"""colleague recordings: a colleague's sweeps of a lesson, imported for observer calibration
and kept apart from the coach's own observations

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "colleague_recording",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("change_sequence", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("observation_id", sa.Uuid(), nullable=True),
        sa.Column("observer", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("observed_on", sa.Date(), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("interval_minutes", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observation.id"],
            name=op.f("fk_colleague_recording_observation_id_observation"),
        ),
        sa.ForeignKeyConstraint(
            ["teacher_id"], ["teacher.id"], name=op.f("fk_colleague_recording_teacher_id_teacher")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_colleague_recording")),
    )
    with op.batch_alter_table("colleague_recording", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_colleague_recording_change_sequence"), ["change_sequence"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_colleague_recording_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_colleague_recording_fingerprint"), ["fingerprint"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_colleague_recording_observation_id"), ["observation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_colleague_recording_teacher_id"), ["teacher_id"], unique=False
        )

    op.create_table(
        "colleague_sweep",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("change_sequence", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("recording_id", sa.Uuid(), nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("minute", sa.Integer(), nullable=False),
        sa.Column("on_task", sa.Integer(), nullable=False),
        sa.Column("present", sa.Integer(), nullable=False),
        sa.Column("activity_format", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["recording_id"],
            ["colleague_recording.id"],
            name=op.f("fk_colleague_sweep_recording_id_colleague_recording"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_colleague_sweep")),
    )
    with op.batch_alter_table("colleague_sweep", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_colleague_sweep_change_sequence"), ["change_sequence"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_colleague_sweep_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_colleague_sweep_recording_id"), ["recording_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("colleague_sweep", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_colleague_sweep_recording_id"))
        batch_op.drop_index(batch_op.f("ix_colleague_sweep_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_colleague_sweep_change_sequence"))

    op.drop_table("colleague_sweep")
    with op.batch_alter_table("colleague_recording", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_colleague_recording_teacher_id"))
        batch_op.drop_index(batch_op.f("ix_colleague_recording_observation_id"))
        batch_op.drop_index(batch_op.f("ix_colleague_recording_fingerprint"))
        batch_op.drop_index(batch_op.f("ix_colleague_recording_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_colleague_recording_change_sequence"))

    op.drop_table("colleague_recording")
