"""Importing teachers from the File menu or a drop: choose a roster, preview it, import it."""

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from app.errors import CoachbookError
from app.views.common import dialogs
from app.views.common.context import ScreenContext


class RosterImportFlow(QObject):
    """Picks a roster CSV, .zip or folder and runs the preview; the window shows the result."""

    # The import's summary, for the status bar, once teachers were written.
    sig_imported = Signal(str)
    # The notebook failed the full check: nothing was imported into it.
    sig_damage_found = Signal()

    def __init__(self, context: ScreenContext, window: QMainWindow):
        super().__init__(window)
        self._context = context
        self._window = window

    def choose_file(self) -> None:
        """Pick a roster CSV or a district's .zip, preview what it would change, import it."""
        path = dialogs.ask_open_path(
            self._window,
            "Import teachers: a roster CSV, or the .zip your district's system exported",
            "Rosters (*.csv *.zip *.txt);;All files (*)",
        )
        if path is not None:
            self.import_from(path)

    def choose_folder(self) -> None:
        """The same from a folder: a OneRoster, ClassLink or Clever export unzipped."""
        path = dialogs.ask_folder(
            self._window, "Import teachers from a folder your district exported"
        )
        if path is not None:
            self.import_from(path)

    def import_from(self, path: Path) -> None:
        """Preview a roster file, .zip or folder (chosen or dropped) and import all or nothing."""
        from app.services.roster import result_message
        from app.views.teachers.import_dialog import run_import_preview

        store = self._context.store
        try:
            # A bulk write goes only into a notebook the full check finds whole.
            store.require_healthy()
        except CoachbookError:
            self.sig_damage_found.emit()
            return
        result = run_import_preview(self._window, store, Path(path))
        if result is not None:
            self._context.events.announce("teachers")
            self.sig_imported.emit(result_message(result))
