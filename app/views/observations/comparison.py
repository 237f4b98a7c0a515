"""How well two recordings of one lesson agree: the sweeps side by side, the figures, the
verdict in words, the sweeps that found no partner, and the calibration report PDF.

The figures are worded as `coachbook agreement` words them: a percent, "N of M sweeps", the
ICC to two decimals with the band of the figure as shown, "same" for no difference.
"""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
)

from app.errors import CoachbookError
from app.services.observations.agreement import (
    THRESHOLD_PCT,
    Agreement,
    Sweep,
    SweepPair,
    icc_band,
)
from app.services.observations.calibration import Recording, delete_recording
from app.text import (
    NO_VALUE,
    activity_check_method,
    full_date,
    percent,
    percent_against,
    sweep_difference,
)
from app.views.common import dialogs
from app.views.common.context import ScreenContext
from app.views.common.jobs import start_job
from app.views.common.operations import write_op
from app.views.common.table_model import Column, RowsTableModel
from app.views.common.widgets import (
    TITLE_BAR_ROOM,
    fields_above_buttons,
    fit_to_screen,
    heading,
    muted,
)

PDF_FILTER = "PDF documents (*.pdf)"
EXPORT = "Export calibration report…"
# Rows the sweep table shows before it scrolls inside itself: a 45-minute lesson at 5
# minutes, or fewer on a short screen, where the dialog itself scrolls too.
TABLE_ROWS_SHOWN = 10
TABLE_ROWS_ON_A_SHORT_SCREEN = 6
SHORT_SCREEN = 800
WIDTH = 760
NAME_IN_HEADER = 18


# ---- Words --------------------------------------------------------------------------------


def icc_text(agreement: Agreement) -> str:
    """ "0.87 (good)"; without a figure, the reason: "— (not enough sweeps)"."""
    if agreement.icc is None:
        return f"{NO_VALUE} ({agreement.icc_words})"
    # The band follows the figure as shown, so "0.75" never reads "moderate".
    return f"{agreement.icc:.2f} ({icc_band(round(agreement.icc, 2))})"


def figure_rows(agreement: Agreement) -> list[tuple[str, str]]:
    """(label, value) for each agreement figure, in the order the dialog lists them."""
    n = len(agreement.pairs)
    sweeps = "sweep" if n == 1 else "sweeps"
    mean = agreement.mean_abs_difference_pts
    return [
        (
            "Exact agreement",
            f"{_pct(agreement.exact_pct)} ({agreement.exact_count} of {n} {sweeps})",
        ),
        (
            "Within one student",
            # Compared with the bar in the verdict, so it never reads "80%" under 80%.
            f"{percent_against(agreement.within_one_pct, THRESHOLD_PCT)} "
            f"({agreement.within_one_count} of {n} {sweeps})",
        ),
        ("Mean difference", NO_VALUE if mean is None else f"{mean:.1f} pts"),
        ("Total-count agreement", _pct(agreement.total_count_pct)),
        ("Intraclass correlation ICC(2,1)", icc_text(agreement)),
    ]


def unpaired_lines(first: Recording, second: Recording, agreement: Agreement) -> list[str]:
    """One line for each sweep that found no partner, the first recording's first."""
    lines = []
    for who, sweeps in ((first, agreement.unpaired_a), (second, agreement.unpaired_b)):
        for s in sweeps:
            lines.append(
                f"Not paired: {who.observer}'s sweep at minute {s.minute} "
                f"({s.on_task} of {s.present})"
            )
    return lines


def lesson_words(recording: Recording) -> str:
    """ "Alejandro Ruiz, Fri, Sep 4, 2026, Period 3"."""
    parts = [recording.teacher, full_date(recording.observed_on), recording.period]
    return ", ".join(p for p in parts if p)


def suggested_report_name(first: Recording) -> str:
    safe = "".join(c for c in first.teacher if c.isalnum() or c in " -_.,'").strip()
    return f"Calibration - {safe} - {first.observed_on.isoformat()}.pdf"


def _pct(value: float | None) -> str:
    return NO_VALUE if value is None else percent(value)


def _short(name: str) -> str:
    return name if len(name) <= NAME_IN_HEADER else name[: NAME_IN_HEADER - 1] + "…"


def _count(sweep: Sweep, pct: float | None = None) -> str:
    """ "9 of 15", and with its percentage "9 of 15 (60%)"; nobody present has none."""
    counted = f"{sweep.on_task} of {sweep.present}"
    return counted if pct is None else f"{counted} ({percent(pct)})"


