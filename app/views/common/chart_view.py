"""A chart from app/charts.py shown as SVG on a card in the chart's own background colour.

The chart is drawn again for the width it gets, so its text stays the same size in a narrow
pane and a wide one; only the proportions change, never the lettering. In a dark palette it
is drawn in the charts' dark colours, and again whenever the palette changes.
"""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget
from reportlab.graphics.shapes import Drawing

from app.charts import DARK, PAPER, ChartColours, drawn_in, to_svg
from app.views.common.style import is_dark

# Screen pixels per chart point: 8 pt chart text reads as about 10 px, like the app's text.
PIXELS_PER_POINT = 1.3
MIN_WIDTH_PT = 180
REDRAW_STEP_PX = 12

ChartMaker = Callable[[float, float], Drawing]  # (width, height) in points -> Drawing


class ChartView(QWidget):
    """The same drawing the PDF prints, so the coach sees what the principal gets."""

    def __init__(self, name: str, height_pt: float = 190, parent=None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self._renderer = QSvgRenderer(self)
        self._make: ChartMaker | None = None
        self._height_pt = height_pt
        self._drawn_width = -1
        self._colours: ChartColours = PAPER
        self.svg = b""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(round(height_pt * PIXELS_PER_POINT))

    def set_chart(self, make: ChartMaker, description: str = "") -> None:
        """Show the chart `make(width, height)` draws; redrawn when the width changes."""
        self._make = make
        # Screen readers get the chart's figures in words.
        self.setAccessibleDescription(description)
        self.setToolTip(description)
        self._draw(self.width())

    def _draw(self, width_px: int) -> None:
        if self._make is None:
            return
        width_pt = max(MIN_WIDTH_PT, width_px / PIXELS_PER_POINT)
        self._colours = DARK if is_dark() else PAPER
        with drawn_in(self._colours):
            self.svg = to_svg(self._make(width_pt, self._height_pt))
        self._renderer.load(self.svg)
        self._drawn_width = width_px
        self.update()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if abs(self.width() - self._drawn_width) >= REDRAW_STEP_PX:
            self._draw(self.width())

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        palette_events = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in palette_events and (DARK if is_dark() else PAPER) is not self._colours:
            self._draw(self.width())

    def sizeHint(self) -> QSize:
        return QSize(480, self.height())

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect())
        painter.setPen(Qt.PenStyle.NoPen)
        card = self._colours.background
        painter.setBrush(QColor.fromRgbF(card.red, card.green, card.blue))
        painter.drawRoundedRect(area, 6, 6)
        if not self._renderer.isValid():
            return
        size = self._renderer.defaultSize()
        scale = min(area.width() / max(1, size.width()), area.height() / max(1, size.height()))
        width, height = size.width() * scale, size.height() * scale
        self._renderer.render(
            painter,
            QRectF(area.x() + (area.width() - width) / 2, area.y(), width, height),
        )
