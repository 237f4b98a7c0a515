"""one live sweep per mark: resolve duplicate sweeps, then a unique index

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = sa.text("deleted_at IS NULL")


def upgrade() -> None:
    # Two live sweeps at one mark (two recorders at once): keep the latest recorded, and
    # soft-delete the others so they can still be seen and restored by hand.
    resolve = sa.text(
        """
        UPDATE observation_interval
           SET deleted_at = :now, updated_at = :now
         WHERE deleted_at IS NULL
           AND EXISTS (
               SELECT 1 FROM observation_interval AS later
                WHERE later.observation_id = observation_interval.observation_id
                  AND later."index" = observation_interval."index"
                  AND later.deleted_at IS NULL
                  AND (later.recorded_at > observation_interval.recorded_at
                       OR (later.recorded_at = observation_interval.recorded_at
                           AND later.id > observation_interval.id)))
        """
    ).bindparams(sa.bindparam("now", datetime.now(UTC).replace(tzinfo=None), type_=sa.DateTime()))
    op.get_bind().execute(resolve)
    with op.batch_alter_table('observation_interval', schema=None) as batch_op:
        batch_op.create_index(
            'uq_observation_interval_live_index',
            ['observation_id', 'index'],
            unique=True,
            sqlite_where=LIVE,
            postgresql_where=LIVE,
        )


def downgrade() -> None:
    with op.batch_alter_table('observation_interval', schema=None) as batch_op:
        batch_op.drop_index('uq_observation_interval_live_index')
