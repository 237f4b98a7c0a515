"""The live recorder: a calm, large screen for counting heads every few minutes.

The clock is never kept here: the state comes from the store (stored start, pauses and
sweeps: `live_state`, or what `record_interval` returns with the sweep it saved), and
between marks the countdown is advanced from the injectable clock. Every sweep and note is
committed before the screen says it is saved.
"""

import uuid
from datetime import datetime
from itertools import pairwise

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
)

from app.errors import CoachbookError
from app.services.errors import ValidationError
from app.services.observations import (
    MAX_STUDENTS,
    LiveState,
    MarkAlreadySwept,
    ObservationSummary,
    SweepRow,
    add_observation_note,
    delete_interval,
    delete_observation_note,
    end_observation,
    list_intervals,
    list_observation_notes,
    live_state,
    observation_summary,
    pause_observation,
    record_interval,
    restore_interval,
    restore_observation_note,
    resume_observation,
    swap_sweeps,
)
from app.text import activity_check_method, percent
from app.views.common import dialogs
from app.views.common.context import ScreenContext
from app.views.common.operations import UndoSteps, write_op, wrote
from app.views.common.qsettings import app_settings
from app.views.common.style import COLOURS, is_dark, set_role
from app.views.observations.live_keys import RecorderKeys
from app.views.observations.live_layout import SOUND_KEY, LiveLayout, clock_text

KIND = "observations"
TICK_MS = 250


