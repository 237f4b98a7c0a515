"""The one question when a form's record changed after it opened: keep theirs, or yours."""

from PySide6.QtWidgets import QWidget

from app.services.errors import ChangedSinceOpened
from app.views import dialogs

KEEP_THEIRS, KEEP_YOURS = "Keep theirs", "Keep yours"
KEPT_THEIRS_MESSAGE = "Kept the change made elsewhere; what you typed was not saved."


def keep_yours(parent: QWidget, exc: ChangedSinceOpened) -> bool | None:
    """True to save over the other change, False to keep it, None (Cancel) to keep editing."""
    choice = dialogs.choose(parent, f"This {exc.what} changed", str(exc), [KEEP_THEIRS, KEEP_YOURS])
    if choice is None:
        return None
    return choice == KEEP_YOURS
