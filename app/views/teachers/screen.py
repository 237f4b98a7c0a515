"""The Teachers screen: filter-as-you-type roster, detail pane, add, edit, archive, delete.

A roster file or folder dropped on the screen is handed on for import (sig_import_dropped).
"""

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
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

from app.services.cycles import list_cycles
from app.services.errors import NotFound
from app.services.observations import list_observations, time_on_task_trend, trend_goal
from app.services.teachers import (
    TeacherRow,
    delete_teacher,
    list_school_names,
    list_teachers,
    set_archived,
)
from app.store import StoreError
from app.views.common import dialogs
from app.views.common.context import ScreenContext
from app.views.common.style import set_role
from app.views.common.widgets import EmptyState, heading, list_table, select_row, widget_shortcut
from app.views.teachers.changed import KEPT_THEIRS_MESSAGE
from app.views.teachers.commands import ArchiveTeacherCommand, DeleteTeacherCommand
from app.views.teachers.detail import TeacherDetail
from app.views.teachers.form import TeacherFormDialog
from app.views.teachers.table_model import (
    GRADES,
    NAME,
    ROOM,
    ROW_ROLE,
    SCHOOL,
    STATUS,
    SUBJECTS,
    TeacherFilterProxy,
    TeachersTableModel,
)

KIND = "teachers"
DETAIL_LISTS_DELAY_MS = 120


