"""The selected teacher's profile and private notes."""

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
)

from app import charts
from app.services.cycles import CycleRow
from app.services.observations import ObservationRow, TrendGoal, TrendPoint
from app.services.teachers import TeacherRow
from app.text import goal_value, month_day, percent
from app.views.common.chart_view import ChartView
from app.views.common.detail_pane import DetailPane, FlowLayout, WrappedText
from app.views.common.table_model import row_of_index
from app.views.common.widgets import heading, muted
from app.views.cycles.table_model import (
    FOCUS,
    NEXT,
    PROGRESS,
    SCHOOL,
    STARTED,
    STATUS,
    TEACHER,
    CyclesTableModel,
)
from app.views.observations.table_model import DATE as OBS_DATE
from app.views.observations.table_model import LESSON as OBS_LESSON
from app.views.observations.table_model import PCT as OBS_PCT
from app.views.observations.table_model import PERIOD as OBS_PERIOD
from app.views.observations.table_model import SWEEPS as OBS_SWEEPS
from app.views.observations.table_model import TEACHER as OBS_TEACHER
from app.views.observations.table_model import ObservationsTableModel

# Taller notes scroll inside their box, so the cycles and trend stay near the top.
NOTES_MAX_HEIGHT = 220


class TeacherDetail(DetailPane):
    sig_edit_requested = Signal()
    sig_archive_requested = Signal()
    sig_delete_requested = Signal()
    sig_start_cycle_requested = Signal()
    sig_open_cycle_requested = Signal(object)
    sig_start_observation_requested = Signal()
    sig_open_observation_requested = Signal(object)
    sig_report_requested = Signal()

    def __init__(self, parent=None):
        super().__init__("Select a teacher to see their profile.", parent)
        self.setMinimumWidth(290)
        self._build_layout()
        self._connect_signals()
        self.show_teacher(None)

    def _build_layout(self) -> None:
        body, layout = self._titled_body(margins=(12, 12, 8, 12))
        self.name = self.title  # the pane's title is the teacher's name

        buttons = FlowLayout()
        self.edit_button = QPushButton("&Edit…")
        self.archive_button = QPushButton("&Archive")
        self.delete_button = QPushButton("Delete")
        self.report_button = QPushButton("Report…")
        self.report_button.setToolTip("The teacher coaching report for the principal, as a PDF")
        for button, name in (
            (self.edit_button, "Edit teacher"),
            (self.archive_button, "Archive or restore teacher"),
            (self.delete_button, "Delete teacher"),
            (self.report_button, "Coaching report"),
        ):
            button.setAccessibleName(name)
            buttons.addWidget(button)
        layout.addLayout(buttons)

        self.facts = QFormLayout()
        self.facts.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.fact_labels: dict[str, QLabel] = {}
        for key, label in (
            ("school", "School"),
            ("grades", "Grades"),
            ("subjects", "Subjects"),
            ("room", "Room"),
            ("email", "Email"),
            ("years", "Years teaching"),
        ):
            value = QLabel()
            value.setWordWrap(True)
            # Long unbroken values (an email) are clipped, with the whole value as a tip.
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fact_labels[key] = value
            self.facts.addRow(muted(label), value)
        layout.addLayout(self.facts)

        layout.addWidget(heading("Notes", 1))
        layout.addWidget(muted("Private: notes here never appear in a report."))
        self.notes = WrappedText(max_height=NOTES_MAX_HEIGHT)
        self.notes.setAccessibleName("Private notes")
        layout.addWidget(self.notes)

        cycles_bar = QHBoxLayout()
        cycles_bar.addWidget(heading("Coaching cycles", 1))
        cycles_bar.addStretch()
        self.start_cycle_button = QPushButton("Start a cycle…")
        self.start_cycle_button.setAccessibleName("Start a cycle with this teacher")
        cycles_bar.addWidget(self.start_cycle_button)
        layout.addLayout(cycles_bar)
        self.cycles_model = CyclesTableModel(self)
        self.cycles_table = QTableView()
        self.cycles_table.setModel(self.cycles_model)
        self.cycles_table.setAccessibleName("This teacher's cycles")
        rows = self.cycles_table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.cycles_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cycles_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cycles_table.setWordWrap(False)
        self.cycles_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for column in (TEACHER, SCHOOL, NEXT, STARTED):  # the narrow pane keeps the essentials
            self.cycles_table.setColumnHidden(column, True)
        header = self.cycles_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(FOCUS, QHeaderView.ResizeMode.Stretch)
        for column, width in ((STATUS, 78), (PROGRESS, 66)):
            self.cycles_table.setColumnWidth(column, width)
        self.cycles_table.setToolTip("Double-click or press Enter to open a cycle")
        layout.addWidget(self.cycles_table)
        self.no_cycles = muted("No cycles yet with this teacher.")
        layout.addWidget(self.no_cycles)
        observations_bar = QHBoxLayout()
        observations_bar.addWidget(heading("Time on task", 1))
        observations_bar.addStretch()
        self.observe_button = QPushButton("Observe…")
        self.observe_button.setAccessibleName("Start an observation of this teacher")
        observations_bar.addWidget(self.observe_button)
        layout.addLayout(observations_bar)
        self.trend_text = muted("")
        layout.addWidget(self.trend_text)
        self.trend = ChartView("Time-on-task trend", height_pt=150)
        layout.addWidget(self.trend)
        self.observations_model = ObservationsTableModel(self)
        self.observations_table = QTableView()
        self.observations_table.setModel(self.observations_model)
        self.observations_table.setAccessibleName("This teacher's observations")
        rows = self.observations_table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.observations_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.observations_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.observations_table.setWordWrap(False)
        self.observations_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for column in (OBS_TEACHER, OBS_PERIOD, OBS_SWEEPS):
            self.observations_table.setColumnHidden(column, True)
        header = self.observations_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(OBS_LESSON, QHeaderView.ResizeMode.Stretch)
        self.observations_table.setColumnWidth(OBS_DATE, 96)
        self.observations_table.setColumnWidth(OBS_PCT, 64)
        self.observations_table.setToolTip("Double-click or press Enter to open an observation")
        layout.addWidget(self.observations_table)
        layout.addStretch()
        self.set_body(body)

    def _connect_signals(self) -> None:
        self.edit_button.clicked.connect(self.sig_edit_requested)
        self.archive_button.clicked.connect(self.sig_archive_requested)
        self.delete_button.clicked.connect(self.sig_delete_requested)
        self.report_button.clicked.connect(self.sig_report_requested)
        self.start_cycle_button.clicked.connect(self.sig_start_cycle_requested)
        self.cycles_table.activated.connect(self._on_cycle_activated)
        self.observe_button.clicked.connect(self.sig_start_observation_requested)
        self.observations_table.activated.connect(
            lambda index: self.sig_open_observation_requested.emit(row_of_index(index).id)
        )

    def _on_cycle_activated(self, index) -> None:
        self.sig_open_cycle_requested.emit(row_of_index(index).id)

    def show_cycles(self, cycles: list[CycleRow]) -> None:
        self.cycles_model.set_rows(cycles)
        self.cycles_table.setVisible(bool(cycles))
        self.no_cycles.setVisible(not cycles)
        shown = min(len(cycles), 6)
        header = self.cycles_table.horizontalHeader().sizeHint().height()
        row = self.cycles_table.verticalHeader().defaultSectionSize()
        self.cycles_table.setFixedHeight(header + shown * row + 4 if cycles else 0)
        self.fit_height()

    def show_observations(
        self,
        observations: list[ObservationRow],
        trend: list[TrendPoint],
        goal: TrendGoal | None,
    ) -> None:
        """The trend of time-on-task across observations, with the cycle's baseline and target."""
        baseline = goal.baseline if goal else None
        target = goal.target if goal else None
        points = [charts.TrendPoint(p.observed_on, p.pct) for p in trend]
        if points:  # drawing the chart is the slow part; an empty one is never shown
            self.trend.set_chart(
                lambda width, height: charts.trend_chart(points, baseline, target, width, height),
                "; ".join(f"{month_day(p.observed_on)}: {percent(p.pct)}" for p in trend),
            )
        self.trend.setVisible(bool(trend))
        count = len(observations)
        if not observations:
            self.trend_text.setText("No observations yet. Observe a lesson to start the trend.")
        else:
            first, last = trend[0].pct if trend else None, trend[-1].pct if trend else None
            change = (
                f"; from {percent(first)} to {percent(last)}"
                if first is not None and count > 1
                else ""
            )
            goal_text = ""
            if goal and (baseline is not None or target is not None):
                values = [
                    f"{label} {goal_value(value, percent=True)}"
                    for label, value in (("baseline", baseline), ("target", target))
                    if value is not None
                ]
                goal_text = f" Cycle goal: {', '.join(values)}."
            plural = "observation" if count == 1 else "observations"
            recording = sum(1 for o in observations if o.in_progress)
            still = f" {recording} still recording, left out of the trend." if recording else ""
            self.trend_text.setText(f"{count} {plural}{change}.{still}{goal_text}")
        self.observations_model.set_rows(observations)
        self.observations_table.setVisible(bool(observations))
        shown = min(len(observations), 6)
        header = self.observations_table.horizontalHeader().sizeHint().height()
        row = self.observations_table.verticalHeader().defaultSectionSize()
        self.observations_table.setFixedHeight(header + shown * row + 4 if observations else 0)
        self.fit_height()

    def show_teacher(self, teacher: TeacherRow | None) -> None:
        self.show_body(teacher is not None)
        if teacher is None:
            return
        self.name.setText(teacher.name)
        self.subtitle.setText("Archived" if teacher.archived else "Active")
        values = {
            "school": teacher.school,
            "grades": teacher.grades,
            "subjects": teacher.subjects,
            "room": teacher.room,
            "email": teacher.email,
            "years": "" if teacher.years_experience is None else str(teacher.years_experience),
        }
        for key, value in values.items():
            label = self.fact_labels[key]
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setText(escape(value) if value else "<span style='color:gray'>—</span>")
            label.setToolTip(value)
        self.notes.setPlainText(teacher.notes or "No notes yet.")
        self.archive_button.setText("&Restore" if teacher.archived else "&Archive")
