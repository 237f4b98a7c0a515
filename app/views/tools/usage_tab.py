"""The Usage tab of a tool: its seated teachers by week of this semester, each week ticked by
hand or holding the count its usage export gave, and the utilisation against the 30% line."""

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models.pilots import UTILISATION_FLOOR_PCT
from app.models.tools import UsageMeasure, UsageSource, UsageSpan
from app.services.errors import NotFound
from app.services.tools import ToolRow, semester_use, set_usage
from app.services.tools.figures import SemesterUse
from app.services.tools.usage_import import (
    SemesterUsage,
    redo_usage_import,
    semester_usage,
    undo_usage_import,
)
from app.text import full_date, month_day, percent, percent_against
from app.views.common.context import ScreenContext, TakesContext
from app.views.common.operations import UndoSteps, write_op, wrote
from app.views.common.style import set_role
from app.views.common.table_model import AnyIndex, RowsTableModel
from app.views.common.widgets import muted
from app.views.pilots.usage_tab import CheckCellDelegate

IMPORTED_ROLE = int(Qt.ItemDataRole.UserRole) + 10
SO_FAR, FIRST_WEEK = 0, 1  # the columns
MEASURE_WORDS = {
    UsageMeasure.LOGINS.value: ("login", "logins"),
    UsageMeasure.ACTIVE_DAYS.value: ("active day", "active days"),
}


@dataclass(frozen=True)
class Week:
    monday: date
    first: date  # its first day in the semester
    begun: bool
    tickable: bool  # begun, and all of it in the semester (a tick counts from its Monday)


@dataclass
class TeacherWeeks:
    teacher_id: uuid.UUID
    name: str
    hand: list[int | None]  # active days ticked by hand, None when never ticked
    imported: list[int | None]  # the export's count, None when the export has nothing
    measures: list[set[str]]  # what the imported counts count

    def used(self, week: int) -> bool:
        return bool(self.hand[week]) or bool(self.imported[week])

    @property
    def used_weeks(self) -> int:
        return sum(self.used(w) for w in range(len(self.hand)))


@dataclass
class UsageWeeks:
    """The grid: weeks of the current semester, one row per seated teacher, and the figures."""

    weeks: list[Week]
    rows: list[TeacherWeeks]
    use: SemesterUse
    week_users: list[int] = field(default_factory=list)

    @property
    def current_week(self) -> int:
        """The last week that has begun (where the grid opens), or the first."""
        begun = [i for i, w in enumerate(self.weeks) if w.begun]
        return begun[-1] if begun else 0


def usage_weeks(usage: SemesterUsage, today: date) -> UsageWeeks:
    """Lay a tool's cells out by teacher and week, counting use as the semester figures do."""
    semester = usage.semester
    weeks = []
    monday = semester.first_day - timedelta(days=semester.first_day.weekday())
    while monday <= semester.last_day:
        weeks.append(
            Week(
                monday=monday,
                first=max(monday, semester.first_day),
                begun=monday <= today,
                tickable=monday <= today and monday >= semester.first_day,
            )
        )
        monday += timedelta(weeks=1)
    index = {w.monday: i for i, w in enumerate(weeks)}
    rows = {
        teacher_id: TeacherWeeks(
            teacher_id, name, [None] * len(weeks), [None] * len(weeks), [set() for _ in weeks]
        )
        for teacher_id, name in usage.teachers
    }
    for cell in usage.cells:
        row = rows.get(cell.teacher_id)
        week = index.get(cell.starts_on - timedelta(days=cell.starts_on.weekday()))
        if row is None or week is None or not weeks[week].first <= cell.starts_on:
            continue  # a week row from before the semester counts for the semester before
        if cell.source == UsageSource.HAND and cell.span == UsageSpan.WEEK:
            row.hand[week] = (row.hand[week] or 0) + cell.active
        else:
            row.imported[week] = (row.imported[week] or 0) + cell.active
            row.measures[week].add(cell.measure)
    teachers = list(rows.values())
    use = semester_use(semester, set(rows), usage.cells, today)
    week_users = [sum(t.used(w) for t in teachers) for w in range(len(weeks))]
    return UsageWeeks(weeks, teachers, use, week_users)


