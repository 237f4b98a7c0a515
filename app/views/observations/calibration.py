"""Observer calibration in the app: share a lesson's counts, import a colleague's recording of
it, compare the two. A colleague's recording is always named as theirs, and never joins the
coach's own lists or figures.
"""

import uuid
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QPushButton, QVBoxLayout, QWidget

from app.errors import CoachbookError
from app.services.observations import list_observations, observation_summary
from app.services.observations.agreement import THRESHOLD_PCT, calibration_share_words
from app.services.observations.calibration import (
    Calibration,
    ObservationFileError,
    RecordingRow,
    calibrated_this_year,
    calibrations_of,
    colleague_recordings,
    compare_recordings,
    from_file,
    import_observation_file,
    link_recording,
    read_observation_file,
    recording,
    write_observation_file,
)
from app.text import full_date, percent_against
from app.views.common import dialogs
from app.views.common.context import ScreenContext, TakesContext
from app.views.common.detail_pane import FlowLayout
from app.views.common.operations import write_op
from app.views.common.widgets import heading, muted

OBSERVATION_FILTER = "Observation files (*.json)"
SHARE_KEY = "Ctrl+Shift+E"
COMPARE_KEY = "Ctrl+Shift+A"
OPEN_A_FILE = "Open an observation file…"


def ask_pick(parent: QWidget | None, title: str, text: str, options: list[str]) -> int | None:
    """Which of `options` (by its place), or None for Cancel. Tests replace this."""
    chosen, ok = QInputDialog.getItem(parent, title, text, options, 0, False)
    return options.index(chosen) if ok and chosen in options else None


def run_dialog(dialog) -> None:
    """Show a dialog until it is closed. Tests replace this to look at it instead."""
    dialog.exec()


# ---- Words --------------------------------------------------------------------------------


def suggested_file_name(teacher: str, observed_on, period: str) -> str:
    """ "2026-09-04 Alejandro Ruiz Period 3.json", with no character a folder refuses."""
    words = " ".join(p for p in (observed_on.isoformat(), teacher, period) if p)
    return "".join(c for c in words if c.isalnum() or c in " -_.,'").strip() + ".json"


def within_one_words(calibration: Calibration) -> str:
    """ "Calibrated with Ben Okafor: 90% within one student"."""
    if calibration.agreement.within_one_pct is None:
        return f"Calibrated with {calibration.observer}: no sweeps at the same marks"
    shown = percent_against(calibration.agreement.within_one_pct, THRESHOLD_PCT)
    return f"Calibrated with {calibration.observer}: {shown} within one student"


def recording_label(row: RecordingRow, paired_here: bool) -> str:
    """How a colleague's recording is offered: always as theirs."""
    sweeps = "1 sweep" if row.sweeps == 1 else f"{row.sweeps} sweeps"
    where = "" if paired_here else " · not paired yet"  # choosing it pairs it
    when = f"{full_date(row.observed_on)}" + (f", {row.period}" if row.period else "")
    return f"{row.observer}'s recording (a colleague's) · {when} · {sweeps}{where}"


# ---- On the observation's page ------------------------------------------------------------


