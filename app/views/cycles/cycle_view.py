"""One cycle: the timeline of its four sessions, the goal card, the debrief and the notes."""

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
)

from app.models import CycleSessionKind, CycleStatus, MeasureKind
from app.services.cycles import (
    MEASURE_LABELS,
    OUTCOME_LABELS,
    PEERS,
    STATUS_LABELS,
    CycleDetail,
    SessionRow,
    abandon_cycle,
    add_note,
    cycle_detail,
    delete_note,
    move_session,
    override_status,
    restore_note,
    set_note_private,
)
from app.text import date_span, goal_figures, goal_met_words, month_day, weekday_day
from app.views.common import dialogs
from app.views.common.context import ScreenContext, TakesContext
from app.views.common.deleting import delete_op
from app.views.common.detail_pane import DetailPane, FlowLayout, read_or_none, show_note_actions
from app.views.common.operations import UndoSteps, write_op
from app.views.common.style import set_role
from app.views.common.table_model import row_of_index
from app.views.common.widgets import heading, muted, rows_table
from app.views.cycles.notes_model import TEXT, NotesTableModel
from app.views.teachers.changed import KEPT_THEIRS_MESSAGE

OBSERVED_KINDS = (CycleSessionKind.MODEL_LESSON, CycleSessionKind.CO_TEACH)


def plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def fact_card(title: str, facts) -> QFrame:
    """A titled card of captioned values, stacked so long text wraps at full width.

    A QFrame rather than a QGroupBox: the group box under-reports the height its wrapped
    labels need, so the last line of a long goal was cut off."""
    card = QFrame()
    card.setFrameShape(QFrame.Shape.StyledPanel)
    layout = QVBoxLayout(card)
    layout.setSpacing(2)
    layout.addWidget(heading(title, 1))
    for caption, value in facts:
        layout.addWidget(muted(caption))
        layout.addWidget(value)
        layout.addSpacing(6)
    return card


def session_state(session: SessionRow) -> str:
    if session.done_on is not None:
        minutes = f" · {session.duration_minutes} min" if session.duration_minutes else ""
        return f"Done {month_day(session.done_on)}{minutes}"
    return "Overdue" if session.overdue else "Planned"


def note_excerpt(body: str, length: int = 40) -> str:
    """A note named in a message: its first line, cut short."""
    first = body.strip().splitlines()[0] if body.strip() else ""
    return first if len(first) <= length else first[: length - 1] + "…"


