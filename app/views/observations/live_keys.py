"""The live recorder's keys: one table that the recorder answers to and Help ▸ Keyboard
shortcuts lists, and the handler that reads it."""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from app.views.observations.live_layout import FORMAT_KEYS

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@dataclass(frozen=True)
class RecorderKey:
    shown: str  # as the shortcuts list spells it
    what: str
    # Plain keys (Shift allowed) and what they do; none where the handler decides by the
    # field the key was pressed in (Enter, digits, Ctrl+Z, Ctrl+E).
    keys: tuple[Qt.Key, ...] = ()
    act: Callable[["RecorderKeys", Qt.Key], None] | None = None


LIVE_KEYS: tuple[RecorderKey, ...] = (
    RecorderKey("0–9, then Enter", "Save the sweep: how many students are on task"),
    RecorderKey(
        "+ or =",
        "One more on task than typed, or than the last sweep",
        (Key.Key_Plus, Key.Key_Equal),
        lambda recorder, _key: recorder.adjust(+1),
    ),
    RecorderKey(
        "−",
        "One fewer on task",
        (Key.Key_Minus, Key.Key_Underscore),
        lambda recorder, _key: recorder.adjust(-1),
    ),
    RecorderKey(
        "A",
        "All students on task (saves the sweep)",
        (Key.Key_A,),
        lambda recorder, _key: recorder.all_on_task(),
    ),
    RecorderKey(
        "↑ / ↓",
        "One more or fewer student present",
        (Key.Key_Up, Key.Key_Down),
        lambda recorder, key: recorder.present.setValue(
            recorder.present.value() + (1 if key == Key.Key_Up else -1)
        ),
    ),
    RecorderKey(
        "W S I T",
        "Activity format: whole group, small group, independent, transition",
        tuple(FORMAT_KEYS),
        lambda recorder, key: recorder.set_format(FORMAT_KEYS[key].value),
    ),
    RecorderKey(
        "N",
        "Write a note on this sweep",
        (Key.Key_N,),
        lambda recorder, _key: recorder.sweep_note.setFocus(),
    ),
    RecorderKey(
        "E",
        "Write a time-stamped evidence note",
        (Key.Key_E,),
        lambda recorder, _key: recorder.evidence.setFocus(),
    ),
    RecorderKey(
        "Esc",
        "Back to the count",
        (Key.Key_Escape,),
        lambda recorder, _key: recorder.back_to_count(clear=True),
    ),
    RecorderKey(
        "P",
        "Pause or resume the clock",
        (Key.Key_P,),
        lambda recorder, _key: recorder.toggle_pause(),
    ),
    RecorderKey("Ctrl+Z", "Take back the last sweep"),
    RecorderKey("Ctrl+E", "End the lesson and see the summary"),
)
SHORTCUT_ROWS: tuple[tuple[str, str, str], ...] = tuple(
    ("Live recorder", key.shown, key.what) for key in LIVE_KEYS
)
_PLAIN_KEYS = {key: entry.act for entry in LIVE_KEYS for key in entry.keys}


class RecorderKeys:
    """The key handling of `LiveRecorder`: text fields keep their letters, Esc comes back to
    the count, Enter is handled once wherever it was pressed."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and self.observation_id is not None
            and self.handle_key(watched, event)
        ):
            return True
        return super().eventFilter(watched, event)

    def back_to_count(self, clear: bool = False) -> None:
        if clear:
            self.count.clear()
        self.count.setFocus()

    def handle_key(self, watched: QObject, event: QKeyEvent) -> bool:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        notes = (self.sweep_note, self.evidence)
        if key == Key.Key_E and modifiers == CTRL:
            self.end_lesson()
            return True
        if key == Key.Key_Z and modifiers == CTRL and watched not in notes:
            # The count field would undo its own typing; here Ctrl+Z takes back the sweep.
            self._context.undo_stack.undo()
            self.back_to_count()
            return True
        if key in (Key.Key_Return, Key.Key_Enter):
            return self._on_enter(watched)
        if watched in notes:
            if key == Key.Key_Escape:
                self.back_to_count()
                return True
            return False
        if modifiers not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            return False
        act = _PLAIN_KEYS.get(key)
        if act is not None:
            act(self, key)
            return True
        if not Key.Key_0 <= key <= Key.Key_9:
            return False
        if watched is self.count or watched in (self.present, self.present.lineEdit()):
            return False  # the field's own digits
        self.count.setFocus()
        self.count.insert(event.text())
        return True

    def _on_enter(self, watched: QObject) -> bool:
        """Enter, wherever it was pressed: once, and never passed on to be handled again."""
        if watched is self.evidence:
            self.save_evidence_note()
        elif watched in (self.present, self.present.lineEdit()):
            self.present.interpretText()
            self._on_present_changed(self.present.value())
            if self.typed_count() is None:
                self._say("Now type how many are on task, then press Enter.")
                self.count.setFocus()
            else:
                self.save_sweep()
        else:
            self.save_sweep()
        return True
