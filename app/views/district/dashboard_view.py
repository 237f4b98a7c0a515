"""One month's district dashboard on screen, in the PDF's order and words: the district's
figures, coaches and their last sync, by school, by coach, PD and contacts, time-on-task by
month, the PICRAT heat map, pilots, the tools' use by school, and the tools in use.

Built afresh for each dashboard read; it holds plain figures only, never a connection.
"""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import charts
from app.reports.dashboard_report import (
    WITHHELD_MARK,
    glance_figures,
    heat_cell,
    inventory_sentence,
)
from app.services.district.dashboard import (
    FEWER_THAN,
    PICRAT_CELLS,
    SMALL_CELL,
    Dashboard,
    figure_text,
)
from app.text import ENGAGEMENT_LABELS, MONTHS, USE_LABELS, full_date, picrat_code
from app.views.common.chart_view import PIXELS_PER_POINT, ChartView
from app.views.common.table_model import RowsTableModel
from app.views.common.widgets import heading, muted
from app.views.district.table_models import (
    CoachesModel,
    PilotsModel,
    ProfessionalDevelopmentModel,
    SchoolsModel,
    SyncedModel,
    ToolsInUseModel,
    TrendModel,
)
from app.views.observations.live_layout import big_font

FIGURES_PER_ROW = 4
TREND_HEIGHT_PT = 170
# Tools per heat map: each column keeps room for a tool's name at the narrowest window.
TOOLS_PER_MAP = 6
TOOL_COLUMN_MAX_PT = 110
# On a wide screen the page stops here: names stay near their figures.
WIDEST_PAGE_PX = 1240


def _heat_map_words(rows, columns, cells) -> str:
    """A heat map's cells in words, for screen readers and the tooltip."""
    lines = []
    for row, line in zip(rows, cells, strict=True):
        shown = ", ".join(f"{c} {cell.shown}" for c, cell in zip(columns, line, strict=True))
        lines.append(f"{row}: {shown}")
    return "; ".join(lines)


class FigureTile(QFrame):
    """One big figure with its caption under it."""

    def __init__(self, value: str, caption: str, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel(value)
        self.value.setFont(big_font(self, 1.9))
        self.value.setAccessibleName(caption)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption = muted(caption)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)


