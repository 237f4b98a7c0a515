"""The Cycles screen: every coaching cycle, filtered by status, school, teacher and year."""

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QPushButton,
)

from app.models import CycleStatus
from app.services.cycles import STATUS_LABELS, list_cycles
from app.services.profile import get_profile, school_calendar
from app.services.teachers import list_teachers
from app.views.common.context import ScreenContext
from app.views.common.list_screen import ListScreen
from app.views.common.style import set_role
from app.views.common.widgets import (
    EmptyState,
    choice_combo,
    filter_box,
    list_table,
    title_bar,
)
from app.views.cycles.cycle_view import CycleView
from app.views.cycles.table_model import (
    FOCUS,
    NEXT,
    PROGRESS,
    SCHOOL,
    STARTED,
    STATUS,
    TEACHER,
    CycleFilterProxy,
    CyclesTableModel,
)


class CyclesScreen(ListScreen):
    KIND = "cycles"
    RELOAD_ON = ("cycles", "teachers", "observations")
    sig_start_observation_requested = Signal(object, object, object)

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(context, parent)
        self._use_models(CyclesTableModel(self), CycleFilterProxy(self))
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        self.filter_edit = filter_box(
            "Filter by teacher, focus or goal   (Ctrl+F)", "Filter cycles"
        )
        statuses = [(STATUS_LABELS[status], status.value) for status in CycleStatus]
        self.status_combo = choice_combo(
            "Status", [("Any status", CycleFilterProxy.ANY), *statuses], fit_contents=True
        )
        self.school_combo = choice_combo("School", fit_contents=True)
        self.year_combo = choice_combo("School year", fit_contents=True)
        self.start_button = QPushButton("Start a cycle…")
        set_role(self.start_button, "primary")
        self.start_button.setToolTip("Start a coaching cycle (Ctrl+N)")

        bar = title_bar(
            "Cycles",
            self.filter_edit,
            self.status_combo,
            self.school_combo,
            self.year_combo,
            self.start_button,
        )

        self.table = list_table(
            self.proxy,
            "Coaching cycles",
            STARTED,
            Qt.SortOrder.DescendingOrder,
            FOCUS,
            {TEACHER: 130, SCHOOL: 130, STATUS: 78, PROGRESS: 66, NEXT: 62, STARTED: 92},
        )
        # The cycle view names the school and dates; the filters narrow by school and year.
        self.table.setColumnHidden(SCHOOL, True)
        self.table.setColumnHidden(STARTED, True)

        self.view = CycleView(self._context)
        # The list keeps room for its "Focus and goal" column; the view wraps what it shows.
        splitter = self._beside_list(self.view, (3, 2), [560, 480])
        self.view.setMinimumWidth(330)

        self.empty = EmptyState(
            "No coaching cycles yet",
            "A cycle is four weeks with one teacher: a goal-setting conference, a model lesson, "
            "a co-teaching session and a reflective debrief, a week apart.",
            actions=(("Start a cycle…", lambda: self.start_cycle()),),
        )
        self._stack_pages((bar,), splitter)
        self.filter_combos = (self.status_combo, self.school_combo, self.year_combo)

    def _connect_signals(self) -> None:
        self._connect_filters(
            status=self.status_combo, school=self.school_combo, year=self.year_combo
        )
        self.start_button.clicked.connect(lambda: self.start_cycle())
        self.view.sig_changed.connect(self._reload_and_announce)
        self.view.sig_observe_requested.connect(self.sig_start_observation_requested)
        self._connect_list_signals()

    def start_cycle(self, teacher_id: uuid.UUID | None = None) -> None:
        from app.views.cycles.start_dialog import StartCycleDialog

        dialog = StartCycleDialog(
            self._store,
            list_teachers(self._store),
            self._today(),
            get_profile(self._store).default_cycle_weeks,
            teacher_id,
            self,
        )
        if dialog.exec() and dialog.cycle_id is not None:
            self._pending_select = dialog.cycle_id
            self._stale = True
            self._announce("Started the cycle; its four sessions are scheduled.")
            if self.isVisible():
                self.open_cycle(dialog.cycle_id)

    def _load_rows(self) -> list:
        return list_cycles(self._store, self._today())

    def _after_load(self, rows: list) -> None:
        schools = sorted({r.school for r in rows if r.school}, key=str.casefold)
        years = sorted(
            {r.school_year for r in rows} | {school_calendar(self._store).year_of(self._today())},
            reverse=True,
        )
        self._refill_filter(self.school_combo, ("Any school", CycleFilterProxy.ANY), schools)
        self._refill_filter(self.year_combo, ("Any year", CycleFilterProxy.ANY), years)
        self._show_list_or_empty(rows)

    def _show_record(self, cycle_id: uuid.UUID | None) -> None:
        self.view.show_cycle(cycle_id)

    def _counts_text(self, rows: list) -> str:
        active = sum(1 for r in rows if r.status == CycleStatus.ACTIVE)
        planned = sum(1 for r in rows if r.status == CycleStatus.PLANNED)
        return f"{active} active · {planned} planned · {len(rows)} in all"

    def current_cycle(self):
        return self.current_row()

    def open_cycle(self, cycle_id: uuid.UUID) -> None:
        self.reveal(cycle_id)
