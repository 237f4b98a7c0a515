"""Log or edit a PD session or an informal contact: saved at once, inline messages."""

import uuid
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.models import ActivityKind
from app.services.activities import ActivityInput, ActivityRow, save_activity, validate_activity
from app.services.errors import ValidationError
from app.services.teachers import TeacherRow
from app.store import Store
from app.views.activity.count_box import CountBox
from app.views.common import dialogs
from app.views.common.saving import saved
from app.views.common.table_model import collation_key
from app.views.common.widgets import DayDateEdit, FieldMessage, select_data
from app.views.teachers.changed import AsksBeforeOverwriting

PD, CONTACT = ActivityKind.PD_SESSION.value, ActivityKind.INFORMAL_CONTACT.value
FIELDS = ("occurred_on", "topic", "teacher", "audience", "minutes", "attendees", "feedback_score")
DEFAULT_MINUTES = {PD: 60, CONTACT: 10}
# The spin boxes show their special text at the minimum, which the form reads as "none".
NO_SCORE = 0.9
NOT_COUNTED = 0

# What each field is called for each kind: (label with mnemonic, placeholder).
WORDING = {
    PD: {
        "topic": ("&Topic", "e.g. Formative checks with Pear Deck"),
        "audience": ("&Audience", "e.g. Grade 3 team, Whole staff"),
    },
    CONTACT: {
        "topic": ("What was &asked", "e.g. Casting a Chromebook to the projector"),
        "audience": ("Or a &group", "e.g. Open drop-in before school"),
    },
}


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ActivityFormDialog(AsksBeforeOverwriting, QDialog):
    def __init__(
        self,
        store: Store,
        teachers: list[TeacherRow],
        today: date,
        kind: str = PD,
        activity: ActivityRow | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._store = store
        self._activity = activity
        self._checked_once = False
        self.saved: uuid.UUID | None = None
        self._loaded_at = activity.updated_at if activity else None
        self.setMinimumWidth(500)
        self._build_layout(teachers, activity)
        self._connect_signals()
        self._load(activity, kind, today)
        self.topic.setFocus()  # the date starts at today, so the topic is the first thing to type

    def _build_layout(self, teachers: list[TeacherRow], activity: ActivityRow | None) -> None:
        self.pd_radio = QRadioButton("PD sess&ion")
        self.pd_radio.setAccessibleName("PD session")
        self.contact_radio = QRadioButton("Informal &contact")
        self.contact_radio.setAccessibleName("Informal contact")
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.pd_radio)
        self.kind_group.addButton(self.contact_radio)
        kinds = QHBoxLayout()
        kinds.setContentsMargins(0, 0, 0, 0)
        kinds.addWidget(self.pd_radio)
        kinds.addSpacing(12)
        kinds.addWidget(self.contact_radio)
        kinds.addStretch()
        kind_box = QWidget()
        kind_box.setLayout(kinds)
        kind_box.setAccessibleName("Kind of activity")

        self.occurred_on = DayDateEdit()
        self.occurred_on.setCalendarPopup(True)
        self.occurred_on.setDisplayFormat("ddd MMM d, yyyy")
        self.occurred_on.setAccessibleName("Date")
        self.topic = QLineEdit()
        self.audience = QLineEdit()
        self.teacher = self._teacher_combo(teachers, activity)
        self.minutes = CountBox(24 * 60)
        self.minutes.setSingleStep(5)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Minutes")
        self.attendees = CountBox(10_000, floor=NOT_COUNTED, none_text="Not counted")
        self.attendees.setAccessibleName("Attendees")
        self.feedback = QDoubleSpinBox()
        self.feedback.setRange(NO_SCORE, 5.0)
        self.feedback.setDecimals(1)
        self.feedback.setSingleStep(0.1)
        self.feedback.setSpecialValueText("No score")
        self.feedback.setSuffix(" / 5")
        self.feedback.setAccessibleName("Feedback score, 1 to 5")
        self.feedback.setToolTip("The mean of the participants' ratings, 1 to 5")
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Private note")
        self.notes.setPlaceholderText("Private to you: never printed in a report.")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(80)

        self.messages = {field: FieldMessage() for field in FIELDS}
        self.labels: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.form.addRow("Kind", kind_box)
        for field, label, widget in (
            ("occurred_on", "&Date", self.occurred_on),
            ("topic", "&Topic", self.topic),
            ("teacher", "T&eacher", self.teacher),
            ("audience", "&Audience", self.audience),
            ("minutes", "&Minutes", self.minutes),
            ("attendees", "Atte&ndees", self.attendees),
            ("feedback_score", "&Feedback", self.feedback),
        ):
            self.labels[field] = self._add_row(field, label, widget)
        self.labels["notes"] = self._add_row(None, "Private n&ote", self.notes)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(self.form, 1)
        layout.addWidget(self.buttons)

    def _add_row(self, field: str | None, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        if field is None:
            self.form.addRow(label, widget)
            return label
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(self.messages[field])
        self.form.addRow(label, box)
        return label

    @staticmethod
    def _teacher_combo(teachers: list[TeacherRow], activity: ActivityRow | None) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setAccessibleName("Teacher")
        combo.setMaxVisibleItems(12)
        shown = sorted((t for t in teachers if not t.archived), key=lambda t: collation_key(t.name))
        # An archived teacher already on this activity stays pickable, so editing keeps them.
        if activity and activity.teacher_id and all(t.id != activity.teacher_id for t in shown):
            shown.append(next((t for t in teachers if t.id == activity.teacher_id), None))
        for teacher in filter(None, shown):
            combo.addItem(teacher.name, teacher.id)
        completer = combo.completer()
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        combo.lineEdit().setPlaceholderText("Type or pick a name from your roster")
        combo.setCurrentIndex(-1)
        return combo

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self.kind_group.buttonToggled.connect(self._on_kind_toggled)
        for editor in (self.topic, self.audience, self.teacher.lineEdit()):
            editor.textEdited.connect(self._on_edited)
        self.teacher.currentIndexChanged.connect(self._on_edited)
        for box in (self.minutes, self.attendees, self.feedback):
            box.valueChanged.connect(self._on_edited)
        self.occurred_on.dateChanged.connect(self._on_edited)

    def _load(self, activity: ActivityRow | None, kind: str, today: date) -> None:
        if activity is None:
            self.occurred_on.setDate(to_qdate(today))
            self.minutes.setValue(DEFAULT_MINUTES.get(kind, 0))
            self.attendees.setValue(1 if kind == CONTACT else NOT_COUNTED)
            self.feedback.setValue(NO_SCORE)
        else:
            kind = activity.kind
            self.occurred_on.setDate(to_qdate(activity.occurred_on))
            self.topic.setText(activity.topic)
            self.audience.setText(activity.audience)
            if activity.teacher_id is not None:
                select_data(self.teacher, activity.teacher_id, fallback=-1)
            self.minutes.setValue(activity.minutes)
            self.attendees.setValue(activity.attendees or NOT_COUNTED)
            self.feedback.setValue(activity.feedback_score or NO_SCORE)
            self.notes.setPlainText(activity.notes)
        (self.contact_radio if kind == CONTACT else self.pd_radio).setChecked(True)
        self._apply_kind(kind)

    def kind(self) -> str:
        return CONTACT if self.contact_radio.isChecked() else PD

    def _apply_kind(self, kind: str) -> None:
        """Show the fields that fit the kind, worded for it."""
        is_contact = kind == CONTACT
        editing = self._activity is not None
        if is_contact:
            title = "Edit informal contact" if editing else "Log an informal contact"
        else:
            title = "Edit PD session" if editing else "Log a PD session"
        self.setWindowTitle(title)
        for field, editor in (("topic", self.topic), ("audience", self.audience)):
            label, hint = WORDING[kind][field]
            self.labels[field].setText(label)
            editor.setAccessibleName(label.replace("&", ""))
            editor.setPlaceholderText(hint)
        self.form.setRowVisible(self.labels["teacher"], is_contact)
        self.form.setRowVisible(self.labels["feedback_score"], not is_contact)
        self.labels["attendees"].setText("&People" if is_contact else "Atte&ndees")
        self.attendees.setAccessibleName("People" if is_contact else "Attendees")
        # Showing a row shows its hidden message too, so messages are set again after.
        self._show_problems(self._problems() if self._checked_once else {})

    def current_input(self) -> ActivityInput:
        """What the form holds, as the service takes it; hidden fields count as empty."""
        kind = self.kind()
        qdate = self.occurred_on.date()
        attendees = self.attendees.value()
        feedback = self.feedback.value()
        return ActivityInput(
            kind=kind,
            occurred_on=date(qdate.year(), qdate.month(), qdate.day()),
            topic=self.topic.text(),
            audience=self.audience.text(),
            teacher_id=self._teacher_id() if kind == CONTACT else None,
            minutes=self.minutes.value(),
            attendees=None if attendees == NOT_COUNTED else attendees,
            feedback_score=None if kind == CONTACT or feedback <= NO_SCORE else feedback,
            notes=self.notes.toPlainText(),
        )

    def _teacher_id(self) -> uuid.UUID | None:
        text = self.teacher.currentText().strip()
        if not text:
            return None
        index = self.teacher.currentIndex()
        if index < 0 or self.teacher.itemText(index).casefold() != text.casefold():
            index = self.teacher.findText(text, Qt.MatchFlag.MatchFixedString)
        return self.teacher.itemData(index) if index >= 0 else None

    def _problems(self) -> dict[str, str]:
        entry = self.current_input()
        problems = validate_activity(entry)
        typed = self.teacher.currentText().strip()
        if entry.kind == CONTACT and typed and entry.teacher_id is None:
            problems["teacher"] = (
                f"“{typed}” isn't on your roster. Pick a name from the list, "
                "or write the group below."
            )
            problems.pop("audience", None)
        return problems

    def _show_problems(self, problems: dict[str, str]) -> None:
        for field, message in self.messages.items():
            message.show_message(problems.get(field))

    def _on_kind_toggled(self, _button, checked: bool) -> None:
        if not checked:
            return
        kind = self.kind()
        other = CONTACT if kind == PD else PD
        # A default minutes value follows the kind; one the coach chose stays.
        if self._activity is None and self.minutes.value() == DEFAULT_MINUTES[other]:
            self.minutes.setValue(DEFAULT_MINUTES[kind])
        self._apply_kind(kind)

    def _on_edited(self, *_args) -> None:
        # Messages appear on Save, then follow the typing so a fixed field clears at once.
        if self._checked_once:
            self._show_problems(self._problems())

    def _on_save(self) -> None:
        self._checked_once = True
        problems = self._problems()
        if problems:
            self._show_problems(problems)
            self._focus_first(problems)
            return
        self._show_problems({})
        entry = self.current_input()
        if (
            entry.kind == PD
            and entry.minutes == 0
            and not dialogs.confirm(
                self,
                "A PD session of 0 minutes?",
                "This PD session has 0 minutes, so it adds nothing to your PD hours. "
                "Save it anyway, or go back and type how long it ran?",
                "Save anyway",
            )
        ):
            self.minutes.setFocus()
            self.minutes.selectAll()
            return
        self._save(entry)

    def _save(self, entry: ActivityInput) -> None:
        def write() -> None:
            self.saved = save_activity(
                self._store,
                entry,
                self._activity.id if self._activity else None,
                loaded_at=self._loaded_at,
            )

        if saved(
            self,
            write,
            invalid=self._on_invalid,
            changed=lambda exc: self._settle_change(exc, lambda: self._save(entry)),
        ):
            self.accept()

    def _on_invalid(self, exc: ValidationError) -> None:
        self._show_problems(exc.errors)
        self._focus_first(exc.errors)

    def _focus_first(self, problems: dict[str, str]) -> None:
        widgets = {
            "occurred_on": self.occurred_on,
            "topic": self.topic,
            "teacher": self.teacher,
            "audience": self.teacher if self.kind() == CONTACT else self.audience,
            "minutes": self.minutes,
            "attendees": self.attendees,
            "feedback_score": self.feedback,
        }
        first = next((f for f in FIELDS if f in problems), None)
        if first is not None:
            widgets[first].setFocus()
