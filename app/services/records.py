"""Looking up one record, and undoing a soft delete, the same way in every service."""

import uuid

from sqlmodel import Session

from app.services.errors import NotFound
from app.store import Store


def live(session: Session, model, record_id: uuid.UUID, what: str):
    """The record, unless it is missing or deleted: then NotFound names what it was."""
    row = session.get(model, record_id)
    if row is None or row.deleted_at is not None:
        raise NotFound(f"That {what} is no longer in the notebook.")
    return row


def restore(store: Store, model, record_id: uuid.UUID, what: str) -> None:
    """Undo a soft delete."""
    with store.session() as session:
        row = session.get(model, record_id)
        if row is None:
            raise NotFound(f"That {what} is no longer in the notebook.")
        row.deleted_at = None
