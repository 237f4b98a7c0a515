"""The Teachers screen: filter-as-you-type roster, detail pane, add, edit, archive, delete.

A roster file or folder dropped on the screen is handed on for import (sig_import_dropped).
"""

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QPushButton,
)

from app.services.cycles import list_cycles
from app.services.observations import list_observations, time_on_task_trend, trend_goal
from app.services.teachers import (
    TeacherRow,
    delete_teacher,
    list_school_names,
    list_teachers,
    restore_teacher,
    set_archived,
)
from app.views.common.context import ScreenContext
from app.views.common.deleting import delete_op
from app.views.common.list_screen import ListScreen
from app.views.common.operations import write_op
from app.views.common.style import set_role
from app.views.common.widgets import (
    EmptyState,
    choice_combo,
    filter_box,
    list_table,
    title_bar,
    widget_shortcut,
)
from app.views.teachers.changed import KEPT_THEIRS_MESSAGE
from app.views.teachers.commands import archive_steps
from app.views.teachers.detail import TeacherDetail
from app.views.teachers.form import TeacherFormDialog
from app.views.teachers.table_model import (
    GRADES,
    NAME,
    ROOM,
    SCHOOL,
    STATUS,
    SUBJECTS,
    TeacherFilterProxy,
    TeachersTableModel,
)

DETAIL_LISTS_DELAY_MS = 120


