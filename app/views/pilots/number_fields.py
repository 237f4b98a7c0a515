"""Number fields for the pilot forms that keep what the coach typed.

A plain QSpinBox bounded at 0 drops a typed minus sign ("-20" becomes 20) and refuses digits
past its maximum; these fields keep the number as typed and let the service refuse it with a
message. Only the arrow keys stay within the sensible range.
"""

import re

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QSpinBox

# Wide enough for anything typed by hand; the service says what the sensible range is.
TYPED_LIMIT = 9_999_999


class CountBox(QSpinBox):
    """A whole number: typed values (negative or too large) are kept for the service to
    refuse; the arrows step only from `floor` to `ceiling`."""

    def __init__(self, floor: int, ceiling: int, parent=None):
        super().__init__(parent)
        super().setRange(-TYPED_LIMIT, TYPED_LIMIT)
        self._floor, self._ceiling = floor, ceiling

    def set_bounds(self, floor: int, ceiling: int) -> None:
        self._floor, self._ceiling = floor, ceiling

    def stepBy(self, steps: int) -> None:
        value = min(max(self.value() + steps, self._floor), self._ceiling)
        self.setValue(value)
        self.selectAll()

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self.value() > self._floor:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        if self.value() < self._ceiling:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        return flags


class OptionalNumberEdit(QLineEdit):
    """A number that may be left empty ("not known yet"), with `decimals` places at most.

    Letters can't be typed; a minus sign stays, for the service to refuse.
    """

    def __init__(self, decimals: int = 0, parent=None):
        super().__init__(parent)
        self._decimals = decimals
        fraction = rf"(\.[0-9]{{0,{decimals}}})?" if decimals else ""
        pattern = rf"^\s*[$]?\s*-?[0-9,]*{fraction}\s*$"
        self.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self))

    def number(self) -> float | int | None:
        """The number typed, None when empty; ValueError when it is only a sign or a point."""
        text = re.sub(r"[\s$,]", "", self.text())  # "$1,200" reads as 1200
        if not text:
            return None
        if not re.fullmatch(r"-?[0-9]+(\.[0-9]*)?|-?\.[0-9]+", text):
            raise ValueError(text)
        return float(text) if self._decimals else int(text)

    def set_number(self, value: float | int | None) -> None:
        if value is None:
            self.setText("")
        elif self._decimals:
            self.setText(f"{value:.{self._decimals}f}")
        else:
            self.setText(str(value))
