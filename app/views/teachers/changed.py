"""The one question when a form's record changed after it opened: keep theirs, or yours."""

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.services.errors import ChangedSinceOpened
from app.views.common import dialogs

KEEP_THEIRS, KEEP_YOURS = "Keep theirs", "Keep yours"
KEPT_THEIRS_MESSAGE = "Kept the change made elsewhere; what you typed was not saved."


def keep_yours(parent: QWidget, exc: ChangedSinceOpened) -> bool | None:
    """True to save over the other change, False to keep it, None (Cancel) to keep editing."""
    choice = dialogs.choose(parent, f"This {exc.what} changed", str(exc), [KEEP_THEIRS, KEEP_YOURS])
    if choice is None:
        return None
    return choice == KEEP_YOURS


class AsksBeforeOverwriting:
    """For a form that saves with the `updated_at` it was filled from (`_loaded_at`): the one
    way to answer ChangedSinceOpened. Mix in before QDialog."""

    _loaded_at = None
    kept_theirs = False

    def _settle_change(self, exc: ChangedSinceOpened, save_again: Callable[[], None]) -> None:
        """Keep yours saves again without the check; keep theirs closes the form; Cancel
        goes back to it."""
        mine = keep_yours(self, exc)
        if mine:
            self._loaded_at = None
            save_again()
        elif mine is False:
            self.kept_theirs = True
            self.reject()