class LiveRecorder(RecorderKeys, LiveLayout):
    sig_ended = Signal(object)  # observation id
    sig_left = Signal(object)  # observation id, still running

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(parent)
        self._context = context
        self._store = context.store
        self._now = context.now
        self.observation_id: uuid.UUID | None = None
        self.summary: ObservationSummary | None = None
        self.state: LiveState | None = None
        self._state_at: datetime | None = None
        self._format: str | None = None
        self._last_on_task: int | None = None
        # No count of students present yet: 0 in the field is not a count, so ask for one.
        self._present_known = False
        self._was_due = False
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self._build_layout()
        self._set_tab_order()
        self._connect_signals()

    def _set_tab_order(self) -> None:
        """Tab walks the lesson's work first (count, present, save), then notes, then the
        lesson's controls; the +/- buttons are for touch and the keys, not for Tab."""
        chain = [
            self.count,
            self.present,
            self.all_button,
            self.save_button,
            *self.format_buttons.values(),
            self.sweep_note,
            self.evidence,
            self.sweeps_table,
            self.notes_table,
            self.sound,
            self.pause_button,
            self.end_button,
            self.leave_button,
        ]
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)

    # Layout ------------------------------------------------------------------------------

    def _connect_signals(self) -> None:
        self.timer.timeout.connect(self.tick)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.end_button.clicked.connect(self.end_lesson)
        self.leave_button.clicked.connect(self._on_leave)
        self.minus_button.clicked.connect(lambda: self.adjust(-1))
        self.plus_button.clicked.connect(lambda: self.adjust(+1))
        self.all_button.clicked.connect(self.all_on_task)
        self.save_button.clicked.connect(self.save_sweep)
        # Enter is handled once, in `handle_key`: a line edit passes Enter on to its parent,
        # so a returnPressed connection as well would save and then complain of no count.
        self.count.textEdited.connect(lambda _t: self.entry_message.clear())
        self.present.valueChanged.connect(self._on_present_changed)
        self.format_group.buttonClicked.connect(self._on_format_clicked)
        self.sound.toggled.connect(lambda on: app_settings().setValue(SOUND_KEY, on))
        for widget in (
            self,
            self.count,
            self.sweep_note,
            self.evidence,
            self.present,
            self.present.lineEdit(),
        ):
            widget.installEventFilter(self)
        for button in (
            self.all_button,
            self.save_button,
            self.pause_button,
            self.end_button,
            self.leave_button,
            self.sound,
            self.sweeps_table,
            self.notes_table,
            *self.format_buttons.values(),
        ):
            button.installEventFilter(self)

    # Opening and the clock ---------------------------------------------------------------

    def open(self, observation_id: uuid.UUID) -> None:
        """Show a running observation where it stands; raises NotFound or Refused."""
        summary = observation_summary(self._store, observation_id)
        self.observation_id = observation_id
        self.summary = summary
        parts = [summary.teacher_name] + [p for p in (summary.period, summary.lesson) if p]
        self.title.setText(" · ".join(parts))
        method = activity_check_method(summary.interval_minutes)
        self.subtitle.setText(f"{summary.technology} · {method}" if summary.technology else method)
        sweeps = summary.sweeps
        self._last_on_task = sweeps[-1].on_task if sweeps else None
        self._show_present(sweeps[-1].present if sweeps else summary.students_present)
        self._format = sweeps[-1].activity_format if sweeps else None
        self._show_format()
        self.count.clear()
        self.sweep_note.clear()
        self.evidence.clear()
        self.entry_message.clear()
        self._refresh_state()
        self._was_due = self.state.sweep_due if self.state else False
        self.sweeps_model.set_sweeps(sweeps, self.state.missed_marks if self.state else [])
        self.notes_model.set_rows(list_observation_notes(self._store, observation_id))
        self._scroll_lists()
        self.timer.start()
        self.count.setFocus()

    def _show_present(self, present: int | None) -> None:
        """Show the students present; None (not counted yet) shows a dash, never a 0."""
        self._present_known = present is not None
        self.present.blockSignals(True)
        self.present.setSpecialValueText("" if self._present_known else "–")
        self.present.setValue(present or 0)
        self.present.blockSignals(False)

    def _on_present_changed(self, _value: int) -> None:
        if not self._present_known:
            self._present_known = True
            self.present.setSpecialValueText("")
        if self.state is not None:
            self._show_clock(self.elapsed_seconds())

    def close_recorder(self) -> None:
        self.timer.stop()
        self.observation_id = None

    def _refresh_state(self) -> None:
        now = self._now()
        self._set_state(live_state(self._store, self.observation_id, now), now)

    def _set_state(self, state: LiveState, at: datetime) -> None:
        self.state = state
        self._state_at = at
        self._show_clock(state.elapsed_seconds)

    def elapsed_seconds(self) -> int:
        """Elapsed time now, advanced from the last stored state by the clock."""
        if self.state is None:
            return 0
        if self.state.paused or self.state.ended:
            return self.state.elapsed_seconds
        moved = (self._now() - self._state_at).total_seconds()
        return self.state.elapsed_seconds + max(0, int(moved))

    def tick(self) -> None:
        """Advance the clock; at a new mark, read the state again and prompt for a sweep."""
        if self.observation_id is None or self.state is None:
            return
        elapsed = self.elapsed_seconds()
        step = self.state.interval_minutes * 60
        if elapsed // step != self.state.elapsed_seconds // step:
            try:
                self._refresh_state()
            except CoachbookError:
                self.timer.stop()
                return
            self.sweeps_model.set_sweeps(self.sweeps_model.sweeps, self.state.missed_marks)
            self.entry_message.clear()  # a new mark: last mark's message is done with
            elapsed = self.state.elapsed_seconds
        self._show_clock(elapsed)

    def _show_clock(self, elapsed: int) -> None:
        state = self.state
        step = state.interval_minutes * 60
        mark = (elapsed // step) * state.interval_minutes
        to_next = step - elapsed % step
        self.elapsed.setText(clock_text(elapsed))
        self.countdown.setText(clock_text(to_next))
        self.countdown_caption.setText(f"to the {mark + state.interval_minutes}-min sweep")
        due = state.sweep_due and not state.paused
        if state.paused:
            text, role = "Paused: the clock has stopped. Press P to go on.", "paused"
        elif due:
            present = self.present.value()
            of = f" of the {present}" if present and self._present_known else ""
            text = f"Sweep the room now ({mark} min): how many{of} students are on task?"
            role = "due"
        else:
            text, role = (
                f"Watch the room. The next sweep is at {mark + state.interval_minutes} min.",
                "",
            )
        if self.prompt.text() != text:
            self.prompt.setText(text)
            self._style_prompt(role)
        if due and not self._was_due and self.sound.isChecked():
            QApplication.beep()
        self._was_due = due
        missed = state.missed_marks
        self.missed.setText(
            "Missed: " + ", ".join(f"{m} min" for m in missed) + " (no sweep saved)"
            if missed
            else ""
        )
        self.missed.setVisible(bool(missed))
        self.pause_button.setText("Resume (P)" if state.paused else "Pause (P)")
        self.save_button.setEnabled(not state.paused)

    def changeEvent(self, event: QEvent) -> None:
        # A theme chosen in Settings: the prompt's colours were picked for the old palette.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._style_prompt(self.prompt.property("prompt") or "")
        super().changeEvent(event)

    def _style_prompt(self, role: str) -> None:
        colours = COLOURS[is_dark()]
        if role == "due":
            style = f"background: {colours['accent']}; color: white; border-radius: 6px;"
        elif role == "paused":
            style = "background: palette(mid); border-radius: 6px;"
        else:
            style = "background: palette(alternate-base); border-radius: 6px;"
        self.prompt.setProperty("prompt", role)
        self.prompt.setStyleSheet(f"QLabel#sweepPrompt {{ {style} }}")

    # Entering counts ---------------------------------------------------------------------

    def typed_count(self) -> int | None:
        text = self.count.text().strip()
        return int(text) if text.isdigit() else None

    def adjust(self, delta: int) -> None:
        """One more or fewer than what is typed, else than the last sweep's count."""
        typed = self.typed_count()
        if typed is not None:
            base = typed
        elif self._last_on_task is not None:
            base = self._last_on_task
        else:
            base, delta = self.present.value(), min(delta, 0)
        ceiling = self.present.value() or MAX_STUDENTS
        self.count.setText(str(max(0, min(ceiling, base + delta))))
        self.count.setFocus()
        self.entry_message.clear()

    def all_on_task(self) -> None:
        self.count.setText(str(self.present.value()))
        self.save_sweep()

    def save_sweep(self) -> None:
        if self.observation_id is None:
            return
        on_task = self.typed_count()
        if on_task is None:
            self._say("Type how many students are on task, then press Enter.", error=True)
            self.count.setFocus()
            return
        if not self._present_known:
            self._ask_present()
            return
        try:
            sweep = self._record(on_task)
        except MarkAlreadySwept as taken:
            self._offer_replace(taken, on_task)
            return
        except ValidationError as exc:
            self._say(str(exc), error=True)
            return
        except CoachbookError as exc:
            dialogs.show_error(self, "The sweep was not saved", str(exc))
            return
        self._push_sweep(sweep, f"Record the {sweep.minute}-min sweep", None)

    def _record(self, on_task: int, replace: uuid.UUID | None = None) -> SweepRow:
        """Save the sweep and show the clock as the same transaction left it."""
        now = self._now()
        saved = record_interval(
            self._store,
            self.observation_id,
            on_task,
            self.present.value(),
            now=now,
            activity_format=self._format,
            note=self.sweep_note.text(),
            replace=replace,
        )
        self._set_state(saved.state, now)
        return saved.sweep

    def _ask_present(self) -> None:
        self._say(
            "How many students are in the room? Type the number present, then press Enter.",
            error=True,
        )
        self.present.setFocus()
        self.present.selectAll()

    def _offer_replace(self, taken: MarkAlreadySwept, on_task: int) -> None:
        old = taken.sweep
        present = self.present.value()
        if not dialogs.confirm(
            self,
            f"Replace the {taken.mark}-min sweep?",
            f"This mark already has a sweep: {old.on_task} of {old.present} on task, saved at "
            f"{old.minute} min. Replace it with {on_task} of {present}? (Ctrl+Z brings the "
            "first one back.)",
            "Replace it",
        ):
            self._say(
                f"Kept the {taken.mark}-min sweep ({old.on_task} of {old.present}). The next "
                f"sweep is at {taken.mark + self.state.interval_minutes} min."
            )
            self.count.clear()
            self.count.setFocus()
            return
        try:
            sweep = self._record(on_task, replace=old.id)
        except (ValidationError, MarkAlreadySwept) as exc:
            self._say(str(exc), error=True)
            return
        except CoachbookError as exc:
            dialogs.show_error(self, "The sweep was not saved", str(exc))
            return
        self._push_sweep(sweep, f"Replace the {taken.mark}-min sweep", old.id)

    def _push_sweep(self, sweep: SweepRow, what: str, replaced: uuid.UUID | None) -> None:
        """Show the sweep just saved and make it undoable (a replaced one comes back)."""
        self._last_on_task = sweep.on_task
        self.count.clear()
        self.sweep_note.clear()
        self._was_due = False
        if replaced is None:
            self.sweeps_model.append(sweep, self.state.missed_marks)
        else:
            kept = [s for s in self.sweeps_model.sweeps if s.id != replaced]
            self.sweeps_model.set_sweeps([*kept, sweep], self.state.missed_marks)
        self._scroll_lists()
        pct = "nobody present" if sweep.pct is None else percent(sweep.pct)
        if replaced is None:
            what_done = f"Saved the {sweep.minute}-min sweep"
        else:
            mark = sweep.minute - sweep.minute % self.state.interval_minutes
            what_done = f"Replaced the {mark}-min sweep"
        message = f"{what_done}: {sweep.on_task} of {sweep.present} on task ({pct})."
        self._say(message)

        def undo() -> None:
            if replaced is None:
                delete_interval(self._store, sweep.id, self._now())
            else:
                swap_sweeps(self._store, sweep.id, replaced, self._now())

        def redo() -> None:
            if replaced is None:
                restore_interval(self._store, sweep.id)
            else:
                swap_sweeps(self._store, replaced, sweep.id, self._now())

        wrote(
            self._context,
            self,
            kinds=(KIND,),
            status=message,
            undo=UndoSteps(what, undo, redo, after=self._reload_sweeps),
        )
        self.count.setFocus()

    def save_evidence_note(self) -> None:
        if self.observation_id is None or not self.evidence.text().strip():
            self.count.setFocus()
            return
        try:
            note = add_observation_note(
                self._store, self.observation_id, self.evidence.text(), self._now()
            )
        except ValidationError as exc:
            self._say(str(exc), error=True)
            return
        except CoachbookError as exc:
            dialogs.show_error(self, "The note was not saved", str(exc))
            return
        self.evidence.clear()
        self.notes_model.set_rows([*self.notes_model.rows(), note])
        self._scroll_lists()
        wrote(
            self._context,
            self,
            kinds=(KIND,),
            status="Saved the evidence note.",
            undo=UndoSteps(
                "Add the evidence note",
                undo=lambda: delete_observation_note(self._store, note.id, self._now()),
                redo=lambda: restore_observation_note(self._store, note.id),
                after=self._reload_notes,
            ),
        )
        self.count.setFocus()

    def _reload_sweeps(self) -> None:
        if self.observation_id is None:
            return
        sweeps = list_intervals(self._store, self.observation_id)
        self.entry_message.clear()  # what it said of the sweep no longer holds
        self._last_on_task = sweeps[-1].on_task if sweeps else None
        self._refresh_state()
        self.sweeps_model.set_sweeps(sweeps, self.state.missed_marks)

    def _reload_notes(self) -> None:
        if self.observation_id is not None:
            self.notes_model.set_rows(list_observation_notes(self._store, self.observation_id))

    def _say(self, text: str, error: bool = False) -> None:
        self.entry_message.setText(text)
        set_role(self.entry_message, "error" if error else "muted")

    def _scroll_lists(self) -> None:
        self.sweeps_table.scrollToBottom()
        self.notes_table.scrollToBottom()

    # Format, pause, end ------------------------------------------------------------------

    def set_format(self, fmt: str | None) -> None:
        self._format = None if fmt == self._format else fmt
        self._show_format()

    def _show_format(self) -> None:
        for value, button in self.format_buttons.items():
            button.setChecked(value == self._format)

    def _on_format_clicked(self, button) -> None:
        fmt = next(v for v, b in self.format_buttons.items() if b is button)
        self.set_format(fmt)
        self.count.setFocus()

    def toggle_pause(self) -> None:
        if self.observation_id is None or self.state is None:
            return
        paused = self.state.paused
        if write_op(
            self._context,
            self,
            write=lambda: (resume_observation if paused else pause_observation)(
                self._store, self.observation_id, self._now()
            ),
            failure="Couldn't pause",
            kinds=(KIND,),
            status="Resumed: the clock is running again."
            if paused
            else "Paused: the clock has stopped.",
        ):
            self._refresh_state()
            self._was_due = self.state.sweep_due
            self.count.setFocus()

    def end_lesson(self) -> None:
        if self.observation_id is None:
            return
        typed = self.typed_count()
        warning = (
            f"\n\nThe count you typed ({typed}) has not been saved: press Cancel, then Enter "
            "to save it first."
            if typed is not None
            else ""
        )
        if not dialogs.confirm(
            self,
            "End the observation?",
            "The clock stops and the summary opens. You can still correct the sweeps "
            f"afterwards in the table.{warning}",
            "End lesson",
        ):
            return
        observation_id = self.observation_id
        if write_op(
            self._context,
            self,
            write=lambda: end_observation(self._store, observation_id, self._now()),
            failure="Couldn't end the observation",
            kinds=(KIND,),
            status="Ended the observation.",
        ):
            self.close_recorder()
            self.sig_ended.emit(observation_id)

    def _on_leave(self) -> None:
        observation_id = self.observation_id
        self.close_recorder()
        self.sig_left.emit(observation_id)
