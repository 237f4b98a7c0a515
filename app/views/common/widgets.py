"""Small shared widgets: inline field messages, section headings, honest empty states."""

from PySide6.QtCore import QEvent, QItemSelectionModel, QSize, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.views.common.style import set_role


def widget_shortcut(key, widget: QWidget, slot) -> QShortcut:
    """A key that acts only while `widget` has focus.

    Built without the callable overload: PySide6 ignores `context` when given a callable,
    which would make the shortcut window-wide (and ambiguous between screens).
    """
    shortcut = QShortcut(QKeySequence(key), widget, context=Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(slot)
    return shortcut


def select_data(combo, value, fallback: int | None = None) -> bool:
    """Choose the item whose data equals `value`; else the item at `fallback`, if given.

    QComboBox.findData compares Python objects by identity, so equal UUIDs never match.
    Returns whether `value` was found.
    """
    for index in range(combo.count()):
        if combo.itemData(index) == value:
            combo.setCurrentIndex(index)
            return True
    if fallback is not None:
        combo.setCurrentIndex(fallback)
    return False


def select_row(table: QTableView, index) -> bool:
    """Make `index` current and visible, or the first row when it is hidden or invalid.

    Returns False when the list shows no rows at all.
    """
    if index is None or not index.isValid():
        index = table.model().index(0, 0)
    if not index.isValid():
        return False
    table.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    table.scrollTo(index)
    return True


def rows_table(model, name: str) -> QTableView:
    """A small table in a pane: one whole row chosen at a time, no row numbers, no wrapping."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    return table


def list_table(
    model,
    name: str,
    sort_column: int,
    order: Qt.SortOrder,
    stretch_column: int,
    widths: dict[int, int],
) -> QTableView:
    """A screen's main list: sortable rows, one selected at a time, uniform row heights
    (which keep filtering over a thousand rows within a frame), and one column that takes
    the width left so every column fits without scrolling sideways."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSortingEnabled(True)
    table.sortByColumn(sort_column, order)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    rows = table.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 14)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(48)
    for column, width in widths.items():
        table.setColumnWidth(column, width)
    return table


def filter_box(placeholder: str, name: str) -> QLineEdit:
    """A list screen's filter box, with a clear button."""
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    edit.setAccessibleName(name)
    return edit


