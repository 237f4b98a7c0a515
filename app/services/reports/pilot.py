"""The pilot report's data: checks, use, surveys, the recommendation and the decision."""

import uuid
from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from app.models import LogKind, Note, PilotDecision
from app.models.pilots import COST_LINE_PER_STUDENT
from app.models.surveys import survey_mean
from app.services.evidence import list_evidence
from app.services.pilots import PilotDetail, pilot_detail
from app.services.reports.shared import Byline, Photo, SharedNote, byline, photos_of
from app.store import Store
from app.text import (
    month_day,
    percent,
    percent_against,
    shown_survey_average,
    survey_average,
    survey_average_change,
)


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
class WeekColumn:
    """One week of the usage grid; weeks not begun yet have no share."""

    label: str  # "Sep 8" or "Wk 1"
    pct: float | None


@dataclass(frozen=True)
class UsageGridLine:
    teacher_name: str
    used: list[bool | None]  # one per week; None for a week not begun yet
    used_weeks: int  # of the weeks begun


@dataclass(frozen=True)
class LogLine:
    """One pilot log entry as a principal may read it: its structured fields, never the
    coach's description of it (free text with no shareable switch)."""

    logged_on: date
    teacher_name: str
    kind_label: str
    severity_label: str  # empty when not a technical error or not rated
    minutes_lost: int
    resolved: bool | None  # None: only technical errors are resolved


@dataclass(frozen=True)
class StatementLine:
    """A survey statement's means as shown (one decimal), and the change between them."""

    statement: str
    pre_mean: float | None
    post_mean: float | None
    change: float | None


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
    licences: int | None
    yearly_cost: float | None  # licences times the cost per student a year
    log_entries: int
    log_errors: int
    log_unresolved: int
    minutes_lost: int
    log: list[LogLine]  # oldest first
    utilisation: list[WeekUseLine]  # weeks run so far
    weeks: list[WeekColumn]  # every week of the pilot, extra weeks of an extension too
    usage_grid: list[UsageGridLine]
    weeks_elapsed: int
    weeks_to_run: int
    extended_on: date | None  # the day an extension was decided, for an extended pilot
    utilisation_pct: float | None
    utilisation_text: str
    floor_pct: float
    surveys: list[SurveyLine]
    survey_summary: str
    statements: list[StatementLine]
    statement_mean: StatementLine | None  # the mean of the rows as shown
    statement_teachers: int  # how many teachers the statements' means come from
    statement_paired: bool  # True: only teachers with both a pre and a post survey
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
    cost = detail.vetting.cost
    statements = [
        _statement_line(s.statement, s.pre_mean, s.post_mean) for s in detail.statements.statements
    ]
    mean = _mean_line(statements)
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
        cost_text=_cost_text(detail),
        cost_under_line=cost.under_line,
        licences=detail.form.licences,
        yearly_cost=cost.yearly_total,
        log_entries=detail.log_totals.entries,
        log_errors=detail.log_totals.errors,
        log_unresolved=detail.log_totals.unresolved,
        minutes_lost=detail.log_totals.minutes_lost,
        log=[
            LogLine(
                entry.logged_on,
                entry.teacher_name,
                entry.kind_label,
                entry.severity_label,
                entry.minutes_lost,
                entry.resolved if entry.kind == LogKind.TECHNICAL_ERROR else None,
            )
            for entry in sorted(detail.log, key=lambda e: e.logged_on)
        ],
        utilisation=weeks,
        weeks=[
            WeekColumn(
                month_day(usage.week_starts[n]) if usage.week_starts else f"Wk {week}",
                usage.week_pct[n],
            )
            for n, week in enumerate(usage.weeks)
        ],
        usage_grid=[
            UsageGridLine(
                line.teacher_name,
                [
                    used if week <= usage.weeks_elapsed else None
                    for week, used in zip(usage.weeks, line.used, strict=True)
                ],
                line.used_weeks,
            )
            for line in usage.rows
        ],
        weeks_elapsed=usage.weeks_elapsed,
        weeks_to_run=row.weeks_to_run,
        extended_on=row.decision_date if row.decision == PilotDecision.EXTENDED else None,
        utilisation_pct=usage.utilisation_pct,
        utilisation_text=_utilisation_text(detail),
        floor_pct=usage.floor_pct,
        surveys=[
            SurveyLine(t.teacher_name, t.pre_mean, t.post_mean, t.change)
            for t in detail.surveys.teachers
            if t.pre_mean is not None or t.post_mean is not None
        ],
        survey_summary=_survey_summary(detail, mean, len(statements)),
        statements=statements,
        statement_mean=mean,
        statement_teachers=detail.statements.teachers,
        statement_paired=detail.statements.paired,
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


def _utilisation_text(detail: PilotDetail) -> str:
    """The usage sentence; once the pilot's weeks are over its utilisation is final, not
    "so far"."""
    usage = detail.usage
    pct, cells = usage.utilisation_pct, len(usage.rows) * usage.weeks_elapsed
    if detail.row.start_date is None or detail.row.weeks_to_run or pct is None:
        return usage.summary
    shown = percent_against(pct, usage.floor_pct)
    of = f"of {cells} teacher-week{'s' if cells != 1 else ''}"
    verdict = "is under" if pct < usage.floor_pct else "clears"
    return f"Utilisation {shown} {of} {verdict} the {percent(usage.floor_pct)} line."


def _survey_summary(detail: PilotDetail, mean: StatementLine | None, statements: int) -> str:
    """The survey in a sentence, from the statement table's mean row so the two agree."""
    if mean is None:
        return detail.surveys.summary
    teachers = detail.statements.teachers
    who = "1 teacher" if teachers == 1 else f"{teachers} teachers"
    across = "1 statement" if statements == 1 else f"{statements} statements"
    if mean.change is not None:
        return (
            f"Mean change {survey_average_change(mean.change)} on the 1-5 scale across "
            f"{across}, from {who} with both a pre and a post survey."
        )
    if mean.pre_mean is not None:
        return (
            f"Before the pilot the {across} {'averages' if statements == 1 else 'average'} "
            f"{survey_average(mean.pre_mean)} of 5; "
            "the post surveys come after the pilot."
        )
    return detail.surveys.summary


def _cost_text(detail: PilotDetail) -> str:
    """The cost against the $5 line, in words for the principal (the app's own sentence
    asks the coach to add the vendor's quote)."""
    cost = detail.vetting.cost
    if cost.cost_per_student is not None:
        return cost.text
    return (
        "No cost per student has been recorded yet, so it is not yet compared with the "
        f"${COST_LINE_PER_STUDENT:.0f} line for supplemental tools."
    )


def _statement_line(statement: str, pre: float | None, post: float | None) -> StatementLine:
    """Means rounded as shown, and the change from the shown values so the row adds up."""
    shown_pre = None if pre is None else shown_survey_average(pre)
    shown_post = None if post is None else shown_survey_average(post)
    change = None if shown_pre is None or shown_post is None else shown_post - shown_pre
    return StatementLine(statement, shown_pre, shown_post, change)


def _mean_line(lines: list[StatementLine]) -> StatementLine | None:
    """The mean of the rows as they are shown, so a reader averaging a column gets it."""
    if not lines:
        return None
    pre = survey_mean(line.pre_mean for line in lines if line.pre_mean is not None)
    post = survey_mean(line.post_mean for line in lines if line.post_mean is not None)
    return _statement_line("", pre, post)  # the renderer names the row


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
