"""How a form's Save answers a failure: field messages for a ValidationError, the keep-theirs-
or-yours question for a change made elsewhere, and a box for anything else."""

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.errors import CoachbookError
from app.services.errors import ChangedSinceOpened, ValidationError
from app.views.common import dialogs


def saved(
    parent: QWidget,
    write: Callable[[], object],
    *,
    invalid: Callable[[ValidationError], None],
    changed: Callable[[ChangedSinceOpened], None] | None = None,
    failure: str = "Not saved",
) -> bool:
    """Run `write()` and say whether it saved. A ValidationError goes to `invalid`, a change
    made since the form opened to `changed` (without one, it is shown like any other
    failure), and any other failure into a box titled `failure`."""
    try:
        write()
    except ValidationError as exc:
        invalid(exc)
        return False
    except ChangedSinceOpened as exc:
        if changed is None:
            dialogs.show_error(parent, failure, str(exc))
        else:
            changed(exc)
        return False
    except CoachbookError as exc:
        dialogs.show_error(parent, failure, str(exc))
        return False
    return True


def show_field_messages(messages: dict, exc: ValidationError) -> None:
    """Each field's message from the error, and none under the fields it does not name."""
    for key, message in messages.items():
        message.show_message(exc.errors.get(key))
