"""Coaching cycles as a table, and the proxy behind the Cycles screen's filters."""

from datetime import date

from PySide6.QtCore import QSortFilterProxyModel

from app.services.cycles import STATUS_LABELS, CycleRow
from app.text import full_date, month_day, weekday_day
from app.views.common.table_model import AnyIndex, Column, RowsFilterProxy, RowsTableModel

SESSION_MARKS = ("Goal", "Model", "Co-teach", "Debrief")


def focus_and_goal(cycle: CycleRow) -> str:
    return " — ".join(part for part in (cycle.focus, cycle.goal) if part)


def progress_dots(done: tuple[bool, ...]) -> str:
    return " ".join("●" if d else "○" for d in done)


def progress_tooltip(cycle: CycleRow) -> str:
    return "\n".join(
        f"{mark}: {'done' if done else 'to do'}"
        for mark, done in zip(SESSION_MARKS, cycle.sessions_done, strict=False)
    )


class CyclesTableModel(RowsTableModel):
    # Names collate as people read them (Ł with L); a cycle with nothing next sorts last.
    COLUMNS = (
        Column("Teacher", lambda c: c.teacher_name),
        Column("School", lambda c: c.school),
        Column("Focus and goal", focus_and_goal, tooltip=lambda c: c.goal or None),
        Column(
            "Status", lambda c: STATUS_LABELS.get(c.status, c.status), sort_key=lambda c: c.status
        ),
        Column(
            "Sessions",
            lambda c: progress_dots(c.sessions_done),
            sort_key=lambda c: sum(c.sessions_done),
            tooltip=progress_tooltip,
            spoken=lambda c: f"{c.progress_text} sessions done",
        ),
        Column(
            "Next",
            lambda c: month_day(c.next_date),
            sort_key=lambda c: c.next_date or date.max,
            tooltip=lambda c: weekday_day(c.next_date) if c.next_date else None,
        ),
        Column("Started", lambda c: full_date(c.start_date), sort_key=lambda c: c.start_date),
    )

    def _search_words(self, cycle: CycleRow) -> str:
        return f"{cycle.teacher_name} {cycle.focus} {cycle.goal}"


TEACHER, SCHOOL, FOCUS, STATUS, PROGRESS, NEXT, STARTED = range(len(CyclesTableModel.COLUMNS))


class CycleFilterProxy(RowsFilterProxy):
    """Filters by status, school, school year and words over teacher, focus and goal."""

    ANY = ""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._status = self._school = self._year = self.ANY

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
        self._set_words(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        cycle: CycleRow = self._row(source_row)
        if self._status and cycle.status != self._status:
            return False
        if self._school and cycle.school != self._school:
            return False
        if self._year and cycle.school_year != self._year:
            return False
        return self._has_words(source_row)
