"""The roster as a table model, and the proxy that filters it as the coach types."""

from PySide6.QtCore import QSortFilterProxyModel, Qt

from app.services.teachers import TeacherRow
from app.views.common.table_model import AnyIndex, RowsTableModel, collation_key

NAME, SCHOOL, GRADES, SUBJECTS, ROOM, STATUS = range(6)
HEADERS = ("Name", "School", "Grades", "Subjects", "Room", "Status")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
_GRADE_RANK = {g: i for i, g in enumerate(["K", *map(str, range(1, 13))])}


class TeachersTableModel(RowsTableModel):
    """Sorts itself (one `sorted()` with a key), so the proxy only filters: sorting in the
    proxy would call `data()` from Python for every comparison, far slower at 1,200 rows."""

    HEADERS = HEADERS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._search: list[str] = []
        self._sort_column = NAME
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_rows(self, rows: list[TeacherRow]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(rows, self._sort_column, self._sort_order)
        self._index_search_text()
        self.endResetModel()

    def search_text(self, row: int) -> str:
        return self._search[row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        old_position = {id(teacher): row for row, teacher in enumerate(self._rows)}
        self._rows = self._sorted(self._rows, column, order)
        self._sort_column, self._sort_order = column, order
        new_position = {old_position[id(teacher)]: row for row, teacher in enumerate(self._rows)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent,
            [self.index(new_position[i.row()], i.column()) for i in persistent],
        )
        self._index_search_text()
        self.layoutChanged.emit()

    def _sorted(self, rows, column: int, order: Qt.SortOrder) -> list[TeacherRow]:
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(rows, key=lambda t: self._sort_key(t, column), reverse=descending)

    def _index_search_text(self) -> None:
        self._search = [f"{t.name} {t.school} {t.subjects}".casefold() for t in self._rows]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        teacher = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(teacher, column)
        if role == SORT_ROLE:
            return self._sort_key(teacher, column)
        if role == ROW_ROLE:
            return teacher
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            return teacher.email or None
        if role == Qt.ItemDataRole.ForegroundRole and teacher.archived:
            from PySide6.QtGui import QPalette

            return QPalette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None

    @staticmethod
    def _display(teacher: TeacherRow, column: int) -> str:
        return (
            teacher.name,
            teacher.school,
            teacher.grades,
            teacher.subjects,
            teacher.room,
            "Archived" if teacher.archived else "Active",
        )[column]

    @staticmethod
    def _sort_key(teacher: TeacherRow, column: int):
        if column == GRADES:
            first = teacher.grades.split(",")[0].split("-")[0].strip()
            return _GRADE_RANK.get(first, 99)
        # Collated as people read names (Ł with L, Ö with O), like every list and report.
        return collation_key(TeachersTableModel._display(teacher, column))


class TeacherFilterProxy(QSortFilterProxyModel):
    """Filters by words over name, school and subject, and by active/archived.

    Matches are worked out in one pass per keystroke, so `filterAcceptsRow` is a lookup.
    Sorting is passed to the source model; the proxy keeps the source's order.
    """

    SHOW_ACTIVE, SHOW_ARCHIVED, SHOW_ALL = "active", "archived", "all"

    def __init__(self, parent=None):
        super().__init__(parent)
        self._words: list[str] = []
        self._show = self.SHOW_ACTIVE
        self._accepted: list[bool] | None = None
        self.setSortRole(SORT_ROLE)

    def setSourceModel(self, model: TeachersTableModel) -> None:
        # Marked stale before the proxy itself reacts, recomputed on first use after.
        for signal in (model.modelAboutToBeReset, model.layoutAboutToBeChanged):
            signal.connect(self._forget_matches)
        super().setSourceModel(model)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def set_filter_text(self, text: str) -> None:
        words = text.casefold().split()
        if words != self._words:
            self._change_filter(words, self._show)

    def set_show(self, show: str) -> None:
        if show != self._show:
            self._change_filter(self._words, show)

    def _change_filter(self, words: list[str], show: str) -> None:
        self.beginFilterChange()
        self._words, self._show = words, show
        self._accepted = None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _forget_matches(self, *_args) -> None:
        self._accepted = None

    def _matches(self) -> list[bool]:
        model = self.sourceModel()
        rows = range(model.rowCount())
        words, show = self._words, self._show
        archived = [model.row_at(r).archived for r in rows]
        texts = [model.search_text(r) for r in rows]
        return [
            (show == self.SHOW_ALL or is_archived == (show == self.SHOW_ARCHIVED))
            and all(word in text for word in words)
            for is_archived, text in zip(archived, texts, strict=True)
        ]

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if self._accepted is None:
            self._accepted = self._matches()
        return self._accepted[source_row]
