"""The live recorder's two lists: sweeps so far (missed marks shown as missed) and notes."""

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt

from app.services.observations import FORMAT_LABELS, EvidenceNote, SweepRow
from app.text import percent
from app.views.common.table_model import AnyIndex, Column, RowsTableModel


@dataclass(frozen=True)
class MissedMark:
    minute: int
    id: None = None


def format_label(fmt: str | None) -> str:
    return FORMAT_LABELS.get(fmt, "") if fmt else ""


def _sweep_text(missed: str, sweep_text):
    """A sweep's cell, or what a missed mark shows in it."""
    return lambda row: missed if isinstance(row, MissedMark) else sweep_text(row)


class LiveSweepsModel(RowsTableModel):
    COLUMNS = (
        Column("Min", lambda row: str(row.minute), number=True),
        Column(
            "On task", _sweep_text("missed", lambda s: f"{s.on_task} of {s.present}"), number=True
        ),
        Column("%", _sweep_text("", lambda s: percent(s.pct)), number=True),
        Column("Format", _sweep_text("", lambda s: format_label(s.activity_format))),
        Column(
            "Note",
            _sweep_text("No sweep at this mark", lambda s: s.note),
            tooltip=lambda s: s.note or None,
        ),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.sweeps: list[SweepRow] = []

    def set_sweeps(self, sweeps: list[SweepRow], missed: list[int]) -> None:
        self.sweeps = list(sweeps)
        rows = [*self.sweeps, *(MissedMark(m) for m in missed)]
        self.set_rows(sorted(rows, key=lambda r: (r.minute, isinstance(r, SweepRow))))

    def append(self, sweep: SweepRow, missed: list[int]) -> None:
        """Add the sweep just saved; a full reset only when the missed marks changed."""
        known = sorted(r.minute for r in self._rows if isinstance(r, MissedMark))
        if known != sorted(missed) or (self._rows and self._rows[-1].minute > sweep.minute):
            self.set_sweeps([*self.sweeps, sweep], missed)
            return
        self.sweeps.append(sweep)
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._given.append(sweep)
        self._rows.append(sweep)
        self.endInsertRows()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # A missed mark is a grey line of text: no tooltip, nothing aligned as a number.
        if index.isValid() and isinstance(self._rows[index.row()], MissedMark):
            if role == Qt.ItemDataRole.ForegroundRole:
                return Qt.GlobalColor.gray
            if role != Qt.ItemDataRole.DisplayRole:
                return None
        return super().data(index, role)


def note_time(note: EvidenceNote) -> str:
    stamp = f"{note.created_at.astimezone():%H:%M}"
    if note.minute is not None:
        return f"{stamp} · {note.minute} min"
    return f"{stamp} · after the lesson" if note.after_lesson else stamp


class EvidenceNotesModel(RowsTableModel):
    COLUMNS = (
        Column("Time", note_time),
        Column(
            "Note",
            lambda note: note.body.replace("\n", " ") + ("" if note.is_private else " (shareable)"),
            tooltip=lambda note: note.body,
        ),
    )
