"""Looking up one record, copying a form onto it, and undoing a soft delete, the same way in
every service."""

import uuid
from collections.abc import Iterable
from dataclasses import fields

from sqlmodel import Session

from app.services.errors import NotFound
from app.store import Store


def live(session: Session, model, record_id: uuid.UUID, what: str):
    """The record, unless it is missing or deleted: then NotFound names what it was."""
    row = session.get(model, record_id)
    if row is None or row.deleted_at is not None:
        raise NotFound(f"That {what} is no longer in the notebook.")
    return row


def apply_form(record, form, names: Iterable[str] | None = None) -> None:
    """Copy a form dataclass's fields (or only `names`) onto the record, text trimmed."""
    for name in names if names is not None else (f.name for f in fields(form)):
        value = getattr(form, name)
        setattr(record, name, value.strip() if isinstance(value, str) else value)


def restore(store: Store, model, record_id: uuid.UUID, what: str) -> None:
    """Undo a soft delete."""
    with store.session() as session:
        row = session.get(model, record_id)
        if row is None:
            raise NotFound(f"That {what} is no longer in the notebook.")
        row.deleted_at = None