def counted(n: int, measures: set[str]) -> str:
    """ "12 logins", "3 active days", or "5 (logins and active days)" when a week has both."""
    if len(measures) == 1:
        one, many = MEASURE_WORDS.get(next(iter(measures)), ("use", "uses"))
        return f"{n} {one if n == 1 else many}"
    both = " and ".join(sorted(MEASURE_WORDS.get(m, (m, m))[1] for m in measures))
    return f"{n} ({both})"


class ToolUsageModel(RowsTableModel):
    """Rows are teachers, then a last row of each week's share; columns are each teacher's
    weeks of use so far (beside their name), then the semester's weeks."""

    sig_toggled = Signal(object, int, bool)  # teacher id, week index, used

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid: UsageWeeks | None = None

    def set_grid(self, grid: UsageWeeks) -> None:
        self.beginResetModel()
        self.grid = grid
        self._rows = [*grid.rows, None]  # None: the totals row
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.grid, self._rows = None, []
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
            return "Used that week" if row is None else row.name
        if section == SO_FAR:
            return "So far"
        week = section - FIRST_WEEK
        return f"Wk {week + 1}\n{month_day(self.grid.weeks[week].first)}"

    def week_column(self, week: int) -> int:
        return week + FIRST_WEEK

    def _cell(self, index: AnyIndex) -> tuple[TeacherWeeks, int] | None:
        if not index.isValid() or self.grid is None:
            return None
        row = self._rows[index.row()]
        if row is None or index.column() < FIRST_WEEK:
            return None
        return row, index.column() - FIRST_WEEK

    def flags(self, index: AnyIndex):
        flags = super().flags(index)
        found = self._cell(index)
        if found is not None:
            week = self.grid.weeks[found[1]]
            if week.tickable:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            elif not week.begun:
                flags &= ~Qt.ItemFlag.ItemIsEnabled  # a week not begun can't be ticked yet
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.grid is None:
            return None
        grid = self.grid
        row = self._rows[index.row()]
        if index.column() == SO_FAR:
            return self._so_far(row, role)
        column = index.column() - FIRST_WEEK
        if row is None:
            return self._week_total(column, role)
        week = grid.weeks[column]
        imported = row.imported[column]
        if role == Qt.ItemDataRole.CheckStateRole and week.tickable:
            return Qt.CheckState.Checked if row.hand[column] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if not week.begun:
                return "—"
            return "" if imported is None else str(imported)
        if role == IMPORTED_ROLE:
            return imported is not None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cell_words(row, column)
        return None

    def _cell_words(self, row: TeacherWeeks, column: int) -> str:
        week = self.grid.weeks[column]
        said = f"{row.name}, week of {month_day(week.first)}"
        if not week.begun:
            return f"{said}: it begins on {month_day(week.monday)}; tick it once it has begun."
        parts = []
        imported = row.imported[column]
        if imported is not None:
            parts.append(f"{counted(imported, row.measures[column])} from the usage export")
        if week.tickable:
            parts.append("ticked by hand as used" if row.hand[column] else "not ticked by hand")
        else:
            parts.append(
                f"the semester begins on {month_day(week.first)}, mid-week: tick its weeks "
                "from the first Monday"
            )
        return f"{said}: {'; '.join(parts)}."

    def _week_total(self, column: int, role: int):
        grid = self.grid
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if not grid.weeks[column].begun or not grid.rows:
            return "—" if role == Qt.ItemDataRole.DisplayRole else None
        users = grid.week_users[column]
        pct = 100.0 * users / len(grid.rows)
        if role == Qt.ItemDataRole.DisplayRole:
            return percent(pct)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            week = grid.weeks[column]
            return (
                f"Week of {month_day(week.first)}: {users} of {len(grid.rows)} teachers "
                f"used it ({percent(pct)})."
            )
        return None

    def _so_far(self, row: TeacherWeeks | None, role: int):
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if row is None:
            return percent_against(self.grid.use.utilisation_pct, UTILISATION_FLOOR_PCT)
        return f"{row.used_weeks} wk"

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        found = self._cell(index)
        if role != Qt.ItemDataRole.CheckStateRole or found is None:
            return False
        row, column = found
        if not self.grid.weeks[column].tickable:
            return False
        used = Qt.CheckState(value) == Qt.CheckState.Checked
        self.sig_toggled.emit(row.teacher_id, column, used)
        return True


