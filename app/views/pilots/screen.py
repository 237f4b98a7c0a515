"""The Pilots screen: every pilot with its status, utilisation and recommendation, and the
pilot view with its tabs."""

import uuid
from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
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

from app.services.errors import NotFound
from app.services.pilots import list_pilots, pilot_detail
from app.services.teachers import list_teachers
from app.store import Store
from app.views import dialogs
from app.views.events import AppEvents
from app.views.pilots.pilot_view import PilotView
from app.views.pilots.table_model import (
    DECIDED,
    OPEN,
    RECOMMENDATION,
    ROW_ROLE,
    STARTS,
    STATUS,
    TEACHERS,
    TOOL,
    USE,
    PilotFilterProxy,
    PilotsTableModel,
)
from app.views.style import set_role
from app.views.widgets import EmptyState, heading, list_table, select_row

KIND = "pilots"
RELOAD_ON = (KIND, "teachers", "all")


class PilotsScreen(QWidget):
    sig_counts_changed = Signal(str)

    def __init__(
        self,
        store: Store,
        events: AppEvents,
        undo_stack: QUndoStack,
        today: Callable[[], date],
        now: Callable[[], datetime],
        parent=None,
    ):
        super().__init__(parent)
        self._store = store
        self._events = events
        self._undo_stack = undo_stack
        self._today = today
        self._now = now
        self._stale = True
        self.model = PilotsTableModel(self)
        self.proxy = PilotFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by tool, vendor or teacher   (Ctrl+F)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter pilots")
        self.state_combo = QComboBox()
        self.state_combo.setAccessibleName("Which pilots")
        for label, value in (
            ("Every pilot", PilotFilterProxy.ANY),
            ("Open", OPEN),
            ("Decided", DECIDED),
        ):
            self.state_combo.addItem(label, value)
        self.add_button = QPushButton("New pilot…")
        self.add_button.setToolTip("Add a pilot (Ctrl+N)")
        set_role(self.add_button, "primary")
        bar = QHBoxLayout()
        bar.addWidget(heading("Pilots"))
        bar.addSpacing(12)
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.state_combo)
        bar.addWidget(self.add_button)
        self.table = list_table(
            self.proxy,
            "Pilots",
            STARTS,
            Qt.SortOrder.DescendingOrder,
            TOOL,
            {STATUS: 104, TEACHERS: 70, USE: 52, RECOMMENDATION: 104, STARTS: 100},
        )
        self.table.setColumnHidden(TEACHERS, True)
        self.table.setColumnHidden(STARTS, True)
        self.view = PilotView(self._store, self._undo_stack, self._today, self._now)
        self.view.setMinimumWidth(480)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 660])
        splitter.setChildrenCollapsible(False)
        self.empty = EmptyState(
            "No pilots yet",
            "A pilot tries a new tool for four weeks with a few volunteer teachers: vet it, "
            "log what goes wrong, tick who used it, survey the teachers, then adopt or sunset.",
            actions=(("Add a pilot…", lambda: self.add_pilot()),),
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
        self.state_combo.currentIndexChanged.connect(
            lambda _i: self._filter(state=self.state_combo.currentData())
        )
        self.add_button.clicked.connect(lambda: self.add_pilot())
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.sig_changed.connect(self._on_view_changed)
        self.view.sig_deleted.connect(self._on_deleted)
        self.view.sig_edit_requested.connect(self.edit_pilot)
        self._events.sig_data_changed.connect(self._on_data_changed)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self, select_id: uuid.UUID | None = None) -> None:
        current = select_id or self._current_id()
        rows = list_pilots(self._store, self._today())
        self.model.set_rows(rows)
        self._stale = False
        self.pages.setCurrentWidget(self.empty if not rows else self.pages.widget(0))
        self._select(current)
        self._publish_counts()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def current_pilot(self):
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _current_id(self) -> uuid.UUID | None:
        current = self.current_pilot()
        return current.id if current else None

    def _filter(self, **change) -> None:
        self.proxy.set_filters(**change)
        if not self.table.currentIndex().isValid():
            self._select(None)
        self._publish_counts()

    def _select(self, pilot_id: uuid.UUID | None) -> None:
        row = self.model.row_of(pilot_id) if pilot_id else -1
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if select_row(self.table, index):
            self.view.show_pilot(self.table.currentIndex().data(ROW_ROLE).id)
        else:
            self.view.show_pilot(None)

    def open_pilot(self, pilot_id: uuid.UUID) -> None:
        """Show one pilot, clearing filters that would hide it."""
        if self._stale or self.model.row_of(pilot_id) < 0:
            self.reload(select_id=pilot_id)
        row = self.model.row_of(pilot_id)
        if row >= 0 and not self.proxy.mapFromSource(self.model.index(row, 0)).isValid():
            self.state_combo.setCurrentIndex(0)
            self.filter_edit.clear()
        self._select(pilot_id)

    def _publish_counts(self) -> None:
        rows = [self.model.row_at(i) for i in range(self.model.rowCount())]
        running = sum(1 for r in rows if r.status == "piloting")
        waiting = sum(1 for r in rows if r.awaiting_decision)
        text = f"{running} piloting · {waiting} awaiting a decision · {len(rows)} in all"
        if self.proxy.rowCount() != len(rows):
            text += f" · {self.proxy.rowCount()} shown"
        self.sig_counts_changed.emit(text)

    def add_pilot(self) -> None:
        from app.views.pilots.pilot_dialog import PilotDialog

        dialog = PilotDialog(
            self._store, list_teachers(self._store), self._today(), self._now, parent=self
        )
        if dialog.exec() and dialog.pilot_id is not None:
            self._saved(dialog.pilot_id, "Added the pilot; its six vetting checks are waiting.")

    def edit_pilot(self, pilot_id: uuid.UUID) -> None:
        from app.views.pilots.pilot_dialog import PilotDialog

        try:
            detail = pilot_detail(self._store, pilot_id, self._today())
        except NotFound as exc:
            dialogs.show_error(self, "Not found", str(exc))
            return
        dialog = PilotDialog(
            self._store,
            list_teachers(self._store),
            self._today(),
            self._now,
            pilot_id=pilot_id,
            form=detail.form,
            enrolled={t.id for t in detail.teachers},
            parent=self,
        )
        if dialog.exec():
            self._saved(pilot_id, "Saved the pilot.")

    def _saved(self, pilot_id: uuid.UUID, message: str) -> None:
        self.reload(select_id=pilot_id)
        self._events.announce(KIND, self)
        self._events.sig_status_message.emit(message)

    def _on_current_changed(self, current, _previous) -> None:
        self.view.show_pilot(current.data(ROW_ROLE).id if current.isValid() else None)

    def _on_view_changed(self, message: str) -> None:
        selected = self._current_id()
        self.model.set_rows(list_pilots(self._store, self._today()))
        row = self.model.row_of(selected) if selected else -1
        if row >= 0:
            selection = self.table.selectionModel()
            selection.blockSignals(True)  # the view is already showing this pilot
            select_row(self.table, self.proxy.mapFromSource(self.model.index(row, 0)))
            selection.blockSignals(False)
            self.table.viewport().update()
        self._publish_counts()
        self._events.announce(KIND, self)
        self._events.sig_status_message.emit(message)

    def _on_deleted(self, message: str) -> None:
        self.reload()
        self._events.announce(KIND, self)
        self._events.sig_status_message.emit(message)

    def _on_data_changed(self, kind: str) -> None:
        if self._events.changed_by is self or kind not in RELOAD_ON:
            return
        if self.isVisible():
            QTimer.singleShot(0, self.reload)
        else:
            self._stale = True
