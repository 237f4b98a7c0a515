"""Add or edit a pilot: the tool, what it is for, when it runs, its cost, and who pilots it."""

import uuid
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.models.pilots import MAX_LENGTH_WEEKS
from app.services.errors import ValidationError
from app.services.pilots import (
    PilotForm,
    create_pilot,
    enrol_teacher,
    unenrol_teacher,
    update_pilot,
)
from app.services.pilots.record import validate_pilot
from app.services.teachers import TeacherRow
from app.store import Store
from app.views.common import dialogs
from app.views.common.saving import saved, show_field_messages
from app.views.common.style import set_role
from app.views.common.widgets import DayDateEdit, FieldMessage, heading, muted
from app.views.cycles.start_dialog import to_qdate
from app.views.pilots.number_fields import CountBox, OptionalNumberEdit
from app.views.teachers.changed import KEEP_THEIRS, KEEP_YOURS

CHANGED_TITLE = "This pilot was changed since you opened the form"
FIELDS = ("tool", "start_date", "length_weeks", "cost_per_student", "licences", "teachers")


class PilotDialog(QDialog):
    def __init__(
        self,
        store: Store,
        teachers: list[TeacherRow],
        today: date,
        now,
        *,
        pilot_id: uuid.UUID | None = None,
        form: PilotForm | None = None,
        enrolled: set[uuid.UUID] = frozenset(),
        opened_at: datetime | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self._store = store
        self._now = now
        self.pilot_id = pilot_id
        # The pilot's updated_at when the form was filled: a save after a change elsewhere asks.
        self._opened_at = opened_at
        self.kept_theirs = False
        self._enrolled = set(enrolled)
        self.setWindowTitle("Edit the pilot" if pilot_id else "New pilot")
        self.setMinimumWidth(540)
        self._build_layout(teachers, today)
        self._connect_signals()
        self._load(form or PilotForm(start_date=today))

    def _build_layout(self, teachers: list[TeacherRow], today: date) -> None:
        self.tool = QLineEdit()
        self.tool.setPlaceholderText("e.g. Nearpod")
        self.vendor = QLineEdit()
        self.objective = QPlainTextEdit()
        self.objective.setPlaceholderText("The learning objective the tool serves")
        self.objective.setFixedHeight(60)
        self.standards = QLineEdit()
        self.standards.setPlaceholderText("e.g. CCSS.MATH.5.NF.B.3, NGSS MS-LS1-6")
        self.start = DayDateEdit(to_qdate(today))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("ddd MMM d, yyyy")
        self.has_start = QCheckBox("Start date set")
        self.has_start.setChecked(True)
        self.weeks = CountBox(1, MAX_LENGTH_WEEKS)
        self.weeks.setSuffix(" weeks")
        self.cost = OptionalNumberEdit(decimals=2)
        self.cost.setPlaceholderText("Not known yet")
        self.licences = OptionalNumberEdit()
        self.licences.setPlaceholderText("Not known yet")
        self.teacher_filter = QLineEdit()
        self.teacher_filter.setPlaceholderText("Filter teachers")
        self.teacher_filter.setClearButtonEnabled(True)
        self.teacher_list = QListWidget()
        self.teacher_list.setAccessibleName("Enrolled teachers")
        self.teacher_list.setFixedHeight(150)
        for row in sorted(teachers, key=lambda t: t.name.casefold()):
            if row.archived and row.id not in self._enrolled:
                continue
            item = QListWidgetItem(f"{row.name} — {row.school}" if row.school else row.name)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = row.id in self._enrolled
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.teacher_list.addItem(item)
        self.enrolled_count = muted("")
        for widget, name in (
            (self.tool, "Tool"),
            (self.vendor, "Vendor"),
            (self.objective, "Learning objective"),
            (self.standards, "Standards alignment"),
            (self.start, "Start date"),
            (self.weeks, "Length in weeks"),
            (self.cost, "Cost per student a year"),
            (self.licences, "Licences"),
        ):
            widget.setAccessibleName(name)
        self.messages = {key: FieldMessage() for key in FIELDS}

        form = QFormLayout()
        form.addRow("&Tool", self.tool)
        form.addRow("", self.messages["tool"])
        form.addRow("&Vendor", self.vendor)
        form.addRow("&Objective", self.objective)
        form.addRow("St&andards", self.standards)
        form.addRow("&Starts", self.start)
        form.addRow("", self.has_start)
        form.addRow("", self.messages["start_date"])
        form.addRow("&Length", self.weeks)
        form.addRow("", self.messages["length_weeks"])
        cost_label = QLabel("&Cost")
        cost_label.setBuddy(self.cost)
        cost_row = QHBoxLayout()
        cost_row.addWidget(self.cost, 1)
        cost_row.addWidget(QLabel("dollars per student a year"))
        form.addRow(cost_label, cost_row)
        form.addRow("", self.messages["cost_per_student"])
        form.addRow("L&icences", self.licences)
        form.addRow("", self.messages["licences"])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(
            "Save" if self.pilot_id else "Add pilot", QDialogButtonBox.ButtonRole.AcceptRole
        )
        set_role(self.save_button, "primary")
        fields = QWidget()
        inner = QVBoxLayout(fields)
        inner.setContentsMargins(0, 0, 8, 0)
        inner.addLayout(form)
        inner.addWidget(heading("Teachers piloting it", 1))
        inner.addWidget(muted("Usually three volunteers. Tick each teacher who will use it."))
        inner.addWidget(self.teacher_filter)
        inner.addWidget(self.teacher_list)
        inner.addWidget(self.enrolled_count)
        inner.addWidget(self.messages["teachers"])
        inner.addStretch()
        # The fields scroll and the buttons stay in view, messages or not, on a 600 px screen.
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(fields)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle(), 3))
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.buttons)
        self.save_button.setDefault(True)
        self._fit_screen(fields)

    def _fit_screen(self, fields: QWidget) -> None:
        """As tall as the fields need, but never taller than the screen's free height."""
        screen = self.screen().availableGeometry() if self.screen() else None
        room = (screen.height() if screen else 600) - 60  # the title bar and a margin
        wanted = fields.sizeHint().height() + 120  # the heading, buttons and margins
        self.resize(max(self.minimumWidth(), fields.sizeHint().width() + 40), min(wanted, room))
        self.setMaximumHeight(max(room, 300))

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self.has_start.toggled.connect(self.start.setEnabled)
        self.teacher_filter.textChanged.connect(self._on_filter)
        self.teacher_list.itemChanged.connect(lambda _item: self._count_enrolled())

    def _load(self, form: PilotForm) -> None:
        self.tool.setText(form.tool)
        self.vendor.setText(form.vendor)
        self.objective.setPlainText(form.learning_objective)
        self.standards.setText(form.standards)
        self.has_start.setChecked(form.start_date is not None)
        if form.start_date is not None:
            self.start.setDate(to_qdate(form.start_date))
        self.weeks.setValue(form.length_weeks)
        self.cost.set_number(form.cost_per_student)
        self.licences.set_number(form.licences)
        self._count_enrolled()

    def _on_filter(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.teacher_list.count()):
            item = self.teacher_list.item(row)
            item.setHidden(not all(w in item.text().casefold() for w in words))

    def chosen_teachers(self) -> set[uuid.UUID]:
        chosen = set()
        for row in range(self.teacher_list.count()):
            item = self.teacher_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.add(item.data(Qt.ItemDataRole.UserRole))
        return chosen

    def _count_enrolled(self) -> None:
        count = len(self.chosen_teachers())
        self.enrolled_count.setText(
            "No teacher enrolled yet." if not count else f"{count} enrolled."
        )

    def current_form(self) -> PilotForm:
        """The form as typed; ValidationError when a number field holds no number."""
        numbers, problems = {}, {}
        for key, field, what in (
            ("cost_per_student", self.cost, "the cost per student a year, like 3.50"),
            ("licences", self.licences, "the number of licences, like 90"),
        ):
            try:
                numbers[key] = field.number()
            except ValueError:
                numbers[key] = None
                problems[key] = f"Type {what}, or leave it empty if you don't know it yet."
        form = PilotForm(
            tool=self.tool.text(),
            vendor=self.vendor.text(),
            learning_objective=self.objective.toPlainText(),
            standards=self.standards.text(),
            start_date=self.start.date().toPython() if self.has_start.isChecked() else None,
            length_weeks=self.weeks.value(),
            **numbers,
        )
        if problems:
            # Every message at once, the service's rules for the other fields included.
            raise ValidationError(validate_pilot(form) | problems)
        return form

    def _on_save(self) -> None:
        if saved(
            self,
            self._write,
            invalid=lambda exc: show_field_messages(self.messages, exc),
            changed=lambda exc: self._on_changed_since(str(exc)),
        ):
            self.accept()

    def _write(self) -> None:
        chosen = self.chosen_teachers()
        form = self.current_form()
        if self.pilot_id is None:
            self.pilot_id = create_pilot(self._store, form, sorted(chosen))
        else:
            update_pilot(self._store, self.pilot_id, form, opened_at=self._opened_at)
            for teacher_id in chosen - self._enrolled:
                enrol_teacher(self._store, self.pilot_id, teacher_id)
            for teacher_id in self._enrolled - chosen:
                unenrol_teacher(self._store, self.pilot_id, teacher_id, self._now())

    def _on_changed_since(self, text: str) -> None:
        choice = dialogs.choose(self, CHANGED_TITLE, text, [KEEP_THEIRS, KEEP_YOURS])
        if choice == KEEP_YOURS:
            self._opened_at = None
            self._on_save()
        elif choice == KEEP_THEIRS:
            self.kept_theirs = True
            self.accept()
