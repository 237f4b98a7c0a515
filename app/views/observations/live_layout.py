"""The live recorder's layout: large type, big targets, the keys on screen; fits 1024x600."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models import ActivityFormat
from app.services.observations import FORMAT_LABELS, MAX_STUDENTS
from app.views.common.qsettings import app_settings
from app.views.common.style import set_role
from app.views.common.widgets import heading, muted, rows_table
from app.views.observations.live_models import EvidenceNotesModel, LiveSweepsModel

SOUND_KEY = "observation/sound_at_marks"
FORMAT_KEYS = {
    Qt.Key.Key_W: ActivityFormat.WHOLE_GROUP,
    Qt.Key.Key_S: ActivityFormat.SMALL_GROUP,
    Qt.Key.Key_I: ActivityFormat.INDEPENDENT,
    Qt.Key.Key_T: ActivityFormat.TRANSITION,
}
KEY_HINTS = (
    "0–9 then Enter: save the sweep   ·   + / − : one more or fewer   ·   A: all on task   ·   "
    "↑ ↓ : students present   ·   W S I T: format   ·   N: sweep note   ·   E: evidence note   ·"
    "   P: pause   ·   Ctrl+Z: undo the last sweep   ·   Esc: back to the count"
)


def clock_text(seconds: int) -> str:
    """12:05, or 1:02:05 past the hour."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def big_font(widget: QWidget, scale: float, bold: bool = True) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    if bold:
        font.setWeight(QFont.Weight.DemiBold)
    font.setFeature(QFont.Tag("tnum"), 1)  # digits that don't jiggle as the clock runs
    return font


# The widest text each sweep column can hold: the columns fit it from the start, so "100%"
# never shows as "1…" (a column sized to its contents is not resized as rows come in).
WIDEST_SWEEP_TEXT = ("180", f"{MAX_STUDENTS} of {MAX_STUDENTS}", "100%", FORMAT_LABELS)


