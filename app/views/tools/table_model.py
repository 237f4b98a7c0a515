"""Tools as a table, and the proxy behind the Tools screen's filter."""

from datetime import date

from PySide6.QtCore import QSortFilterProxyModel

from app.models.pilots import UTILISATION_FLOOR_PCT
from app.services.tools import STAGE_LABELS, STATUS_LABELS, ToolRow
from app.text import NO_VALUE, TOOL_RECOMMENDATION_LABELS, full_date, percent_against
from app.views.common.table_model import Column, RowsFilterProxy, RowsTableModel, blank_first

# The stage and status as short as the list's columns allow at 1024 pixels; their tooltips
# and the detail name them in full.
STAGE_SHORT = {"pilot": "Pilot", "grade_level_teams": "Teams", "full": "Full"}
STATUS_SHORT = {"in_use": "In use", "sunset_notice": "Sunsetting", "retired": "Retired"}


def recommendation_label(row: ToolRow) -> str:
    verdict = row.review.recommendation
    return NO_VALUE if verdict is None else TOOL_RECOMMENDATION_LABELS[verdict]


def seats_text(row: ToolRow) -> str:
    bought = NO_VALUE if row.seats_bought is None else str(row.seats_bought)
    return f"{row.seats_used} of {bought}"


class ToolsTableModel(RowsTableModel):
    COLUMNS = (
        Column("Tool", lambda r: r.tool.name),
        Column(
            "Stage",
            lambda r: STAGE_SHORT.get(r.tool.stage, r.tool.stage),
            tooltip=lambda r: STAGE_LABELS.get(r.tool.stage),
        ),
        Column(
            "Status",
            lambda r: STATUS_SHORT.get(r.status, r.status),
            tooltip=lambda r: STATUS_LABELS.get(r.status),
        ),
        Column(
            "Used",
            lambda r: percent_against(r.semester.utilisation_pct, UTILISATION_FLOOR_PCT),
            sort_key=lambda r: blank_first(r.semester.utilisation_pct),
            number=True,
            tooltip=lambda r: f"Teacher utilisation in {r.semester.semester.label}",
        ),
        Column(
            "Seats",
            seats_text,
            sort_key=lambda r: r.seats_used,
            number=True,
            tooltip=lambda r: "Licence seats used of bought",
        ),
        Column(
            "Renews",
            lambda r: full_date(r.tool.renewal_date),
            sort_key=lambda r: r.tool.renewal_date or date.max,
        ),
        Column(
            "Advice",
            recommendation_label,
            sort_key=lambda r: r.review.recommendation or "",
            tooltip=lambda r: (
                "Because " + "; ".join(r.review.reasons) + "." if r.review.reasons else None
            ),
        ),
    )

    def _search_words(self, row: ToolRow) -> str:
        teachers = " ".join(f"{t.name} {t.school}" for t in row.teachers)
        return f"{row.tool.name} {row.tool.vendor} {teachers}"


NAME, STAGE, STATUS, USE, SEATS, RENEWS, RECOMMENDATION = range(len(ToolsTableModel.COLUMNS))


class ToolFilterProxy(RowsFilterProxy):
    """Filters by words over the tool's name, vendor, teachers and schools."""

    def set_filters(self, *, text: str | None = None) -> None:
        self.beginFilterChange()
        self._set_words(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        return self._has_words(source_row)