class UsageCellDelegate(CheckCellDelegate):
    """The pilots' tick box outline, over a tint on the cells whose count came from the export."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        if index.data(IMPORTED_ROLE):
            painter.fillRect(option.rect, imported_tint(option.palette))
        super().paint(painter, option, index)


def imported_tint(palette: QPalette) -> QColor:
    """A quarter of the way from the cell colour to the highlight: plain in light and dark,
    with the text still far from it."""
    base = palette.color(QPalette.ColorRole.Base)
    mark = palette.color(QPalette.ColorRole.Highlight)
    return QColor(
        (3 * base.red() + mark.red()) // 4,
        (3 * base.green() + mark.green()) // 4,
        (3 * base.blue() + mark.blue()) // 4,
    )


def week_column_width(table: QTableView) -> int:
    """As narrow as a week's header ("Nov 30", bold when current) or a tick beside a count."""
    bold = table.font()
    bold.setBold(True)
    metrics, header = table.fontMetrics(), QFontMetrics(bold)
    tick = table.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
    return (
        max(
            header.horizontalAdvance("Wk 22"),
            header.horizontalAdvance("Sep 30"),
            tick + 8 + metrics.horizontalAdvance("999"),
        )
        + 14
    )


class UsageTab(TakesContext, QWidget):
    sig_changed = Signal(str)

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(parent)
        self._take_context(context)
        self._tool_id: uuid.UUID | None = None
        self._tool_name = ""
        self.grid: UsageWeeks | None = None
        self._scroll_when_shown = False
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName("Utilisation this semester")
        self.import_button = QPushButton("Import usage…")
        self.import_button.setToolTip(
            "Import the vendor's or the LMS's usage export (a CSV) for this tool"
        )
        self.legend = muted(
            "Tick a week the teacher used it (Space ticks, saved at once; Ctrl+Z undoes). "
            "Shaded numbers came from a usage export."
        )
        self.model = ToolUsageModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Usage by teacher and week")
        self.table.setItemDelegate(UsageCellDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setTabKeyNavigation(False)  # Tab leaves the grid; the arrows move in it
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setDefaultSectionSize(week_column_width(self.table))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(160)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.legend)
        layout.addWidget(self.table, 1)

    def _connect_signals(self) -> None:
        self.model.sig_toggled.connect(self._on_toggled)
        self.import_button.clicked.connect(self._on_import)

    def show_tool(self, row: ToolRow | None) -> None:
        if row is None:
            self._forget_tool()
            return
        same = row.id == self._tool_id
        self._tool_id, self._tool_name = row.id, row.tool.name
        self.import_button.setEnabled(True)
        self._reload(keep_place=same)

    def _forget_tool(self) -> None:
        self._tool_id, self._tool_name, self.grid = None, "", None
        self.model.clear()
        self.summary.setText("")
        self.import_button.setEnabled(False)

    def _reload(self, keep_place: bool = True) -> None:
        if self._tool_id is None:
            return
        current = self.table.currentIndex()
        scrolled = self.table.horizontalScrollBar().value()
        try:
            usage = semester_usage(self._store, self._tool_id, self._today())
        except NotFound:  # deleted meanwhile (an undo elsewhere): the screen shows another
            self._forget_tool()
            return
        grid = usage_weeks(usage, self._today())
        self.grid = grid
        self.model.set_grid(grid)
        self.table.horizontalHeader().setSectionResizeMode(
            SO_FAR, QHeaderView.ResizeMode.ResizeToContents
        )
        self.summary.setText(self._summary_text(grid))
        semester = grid.use.semester
        self.summary.setToolTip(
            f"{semester.label[:1].upper()}{semester.label[1:]}: {full_date(semester.first_day)} "
            f"to {full_date(semester.last_day)}."
        )
        under = grid.use.utilisation_pct is not None and (
            grid.use.utilisation_pct < UTILISATION_FLOOR_PCT
        )
        set_role(self.summary, "error" if under else "muted")
        if keep_place and current.isValid():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
            self.table.horizontalScrollBar().setValue(scrolled)
        elif grid.rows:
            self.table.setCurrentIndex(
                self.model.index(0, self.model.week_column(grid.current_week))
            )
            self._show_this_week()

    def _show_this_week(self) -> None:
        """This week at the right edge, the weeks just gone in sight; again once shown, when
        the grid was laid out hidden (behind another tab) at another width."""
        self._scroll_when_shown = not self.isVisible()
        if self.grid is None or not self.grid.rows:
            return
        now = self.model.index(0, self.model.week_column(self.grid.current_week))
        self.table.horizontalScrollBar().setValue(0)
        self.table.scrollTo(now, QAbstractItemView.ScrollHint.EnsureVisible)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._scroll_when_shown:
            QTimer.singleShot(0, self, self._show_this_week)  # once the layout gave its width

    def _summary_text(self, grid: UsageWeeks) -> str:
        use = grid.use
        if not grid.rows:
            return (
                f"No teacher has a seat for {use.semester.label}: give teachers a seat, or "
                "import the usage export (its teachers get one)."
            )
        shown = percent_against(use.utilisation_pct, UTILISATION_FLOOR_PCT)
        return (
            f"Utilisation this semester: {shown} ({use.active_teachers} of {use.licensed} "
            f"teachers with a seat); the line is {percent(UTILISATION_FLOOR_PCT)}."
        )

    def _on_toggled(self, teacher_id: uuid.UUID, column: int, used: bool) -> None:
        grid = self.grid
        row = next(r for r in grid.rows if r.teacher_id == teacher_id)
        week = grid.weeks[column]
        before, after = row.hand[column] or 0, 1 if used else 0
        tool_id, name, monday = self._tool_id, row.name, week.monday

        def put(days: int):
            return lambda: set_usage(self._store, tool_id, teacher_id, monday, days, self._today())

        when = month_day(week.first)
        did = "used" if used else "didn't use"
        write_op(
            self._context,
            self,
            write=put(after),
            failure="Not saved",
            status=f"{name} {did} {self._tool_name} in the week of {when}.",
            undo=UndoSteps(
                f"{'Tick' if used else 'Untick'} {name}'s week of {when}",
                undo=put(before),
                redo=put(after),
            ),
            refresh=self._reload,
            done=self.sig_changed.emit,
        )

    def _on_import(self) -> None:
        from app.views.tools.usage_import_dialog import UsageImportDialog

        if self._tool_id is None:
            return
        dialog = UsageImportDialog(self._store, self._tool_id, self._tool_name, parent=self)
        if not dialog.choose_and_read():
            return
        if dialog.exec() and dialog.result_message and dialog.imported is not None:
            receipt, store = dialog.imported.receipt, self._store
            wrote(
                self._context,
                self,
                status=dialog.result_message,
                undo=UndoSteps(
                    f"Import {self._tool_name} usage from {dialog.usage.name}",
                    undo=lambda: undo_usage_import(store, receipt, self._now()),
                    redo=lambda: redo_usage_import(store, receipt),
                ),
                refresh=self._reload,
                done=self.sig_changed.emit,
            )