class CalibrationSection(TakesContext, QWidget):
    """The observation's calibrations and the buttons to share, import and compare."""

    sig_share_requested = Signal(object)
    sig_compare_requested = Signal(object)
    sig_import_requested = Signal()

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(parent)
        self._take_context(context)
        self.observation_id: uuid.UUID | None = None
        self.calibrations: list[Calibration] = []
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        # Shown near the top of the observation, only when it has calibrations.
        self.headline = muted("")
        self.headline.setAccessibleName("Calibration")
        self.headline.hide()
        self.lines = muted("")
        self.lines.setAccessibleName("Colleagues' recordings of this lesson")
        self.share_button = QPushButton("Share for calibration…")
        self.share_button.setToolTip(
            f"Save this lesson's counts for a colleague who observed it too ({SHARE_KEY})"
        )
        self.compare_button = QPushButton("Compare with a colleague's recording…")
        self.compare_button.setToolTip(f"How well your counts and theirs agree ({COMPARE_KEY})")
        self.import_button = QPushButton("Import a colleague's recording…")
        buttons = FlowLayout()
        for button in (self.share_button, self.compare_button, self.import_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Observer calibration", 1))
        layout.addWidget(self.lines)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.share_button.clicked.connect(lambda: self._emit(self.sig_share_requested))
        self.compare_button.clicked.connect(lambda: self._emit(self.sig_compare_requested))
        self.import_button.clicked.connect(self.sig_import_requested)

    def _emit(self, signal) -> None:
        if self.observation_id is not None:
            signal.emit(self.observation_id)

    def show_observation(self, observation_id: uuid.UUID) -> None:
        self.observation_id = observation_id
        self.calibrations = []
        # Most lessons have none: a glance at the recordings spares comparing nothing.
        if any(r.observation_id == observation_id for r in colleague_recordings(self._store)):
            # A recording that can't be read shows as none; Compare says what is wrong.
            with suppress(CoachbookError):
                self.calibrations = calibrations_of(self._store, observation_id)
        words = [within_one_words(c) for c in self.calibrations]
        self.headline.setText("\n".join(words))
        self.headline.setVisible(bool(words))
        if words:
            self.lines.setText(
                "\n".join(f"{w} (their recording, kept apart from yours)." for w in words)
            )
        else:
            self.lines.setText(
                "Not calibrated yet. When a colleague sweeps this lesson too, share your counts "
                "with them or import theirs, and Coachbook says how well the two agree."
            )


# ---- The actions --------------------------------------------------------------------------


class CalibrationFlow(TakesContext, QObject):
    """Share, import and compare, each from a question to its answer. `sig_changed(message,
    observation_id)` follows a write: the screen shows that observation and says it."""

    sig_changed = Signal(str, object)

    def __init__(self, context: ScreenContext, parent: QWidget):
        super().__init__(parent)
        self._take_context(context)
        self._parent = parent

    # Sharing -----------------------------------------------------------------------------

    def share(self, observation_id: uuid.UUID) -> Path | None:
        """Ask where, and write the lesson's counts there; returns the file written."""
        try:
            summary = observation_summary(self._store, observation_id)
        except CoachbookError as exc:
            dialogs.show_error(self._parent, "Not shared", str(exc))
            return None
        path = dialogs.ask_save_path(
            self._parent,
            "Share for calibration",
            suggested_file_name(summary.teacher_name, summary.observed_on, summary.period),
            OBSERVATION_FILTER,
        )
        if path is None:
            return None
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        wrote = write_op(
            self._context,
            self._parent,
            write=lambda: write_observation_file(self._store, observation_id, path),
            failure="Not shared",
            status=lambda written: (
                f"Saved {len(written.sweeps)} sweeps of {written.teacher}'s lesson to "
                f"{path.name}: counts only, no notes and no students."
            ),
        )
        return path if wrote else None

    # Importing ---------------------------------------------------------------------------

    def import_recording(self) -> uuid.UUID | None:
        """Ask for a colleague's file and add it as their recording; returns its id."""
        path = dialogs.ask_open_path(
            self._parent, "Import a colleague's recording", OBSERVATION_FILTER
        )
        if path is None:
            return None
        try:
            contents = read_observation_file(path)  # a bad file never reaches the notebook
            recording_id = import_observation_file(self._store, contents)
        except CoachbookError as exc:
            extra = "" if "othing was added" in str(exc) else " Nothing was added."
            dialogs.show_info(self._parent, "This recording wasn't imported", str(exc) + extra)
            return None
        row = self._row(recording_id)
        if row.observation_id is not None:
            self._tell_paired(row, row.observation_id)
        else:
            self._pair_by_hand(row)
        return recording_id

    def _row(self, recording_id: uuid.UUID) -> RecordingRow:
        return next(r for r in colleague_recordings(self._store) if r.id == recording_id)

    def _lesson_words(self, observation_id: uuid.UUID) -> str:
        summary = observation_summary(self._store, observation_id)
        parts = [p for p in (summary.period, summary.lesson) if p]
        return f"{full_date(summary.observed_on)}" + (f" ({', '.join(parts)})" if parts else "")

    def _tell_paired(self, row: RecordingRow, observation_id: uuid.UUID) -> None:
        lesson = self._lesson_words(observation_id)
        dialogs.show_info(
            self._parent,
            "Recording imported",
            f"Added {row.observer}'s recording of {row.teacher}'s lesson ({row.sweeps} sweeps) "
            f"and paired it with your observation of {lesson}. It is kept as theirs: never "
            "counted in your own figures.",
        )
        self.sig_changed.emit(
            f"Added {row.observer}'s recording, paired with your observation of {lesson}.",
            observation_id,
        )

    def _pair_by_hand(self, row: RecordingRow) -> None:
        lessons = [
            r
            for r in list_observations(self._store)
            if r.teacher_name == row.teacher and r.observed_on == row.observed_on
        ]
        when = full_date(row.observed_on)
        if not lessons:
            dialogs.show_info(
                self._parent,
                "Recording imported, not paired",
                f"Added {row.observer}'s recording of {row.teacher}'s lesson on {when}, but you "
                "have no observation of that teacher that day to pair it with. It is kept as "
                "theirs; Compare on one of your lessons of that teacher pairs it.",
            )
            self.sig_changed.emit(f"Added {row.observer}'s recording, not paired.", None)
            return
        labels = [
            ", ".join(p for p in (r.period, r.lesson, f"{r.sweeps} sweeps") if p) for r in lessons
        ]
        chosen = ask_pick(
            self._parent,
            "Which lesson did they observe?",
            f"{row.observer}'s recording of {row.teacher} on {when} says “{row.period}”. "
            "Pair it with which of your observations that day?",
            labels,
        )
        if chosen is None:
            self.sig_changed.emit(f"Added {row.observer}'s recording, not paired.", None)
            return
        self._link(row, lessons[chosen].id)

    def _link(self, row: RecordingRow, observation_id: uuid.UUID) -> bool:
        return write_op(
            self._context,
            self._parent,
            write=lambda: link_recording(self._store, row.id, observation_id),
            failure="Not paired",
            done=lambda _m: self.sig_changed.emit(
                f"Paired {row.observer}'s recording with your observation of "
                f"{self._lesson_words(observation_id)}.",
                observation_id,
            ),
        )

    # Comparing ---------------------------------------------------------------------------

    def compare(self, observation_id: uuid.UUID):
        """Ask which colleague's recording, and show how well it agrees with this lesson.
        Returns the comparison dialog once closed, or None when nothing was compared."""
        from app.views.observations.comparison import ComparisonDialog

        try:
            own = recording(self._store, observation_id)
        except CoachbookError as exc:
            dialogs.show_error(self._parent, "Nothing to compare", str(exc))
            return None
        choices = self._choices(observation_id, own.teacher)
        second, from_a_file = None, False
        if choices:
            labels = [recording_label(row, paired) for row, paired in choices] + [OPEN_A_FILE]
            chosen = ask_pick(
                self._parent,
                "Compare with a colleague's recording",
                "Whose recording of this lesson?"
                + (
                    ""
                    if all(paired for _row, paired in choices)
                    else " One not paired yet is paired with it."
                ),
                labels,
            )
            if chosen is None:
                return None
            if chosen < len(choices):
                row, paired = choices[chosen]
                if not paired and not self._link(row, observation_id):
                    return None
                second = recording(self._store, row.id)
        if second is None:
            second = self._from_file()
            if second is None:
                return None
            from_a_file = True
        agreement = compare_recordings(own, second)
        share = calibration_share_words(*calibrated_this_year(self._store, self._today()))
        dialog = ComparisonDialog(
            self._context,
            own,
            second,
            agreement,
            share,
            second_from_file=from_a_file,
            parent=self._parent,
        )
        dialog.sig_recording_removed.connect(
            lambda message: self.sig_changed.emit(message, observation_id)
        )
        run_dialog(dialog)
        return dialog

    def _choices(self, observation_id: uuid.UUID, teacher: str) -> list[tuple[RecordingRow, bool]]:
        """This lesson's recordings, then the teacher's recordings not paired with any."""
        rows = colleague_recordings(self._store)
        paired = [(r, True) for r in rows if r.observation_id == observation_id]
        loose = [(r, False) for r in rows if r.observation_id is None and r.teacher == teacher]
        return paired + loose

    def _from_file(self):
        path = dialogs.ask_open_path(
            self._parent, "Compare with an observation file", OBSERVATION_FILTER
        )
        if path is None:
            return None
        try:
            return from_file(read_observation_file(path))
        except ObservationFileError as exc:
            dialogs.show_info(self._parent, "This file can't be compared", str(exc))
            return None
