"""Import a tool's usage export: choose the CSV, see what was recognised and which rows stop
it, then import every row or none."""

import uuid
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from app.errors import CoachbookError
from app.services.tools import UsageImportResult, UsageRejected, import_usage, read_usage_file
from app.services.tools.usage_import import (
    SHAPE_LABELS,
    UsageCheck,
    UsageFile,
    UsageProblem,
    check_usage,
)
from app.store import Store
from app.text import full_date, month_day
from app.views.common import dialogs
from app.views.common.style import set_role
from app.views.common.table_model import RowsTableModel
from app.views.common.widgets import heading, muted

LINE, REASON = range(2)
# Rows as tall as their wrapped reasons up to this many; past it one line each (the reason
# in full on hover): measuring thousands of wrapped rows takes seconds.
MEASURED_ROWS = 200
MEASURE_NAMES = {"logins": "logins (or views)", "active_days": "active days"}
SHOWN_NAMES = 8


def plural(n: int, what: str) -> str:
    return f"{n:,} {what}{'' if n == 1 else 's'}"


def sentence(reason: str) -> str:
    return reason[:1].upper() + reason[1:]


def names_text(names: list[str]) -> str:
    shown = names[:SHOWN_NAMES]
    more = len(names) - len(shown)
    return ", ".join(shown) + (f" and {more:,} more" if more else "")


def result_message(result: UsageImportResult, usage: UsageFile) -> str:
    """What the status bar says after an import, short enough to fit beside its counts."""
    per = "week" if usage.span == "week" else "day"
    span = ""
    if result.first is not None:
        first = month_day(result.first)
        if result.first.year != result.last.year:
            first = full_date(result.first)
        span = f", {first} to {full_date(result.last)}"
    seats = f" {result.seats_added:,} got a seat." if result.seats_added else ""
    return (
        f"Imported {plural(result.rows, per)} of {result.tool} use for "
        f"{plural(result.teachers, 'teacher')}{span}.{seats}"
    )


class ProblemsModel(RowsTableModel):
    """The rows that stop the import: their line in the file, and what to do about each."""

    HEADERS = ("Line", "What to do")

    def set_problems(self, problems: list[UsageProblem]) -> None:
        by_line: dict[int, list[str]] = {}
        for problem in problems:
            by_line.setdefault(problem.line, []).append(sentence(problem.reason))
        self.set_rows(sorted((line, " ".join(reasons)) for line, reasons in by_line.items()))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = row[index.column()]
            return str(value) if index.column() == LINE else value
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Line {row[LINE]}: {row[REASON]}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == LINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return None


