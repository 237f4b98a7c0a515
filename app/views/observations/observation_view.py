"""One observation: the summary after End, and the place to code, link and correct it.

The % and its sampling, the lowest and highest sweeps, the per-sweep chart, the PICRAT grid
and SAMR level, the summary notes, the link to a cycle session, evidence notes and photos.
Every change is saved the moment it is made.
"""

import uuid

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from app import charts
from app.models import SamrLevel
from app.services.observations import (
    SAMR_LABELS,
    ObservationSummary,
    delete_observation,
    delete_observation_note,
    link_choices,
    link_session,
    list_observation_notes,
    observation_summary,
    restore_observation,
    restore_observation_note,
    set_coding,
    set_observation_note_private,
)
from app.text import (
    NO_VALUE,
    activity_check_method,
    full_date,
    percent,
    picrat_words,
    weekday_full_date,
)
from app.views.common import dialogs
from app.views.common.chart_view import ChartView
from app.views.common.context import ScreenContext, TakesContext
from app.views.common.deleting import delete_op
from app.views.common.detail_pane import DetailPane, read_or_none, show_note_actions
from app.views.common.evidence_panel import EvidencePanel
from app.views.common.operations import write_op
from app.views.common.widgets import heading, muted, rows_table, select_data
from app.views.observations.calibration import CalibrationSection
from app.views.observations.live_layout import big_font
from app.views.observations.live_models import EvidenceNotesModel, LiveSweepsModel
from app.views.observations.picrat import PicratPicker

NOTES_SAVE_DELAY_MS = 600


def sweep_points(summary: ObservationSummary) -> list[charts.SweepPoint]:
    return [charts.SweepPoint(s.minute, s.pct) for s in summary.sweeps]


def _sweep_count(sweeps: int) -> str:
    """ "1 sweep", "10 sweeps": the method line below says how often they came."""
    return "1 sweep" if sweeps == 1 else f"{sweeps} sweeps"


def chart_description(summary: ObservationSummary) -> str:
    if not summary.sweeps:
        return "No sweeps recorded yet."
    parts = [
        f"{s.minute} min: " + ("nobody present" if s.pct is None else percent(s.pct))
        for s in summary.sweeps
    ]
    return "Time on task by sweep. " + "; ".join(parts)


