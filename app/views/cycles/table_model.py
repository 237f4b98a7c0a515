"""Coaching cycles as a table, and the proxy behind the Cycles screen's filters."""

from datetime import date

from PySide6.QtCore import QSortFilterProxyModel, Qt

from app.services.cycles import STATUS_LABELS, CycleRow
from app.views.common.dates import full_date, month_day, weekday_day
from app.views.common.table_model import AnyIndex, RowsTableModel

TEACHER, SCHOOL, FOCUS, STATUS, PROGRESS, NEXT, STARTED = range(7)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
SESSION_MARKS = ("Goal", "Model", "Co-teach", "Debrief")


def focus_and_goal(cycle: CycleRow) -> str:
    return " — ".join(part for part in (cycle.focus, cycle.goal) if part)


def progress_dots(done: tuple[bool, ...]) -> str:
    return " ".join("●" if d else "○" for d in done)


class CyclesTableModel(RowsTableModel):
    HEADERS = ("Teacher", "School", "Focus and goal", "Status", "Sessions", "Next", "Started")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        cycle: CycleRow = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                cycle.teacher_name,
                cycle.school,
                focus_and_goal(cycle),
                STATUS_LABELS.get(cycle.status, cycle.status),
                progress_dots(cycle.sessions_done),
                month_day(cycle.next_date),
                full_date(cycle.start_date),
            )[column]
        if role == SORT_ROLE:
            if column in (TEACHER, SCHOOL, FOCUS):
                return self.text_rank(index)  # names collate as people read them (Ł with L)
            return {
                STATUS: cycle.status,
                PROGRESS: sum(cycle.sessions_done),
                # Ordinals: the proxy can't compare Python dates and would leave them unsorted.
                NEXT: (cycle.next_date or date.max).toordinal(),
                STARTED: cycle.start_date.toordinal(),
            }[column]
        if role == ROW_ROLE:
            return cycle
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == PROGRESS:
                return "\n".join(
                    f"{mark}: {'done' if done else 'to do'}"
                    for mark, done in zip(SESSION_MARKS, cycle.sessions_done, strict=False)
                )
            if column == FOCUS and cycle.goal:
                return cycle.goal
            if column == NEXT and cycle.next_date:
                return weekday_day(cycle.next_date)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == PROGRESS:
            return f"{cycle.progress_text} sessions done"
        return None


class CycleFilterProxy(QSortFilterProxyModel):
    """Filters by status, school, school year and words over teacher, focus and goal."""

    ANY = ""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._status = self._school = self._year = self.ANY
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_filters(
        self,
        *,
        status: str | None = None,
        school: str | None = None,
        year: str | None = None,
        text: str | None = None,
    ) -> None:
        self.beginFilterChange()
        if status is not None:
            self._status = status
        if school is not None:
            self._school = school
        if year is not None:
            self._year = year
        if text is not None:
            self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        cycle: CycleRow = self.sourceModel().row_at(source_row)
        if self._status and cycle.status != self._status:
            return False
        if self._school and cycle.school != self._school:
            return False
        if self._year and cycle.school_year != self._year:
            return False
        if self._words:
            haystack = f"{cycle.teacher_name} {cycle.focus} {cycle.goal}".casefold()
            return all(word in haystack for word in self._words)
        return True
