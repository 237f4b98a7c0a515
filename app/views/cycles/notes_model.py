"""A cycle's notes as a small table: when, which session, private or shareable, the text."""

from app.services.cycles import NoteRow
from app.text import month_day
from app.views.common.table_model import Column, RowsTableModel


def first_line(note: NoteRow) -> str:
    body = note.body.strip()
    return body.splitlines()[0][:300] if body else ""


class NotesTableModel(RowsTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._session_labels: dict = {}
        # The session column names sessions by this cycle's labels, so it belongs to the model.
        self.COLUMNS = (
            Column("Written", lambda note: month_day(note.created_at.astimezone().date())),
            Column("Session", lambda note: self._session_labels.get(note.session_id, "Cycle")),
            Column("Shared?", lambda note: "Private" if note.is_private else "Shareable"),
            Column("Note", first_line, tooltip=lambda note: note.body[:2000]),
        )

    def set_notes(self, notes: list[NoteRow], session_labels: dict) -> None:
        self._session_labels = session_labels
        self.set_rows(notes)


WHEN, SESSION, VISIBILITY, TEXT = range(4)
