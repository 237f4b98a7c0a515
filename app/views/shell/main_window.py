"""The main window: composes the screens, routes navigation, menus and the status bar."""

from collections.abc import Callable
from datetime import UTC, date, datetime

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app import __version__
from app.paths import backup_dir_for, data_dir, default_db_path
from app.services.profile import get_profile
from app.store import Store
from app.text import clock_time, weekday_day
from app.views.backups.flow import BackupFlow
from app.views.common import dialogs
from app.views.common.context import ScreenContext
from app.views.common.events import AppEvents
from app.views.common.qsettings import app_settings
from app.views.common.style import style_sidebar
from app.views.district.access import DistrictAccess
from app.views.shell.lazy import LazyScreen
from app.views.shell.sync_flow import SyncFlow
from app.views.teachers.import_flow import RosterImportFlow

# New screens come last so the earlier Ctrl+numbers keep their places as screens arrive.
SCREENS = ("today", "teachers", "cycles", "observations", "pilots", "reports", "activity", "tools")
LABELS = {
    "today": "Today",
    "teachers": "Teachers",
    "cycles": "Cycles",
    "observations": "Observations",
    "pilots": "Pilots",
    "reports": "Reports",
    "activity": "Activity log",
    "tools": "Tools",
    "district": "District",
}
# The District screen comes after them, shown only while the saved login is a director's.
NAVIGATION = (*SCREENS, "district")


def notebook_title(path, is_sample: bool) -> str:
    """What the title bar calls the open notebook."""
    if is_sample:
        return "Sample district"
    return "My notebook" if path == default_db_path() else path.stem


