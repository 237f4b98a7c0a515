"""Everything one pilot's view shows, read in one unit of work."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from app.services.pilots.common import EnrolledTeacher, load_state
from app.services.pilots.decision import DecisionView, decision_view
from app.services.pilots.pilot_log import LogRow, LogTotals, log_rows, totals_of
from app.services.pilots.record import PilotForm, PilotRow, form_of, pilot_row
from app.services.pilots.statements import StatementResults, statement_results
from app.services.pilots.surveys import SurveyResults, results_of
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
    with store.session() as session:
        state = load_state(session, pilot_id)
        pilot = state.pilot
        log = log_rows(session, pilot.id, pilot.start_date)
        surveys = results_of(session, state)
        return PilotDetail(
            row=pilot_row(state, today),
            form=form_of(pilot),
            teachers=list(state.teachers),
            vetting=vetting_view(state),
            log=log,
            log_totals=totals_of(state, log),
            usage=grid_of(state, today),
            surveys=surveys,
            statements=statement_results(session, surveys.teachers),
            decision=decision_view(state, today),
            updated_at=pilot.updated_at,
        )
