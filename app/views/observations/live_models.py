"""The live recorder's two lists: sweeps so far (missed marks shown as missed) and notes."""

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt

from app.services.observations import FORMAT_LABELS, EvidenceNote, SweepRow
from app.views.common.table_model import AnyIndex, RowsTableModel, pct_text


@dataclass(frozen=True)
class MissedMark:
    minute: int
    id: None = None


def format_label(fmt: str | None) -> str:
    return FORMAT_LABELS.get(fmt, "") if fmt else ""


class LiveSweepsModel(RowsTableModel):
    HEADERS = ("Min", "On task", "%", "Format", "Note")

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
        self._rows.append(sweep)
        self.endInsertRows()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if isinstance(row, MissedMark):
            if role == Qt.ItemDataRole.DisplayRole:
                return (str(row.minute), "missed", "", "", "No sweep at this mark")[column]
            if role == Qt.ItemDataRole.ForegroundRole:
                return Qt.GlobalColor.gray
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(row.minute),
                f"{row.on_task} of {row.present}",
                pct_text(row.pct),
                format_label(row.activity_format),
                row.note,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and row.note:
            return row.note
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class EvidenceNotesModel(RowsTableModel):
    HEADERS = ("Time", "Note")

    def rows(self) -> list[EvidenceNote]:
        return list(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        note: EvidenceNote = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                local = note.created_at.astimezone()
                stamp = f"{local:%H:%M}"
                return stamp + (f" · {note.minute} min" if note.minute is not None else "")
            private = "" if note.is_private else " (shareable)"
            return note.body.replace("\n", " ") + private
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return note.body
        return None