def fit_sweep_columns(table: QTableView) -> None:
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    # The style's text margin inside a cell (Qt's item views: focus frame margin + 1 a side).
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 4
    for column, widest in enumerate(WIDEST_SWEEP_TEXT):
        texts = widest.values() if isinstance(widest, dict) else [widest]
        width = max(metrics.horizontalAdvance(text) for text in texts) + margin
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, max(width, header.sectionSizeFromContents(column).width()))
    # The note takes what is left (a long one is cut, in full in its tooltip). The last
    # section never stretches below the size it had when stretching began: start it small.
    note = len(WIDEST_SWEEP_TEXT)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(note, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(note, header.minimumSectionSize())
    header.setStretchLastSection(True)


class LiveLayout(QWidget):
    """The recorder's widgets; `LiveRecorder` adds the behaviour."""

    def _build_layout(self) -> None:
        self.title = heading("", 4)
        self.title.setWordWrap(True)
        self.subtitle = muted("")
        self.subtitle.setWordWrap(True)
        self.pause_button = QPushButton("Pause (P)")
        self.pause_button.setAccessibleName("Pause or resume the observation")
        self.end_button = QPushButton("End lesson…")
        self.end_button.setAccessibleName("End the observation and see the summary")
        self.end_button.setToolTip("End the observation (Ctrl+E)")
        self.leave_button = QPushButton("Back to list")
        self.leave_button.setAccessibleName("Back to the list; the observation keeps running")
        self.leave_button.setToolTip(
            "The clock keeps running: open the observation again to go on recording."
        )
        for button in (self.pause_button, self.end_button, self.leave_button):
            button.setMinimumHeight(40)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        header_text = QVBoxLayout()
        header_text.setSpacing(0)
        header_text.addWidget(self.title)
        header_text.addWidget(self.subtitle)
        header = QHBoxLayout()
        header.addLayout(header_text, 1)
        header.addWidget(self.pause_button)
        header.addWidget(self.end_button)
        header.addWidget(self.leave_button)

        self.elapsed = QLabel("0:00")
        self.elapsed.setFont(big_font(self, 3.6))
        self.elapsed.setAccessibleName("Time elapsed")
        self.countdown = QLabel("5:00")
        self.countdown.setFont(big_font(self, 2.4, bold=False))
        self.countdown.setAccessibleName("Time to the next sweep")
        self.countdown_caption = muted("to the next sweep")
        self.countdown_caption.setWordWrap(False)
        clock = QGridLayout()
        clock.addWidget(self.elapsed, 0, 0)
        clock.addWidget(muted("elapsed"), 1, 0)
        clock.addWidget(self.countdown, 0, 1, Qt.AlignmentFlag.AlignBottom)
        clock.addWidget(self.countdown_caption, 1, 1)
        clock.setColumnStretch(2, 1)
        clock.setHorizontalSpacing(40)
        clock.setVerticalSpacing(0)

        self.prompt = QLabel("")
        self.prompt.setObjectName("sweepPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setFont(big_font(self, 1.25))
        self.prompt.setMinimumHeight(48)
        self.prompt.setContentsMargins(12, 6, 12, 6)
        self.prompt.setAccessibleName("Sweep prompt")
        self.missed = QLabel("")
        self.missed.setWordWrap(True)
        set_role(self.missed, "error")

        self.minus_button = QPushButton("−")
        self.plus_button = QPushButton("+")
        for button, name in ((self.minus_button, "One fewer"), (self.plus_button, "One more")):
            button.setFont(big_font(self, 2.0))
            button.setFixedSize(64, 64)
            button.setAccessibleName(f"{name} on task")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoRepeat(True)
        self.count = QLineEdit()
        self.count.setValidator(QIntValidator(0, MAX_STUDENTS, self.count))
        self.count.setMaxLength(3)
        self.count.setFont(big_font(self, 2.6))
        self.count.setFixedSize(132, 64)
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count.setPlaceholderText("–")
        self.count.setAccessibleName("Students on task")
        self.present = QSpinBox()
        self.present.setRange(0, MAX_STUDENTS)
        self.present.setFont(big_font(self, 1.6))
        self.present.setFixedHeight(56)
        self.present.setFixedWidth(110)
        self.present.setAccessibleName("Students present")
        self.present.setToolTip("Students in the room (↑ ↓ from the count)")
        of_label = QLabel("of")
        of_label.setFont(big_font(self, 1.4, bold=False))
        entry = QGridLayout()
        entry.setHorizontalSpacing(8)
        entry.setVerticalSpacing(0)
        entry.addWidget(self.minus_button, 0, 0)
        entry.addWidget(self.count, 0, 1)
        entry.addWidget(self.plus_button, 0, 2)
        entry.addWidget(of_label, 0, 3)
        entry.addWidget(self.present, 0, 4)
        for column, caption in ((1, "on task"), (4, "present")):
            label = muted(caption)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            entry.addWidget(label, 1, column)
        entry.setColumnStretch(5, 1)

        self.all_button = QPushButton("All on task (A)")
        self.save_button = QPushButton("Save sweep (Enter)")
        set_role(self.save_button, "primary")
        for button in (self.all_button, self.save_button):
            button.setMinimumHeight(48)
            button.setFont(big_font(self, 1.15))
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.all_button.setAccessibleName("All students on task")
        self.save_button.setAccessibleName("Save the sweep")
        self.entry_message = QLabel("")
        self.entry_message.setWordWrap(True)
        self.entry_message.setTextFormat(Qt.TextFormat.PlainText)
        actions = QHBoxLayout()
        actions.addWidget(self.all_button, 1)
        actions.addWidget(self.save_button, 2)

        self.format_group = QButtonGroup(self)
        self.format_group.setExclusive(False)  # a second press clears the format
        formats = QHBoxLayout()
        formats.setSpacing(4)
        self.format_buttons: dict[str, QPushButton] = {}
        for key, fmt in FORMAT_KEYS.items():
            letter = chr(key.value)
            button = QPushButton(f"{FORMAT_LABELS[fmt]} ({letter})")
            button.setCheckable(True)
            button.setMinimumHeight(40)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setAccessibleName(f"Format: {FORMAT_LABELS[fmt]}")
            set_role(button, "toggle")
            self.format_group.addButton(button)
            self.format_buttons[fmt.value] = button
            formats.addWidget(button)
        self.sweep_note = QLineEdit()
        self.sweep_note.setPlaceholderText("Note for this sweep (N), saved with it")
        self.sweep_note.setAccessibleName("Note for this sweep")
        self.sweep_note.setMinimumHeight(34)

        left = QVBoxLayout()
        left.setSpacing(8)
        left.addLayout(clock)
        left.addWidget(self.prompt)
        left.addWidget(self.missed)
        left.addLayout(entry)
        left.addLayout(actions)
        left.addWidget(self.entry_message)
        left.addLayout(formats)
        left.addWidget(self.sweep_note)
        left.addStretch()

        self.sweeps_model = LiveSweepsModel(self)
        self.sweeps_table = rows_table(self.sweeps_model, "Sweeps so far")
        self.notes_model = EvidenceNotesModel(self)
        self.notes_table = rows_table(self.notes_model, "Evidence notes")
        for table in (self.sweeps_table, self.notes_table):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setStretchLastSection(True)
        fit_sweep_columns(self.sweeps_table)
        self.evidence = QLineEdit()
        self.evidence.setPlaceholderText("Evidence note (E): what you see, Enter saves it")
        self.evidence.setAccessibleName("Evidence note")
        self.evidence.setMinimumHeight(34)
        self.sound = QCheckBox("Soft sound at each sweep mark")
        self.sound.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.sound.setChecked(app_settings().value(SOUND_KEY, False, type=bool))
        right = QVBoxLayout()
        right.setSpacing(6)
        right.addWidget(heading("Sweeps", 1))
        right.addWidget(self.sweeps_table, 3)
        right.addWidget(heading("Evidence notes", 1))
        right.addWidget(self.evidence)
        right.addWidget(self.notes_table, 2)
        right.addWidget(self.sound)

        body = QHBoxLayout()
        body.setSpacing(20)
        body.addLayout(left, 3)
        body.addLayout(right, 2)

        self.hints = muted(KEY_HINTS)
        self.hints.setAccessibleName("Keys")
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 6)
        layout.addLayout(header)
        layout.addLayout(body, 1)
        layout.addWidget(line)
        layout.addWidget(self.hints)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
