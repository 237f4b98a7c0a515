"""The notebook's side of the district sync: its change counter and the sync's settings.

One row, never synced itself, so a sync of an unchanged notebook changes nothing to send.
"""

from datetime import datetime

from sqlalchemy import BigInteger
from sqlmodel import Field, SQLModel


class SyncState(SQLModel, table=True):
    __tablename__ = "sync_state"

    id: int = Field(default=1, primary_key=True)
    # The last change number the triggers handed out.
    last_sequence: int = Field(default=0, sa_type=BigInteger)
    # The number the district acknowledged at the last sync, and when.
    synced_sequence: int = Field(default=0, sa_type=BigInteger)
    synced_at: datetime | None = None
    # The connection line without its password (that lives in the system keyring).
    district_url: str = Field(default="", sa_column_kwargs={"server_default": ""})
    share_photos: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    sync_automatically: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
