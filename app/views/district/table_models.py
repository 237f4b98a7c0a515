"""The District screen's tables: each a list model over the dashboard's plain rows, its cells
written as the PDF prints them (`figure_text`: "12", "67%", "fewer than 3")."""

from PySide6.QtCore import Qt

from app.reports.dashboard_report import GROUP_HEADER, INVENTORY_HEADER, inventory_cells
from app.services.district.dashboard import Figure, TrendMonth, figure_text, hours_text
from app.text import MONTHS, PILOT_STATUS_LABELS, date_and_time, full_date
from app.views.common.table_model import RIGHT_ALIGNED, Column, RowsTableModel

# Each figure column of the by-school and by-coach tables, in the PDF's order.
_GROUP_FIGURES = (
    ("cycles_started", False),
    ("cycles_active", False),
    ("cycles_completed", False),
    ("goals_met", False),
    ("sessions_done", False),
    ("observations", False),
    ("mean_time_on_task", True),
)


def _figure_column(header: str, name: str, as_percent: bool) -> Column:
    return Column(
        header,
        lambda group: figure_text(getattr(group, name), as_percent=as_percent),
        number=True,
    )


_FIGURE_COLUMNS = tuple(
    _figure_column(header, name, as_percent)
    for header, (name, as_percent) in zip(GROUP_HEADER, _GROUP_FIGURES, strict=True)
)


class PageTableModel(RowsTableModel):
    """A figures table: its number columns' headers on two lines ("Cycles⏎started"), so
    eight figures and a name fit a 1024-pixel window."""

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        number = orientation == Qt.Orientation.Horizontal and self.COLUMNS[section].number
        if number and role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT_ALIGNED
        text = super().headerData(section, orientation, role)
        return self._two_lines(text) if text and number else text

    @staticmethod
    def _two_lines(header: str) -> str:
        return header.replace(" ", "\n", 1)


class SyncedModel(PageTableModel):
    """Each coach and when they last synced."""

    COLUMNS = (
        Column("Coach", lambda c: c.name),
        Column(
            "Last synced (UTC)",
            lambda c: date_and_time(c.synced_at) if c.synced_at else "Not synced yet",
        ),
        Column("", lambda c: "Removed" if c.removed else ""),
    )


class SchoolsModel(PageTableModel):
    COLUMNS = (
        Column("School", lambda g: g.name),
        *_FIGURE_COLUMNS,
        Column("Contacts", lambda g: figure_text(g.informal_contacts), number=True),
    )


class CoachesModel(PageTableModel):
    COLUMNS = (Column("Coach", lambda g: g.name), *_FIGURE_COLUMNS)


class ProfessionalDevelopmentModel(PageTableModel):
    """PD sessions and hours given, and informal contacts, coach by coach."""

    COLUMNS = (
        Column("Coach", lambda g: g.name),
        Column("PD sessions", lambda g: f"{g.pd_sessions or 0:,}", number=True),
        Column("PD hours", lambda g: hours_text(g.pd_hours or 0.0), number=True),
        Column("Informal contacts", lambda g: figure_text(g.informal_contacts), number=True),
    )


class TrendModel(PageTableModel):
    """The months with lessons observed, under the chart."""

    COLUMNS = (
        Column("Month", lambda t: f"{MONTHS[t.month.month - 1]} {t.month.year}"),
        Column("Lessons observed", lambda t: figure_text(t.observations), number=True),
        Column(
            "Mean time-on-task",
            lambda t: figure_text(t.mean_time_on_task, as_percent=True),
            number=True,
        ),
    )

    def set_rows(self, rows: list[TrendMonth]) -> None:
        super().set_rows(t for t in rows if t.observations.value or t.observations.withheld)


class PilotsModel(PageTableModel):
    COLUMNS = (
        Column("Tool", lambda p: p.tool),
        Column("Coach", lambda p: p.coach),
        Column("Status", lambda p: PILOT_STATUS_LABELS.get(p.status, p.status)),
        Column("Started", lambda p: full_date(p.start_date)),
        Column("Weeks", lambda p: f"{p.weeks_elapsed} of {p.length_weeks}", number=True),
        Column("Teachers", lambda p: f"{p.enrolled:,}", number=True),
        Column(
            "Utilisation",
            lambda p: figure_text(p.utilisation_pct, as_percent=True),
            number=True,
        ),
    )


# What each figure column of the tools in use sorts by (the tool's name sorts as shown).
_INVENTORY_VALUES = (
    None,
    lambda t: t.seated,
    lambda t: t.active,
    lambda t: t.utilisation_pct,
    lambda t: t.seats_bought,
    lambda t: t.yearly_cost,
    lambda t: t.cost_per_active_teacher,
    lambda t: t.buy_in_pct,
)


def _sort_value(value) -> tuple[int, float]:
    """A figure or an amount to sort by: withheld and missing ones first."""
    if isinstance(value, Figure):
        value = None if value.withheld else value.value
    return (0, 0.0) if value is None else (1, float(value))


def _inventory_column(position: int) -> Column:
    value_of = _INVENTORY_VALUES[position]
    return Column(
        INVENTORY_HEADER[position],
        lambda tool: inventory_cells(tool)[position],
        sort_key=None if value_of is None else lambda tool: _sort_value(value_of(tool)),
        number=position > 0,
    )


class ToolsInUseModel(PageTableModel):
    """The tools in the coaches' inventories, in the PDF's words (`inventory_cells`)."""

    COLUMNS = tuple(_inventory_column(n) for n in range(len(INVENTORY_HEADER)))

    @staticmethod
    def _two_lines(header: str) -> str:
        # "Per active⏎teacher" reads better than "Per⏎active teacher".
        return "\n".join(header.rsplit(" ", 1))
