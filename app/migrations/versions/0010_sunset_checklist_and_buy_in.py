"""sunset checklist, quarterly buy-in surveys and the second semester's first day: a tool's
sunset steps and its leaving day, the buy-in statements and answers, and a semester boundary in
Settings

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "buy_in_item",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("change_sequence", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("belief", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buy_in_item")),
    )
    with op.batch_alter_table("buy_in_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_buy_in_item_change_sequence"), ["change_sequence"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_buy_in_item_deleted_at"), ["deleted_at"], unique=False)

    op.create_table(
        "buy_in_survey",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("change_sequence", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("tool_id", sa.Uuid(), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["teacher_id"], ["teacher.id"], name=op.f("fk_buy_in_survey_teacher_id_teacher")
        ),
        sa.ForeignKeyConstraint(
            ["tool_id"], ["tool.id"], name=op.f("fk_buy_in_survey_tool_id_tool")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buy_in_survey")),
    )
    with op.batch_alter_table("buy_in_survey", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_buy_in_survey_change_sequence"), ["change_sequence"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_buy_in_survey_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_buy_in_survey_taken_on"), ["taken_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_buy_in_survey_teacher_id"), ["teacher_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_buy_in_survey_tool_id"), ["tool_id"], unique=False)

    op.create_table(
        "buy_in_answer",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("change_sequence", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("survey_id", sa.Uuid(), nullable=False),
        sa.Column("item_index", sa.Integer(), nullable=False),
        sa.Column("belief", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("item_text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["buy_in_survey.id"],
            name=op.f("fk_buy_in_answer_survey_id_buy_in_survey"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buy_in_answer")),
    )
    with op.batch_alter_table("buy_in_answer", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_buy_in_answer_change_sequence"), ["change_sequence"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_buy_in_answer_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_buy_in_answer_survey_id"), ["survey_id"], unique=False)

    with op.batch_alter_table("coach_profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("second_semester_start", sa.Date(), nullable=True))

    with op.batch_alter_table("tool", schema=None) as batch_op:
        batch_op.add_column(sa.Column("teachers_told_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("work_archived_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("sso_removed_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("renewal_cancelled_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "archive_place",
                sqlmodel.sql.sqltypes.AutoString(),
                server_default="",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("retired_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tool", schema=None) as batch_op:
        batch_op.drop_column("retired_on")
        batch_op.drop_column("archive_place")
        batch_op.drop_column("renewal_cancelled_on")
        batch_op.drop_column("sso_removed_on")
        batch_op.drop_column("work_archived_on")
        batch_op.drop_column("teachers_told_on")

    with op.batch_alter_table("coach_profile", schema=None) as batch_op:
        batch_op.drop_column("second_semester_start")

    with op.batch_alter_table("buy_in_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_buy_in_answer_survey_id"))
        batch_op.drop_index(batch_op.f("ix_buy_in_answer_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_buy_in_answer_change_sequence"))

    op.drop_table("buy_in_answer")
    with op.batch_alter_table("buy_in_survey", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_buy_in_survey_tool_id"))
        batch_op.drop_index(batch_op.f("ix_buy_in_survey_teacher_id"))
        batch_op.drop_index(batch_op.f("ix_buy_in_survey_taken_on"))
        batch_op.drop_index(batch_op.f("ix_buy_in_survey_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_buy_in_survey_change_sequence"))

    op.drop_table("buy_in_survey")
    with op.batch_alter_table("buy_in_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_buy_in_item_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_buy_in_item_change_sequence"))

    op.drop_table("buy_in_item")