def choice_combo(name: str, choices=(), fit_contents: bool = False) -> QComboBox:
    """A combo of (label, data) choices; `fit_contents` sizes it to its longest label."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    for label, value in choices:
        combo.addItem(label, value)
    if fit_contents:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def title_bar(title: str, filter_edit: QLineEdit, *widgets: QWidget) -> QHBoxLayout:
    """A list screen's top line: its heading, the filter box taking the width left, then
    `widgets` in order."""
    bar = QHBoxLayout()
    bar.addWidget(heading(title))
    bar.addSpacing(12)
    bar.addWidget(filter_edit, 1)
    for widget in widgets:
        bar.addWidget(widget)
    return bar


class DayDateEdit(QDateEdit):
    """A date field whose ↑ and ↓ (and the wheel) on the day or weekday move one day.

    QDateEdit steps a weekday ("Tue") within its week and a day number within its month:
    ↓ on Tue Dec 1 gave Mon Dec 7, and ↓ on the 1st did nothing.
    """

    def _on_day(self) -> bool:
        return self.currentSection() == QDateTimeEdit.Section.DaySection

    def stepBy(self, steps: int) -> None:
        if not self._on_day():
            super().stepBy(steps)
            return
        edit = self.lineEdit()
        cursor = edit.cursorPosition()
        self.setDate(self.date().addDays(steps))
        # Keep the caret in the part that was stepped, so the next ↓ steps it again.
        edit.setCursorPosition(min(cursor, len(edit.text())))
        self.setSelectedSection(self.currentSection())

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        if not self._on_day():
            return super().stepEnabled()
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self.date() < self.maximumDate():
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        if self.date() > self.minimumDate():
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return flags


# Room a dialog leaves on the screen for the title bar the window manager adds.
TITLE_BAR_ROOM = 48


class ScrollingPane(QScrollArea):
    """A dialog's fields: as tall as they are when the screen has room, scrolling when not
    (a 1024x600 screen once field messages appear), so the buttons below stay in view."""

    def __init__(self, content: QWidget, parent=None):
        super().__init__(parent)
        self._wheel_safe: list[QWidget] = []
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content.installEventFilter(self)
        # The wheel scrolls the fields; it changes a choice or a number only once that field
        # has been clicked or tabbed into, so scrolling never changes a setting unseen.
        self._wheel_safe = content.findChildren(QComboBox) + content.findChildren(QAbstractSpinBox)
        for field in self._wheel_safe:
            field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            field.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        # The fields' layout changed (a message shown): the dialog asks for a new size.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        if (
            event.type() == QEvent.Type.Wheel
            and watched in self._wheel_safe
            and not watched.hasFocus()
        ):
            QApplication.sendEvent(self.viewport(), event)
            return True
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        content = self.widget().sizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(content.width() + bar, content.height() + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        content = self.widget().minimumSizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(content.width() + bar, min(content.height(), 160))


def fields_above_buttons(dialog: QWidget, parts, buttons: QWidget) -> ScrollingPane:
    """Lay out `dialog`: its `parts` (layouts and widgets, top to bottom) in a ScrollingPane,
    and `buttons` below it, always in view. Returns the pane."""
    fields = QWidget()
    fields_layout = QVBoxLayout(fields)
    fields_layout.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        if isinstance(part, QLayout):
            fields_layout.addLayout(part)
        else:
            fields_layout.addWidget(part)
    fields_layout.addStretch()
    pane = ScrollingPane(fields)
    layout = QVBoxLayout(dialog)
    layout.addWidget(pane)
    layout.addWidget(buttons)
    return pane


def fit_to_screen(dialog: QWidget) -> None:
    """Never taller than the screen it opens on, title bar included; grow to show what was
    added (a field message) as far as the screen allows."""
    screen = dialog.screen()
    tallest = dialog.maximumHeight()
    if screen is not None:
        tallest = screen.availableGeometry().height() - TITLE_BAR_ROOM
        dialog.setMaximumHeight(tallest)
    # Messages just shown change the size hints only once their layouts have run.
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    # Not adjustSize(): it stops a window at two thirds of the screen.
    hint = dialog.sizeHint().expandedTo(dialog.minimumSize())
    if dialog.isVisible():
        hint = hint.expandedTo(dialog.size())
    dialog.resize(hint.width(), min(hint.height(), tallest))


class FieldMessage(QLabel):
    """A short message under a form field, shown only while the value is wrong."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("fieldMessage")
        self.setWordWrap(True)
        set_role(self, "error")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.hide()

    def show_message(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))


def heading(text: str, size_delta: int = 6) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names like "<b>" show as typed
    font = label.font()
    font.setPointSize(font.pointSize() + size_delta)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    set_role(label, "muted")
    label.setWordWrap(True)
    return label


class EmptyState(QWidget):
    """A calm, centred message with optional actions, for screens with nothing to show."""

    def __init__(self, title: str, message: str, actions=(), parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        title_label = heading(title, 8)
        title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title_label)
        body = muted(message)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setFixedWidth(520)
        # A centred, wrapped label gets no height-for-width from the layout: give it one.
        body.setMinimumHeight(body.heightForWidth(520))
        layout.addWidget(body, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(8)
        self.buttons: dict[str, QPushButton] = {}
        for number, (label, slot) in enumerate(actions):
            button = QPushButton(label)
            if number == 0:
                set_role(button, "primary")
            button.setMinimumWidth(220)
            button.setMinimumHeight(36)
            button.clicked.connect(slot)
            self.buttons[label] = button
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
