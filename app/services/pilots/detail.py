"""Everything a pilot's view shows, read in one unit of work: one pilot's, or many at once."""

import itertools
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from app.services.pilots.common import EnrolledTeacher, live_pilot, load_states
from app.services.pilots.decision import DecisionView, decision_view
from app.services.pilots.pilot_log import LogRow, LogTotals, log_rows, totals_of
from app.services.pilots.record import PilotForm, PilotRow, form_of, pilot_row
from app.services.pilots.statements import StatementResults, statement_results
from app.services.pilots.surveys import SurveyResults, answer_rows, results_of, survey_rows
from app.services.pilots.usage import UsageGrid, grid_of
from app.services.pilots.vetting import VettingView, vetting_view
from app.store import Store


@dataclass(frozen=True)
class PilotDetail:
    row: PilotRow
    form: PilotForm
    teachers: list[EnrolledTeacher]
    vetting: VettingView
    log: list[LogRow]
    log_totals: LogTotals
    usage: UsageGrid
    surveys: SurveyResults
    statements: StatementResults  # the surveys statement by statement
    decision: DecisionView
    # When the pilot record was last saved: forms hand it back so a later change is noticed.
    updated_at: datetime


def pilot_detail(store: Store, pilot_id: uuid.UUID, today: date) -> PilotDetail:
    """One pilot's view; NotFound when it is missing or deleted."""
    with store.session() as session:
        live_pilot(session, pilot_id)
        return _details(session, [pilot_id], today)[pilot_id]


def pilot_details(
    store: Store, pilot_ids: list[uuid.UUID], today: date
) -> dict[uuid.UUID, PilotDetail]:
    """The views of the live pilots among `pilot_ids`, by id, read together in a few queries
    (the portfolio gathers every pilot of a year at once)."""
    if not pilot_ids:
        return {}
    with store.session() as session:
        return _details(session, pilot_ids, today)


def _details(
    session: Session, pilot_ids: list[uuid.UUID], today: date
) -> dict[uuid.UUID, PilotDetail]:
    states = load_states(session, pilot_ids)
    ids = [state.pilot.id for state in states]
    logs = log_rows(session, {state.pilot.id: state.pilot.start_date for state in states})
    surveys = survey_rows(session, ids)
    answers = answer_rows(session, ids)
    scores: dict[uuid.UUID, list[int]] = {}
    for answer in itertools.chain.from_iterable(answers.values()):
        scores.setdefault(answer.survey_id, []).append(answer.score)
    details = {}
    for state in states:
        pilot = state.pilot
        log = logs[pilot.id]
        results = results_of(state, surveys[pilot.id], scores)
        details[pilot.id] = PilotDetail(
            row=pilot_row(state, today),
            form=form_of(pilot),
            teachers=list(state.teachers),
            vetting=vetting_view(state),
            log=log,
            log_totals=totals_of(state, log),
            usage=grid_of(state, today),
            surveys=results,
            statements=statement_results(results.teachers, answers[pilot.id]),
            decision=decision_view(state, today),
            updated_at=pilot.updated_at,
        )
    return details