def _minute(pair: SweepPair) -> str:
    a, b = pair.a.minute, pair.b.minute
    return str(a) if a == b else f"{a} / {b}"


# ---- The sweep table ----------------------------------------------------------------------


@dataclass(frozen=True)
class PairRow:
    pair: SweepPair
    id: int  # its place: pairs have no record id


class PairsModel(RowsTableModel):
    """The paired sweeps: minute, each observer's count and on-task %, the difference."""

    def __init__(self, first_name: str, second_name: str, parent=None):
        super().__init__(parent)
        self.COLUMNS = (
            Column("Minute", lambda r: _minute(r.pair), lambda r: r.pair.a.minute, number=True),
            Column(
                f"{_short(first_name)}: on task",
                lambda r: _count(r.pair.a, r.pair.pct_a),
                number=True,
            ),
            Column(
                f"{_short(second_name)}: on task",
                lambda r: _count(r.pair.b, r.pair.pct_b),
                number=True,
            ),
            Column(
                "Difference",
                lambda r: sweep_difference(r.pair.difference_pts),
                number=True,
                spoken=lambda r: _spoken_difference(r.pair),
            ),
        )

    def set_pairs(self, pairs: list[SweepPair]) -> None:
        self.set_rows(PairRow(pair, n) for n, pair in enumerate(pairs))


def _spoken_difference(pair: SweepPair) -> str:
    text = sweep_difference(pair.difference_pts)
    return "the same percentage" if text == "same" else f"{text} for the second observer"


# ---- The dialog ---------------------------------------------------------------------------


