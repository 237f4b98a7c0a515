"""Which records the district sync sends, and how many changed since it last did.

Free of psycopg (half a second to import), so the window's status bar can count at start-up.
"""

from sqlalchemy import func, select
from sqlmodel import SQLModel

import app.models  # noqa: F401  (registers every table on the metadata)
from app.models import SyncState
from app.store import Store


def synced_tables() -> list[str]:
    """The notebook's record tables in the order their foreign keys need (parents first)."""
    return [t.name for t in SQLModel.metadata.sorted_tables if "change_sequence" in t.c]


def sync_state(store: Store) -> SyncState:
    with store.session() as session:
        return session.get(SyncState, 1) or SyncState()


def changes_waiting(store: Store) -> int:
    """Rows changed since the district last acknowledged this notebook."""
    with store.session() as session:
        state = session.get(SyncState, 1) or SyncState()
        connection = session.connection()
        return sum(
            connection.execute(
                select(func.count()).where(table.c.change_sequence > state.synced_sequence)
            ).scalar_one()
            for table in (SQLModel.metadata.tables[name] for name in synced_tables())
        )
