"""The Today screen's lists as small table models, one per section."""

import uuid
from dataclasses import dataclass
from datetime import date

from PySide6.QtGui import QPalette

from app.models.cycles import SESSION_ORDER
from app.models.pilots import UTILISATION_FLOOR_PCT
from app.services.today import AgendaItem, TodayOverview, ToolDue, ToolDueReason
from app.text import month_day, percent_against, weekday_day
from app.views.common.table_model import Column, RowsTableModel

SESSIONS_PER_CYCLE = len(SESSION_ORDER)


def session_state(item: AgendaItem) -> str:
    if item.done:
        return "Done"
    return "Overdue" if item.overdue else "To do"


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


def whole_text(header: str, text) -> Column:
    """A column whose text may be long enough to be elided: its tooltip shows it whole."""
    return Column(header, text, tooltip=lambda row: text(row) or None)


class SectionModel(RowsTableModel):
    """One section's rows, for the day shown (`today`); a muted row is greyed."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.today = date.today()

    def set_rows(self, rows, today: date | None = None) -> None:
        if today is not None:
            self.today = today
        super().set_rows(rows)

    def _muted(self, row) -> bool:
        return False

    def _foreground(self, row):
        return QPalette().brush(QPalette.ColorRole.PlaceholderText) if self._muted(row) else None


class TodaySessionsModel(SectionModel):
    PERIOD, ROOM, TEACHER, SESSION, STATE = range(5)
    COLUMNS = (
        whole_text("Period", lambda item: item.period),
        whole_text("Room", lambda item: item.room),
        whole_text("Teacher", lambda item: item.teacher_name),
        Column("Session", lambda item: item.label),
        Column("", lambda item: "Done" if item.done else ""),
    )

    def _muted(self, item: AgendaItem) -> bool:
        return item.done


class OverdueModel(SectionModel):
    """The last column holds the row's Done and Reschedule buttons (index widgets)."""

    DATE, TEACHER, SESSION, ACTIONS = range(4)
    COLUMNS = (
        Column("Was due", lambda item: weekday_day(item.scheduled_date)),
        whole_text("Teacher", lambda item: item.teacher_name),
        Column("Session", lambda item: item.label),
        Column("", lambda _item: ""),
    )


class WeekSessionsModel(SectionModel):
    DAY, PERIOD, ROOM, TEACHER, SESSION, STATE = range(6)

    def __init__(self, parent=None):
        super().__init__(parent)
        # The state column reads the day shown, so the columns belong to the model.
        self.COLUMNS = (
            Column("Day", lambda item: weekday_day(item.scheduled_date)),
            whole_text("Period", lambda item: item.period),
            whole_text("Room", lambda item: item.room),
            whole_text("Teacher", lambda item: item.teacher_name),
            Column("Session", lambda item: item.label),
            Column("", session_state),
        )

    def _muted(self, item: AgendaItem) -> bool:
        return item.done


class EndingCyclesModel(SectionModel):
    TEACHER, FOCUS, ENDS, DONE = range(4)
    COLUMNS = (
        whole_text("Teacher", lambda cycle: cycle.teacher_name),
        # One line of the focus: a pasted paragraph must not stretch the row.
        whole_text("Focus", lambda cycle: " ".join(cycle.focus.split())),
        Column("Ends", lambda cycle: weekday_day(cycle.end_date)),
        Column("Sessions done", lambda cycle: f"{cycle.sessions_done} of {SESSIONS_PER_CYCLE}"),
    )


class NotSeenModel(SectionModel):
    TEACHER, SCHOOL, LAST_SEEN = range(3)

    def __init__(self, parent=None):
        super().__init__(parent)
        # "12 days ago" reads the day shown, so the columns belong to the model.
        self.COLUMNS = (
            whole_text("Teacher", lambda teacher: teacher.teacher_name),
            whole_text("School", lambda teacher: teacher.school),
            Column("Last seen", lambda teacher: last_seen_text(teacher.last_seen, self.today)),
        )


class PilotsModel(SectionModel):
    TOOL, ENDED, NOTICE, STATE = range(4)
    COLUMNS = (
        whole_text("Tool", lambda pilot: pilot.tool),
        Column("Ended", lambda pilot: month_day(pilot.ended_on)),
        Column("Notice date", lambda pilot: month_day(pilot.notice_date)),
        Column("", lambda p: "Awaiting a decision" if p.awaiting else "Sunset notice"),
    )


def tool_review_word(due: ToolDue) -> str:
    """ "Review now", "Renews Mon Jan 4", "Sunset candidate" or "Keep"."""
    if due.reason == ToolDueReason.REVIEW_NOW:
        return "Review now"
    if due.reason == ToolDueReason.RENEWAL:
        return f"Renews {weekday_day(due.renewal_date)}"
    if due.reason == ToolDueReason.SUNSET_CANDIDATE:
        return "Sunset candidate"
    return "Keep"


def tool_use_text(due: ToolDue) -> str:
    """ "14%", or "14% so far" while the semester runs."""
    shown = percent_against(due.utilisation_pct, UTILISATION_FLOOR_PCT)
    return f"{shown} so far" if due.so_far and due.utilisation_pct is not None else shown


def tool_use_tip(due: ToolDue) -> str:
    if due.utilisation_pct is None:
        return f"No teacher is licensed or enrolled in {due.semester.label}"
    over = "so far in" if due.so_far else "over"
    return f"Teacher utilisation {over} {due.semester.label}"


def tool_advice(due: ToolDue) -> str:
    """The review's reasons as a sentence: "Sunset candidate: utilisation over …"."""
    text = "; ".join(due.advice)
    return text[:1].upper() + text[1:] + "." if text else ""


class ToolsDueModel(SectionModel):
    TOOL, REVIEW, USED, REASONS = range(4)
    COLUMNS = (
        whole_text("Tool", lambda due: due.tool),
        Column("Review", tool_review_word),
        Column("Used", tool_use_text, tooltip=tool_use_tip),
        whole_text("Why", tool_advice),
    )