class ObservationView(TakesContext, DetailPane):
    sig_changed = Signal(str)
    sig_resume_requested = Signal(object)
    sig_edit_details_requested = Signal(object)
    sig_edit_sweeps_requested = Signal(object)
    sig_deleted = Signal(str)
    sig_report_requested = Signal(object)

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__("Select an observation to see its summary.", parent)
        self._take_context(context)
        self.summary: ObservationSummary | None = None
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTES_SAVE_DELAY_MS)
        self._build_layout()
        self._connect_signals()
        self.show_observation(None)

    def _build_layout(self) -> None:
        body, layout = self._titled_body()
        self.in_progress = QLabel("")
        self.in_progress.setWordWrap(True)
        self.resume_button = QPushButton("Go on recording")
        self.resume_button.setAccessibleName("Go back to the live recorder")
        self.details_button = QPushButton("Lesson details…")
        self.sweeps_button = QPushButton("Edit sweeps…")
        self.sweeps_button.setToolTip("Correct sweeps or type in a paper form")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setAccessibleName("Delete the observation")
        self.report_button = QPushButton("Report…")
        self.report_button.setToolTip("The observation report for the teacher, as a PDF")
        actions = QHBoxLayout()
        for button in (
            self.resume_button,
            self.details_button,
            self.sweeps_button,
            self.report_button,
            self.delete_button,
        ):
            actions.addWidget(button)
        actions.addStretch()

        self.figure = QLabel("—")
        self.figure.setFont(big_font(self, 3.0))
        self.figure.setAccessibleName("Time on task")
        self.figure_caption = muted("")
        self.range_text = muted("")
        self.method = muted("")
        self.method.setWordWrap(True)
        figures = QVBoxLayout()
        figures.setSpacing(0)
        figures.addWidget(self.figure)
        figures.addWidget(self.figure_caption)
        figures.addWidget(self.method)
        figures.addWidget(self.range_text)
        self.calibration = CalibrationSection(self._context)
        figures.addWidget(self.calibration.headline)

        self.chart = ChartView("Time on task by sweep", height_pt=170)
        self.sweeps_model = LiveSweepsModel(self)
        self.sweeps_table = QTableView()
        self.sweeps_table.setModel(self.sweeps_model)
        self.sweeps_table.setAccessibleName("Sweeps")
        self.sweeps_table.verticalHeader().hide()
        self.sweeps_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sweeps_table.setWordWrap(False)
        header = self.sweeps_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.picrat = PicratPicker()
        self.picrat_text = muted("")
        self.samr = QComboBox()
        self.samr.setAccessibleName("SAMR level")
        self.samr.addItem("Not coded", None)
        for level in SamrLevel:
            self.samr.addItem(SAMR_LABELS[level], level.value)
        self.link = QComboBox()
        self.link.setAccessibleName("Cycle session")
        self.link.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.link.setMinimumContentsLength(20)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Summary notes")
        self.notes.setPlaceholderText(
            "What went well, what to try next: goes in the observation report for the teacher."
        )
        self.notes.setFixedHeight(90)
        self.notes_state = muted("")
        coding = QFormLayout()
        coding.addRow("SAMR", self.samr)
        coding.addRow("Cycle", self.link)

        self.evidence_model = EvidenceNotesModel(self)
        self.evidence_table = rows_table(self.evidence_model, "Evidence notes")
        self.evidence_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.evidence_table.horizontalHeader().setStretchLastSection(True)
        self.evidence_table.setFixedHeight(130)
        self.share_button = QPushButton("Make shareable")
        self.remove_note_button = QPushButton("Delete note")
        note_buttons = QHBoxLayout()
        note_buttons.addWidget(self.share_button)
        note_buttons.addWidget(self.remove_note_button)
        note_buttons.addStretch()
        self.photos: EvidencePanel | None = None

        layout.addWidget(self.in_progress)
        layout.addLayout(actions)
        layout.addLayout(figures)
        layout.addWidget(self.chart)
        layout.addWidget(self.sweeps_table)
        layout.addWidget(self.calibration)
        layout.addWidget(heading("PICRAT", 1))
        layout.addWidget(
            muted("How students use the technology (rows) by what it does to teaching (columns).")
        )
        layout.addWidget(self.picrat)
        layout.addWidget(self.picrat_text)
        layout.addLayout(coding)
        layout.addWidget(heading("Summary notes", 1))
        layout.addWidget(self.notes)
        layout.addWidget(self.notes_state)
        layout.addWidget(heading("Evidence notes", 1))
        layout.addWidget(
            muted("Private unless made shareable: a private note stays out of reports.")
        )
        layout.addWidget(self.evidence_table)
        layout.addLayout(note_buttons)
        layout.addWidget(heading("Photos", 1))
        self._photos_slot = QVBoxLayout()
        layout.addLayout(self._photos_slot)
        layout.addStretch()
        self.set_body(body)

    def _connect_signals(self) -> None:
        self.resume_button.clicked.connect(self._emit_with_id(self.sig_resume_requested))
        self.details_button.clicked.connect(self._emit_with_id(self.sig_edit_details_requested))
        self.sweeps_button.clicked.connect(self._emit_with_id(self.sig_edit_sweeps_requested))
        self.delete_button.clicked.connect(self._on_delete)
        self.report_button.clicked.connect(self._emit_with_id(self.sig_report_requested))
        self.picrat.sig_changed.connect(lambda *_a: self._save_coding())
        self.samr.activated.connect(lambda _i: self._save_coding())
        self.link.activated.connect(self._on_link)
        self.notes.textChanged.connect(self._on_notes_edited)
        self._notes_timer.timeout.connect(self._save_coding)
        self.share_button.clicked.connect(self._on_toggle_share)
        self.remove_note_button.clicked.connect(self._on_delete_note)
        self.evidence_table.selectionModel().currentRowChanged.connect(
            lambda *_a: self._update_note_buttons()
        )

    def _emit_with_id(self, signal):
        return lambda: self.summary and signal.emit(self.summary.observation_id)

    # Showing -----------------------------------------------------------------------------

    def show_observation(self, observation_id: uuid.UUID | None) -> None:
        self.flush_notes()
        self.summary = read_or_none(lambda i: observation_summary(self._store, i), observation_id)
        self.show_body(self.summary is not None)
        if self.summary is not None:
            self._fill(self.summary)

    def _fill(self, summary: ObservationSummary) -> None:
        if self.photos is None:  # built on first use: it reads photo bytes
            self.photos = EvidencePanel(self._context)
            self.photos.sig_changed.connect(self.sig_changed)
            self._photos_slot.addWidget(self.photos)
        self.title.setText(summary.teacher_name)
        parts = [weekday_full_date(summary.observed_on)]
        parts += [p for p in (summary.period, summary.lesson, summary.technology) if p]
        self.subtitle.setText(" · ".join(parts))
        running = summary.started_at is not None and summary.ended_at is None
        self.in_progress.setText(
            "Still recording: the clock is running." if running else self._when(summary)
        )
        self.resume_button.setVisible(running)
        pct = summary.time_on_task_pct
        self.figure.setText(NO_VALUE if pct is None else percent(pct))
        students = f" · {summary.students_present} students" if summary.students_present else ""
        self.figure_caption.setText(
            ("on task, weighted by students" if pct is not None else "no time-on-task yet")
            + f" · {_sweep_count(len(summary.sweeps))}{students}"
        )
        self.method.setText(activity_check_method(summary.interval_minutes))
        if summary.lowest and summary.highest:
            self.range_text.setText(
                f"Lowest {percent(summary.lowest.pct)} at {summary.lowest.minute} min · "
                f"highest {percent(summary.highest.pct)} at {summary.highest.minute} min"
            )
        else:
            self.range_text.setText("")
        points = sweep_points(summary)
        self.chart.set_chart(
            lambda width, height: charts.sweep_chart(points, width, height, overall_pct=pct),
            chart_description(summary),
        )
        self.sweeps_model.set_sweeps(summary.sweeps, [])
        shown = min(len(summary.sweeps), 12)
        row = self.sweeps_table.verticalHeader().defaultSectionSize()
        header = self.sweeps_table.horizontalHeader().sizeHint().height()
        self.sweeps_table.setFixedHeight(header + max(shown, 1) * row + 4)
        self.picrat.set_chosen(summary.picrat_engagement, summary.picrat_use)
        self.picrat_text.setText(picrat_words(summary.picrat_engagement, summary.picrat_use))
        select_data(self.samr, summary.samr_level, fallback=0)
        self.notes.blockSignals(True)
        self.notes.setPlainText(summary.notes)
        self.notes.blockSignals(False)
        self.notes_state.setText("")
        self._refill_links(summary)
        self.calibration.show_observation(summary.observation_id)
        self._reload_evidence_notes()
        self.photos.show_owner(observation_id=summary.observation_id)
        self.fit_height()
        # Wrapped lines and buttons know their heights once their layouts have run.
        QTimer.singleShot(0, self, self.fit_height)

    @staticmethod
    def _when(summary: ObservationSummary) -> str:
        if summary.started_at is None:
            return "Typed in from a paper form."
        start = summary.started_at.astimezone()
        text = f"Recorded live from {start:%H:%M}"
        if summary.ended_at is not None:
            text += f" to {summary.ended_at.astimezone():%H:%M}"
        return text + f" on {full_date(start.date())}."

    def _refill_links(self, summary: ObservationSummary) -> None:
        self.link.clear()
        self.link.addItem("Not part of a cycle", (None, None))
        for choice in link_choices(self._store, summary.teacher_id):
            self.link.addItem(choice.label, (choice.cycle_id, choice.session_id))
            if (choice.cycle_id, choice.session_id) == (summary.cycle_id, summary.session_id):
                self.link.setCurrentIndex(self.link.count() - 1)

    def _reload_evidence_notes(self) -> None:
        if self.summary is not None:
            self.evidence_model.set_rows(
                list_observation_notes(self._store, self.summary.observation_id)
            )
        self.evidence_table.resizeColumnToContents(0)
        self._update_note_buttons()

    # Saving ------------------------------------------------------------------------------

    def _on_notes_edited(self) -> None:
        self.notes_state.setText("Saving…")
        self._notes_timer.start()

    def flush_notes(self) -> None:
        """Save typed notes now (leaving the observation must not lose them)."""
        if self._notes_timer.isActive():
            self._notes_timer.stop()
            self._save_coding()

    def _save_coding(self) -> None:
        if self.summary is None:
            return
        engagement, use = self.picrat.chosen()
        observation_id, samr, notes = (
            self.summary.observation_id,
            self.samr.currentData(),
            self.notes.toPlainText(),
        )
        if write_op(
            self._context,
            self,
            write=lambda: set_coding(self._store, observation_id, engagement, use, samr, notes),
            failure="Not saved",
            status="Saved the observation's coding and notes.",
            done=self.sig_changed.emit,
        ):
            self.picrat_text.setText(picrat_words(engagement, use))
            self.notes_state.setText("Saved")

    def _on_link(self, _index: int) -> None:
        if self.summary is None:
            return
        cycle_id, session_id = self.link.currentData()
        observation_id = self.summary.observation_id
        write_op(
            self._context,
            self,
            write=lambda: link_session(self._store, observation_id, cycle_id, session_id),
            failure="Link not saved",
            status="Linked the observation to the cycle."
            if cycle_id
            else "Unlinked the observation.",
            done=self.sig_changed.emit,
        )

    def _current_note(self):
        index = self.evidence_table.currentIndex()
        return self.evidence_model.row_at(index.row()) if index.isValid() else None

    def _update_note_buttons(self) -> None:
        show_note_actions(self._current_note(), self.share_button, self.remove_note_button)

    def _on_toggle_share(self) -> None:
        note = self._current_note()
        if note is None:
            return
        write_op(
            self._context,
            self,
            write=lambda: set_observation_note_private(self._store, note.id, not note.is_private),
            failure="Not saved",
            status="The note is now shareable." if note.is_private else "The note is now private.",
            refresh=self._reload_evidence_notes,
            done=self.sig_changed.emit,
        )

    def _on_delete_note(self) -> None:
        note = self._current_note()
        if note is None:
            return
        delete_op(
            self._context,
            self,
            delete=lambda: delete_observation_note(self._store, note.id, self._now()),
            restore=lambda: restore_observation_note(self._store, note.id),
            text="Delete the evidence note",
            status="Deleted the note (Ctrl+Z brings it back).",
            refresh=self._reload_evidence_notes,
            done=self.sig_changed.emit,
        )

    def _on_delete(self) -> None:
        summary = self.summary
        if summary is None or not dialogs.confirm(
            self,
            "Delete this observation?",
            f"The observation of {summary.teacher_name} on {full_date(summary.observed_on)} "
            "and its sweeps leave every list and report. Edit ▸ Undo brings it back.",
            "Delete",
        ):
            return
        self.flush_notes()  # typed notes go with the observation, and come back with an undo
        observation_id = summary.observation_id
        delete_op(
            self._context,
            self,
            delete=lambda: delete_observation(self._store, observation_id, self._now()),
            restore=lambda: restore_observation(self._store, observation_id),
            text=f"Delete the observation of {summary.teacher_name}",
            status=f"Deleted the observation of {summary.teacher_name}.",
            done=self.sig_deleted.emit,
        )
