"""The PICRAT picker: a 3x3 grid, how students use the technology by what it does to teaching.

Rows are the students' engagement (Creative on top, as the matrix is usually drawn), columns
the technology's effect on practice. One cell or none is chosen; choosing it again clears it.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QWidget

from app.models import PicratEngagement, PicratUse
from app.text import (
    ENGAGEMENT_HINTS,
    ENGAGEMENT_LABELS,
    USE_HINTS,
    USE_LABELS,
    picrat_code,
    picrat_words,
)
from app.views.common.style import set_role


class PicratPicker(QWidget):
    sig_changed = Signal(object, object)  # engagement, use (None, None when cleared)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("PICRAT")
        self._chosen: tuple[str | None, str | None] = (None, None)
        self.cells: dict[tuple[str, str], QPushButton] = {}
        grid = QGridLayout(self)
        grid.setSpacing(4)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, use in enumerate(PicratUse, start=1):
            header = QLabel(USE_LABELS[use])
            header.setToolTip(USE_HINTS[use])
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(header, 3, column)
        for row, engagement in enumerate(reversed(PicratEngagement)):
            side = QLabel(ENGAGEMENT_LABELS[engagement])
            side.setToolTip(ENGAGEMENT_HINTS[engagement])
            grid.addWidget(side, row, 0)
            for column, use in enumerate(PicratUse, start=1):
                cell = QPushButton(picrat_code(engagement, use))
                cell.setCheckable(True)
                set_role(cell, "toggle")
                cell.setMinimumSize(64, 40)
                cell.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                words = picrat_words(engagement, use)
                cell.setAccessibleName(words)
                cell.setToolTip(f"{words}\n{ENGAGEMENT_HINTS[engagement]}\n{USE_HINTS[use]}")
                cell.clicked.connect(
                    lambda _checked=False, e=engagement, u=use: self._on_cell(e.value, u.value)
                )
                self.cells[(engagement.value, use.value)] = cell
                grid.addWidget(cell, row, column)

    def chosen(self) -> tuple[str | None, str | None]:
        return self._chosen

    def set_chosen(self, engagement: str | None, use: str | None) -> None:
        """Show a cell as chosen without announcing a change."""
        self._chosen = (engagement, use) if engagement and use else (None, None)
        for key, cell in self.cells.items():
            cell.setChecked(key == self._chosen)

    def _on_cell(self, engagement: str, use: str) -> None:
        if self._chosen == (engagement, use):
            self.set_chosen(None, None)
        else:
            self.set_chosen(engagement, use)
        self.sig_changed.emit(*self._chosen)
