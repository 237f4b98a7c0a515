"""The Observations screen: the list with filters and the % column, the observation view,
and the live recorder, which takes the whole screen while a lesson is being recorded."""

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import CoachbookError
from app.services.errors import NotFound
from app.services.observations import list_observations, observation_summary
from app.services.profile import get_profile, school_calendar
from app.services.teachers import list_teachers
from app.views.common import dialogs
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
from app.views.observations.calibration import COMPARE_KEY, SHARE_KEY, CalibrationFlow
from app.views.observations.live import LiveRecorder
from app.views.observations.observation_view import ObservationView
from app.views.observations.table_model import (
    DATE,
    LESSON,
    PCT,
    PERIOD,
    SWEEPS,
    TEACHER,
    ObservationFilterProxy,
    ObservationsTableModel,
)

STATES = (
    ("Any observation", ObservationFilterProxy.ANY),
    ("Still recording", ObservationFilterProxy.IN_PROGRESS),
    ("Recorded live", ObservationFilterProxy.LIVE),
    ("Typed in from paper", ObservationFilterProxy.PAPER),
)


class ObservationsScreen(ListScreen):
    KIND = "observations"
    RELOAD_ON = ("observations", "teachers", "cycles")
    sig_recording_changed = Signal(bool)
    sig_report_requested = Signal(str, object)

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(context, parent)
        self._use_models(ObservationsTableModel(self), ObservationFilterProxy(self))
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        self.filter_edit = filter_box(
            "Filter by teacher, period or lesson   (Ctrl+F)", "Filter observations"
        )
        self.state_combo = choice_combo("Kind of observation", STATES, fit_contents=True)
        self.year_combo = choice_combo("School year", fit_contents=True)
        self.paper_button = QPushButton("From paper…")
        self.paper_button.setToolTip("Type in an observation from a paper form")
        self.start_button = QPushButton("Observe…")
        self.start_button.setToolTip("Start a live observation (Ctrl+N)")
        self.start_button.setAccessibleName("Start a live observation")
        set_role(self.start_button, "primary")

        bar = title_bar(
            "Observations",
            self.filter_edit,
            self.state_combo,
            self.year_combo,
            self.paper_button,
            self.start_button,
        )

        self.table = list_table(
            self.proxy,
            "Observations",
            DATE,
            Qt.SortOrder.DescendingOrder,
            LESSON,
            {DATE: 96, TEACHER: 136, PERIOD: 72, SWEEPS: 56, PCT: 68},
        )
        # The observation view gives the period and the sweeps; the list keeps what tells
        # lessons apart, so it fits beside the view at 1024 pixels.
        self.table.setColumnHidden(PERIOD, True)
        self.table.setColumnHidden(SWEEPS, True)
        self.view = ObservationView(self._context)
        self.view.setMinimumWidth(360)
        splitter = self._beside_list(self.view, (1, 1), [500, 560])
        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(16, 12, 16, 8)
        list_layout.addLayout(bar)
        list_layout.addWidget(splitter, 1)
        self.list_page = list_page

        self.empty = EmptyState(
            "No observations yet",
            "Sit at the back of the room and count how many students are on task every five "
            "minutes. Coachbook keeps the time, saves every sweep at once, and draws the chart.",
            actions=(
                ("Observe a lesson…", lambda: self.start_observation()),
                ("Type in a paper form…", lambda: self.type_in_paper()),
            ),
        )
        self.recorder = LiveRecorder(self._context)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.list_page)
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.recorder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.filter_combos = (self.state_combo, self.year_combo)
        self.calibration = CalibrationFlow(self._context, self)
        # On the list and the observation beside it, for the chosen observation.
        for key, slot in ((SHARE_KEY, self.share_for_calibration), (COMPARE_KEY, self.compare)):
            QShortcut(
                QKeySequence(key),
                self.list_page,
                context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
            ).activated.connect(slot)

    def _connect_signals(self) -> None:
        self._connect_filters(state=self.state_combo, year=self.year_combo)
        self.start_button.clicked.connect(lambda: self.start_observation())
        self.paper_button.clicked.connect(lambda: self.type_in_paper())
        self.view.sig_changed.connect(self._refresh_rows_keeping_view)
        self.view.sig_deleted.connect(self._reload_and_announce)
        self.view.sig_resume_requested.connect(self.resume)
        self.view.sig_edit_details_requested.connect(self._on_edit_details)
        self.view.sig_edit_sweeps_requested.connect(self.edit_sweeps)
        self.view.sig_report_requested.connect(
            lambda obs_id: self.sig_report_requested.emit("observation", obs_id)
        )
        section = self.view.calibration
        section.sig_share_requested.connect(self.calibration.share)
        section.sig_compare_requested.connect(self.calibration.compare)
        section.sig_import_requested.connect(self.import_colleague_recording)
        self.calibration.sig_changed.connect(self._on_calibration_changed)
        self.recorder.sig_ended.connect(self._on_recording_ended)
        self.recorder.sig_left.connect(self._on_recorder_left)
        self._connect_list_signals()

    # The list ----------------------------------------------------------------------------

    def _load_rows(self) -> list:
        self.proxy.calendar = school_calendar(self._store)
        return list_observations(self._store)

    def _after_load(self, rows: list) -> None:
        years = sorted(
            {self.proxy.calendar.year_of(r.observed_on) for r in rows}
            | {self.proxy.calendar.year_of(self._today())},
            reverse=True,
        )
        self._refill_filter(self.year_combo, ("Any year", ObservationFilterProxy.ANY), years)
        if not self.is_recording():
            self.pages.setCurrentWidget(self.list_page if rows else self.empty)

    def _show_record(self, observation_id: uuid.UUID | None) -> None:
        self.view.show_observation(observation_id)

    def _counts_text(self, rows: list) -> str:
        year_of = self.proxy.calendar.year_of
        this_year = sum(1 for r in rows if year_of(r.observed_on) == year_of(self._today()))
        return f"{this_year} this school year · {len(rows)} in all"

    def _can_reload_now(self) -> bool:
        return self.isVisible() and not self.is_recording()

    def _wrote_it(self, initiator) -> bool:
        return initiator is self or initiator is self.recorder

    def is_recording(self) -> bool:
        return self.pages.currentWidget() is self.recorder and self.recorder.observation_id

    def focus_filter(self) -> None:
        if not self.is_recording():
            super().focus_filter()

    def open_observation(self, observation_id: uuid.UUID) -> None:
        """Show one observation, clearing filters that would hide it."""
        if not self.is_recording():
            self.pages.setCurrentWidget(self.list_page)
        self.reveal(observation_id)

    # Calibration -------------------------------------------------------------------------

    def share_for_calibration(self) -> None:
        if self.view.summary is not None:
            self.calibration.share(self.view.summary.observation_id)

    def compare(self) -> None:
        if self.view.summary is not None:
            self.calibration.compare(self.view.summary.observation_id)

    def import_colleague_recording(self) -> None:
        """File ▸ Import a colleague's recording: it joins no list, only its lesson's page."""
        if self.is_recording():
            dialogs.show_info(
                self,
                "An observation is running",
                "End the observation you are recording before importing a colleague's.",
            )
            return
        self.calibration.import_recording()

    def _on_calibration_changed(self, message: str, observation_id) -> None:
        if observation_id is not None:
            self.open_observation(observation_id)
        self._events.announce("calibrations", source=self)
        self._events.sig_status_message.emit(message)

    # Starting, resuming, ending ----------------------------------------------------------

    def start_observation(
        self,
        teacher_id: uuid.UUID | None = None,
        cycle_id: uuid.UUID | None = None,
        session_id: uuid.UUID | None = None,
    ) -> None:
        from app.views.observations.start_dialog import LIVE

        if self.is_recording():
            dialogs.show_info(
                self,
                "An observation is running",
                "End the observation you are recording (or go back to the list) before "
                "starting another.",
            )
            return
        dialog = self._dialog(LIVE, teacher_id=teacher_id, cycle_id=cycle_id, session_id=session_id)
        if dialog.exec() and dialog.observation_id is not None:
            self._events.announce(self.KIND, source=self)
            self.resume(dialog.observation_id)

    def resume(self, observation_id: uuid.UUID) -> None:
        """Open the live recorder on a running observation, where it stands."""
        self.view.flush_notes()
        try:
            self.recorder.open(observation_id)
        except CoachbookError as exc:
            dialogs.show_error(self, "Couldn't open the recorder", str(exc))
            return
        self.pages.setCurrentWidget(self.recorder)
        self.sig_recording_changed.emit(True)
        self._stale = True

    def type_in_paper(self) -> None:
        from app.views.observations.start_dialog import PAPER
        from app.views.observations.sweep_editor import SweepEditorDialog

        dialog = self._dialog(PAPER)
        if not dialog.exec() or dialog.plan is None:
            return
        plan = dialog.plan
        title = ", ".join(p for p in (dialog.teacher_name(), plan.lesson or plan.period) if p)
        sweeps = SweepEditorDialog(
            self._store,
            None,
            f"Sweeps: {title}",
            [],
            plan.interval_minutes,
            self._now,
            self,
            plan=plan,
        )
        # Nothing is in the notebook until the sweeps are saved: Cancel leaves no record.
        if sweeps.exec() and sweeps.observation_id is not None:
            self.reload(select_id=sweeps.observation_id)
            self.open_observation(sweeps.observation_id)
            self._announce("Saved the observation from paper.")

    def edit_sweeps(self, observation_id: uuid.UUID) -> None:
        from app.views.observations.sweep_editor import SweepEditorDialog

        try:
            summary = observation_summary(self._store, observation_id)
        except NotFound as exc:
            dialogs.show_error(self, "Not found", str(exc))
            return
        title = f"Sweeps: {summary.teacher_name}, {summary.lesson or summary.period or ''}"
        dialog = SweepEditorDialog(
            self._store,
            observation_id,
            title.rstrip(", "),
            summary.sweeps,
            summary.interval_minutes,
            self._now,
            self,
        )
        if dialog.exec():
            self._saved(observation_id, "Saved the sweeps.")

    def _on_edit_details(self, observation_id: uuid.UUID) -> None:
        from app.views.observations.start_dialog import EDIT

        try:
            summary = observation_summary(self._store, observation_id)
        except NotFound as exc:
            dialogs.show_error(self, "Not found", str(exc))
            return
        if self._dialog(EDIT, existing=summary).exec():
            self._saved(observation_id, "Saved the lesson details.")

    def _dialog(self, mode: str, **fields):
        from app.views.observations.start_dialog import ObservationDialog

        return ObservationDialog(
            self._store,
            list_teachers(self._store),
            self._today(),
            self._now,
            mode=mode,
            interval_minutes=get_profile(self._store).default_interval_minutes,
            parent=self,
            **fields,
        )

    def _on_recording_ended(self, observation_id: uuid.UUID) -> None:
        self.sig_recording_changed.emit(False)
        self.pages.setCurrentWidget(self.list_page)
        self.open_observation(observation_id)
        self.reload(select_id=observation_id)
        self.view.picrat.setFocus()

    def _on_recorder_left(self, observation_id: uuid.UUID) -> None:
        self.sig_recording_changed.emit(False)
        self.pages.setCurrentWidget(self.list_page)
        self.reload(select_id=observation_id)
