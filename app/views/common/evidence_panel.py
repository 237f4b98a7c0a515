"""Evidence photos of one observation, cycle or pilot: thumbnails with captions.

Attach checks the file (PNG or JPEG, size-limited) in the service and says plainly why a
file was refused. Thumbnails are made once when the owner is shown, never inside `data()`.
Photos may show students, so each reaches the portfolio only when "Include in the
portfolio" is ticked for it.
"""

import uuid
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.errors import NotFound
from app.services.evidence import (
    EvidenceRow,
    attach_evidence,
    delete_evidence,
    evidence_bytes,
    list_evidence,
    restore_evidence,
    set_caption,
    set_in_portfolio,
)
from app.views.common import dialogs
from app.views.common.context import ScreenContext
from app.views.common.deleting import delete_op
from app.views.common.operations import UndoSteps, write_op
from app.views.common.table_model import RowsTableModel, row_of_index
from app.views.common.widgets import muted

THUMB = QSize(132, 99)
IMAGE_FILTER = "Photos and screenshots (*.png *.jpg *.jpeg);;All files (*)"


@dataclass(frozen=True)
class Thumb:
    row: EvidenceRow
    pixmap: QPixmap


def thumbnail(data: bytes) -> QPixmap:
    image = QImage.fromData(data)
    if image.isNull():
        return QPixmap()
    return QPixmap.fromImage(
        image.scaled(
            THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    )


class ThumbsModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._thumbs: list[Thumb] = []

    def set_thumbs(self, thumbs: list[Thumb]) -> None:
        self.beginResetModel()
        self._thumbs = list(thumbs)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._thumbs)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        thumb = self._thumbs[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            caption = thumb.row.caption or thumb.row.filename
            return caption if len(caption) <= 40 else caption[:39] + "…"
        if role == Qt.ItemDataRole.DecorationRole:
            return thumb.pixmap
        if role == Qt.ItemDataRole.ToolTipRole:
            size = f"{thumb.row.width}×{thumb.row.height}" if thumb.row.width else ""
            shown = "In the portfolio" if thumb.row.in_portfolio else "Not in the portfolio"
            return "\n".join(p for p in (thumb.row.caption, thumb.row.filename, size, shown) if p)
        if role == RowsTableModel.ROW_ROLE:
            return thumb.row
        return None


class EvidencePanel(QWidget):
    sig_changed = Signal(str)

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(parent)
        self._context = context
        self._store = context.store
        self._owner: dict[str, uuid.UUID] = {}
        self.model = ThumbsModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Evidence photos")
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setIconSize(THUMB)
        self.view.setGridSize(QSize(THUMB.width() + 16, THUMB.height() + 40))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setWordWrap(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setFixedHeight(THUMB.height() + 56)
        self.empty = muted("No photos yet. Attach a photo of student work or a screenshot.")
        self.attach_button = QPushButton("Attach photo…")
        self.caption_button = QPushButton("Caption…")
        self.delete_button = QPushButton("Remove photo")
        self.portfolio_box = QCheckBox("Include in the portfolio")
        self.portfolio_box.setToolTip(
            "Photos may show students, so a photo goes in the year's portfolio only when "
            "you tick it here."
        )
        buttons = QHBoxLayout()
        for button in (self.attach_button, self.caption_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addWidget(self.portfolio_box)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.attach_button.clicked.connect(self.attach)
        self.caption_button.clicked.connect(self._on_caption)
        self.delete_button.clicked.connect(self._on_delete)
        self.portfolio_box.clicked.connect(self._on_portfolio_clicked)
        self.view.doubleClicked.connect(lambda _i: self._on_caption())
        self.view.selectionModel().currentChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    def show_owner(self, **owner: uuid.UUID) -> None:
        """Show the photos of one owner, e.g. `show_owner(observation_id=...)`."""
        self._owner = owner
        self.reload()

    def reload(self) -> None:
        """Read the owner's photos again, keeping the chosen photo chosen."""
        chosen = self._current()
        rows = list_evidence(self._store, **self._owner) if self._owner else []
        thumbs = []
        for row in rows:
            try:
                thumbs.append(Thumb(row, thumbnail(evidence_bytes(self._store, row.id))))
            except NotFound:
                continue
        self.model.set_thumbs(thumbs)
        if chosen is not None:
            place = next((n for n, t in enumerate(thumbs) if t.row.id == chosen.id), None)
            if place is not None:
                self.view.setCurrentIndex(self.model.index(place))
        self.view.setVisible(bool(thumbs))
        self.empty.setVisible(not thumbs)
        self._update_buttons()

    def _current(self) -> EvidenceRow | None:
        index = self.view.currentIndex()
        return row_of_index(index)

    def _update_buttons(self) -> None:
        row = self._current()
        self.caption_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        self.portfolio_box.setEnabled(row is not None)
        self.portfolio_box.setChecked(row is not None and row.in_portfolio)

    def attach(self) -> None:
        path = dialogs.ask_open_path(self, "Attach a photo or screenshot", IMAGE_FILTER)
        if path is None:
            return
        caption = dialogs.ask_text(self, "Caption", "What does the photo show? (optional)")
        if caption is None:
            return
        owner = dict(self._owner)
        write_op(
            self._context,
            self,
            write=lambda: attach_evidence(
                self._store, path=path, filename=path.name, caption=caption, **owner
            ),
            failure="Photo not attached",
            status=f"Attached {path.name}.",
            refresh=self.reload,
            done=self.sig_changed.emit,
        )

    def _on_caption(self) -> None:
        row = self._current()
        if row is None:
            return
        caption = dialogs.ask_text(self, "Caption", "What does the photo show?")
        if caption is None:
            return
        write_op(
            self._context,
            self,
            write=lambda: set_caption(self._store, row.id, caption),
            failure="Caption not saved",
            status="Saved the caption.",
            refresh=self.reload,
            done=self.sig_changed.emit,
        )

    def _on_portfolio_clicked(self, include: bool) -> None:
        row = self._current()
        if row is None:
            return
        name = row.caption or row.filename
        if include:
            text, status = (
                f"Include “{name}” in the portfolio",
                f"“{name}” will be in the portfolio.",
            )
        else:
            text, status = (
                f"Leave “{name}” out of the portfolio",
                f"“{name}” is left out of the portfolio.",
            )
        write_op(
            self._context,
            self,
            write=lambda: set_in_portfolio(self._store, row.id, include),
            failure="Portfolio choice not saved",
            status=status,
            undo=UndoSteps(
                text,
                undo=lambda: set_in_portfolio(self._store, row.id, not include),
                redo=lambda: set_in_portfolio(self._store, row.id, include),
            ),
            refresh=self.reload,
            done=self.sig_changed.emit,
        )

    def _on_delete(self) -> None:
        row = self._current()
        if row is None:
            return
        delete_op(
            self._context,
            self,
            delete=lambda: delete_evidence(self._store, row.id),
            restore=lambda: restore_evidence(self._store, row.id),
            text=f"Remove the photo {row.filename}",
            status=f"Removed {row.filename} (Ctrl+Z brings it back).",
            failure="Photo not removed",
            refresh=self.reload,
            done=self.sig_changed.emit,
        )
