"""No silent lost update: saving a pilot form opened before another change to the pilot is
refused with ChangedSinceOpened until the coach chooses whose version to keep."""

from datetime import date

import pytest

from app.services.errors import Refused
from app.services.pilots import (
    ChangedSinceOpened,
    DecisionForm,
    PilotForm,
    create_pilot,
    pilot_detail,
    record_decision,
    update_pilot,
)
from app.store import Store

TODAY = date(2026, 11, 25)


def edit_form(store: Store, pilot_id) -> PilotForm:
    """The pilot's record as the edit form opens with it."""
    return pilot_detail(store, pilot_id, TODAY).form


@pytest.fixture
def pilot(store: Store):
    return create_pilot(store, PilotForm(tool="Nearpod", start_date=date(2026, 10, 19)))


def test_an_edit_saved_after_another_change_is_refused_until_the_coach_chooses(store, pilot):
    opened = pilot_detail(store, pilot, TODAY).updated_at
    mine = edit_form(store, pilot)
    mine.vendor = "Nearpod Inc."
    theirs = edit_form(store, pilot)
    theirs.licences = 90
    update_pilot(store, pilot, theirs, opened_at=opened)

    with pytest.raises(ChangedSinceOpened, match="Nearpod was changed since you opened the form"):
        update_pilot(store, pilot, mine, opened_at=opened)
    assert edit_form(store, pilot).licences == 90

    update_pilot(store, pilot, mine, opened_at=None)  # "Keep yours"
    assert (edit_form(store, pilot).vendor, edit_form(store, pilot).licences) == (
        "Nearpod Inc.",
        None,
    )


def test_a_form_saved_with_the_stamp_it_was_opened_with_saves(store, pilot):
    edit = edit_form(store, pilot)
    edit.vendor = "Nearpod Inc."

    update_pilot(store, pilot, edit, opened_at=pilot_detail(store, pilot, TODAY).updated_at)

    assert edit_form(store, pilot).vendor == "Nearpod Inc."


def test_a_decision_written_before_an_edit_is_refused_until_the_coach_chooses(store, pilot):
    opened = pilot_detail(store, pilot, TODAY).updated_at
    edit = edit_form(store, pilot)
    edit.tool = "Nearpod Premium"
    update_pilot(store, pilot, edit)
    decided = DecisionForm("adopted", "Teachers kept using it.", TODAY)

    with pytest.raises(ChangedSinceOpened) as excinfo:
        record_decision(store, pilot, decided, opened_at=opened)
    assert isinstance(excinfo.value, Refused)  # views that catch Refused still say why
    assert pilot_detail(store, pilot, TODAY).decision.decision is None

    record_decision(store, pilot, decided, opened_at=None)
    assert pilot_detail(store, pilot, TODAY).decision.decision == "adopted"
