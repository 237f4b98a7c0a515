"""reflection switch and stop day: a teacher's reflection may be shared; an abandoned cycle
keeps the day it stopped

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Reflections written before this version stay private; older abandoned cycles keep no
    # stop day (their reports say when their last session was held instead).
    with op.batch_alter_table("coaching_cycle", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "reflection_shareable", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch_op.add_column(sa.Column("stopped_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("coaching_cycle", schema=None) as batch_op:
        batch_op.drop_column("stopped_on")
        batch_op.drop_column("reflection_shareable")
