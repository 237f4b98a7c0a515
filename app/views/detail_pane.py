"""The right-hand pane of a list screen: a placeholder until a row is chosen, then its body."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from app.views.widgets import muted


class DetailPane(QScrollArea):
    def __init__(self, placeholder: str, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.placeholder = muted(placeholder)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._body: QWidget | None = None

    def set_body(self, body: QWidget) -> None:
        outer = QWidget()
        layout = QVBoxLayout(outer)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder)
        layout.addWidget(body)
        self._body = body
        self.setWidget(outer)

    def show_body(self, visible: bool) -> None:
        self._body.setVisible(visible)
        self.placeholder.setVisible(not visible)
        if visible:
            self.fit_height()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_height()

    def fit_height(self) -> None:
        """A scroll area ignores height-for-width, so wrapped text would be squeezed: give the
        content at least the height its parts prefer, and what wrapping needs at this width."""
        content = self.widget()
        if content is None:
            return
        layout = content.layout()
        needed = layout.sizeHint().height()
        if layout.hasHeightForWidth():
            needed = max(needed, layout.heightForWidth(self.viewport().width()))
        content.setMinimumHeight(needed)