class SessionRowWidget(QFrame):
    """One step of the timeline: a mark, the session, when and where, its state and actions."""

    sig_open_requested = Signal(object)
    sig_move_requested = Signal(object)
    sig_observe_requested = Signal(object)

    def __init__(self, session: SessionRow, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("sessionRow")
        mark = QLabel("●" if session.done_on else ("!" if session.overdue else "○"))
        mark.setFixedWidth(18)
        mark.setAccessibleName(session_state(session))
        when = weekday_day(session.scheduled_date)
        where = ", ".join(p for p in (session.period, session.room) if p)
        title = plain(session.label)
        title.setStyleSheet("font-weight: 600")
        details = muted(f"{when}" + (f" · {where}" if where else ""))
        self.state = plain(session_state(session))
        set_role(self.state, "error" if session.overdue else "muted")
        self.open_button = QPushButton("Open…")
        self.open_button.setAccessibleName(f"Open {session.label}")
        self.move_button = QPushButton("Move…")
        self.move_button.setAccessibleName(f"Move {session.label}")
        self.move_button.setEnabled(session.done_on is None)
        self.observe_button = QPushButton("Observe…")
        self.observe_button.setAccessibleName(f"Observe the {session.label.lower()}")
        self.observe_button.setToolTip("Start a live time-on-task observation of this session")
        self.observe_button.setVisible(session.kind in OBSERVED_KINDS)
        # The buttons sit under the text, so a narrow pane still shows where and when in full.
        buttons = FlowLayout()
        for button in (self.open_button, self.move_button, self.observe_button):
            buttons.addWidget(button)
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(title)
        text.addWidget(details)
        text.addWidget(self.state)
        text.addSpacing(4)
        text.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        self.observe_button.clicked.connect(lambda: self.sig_observe_requested.emit(self.session))
        self.open_button.clicked.connect(lambda: self.sig_open_requested.emit(self.session))
        self.move_button.clicked.connect(lambda: self.sig_move_requested.emit(self.session))


class CycleView(TakesContext, DetailPane):
    sig_changed = Signal(str)
    sig_observe_requested = Signal(object, object, object)  # teacher, cycle, session ids

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__("Select a cycle to see its sessions, goal and notes.", parent)
        self._take_context(context)
        self.detail: CycleDetail | None = None
        self._build_layout()
        self._connect_signals()
        self.show_cycle(None)

    def _build_layout(self) -> None:
        body, layout = self._titled_body()
        self.status = plain()
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setAccessibleName("Edit the focus, period and room")
        self.edit_button.setToolTip("Change the focus, and the period and room of sessions ahead")
        self.goal_button = QPushButton("&Goal…")
        self.goal_button.setAccessibleName("Edit the goal")
        self.debrief_button = QPushButton("&Debrief…")
        self.debrief_button.setAccessibleName("Record the debrief")
        self.more_button = QToolButton()
        self.more_button.setText("Status")
        self.more_button.setAccessibleName("Cycle status")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_menu = QMenu(self)
        self.status_actions: dict[str | None, QAction] = {}
        for status in (CycleStatus.PLANNED, CycleStatus.ACTIVE, CycleStatus.COMPLETED):
            self.status_actions[status] = self.status_menu.addAction(
                f"Mark {STATUS_LABELS[status].lower()}"
            )
        self.status_actions[None] = self.status_menu.addAction("Follow the sessions")
        self.status_menu.addSeparator()
        self.abandon_action = self.status_menu.addAction("Abandon…")
        self.more_button.setMenu(self.status_menu)
        actions = FlowLayout()
        for button in (self.edit_button, self.goal_button, self.debrief_button, self.more_button):
            actions.addWidget(button)

        self.timeline_box = QGroupBox("Sessions")
        self.timeline = QVBoxLayout(self.timeline_box)
        self.timeline.setSpacing(2)

        self.goal_text = plain()
        self.target_text = plain()
        self.measure_text = plain()
        self.values_text = plain()
        self.peers_text = plain()
        self.goal_box = fact_card(
            "Goal",
            (
                ("Goal", self.goal_text),
                ("Learning target", self.target_text),
                ("Measured by", self.measure_text),
                ("Baseline → target → final", self.values_text),
                ("PEERS", self.peers_text),
            ),
        )
        self.met_text = plain()
        self.reflection_text = plain()
        self.next_text = plain()
        self.outcome_text = plain()
        self.debrief_box = fact_card(
            "Debrief",
            (
                ("Goal met", self.met_text),
                ("Reflection", self.reflection_text),
                ("Next steps", self.next_text),
                ("What comes next", self.outcome_text),
            ),
        )

        self.notes_box = QGroupBox("Notes")
        notes = QVBoxLayout(self.notes_box)
        notes.addWidget(muted("Private notes never appear in a report meant for a principal."))
        self.notes_model = NotesTableModel(self)
        self.notes_table = rows_table(self.notes_model, "Notes")
        self.notes_table.horizontalHeader().setSectionResizeMode(
            TEXT, QHeaderView.ResizeMode.Stretch
        )
        self.notes_table.setMinimumHeight(120)
        self.add_note_button = QPushButton("Add note…")
        self.share_button = QPushButton("Make shareable")
        self.delete_note_button = QPushButton("Delete note")
        note_buttons = FlowLayout()
        for button in (self.add_note_button, self.share_button, self.delete_note_button):
            note_buttons.addWidget(button)
        notes.addWidget(self.notes_table)
        notes.addLayout(note_buttons)

        layout.addWidget(self.status)
        layout.addLayout(actions)
        layout.addWidget(self.timeline_box)
        layout.addWidget(self.goal_box)
        layout.addWidget(self.debrief_box)
        layout.addWidget(self.notes_box)
        layout.addStretch()
        self.set_body(body)

    def _connect_signals(self) -> None:
        self.edit_button.clicked.connect(self._on_edit)
        self.goal_button.clicked.connect(self._on_goal)
        self.debrief_button.clicked.connect(self._on_debrief)
        for status, action in self.status_actions.items():
            action.triggered.connect(lambda _=False, s=status: self._on_status(s))
        self.abandon_action.triggered.connect(self._on_abandon)
        self.add_note_button.clicked.connect(self._on_add_note)
        self.share_button.clicked.connect(self._on_toggle_share)
        self.delete_note_button.clicked.connect(self._on_delete_note)
        self.notes_table.selectionModel().currentRowChanged.connect(self._update_note_buttons)

    def show_cycle(self, cycle_id: uuid.UUID | None) -> None:
        self.detail = read_or_none(lambda i: cycle_detail(self._store, i, self._today()), cycle_id)
        self.show_body(self.detail is not None)
        if self.detail is not None:
            self._fill(self.detail)

    def _fill(self, detail: CycleDetail) -> None:
        row = detail.row
        self.title.setText(row.teacher_name)
        focus = row.focus or "No focus set"
        self.subtitle.setText(f"{focus}" + (f" · {row.school}" if row.school else ""))
        span = date_span(row.start_date, row.end_date)
        status = STATUS_LABELS.get(row.status, row.status)
        how = (
            " (set by hand)"
            if detail.status_overridden and row.status != CycleStatus.ABANDONED
            else ""
        )
        text = (
            f"{status}{how} · {span} · {row.length_weeks} weeks · {row.progress_text} sessions done"
        )
        if row.status == CycleStatus.ABANDONED and detail.abandoned_reason:
            text += f"\nAbandoned: {detail.abandoned_reason}"
        self.status.setText(text)
        while self.timeline.count():
            old = self.timeline.takeAt(0).widget()
            if old is not None:
                old.hide()  # at once; deleted when control returns to the event loop
                old.deleteLater()
        self.session_widgets = []
        for session in detail.sessions:
            widget = SessionRowWidget(session)
            widget.sig_open_requested.connect(self._on_open_session)
            widget.sig_move_requested.connect(self._on_move_session)
            widget.sig_observe_requested.connect(self._on_observe_session)
            self.session_widgets.append(widget)
            self.timeline.addWidget(widget)
        goal = detail.goal
        percent = goal.measure_kind == MeasureKind.TIME_ON_TASK
        self.goal_text.setText(
            goal.goal or "Not written yet: use Goal… at the goal-setting conference."
        )
        self.target_text.setText(goal.learning_target or "—")
        measure = MEASURE_LABELS.get(goal.measure_kind, goal.measure_kind)
        self.measure_text.setText(
            measure + (f": {goal.measure_description}" if goal.measure_description else "")
        )
        shown = goal_figures(goal.baseline_value, goal.target_value, detail.final_value, percent)
        self.values_text.setText(" → ".join((shown.baseline, shown.target, shown.final)))
        checked = [label for field, label, _hint in PEERS if getattr(goal, field)]
        self.peers_text.setText(
            ", ".join(checked) + f" ({len(checked)} of 5)" if checked else "None checked yet"
        )
        completed = detail.row.status == CycleStatus.COMPLETED
        self.met_text.setText(goal_met_words(detail.goal_met_shown, completed=completed))
        self.reflection_text.setText(detail.teacher_reflection or "—")
        self.next_text.setText(detail.next_steps or "—")
        self.outcome_text.setText(
            OUTCOME_LABELS.get(detail.outcome, "—") if detail.outcome else "—"
        )
        labels = {s.id: s.label for s in detail.sessions}
        self.notes_model.set_notes(detail.notes, labels)
        self.notes_table.resizeColumnToContents(0)
        self.notes_table.resizeColumnToContents(1)
        self.notes_table.resizeColumnToContents(2)
        self._update_note_buttons()
        closed = row.status == CycleStatus.ABANDONED
        self.debrief_button.setEnabled(not closed)
        self.abandon_action.setEnabled(not closed)
        self.fit_height()

    def _current_note(self):
        index = self.notes_table.currentIndex()
        return row_of_index(index)

    def _update_note_buttons(self, *_args) -> None:
        show_note_actions(self._current_note(), self.share_button, self.delete_note_button)

    def _run(self, action, message: str, undo: UndoSteps | None = None) -> None:
        """Save through the one write helper; the cycles screen announces and says it."""
        write_op(
            self._context,
            self,
            write=action,
            failure="Not saved",
            status=message,
            undo=undo,
            done=self._changed,
        )

    def _changed(self, message: str) -> None:
        if self.detail is not None:
            self.show_cycle(self.detail.row.id)
        self.sig_changed.emit(message)

    def _on_edit(self) -> None:
        from app.views.cycles.edit_dialog import EditCycleDialog

        if not self.detail:
            return
        dialog = EditCycleDialog(self._store, self.detail, self)
        if dialog.exec():
            self._changed(f"Saved the cycle with {self.detail.row.teacher_name}.")
        elif dialog.kept_theirs:
            self._changed(KEPT_THEIRS_MESSAGE)

    def _on_goal(self) -> None:
        from app.views.cycles.goal_dialog import GoalDialog

        if not self.detail:
            return
        dialog = GoalDialog(
            self._store, self.detail.row.id, self.detail.goal, self, self.detail.updated_at
        )
        if dialog.exec():
            self._changed(f"Saved the goal for {self.detail.row.teacher_name}.")
        elif dialog.kept_theirs:
            self._changed(KEPT_THEIRS_MESSAGE)

    def _on_debrief(self) -> None:
        from app.views.cycles.debrief_dialog import DebriefDialog

        if not self.detail:
            return
        dialog = DebriefDialog(self._store, self.detail, self._today(), self)
        if dialog.exec():
            self._changed(f"Saved the debrief with {self.detail.row.teacher_name}.")
        elif dialog.kept_theirs:
            self._changed(KEPT_THEIRS_MESSAGE)

    def _on_open_session(self, session: SessionRow) -> None:
        from app.views.cycles.session_dialog import SessionDialog

        if (
            self.detail
            and SessionDialog(
                self._store, session, self.detail.row.teacher_name, self._today(), self
            ).exec()
        ):
            self._changed(f"Saved the {session.label.lower()}.")

    def _on_observe_session(self, session: SessionRow) -> None:
        if self.detail:
            row = self.detail.row
            self.sig_observe_requested.emit(row.teacher_id, row.id, session.id)

    def _on_move_session(self, session: SessionRow) -> None:
        from app.views.common.reschedule_dialog import RescheduleDialog

        dialog = RescheduleDialog(
            f"Move the {session.label.lower()}",
            session.scheduled_date,
            session.period,
            session.room,
            self._today(),
            self,
        )
        if dialog.exec() and dialog.chosen_date is not None:
            self._run(
                lambda: move_session(
                    self._store,
                    session.id,
                    dialog.chosen_date,
                    dialog.chosen_period,
                    dialog.chosen_room,
                ),
                f"Moved the {session.label.lower()} to {weekday_day(dialog.chosen_date)}.",
            )

    def _on_status(self, status: str | None) -> None:
        if self.detail:
            text = (
                "follows its sessions" if status is None else f"is {STATUS_LABELS[status].lower()}"
            )
            self._run(
                lambda: override_status(self._store, self.detail.row.id, status),
                f"The cycle {text}.",
            )

    def _on_abandon(self) -> None:
        if not self.detail:
            return
        reason = dialogs.ask_text(
            self,
            "Abandon this cycle?",
            "Why did the cycle stop? (e.g. teacher on leave, schedule changed)",
        )
        if reason is not None:
            self._run(
                lambda: abandon_cycle(self._store, self.detail.row.id, reason),
                f"Abandoned the cycle with {self.detail.row.teacher_name}.",
            )

    def _on_add_note(self) -> None:
        if not self.detail:
            return
        text = dialogs.ask_text(
            self, "Add a note", "Note (private unless you make it shareable):", multiline=True
        )
        if text:
            self._run(
                lambda: add_note(self._store, text, cycle_id=self.detail.row.id),
                "Added a private note.",
            )

    def _on_toggle_share(self) -> None:
        note = self._current_note()
        if note is not None:
            state = "private" if not note.is_private else "shareable"
            self._run(
                lambda: set_note_private(self._store, note.id, not note.is_private),
                f"The note is now {state}.",
            )

    def _on_delete_note(self) -> None:
        note = self._current_note()
        if note is None:
            return
        delete_op(
            self._context,
            self,
            delete=lambda: delete_note(self._store, note.id),
            restore=lambda: restore_note(self._store, note.id),
            text=f"Delete the note “{note_excerpt(note.body)}”",
            status="Deleted the note. Ctrl+Z undoes it.",
            failure="Not saved",
            done=self._changed,
        )
