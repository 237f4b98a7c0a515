"""The Sunset tab: start a tool's 30-day notice, tick off its steps, copy the notice to
teachers, and see when and why it left the inventory."""

from datetime import timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.models.tools import SUNSET_NOTICE_DAYS
from app.services.profile import get_profile
from app.services.tools import (
    SUNSET_STEPS,
    SunsetChange,
    ToolRow,
    cancel_sunset,
    get_tool_row,
    notice_ends_on,
    notice_text,
    restore_sunset,
    set_archive_place,
    start_sunset,
    tick_step,
    untick_step,
)
from app.text import full_date, weekday_full_date
from app.views.common import dialogs
from app.views.common.context import ScreenContext, TakesContext
from app.views.common.detail_pane import read_or_none
from app.views.common.operations import UndoSteps, write_op
from app.views.common.style import set_role
from app.views.common.widgets import heading, muted

STEPS_IN_WORDS = "; ".join(label[:1].lower() + label[1:] for _key, label in SUNSET_STEPS)


def days_words(days: int) -> str:
    return f"{days} day{'s' if days != 1 else ''}"


def left_text(row: ToolRow) -> str:
    """When and why a tool left the inventory."""
    name, state = row.tool.name, row.sunset
    if state is None:
        when = f" on {full_date(row.tool.retired_on)}" if row.tool.retired_on else ""
        return f"{name} was marked retired{when}: it has left the inventory."
    when = f" on {weekday_full_date(state.left_on)}" if state.left_on else ""
    if not state.all_ticked:
        return (
            f"{name} was marked retired{when}, during its sunset notice (which started on "
            f"{full_date(state.notice_date)}): it has left the inventory."
        )
    notice = (
        f"its {SUNSET_NOTICE_DAYS}-day notice to teachers, which started on "
        f"{full_date(state.notice_date)}, ended on {full_date(state.notice_ends_on)}"
    )
    last_tick = max(step.done_on for step in state.steps)
    if last_tick > state.notice_ends_on:
        return f"{name} left the inventory{when}: {notice}, and its last step was ticked then."
    return f"{name} left the inventory{when}: {notice}, with every step ticked."


def notice_state_text(row: ToolRow) -> str:
    state = row.sunset
    ends = weekday_full_date(state.notice_ends_on)
    if state.notice_ended:
        waiting = len(state.steps) - state.ticked
        return (
            f"The notice ended on {ends}. {row.tool.name} leaves the inventory when the "
            f"last {'step is' if waiting == 1 else f'{waiting} steps are'} ticked."
        )
    leaves = (
        f"{row.tool.name} leaves the inventory on {weekday_full_date(state.leaves_on)}."
        if state.leaves_on is not None
        else f"{row.tool.name} leaves the inventory once the notice has ended and every "
        "step is ticked."
    )
    return f"The notice started on {full_date(state.notice_date)} and ends on {ends}. {leaves}"


