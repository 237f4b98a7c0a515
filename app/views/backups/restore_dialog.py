"""File ▸ Restore from backup…: pick one of the automatic backups by date and size."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
)

from app.backups import BackupInfo
from app.text import clock_time, weekday_full_date
from app.views.common.table_model import Column, RowsTableModel
from app.views.common.widgets import heading, muted

TAKEN, AGE, SIZE = range(3)


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:,.0f} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1024
    return str(size)


def human_age(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h ago"
    return f"{hours // 24} days ago"


def taken_text(backup: BackupInfo) -> str:
    return f"{weekday_full_date(backup.taken_at.date())}  {clock_time(backup.taken_at)}"


class BackupsTableModel(RowsTableModel):
    def __init__(self, now, parent=None):
        super().__init__(parent)
        self._now = now
        # The age reads the clock handed in, so the columns belong to the model.
        self.COLUMNS = (
            Column("Taken", taken_text),
            Column("Age", lambda b: human_age((self._now - b.taken_at).total_seconds())),
            Column("Size", lambda b: human_size(b.size_bytes)),
        )


class RestoreDialog(QDialog):
    def __init__(self, backups: list[BackupInfo], now, parent=None):
        super().__init__(parent)
        self.chosen: BackupInfo | None = None
        self.setWindowTitle("Restore from backup")
        self.resize(520, 400)
        self.model = BackupsTableModel(now, self)
        self.model.set_rows(backups)
        self._build_layout(bool(backups))
        self._connect_signals()

    def _build_layout(self, has_backups: bool) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Restore from backup", 3))
        layout.addWidget(
            muted(
                "Coachbook backs up your notebook when it opens and every hour while you "
                "work. Restoring replaces what is in the notebook now with the backup you "
                "pick; the current state is backed up first, so you can come back to it."
                if has_backups
                else "There are no backups of this notebook yet. One is taken when the "
                "notebook opens and every hour while you work; File ▸ Back up now takes one."
            )
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Backups")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            "Restore", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(False)
        layout.addWidget(self.buttons)
        if has_backups:
            self.table.selectRow(0)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_restore)
        self.buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(lambda _index: self._on_restore())
        self._on_selection()

    def _on_selection(self, *_args) -> None:
        self.restore_button.setEnabled(self.table.selectionModel().hasSelection())

    def _on_restore(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.chosen = self.model.row_at(rows[0].row())
            self.accept()
