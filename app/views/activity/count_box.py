"""A spin box for minutes and counts that keeps a typed minus sign, so the form can refuse
"-20" with a message instead of the plain QSpinBox quietly reading it as 20."""

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QSpinBox


class CountBox(QSpinBox):
    """Whole numbers from `floor` to `maximum` by the arrows; below `floor` only by typing.

    With `none_text`, the value `floor` reads as that text ("Not counted") and typing it
    (or clearing the box) chooses it.
    """

    def __init__(self, maximum: int, floor: int = 0, none_text: str = "", parent=None):
        super().__init__(parent)
        self._floor = floor
        self._none_text = none_text
        self.setRange(-maximum, maximum)
        self.setValue(floor)

    def stepBy(self, steps: int) -> None:
        target = self.value() + steps * self.singleStep()
        if steps < 0 and self.value() >= self._floor:
            target = max(self._floor, target)
        self.setValue(min(self.maximum(), target))

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        flags = super().stepEnabled()
        if self.value() <= self._floor:
            flags &= ~QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return flags

    def textFromValue(self, value: int) -> str:
        if self._none_text and value == self._floor:
            return self._none_text
        return super().textFromValue(value)

    def valueFromText(self, text: str) -> int:
        cleaned = self._cleaned(text)
        if self._none_text and (not cleaned or cleaned.casefold() == self._none_text.casefold()):
            return self._floor
        return super().valueFromText(text)

    def validate(self, text: str, pos: int):
        if self._none_text:
            cleaned = self._cleaned(text)
            if not cleaned or cleaned.casefold() == self._none_text.casefold():
                return QValidator.State.Acceptable, text, pos
            if self._none_text.casefold().startswith(cleaned.casefold()):
                return QValidator.State.Intermediate, text, pos
        return super().validate(text, pos)

    def _cleaned(self, text: str) -> str:
        if self.suffix() and text.endswith(self.suffix()):
            text = text[: -len(self.suffix())]
        return text.strip()