class SunsetTab(TakesContext, QWidget):
    sig_changed = Signal(str)

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(parent)
        self._take_context(context)
        self.row: ToolRow | None = None
        self._showing = False  # while filled for a tool, a field's edits are not the coach's
        self._build_layout()
        self._connect_signals()
        self.show_tool(None)

    def _build_layout(self) -> None:
        self.state = heading("", 3)
        self.state.setWordWrap(True)
        self.explain = QLabel("")
        self.explain.setWordWrap(True)
        self.explain.setTextFormat(Qt.TextFormat.PlainText)

        # In use: how a sunset goes, and the button that starts one.
        self.start_part = QWidget()
        start = QVBoxLayout(self.start_part)
        start.setContentsMargins(0, 0, 0, 0)
        start.addWidget(
            muted(
                f"Sunsetting gives the tool's teachers {SUNSET_NOTICE_DAYS} days' notice. "
                f"Meanwhile you tick off the steps: {STEPS_IN_WORDS}. The tool leaves the "
                "inventory once the notice has ended and every step is ticked."
            )
        )
        self.start_button = QPushButton("Start the sunset…")
        self.start_button.setAccessibleName("Start the sunset")
        set_role(self.start_button, "primary")
        start.addLayout(_left_aligned(self.start_button))

        # During the notice: the steps, the archive place, the notice text.
        self.notice_part = QWidget()
        notice = QVBoxLayout(self.notice_part)
        notice.setContentsMargins(0, 0, 0, 0)
        notice.addWidget(heading("Steps", 1))
        # Each step's day sits under its box, so the tab fits the narrow pane beside the list.
        self.step_boxes: dict[str, QCheckBox] = {}
        self.step_days: dict[str, QLabel] = {}
        for key, label in SUNSET_STEPS:
            box = QCheckBox(label)
            box.setAccessibleName(label)
            day = muted("")
            day.setAccessibleName(f"{label}: ticked on")
            style = box.style()
            indent = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + style.pixelMetric(
                QStyle.PixelMetric.PM_CheckBoxLabelSpacing
            )
            day.setContentsMargins(indent, 0, 0, 4)
            self.step_boxes[key], self.step_days[key] = box, day
            notice.addWidget(box)
            notice.addWidget(day)
        notice.addSpacing(6)
        place_label = QLabel("Students' work &archived to")
        self.archive_place = QLineEdit()
        self.archive_place.setAccessibleName("Where students' work is archived")
        self.archive_place.setPlaceholderText("A folder or link on the district's drive")
        self.archive_place.setToolTip(
            "Where students' work goes, e.g. District Drive › Retired tools › the tool's name. "
            "Press Enter to save it; the notice to teachers says it."
        )
        place_label.setBuddy(self.archive_place)
        notice.addWidget(place_label)
        notice.addWidget(self.archive_place)
        notice.addSpacing(6)
        notice.addWidget(heading("The notice to teachers", 1))
        notice.addWidget(muted("Copy it into an email to the tool's teachers."))
        self.notice_text = QPlainTextEdit()
        self.notice_text.setReadOnly(True)
        self.notice_text.setAccessibleName("The notice to teachers")
        self.notice_text.setMinimumHeight(150)
        notice.addWidget(self.notice_text)
        self.copy_button = QPushButton("&Copy the notice")
        self.stop_button = QPushButton("Stop the sunset…")
        self.stop_button.setAccessibleName("Stop the sunset")
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addStretch()
        buttons.addWidget(self.stop_button)
        notice.addLayout(buttons)

        # After it left: the steps and their days, read only.
        self.left_part = QLabel("")
        self.left_part.setWordWrap(True)
        self.left_part.setTextFormat(Qt.TextFormat.PlainText)
        self.left_part.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.explain)
        layout.addSpacing(6)
        for part in (self.start_part, self.notice_part, self.left_part):
            layout.addWidget(part)
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        self.start_button.clicked.connect(self._on_start)
        for key, box in self.step_boxes.items():
            box.clicked.connect(lambda checked, key=key: self._on_step(key, checked))
        self.archive_place.editingFinished.connect(self._on_archive_place)
        self.copy_button.clicked.connect(self._on_copy)
        self.stop_button.clicked.connect(self._on_stop)

    # Showing -----------------------------------------------------------------------------

    def show_tool(self, row: ToolRow | None) -> None:
        same_tool = row is not None and self.row is not None and row.id == self.row.id
        # A place being typed for this same tool stays in its field while the rest redraws.
        typed = self.archive_place.text() if same_tool and self.archive_place.hasFocus() else None
        self.row = row
        self._showing = True
        try:
            shown = self._fill(row, typed)
            for part in (self.start_part, self.notice_part, self.left_part):
                # Only what changes is hidden, so a field being typed in keeps its focus.
                part.setVisible(part is shown)
        finally:
            self._showing = False

    def _fill(self, row: ToolRow | None, typed: str | None) -> QWidget | None:
        """Fill the words for `row`; returns the part to show."""
        self.setEnabled(row is not None)
        if row is None:
            self.state.setText("")
            self.explain.setText("Choose a tool to see its sunset.")
            return None
        name, state = row.tool.name, row.sunset
        if not row.in_inventory:
            self.state.setText("Left the inventory")
            self.explain.setText(left_text(row))
            self.left_part.setText(self._steps_done_text(row))
            return self.left_part if state is not None else None
        if state is None:
            self.state.setText("In use")
            self.explain.setText(f"{name} is in the inventory, with no sunset under way.")
            return self.start_part
        self.state.setText(
            "Notice ended" if state.notice_ended else f"{days_words(state.days_left)} left"
        )
        self.explain.setText(notice_state_text(row))
        for step in state.steps:
            self.step_boxes[step.key].setChecked(step.done_on is not None)
            self.step_days[step.key].setText(
                f"Ticked on {full_date(step.done_on)}" if step.done_on else "Not ticked yet"
            )
        self.archive_place.setText(state.archive_place if typed is None else typed)
        self.notice_text.setPlainText(notice_text(row.tool, state, get_profile(self._store)))
        return self.notice_part

    @staticmethod
    def _steps_done_text(row: ToolRow) -> str:
        state = row.sunset
        if state is None:
            return ""
        lines = [
            f"• {step.label}: "
            + (f"ticked on {full_date(step.done_on)}" if step.done_on else "not ticked")
            for step in state.steps
        ]
        if state.archive_place:
            lines.append(f"Students' work was archived to {state.archive_place}.")
        return "\n".join(lines)

    def _refresh(self) -> None:
        """Read the tool again, in the inventory or not (the last tick can take it out)."""
        tool_id = self.row.id if self.row is not None else None
        self.show_tool(read_or_none(lambda i: get_tool_row(self._store, i, self._today()), tool_id))

    # Writing -----------------------------------------------------------------------------

    def _write(self, write, failure: str, status, text: str) -> bool:
        """Run one sunset write with its undo: each puts the sunset's columns back."""
        if self.row is None:
            return False
        tool_id = self.row.id
        change: list[SunsetChange] = []

        def run() -> SunsetChange:
            change.append(write(tool_id))
            return change[0]

        return write_op(
            self._context,
            self,
            write=run,
            failure=failure,
            status=status,
            undo=UndoSteps(
                text,
                undo=lambda: restore_sunset(self._store, tool_id, change[0].before),
                redo=lambda: restore_sunset(self._store, tool_id, change[0].after),
            ),
            refresh=self._refresh,
            done=self.sig_changed.emit,
        )

    def _on_start(self) -> None:
        if self.row is None:
            return
        name, today = self.row.tool.name, self._today()
        ends = notice_ends_on(today)
        if not dialogs.confirm(
            self,
            f"Start the sunset of {name}?",
            f"Teachers get {SUNSET_NOTICE_DAYS} days' notice from today: they can use {name} "
            f"until {weekday_full_date(ends - timedelta(days=1))}, and the notice ends on "
            f"{weekday_full_date(ends)}. {name} leaves the inventory once the notice has ended "
            "and every step is ticked.",
            "Start the sunset",
        ):
            return
        self._write(
            lambda tool_id: start_sunset(self._store, tool_id, today),
            "The sunset was not started",
            f"Started the sunset of {name}: the notice ends on {full_date(ends)}.",
            f"Start the sunset of {name}",
        )

    def _on_step(self, key: str, checked: bool) -> None:
        if self.row is None:
            return
        label, name, today = dict(SUNSET_STEPS)[key], self.row.tool.name, self._today()
        if checked:

            def status(change: SunsetChange) -> str:
                if change.retired:
                    return f"Ticked “{label}”: {name} has left the inventory."
                return f"Ticked “{label}” for {name}."

            self._write(
                lambda tool_id: tick_step(self._store, tool_id, key, today),
                "Not ticked",
                status,
                f"Tick “{label}” for {name}",
            )
        else:
            self._write(
                lambda tool_id: untick_step(self._store, tool_id, key, today),
                "Not unticked",
                f"Unticked “{label}” for {name}.",
                f"Untick “{label}” for {name}",
            )

    def _on_archive_place(self) -> None:
        row = self.row
        if self._showing or row is None or row.sunset is None or not row.in_inventory:
            return
        place = self.archive_place.text()
        if " ".join(place.split()) == row.sunset.archive_place:
            return
        name = row.tool.name
        self._write(
            lambda tool_id: set_archive_place(self._store, tool_id, place, self._today()),
            "The place was not saved",
            f"Saved where {name}'s students' work is archived.",
            f"Change where {name}'s students' work is archived",
        )

    def _on_copy(self) -> None:
        QGuiApplication.clipboard().setText(self.notice_text.toPlainText())
        self._context.events.sig_status_message.emit(
            "Copied the notice to teachers: paste it into an email."
        )

    def _on_stop(self) -> None:
        if self.row is None:
            return
        name = self.row.tool.name
        if not dialogs.confirm(
            self,
            f"Stop the sunset of {name}?",
            f"{name} goes back in use; its notice and the steps ticked are cleared. "
            "Edit ▸ Undo brings them back.",
            "Stop the sunset",
        ):
            return
        self._write(
            lambda tool_id: cancel_sunset(self._store, tool_id, self._today()),
            "The sunset was not stopped",
            f"Stopped the sunset of {name}: it is back in use.",
            f"Stop the sunset of {name}",
        )


def _left_aligned(button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch()
    return row
