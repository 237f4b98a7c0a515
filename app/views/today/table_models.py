"""The Today screen's lists as small table models, one per section."""

import uuid
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from app.models.cycles import SESSION_ORDER
from app.services.today import AgendaItem, EndingCycle, NotSeen, TodayOverview
from app.views.common.dates import month_day, weekday_day
from app.views.common.table_model import AnyIndex, RowsTableModel

ROW_ROLE = Qt.ItemDataRole.UserRole + 2
SESSIONS_PER_CYCLE = len(SESSION_ORDER)


def session_state(item: AgendaItem, today: date) -> str:
    if item.done:
        return "Done"
    return "Overdue" if item.scheduled_date < today else "To do"


def last_seen_text(last_seen: date | None, today: date) -> str:
    if last_seen is None:
        return "Never"
    return f"{month_day(last_seen)} · {(today - last_seen).days} days ago"


@dataclass(frozen=True)
class PilotNotice:
    """One row of the pilots section: a pilot awaiting a decision, or on sunset notice."""

    pilot_id: uuid.UUID
    tool: str
    ended_on: date | None
    notice_date: date | None
    awaiting: bool


def pilot_notices(overview: TodayOverview) -> list[PilotNotice]:
    """Awaiting pilots first, then sunset notices; a pilot in both is listed once."""
    rows = [
        PilotNotice(p.pilot_id, p.tool, p.ended_on, p.notice_date, True)
        for p in overview.pilots_awaiting
    ]
    listed = {p.pilot_id for p in overview.pilots_awaiting}
    rows += [
        PilotNotice(p.pilot_id, p.tool, p.ended_on, p.notice_date, False)
        for p in overview.sunset_notices
        if p.pilot_id not in listed
    ]
    return rows


class SectionModel(RowsTableModel):
    """Display text per column from `_cells()`; the row object under ROW_ROLE.

    `TOOLTIP_COLUMNS` are those whose text may be long enough to be elided.
    """

    TOOLTIP_COLUMNS: tuple[int, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.today = date.today()

    def set_rows(self, rows, today: date | None = None) -> None:
        if today is not None:
            self.today = today
        super().set_rows(rows)

    def _cells(self, row) -> tuple[str, ...]:
        raise NotImplementedError

    def _muted(self, row) -> bool:
        return False

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells(row)[index.column()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in self.TOOLTIP_COLUMNS:
            return self._cells(row)[index.column()] or None
        if role == Qt.ItemDataRole.ForegroundRole and self._muted(row):
            return QPalette().brush(QPalette.ColorRole.PlaceholderText)
        return None


class TodaySessionsModel(SectionModel):
    PERIOD, ROOM, TEACHER, SESSION, STATE = range(5)
    HEADERS = ("Period", "Room", "Teacher", "Session", "")
    TOOLTIP_COLUMNS = (TEACHER, ROOM, PERIOD)

    def _cells(self, item: AgendaItem) -> tuple[str, ...]:
        return (
            item.period,
            item.room,
            item.teacher_name,
            item.label,
            "Done" if item.done else "",
        )

    def _muted(self, item: AgendaItem) -> bool:
        return item.done


class OverdueModel(SectionModel):
    """The last column holds the row's Done and Reschedule buttons (index widgets)."""

    DATE, TEACHER, SESSION, ACTIONS = range(4)
    HEADERS = ("Was due", "Teacher", "Session", "")
    TOOLTIP_COLUMNS = (TEACHER,)

    def _cells(self, item: AgendaItem) -> tuple[str, ...]:
        return (weekday_day(item.scheduled_date), item.teacher_name, item.label, "")


class WeekSessionsModel(SectionModel):
    DAY, PERIOD, ROOM, TEACHER, SESSION, STATE = range(6)
    HEADERS = ("Day", "Period", "Room", "Teacher", "Session", "")
    TOOLTIP_COLUMNS = (TEACHER, ROOM, PERIOD)

    def _cells(self, item: AgendaItem) -> tuple[str, ...]:
        return (
            weekday_day(item.scheduled_date),
            item.period,
            item.room,
            item.teacher_name,
            item.label,
            session_state(item, self.today),
        )

    def _muted(self, item: AgendaItem) -> bool:
        return item.done


class EndingCyclesModel(SectionModel):
    TEACHER, FOCUS, ENDS, DONE = range(4)
    HEADERS = ("Teacher", "Focus", "Ends", "Sessions done")
    TOOLTIP_COLUMNS = (TEACHER, FOCUS)

    def _cells(self, cycle: EndingCycle) -> tuple[str, ...]:
        return (
            cycle.teacher_name,
            # One line of the focus: a pasted paragraph must not stretch the row.
            " ".join(cycle.focus.split()),
            weekday_day(cycle.end_date),
            f"{cycle.sessions_done} of {SESSIONS_PER_CYCLE}",
        )


class NotSeenModel(SectionModel):
    TEACHER, SCHOOL, LAST_SEEN = range(3)
    HEADERS = ("Teacher", "School", "Last seen")
    TOOLTIP_COLUMNS = (TEACHER, SCHOOL)

    def _cells(self, teacher: NotSeen) -> tuple[str, ...]:
        return (teacher.teacher_name, teacher.school, last_seen_text(teacher.last_seen, self.today))


class PilotsModel(SectionModel):
    TOOL, ENDED, NOTICE, STATE = range(4)
    HEADERS = ("Tool", "Ended", "Notice date", "")
    TOOLTIP_COLUMNS = (TOOL,)

    def _cells(self, pilot: PilotNotice) -> tuple[str, ...]:
        return (
            pilot.tool,
            month_day(pilot.ended_on),
            month_day(pilot.notice_date),
            "Awaiting a decision" if pilot.awaiting else "Sunset notice",
        )