class MainWindow(QMainWindow):
    # A backup's path, or None for "the newest backup that is whole".
    sig_restore_requested = Signal(object)
    sig_switch_notebook_requested = Signal(str)
    # "protect", "change" or "remove": the controller asks, converts and reopens.
    sig_protection_requested = Signal(str)
    # The full check after opening is done (tests wait on it).
    sig_open_checked = Signal(object)

    def __init__(
        self,
        store: Store,
        is_sample: bool | None = None,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent=None,
    ):
        super().__init__(parent)
        self.store = store
        self.today = today
        self.now = now
        self._counts: dict[str, str] = {}
        self.events = AppEvents(self)
        self.undo_stack = QUndoStack(self)
        self.context = ScreenContext(store, self.events, self.undo_stack, today, now)
        self.is_sample = get_profile(store).is_sample if is_sample is None else is_sample
        self.backups = BackupFlow(self.context, self)
        self.roster_import = RosterImportFlow(self.context, self)
        self.district_access = DistrictAccess(self.context, self)
        self.district_sync = SyncFlow(self.context, self, self.district_access)
        self._build_layout()
        self._build_menus()
        self._connect_signals()
        self._restore_window_state()
        self.idle_lock = None
        if store.protected:
            from app.views.settings.protection import lock_after_minutes
            from app.views.shell.lock_screen import IdleLock

            self.idle_lock = IdleLock(self, lock_after_minutes)

    def _build_layout(self) -> None:
        self.setWindowTitle(f"{notebook_title(self.store.path, self.is_sample)} — Coachbook")
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName("Screens")
        style_sidebar(self.sidebar)
        self.sidebar.setFixedWidth(156)
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for number, key in enumerate(NAVIGATION, start=1):
            item = QListWidgetItem(LABELS[key])
            item.setToolTip(f"{LABELS[key]} (Ctrl+{number})")
            item.setSizeHint(QSize(0, 40))
            self.sidebar.addItem(item)
        self.sidebar.item(NAVIGATION.index("district")).setHidden(True)

        self._lazy = {
            "today": LazyScreen(self._build_today),
            "teachers": LazyScreen(self._build_teachers),
            "cycles": LazyScreen(self._build_cycles),
            "observations": LazyScreen(self._build_observations),
            "pilots": LazyScreen(self._build_pilots),
            "reports": LazyScreen(self._build_reports),
            "activity": LazyScreen(self._build_activity),
            "tools": LazyScreen(self._build_tools),
            "district": LazyScreen(self._build_district),
        }
        self.screens: dict[str, QWidget] = dict(self._lazy)
        self.stack = QStackedWidget()
        for key in NAVIGATION:
            self.stack.addWidget(self.screens[key])

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.saved_label = QLabel("No changes yet")
        self.saved_label.setAccessibleName("Saved state")
        self.counts_label = QLabel("")
        self.counts_label.setAccessibleName("Counts")
        self.sample_label = QLabel("Sample data" if self.is_sample else "")
        self.backup_warning = self.backups.warning
        self.statusBar().addPermanentWidget(self.backup_warning)
        self.statusBar().addPermanentWidget(self.district_sync.label)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.saved_label)
        if self.is_sample:
            self.statusBar().addPermanentWidget(self.sample_label)

    def _action(self, menu, text: str, slot, shortcut=None, name: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        action.setProperty("menu_title", menu.title().replace("&", ""))
        menu.addAction(action)
        if name:
            self.actions_by_name[name] = action
        return action

    def _build_menus(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&New…", self._on_new, QKeySequence.StandardKey.New, "new")
        self._action(
            file_menu, "&Import teachers…", self.roster_import.choose_file, "Ctrl+I", "import"
        )
        self._action(
            file_menu,
            "Import teachers from a f&older…",
            self.roster_import.choose_folder,
            None,
            "import_folder",
        )
        self._action(
            file_menu,
            "Import a &colleague's recording…",
            self._import_colleague_recording,
            "Ctrl+Shift+I",
            "import_recording",
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Back up now", self.backups.back_up_now, "Ctrl+Shift+B", "backup")
        self._action(
            file_menu,
            "&Restore from backup…",
            self.backups.choose_backup_to_restore,
            None,
            "restore",
        )
        self._action(
            file_menu,
            "S&ync with the district now",
            self.district_sync.sync_now,
            "Ctrl+Shift+S",
            "sync",
        )
        file_menu.addSeparator()
        if self.store.protected:
            self._action(file_menu, "Change &passphrase…", lambda: self._protection("change"))
            self._action(file_menu, "Remove protection…", lambda: self._protection("remove"))
        else:
            self._action(
                file_menu, "&Protect with a passphrase…", lambda: self._protection("protect")
            )
        if self.is_sample:
            self._action(
                file_menu, "Open &my notebook", lambda: self._switch("notebook"), None, "switch"
            )
        else:
            self._action(
                file_menu,
                "Explore the sample &district",
                lambda: self._switch("sample"),
                None,
                "switch",
            )
        self._action(file_menu, "&Settings…", self._on_settings, "Ctrl+,", "settings")
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit, "quit")

        edit_menu = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        for action in (undo, redo):
            action.setProperty("menu_title", "Edit")
        self.actions_by_name.update(undo=undo, redo=redo)
        edit_menu.addSeparator()
        self._action(edit_menu, "&Find…", self._on_find, QKeySequence.StandardKey.Find, "find")

        go_menu = self.menuBar().addMenu("&Go")
        for number, key in enumerate(SCREENS, start=1):
            self._action(
                go_menu,
                f"&{LABELS[key]}",
                lambda _=False, k=key: self.show_screen(k),
                f"Ctrl+{number}",
                f"go_{key}",
            )
        # Listed with the others only while shown (`_on_director_known`).
        self.go_district = self._action(
            go_menu, "&District", lambda: self.show_screen("district"), "Ctrl+9"
        )
        self.go_district.setVisible(False)

        help_menu = self.menuBar().addMenu("&Help")
        self._action(
            help_menu,
            "&Keyboard shortcuts",
            self.show_shortcuts,
            QKeySequence.StandardKey.HelpContents,
            "shortcuts",
        )
        self._action(help_menu, "&About Coachbook", self._on_about, None, "about")

    # Each screen is built (and its module imported) the first time it is needed.
    def _build_today(self) -> QWidget:
        from app.views.today.screen import TodayScreen

        screen = TodayScreen(self.context)
        screen.sig_open_cycle_requested.connect(self.open_cycle)
        screen.sig_open_teacher_requested.connect(self.open_teacher)
        screen.sig_open_pilot_requested.connect(self.open_pilot)
        screen.sig_open_tool_requested.connect(self.open_tool)
        return screen

    def _build_teachers(self) -> QWidget:
        from app.views.teachers.screen import TeachersScreen

        screen = TeachersScreen(self.context)
        screen.sig_counts_changed.connect(lambda text: self._on_counts("teachers", text))
        screen.sig_import_requested.connect(self.roster_import.choose_file)
        screen.sig_import_dropped.connect(self.roster_import.import_from)
        screen.sig_start_cycle_requested.connect(self.start_cycle)
        screen.sig_open_cycle_requested.connect(self.open_cycle)
        screen.sig_start_observation_requested.connect(self.start_observation)
        screen.sig_open_observation_requested.connect(self.open_observation)
        screen.sig_report_requested.connect(self.open_report)
        return screen

    def _build_cycles(self) -> QWidget:
        from app.views.cycles.screen import CyclesScreen

        screen = CyclesScreen(self.context)
        screen.sig_counts_changed.connect(lambda text: self._on_counts("cycles", text))
        screen.sig_start_observation_requested.connect(self.start_observation)
        return screen

    def _build_observations(self) -> QWidget:
        from app.views.observations.screen import ObservationsScreen

        screen = ObservationsScreen(self.context)
        screen.sig_counts_changed.connect(lambda text: self._on_counts("observations", text))
        screen.sig_report_requested.connect(self.open_report)
        return screen

    def _build_pilots(self) -> QWidget:
        from app.views.pilots.screen import PilotsScreen

        screen = PilotsScreen(self.context)
        screen.sig_counts_changed.connect(lambda text: self._on_counts("pilots", text))
        screen.sig_report_requested.connect(self.open_report)
        return screen

    def _build_reports(self) -> QWidget:
        from app.views.reports.screen import ReportsScreen

        return ReportsScreen(self.context)

    def _build_activity(self) -> QWidget:
        from app.views.activity.screen import ActivityScreen

        screen = ActivityScreen(self.context)
        screen.sig_counts_changed.connect(lambda text: self._on_counts("activity", text))
        return screen

    def _build_tools(self) -> QWidget:
        from app.views.tools.screen import ToolsScreen

        screen = ToolsScreen(self.context)
        screen.sig_counts_changed.connect(lambda text: self._on_counts("tools", text))
        return screen

    def _build_district(self) -> QWidget:
        from app.views.district.screen import DistrictScreen

        return DistrictScreen(self.context, self.district_access)

    @property
    def today_screen(self):
        return self._lazy["today"].ensure()

    @property
    def teachers(self):
        return self._lazy["teachers"].ensure()

    @property
    def cycles(self):
        return self._lazy["cycles"].ensure()

    @property
    def observations(self):
        return self._lazy["observations"].ensure()

    @property
    def pilots(self):
        return self._lazy["pilots"].ensure()

    @property
    def reports(self):
        return self._lazy["reports"].ensure()

    @property
    def activity(self):
        return self._lazy["activity"].ensure()

    @property
    def tools(self):
        return self._lazy["tools"].ensure()

    def _connect_signals(self) -> None:
        self.sidebar.currentRowChanged.connect(self._on_sidebar_row)
        self.events.sig_data_changed.connect(self._on_data_changed)
        self.events.sig_status_message.connect(
            lambda text: self.statusBar().showMessage(text, 8000)
        )
        self.backups.sig_restore_requested.connect(self.sig_restore_requested)
        self.backups.sig_open_checked.connect(self.sig_open_checked)
        self.roster_import.sig_imported.connect(self._on_roster_imported)
        self.roster_import.sig_damage_found.connect(self.backups.damage_found)
        self.district_access.sig_role_known.connect(self._on_director_known)

    def current_screen(self) -> str:
        return NAVIGATION[self.stack.currentIndex()]

    def show_screen(self, key: str) -> None:
        self.sidebar.setCurrentRow(NAVIGATION.index(key))

    def _on_sidebar_row(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self.counts_label.setText(self._counts.get(NAVIGATION[row], ""))

    def _on_director_known(self, director: bool) -> None:
        """The District screen is in the navigation only while the login is a director's."""
        self.sidebar.item(NAVIGATION.index("district")).setHidden(not director)
        self.go_district.setVisible(director)
        if director:
            self.actions_by_name["go_district"] = self.go_district
        else:
            self.actions_by_name.pop("go_district", None)
            if self.current_screen() == "district":
                self.show_screen("today")

    def _on_counts(self, screen: str, text: str) -> None:
        self._counts[screen] = text
        if self.current_screen() == screen:
            self.counts_label.setText(text)

    def open_cycle(self, cycle_id) -> None:
        self.show_screen("cycles")
        self.cycles.open_cycle(cycle_id)

    def open_teacher(self, teacher_id) -> None:
        self.show_screen("teachers")
        if teacher_id is not None:
            self.teachers.open_teacher(teacher_id)

    def start_cycle(self, teacher_id=None) -> None:
        self.show_screen("cycles")
        self.cycles.start_cycle(teacher_id)

    def start_observation(self, teacher_id=None, cycle_id=None, session_id=None) -> None:
        self.show_screen("observations")
        self.observations.start_observation(teacher_id, cycle_id, session_id)

    def open_pilot(self, pilot_id) -> None:
        self.show_screen("pilots")
        if pilot_id is not None:
            self.pilots.open_pilot(pilot_id)

    def open_tool(self, tool_id) -> None:
        self.show_screen("tools")
        if tool_id is not None:
            self.tools.open_tool(tool_id)

    def open_report(self, key: str, subject_id=None) -> None:
        """The Reports screen with one document and its subject chosen."""
        self.show_screen("reports")
        self.reports.open_report(key, subject_id)

    def open_observation(self, observation_id) -> None:
        self.show_screen("observations")
        self.observations.open_observation(observation_id)

    def _import_colleague_recording(self) -> None:
        self.show_screen("observations")
        self.observations.import_colleague_recording()

    def offer_resume(self) -> None:
        """After a crash or a closed lid: offer to go on with the observation left running."""
        from app.services.observations import (
            end_observation,
            observation_summary,
            unfinished_observation,
        )

        observation_id = unfinished_observation(self.store)
        if observation_id is None:
            return
        summary = observation_summary(self.store, observation_id)
        started = summary.started_at.astimezone()
        count = len(summary.sweeps)
        lesson = ", ".join(p for p in (summary.period, summary.lesson) if p)
        go_on, end = "Go on recording", "End it at the last sweep"
        choice = dialogs.choose(
            self,
            "An observation is still running",
            f"You were observing {summary.teacher_name}"
            + (f" ({lesson})" if lesson else "")
            + f", started {weekday_day(started.date())} at {clock_time(started)}, with "
            + ("1 sweep" if count == 1 else f"{count} sweeps")
            + " saved. The clock kept running while Coachbook was closed; marks that passed "
            "without a sweep show as missed.",
            [go_on, end],
        )
        if choice == go_on:
            self.show_screen("observations")
            self.observations.resume(observation_id)
        elif choice == end:
            last = summary.sweeps[-1].recorded_at if summary.sweeps else summary.started_at
            end_observation(self.store, observation_id, last)
            self.events.announce("observations")
            self.open_observation(observation_id)

    def _on_data_changed(self, _changes) -> None:
        self.saved_label.setText(f"Saved {clock_time(datetime.now())}")

    def _on_new(self) -> None:
        """Ctrl+N makes what the current screen lists; elsewhere a new teacher."""
        screen = self.current_screen()
        if screen == "cycles":
            self.cycles.start_cycle()
        elif screen == "observations":
            self.observations.start_observation()
        elif screen == "pilots":
            self.pilots.add_pilot()
        elif screen == "activity":
            self.activity.add_activity()
        elif screen == "tools":
            self.tools.add_tool()
        else:
            self.show_screen("teachers")
            self.teachers.add_teacher()

    def _on_find(self) -> None:
        screen = self.screens[self.current_screen()]
        if isinstance(screen, LazyScreen):
            screen = screen.ensure()
        if not hasattr(screen, "focus_filter"):
            self.show_screen("teachers")
            screen = self.teachers
        screen.focus_filter()

    def _on_roster_imported(self, summary: str) -> None:
        self.show_screen("teachers")
        self.statusBar().showMessage(summary, 8000)

    def _on_settings(self) -> None:
        from app.views.settings.dialog import SettingsDialog
        from app.views.settings.protection import ProtectionPanel

        dialog = SettingsDialog(self.store, parent=self)
        panel = dialog.findChild(ProtectionPanel)
        if panel is not None:
            # Protecting reopens the notebook in a new window: Settings closes first.
            panel.sig_action_requested.connect(
                lambda action: (dialog.reject(), self._protection(action))
            )
        if dialog.exec():
            self.events.announce("profile")
            self.statusBar().showMessage("Settings saved.", 5000)
            self.district_access.check(dialog.district_panel.connection.text())

    def _protection(self, action: str) -> None:
        QTimer.singleShot(0, lambda: self.sig_protection_requested.emit(action))

    def is_recording(self) -> bool:
        """Whether a lesson is being recorded in the live recorder now."""
        screen = self._lazy["observations"].screen
        return bool(screen is not None and screen.is_recording())

    def set_content_hidden(self, hidden: bool) -> None:
        """Hide (or show again) every screen, the menus and the status bar: the lock."""
        self.centralWidget().setVisible(not hidden)
        self.menuBar().setVisible(not hidden)
        self.statusBar().setVisible(not hidden)

    def check_notebook(self) -> None:
        """The full integrity check and a verified backup, off the GUI thread, after opening;
        then the district sync's status (and its first sync when it syncs on its own)."""
        self.backups.check_notebook()
        self.district_sync.start()

    def _switch(self, which: str) -> None:
        self.sig_switch_notebook_requested.emit(which)

    def show_shortcuts(self) -> None:
        from app.views.shell.shortcuts import ShortcutsDialog

        ShortcutsDialog(list(self.actions_by_name.values()), self).exec()

    def _on_about(self) -> None:
        dialogs.show_info(
            self,
            "About Coachbook",
            f"Coachbook {__version__}\n\nAn offline notebook for instructional technology "
            "coaches. It makes no network connection and stores no student names, only "
            f"counts.\n\nNotebook: {self.store.path}\nData folder: {data_dir()}\n"
            f"Backups: {backup_dir_for(self.store.path)}\n\n"
            "Licence: MIT. Fonts: DejaVu (free licence, in resources/fonts).",
        )

    def _restore_window_state(self) -> None:
        settings = app_settings()
        geometry = settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        self._fit_to_screen()
        # Every start is a new school day: the app opens on Today, whatever was shown last.
        self.show_screen("today")

    def _fit_to_screen(self) -> None:
        """Never larger than the screen's free area (a 1024x600 netbook keeps its status bar)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        free = screen.availableGeometry()
        # The frame (title bar, borders) comes on top of the size asked for.
        frame = self.frameGeometry().size() - self.geometry().size()
        width = min(self.width(), free.width() - max(frame.width(), 0))
        height = min(self.height(), free.height() - max(frame.height(), 32))
        self.resize(max(width, self.minimumWidth()), max(height, self.minimumHeight()))
        left = min(max(self.x(), free.left()), free.right() - self.width())
        top = min(max(self.y(), free.top()), free.bottom() - self.height())
        self.move(max(left, free.left()), max(top, free.top()))

    def save_window_state(self) -> None:
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.sync()

    def stop_timers(self) -> None:
        """Before the notebook is closed under this window (protecting it, switching): no
        more checks, backups or locking from it."""
        self.backups.stop()
        self.district_sync.stop()
        if self.idle_lock is not None:
            self.idle_lock.stop()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            # The frame (title bar, borders) is known only once shown: fit again with it.
            self._fit_to_screen()

    def closeEvent(self, event) -> None:
        self.save_window_state()
        self.stop_timers()
        super().closeEvent(event)