class PageTable(QTableView):
    """A table as tall as its rows (the page scrolls, not the table). The first column takes
    the width the figures leave, and a long name there wraps onto a second line rather
    than lose its end in a small window."""

    def __init__(self, model: RowsTableModel, name: str, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName(name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        rows = self.verticalHeader()
        rows.hide()
        rows.setMinimumSectionSize(self.fontMetrics().height() + 10)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.horizontalHeader()
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Rows grow or shrink as the columns' widths change the wrapping.
        header.sectionResized.connect(lambda *_: QTimer.singleShot(0, self, self._fit_height))
        self._fit_height()

    def _fit_height(self) -> None:
        self.resizeRowsToContents()
        rows = self.verticalHeader()
        content = sum(rows.sectionSize(r) for r in range(self.model().rowCount()))
        self.setFixedHeight(
            self.horizontalHeader().sizeHint().height() + content + 2 * self.frameWidth()
        )

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_height)


class DashboardView(QWidget):
    def __init__(self, dashboard: Dashboard, read_at: str, parent=None):
        super().__init__(parent)
        self.dashboard = dashboard
        self.tables: dict[str, QTableView] = {}
        self.figures: dict[str, FigureTile] = {}
        self.charts: dict[str, ChartView] = {}
        self.setMaximumWidth(WIDEST_PAGE_PX)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 4, 12)
        self._intro(read_at)
        self._glance()
        self._synced()
        self._groups()
        self._trend()
        self._picrat()
        self._pilots()
        self._tools()
        self._tools_in_use()
        self._layout.addStretch()

    def _add(self, *widgets: QWidget) -> None:
        for widget in widgets:
            self._layout.addWidget(widget)

    def _section(self, title: str, sentence: str = "") -> None:
        self._layout.addSpacing(10)
        self._add(heading(title, 2))
        if sentence:
            self._add(muted(sentence))

    def _table(self, key: str, model: RowsTableModel, rows, name: str) -> QTableView:
        model.set_rows(rows)
        table = PageTable(model, name)
        self.tables[key] = table
        self._add(table)
        return table

    def _intro(self, read_at: str) -> None:
        d = self.dashboard
        total = sum(1 for c in d.synced if not c.removed)
        coach = next((n for n, i in d.coach_ids.items() if i == d.filters.coach_id), None)
        narrowed = [
            part
            for part in (
                d.filters.school and f"school: {d.filters.school}",
                d.filters.coach_id and coach and f"coach: {coach}",
            )
            if part
        ]
        lines = [
            f"From the district database at {d.where}, read {read_at}. "
            f"{d.coaches_synced} of {total} coaches have synced.",
            *([f"Showing only {', '.join(narrowed)}."] if narrowed else []),
            f"A figure drawn from fewer than {SMALL_CELL} teachers is shown as “{FEWER_THAN}”.",
        ]
        self.intro = muted(" ".join(lines))
        self.intro.setAccessibleName("Where the figures come from")
        self._add(self.intro)

    def _glance(self) -> None:
        grid = QGridLayout()
        grid.setSpacing(8)
        for n, (value, caption) in enumerate(glance_figures(self.dashboard)):
            tile = FigureTile(value, caption)
            self.figures[caption] = tile
            grid.addWidget(tile, n // FIGURES_PER_ROW, n % FIGURES_PER_ROW)
        self._layout.addLayout(grid)
        d = self.dashboard.district
        self.glance_note = muted(
            f"{figure_text(d.informal_contacts)} informal contacts and "
            f"{d.pd_sessions or 0:,} PD sessions this month. A cycle is active when it ran on "
            "any day of the month; goals met counts the cycles completed this month."
        )
        self._add(self.glance_note)

    def _synced(self) -> None:
        self._section("Coaches and their last sync")
        if not self.dashboard.synced:
            self._add(muted("No coach has been added to the district yet."))
            return
        self._table("synced", SyncedModel(self), self.dashboard.synced, "Coaches and last sync")

    def _groups(self) -> None:
        d = self.dashboard
        self._section("By school")
        if d.schools:
            self._table("schools", SchoolsModel(self), d.schools, "Figures by school")
        else:
            self._add(muted("Nothing was recorded at any school this month."))
        self._section("By coach")
        if not d.coaches:
            self._add(muted("No coach recorded anything this month."))
            return
        self._table("coaches", CoachesModel(self), d.coaches, "Figures by coach")
        self._section("Professional development and informal contacts by coach")
        self._table("pd", ProfessionalDevelopmentModel(self), d.coaches, "PD and contacts by coach")

    def _trend(self) -> None:
        trend = self.dashboard.trend
        first, last = trend[0].month, trend[-1].month
        span = f"{MONTHS[first.month - 1]} {first.year} to {MONTHS[last.month - 1]} {last.year}"
        self._section(
            "Time-on-task by month",
            f"Mean time-on-task of the lessons observed each month, {span}; "
            f"“{WITHHELD_MARK}” marks a month drawn from fewer than {SMALL_CELL} teachers.",
        )
        bars = [
            charts.MonthBar(
                MONTHS[t.month.month - 1],
                t.mean_time_on_task.value,
                t.mean_time_on_task.withheld,
            )
            for t in trend
        ]
        chart = ChartView("Time-on-task by month", height_pt=TREND_HEIGHT_PT)
        chart.set_chart(
            lambda width, height: charts.monthly_chart(bars, width, height),
            "; ".join(
                f"{MONTHS[t.month.month - 1]} {t.month.year}: "
                f"{figure_text(t.mean_time_on_task, as_percent=True)}"
                for t in trend
            ),
        )
        self.charts["trend"] = chart
        self._add(chart)
        if any(t.observations.value or t.observations.withheld for t in trend):
            self._table("trend", TrendModel(self), trend, "Lessons and time-on-task by month")

    def _picrat(self) -> None:
        picrat = self.dashboard.picrat
        legend = "; ".join(
            f"{e.value[0].upper()} {label.lower()}" for e, label in ENGAGEMENT_LABELS.items()
        )
        uses = "; ".join(f"{u.value[0].upper()} {label.lower()}" for u, label in USE_LABELS.items())
        if not picrat:
            self._section("Technology use in observed lessons (PICRAT)")
            self._add(muted("No lesson observed this month was coded for PICRAT."))
            return
        self._section(
            "Technology use in observed lessons (PICRAT)",
            "Lessons observed this month by PICRAT cell, school by school. The first letter "
            f"is how students engage ({legend}), the second what the technology does ({uses}). "
            f"“{WITHHELD_MARK}”: fewer than {SMALL_CELL} teachers.",
        )
        rows = [row.school for row in picrat]
        columns = [picrat_code(e, u) for e, u in PICRAT_CELLS]
        cells = [
            [heat_cell(row.cells[c], as_percent=False) for c in PICRAT_CELLS] for row in picrat
        ]
        chart = self._heat_map("PICRAT by school", rows, columns, cells)
        self.charts["picrat"] = chart

    def _heat_map(self, name, rows, columns, cells, top: float | None = None) -> ChartView:
        height = charts.HEAT_HEAD + charts.HEAT_ROW * len(rows) + 2
        chart = ChartView(name, height_pt=height)
        chart.set_chart(
            lambda width, _height: charts.heat_map_chart(rows, columns, cells, width, top=top),
            _heat_map_words(rows, columns, cells),
        )
        self._add(chart)
        return chart

    def _pilots(self) -> None:
        pilots = self.dashboard.pilots
        if not pilots:
            self._section("Pilots running this month")
            self._add(muted("No edtech pilot ran this month."))
            return
        self._section(
            "Pilots running this month",
            "Utilisation: the share of enrolled teacher-weeks marked as used, up to "
            f"{full_date(self.dashboard.as_of)}.",
        )
        self._table("pilots", PilotsModel(self), pilots, "Pilots running this month")

    def _tools(self) -> None:
        d = self.dashboard
        if not d.tools:
            self._section("Tools gathering dust: use by school")
            self._add(muted("No pilot ran in the last twelve months."))
            return
        self._section(
            "Tools gathering dust: use by school",
            "Utilisation of each tool piloted in the last twelve months, by the school of its "
            f"teachers: the paler, the less used. “{WITHHELD_MARK}”: fewer than {SMALL_CELL} "
            "teachers; blank: not piloted there.",
        )
        self._tool_maps("tools", "Tool use by school", d.tool_schools, d.tools)

    def _tools_in_use(self) -> None:
        tools = self.dashboard.tools_in_use.tools
        if not tools:
            self._section("Tools in use")
            self._add(muted("No coach's inventory held a tool at the month's end."))
            return
        self._section("Tools in use", inventory_sentence(self.dashboard))
        self._table("tools in use", ToolsInUseModel(self), tools, "Tools in use")
        self._section(
            "Tools in use: utilisation by school",
            "This semester's utilisation of each tool by the school of its seated teachers. "
            f"“{WITHHELD_MARK}”: fewer than {SMALL_CELL} teachers; blank: no seat there.",
        )
        schools = sorted({s for tool in tools for s in tool.by_school}, key=str.casefold)
        self._tool_maps("tools in use", "Tools in use by school", schools, tools)

    def _tool_maps(self, key: str, name: str, schools: list[str], tools: list) -> None:
        """Heat maps of each tool's utilisation (`by_school`) by school, a few tools each."""
        # As many maps as needed, sharing the tools evenly: 7 tools show as 4 and 3.
        per_map = -(-len(tools) // -(-len(tools) // TOOLS_PER_MAP)) if tools else TOOLS_PER_MAP
        for start in range(0, len(tools), per_map):
            part = tools[start : start + per_map]
            cells = [
                [
                    heat_cell(tool.by_school[school], as_percent=True)
                    if school in tool.by_school
                    else charts.HeatCell(None, "")
                    for tool in part
                ]
                for school in schools
            ]
            chart = self._heat_map(name, schools, [t.tool for t in part], cells, top=100.0)
            # A few tools keep cells of a readable width rather than stretch across the page.
            widest = charts.HEAT_LABEL_ROOM + TOOL_COLUMN_MAX_PT * len(part)
            chart.setMaximumWidth(round(widest * PIXELS_PER_POINT))
            self.charts[f"{key} {start // per_map + 1}"] = chart
