"""Errors a service raises for the coach to read."""


class ValidationError(Exception):
    """Bad values in a form; `errors` maps a field name to a message for that field."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class NotFound(Exception):
    """The record asked for does not exist (or was deleted)."""


class Refused(Exception):
    """An action the notebook's current state does not allow; the message says why."""
