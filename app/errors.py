"""The one base class for errors whose message is written for the coach to read."""


class CoachbookError(Exception):
    """An error whose message is written for the coach to read: a view shows `str(exc)` as it is."""
