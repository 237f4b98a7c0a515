"""tool inventory: the tools in use after a pilot or added by hand, their teachers, usage,
vetting checks carried over and technical errors, for the semester review

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tool",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("change_sequence", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("vendor", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("licences", sa.Integer(), nullable=True),
        sa.Column("cost_per_student", sa.Float(), nullable=True),
        sa.Column("cost_per_year", sa.Float(), nullable=True),
        sa.Column("renewal_date", sa.Date(), nullable=True),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("pilot_id", sa.Uuid(), nullable=True),
        sa.Column("added_on", sa.Date(), nullable=False),
        sa.Column("notice_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["pilot_id"], ["pilot.id"], name=op.f("fk_tool_pilot_id_pilot")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tool")),
    )
    with op.batch_alter_table("tool", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tool_change_sequence"), ["change_sequence"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_tool_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_tool_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_tool_pilot_id"), ["pilot_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_tool_status"), ["status"], unique=False)

    op.create_table(
        "tool_check",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("change_sequence", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("tool_id", sa.Uuid(), nullable=False),
        sa.Column("criterion", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("result", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("evidence", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("essa_tier", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["tool_id"], ["tool.id"], name=op.f("fk_tool_check_tool_id_tool")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tool_check")),
    )
    with op.batch_alter_table("tool_check", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tool_check_change_sequence"), ["change_sequence"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_tool_check_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_tool_check_tool_id"), ["tool_id"], unique=False)

    op.create_table(
        "tool_log_entry",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("change_sequence", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("tool_id", sa.Uuid(), nullable=False),
        sa.Column("logged_on", sa.Date(), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=True),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("minutes_lost", sa.Integer(), nullable=False),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["teacher_id"], ["teacher.id"], name=op.f("fk_tool_log_entry_teacher_id_teacher")
        ),
        sa.ForeignKeyConstraint(
            ["tool_id"], ["tool.id"], name=op.f("fk_tool_log_entry_tool_id_tool")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tool_log_entry")),
    )
    with op.batch_alter_table("tool_log_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tool_log_entry_change_sequence"), ["change_sequence"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_tool_log_entry_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_tool_log_entry_tool_id"), ["tool_id"], unique=False)

    op.create_table(
        "tool_teacher",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("change_sequence", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("tool_id", sa.Uuid(), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["teacher_id"], ["teacher.id"], name=op.f("fk_tool_teacher_teacher_id_teacher")
        ),
        sa.ForeignKeyConstraint(
            ["tool_id"], ["tool.id"], name=op.f("fk_tool_teacher_tool_id_tool")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tool_teacher")),
    )
    with op.batch_alter_table("tool_teacher", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tool_teacher_change_sequence"), ["change_sequence"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_tool_teacher_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_tool_teacher_teacher_id"), ["teacher_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_tool_teacher_tool_id"), ["tool_id"], unique=False)

    op.create_table(
        "tool_usage",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("change_sequence", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("tool_id", sa.Uuid(), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("span", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("active", sa.Integer(), nullable=False),
        sa.Column("measure", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["teacher_id"], ["teacher.id"], name=op.f("fk_tool_usage_teacher_id_teacher")
        ),
        sa.ForeignKeyConstraint(["tool_id"], ["tool.id"], name=op.f("fk_tool_usage_tool_id_tool")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tool_usage")),
    )
    with op.batch_alter_table("tool_usage", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tool_usage_change_sequence"), ["change_sequence"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_tool_usage_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_tool_usage_starts_on"), ["starts_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_tool_usage_teacher_id"), ["teacher_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_tool_usage_tool_id"), ["tool_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tool_usage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tool_usage_tool_id"))
        batch_op.drop_index(batch_op.f("ix_tool_usage_teacher_id"))
        batch_op.drop_index(batch_op.f("ix_tool_usage_starts_on"))
        batch_op.drop_index(batch_op.f("ix_tool_usage_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_tool_usage_change_sequence"))

    op.drop_table("tool_usage")
    with op.batch_alter_table("tool_teacher", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tool_teacher_tool_id"))
        batch_op.drop_index(batch_op.f("ix_tool_teacher_teacher_id"))
        batch_op.drop_index(batch_op.f("ix_tool_teacher_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_tool_teacher_change_sequence"))

    op.drop_table("tool_teacher")
    with op.batch_alter_table("tool_log_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tool_log_entry_tool_id"))
        batch_op.drop_index(batch_op.f("ix_tool_log_entry_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_tool_log_entry_change_sequence"))

    op.drop_table("tool_log_entry")
    with op.batch_alter_table("tool_check", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tool_check_tool_id"))
        batch_op.drop_index(batch_op.f("ix_tool_check_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_tool_check_change_sequence"))

    op.drop_table("tool_check")
    with op.batch_alter_table("tool", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tool_status"))
        batch_op.drop_index(batch_op.f("ix_tool_pilot_id"))
        batch_op.drop_index(batch_op.f("ix_tool_name"))
        batch_op.drop_index(batch_op.f("ix_tool_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_tool_change_sequence"))

    op.drop_table("tool")
