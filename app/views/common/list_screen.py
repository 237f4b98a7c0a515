"""What the list-and-view screens share: load when first shown, keep the chosen row across
reloads, filters that never hide the row asked for, counts in the status bar, and a refresh
when another screen announces a change."""

import uuid

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from app.views.common.events import AppEvents
from app.views.common.widgets import select_row

ROW_ROLE = Qt.ItemDataRole.UserRole + 2


class ListScreen(QWidget):
    """Subclasses build `model`, `proxy`, `table`, `filter_edit` and `filter_combos`, and
    implement `_load_rows`, `_show_record` and `_counts_text`."""

    sig_counts_changed = Signal(str)
    KIND = ""
    RELOAD_ON: tuple[str, ...] = ()

    def __init__(self, events: AppEvents, parent=None):
        super().__init__(parent)
        self._events = events
        self._stale = True
        self._pending_select: uuid.UUID | None = None

    # What each screen provides -----------------------------------------------------------

    def _load_rows(self) -> list:
        raise NotImplementedError

    def _show_record(self, record_id: uuid.UUID | None) -> None:
        raise NotImplementedError

    def _counts_text(self, rows: list) -> str:
        raise NotImplementedError

    def _after_load(self, rows: list) -> None:
        """Refill filter choices, pick the empty page: whatever follows new rows."""

    def _can_reload_now(self) -> bool:
        return self.isVisible()

    # Shared behaviour --------------------------------------------------------------------

    def _connect_list_signals(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self._events.sig_data_changed.connect(self._on_data_changed)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self, select_id: uuid.UUID | None = None) -> None:
        current = select_id or self._pending_select or self.current_id()
        self._pending_select = None
        rows = self._load_rows()
        self.model.set_rows(rows)
        self._stale = False
        self._after_load(rows)
        self._select(current)
        self._publish_counts()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def current_row(self):
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def current_id(self) -> uuid.UUID | None:
        current = self.current_row()
        return current.id if current else None

    def reveal(self, record_id: uuid.UUID) -> None:
        """Select one record, clearing the filters that would hide it."""
        if self._stale or self.model.row_of(record_id) < 0:
            self.reload(select_id=record_id)
        row = self.model.row_of(record_id)
        if row >= 0 and not self.proxy.mapFromSource(self.model.index(row, 0)).isValid():
            for combo in self.filter_combos:
                combo.setCurrentIndex(0)
            self.filter_edit.clear()
        self._select(record_id)

    def _filter(self, **change) -> None:
        self.proxy.set_filters(**change)
        if not self.table.currentIndex().isValid():
            self._select(None)
        self._publish_counts()

    def _select(self, record_id: uuid.UUID | None) -> None:
        row = self.model.row_of(record_id) if record_id else -1
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if select_row(self.table, index):
            self._show_record(self.table.currentIndex().data(ROW_ROLE).id)
        else:
            self._show_record(None)

    def _publish_counts(self) -> None:
        rows = [self.model.row_at(i) for i in range(self.model.rowCount())]
        text = self._counts_text(rows)
        if self.proxy.rowCount() != len(rows):
            text += f" · {self.proxy.rowCount()} shown"
        self.sig_counts_changed.emit(text)

    def _on_current_changed(self, current, _previous) -> None:
        self._show_record(current.data(ROW_ROLE).id if current.isValid() else None)

    def _refresh_rows_keeping_view(self, message: str) -> None:
        """After the view saved: new figures in the list, the view left as the coach has it."""
        selected = self.current_id()
        self.model.set_rows(self._load_rows())
        row = self.model.row_of(selected) if selected else -1
        if row >= 0:
            selection = self.table.selectionModel()
            selection.blockSignals(True)
            select_row(self.table, self.proxy.mapFromSource(self.model.index(row, 0)))
            selection.blockSignals(False)
            self.table.viewport().update()
        self._publish_counts()
        self._announce(message)

    def _announce(self, message: str) -> None:
        self._events.announce(self.KIND, self)
        self._events.sig_status_message.emit(message)

    def _wrote_it(self, source) -> bool:
        return source is self

    def _on_data_changed(self, kind: str) -> None:
        if self._wrote_it(self._events.changed_by) or kind not in self.RELOAD_ON:
            return
        if self._can_reload_now():
            QTimer.singleShot(0, self.reload)
        else:
            self._stale = True
