"""Evidence photos opt in to the portfolio one by one: photos may show students."""

from datetime import date

import pytest

from app.models import Observation, Teacher
from app.services.errors import NotFound
from app.services.evidence import (
    attach_evidence,
    delete_evidence,
    list_evidence,
    set_in_portfolio,
)
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


def _attach(store, observation_id, name):
    return attach_evidence(store, data=png_bytes(), filename=name, observation_id=observation_id)


def test_a_new_photo_is_left_out_of_the_portfolio_until_ticked(store, observation_id):
    board = _attach(store, observation_id, "board.png")
    chart = _attach(store, observation_id, "chart.png")

    assert [r.in_portfolio for r in list_evidence(store)] == [False, False]
    assert list_evidence(store, in_portfolio=True) == []

    set_in_portfolio(store, chart, True)

    assert [r.id for r in list_evidence(store, in_portfolio=True)] == [chart]
    assert [r.id for r in list_evidence(store, in_portfolio=False)] == [board]
    assert [r.in_portfolio for r in list_evidence(store, observation_id=observation_id)] == [
        False,
        True,
    ]


def test_unticking_takes_the_photo_out_again(store, observation_id):
    chart = _attach(store, observation_id, "chart.png")
    set_in_portfolio(store, chart, True)
    set_in_portfolio(store, chart, False)
    assert list_evidence(store, in_portfolio=True) == []


def test_a_removed_photo_cannot_be_ticked(store, observation_id):
    chart = _attach(store, observation_id, "chart.png")
    delete_evidence(store, chart)
    with pytest.raises(NotFound):
        set_in_portfolio(store, chart, True)


def test_the_demo_ticks_its_charts_and_screenshots_but_not_the_whiteboard_photo(demo_store):
    ticked = {r.filename.split("-")[0]: r.in_portfolio for r in list_evidence(demo_store)}
    assert ticked == {"chart": True, "whiteboard": False, "screenshot": True, "growth": True}
