"""The Usage tab: enrolled teachers by week, ticked when the teacher used the tool, and the
utilisation % against the 30% line."""

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import charts
from app.services.pilots import PilotDetail, UsageGrid, set_usage
from app.text import month_day, percent, percent_against
from app.views.common.chart_view import ChartView
from app.views.common.context import ScreenContext, TakesContext
from app.views.common.operations import write_op
from app.views.common.style import set_role
from app.views.common.table_model import AnyIndex, RowsTableModel
from app.views.common.widgets import muted


class UsageModel(RowsTableModel):
    """Rows are teachers, then a last row of each week's %; cells of begun weeks are ticked."""

    sig_toggled = Signal(object, int, bool)  # teacher id, week, used

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid: UsageGrid | None = None

    def set_grid(self, grid: UsageGrid) -> None:
        self.beginResetModel()
        self.grid = grid
        self._rows = [*grid.rows, None]  # None: the totals row
        self.endResetModel()

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if parent.isValid() or self.grid is None:
            return 0
        return len(self.grid.weeks) + 1

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if self.grid is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            row = self._rows[section]
            return "Used that week" if row is None else row.teacher_name
        if section == len(self.grid.weeks):
            return "So far"
        week = self.grid.weeks[section]
        starts = self.grid.week_starts
        return f"Wk {week}" + (f"\n{month_day(starts[section])}" if starts else "")

    def flags(self, index: AnyIndex):
        flags = super().flags(index)
        if self._is_cell(index):
            if self.grid.weeks[index.column()] <= self.grid.weeks_elapsed:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            else:
                flags &= ~Qt.ItemFlag.ItemIsEnabled  # a week not begun can't be ticked yet
        return flags

    def _is_cell(self, index: AnyIndex) -> bool:
        return (
            index.isValid()
            and self._rows[index.row()] is not None
            and index.column() < len(self.grid.weeks)
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.grid is None:
            return None
        row = self._rows[index.row()]
        column = index.column()
        last = column == len(self.grid.weeks)
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole:
                if last:  # read against the 30% line, as the summary beside it reads
                    return percent_against(self.grid.utilisation_pct, self.grid.floor_pct)
                return percent(self.grid.week_pct[column])
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if last:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{row.used_weeks} wk · {percent(row.pct)}"
            return None
        begun = self.grid.weeks[column] <= self.grid.weeks_elapsed
        if role == Qt.ItemDataRole.CheckStateRole and begun:
            return Qt.CheckState.Checked if row.used[column] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole and not begun:
            return "—"
        if role == Qt.ItemDataRole.ToolTipRole and not begun:
            starts = self.grid.week_starts
            when = f" begins on {month_day(starts[column])}" if starts else " has not begun"
            return f"Week {self.grid.weeks[column]}{when}: tick it once it has begun."
        if role == Qt.ItemDataRole.TextAlignmentRole and not begun:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            state = "used" if row.used[column] else "not used"
            return f"{row.teacher_name}, week {self.grid.weeks[column]}: {state}"
        return None

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not self._is_cell(index):
            return False
        row = self._rows[index.row()]
        used = Qt.CheckState(value) == Qt.CheckState.Checked
        self.sig_toggled.emit(row.teacher_id, self.grid.weeks[index.column()], used)
        return True


class CheckCellDelegate(QStyledItemDelegate):
    """Draws a clear outline round each tick box: some styles draw an unticked box in a dark
    palette (Fusion's among them) barely darker than the cell, so empty weeks vanished."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        super().paint(painter, option, index)
        if index.data(Qt.ItemDataRole.CheckStateRole) is None:
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = option.widget
        style = widget.style() if widget else None
        if style is None:
            return
        box = style.subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(box_outline(option.palette), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(box.adjusted(0, 0, -1, -1))
        painter.restore()


def box_outline(palette: QPalette) -> QColor:
    """Halfway between the text and the cell colour: at least 3:1 against the cell in the
    light and dark palettes, as WCAG asks of a control's outline."""
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    return QColor(
        (text.red() + base.red()) // 2,
        (text.green() + base.green()) // 2,
        (text.blue() + base.blue()) // 2,
    )


class UsageTab(TakesContext, QWidget):
    sig_changed = Signal(str)

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(parent)
        self._take_context(context)
        self._pilot_id = None
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.model = UsageModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Usage by teacher and week")
        self.table.setItemDelegate(CheckCellDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.chart = ChartView("Weekly utilisation", height_pt=150)
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted("Tick a week when the teacher used the tool with students. Saved at once.")
        )
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.chart)
        self.model.sig_toggled.connect(self._on_toggled)

    def show_pilot(self, detail: PilotDetail) -> None:
        self._pilot_id = detail.row.id
        grid = detail.usage
        self.model.set_grid(grid)
        # The weeks share the width; the last column fits its "3 wk · 100%".
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(len(grid.weeks), QHeaderView.ResizeMode.ResizeToContents)
        self.summary.setText(grid.summary)
        set_role(self.summary, "error" if grid.under_floor else "muted")
        weeks = [
            charts.WeekUse(f"Wk {w}", pct)
            for w, pct in zip(grid.weeks, grid.week_pct, strict=True)
            if pct is not None
        ]
        self.chart.set_chart(
            lambda width, height: charts.utilisation_chart(
                weeks, grid.floor_pct, width=width, height=height
            ),
            "; ".join(f"{w.week}: {percent(w.pct)}" for w in weeks) or "No weeks of use yet.",
        )

    def _on_toggled(self, teacher_id, week: int, used: bool) -> None:
        pilot_id = self._pilot_id
        write_op(
            self._context,
            self,
            write=lambda: set_usage(self._store, pilot_id, teacher_id, week, used, self._today()),
            failure="Not saved",
            status=f"Week {week}: {'used' if used else 'not used'}.",
            done=self.sig_changed.emit,
        )
