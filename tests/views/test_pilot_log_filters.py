"""The Log tab's filters: by kind, by teacher and unresolved errors only, alone and together."""

from datetime import date, timedelta

import pytest

from app.services.pilots import LogEntryForm, PilotForm, add_log_entry, create_pilot, pilot_detail
from app.services.teachers import TeacherForm, save_teacher
from app.views.common.context import ScreenContext
from app.views.pilots.log_tab import WHAT, LogTab

TODAY = date(2026, 11, 25)
START = date(2026, 10, 19)


@pytest.fixture
def teachers(store):
    return [save_teacher(store, TeacherForm(name=n)).id for n in ("Ana Ruiz", "Ben Okafor")]


@pytest.fixture
def pilot(store, teachers):
    pilot = create_pilot(store, PilotForm(tool="Quizlet", start_date=START), teachers)
    for days, kind, teacher, what, resolved in (
        (0, "technical_error", teachers[0], "Fixed error", True),
        (1, "technical_error", teachers[1], "Open error", False),
        (2, "note", teachers[0], "A note", False),
    ):
        form = LogEntryForm(START + timedelta(days=days), kind, what, teacher_id=teacher)
        form.resolved = resolved
        add_log_entry(store, pilot, form)
    return pilot


@pytest.fixture
def log(qtbot, store, pilot):
    tab = LogTab(ScreenContext(store, today=lambda: TODAY))
    qtbot.addWidget(tab)
    tab.show_pilot(pilot_detail(store, pilot, TODAY))
    return tab


def shown(log: LogTab) -> list[str]:
    return [log.model.index(row, WHAT).data() for row in range(log.model.rowCount())]


def test_every_entry_shows_newest_first(log):
    assert shown(log) == ["A note", "Open error", "Fixed error"]


def pick(combo, text: str) -> None:
    """Choose an item as the coach does, by the words it shows."""
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def test_the_log_filters_by_kind_teacher_and_unresolved_errors(log):
    pick(log.filter_kind, "Technical error")
    assert shown(log) == ["Open error", "Fixed error"]

    pick(log.filter_kind, "Every kind")
    pick(log.filter_teacher, "Ana Ruiz")
    assert shown(log) == ["A note", "Fixed error"]

    pick(log.filter_teacher, "Everyone")
    log.unresolved.setChecked(True)
    assert shown(log) == ["Open error"]

    log.unresolved.setChecked(False)
    pick(log.filter_kind, "Note")
    pick(log.filter_teacher, "Ben Okafor")
    assert shown(log) == []
