"""Observations as a table, and the proxy behind the Observations screen's filters."""

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel

from app.services.calendar import AUGUST_TO_JULY
from app.services.observations import ObservationRow
from app.text import full_date, percent
from app.views.common.table_model import (
    AnyIndex,
    Column,
    RowsFilterProxy,
    RowsTableModel,
    blank_first,
)


def pct_cell(obs: ObservationRow) -> str:
    # Not a figure yet: a lesson still recording is left out of trends until it ends.
    return "recording" if obs.in_progress else percent(obs.time_on_task_pct)


def recording_tooltip(obs: ObservationRow) -> str:
    so_far = (
        f" ({percent(obs.time_on_task_pct)} so far)" if obs.time_on_task_pct is not None else ""
    )
    return f"Still recording{so_far}: left out of the trend until it ends. Open it to go on."


def _tooltip(more: Callable[[ObservationRow], str | None] = lambda _obs: None):
    """Every cell of a lesson still recording says so; other cells may say `more`."""
    return lambda obs: recording_tooltip(obs) if obs.in_progress else more(obs)


class ObservationsTableModel(RowsTableModel):
    # Names collate as people read them (Ł with L).
    COLUMNS = (
        Column(
            "Date",
            lambda o: full_date(o.observed_on),
            sort_key=lambda o: o.observed_on,
            tooltip=_tooltip(),
        ),
        Column("Teacher", lambda o: o.teacher_name, tooltip=_tooltip()),
        Column("Period", lambda o: o.period, tooltip=_tooltip()),
        Column("Lesson", lambda o: o.lesson, tooltip=_tooltip(lambda o: o.lesson or None)),
        Column(
            "Sweeps",
            lambda o: str(o.sweeps),
            sort_key=lambda o: o.sweeps,
            number=True,
            tooltip=_tooltip(),
        ),
        Column(
            "On task",
            pct_cell,
            sort_key=lambda o: blank_first(o.time_on_task_pct),
            number=True,
            tooltip=_tooltip(),
        ),
    )

    def _search_words(self, obs: ObservationRow) -> str:
        return f"{obs.teacher_name} {obs.period} {obs.lesson}"

    def _font(self, obs: ObservationRow):
        if not obs.in_progress or self.parent() is None:
            return None
        font = self.parent().font()
        font.setItalic(True)
        return font


DATE, TEACHER, PERIOD, LESSON, SWEEPS, PCT = range(len(ObservationsTableModel.COLUMNS))


class ObservationFilterProxy(RowsFilterProxy):
    """Filters by school year, state (in progress, live, from paper) and words."""

    ANY = ""
    IN_PROGRESS, LIVE, PAPER = "in_progress", "live", "paper"

    def __init__(self, parent=None):
        super().__init__(parent)
        self._year = self._state = self.ANY
        self.calendar = AUGUST_TO_JULY  # the screen sets the coach's when it loads

    def set_filters(
        self, *, year: str | None = None, state: str | None = None, text: str | None = None
    ) -> None:
        self.beginFilterChange()
        if year is not None:
            self._year = year
        if state is not None:
            self._state = state
        self._set_words(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        obs: ObservationRow = self._row(source_row)
        if self._year and self.calendar.year_of(obs.observed_on) != self._year:
            return False
        if self._state == self.IN_PROGRESS and not obs.in_progress:
            return False
        if self._state == self.LIVE and not (obs.in_progress or obs.ended):
            return False
        if self._state == self.PAPER and (obs.in_progress or obs.ended):
            return False
        return self._has_words(source_row)
