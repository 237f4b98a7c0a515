"""The evidence panel's "Include in the portfolio" box: off for a new photo, saved at once,
undone with Ctrl+Z, and it follows the chosen photo."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.models import Observation, Teacher
from app.services.evidence import attach_evidence, list_evidence
from app.views.common.context import ScreenContext
from app.views.common.evidence_panel import EvidencePanel
from tests.images import png_bytes


@pytest.fixture
def observation_id(store):
    with store.session() as session:
        teacher = Teacher(name="Ms. Rivera")
        session.add(teacher)
        session.flush()
        observation = Observation(teacher_id=teacher.id, observed_on=date(2026, 11, 3))
        session.add(observation)
        return observation.id


@pytest.fixture
def panel(qtbot, store, observation_id, recorder):
    for name in ("board.png", "chart.png"):
        attach_evidence(
            store,
            data=png_bytes(64, 48),
            filename=name,
            caption=name,
            observation_id=observation_id,
        )
    widget = EvidencePanel(ScreenContext(store))
    qtbot.addWidget(widget)
    widget.show_owner(observation_id=observation_id)
    widget.show()
    return widget


def _choose(panel, row: int) -> None:
    panel.view.setCurrentIndex(panel.model.index(row))


def _ticked(store) -> dict[str, bool]:
    return {r.filename: r.in_portfolio for r in list_evidence(store)}


def test_the_box_is_off_for_a_new_photo(panel):
    box = panel.portfolio_box
    assert box.text() == "Include in the portfolio"
    _choose(panel, 0)
    assert box.isEnabled() and not box.isChecked()
    assert "Not in the portfolio" in panel.model.index(0).data(Qt.ItemDataRole.ToolTipRole)


def test_the_box_waits_for_a_photo(qtbot, store):
    widget = EvidencePanel(ScreenContext(store))
    qtbot.addWidget(widget)
    assert not widget.portfolio_box.isEnabled()


def test_ticking_saves_at_once_and_ctrl_z_takes_it_back(qtbot, panel, store):
    messages = []
    panel.sig_changed.connect(messages.append)
    _choose(panel, 1)
    qtbot.mouseClick(panel.portfolio_box, Qt.MouseButton.LeftButton)

    assert _ticked(store) == {"board.png": False, "chart.png": True}
    assert panel.portfolio_box.isChecked()
    assert panel.view.currentIndex().row() == 1  # still the chart after the reload
    assert messages == ["“chart.png” will be in the portfolio."]
    assert "In the portfolio" in panel.model.index(1).data(Qt.ItemDataRole.ToolTipRole)

    stack = panel._context.undo_stack
    assert stack.undoText() == "Include “chart.png” in the portfolio"
    stack.undo()
    assert _ticked(store) == {"board.png": False, "chart.png": False}
    assert not panel.portfolio_box.isChecked()
    stack.redo()
    assert _ticked(store)["chart.png"]
    assert panel.portfolio_box.isChecked()


def test_the_box_follows_the_chosen_photo(qtbot, panel, store):
    _choose(panel, 1)
    qtbot.mouseClick(panel.portfolio_box, Qt.MouseButton.LeftButton)
    _choose(panel, 0)
    assert not panel.portfolio_box.isChecked()
    _choose(panel, 1)
    assert panel.portfolio_box.isChecked()
