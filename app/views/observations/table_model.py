"""Observations as a table, and the proxy behind the Observations screen's filters."""

from PySide6.QtCore import QSortFilterProxyModel, Qt

from app.services.calendar import school_year_of
from app.services.observations import ObservationRow
from app.views.common.dates import full_date
from app.views.common.table_model import AnyIndex, RowsTableModel, pct_text

DATE, TEACHER, PERIOD, LESSON, SWEEPS, PCT = range(6)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


class ObservationsTableModel(RowsTableModel):
    HEADERS = ("Date", "Teacher", "Period", "Lesson", "Sweeps", "On task")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        obs: ObservationRow = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            # Not a figure yet: a lesson still recording is left out of trends until it ends.
            pct = "recording" if obs.in_progress else None
            return (
                full_date(obs.observed_on),
                obs.teacher_name,
                obs.period,
                obs.lesson,
                str(obs.sweeps),
                pct or pct_text(obs.time_on_task_pct),
            )[column]
        if role == SORT_ROLE:
            if column in (TEACHER, PERIOD, LESSON):
                return self.text_rank(index)  # names collate as people read them (Ł with L)
            return {
                DATE: obs.observed_on.toordinal(),  # the proxy can't compare Python dates
                SWEEPS: obs.sweeps,
                PCT: -1.0 if obs.time_on_task_pct is None else obs.time_on_task_pct,
            }[column]
        if role == ROW_ROLE:
            return obs
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (SWEEPS, PCT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if obs.in_progress:
                so_far = (
                    f" ({pct_text(obs.time_on_task_pct)} so far)"
                    if obs.time_on_task_pct is not None
                    else ""
                )
                return (
                    f"Still recording{so_far}: left out of the trend until it ends. "
                    "Open it to go on."
                )
            if column == LESSON and obs.lesson:
                return obs.lesson
        if role == Qt.ItemDataRole.FontRole and obs.in_progress:
            font = self.parent().font() if self.parent() else None
            if font is not None:
                font.setItalic(True)
            return font
        return None


class ObservationFilterProxy(QSortFilterProxyModel):
    """Filters by school year, state (in progress, live, from paper) and words."""

    ANY = ""
    IN_PROGRESS, LIVE, PAPER = "in_progress", "live", "paper"

    def __init__(self, parent=None):
        super().__init__(parent)
        self._year = self._state = self.ANY
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_filters(
        self, *, year: str | None = None, state: str | None = None, text: str | None = None
    ) -> None:
        self.beginFilterChange()
        if year is not None:
            self._year = year
        if state is not None:
            self._state = state
        if text is not None:
            self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        obs: ObservationRow = self.sourceModel().row_at(source_row)
        if self._year and school_year_of(obs.observed_on) != self._year:
            return False
        if self._state == self.IN_PROGRESS and not obs.in_progress:
            return False
        if self._state == self.LIVE and not (obs.in_progress or obs.ended):
            return False
        if self._state == self.PAPER and (obs.in_progress or obs.ended):
            return False
        if self._words:
            haystack = f"{obs.teacher_name} {obs.period} {obs.lesson}".casefold()
            return all(word in haystack for word in self._words)
        return True
