"""The base every list model shares: rows handed in through `set_rows()`, fixed headers,
and text sorted by the locale's collation (Ł with L, Ö with O, "Room 2" before "Room 10")."""

from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QCollatorSortKey,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

AnyIndex = QModelIndex | QPersistentModelIndex
# The app speaks English, and its PDFs sort with app/services/collation.py, which follows
# this same rule: so the lists collate as English does, whatever the system's locale (the
# C locale would otherwise sort by code point, with Ł after Z).
COLLATION_LOCALE = (QLocale.Language.English, QLocale.Country.UnitedStates)


@cache
def collator() -> QCollator:
    collator = QCollator(QLocale(*COLLATION_LOCALE))
    collator.setNumericMode(True)
    return collator


def collation_key(text: str) -> QCollatorSortKey:
    """A `sorted()` key that puts texts in the lists' order."""
    return collator().sortKey(text)


def pct_text(pct: float | None) -> str:
    """A percentage as the lists show it: "83%", or a dash when there is none."""
    return "—" if pct is None else f"{pct:.0f}%"


class RowsTableModel(QAbstractTableModel):
    """Subclasses set HEADERS and implement `data()`; no database reads happen here."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Any] = []
        self._text_ranks: dict[int, dict[str, int]] = {}
        for signal in (
            self.modelReset,
            self.dataChanged,
            self.layoutChanged,
            self.rowsInserted,
            self.rowsRemoved,
        ):
            signal.connect(self._forget_text_ranks)

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int):
        return self._rows[row]

    def row_of(self, record_id) -> int:
        """The row showing the record with that id, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), -1)

    def text_rank(self, index: AnyIndex) -> int:
        """The sort role of a text column: where the row's text falls when the column's
        texts are collated. An int, so the proxy compares it without calling Python."""
        column = index.column()
        ranks = self._text_ranks.get(column)
        if ranks is None:
            texts = {self.data(self.index(row, column)) or "" for row in range(len(self._rows))}
            ordered = sorted(texts, key=collation_key)
            ranks = self._text_ranks[column] = {text: n for n, text in enumerate(ordered)}
        return ranks.get(self.data(index) or "", -1)

    def _forget_text_ranks(self, *_args) -> None:
        self._text_ranks.clear()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None
