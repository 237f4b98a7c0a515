"""A screen built the first time it is shown, so start-up pays only for the first screen."""

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyScreen(QWidget):
    def __init__(self, build: Callable[[], QWidget], parent=None):
        super().__init__(parent)
        self._build = build
        self.screen: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> QWidget:
        """The screen, built now if it has not been yet."""
        if self.screen is None:
            self.screen = self._build()
            self.layout().addWidget(self.screen)
            # A child added to a widget that is already showing stays hidden unless shown.
            self.screen.show()
        return self.screen

    def showEvent(self, event) -> None:
        self.ensure()
        super().showEvent(event)
