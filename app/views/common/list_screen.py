"""What the list-and-view screens share: load when first shown, keep the chosen row across
reloads, filters that never hide the row asked for, counts in the status bar, and a refresh
when another screen announces a change."""

import uuid

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from app.views.common.context import ScreenContext, TakesContext
from app.views.common.events import AppEvents, Changes
from app.views.common.table_model import row_of_index
from app.views.common.widgets import select_row


class RefreshingScreen(QWidget):
    """Loads when first shown, and again after another screen announces a change of a kind
    in RELOAD_ON: at once when it can, else when next shown. Subclasses implement `reload`."""

    RELOAD_ON: tuple[str, ...] = ()  # kinds that concern this list ("all" always does)

    def __init__(self, events: AppEvents, parent=None):
        super().__init__(parent)
        self._events = events
        self._stale = True
        events.sig_data_changed.connect(self._on_data_changed)

    def reload(self) -> None:
        raise NotImplementedError

    def _needs_reload(self) -> bool:
        return self._stale

    def _reload_on_show(self) -> None:
        self.reload()

    def _can_reload_now(self) -> bool:
        return self.isVisible()

    # Loading only when visible keeps start-up to what the first screen shows.
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._needs_reload():
            self._reload_on_show()

    def _reload_or_mark_stale(self) -> None:
        if self._can_reload_now():
            self.reload()
        else:
            self._stale = True

    def _wrote_it(self, initiator) -> bool:
        return initiator is self

    def _on_data_changed(self, changes: Changes) -> None:
        if self._wrote_it(changes.initiator) or not changes.touches(self.RELOAD_ON):
            return
        if self._can_reload_now():
            QTimer.singleShot(0, self, self.reload)
        else:
            self._stale = True


class ListScreen(TakesContext, RefreshingScreen):
    """Subclasses give their `model` and `proxy` to `_use_models`, build `table`,
    `filter_edit` and `filter_combos`, and implement `_load_rows` and `_counts_text`; a
    screen with a view beside its list shows the chosen record in `_show_record`."""

    sig_counts_changed = Signal(str)
    KIND = ""

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(context.events, parent)
        self._take_context(context)
        self._pending_select: uuid.UUID | None = None

    def _use_models(self, model, proxy) -> None:
        self.model = model
        self.proxy = proxy
        proxy.setSourceModel(model)

    # What each screen provides -----------------------------------------------------------

    def _load_rows(self) -> list:
        raise NotImplementedError

    def _counts_text(self, rows: list) -> str:
        raise NotImplementedError

    def _show_record(self, record_id: uuid.UUID | None) -> None:
        """Show the chosen record beside the list, or nothing when none is chosen."""

    def _after_load(self, rows: list) -> None:
        """Refill filter choices, pick the empty page: whatever follows new rows."""

    def _shown_text(self, shown: int, total: int) -> str:
        """What the counts add while filters hide rows."""
        return f" · {shown} shown" if shown != total else ""

    def _clear_filters(self, row) -> None:
        """Clear the filters that hide `row`, which the coach asked to see."""
        for combo in self.filter_combos:
            combo.setCurrentIndex(0)
        self.filter_edit.clear()

    # Shared behaviour --------------------------------------------------------------------

    def _beside_list(self, view: QWidget, stretch: tuple[int, int], sizes: list[int]) -> QSplitter:
        """The list on the left and the chosen record's view on the right, neither collapsible."""
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(view)
        splitter.setStretchFactor(0, stretch[0])
        splitter.setStretchFactor(1, stretch[1])
        splitter.setSizes(sizes)
        splitter.setChildrenCollapsible(False)
        return splitter

    def _stack_pages(self, top_lines: tuple, list_page: QWidget, margins=(16, 12, 16, 8)) -> None:
        """The screen's top lines above `pages`: the list page, or `empty` while there are
        no rows (see `_show_list_or_empty`)."""
        self.pages = QStackedWidget()
        self.pages.addWidget(list_page)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*margins)
        for line in top_lines:
            layout.addLayout(line)
        layout.addWidget(self.pages, 1)

    def _show_list_or_empty(self, rows: list) -> None:
        self.pages.setCurrentWidget(self.empty if not rows else self.pages.widget(0))

    @staticmethod
    def _refill_filter(combo: QComboBox, first: tuple[str, object], values) -> None:
        """Offer `first`, then each of `values` as its own label, keeping the choice when it
        is still offered (else `first`), without signalling a change."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(*first)
        for value in values:
            combo.addItem(value, value)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)

    def _connect_list_signals(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)

    def _connect_filters(self, **combos) -> None:
        """The filter box filters by text; each combo by its chosen data, under its key."""
        self.filter_edit.textChanged.connect(lambda text: self._filter(text=text))
        for key, combo in combos.items():
            combo.currentIndexChanged.connect(
                lambda _i, key=key, combo=combo: self._filter(**{key: combo.currentData()})
            )

    def reload(self, select_id: uuid.UUID | None = None) -> None:
        current = select_id or self._pending_select or self.current_id()
        self._pending_select = None
        rows = self._load_rows()
        self._stale = False
        self._show_rows(rows, current)

    def _show_rows(self, rows: list, select_id: uuid.UUID | None) -> None:
        self.model.set_rows(rows)
        self._after_load(rows)
        self._select(select_id)
        self._publish_counts()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def current_row(self):
        return row_of_index(self.table.currentIndex())

    def current_id(self) -> uuid.UUID | None:
        current = self.current_row()
        return current.id if current else None

    def reveal(self, record_id: uuid.UUID) -> None:
        """Select one record, clearing the filters that would hide it."""
        if self._stale or self.model.row_of(record_id) < 0:
            self.reload(select_id=record_id)
        row = self.model.row_of(record_id)
        if row >= 0 and not self.proxy.mapFromSource(self.model.index(row, 0)).isValid():
            self._clear_filters(self.model.row_at(row))
        self._select(record_id)

    def _filter(self, **change) -> None:
        self.proxy.set_filters(**change)
        if not self.table.currentIndex().isValid():
            self._select(None)
        self._publish_counts()

    def _select(self, record_id: uuid.UUID | None) -> None:
        row = self.model.row_of(record_id) if record_id else -1
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        before = self.table.currentIndex()
        if not select_row(self.table, index):
            self._show_record(None)
        elif before.isValid() and self.table.currentIndex().row() == before.row():
            # The same row stays current, so no currentRowChanged shows it afresh.
            self._show_record(self.current_id())

    def _publish_counts(self) -> None:
        rows = self.model.rows()
        text = self._counts_text(rows) + self._shown_text(self.proxy.rowCount(), len(rows))
        self.sig_counts_changed.emit(text)

    def _on_current_changed(self, current, _previous) -> None:
        row = row_of_index(current)
        self._show_record(row.id if row else None)

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

    def _saved(self, record_id: uuid.UUID, message: str) -> None:
        self.reload(select_id=record_id)
        self._announce(message)

    def _reload_and_announce(self, message: str) -> None:
        self.reload()
        self._announce(message)

    def _announce(self, message: str) -> None:
        self._events.announce(self.KIND, source=self)
        self._events.sig_status_message.emit(message)