class TeachersScreen(QWidget):
    sig_counts_changed = Signal(str)
    sig_import_requested = Signal()
    # A roster CSV, .zip or folder dropped on the screen: its Path, to preview and import.
    sig_import_dropped = Signal(object)
    sig_start_cycle_requested = Signal(object)
    sig_open_cycle_requested = Signal(object)
    sig_start_observation_requested = Signal(object)
    sig_open_observation_requested = Signal(object)
    sig_report_requested = Signal(str, object)

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(parent)
        self._context = context
        self._store = context.store
        self._today = context.today
        self._events = context.events
        self._undo = context.undo_stack
        self._stale = True
        # The teacher's cycles, observations and trend chart load once the selection rests,
        # so typing in the filter never waits on them.
        self._lists_for = None
        self._lists_timer = QTimer(self)
        self._lists_timer.setSingleShot(True)
        self._lists_timer.setInterval(DETAIL_LISTS_DELAY_MS)
        self._lists_timer.timeout.connect(self.load_detail_lists)
        self.model = TeachersTableModel(self)
        self.proxy = TeacherFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build_layout()
        self._connect_signals()
        self.setAcceptDrops(True)

    def _build_layout(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by name, school or subject   (Ctrl+F)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter teachers")
        self.show_combo = QComboBox()
        self.show_combo.setAccessibleName("Show active or archived teachers")
        for label, value in (
            ("Active", TeacherFilterProxy.SHOW_ACTIVE),
            ("Archived", TeacherFilterProxy.SHOW_ARCHIVED),
            ("All", TeacherFilterProxy.SHOW_ALL),
        ):
            self.show_combo.addItem(label, value)
        self.add_button = QPushButton("Add teacher")
        self.add_button.setToolTip("Add a teacher (Ctrl+N)")
        set_role(self.add_button, "primary")
        self.import_button = QPushButton("Import roster…")

        bar = QHBoxLayout()
        bar.addWidget(heading("Teachers"))
        bar.addSpacing(12)
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.show_combo)
        bar.addWidget(self.import_button)
        bar.addWidget(self.add_button)

        self.table = list_table(
            self.proxy,
            "Teachers",
            NAME,
            Qt.SortOrder.AscendingOrder,
            SUBJECTS,
            {NAME: 165, SCHOOL: 150, GRADES: 54, ROOM: 60, STATUS: 76},
        )
        self.table.setColumnHidden(STATUS, True)

        self.detail = TeacherDetail()
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        # The pane widens a little on a big screen, so its buttons sit on one line there.
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([680, 300])
        splitter.setChildrenCollapsible(False)

        self.empty = EmptyState(
            "Your roster is empty",
            "Add the teachers you coach one by one, or import your roster: a CSV file from a "
            "spreadsheet (columns like Name, School, Grade, Subject, Room, Email), or the export "
            "of your district's OneRoster, Clever, ClassLink, PowerSchool or Google system, as "
            "a .zip, a folder or a CSV. You can drop the file or folder here too.",
            actions=(
                ("Add a teacher", self.add_teacher),
                ("Import a roster (CSV)…", self.sig_import_requested.emit),
            ),
        )
        self.pages = QStackedWidget()
        self.pages.addWidget(splitter)
        self.pages.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)

    def _connect_signals(self) -> None:
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.show_combo.currentIndexChanged.connect(self._on_show_changed)
        self.add_button.clicked.connect(self.add_teacher)
        self.import_button.clicked.connect(self.sig_import_requested)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.detail.sig_edit_requested.connect(self.edit_current)
        self.detail.sig_archive_requested.connect(self.toggle_archive_current)
        self.detail.sig_delete_requested.connect(self.delete_current)
        self.detail.sig_start_cycle_requested.connect(
            lambda: self.sig_start_cycle_requested.emit(self._current_id())
        )
        self.detail.sig_open_cycle_requested.connect(self.sig_open_cycle_requested)
        self.detail.sig_start_observation_requested.connect(
            lambda: self.sig_start_observation_requested.emit(self._current_id())
        )
        self.detail.sig_open_observation_requested.connect(self.sig_open_observation_requested)
        self.detail.sig_report_requested.connect(
            lambda: self.sig_report_requested.emit("teacher", self._current_id())
        )
        self._events.sig_data_changed.connect(self._on_data_changed)
        widget_shortcut(Qt.Key.Key_Return, self.table, self.edit_current)
        widget_shortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_current)
        widget_shortcut(Qt.Key.Key_Down, self.filter_edit, self.table.setFocus)

    # Loading only when visible keeps start-up to what the first screen shows.
    def dragEnterEvent(self, event) -> None:
        if dropped_roster(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        path = dropped_roster(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.sig_import_dropped.emit(path)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self, select_id=None) -> None:
        current = select_id or (self.current_teacher().id if self.current_teacher() else None)
        self.model.set_rows(list_teachers(self._store))
        self._stale = False
        self.pages.setCurrentWidget(
            self.empty if self.model.rowCount() == 0 else self.pages.widget(0)
        )
        self._select(current)
        self._publish_counts()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def current_teacher(self) -> TeacherRow | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def add_teacher(self) -> None:
        dialog = TeacherFormDialog(self._store, list_school_names(self._store), parent=self)
        if not dialog.exec():
            return
        if dialog.saved:
            self._after_write(f"Added {dialog.saved.name}.", select_id=dialog.saved.id)
            self._reveal(dialog.saved.id)
        elif dialog.open_instead:
            self.open_teacher(dialog.open_instead.id)

    def edit_current(self) -> None:
        teacher = self.current_teacher()
        if teacher is None:
            return
        dialog = TeacherFormDialog(
            self._store, list_school_names(self._store), teacher=teacher, parent=self
        )
        if dialog.exec() and dialog.saved:
            self._after_write(f"Saved {dialog.saved.name}.", select_id=teacher.id)
        elif dialog.kept_theirs:
            self.reload(select_id=teacher.id)
            self._events.sig_status_message.emit(KEPT_THEIRS_MESSAGE)

    def toggle_archive_current(self) -> None:
        teacher = self.current_teacher()
        if teacher is None:
            return
        archive = not teacher.archived
        if not self._attempt(lambda: set_archived(self._store, teacher.id, archive)):
            return
        self._undo.push(ArchiveTeacherCommand(self._store, teacher, archive, self._report))
        state = "archived" if archive else "back on the active roster"
        self._after_write(f"{teacher.name} is {state}. Ctrl+Z undoes it.")

    def delete_current(self) -> None:
        teacher = self.current_teacher()
        if teacher is None:
            return
        if not self._attempt(lambda: delete_teacher(self._store, teacher.id)):
            return
        self._undo.push(DeleteTeacherCommand(self._store, teacher, self._report))
        self._after_write(f"Deleted {teacher.name}. Ctrl+Z undoes it.")

    def _attempt(self, action) -> bool:
        try:
            action()
        except (StoreError, NotFound) as exc:
            dialogs.show_error(self, "Not saved", str(exc))
            self.reload()
            return False
        return True

    def _report(self, message: str) -> None:
        self._after_write(message)

    def _after_write(self, message: str, select_id=None) -> None:
        self.reload(select_id=select_id)
        self._events.announce(KIND, self)
        self._events.sig_status_message.emit(message)

    def _select(self, teacher_id) -> None:
        row = self.model.row_of(teacher_id) if teacher_id else -1
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if not select_row(self.table, index):
            self.detail.show_teacher(None)

    def _reveal(self, teacher_id) -> None:
        """Clear filters that hide a teacher the coach just added, then select them."""
        row = self.model.row_of(teacher_id)
        if row < 0 or self.proxy.mapFromSource(self.model.index(row, 0)).isValid():
            return
        self.filter_edit.clear()
        archived = self.model.row_at(row).archived
        self.show_combo.setCurrentIndex(
            self.show_combo.findData(
                TeacherFilterProxy.SHOW_ALL if archived else TeacherFilterProxy.SHOW_ACTIVE
            )
        )
        self._select(teacher_id)

    def _publish_counts(self) -> None:
        total = self.model.rowCount()
        archived = sum(1 for i in range(total) if self.model.row_at(i).archived)
        text = f"{total - archived} active · {archived} archived"
        if self.filter_edit.text().strip():
            matching = self.proxy.rowCount()
            text += f" · {matching} match" if matching else " · No teachers match"
        self.sig_counts_changed.emit(text)

    def _on_filter_changed(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self._after_filter()

    def _on_show_changed(self, _index: int) -> None:
        show = self.show_combo.currentData()
        self.proxy.set_show(show)
        self.table.setColumnHidden(STATUS, show != TeacherFilterProxy.SHOW_ALL)
        self._after_filter()

    def _after_filter(self) -> None:
        if not self.table.currentIndex().isValid():
            self._select(None)
        self._publish_counts()

    def _on_current_changed(self, current, _previous) -> None:
        teacher = current.data(ROW_ROLE) if current.isValid() else None
        self.detail.show_teacher(teacher)
        self._lists_for = teacher.id if teacher is not None else None
        if teacher is not None:
            self._lists_timer.start()

    def load_detail_lists(self) -> None:
        """The chosen teacher's cycles, observations and time-on-task trend."""
        self._lists_timer.stop()
        teacher_id = self._lists_for
        if teacher_id is None:
            return
        self.detail.show_cycles(list_cycles(self._store, self._today(), teacher_id))
        self.detail.show_observations(
            list_observations(self._store, teacher_id),
            time_on_task_trend(self._store, teacher_id),
            trend_goal(self._store, teacher_id),
        )

    def _current_id(self):
        teacher = self.current_teacher()
        return teacher.id if teacher else None

    def open_teacher(self, teacher_id) -> None:
        """Select a teacher, clearing filters that would hide them."""
        if self._stale:
            self.reload(select_id=teacher_id)
        self._reveal(teacher_id)
        self._select(teacher_id)
        self.load_detail_lists()  # asked for by name: show everything at once

    def _on_data_changed(self, kind: str) -> None:
        if self._events.changed_by is self:
            return
        if kind not in (KIND, "cycles", "observations", "all"):
            return
        if self.isVisible():
            QTimer.singleShot(0, self.reload)
        else:
            self._stale = True


ROSTER_SUFFIXES = (".csv", ".zip", ".txt")


def dropped_roster(mime) -> Path | None:
    """The one local roster file (CSV, .zip) or folder being dragged, else None."""
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    if path.is_dir() or path.suffix.casefold() in ROSTER_SUFFIXES:
        return path
    return None
