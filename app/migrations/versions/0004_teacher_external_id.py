"""teacher external id: the district's id for a teacher (sourcedId, Teacher_id), for re-imports

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Teachers added before this version have no district id: an empty one, never NULL.
    with op.batch_alter_table('teacher', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'external_id',
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default='',
            )
        )
        batch_op.create_index(batch_op.f('ix_teacher_external_id'), ['external_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('teacher', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_teacher_external_id'))
        batch_op.drop_column('external_id')