class TeachersScreen(ListScreen):
    KIND = "teachers"
    RELOAD_ON = ("teachers", "cycles", "observations")
    sig_import_requested = Signal()
    # A roster CSV, .zip or folder dropped on the screen: its Path, to preview and import.
    sig_import_dropped = Signal(object)
    sig_start_cycle_requested = Signal(object)
    sig_open_cycle_requested = Signal(object)
    sig_start_observation_requested = Signal(object)
    sig_open_observation_requested = Signal(object)
    sig_report_requested = Signal(str, object)

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(context, parent)
        # The teacher's cycles, observations and trend chart load once the selection rests,
        # so typing in the filter never waits on them.
        self._lists_for = None
        self._lists_timer = QTimer(self)
        self._lists_timer.setSingleShot(True)
        self._lists_timer.setInterval(DETAIL_LISTS_DELAY_MS)
        self._lists_timer.timeout.connect(self.load_detail_lists)
        self._use_models(TeachersTableModel(self), TeacherFilterProxy(self))
        self._build_layout()
        self._connect_signals()
        self.setAcceptDrops(True)

    def _build_layout(self) -> None:
        self.filter_edit = filter_box(
            "Filter by name, school or subject   (Ctrl+F)", "Filter teachers"
        )
        self.show_combo = choice_combo(
            "Show active or archived teachers",
            (
                ("Active", TeacherFilterProxy.SHOW_ACTIVE),
                ("Archived", TeacherFilterProxy.SHOW_ARCHIVED),
                ("All", TeacherFilterProxy.SHOW_ALL),
            ),
        )
        self.add_button = QPushButton("Add teacher")
        self.add_button.setToolTip("Add a teacher (Ctrl+N)")
        set_role(self.add_button, "primary")
        self.import_button = QPushButton("Import roster…")

        bar = title_bar(
            "Teachers", self.filter_edit, self.show_combo, self.import_button, self.add_button
        )

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
        # The pane widens a little on a big screen, so its buttons sit on one line there.
        splitter = self._beside_list(self.detail, (3, 1), [680, 300])

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
        self._stack_pages((bar,), splitter)
        self.filter_combos = (self.show_combo,)

    def _connect_signals(self) -> None:
        self._connect_filters()
        self.show_combo.currentIndexChanged.connect(self._on_show_changed)
        self.add_button.clicked.connect(self.add_teacher)
        self.import_button.clicked.connect(self.sig_import_requested)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.detail.sig_edit_requested.connect(self.edit_current)
        self.detail.sig_archive_requested.connect(self.toggle_archive_current)
        self.detail.sig_delete_requested.connect(self.delete_current)
        self.detail.sig_start_cycle_requested.connect(
            lambda: self.sig_start_cycle_requested.emit(self.current_id())
        )
        self.detail.sig_open_cycle_requested.connect(self.sig_open_cycle_requested)
        self.detail.sig_start_observation_requested.connect(
            lambda: self.sig_start_observation_requested.emit(self.current_id())
        )
        self.detail.sig_open_observation_requested.connect(self.sig_open_observation_requested)
        self.detail.sig_report_requested.connect(
            lambda: self.sig_report_requested.emit("teacher", self.current_id())
        )
        self._connect_list_signals()
        widget_shortcut(Qt.Key.Key_Return, self.table, self.edit_current)
        widget_shortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_current)
        widget_shortcut(Qt.Key.Key_Down, self.filter_edit, self.table.setFocus)

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

    # The list -----------------------------------------------------------------------------

    def _load_rows(self) -> list:
        return list_teachers(self._store)

    def _after_load(self, rows: list) -> None:
        self._show_list_or_empty(rows)

    def _counts_text(self, rows: list) -> str:
        archived = sum(1 for t in rows if t.archived)
        return f"{len(rows) - archived} active · {archived} archived"

    def _shown_text(self, shown: int, total: int) -> str:
        if not self.filter_edit.text().strip():
            return ""
        return f" · {shown} match" if shown else " · No teachers match"

    def _clear_filters(self, teacher: TeacherRow) -> None:
        self.filter_edit.clear()
        show = TeacherFilterProxy.SHOW_ALL if teacher.archived else TeacherFilterProxy.SHOW_ACTIVE
        self.show_combo.setCurrentIndex(self.show_combo.findData(show))

    def _on_show_changed(self, _index: int) -> None:
        show = self.show_combo.currentData()
        self.table.setColumnHidden(STATUS, show != TeacherFilterProxy.SHOW_ALL)
        self._filter(show=show)

    def _show_record(self, teacher_id) -> None:
        teacher = self.current_row() if teacher_id else None
        self.detail.show_teacher(teacher)
        self._lists_for = teacher_id
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

    def current_teacher(self) -> TeacherRow | None:
        return self.current_row()

    def open_teacher(self, teacher_id) -> None:
        """Select a teacher, clearing filters that would hide them."""
        self.reveal(teacher_id)
        self.load_detail_lists()  # asked for by name: show everything at once

    # Writing -----------------------------------------------------------------------------

    def add_teacher(self) -> None:
        dialog = TeacherFormDialog(self._store, list_school_names(self._store), parent=self)
        if not dialog.exec():
            return
        if dialog.saved:
            self.reload(select_id=dialog.saved.id)
            self._announce(f"Added {dialog.saved.name}.")
            self.reveal(dialog.saved.id)
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
            self.reload(select_id=teacher.id)
            self._announce(f"Saved {dialog.saved.name}.")
        elif dialog.kept_theirs:
            self.reload(select_id=teacher.id)
            self._events.sig_status_message.emit(KEPT_THEIRS_MESSAGE)

    def toggle_archive_current(self) -> None:
        teacher = self.current_teacher()
        if teacher is None:
            return
        archive = not teacher.archived
        state = "archived" if archive else "back on the active roster"
        write_op(
            self._context,
            self,
            write=lambda: set_archived(self._store, teacher.id, archive),
            failure="Not saved",
            kinds=(self.KIND,),
            status=f"{teacher.name} is {state}. Ctrl+Z undoes it.",
            undo=archive_steps(self._store, teacher, archive),
            refresh=self.reload,
        )

    def delete_current(self) -> None:
        teacher = self.current_teacher()
        if teacher is None:
            return
        delete_op(
            self._context,
            self,
            delete=lambda: delete_teacher(self._store, teacher.id),
            restore=lambda: restore_teacher(self._store, teacher.id),
            text=f"Delete {teacher.name}",
            status=f"Deleted {teacher.name}. Ctrl+Z undoes it.",
            failure="Not saved",
            undone=f"Restored {teacher.name}.",
            redone=f"Deleted {teacher.name}.",
            kinds=(self.KIND,),
            refresh=self.reload,
        )


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
