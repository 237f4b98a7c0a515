"""Errors a service raises for the coach to read."""

from app.errors import CoachbookError


class ValidationError(CoachbookError):
    """Bad values in a form; `errors` maps a field name to a message for that field. Each
    message is a sentence, so the whole reads as the messages one after another."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


class NotFound(CoachbookError):
    """The record asked for does not exist (or was deleted)."""


class Refused(CoachbookError):
    """An action the notebook's current state does not allow; the message says why."""


class ChangedSinceOpened(Refused):
    """The record changed after the form showing it was opened: saving would overwrite that
    change unseen, so the coach chooses (keep theirs, keep yours)."""

    def __init__(self, what: str, message: str | None = None):
        self.what = what
        super().__init__(
            message
            or f"This {what} was changed since you opened the form: keep theirs, or keep yours?"
        )


def check_unchanged(record, loaded_at, what: str, message: str | None = None) -> None:
    """Raise ChangedSinceOpened when `record` was saved after a form loaded it (its
    `updated_at` was then `loaded_at`); None skips the check, as for "keep yours"."""
    from app.models.base import as_utc

    if loaded_at is not None and as_utc(record.updated_at) != as_utc(loaded_at):
        raise ChangedSinceOpened(what, message)
