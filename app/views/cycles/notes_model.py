"""A cycle's notes as a small table: when, which session, private or shareable, the text."""

from PySide6.QtCore import Qt

from app.services.cycles import NoteRow
from app.views.common.dates import month_day
from app.views.common.table_model import AnyIndex, RowsTableModel

WHEN, SESSION, VISIBILITY, TEXT = range(4)
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


class NotesTableModel(RowsTableModel):
    HEADERS = ("Written", "Session", "Shared?", "Note")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._session_labels: dict = {}

    def set_notes(self, notes: list[NoteRow], session_labels: dict) -> None:
        self._session_labels = session_labels
        self.set_rows(notes)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        note: NoteRow = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            first_line = note.body.strip().splitlines()[0] if note.body.strip() else ""
            return (
                month_day(note.created_at.astimezone().date()),
                self._session_labels.get(note.session_id, "Cycle"),
                "Private" if note.is_private else "Shareable",
                first_line[:300],
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == TEXT:
            return note.body[:2000]
        if role == ROW_ROLE:
            return note
        return None
