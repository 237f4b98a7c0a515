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
    QVBoxLayout,
    QWidget,
)

from app.services.cycles import CycleRow
from app.services.teachers import TeacherRow
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
from app.views.cycles.table_model import ROW_ROLE as CYCLE_ROW_ROLE
from app.views.detail_pane import DetailPane
from app.views.widgets import heading, muted


class TeacherDetail(DetailPane):
    sig_edit_requested = Signal()
    sig_archive_requested = Signal()
    sig_delete_requested = Signal()
    sig_start_cycle_requested = Signal()
    sig_open_cycle_requested = Signal(object)

    def __init__(self, parent=None):
        super().__init__("Select a teacher to see their profile.", parent)
        self.setMinimumWidth(290)
        self._build_layout()
        self._connect_signals()
        self.show_teacher(None)

    def _build_layout(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 12, 8, 12)
        self.name = heading("", 5)
        self.name.setWordWrap(True)
        self.subtitle = muted("")
        layout.addWidget(self.name)
        layout.addWidget(self.subtitle)

        buttons = QHBoxLayout()
        self.edit_button = QPushButton("&Edit…")
        self.archive_button = QPushButton("&Archive")
        self.delete_button = QPushButton("Delete")
        for button, name in (
            (self.edit_button, "Edit teacher"),
            (self.archive_button, "Archive or restore teacher"),
            (self.delete_button, "Delete teacher"),
        ):
            button.setAccessibleName(name)
            buttons.addWidget(button)
        buttons.addStretch()
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
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
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
        layout.addWidget(heading("Observations", 1))
        layout.addWidget(muted("Observations with this teacher arrive in a coming version."))
        layout.addStretch()
        self.set_body(body)

    def _connect_signals(self) -> None:
        self.edit_button.clicked.connect(self.sig_edit_requested)
        self.archive_button.clicked.connect(self.sig_archive_requested)
        self.delete_button.clicked.connect(self.sig_delete_requested)
        self.start_cycle_button.clicked.connect(self.sig_start_cycle_requested)
        self.cycles_table.activated.connect(self._on_cycle_activated)

    def _on_cycle_activated(self, index) -> None:
        self.sig_open_cycle_requested.emit(index.data(CYCLE_ROW_ROLE).id)

    def show_cycles(self, cycles: list[CycleRow]) -> None:
        self.cycles_model.set_rows(cycles)
        self.cycles_table.setVisible(bool(cycles))
        self.no_cycles.setVisible(not cycles)
        shown = min(len(cycles), 6)
        header = self.cycles_table.horizontalHeader().sizeHint().height()
        row = self.cycles_table.verticalHeader().defaultSectionSize()
        self.cycles_table.setFixedHeight(header + shown * row + 4 if cycles else 0)
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
        self.notes.setText(teacher.notes or "No notes yet.")
        self.archive_button.setText("&Restore" if teacher.archived else "&Archive")
