"""The right-hand pane of a list screen: a placeholder until a row is chosen, then its body,
and the layout that keeps its buttons from being clipped when the pane is narrow."""

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.errors import NotFound
from app.views.common.widgets import heading, muted


class DetailPane(QScrollArea):
    def __init__(self, placeholder: str, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.placeholder = muted(placeholder)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._body: QWidget | None = None

    def _titled_body(self, margins=(12, 8, 8, 8)) -> tuple[QWidget, QVBoxLayout]:
        """A body to fill and its layout, begun with the record's `title` and `subtitle`."""
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(*margins)
        self.title = heading("", 5)
        self.title.setWordWrap(True)
        self.subtitle = muted("")
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        return body, layout

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


def read_or_none(read, record_id):
    """What `read(record_id)` gives, or None when no record is chosen or it has gone."""
    if record_id is None:
        return None
    try:
        return read(record_id)
    except NotFound:
        return None


def show_note_actions(note, share_button: QWidget, delete_button: QWidget) -> None:
    """A note's buttons act while one is chosen; the share button offers its other state."""
    share_button.setEnabled(note is not None)
    delete_button.setEnabled(note is not None)
    share_button.setText("Make private" if note and not note.is_private else "Make shareable")


class FlowLayout(QLayout):
    """Buttons in a row that wraps onto the next line when the pane is too narrow for them,
    so a narrow pane never clips an action."""

    def __init__(self, parent=None, spacing: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        visible = [i.sizeHint() for i in self._items if not i.isEmpty()]
        if not visible:
            return QSize(0, 0)
        width = sum(s.width() for s in visible) + self._spacing * (len(visible) - 1)
        return QSize(width, max(s.height() for s in visible))

    def minimumSize(self) -> QSize:
        """As narrow as the widest button: the rest wraps."""
        size = QSize(0, 0)
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, move: bool) -> int:
        x, y, line_height = rect.x(), rect.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y = rect.x(), y + line_height + self._spacing
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()


class WrappedText(QTextEdit):
    """Read-only plain text that wraps even a long unbroken word (a link, an address), so it
    never widens or clips the pane; as tall as its text, up to `max_height`, then it scrolls."""

    def __init__(self, max_height: int = 0, parent=None):
        super().__init__(parent)
        self._max_height = max_height
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)  # reads as text on the pane, not a box
        self.document().setDocumentMargin(0)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)

    def setPlainText(self, text: str) -> None:
        super().setPlainText(text)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self, *_args) -> None:
        self.document().setTextWidth(self.viewport().width())
        height = int(self.document().size().height()) + 2 * self.frameWidth() + 2
        if self._max_height:
            height = min(height, self._max_height)
        if height != self.height():
            self.setFixedHeight(height)
