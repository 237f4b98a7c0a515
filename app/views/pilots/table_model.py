"""Pilots as a table, and the proxy behind the Pilots screen's filters."""

from datetime import date

from PySide6.QtCore import QSortFilterProxyModel

from app.models.pilots import UTILISATION_FLOOR_PCT
from app.services.pilots import PilotRow
from app.text import full_date, percent_against
from app.views.common.table_model import (
    AnyIndex,
    Column,
    RowsFilterProxy,
    RowsTableModel,
    blank_first,
)

OPEN, DECIDED = "open", "decided"


def status_cell(pilot: PilotRow) -> str:
    return pilot.status_label + (" · due" if pilot.awaiting_decision else "")


class PilotsTableModel(RowsTableModel):
    # Tool names collate as people read them (Ł with L); a pilot not yet dated sorts last.
    COLUMNS = (
        Column("Tool", lambda p: p.tool),
        Column(
            "Status",
            status_cell,
            sort_key=lambda p: p.status,
            tooltip=lambda p: (
                "The pilot has run its weeks: record the decision." if p.awaiting_decision else None
            ),
        ),
        Column(
            "Teachers",
            lambda p: str(len(p.teacher_names)),
            sort_key=lambda p: len(p.teacher_names),
            number=True,
            tooltip=lambda p: "\n".join(p.teacher_names) or "No teacher enrolled yet",
        ),
        Column(
            "Used",
            lambda p: percent_against(p.utilisation_pct, UTILISATION_FLOOR_PCT),
            sort_key=lambda p: blank_first(p.utilisation_pct),
            number=True,
        ),
        Column(
            "Advice",
            lambda p: p.recommendation_label,
            sort_key=lambda p: p.recommendation,
            tooltip=lambda p: "Because " + "; ".join(p.reasons) + "." if p.reasons else None,
        ),
        Column(
            "Starts",
            lambda p: full_date(p.start_date),
            sort_key=lambda p: p.start_date or date.max,
        ),
    )

    def _search_words(self, pilot: PilotRow) -> str:
        return f"{pilot.tool} {pilot.vendor} {' '.join(pilot.teacher_names)}"


TOOL, STATUS, TEACHERS, USE, RECOMMENDATION, STARTS = range(len(PilotsTableModel.COLUMNS))


class PilotFilterProxy(RowsFilterProxy):
    """Filters open or decided pilots, and words over the tool, vendor and teachers."""

    ANY = ""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._state = self.ANY

    def set_filters(self, *, state: str | None = None, text: str | None = None) -> None:
        self.beginFilterChange()
        if state is not None:
            self._state = state
        self._set_words(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        pilot: PilotRow = self._row(source_row)
        if self._state == OPEN and pilot.decision is not None:
            return False
        if self._state == DECIDED and pilot.decision is None:
            return False
        return self._has_words(source_row)