class UsageImportDialog(QDialog):
    """Opened from a tool's Usage tab; `imported` holds what was imported once accepted."""

    def __init__(self, store: Store, tool_id: uuid.UUID, tool_name: str, parent=None):
        super().__init__(parent)
        self._store = store
        self._tool_id = tool_id
        self._tool_name = tool_name
        self.path: Path | None = None
        self.usage: UsageFile | None = None
        self.check: UsageCheck | None = None
        self.imported: UsageImportResult | None = None
        self.result_message = ""
        self.setWindowTitle(f"Import usage for {tool_name}")
        self.resize(760, 480)
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Import usage for {self._tool_name}", 3))
        layout.addWidget(
            muted(
                "A CSV from the vendor or the LMS (a Google Workspace or Canvas activity report, "
                "or the vendor's own): a teacher (email or name), a week or a date, and their "
                "use (logins or active days). Teachers are matched by email, then by name."
            )
        )
        self.file_label = self._plain("")
        self.file_label.setAccessibleName("Usage file")
        self.choose_button = QPushButton("Choose another file…")
        self.choose_button.setAutoDefault(False)  # Enter imports; it never asks for a file
        row = QHBoxLayout()
        row.addWidget(self.file_label, 1)
        row.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        self.found_label = self._plain("")
        self.found_label.setAccessibleName("What was recognised")
        layout.addWidget(self.found_label)
        self.verdict = self._plain("")
        self.verdict.setAccessibleName("What importing will do")
        layout.addWidget(self.verdict)
        self.problems = ProblemsModel(self)
        self.table = QTableView()
        self.table.setModel(self.problems)
        self.table.setAccessibleName("Rows that stop the import")
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setColumnWidth(LINE, 50)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(LINE, QHeaderView.ResizeMode.Fixed)
        layout.addWidget(self.table, 1)
        layout.addStretch()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        layout.addWidget(self.buttons)

    @staticmethod
    def _plain(text: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)  # names in a file show as written
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_import)
        self.buttons.rejected.connect(self.reject)
        self.choose_button.clicked.connect(self._on_choose)
        self.table.horizontalHeader().sectionResized.connect(
            lambda column, _old, _new: column == REASON and self._fit_rows()
        )

    def _fit_rows(self) -> None:
        measured = self.problems.rowCount() <= MEASURED_ROWS
        self.table.setWordWrap(measured)
        self.table.setTextElideMode(
            Qt.TextElideMode.ElideNone if measured else Qt.TextElideMode.ElideRight
        )
        if measured:
            self.table.resizeRowsToContents()

    def choose_and_read(self) -> bool:
        """Ask for the file and read it; False when the coach chose none."""
        path = dialogs.ask_open_path(
            self.parentWidget(),
            f"Import usage for {self._tool_name}: the vendor's or the LMS's export (.csv)",
            "Usage exports (*.csv *.txt);;All files (*)",
        )
        if path is None:
            return False
        self.read(path)
        return True

    def read(self, path: Path) -> None:
        """Read and match the file, writing nothing, and show what importing it would do."""
        self.path = Path(path)
        self.usage = self.check = None
        self.file_label.setText(f"File: {self.path.name}")
        try:
            usage = read_usage_file(self.path)
        except CoachbookError as exc:
            self._refuse_all(f"Couldn't read {self.path.name}, so nothing will be imported: {exc}")
            return
        try:
            check = check_usage(self._store, str(self._tool_id), usage)
        except CoachbookError as exc:  # the tool was deleted meanwhile
            self._refuse_all(f"Nothing will be imported: {exc}")
            return
        self.usage, self.check = usage, check
        self._show_found(usage, check)

    def _refuse_all(self, text: str) -> None:
        self.found_label.setText("")
        self.problems.set_problems([])
        self.table.setVisible(False)
        self._refuse(text)

    def _show_found(self, usage: UsageFile, check: UsageCheck) -> None:
        per = "week" if usage.span == "week" else "day"
        days = sorted({r.day for r in usage.rows})
        span = f"{full_date(days[0])} to {full_date(days[-1])}" if days else "no dates"
        matched = f"{plural(len(check.teachers), 'teacher')} matched"
        if check.teachers:
            matched += f" ({names_text(check.teachers)})"
        lines = [
            f"Looks like {SHAPE_LABELS[usage.shape]} (columns: {', '.join(usage.columns)}).",
            f"Counts {MEASURE_NAMES.get(usage.measure, usage.measure)}, by {per}: {span}.",
            f"{plural(len(usage.rows) + len({p.line for p in usage.problems}), 'row')}; {matched}.",
        ]
        if check.seats_to_add:
            lines.append(
                f"{plural(len(check.seats_to_add), 'teacher')} without a seat get one: "
                f"{names_text(check.seats_to_add)}."
            )
        self.found_label.setText("\n".join(lines))
        self.problems.set_problems(check.problems)
        self.table.setVisible(bool(check.problems))
        self._fit_rows()
        if check.problems:
            bad = len({p.line for p in check.problems})
            self._refuse(
                f"Nothing will be imported: {plural(bad, 'row')} below "
                f"{'stops' if bad == 1 else 'stop'} it. Fix each line in the export (or add "
                "the teacher to the roster), save it as CSV and choose the file again."
            )
        elif check.cells == 0:
            self._refuse(f"{usage.name} has no rows of use: there is nothing to import.")
        else:
            self.verdict.setText(
                f"Nothing has been written yet. Importing writes {plural(check.cells, per)} "
                f"of use for {plural(len(check.teachers), 'teacher')}; a {per} imported "
                "before is replaced, so importing the same file again counts once; "
                "Ctrl+Z takes the import back."
            )
            set_role(self.verdict, "muted")
            self.import_button.setText(f"Import {plural(check.cells, per)}")
            self.import_button.setEnabled(True)
            self.import_button.setDefault(True)
            self.import_button.setFocus()

    def _refuse(self, text: str) -> None:
        self.verdict.setText(text)
        set_role(self.verdict, "error")
        self.import_button.setText("Import")
        self.import_button.setEnabled(False)
        self.choose_button.setFocus()

    def _on_choose(self) -> None:
        self.choose_and_read()

    def _on_import(self) -> None:
        if self.usage is None or self.check is None or self.check.problems:
            return
        try:
            self._store.require_healthy()  # a bulk write goes only into a whole notebook
            self.imported = import_usage(self._store, str(self._tool_id), self.usage)
        except UsageRejected as rejected:  # the roster changed since the file was read
            self.problems.set_problems(rejected.problems)
            self.table.setVisible(True)
            self._fit_rows()
            self._refuse(f"{rejected}")
            return
        except CoachbookError as exc:
            self._refuse(f"Nothing was imported: {exc}")
            return
        self.result_message = result_message(self.imported, self.usage)
        self.accept()
