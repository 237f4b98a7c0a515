"""Every error written for the coach shares one base class, so a view catches one thing."""

import pytest

from app.backups import CopyRefused
from app.errors import CoachbookError
from app.notebook_file import StoreError
from app.reports.writing import ExportCancelled, ExportError
from app.services.errors import ChangedSinceOpened, NotFound, Refused, ValidationError
from app.services.roster import RosterRejected


@pytest.mark.parametrize(
    "error",
    [
        StoreError,
        ValidationError,
        NotFound,
        Refused,
        ChangedSinceOpened,
        RosterRejected,
        CopyRefused,
        ExportError,
    ],
)
def test_errors_written_for_the_coach_are_coachbook_errors(error):
    assert issubclass(error, CoachbookError)


def test_a_cancelled_export_is_not_an_error():
    assert not issubclass(ExportCancelled, CoachbookError)


def test_a_validation_error_reads_as_its_sentences_one_after_another():
    error = ValidationError({"name": "The Name is empty.", "grade": "Choose a grade."})
    assert str(error) == "The Name is empty. Choose a grade."
