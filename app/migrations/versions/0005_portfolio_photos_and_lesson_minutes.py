"""portfolio photos and lesson minutes: photos opt in to the portfolio; notes keep their minute

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Only the columns the backfill reads and writes.
OBSERVATION = sa.table(
    "observation",
    sa.column("id", sa.Uuid()),
    sa.column("started_at", sa.DateTime()),
    sa.column("ended_at", sa.DateTime()),
    sa.column("paused_seconds", sa.Integer()),
)
NOTE = sa.table(
    "note",
    sa.column("id", sa.Uuid()),
    sa.column("observation_id", sa.Uuid()),
    sa.column("created_at", sa.DateTime()),
    sa.column("lesson_minute", sa.Integer()),
)


def upgrade() -> None:
    # Photos may show students: photos attached before this version stay out of the
    # portfolio until the coach ticks "Include in the portfolio" on each one.
    with op.batch_alter_table("evidence_file", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("in_portfolio", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lesson_minute", sa.Integer(), nullable=True))
    _backfill_lesson_minutes()


def downgrade() -> None:
    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.drop_column("lesson_minute")
    with op.batch_alter_table("evidence_file", schema=None) as batch_op:
        batch_op.drop_column("in_portfolio")


def _backfill_lesson_minutes() -> None:
    """Notes written during a live lesson keep a minute inside it; later notes get none.

    Older notebooks kept only the pause total, not when the pauses fell, so a note's
    minute is its clock minute since the start, never past the lesson's length.
    """
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(
            NOTE.c.id,
            NOTE.c.created_at,
            OBSERVATION.c.started_at,
            OBSERVATION.c.ended_at,
            OBSERVATION.c.paused_seconds,
        )
        .join(OBSERVATION, NOTE.c.observation_id == OBSERVATION.c.id)
        .where(OBSERVATION.c.started_at.is_not(None))
    ).all()
    for note_id, written, started, ended, paused_seconds in rows:
        if ended is not None and written > ended:
            continue
        minute = max(0, int((written - started).total_seconds()) // 60)
        if ended is not None:
            lesson_seconds = int((ended - started).total_seconds()) - (paused_seconds or 0)
            minute = min(minute, max(0, lesson_seconds) // 60)
        bind.execute(sa.update(NOTE).where(NOTE.c.id == note_id).values(lesson_minute=minute))
