"""Add or edit a teacher: saved at once, with inline messages for bad values."""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import CoachbookError
from app.services.errors import ChangedSinceOpened, ValidationError
from app.services.teachers import (
    DuplicateTeacher,
    TeacherForm,
    TeacherRow,
    clean_teacher_form,
    form_for,
    save_teacher,
)
from app.store import Store
from app.views.common import dialogs
from app.views.common.widgets import FieldMessage
from app.views.teachers.changed import AsksBeforeOverwriting

OPEN_EXISTING, ADD_SECOND = "Open it", "Add a second"
FIELDS = ("name", "school", "grades", "subjects", "room", "email", "years_experience")


class TeacherFormDialog(AsksBeforeOverwriting, QDialog):
    def __init__(
        self,
        store: Store,
        schools: list[str],
        teacher: TeacherRow | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._store = store
        self._teacher = teacher
        self._touched: set[str] = set()
        self.saved: TeacherRow | None = None
        # Set when the coach chose to open a teacher already in the notebook instead.
        self.open_instead: TeacherRow | None = None
        # Set when the teacher changed elsewhere and the coach kept that change.
        self._loaded_at = teacher.updated_at if teacher else None
        self.setWindowTitle("Edit teacher" if teacher else "Add a teacher")
        self.setMinimumWidth(460)
        self._build_layout(schools)
        self._load(form_for(teacher) if teacher else TeacherForm())
        self._connect_signals()

    def _build_layout(self, schools: list[str]) -> None:
        self.inputs: dict[str, QLineEdit] = {}
        self.messages: dict[str, FieldMessage] = {}
        form = QFormLayout()
        labels = {
            "name": "&Name",
            "school": "&School",
            "grades": "&Grades",
            "subjects": "S&ubjects",
            "room": "&Room",
            "email": "&Email",
            "years_experience": "&Years teaching",
        }
        hints = {
            "name": "Required",
            "grades": "K-12, e.g. K-2 or 9, 10",
            "subjects": "e.g. Science, ELA",
            "email": "name@school.org",
            "years_experience": "0-60",
        }
        for field in FIELDS:
            if field == "school":
                combo = QComboBox()
                combo.setEditable(True)
                combo.addItems(schools)
                combo.setCurrentIndex(-1)
                editor = combo.lineEdit()
                self.school_combo = combo
                widget = combo
            else:
                editor = QLineEdit()
                widget = editor
            editor.setPlaceholderText(hints.get(field, ""))
            editor.setAccessibleName(labels[field].replace("&", ""))
            self.inputs[field] = editor
            message = FieldMessage()
            self.messages[field] = message
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(message)
            label = QLabel(labels[field])
            label.setBuddy(widget)
            form.addRow(label, box)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Private notes")
        self.notes.setPlaceholderText("Private to you: never printed in a report.")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(90)
        notes_label = QLabel("N&otes")
        notes_label.setBuddy(self.notes)
        form.addRow(notes_label, self.notes)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        for field, editor in self.inputs.items():
            # Any change, typed, pasted or completed, rechecks: a fixed field clears at once.
            editor.textChanged.connect(lambda _text, f=field: self._on_edited(f))

    def _load(self, form: TeacherForm) -> None:
        for field in FIELDS:
            self.inputs[field].setText(getattr(form, field))
        self.notes.setPlainText(form.notes)

    def current_form(self) -> TeacherForm:
        values = {field: self.inputs[field].text() for field in FIELDS}
        return TeacherForm(**values, notes=self.notes.toPlainText())

    def _show_problems(self, problems: dict[str, str], only_touched: bool) -> None:
        for field, message in self.messages.items():
            shown = problems.get(field)
            if only_touched and field not in self._touched:
                shown = None
            message.show_message(shown)
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to what the wrapped messages need, so the buttons never cover the notes.

        A dialog's minimum size ignores height-for-width, which wrapped messages have."""
        layout = self.layout()
        layout.activate()
        needed = layout.heightForWidth(self.width())
        if self.screen() is not None:  # never taller than the screen (1024x600 included)
            needed = min(needed, self.screen().availableGeometry().height() - 40)
        needed = max(needed, layout.minimumSize().height())
        self.setMinimumHeight(needed)
        if self.height() < needed:
            self.resize(self.width(), needed)

    def _on_edited(self, field: str) -> None:
        self._touched.add(field)
        self._show_problems(clean_teacher_form(self.current_form()).problems, only_touched=True)

    def _on_save(self, allow_duplicate: bool = False) -> None:
        try:
            self.saved = save_teacher(
                self._store,
                self.current_form(),
                self._teacher.id if self._teacher else None,
                allow_duplicate=allow_duplicate,
                loaded_at=self._loaded_at,
            )
        except DuplicateTeacher as exc:
            self._on_duplicate(exc)
            return
        except ChangedSinceOpened as exc:
            self._settle_change(exc, lambda: self._on_save(allow_duplicate))
            return
        except ValidationError as exc:
            self._touched.update(exc.errors)
            self._show_problems(exc.errors, only_touched=False)
            self.inputs[next(f for f in FIELDS if f in exc.errors)].setFocus()
            return
        except CoachbookError as exc:
            dialogs.show_error(self, "Not saved", str(exc))
            return
        self.accept()

    def _on_duplicate(self, exc: DuplicateTeacher) -> None:
        choice = dialogs.choose(
            self, "Already in your notebook", str(exc), [OPEN_EXISTING, ADD_SECOND]
        )
        if choice == OPEN_EXISTING:
            self.open_instead = exc.existing
            self.accept()
        elif choice == ADD_SECOND:
            self._on_save(allow_duplicate=True)