class ComparisonDialog(QDialog):
    """`first` is the coach's own observation; `second` the colleague's recording.
    `sig_recording_removed(message)` follows the removal of a stored recording."""

    sig_recording_removed = Signal(str)

    def __init__(
        self,
        context: ScreenContext,
        first: Recording,
        second: Recording,
        agreement: Agreement,
        share_words: str,
        *,
        second_from_file: bool = False,
        parent=None,
    ):
        super().__init__(parent)
        self._context = context
        self.first, self.second, self.agreement = first, second, agreement
        self.share_words = share_words
        self._second_from_file = second_from_file
        self.setWindowTitle(f"Calibration: {first.teacher}")
        self.setMinimumWidth(560)
        self._build_layout()
        self._connect_signals()
        screen = self.screen()
        room = screen.availableGeometry().width() if screen is not None else WIDTH
        self.setMinimumWidth(min(WIDTH, room - 2 * TITLE_BAR_ROOM))
        fit_to_screen(self)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._fit_to_wrapped_text)

    def _fit_to_wrapped_text(self) -> None:
        """As tall as the text wraps at the width shown (a size hint guesses the wrapping,
        and guessed short lines left a gap above the buttons), never past the screen."""
        content = self.body.widget()
        needed = content.layout().heightForWidth(self.body.viewport().width())
        if needed <= 0:
            return
        around = self.height() - self.body.viewport().height()
        self.resize(self.width(), min(needed + around, self.maximumHeight()))

    def _build_layout(self) -> None:
        first, second, agreement = self.first, self.second, self.agreement
        title = heading(lesson_words(first), 3)
        title.setWordWrap(True)
        theirs = (
            "a colleague's recording, opened from a file (not added to your notebook)"
            if self._second_from_file
            else "a colleague's recording"
        )
        self.who = muted(f"{first.observer}: your observation · {second.observer}: {theirs}")
        self.mismatch = muted(self._mismatch_words())
        self.mismatch.setVisible(bool(self.mismatch.text()))

        self.verdict = QLabel(agreement.verdict)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setWordWrap(True)
        font = self.verdict.font()
        font.setBold(True)
        self.verdict.setFont(font)
        self.verdict.setAccessibleName("Verdict")

        self.figures = QFormLayout()
        self.figure_labels: dict[str, QLabel] = {}
        for label, value in figure_rows(agreement):
            shown = QLabel(value)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setAccessibleName(label)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.figure_labels[label] = shown
            self.figures.addRow(f"{label}:", shown)

        self.pairs_model = PairsModel(first.observer, second.observer, self)
        self.pairs_model.set_pairs(agreement.pairs)
        self.table = QTableView()
        self.table.setModel(self.pairs_model)
        self.table.setAccessibleName("Sweeps side by side")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        screen = self.screen().availableGeometry() if self.screen() else None
        most = (
            TABLE_ROWS_ON_A_SHORT_SCREEN
            if screen is not None and screen.height() < SHORT_SCREEN
            else TABLE_ROWS_SHOWN
        )
        shown = min(max(len(agreement.pairs), 1), most)
        row = self.table.verticalHeader().defaultSectionSize()
        scroll_bar = self.table.horizontalScrollBar().sizeHint().height()
        self.table.setFixedHeight(header.sizeHint().height() + shown * row + scroll_bar + 4)
        self.table.setVisible(bool(agreement.pairs))

        unpaired = unpaired_lines(first, second, agreement)
        self.unpaired = muted(
            "\n".join(unpaired) if unpaired else "Every sweep found its partner at the same mark."
        )
        self.unpaired.setAccessibleName("Sweeps not paired")
        self.method = muted(
            f"{activity_check_method(first.interval_minutes)} Sweeps are paired by minute mark, "
            f"at most {agreement.interval_minutes / 2:g} minutes apart; a sweep without a "
            "partner is listed and left out of every figure."
        )
        self.share = muted(self.share_words)
        self.share.setAccessibleName("Share of observations calibrated")

        self.export_button = QPushButton(EXPORT)
        self.export_button.setToolTip("A one-page PDF: both sweeps charted, the table, the figures")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.remove_button = QPushButton("Remove their recording…")
        self.remove_button.setToolTip("Take the colleague's recording out of your notebook")
        self.buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.remove_button.setVisible(not self._second_from_file)
        self.body = fields_above_buttons(
            self,
            (
                title,
                self.who,
                self.mismatch,
                self.verdict,
                self.figures,
                heading("Sweep by sweep", 1),
                self.table,
                self.unpaired,
                self.method,
                self.share,
            ),
            self.buttons,
        )

    def _connect_signals(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self._on_export)
        self.remove_button.clicked.connect(self._on_remove)

    def _mismatch_words(self) -> str:
        first, second = self.first, self.second
        if (second.teacher.casefold(), second.observed_on) == (
            first.teacher.casefold(),
            first.observed_on,
        ):
            return ""
        return (
            f"This recording is of {lesson_words(second)}, not of this lesson: check it is the "
            "file you meant."
        )

    def figures_text(self) -> dict[str, str]:
        """What the dialog shows for each figure, by its label."""
        return {label: shown.text() for label, shown in self.figure_labels.items()}

    def _on_remove(self) -> None:
        second = self.second
        if not dialogs.confirm(
            self,
            f"Remove {second.observer}'s recording?",
            f"Their recording of {lesson_words(second)} leaves your notebook; your own "
            "observation stays as it is. Importing their file again brings it back.",
            "Remove",
        ):
            return
        context = self._context
        if write_op(
            context,
            self,
            write=lambda: delete_recording(context.store, second.id, context.now()),
            failure="Not removed",
            status=f"Removed {second.observer}'s recording.",
            done=self.sig_recording_removed.emit,
        ):
            self.accept()

    def _on_export(self) -> None:
        path = dialogs.ask_save_path(
            self, "Save the calibration report", suggested_report_name(self.first), PDF_FILTER
        )
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        context, first, second = self._context, self.first, self.second
        agreement, share_words = self.agreement, self.share_words
        self.export_button.setEnabled(False)
        self.export_button.setText("Saving the report…")
        job = start_job(
            lambda _state: export_calibration_report(
                context, first, second, agreement, path, share_words
            ),
            self,
        )
        job.sig_succeeded.connect(
            lambda _pages: context.events.sig_status_message.emit(
                f"Saved the calibration report to {path}."
            )
        )
        job.sig_failed.connect(self._on_export_failed)
        job.sig_finished.connect(self._on_export_finished)

    def _on_export_failed(self, exc: Exception) -> None:
        if isinstance(exc, CoachbookError | OSError):
            dialogs.show_error(self, "The report was not made", str(exc))
            return
        raise exc  # unexpected: the crash handler shows and logs it

    def _on_export_finished(self) -> None:
        self.export_button.setEnabled(True)
        self.export_button.setText(EXPORT)


def export_calibration_report(
    context: ScreenContext,
    first: Recording,
    second: Recording,
    agreement: Agreement,
    out: Path,
    share_words: str,
) -> None:
    """Write the one-page calibration report PDF; run as a job (its first build loads the
    fonts, over a second)."""
    from app.reports.calibration_report import render_calibration_report
    from app.services.reports.shared import byline

    render_calibration_report(
        first,
        second,
        agreement,
        out,
        byline=byline(context.store, context.today()),
        share_words=share_words,
    )
