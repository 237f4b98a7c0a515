"""The base every list model shares: columns declared once, rows handed in through
`set_rows()`, the row role, and rows sorted by Python values, text collated as people read
it (Ł with L, Ö with O, "Room 2" before "Room 10")."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QCollatorSortKey,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

AnyIndex = QModelIndex | QPersistentModelIndex
# The app speaks English, and its PDFs sort with app/services/collation.py, which follows
# this same rule: so the lists collate as English does, whatever the system's locale (the
# C locale would otherwise sort by code point, with Ł after Z).
COLLATION_LOCALE = (QLocale.Language.English, QLocale.Country.UnitedStates)
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# Plain ints: `data()` runs for every role of every painted cell, and comparing with a Qt
# enum member costs several times an int comparison.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_SPOKEN = int(Qt.ItemDataRole.AccessibleTextRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ROW = int(Qt.ItemDataRole.UserRole) + 2
_ANSWERED = frozenset((_DISPLAY, _TOOLTIP, _SPOKEN, _ALIGNMENT, _FOREGROUND, _FONT, _ROW))


@cache
def collator() -> QCollator:
    collator = QCollator(QLocale(*COLLATION_LOCALE))
    collator.setNumericMode(True)
    return collator


def collation_key(text: str) -> QCollatorSortKey:
    """A `sorted()` key that puts texts in the lists' order."""
    return collator().sortKey(text)


def blank_first(value: Any) -> tuple:
    """A sort key for a value that may be missing: a blank sorts below every value, so a
    descending sort puts it last."""
    return (False,) if value is None else (True, value)


@dataclass(frozen=True)
class Column:
    """One column of a list: its header, and how it shows, sorts and explains a row.

    `sort_key` gives the Python value the column sorts by; without one, the shown text
    sorts collated. `tooltip` and `spoken` (what a screen reader says) may return None.
    """

    header: str
    text: Callable[[Any], str]
    sort_key: Callable[[Any], Any] | None = None
    number: bool = False
    tooltip: Callable[[Any], str | None] | None = None
    spoken: Callable[[Any], str | None] | None = None


class RowsTableModel(QAbstractTableModel):
    """Rows shown through `COLUMNS`; no database reads happen here.

    The model sorts itself, in one `sorted()` over the columns' keys, so a proxy in front
    only filters: a proxy comparing Python values would call back into Python for every
    comparison, seconds over the huge demo's 15,000 observations. Until sorted, rows keep
    the order they were handed in; ties keep it too. `search_text(row)` holds each row's
    words for a filter, casefolded once per `set_rows()`.
    A model whose cells read its own state (the day shown) sets `self.COLUMNS` in
    `__init__`; one that writes its own `data()` sets `HEADERS` instead.
    """

    ROW_ROLE = _ROW
    COLUMNS: tuple[Column, ...] = ()
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._given: list[Any] = []
        self._rows: list[Any] = []
        self._search: list[str] = []
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # Rows --------------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()
        self._given = list(rows)
        self._rows = self._sorted()
        self._index_search_text()
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int):
        return self._rows[row]

    def row_of(self, record_id) -> int:
        """The row showing the record with that id, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), -1)

    def search_text(self, row: int) -> str:
        return self._search[row]

    def search_texts(self) -> list[str]:
        """Every row's search text, in row order (the model's own list: read, don't change)."""
        return self._search

    def _search_words(self, row: Any) -> str:
        """The words a filter looks in, for a model behind a filter that types."""
        return ""

    def _index_search_text(self) -> None:
        self._search = [self._search_words(r).casefold() for r in self._rows]

    # Sorting -----------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        old_rows = self._rows
        self._sort_column, self._sort_order = column, order
        self._rows = self._sorted()
        new_position = {id(row): n for n, row in enumerate(self._rows)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent,
            [self.index(new_position[id(old_rows[i.row()])], i.column()) for i in persistent],
        )
        self._index_search_text()
        self.layoutChanged.emit()

    def _sorted(self) -> list[Any]:
        if not 0 <= self._sort_column < len(self.COLUMNS):
            return list(self._given)
        column = self.COLUMNS[self._sort_column]
        key = column.sort_key or (lambda row: collation_key(column.text(row)))
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return sorted(self._given, key=key, reverse=descending)

    # What the view asks ------------------------------------------------------------------

    def data(self, index: AnyIndex, role: int = _DISPLAY):
        if role not in _ANSWERED or not index.isValid():
            return None
        number = index.row()
        if not 0 <= number < len(self._rows):
            return None
        row = self._rows[number]
        if role == _DISPLAY:
            return self.COLUMNS[index.column()].text(row)
        if role == _ROW:
            return row
        if role == _FOREGROUND:
            return self._foreground(row)
        if role == _FONT:
            return self._font(row)
        column = self.COLUMNS[index.column()]
        if role == _ALIGNMENT:
            return RIGHT_ALIGNED if column.number else None
        if role == _TOOLTIP:
            return column.tooltip(row) if column.tooltip else None
        return column.spoken(row) if column.spoken else None

    def _foreground(self, row: Any):
        """A whole row's text colour, for a row shown muted."""
        return None

    def _font(self, row: Any):
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS or self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section].header if self.COLUMNS else self.HEADERS[section]
        return None


def row_of_index(index: AnyIndex):
    """The row object a list shows at `index` (through any proxy), or None."""
    return index.data(RowsTableModel.ROW_ROLE) if index.isValid() else None


class RowsFilterProxy(QSortFilterProxyModel):
    """Filters a `RowsTableModel`, and hands sorting to it, keeping the model's order.

    `_words` are the filter text's words; `_has_words(row)` says whether all are in the
    row's search text. Subclasses add their own filters in `filterAcceptsRow`.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._words: list[str] = []
        # Kept in Python: `sourceModel()` per row would cross into Qt on every keystroke.
        self._model: RowsTableModel | None = None

    def setSourceModel(self, model: RowsTableModel) -> None:
        self._model = model
        super().setSourceModel(model)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._model.sort(column, order)

    def _set_words(self, text: str | None) -> None:
        if text is not None:
            self._words = text.casefold().split()

    def _row(self, source_row: int):
        return self._model.row_at(source_row)

    def _has_words(self, source_row: int) -> bool:
        if not self._words:
            return True
        text = self._model.search_text(source_row)
        return all(word in text for word in self._words)
