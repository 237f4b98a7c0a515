"""Pilots as a table, and the proxy behind the Pilots screen's filters."""

from datetime import date

from PySide6.QtCore import QSortFilterProxyModel, Qt

from app.services.pilots import PilotRow
from app.views.common.dates import full_date
from app.views.common.table_model import AnyIndex, RowsTableModel, pct_text

TOOL, STATUS, TEACHERS, USE, RECOMMENDATION, STARTS = range(6)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
OPEN, DECIDED = "open", "decided"


class PilotsTableModel(RowsTableModel):
    HEADERS = ("Tool", "Status", "Teachers", "Used", "Advice", "Starts")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        pilot: PilotRow = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            status = pilot.status_label + (" · due" if pilot.awaiting_decision else "")
            return (
                pilot.tool,
                status,
                str(len(pilot.teacher_names)),
                pct_text(pilot.utilisation_pct),
                pilot.recommendation_label,
                full_date(pilot.start_date),
            )[column]
        if role == SORT_ROLE:
            if column == TOOL:
                return self.text_rank(index)  # names collate as people read them (Ł with L)
            return {
                STATUS: pilot.status,
                TEACHERS: len(pilot.teacher_names),
                USE: -1.0 if pilot.utilisation_pct is None else pilot.utilisation_pct,
                RECOMMENDATION: pilot.recommendation,
                STARTS: (pilot.start_date or date.max).toordinal(),  # proxies can't compare dates
            }[column]
        if role == ROW_ROLE:
            return pilot
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TEACHERS:
                return "\n".join(pilot.teacher_names) or "No teacher enrolled yet"
            if column == RECOMMENDATION and pilot.reasons:
                return "Because " + "; ".join(pilot.reasons) + "."
            if column == STATUS and pilot.awaiting_decision:
                return "The pilot has run its weeks: record the decision."
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (TEACHERS, USE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class PilotFilterProxy(QSortFilterProxyModel):
    """Filters open or decided pilots, and words over the tool, vendor and teachers."""

    ANY = ""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._state = self.ANY
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_filters(self, *, state: str | None = None, text: str | None = None) -> None:
        self.beginFilterChange()
        if state is not None:
            self._state = state
        if text is not None:
            self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        pilot: PilotRow = self.sourceModel().row_at(source_row)
        if self._state == OPEN and pilot.decision is not None:
            return False
        if self._state == DECIDED and pilot.decision is None:
            return False
        if self._words:
            haystack = f"{pilot.tool} {pilot.vendor} {' '.join(pilot.teacher_names)}".casefold()
            return all(word in haystack for word in self._words)
        return True
