"""The Cycles screen: every coaching cycle, filtered by status, school, teacher and year."""

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
)

from app.models import CycleStatus
from app.services.cycles import STATUS_LABELS, list_cycles
from app.services.profile import get_profile, school_calendar
from app.services.teachers import list_teachers
from app.views.common.context import ScreenContext
from app.views.common.list_screen import ListScreen
from app.views.common.style import set_role
from app.views.common.widgets import EmptyState, heading, list_table
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
        super().__init__(context.events, parent)
        self._context = context
        self._store = context.store
        self._today = context.today
        self.model = CyclesTableModel(self)
        self.proxy = CycleFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by teacher, focus or goal   (Ctrl+F)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter cycles")
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Status")
        self.status_combo.addItem("Any status", CycleFilterProxy.ANY)
        for status in CycleStatus:
            self.status_combo.addItem(STATUS_LABELS[status], status.value)
        self.school_combo = QComboBox()
        self.school_combo.setAccessibleName("School")
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("School year")
        for combo in (self.status_combo, self.school_combo, self.year_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.start_button = QPushButton("Start a cycle…")
        set_role(self.start_button, "primary")
        self.start_button.setToolTip("Start a coaching cycle (Ctrl+N)")

        bar = QHBoxLayout()
        bar.addWidget(heading("Cycles"))
        bar.addSpacing(12)
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.status_combo)
        bar.addWidget(self.school_combo)
        bar.addWidget(self.year_combo)
        bar.addWidget(self.start_button)

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
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.view)
        # The list keeps room for its "Focus and goal" column; the view wraps what it shows.
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([560, 480])
        splitter.setChildrenCollapsible(False)
        self.view.setMinimumWidth(330)

        self.empty = EmptyState(
            "No coaching cycles yet",
            "A cycle is four weeks with one teacher: a goal-setting conference, a model lesson, "
            "a co-teaching session and a reflective debrief, a week apart.",
            actions=(("Start a cycle…", lambda: self.start_cycle()),),
        )
        self.pages = QStackedWidget()
        self.pages.addWidget(splitter)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)
        self.filter_combos = (self.status_combo, self.school_combo, self.year_combo)

    def _connect_signals(self) -> None:
        self.filter_edit.textChanged.connect(lambda text: self._filter(text=text))
        self.status_combo.currentIndexChanged.connect(
            lambda _i: self._filter(status=self.status_combo.currentData())
        )
        self.school_combo.currentIndexChanged.connect(
            lambda _i: self._filter(school=self.school_combo.currentData())
        )
        self.year_combo.currentIndexChanged.connect(
            lambda _i: self._filter(year=self.year_combo.currentData())
        )
        self.start_button.clicked.connect(lambda: self.start_cycle())
        self.view.sig_changed.connect(self._on_view_changed)
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
        for combo, label, values in (
            (self.school_combo, "Any school", schools),
            (self.year_combo, "Any year", years),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(label, CycleFilterProxy.ANY)
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)
        self.pages.setCurrentWidget(self.empty if not rows else self.pages.widget(0))

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

    def _on_view_changed(self, message: str) -> None:
        self.reload()
        self._announce(message)
