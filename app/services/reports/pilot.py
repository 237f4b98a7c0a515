"""The pilot report's data: checks, use, surveys, the recommendation and the decision."""

import uuid
from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from app.models import Note
from app.services.evidence import list_evidence
from app.services.pilots import PilotDetail, pilot_detail
from app.services.reports.shared import Byline, Photo, SharedNote, byline, photos_of
from app.store import Store
from app.text import month_day


@dataclass(frozen=True)
class CheckLine:
    label: str
    result: str  # pass, fail, unknown
    result_label: str
    evidence: str
    essa: str | None


@dataclass(frozen=True)
class WeekUseLine:
    label: str  # "Sep 8" or "Wk 1"
    pct: float


@dataclass(frozen=True)
class SurveyLine:
    teacher_name: str
    pre_mean: float | None
    post_mean: float | None
    change: float | None


@dataclass(frozen=True)
class PilotReportData:
    byline: Byline
    pilot_id: uuid.UUID
    tool: str
    vendor: str
    learning_objective: str
    standards: str
    status_label: str
    start_date: date | None
    last_day: date | None
    length_weeks: int
    teachers: list[str]
    checks: list[CheckLine]
    essa: str | None
    cost_text: str
    cost_under_line: bool | None
    log_entries: int
    log_errors: int
    log_unresolved: int
    minutes_lost: int
    utilisation: list[WeekUseLine]  # weeks run so far
    utilisation_pct: float | None
    utilisation_text: str
    floor_pct: float
    surveys: list[SurveyLine]
    survey_summary: str
    recommendation: str
    recommendation_label: str
    reasons: list[str]
    awaiting_decision: bool
    decision_label: str | None
    rationale: str
    decision_date: date | None
    notice_text: str | None
    notes: list[SharedNote]  # shareable only
    photos: list[Photo]


def pilot_report_data(
    store: Store, pilot_id: uuid.UUID, today: date, *, with_photos: bool = True
) -> PilotReportData:
    """One pilot for the principal or director: checks, use, surveys and the decision."""
    detail = pilot_detail(store, pilot_id, today)
    return pilot_report(
        detail,
        byline(store, today),
        shared_pilot_notes(store, pilot_ids=[pilot_id]).get(pilot_id, []),
        photos_of(store, list_evidence(store, pilot_id=pilot_id)) if with_photos else [],
    )


def pilot_outcome(pilot: PilotReportData) -> str:
    """The decision if there is one, else where the pilot stands."""
    if pilot.decision_label:
        return pilot.decision_label
    if pilot.awaiting_decision:
        return f"awaiting a decision (recommended: {pilot.recommendation_label})"
    return f"{pilot.status_label.lower()}, no decision yet"


def pilot_report(
    detail: PilotDetail, common: Byline, notes: list[SharedNote], photos: list[Photo]
) -> PilotReportData:
    row, usage, verdict = detail.row, detail.usage, detail.decision
    weeks = []
    for n, pct in enumerate(usage.week_pct):
        if pct is None:
            continue
        if usage.week_starts:
            start = usage.week_starts[n]
            label = month_day(start)
        else:
            label = f"Wk {n + 1}"
        weeks.append(WeekUseLine(label, pct))
    essa = next((c.essa_label for c in detail.vetting.checks if c.essa_label), None)
    return PilotReportData(
        byline=common,
        pilot_id=row.id,
        tool=row.tool,
        vendor=row.vendor,
        learning_objective=detail.form.learning_objective,
        standards=detail.form.standards,
        status_label=row.status_label,
        start_date=row.start_date,
        last_day=row.last_day,
        length_weeks=row.length_weeks,
        teachers=[t.name for t in detail.teachers],
        checks=[
            CheckLine(
                c.label,
                c.result,
                c.result_label,
                c.evidence,
                c.essa_label,
            )
            for c in detail.vetting.checks
        ],
        essa=essa,
        cost_text=detail.vetting.cost.text,
        cost_under_line=detail.vetting.cost.under_line,
        log_entries=detail.log_totals.entries,
        log_errors=detail.log_totals.errors,
        log_unresolved=detail.log_totals.unresolved,
        minutes_lost=detail.log_totals.minutes_lost,
        utilisation=weeks,
        utilisation_pct=usage.utilisation_pct,
        utilisation_text=usage.summary,
        floor_pct=usage.floor_pct,
        surveys=[
            SurveyLine(t.teacher_name, t.pre_mean, t.post_mean, t.change)
            for t in detail.surveys.teachers
            if t.pre_mean is not None or t.post_mean is not None
        ],
        survey_summary=detail.surveys.summary,
        recommendation=verdict.recommendation,
        recommendation_label=verdict.recommendation_label,
        reasons=verdict.reasons,
        awaiting_decision=verdict.awaiting_decision,
        decision_label=verdict.decision_label,
        rationale=verdict.rationale,
        decision_date=verdict.decision_date,
        notice_text=verdict.notice_text,
        notes=notes,
        photos=photos,
    )


def shared_pilot_notes(store: Store, *, pilot_ids: list[uuid.UUID]) -> dict[uuid.UUID, list]:
    """Shareable notes on these pilots, oldest first, by pilot."""
    if not pilot_ids:
        return {}
    with store.session() as session:
        notes = session.exec(
            select(Note)
            .where(
                col(Note.pilot_id).in_(pilot_ids),
                col(Note.is_private).is_(False),
                col(Note.deleted_at).is_(None),
            )
            .order_by(col(Note.created_at), col(Note.id))
        ).all()
    grouped: dict[uuid.UUID, list[SharedNote]] = {}
    for note in notes:
        grouped.setdefault(note.pilot_id, []).append(
            SharedNote(note.created_at.date(), "", note.body)
        )
    return grouped
