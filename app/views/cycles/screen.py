"""The Cycles screen: every coaching cycle, filtered by status, school, teacher and year."""

import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.models import CycleStatus
from app.services.calendar import school_year_of
from app.services.cycles import STATUS_LABELS, list_cycles
from app.services.profile import get_profile
from app.services.teachers import list_teachers
from app.store import Store
from app.views.cycles.cycle_view import CycleView
from app.views.cycles.table_model import (
    FOCUS,
    NEXT,
    PROGRESS,
    ROW_ROLE,
    SCHOOL,
    STARTED,
    STATUS,
    TEACHER,
    CycleFilterProxy,
    CyclesTableModel,
)
from app.views.events import AppEvents
from app.views.style import set_role
from app.views.widgets import EmptyState, heading, list_table, select_row

KIND = "cycles"
RELOAD_ON = (KIND, "teachers", "observations", "all")


class CyclesScreen(QWidget):
    sig_counts_changed = Signal(str)
    sig_start_observation_requested = Signal(object, object, object)

    def __init__(
        self, store: Store, events: AppEvents, today: Callable[[], date] = date.today, parent=None
    ):
        super().__init__(parent)
        self._store = store
        self._events = events
        self._today = today
        self._stale = True
        self._pending_select: uuid.UUID | None = None
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

        self.view = CycleView(self._store, self._today)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([520, 520])
        splitter.setChildrenCollapsible(False)
        self.view.setMinimumWidth(360)

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
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.sig_changed.connect(self._on_view_changed)
        self.view.sig_observe_requested.connect(self.sig_start_observation_requested)
        self._events.sig_data_changed.connect(self._on_data_changed)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self, select_id: uuid.UUID | None = None) -> None:
        current = select_id or self._pending_select or self._current_id()
        self._pending_select = None
        rows = list_cycles(self._store, self._today())
        self.model.set_rows(rows)
        self._stale = False
        self._refill_choices(rows)
        self.pages.setCurrentWidget(self.empty if not rows else self.pages.widget(0))
        self._select(current)
        self._publish_counts()

    def _refill_choices(self, rows) -> None:
        schools = sorted({r.school for r in rows if r.school}, key=str.casefold)
        years = sorted(
            {r.school_year for r in rows} | {school_year_of(self._today())}, reverse=True
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

    def open_cycle(self, cycle_id: uuid.UUID) -> None:
        """Show one cycle, clearing filters that would hide it."""
        if self._stale or self.model.rowCount() == 0:
            self.reload(select_id=cycle_id)
        row = self.model.row_of(cycle_id)
        if row >= 0 and not self.proxy.mapFromSource(self.model.index(row, 0)).isValid():
            for combo in (self.status_combo, self.school_combo, self.year_combo):
                combo.setCurrentIndex(0)
            self.filter_edit.clear()
        self._select(cycle_id)

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
            self._events.announce(KIND, self)
            self._events.sig_status_message.emit(
                "Started the cycle; its four sessions are scheduled."
            )
            if self.isVisible():
                self.open_cycle(dialog.cycle_id)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def current_cycle(self):
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _current_id(self) -> uuid.UUID | None:
        current = self.current_cycle()
        return current.id if current else None

    def _filter(self, **change) -> None:
        self.proxy.set_filters(**change)
        if not self.table.currentIndex().isValid():
            self._select(None)
        self._publish_counts()

    def _select(self, cycle_id: uuid.UUID | None) -> None:
        row = self.model.row_of(cycle_id) if cycle_id else -1
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if select_row(self.table, index):
            self.view.show_cycle(self.table.currentIndex().data(ROW_ROLE).id)
        else:
            self.view.show_cycle(None)

    def _publish_counts(self) -> None:
        rows = [self.model.row_at(i) for i in range(self.model.rowCount())]
        active = sum(1 for r in rows if r.status == CycleStatus.ACTIVE)
        planned = sum(1 for r in rows if r.status == CycleStatus.PLANNED)
        text = f"{active} active · {planned} planned · {len(rows)} in all"
        if self.proxy.rowCount() != len(rows):
            text += f" · {self.proxy.rowCount()} shown"
        self.sig_counts_changed.emit(text)

    def _on_current_changed(self, current, _previous) -> None:
        self.view.show_cycle(current.data(ROW_ROLE).id if current.isValid() else None)

    def _on_view_changed(self, message: str) -> None:
        self.reload()
        self._events.announce(KIND, self)
        self._events.sig_status_message.emit(message)

    def _on_data_changed(self, kind: str) -> None:
        if self._events.changed_by is self:
            return
        if kind not in RELOAD_ON:
            return
        if self.isVisible():
            QTimer.singleShot(0, self.reload)
        else:
            self._stale = True
