"""Help ▸ Keyboard shortcuts: every key the app answers to, from the menus and the screens."""

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.views.common.widgets import heading
from app.views.observations.live_keys import SHORTCUT_ROWS

# Keys that belong to one screen, not to a menu.
SCREEN_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Lists", "Enter", "Open the selected row"),
    ("Lists", "Delete", "Delete the selected teacher, activity or tool (Ctrl+Z undoes it)"),
    ("Today", "D", "Mark the selected session done (today's, this week's or overdue)"),
    ("Today", "R", "Reschedule the selected session"),
    ("Observations", "Ctrl+Shift+E", "Share the chosen observation for calibration"),
    ("Observations", "Ctrl+Shift+A", "Compare it with a colleague's recording"),
    ("Report preview", "Ctrl+= / Ctrl+−", "Zoom the pages in or out"),
    ("Report preview", "Ctrl+0", "Fit the pages to the width again"),
    *SHORTCUT_ROWS,
    ("Sweep table", "Ctrl+Return", "Add a sweep"),
    ("Sweep table", "Ctrl+Delete", "Remove the selected sweep"),
    ("Pilot log", "Enter in “What happened”", "Add the entry to the log"),
    ("Tool errors", "Enter in “What happened”", "Add the error to the tool's log"),
    ("Tool errors", "Delete", "Delete the chosen error (Ctrl+Z undoes it)"),
)


def menu_keys(actions: list[QAction]) -> list[tuple[str, str, str]]:
    """(menu, keys, what) for every menu action that has a shortcut."""
    rows = []
    for action in actions:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if not keys:
            continue
        menu = action.property("menu_title") or "Menu"
        rows.append((menu, keys, action.text().replace("&", "").rstrip("…").strip()))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, actions: list[QAction], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(680, 560)
        self.rows = menu_keys(actions) + list(SCREEN_KEYS)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Find a key or an action")
        self.filter.setAccessibleName("Find a shortcut")
        self.filter.setClearButtonEnabled(True)
        self.table = QTableWidget(len(self.rows), 3)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(("Where", "Keys", "Does"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, cells in enumerate(self.rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Keyboard shortcuts", 3))
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.filter.textChanged.connect(self._on_filter)

    def _on_filter(self, text: str) -> None:
        words = text.casefold().split()
        for row, cells in enumerate(self.rows):
            haystack = " ".join(cells).casefold()
            self.table.setRowHidden(row, not all(w in haystack for w in words))

    def shown_rows(self) -> list[tuple[str, str, str]]:
        return [r for i, r in enumerate(self.rows) if not self.table.isRowHidden(i)]
