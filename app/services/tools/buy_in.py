"""Buy-in: the quarterly Technology Acceptance Model survey of each tool's teachers.

Every tool asks the same statements, each about one of the model's two beliefs (the tool is
useful, the tool is easy to use), scored 1 (strongly disagree) to 5 (strongly agree). A
teacher *agrees* in a quarter when the mean of all their answers that quarter is 4 or more;
they agree on usefulness (or ease) when the mean of their answers about that belief is 4 or
more. Buy-in is met when at least 85% of the teachers who answered agree.

Quarters split each semester (see `semesters.py`) at its middle day, the way semesters split
the school year. The summer after the last day belongs to the fourth quarter, as it belongs
to the second semester.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case
from sqlmodel import Session, col, func, select

from app.models import BuyInAnswer, BuyInBelief, BuyInItem, BuyInSurvey, Teacher, utc_now
from app.models.base import as_utc
from app.models.surveys import LIKERT_LABELS
from app.models.tools import BUY_IN_TARGET_PCT, DEFAULT_BUY_IN_ITEMS
from app.services.calendar import SchoolCalendar
from app.services.errors import NotFound, Refused
from app.services.profile import calendar_in
from app.services.records import live
from app.services.tools.record import live_tool
from app.services.tools.semesters import semesters_of
from app.store import Store
from app.text import NO_VALUE, percent_against

MAX_STATEMENT_LENGTH = 300
# A mean of this or more is agreeing: "agree" (4) and "strongly agree" (5) on the 1-5 scale.
AGREE_SCORE = 4
BELIEF_LABELS = {
    BuyInBelief.USEFULNESS: "Usefulness",
    BuyInBelief.EASE: "Ease of use",
}


# Quarters ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quarter:
    school_year: str  # "2026-2027"
    number: int  # 1 to 4
    first_day: date
    last_day: date

    @property
    def label(self) -> str:
        return f"Q{self.number} {self.school_year}"

    def holds(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


def quarters_of(
    calendar: SchoolCalendar, school_year: str
) -> tuple[Quarter, Quarter, Quarter, Quarter]:
    """The school year's four quarters: each semester split at its middle day."""
    quarters = []
    for semester in semesters_of(calendar, school_year):
        first, last = semester.first_day, semester.last_day
        middle = first + timedelta(days=((last - first).days + 1) // 2)
        number = 2 * semester.number - 1
        quarters.append(Quarter(school_year, number, first, middle - timedelta(days=1)))
        quarters.append(Quarter(school_year, number + 1, middle, last))
    return tuple(quarters)


def quarter_of(calendar: SchoolCalendar, day: date) -> Quarter:
    """The quarter holding `day`; in the summer after the last day, the fourth just ended."""
    quarters = quarters_of(calendar, calendar.year_of(day))
    return next((q for q in quarters if q.holds(day)), quarters[-1])


# The statements ----------------------------------------------------------------------------


def buy_in_items(session: Session) -> list[BuyInItem]:
    """Live statements in order, writing the default set the first time the notebook needs one."""
    items = session.exec(
        select(BuyInItem)
        .where(col(BuyInItem.deleted_at).is_(None))
        .order_by(col(BuyInItem.position), col(BuyInItem.created_at))
    ).all()
    if items:
        return list(items)
    # Only a notebook that never had statements gets the defaults; saving always keeps one.
    if session.exec(select(func.count()).select_from(BuyInItem)).one():
        return []
    defaults = [
        BuyInItem(position=n, belief=belief.value, text=text)
        for n, (belief, text) in enumerate(DEFAULT_BUY_IN_ITEMS)
    ]
    session.add_all(defaults)
    session.flush()
    return defaults


@dataclass(frozen=True)
class BuyInItemRow:
    position: int  # 0 is the first statement
    belief: str
    text: str


def buy_in_item_rows(store: Store) -> list[BuyInItemRow]:
    """The statements every new buy-in survey asks, in order, as plain values."""
    with store.session() as session:
        return [BuyInItemRow(i.position, i.belief, i.text) for i in buy_in_items(session)]


def check_buy_in_items(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (belief, text) pairs trimmed, or Refused saying which statement to fix and how."""
    if not items:
        raise Refused("The survey needs at least one statement; add one before saving.")
    beliefs = {b.value for b in BuyInBelief}
    checked = []
    for number, (belief, text) in enumerate(items, start=1):
        text = (text or "").strip()
        if belief not in beliefs:
            raise Refused(f"Statement {number}: choose whether it is about usefulness or ease.")
        if not text:
            raise Refused(f"Statement {number} is empty: write what teachers rate, or remove it.")
        if len(text) > MAX_STATEMENT_LENGTH:
            raise Refused(
                f"Statement {number} is too long: keep it under {MAX_STATEMENT_LENGTH} "
                "characters; short is clearer."
            )
        checked.append((belief, text))
    return checked


def save_buy_in_items(store: Store, items: list[tuple[str, str]]) -> None:
    """Make the statements exactly `items` ((belief, text), in order). Surveys already taken
    keep the words and beliefs they were asked."""
    items = check_buy_in_items(items)
    with store.session() as session:
        current = buy_in_items(session)
        for position, (belief, text) in enumerate(items):
            if position < len(current):
                row = current[position]
                if (row.position, row.belief, row.text) != (position, belief, text):
                    row.position, row.belief, row.text = position, belief, text
            else:
                session.add(BuyInItem(position=position, belief=belief, text=text))
        for extra in current[len(items) :]:
            extra.deleted_at = utc_now()


# Recording ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuyInSurveyRow:
    """One survey taken, as the tab lists it."""

    id: uuid.UUID
    tool_id: uuid.UUID
    teacher_id: uuid.UUID
    teacher_name: str
    taken_on: date
    quarter: Quarter
    mean: float | None
    usefulness_mean: float | None
    ease_mean: float | None
    answers: tuple[tuple[str, str, int], ...]  # (belief, statement as asked, score)

    @property
    def agrees(self) -> bool | None:
        return None if self.mean is None else self.mean >= AGREE_SCORE


def record_buy_in(
    store: Store,
    tool_id: uuid.UUID,
    teacher_id: uuid.UUID,
    taken_on: date,
    scores: list[int],
    *,
    today: date | None = None,
) -> uuid.UUID:
    """Save one teacher's answers about a tool, one score 1-5 per current statement; returns
    the survey's id. A second survey by the same teacher about the same tool in the same
    quarter replaces the first (see `surveys_replaced_by`; `restore_buy_in` takes it back).
    Given `today`, a day after it is refused."""
    if today is not None and taken_on > today:
        raise Refused("That day has not come yet: pick the day the teacher answered.")
    with store.session() as session:
        tool = live_tool(session, tool_id)
        teacher = live(session, Teacher, teacher_id, "teacher")
        if teacher.archived:
            raise Refused(
                f"{teacher.name} is archived; bring them back to the roster before recording "
                "their survey."
            )
        items = buy_in_items(session)
        _check_scores(scores, items)
        for old in _same_quarter(session, calendar_in(session), tool.id, teacher.id, taken_on):
            old.deleted_at = utc_now()
        survey = BuyInSurvey(tool_id=tool.id, teacher_id=teacher.id, taken_on=taken_on)
        session.add(survey)
        session.flush()  # the answers' foreign key needs the survey written first
        session.add_all(
            BuyInAnswer(
                survey_id=survey.id,
                item_index=number,
                belief=item.belief,
                item_text=item.text,
                score=score,
            )
            for number, (item, score) in enumerate(zip(items, scores, strict=True), start=1)
        )
        return survey.id


def surveys_replaced_by(
    store: Store, tool_id: uuid.UUID, teacher_id: uuid.UUID, taken_on: date
) -> list[BuyInSurveyRow]:
    """The live surveys a new one on `taken_on` would replace: the teacher's about this tool
    in the same quarter (one, unless a merge left two)."""
    with store.session() as session:
        calendar = calendar_in(session)
        ids = [s.id for s in _same_quarter(session, calendar, tool_id, teacher_id, taken_on)]
        return [r for r in _survey_rows(session, calendar, [tool_id]) if r.id in ids]


def delete_buy_in(store: Store, survey_id: uuid.UUID, now: datetime) -> None:
    """Soft delete a survey (undo with `restore_buy_in`)."""
    with store.session() as session:
        live(session, BuyInSurvey, survey_id, "buy-in survey").deleted_at = as_utc(now)


def restore_buy_in(store: Store, survey_id: uuid.UUID, now: datetime | None = None) -> None:
    """Bring a deleted or replaced survey back. It is again its teacher's survey of that
    quarter, so any other survey of theirs about the tool in that quarter steps aside."""
    with store.session() as session:
        survey = session.get(BuyInSurvey, survey_id)
        if survey is None:
            raise NotFound("That buy-in survey is no longer in the notebook.")
        calendar = calendar_in(session)
        stamp = as_utc(now) if now is not None else utc_now()
        for other in _same_quarter(
            session, calendar, survey.tool_id, survey.teacher_id, survey.taken_on
        ):
            if other.id != survey.id:
                other.deleted_at = stamp
        survey.deleted_at = None


def _check_scores(scores: list[int], items: list[BuyInItem]) -> None:
    if len(scores) != len(items):
        raise Refused(
            f"The survey asks {len(items)} statements but {len(scores)} scores came: "
            "score every statement once, from 1 to 5."
        )
    for number, score in enumerate(scores, start=1):
        if isinstance(score, bool) or score not in LIKERT_LABELS:
            raise Refused(
                f"Statement {number}: choose a score from 1 (strongly disagree) "
                "to 5 (strongly agree)."
            )


def _same_quarter(
    session: Session,
    calendar: SchoolCalendar,
    tool_id: uuid.UUID,
    teacher_id: uuid.UUID,
    day: date,
) -> list[BuyInSurvey]:
    quarter = quarter_of(calendar, day)
    # The fourth quarter runs on through the summer, up to the next year's first day.
    last = calendar.bounds(quarter.school_year)[1] if quarter.number == 4 else quarter.last_day
    return list(
        session.exec(
            select(BuyInSurvey).where(
                BuyInSurvey.tool_id == tool_id,
                BuyInSurvey.teacher_id == teacher_id,
                col(BuyInSurvey.taken_on) >= quarter.first_day,
                col(BuyInSurvey.taken_on) <= last,
                col(BuyInSurvey.deleted_at).is_(None),
            )
        ).all()
    )


# Reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuarterBuyIn:
    quarter: Quarter
    teachers: int  # teachers who answered in the quarter
    agreeing: int  # of them, those whose mean answer is 4 or more
    agree_pct: float | None
    usefulness_pct: float | None  # of those who answered a usefulness statement
    ease_pct: float | None  # of those who answered an ease statement
    meets_target: bool | None  # agree_pct at 85 or over; None with no answers


def buy_in_by_quarter(
    session: Session, tool_id: uuid.UUID, calendar: SchoolCalendar, school_year: str
) -> list[QuarterBuyIn]:
    """The tool's buy-in in each of the school year's four quarters."""
    return buy_in_for_tools(session, [tool_id], calendar, school_year)[tool_id]


def buy_in_for_tools(
    session: Session,
    tool_ids: list[uuid.UUID],
    calendar: SchoolCalendar,
    school_year: str,
) -> dict[uuid.UUID, list[QuarterBuyIn]]:
    """Every tool's buy-in by quarter of the school year, read in two queries."""
    quarters = quarters_of(calendar, school_year)
    first, last = calendar.bounds(school_year)
    by_tool: dict[uuid.UUID, dict[int, list[SurveyMeans]]] = {
        tool_id: defaultdict(list) for tool_id in tool_ids
    }
    for row in _survey_means(session, quarters, list(tool_ids), first, last):
        by_tool[row.tool_id][row.quarter_number].append(row)
    return {
        tool_id: [quarter_buy_in(q, _latest_per_teacher(surveys[q.number])) for q in quarters]
        for tool_id, surveys in by_tool.items()
    }


@dataclass(frozen=True)
class SurveyMeans:
    """A survey's means, all the figures need of it."""

    tool_id: uuid.UUID
    teacher_id: uuid.UUID
    quarter_number: int
    mean: float | None
    usefulness_mean: float | None
    ease_mean: float | None


def _survey_means(
    session: Session,
    quarters: tuple[Quarter, ...],
    tool_ids: list[uuid.UUID],
    first: date,
    last: date,
) -> list[SurveyMeans]:
    """The school year's live surveys of live teachers about these tools, oldest first, each
    with its scores added up in SQL, in all and per belief."""
    answer = BuyInAnswer
    joined = and_(col(answer.survey_id) == BuyInSurvey.id, col(answer.deleted_at).is_(None))

    def belief_sum(belief: str, value):
        return func.sum(case((answer.belief == belief, value)))

    surveys = (
        select(
            BuyInSurvey.tool_id,
            BuyInSurvey.teacher_id,
            BuyInSurvey.taken_on,
            func.sum(answer.score),
            func.count(answer.id),
            belief_sum(BuyInBelief.USEFULNESS, answer.score),
            belief_sum(BuyInBelief.USEFULNESS, 1),
            belief_sum(BuyInBelief.EASE, answer.score),
            belief_sum(BuyInBelief.EASE, 1),
        )
        .join(Teacher, col(BuyInSurvey.teacher_id) == Teacher.id)
        .join(answer, joined, isouter=True)
        .where(
            col(BuyInSurvey.tool_id).in_(tool_ids),
            col(BuyInSurvey.deleted_at).is_(None),
            col(Teacher.deleted_at).is_(None),
            col(BuyInSurvey.taken_on) >= first,
            col(BuyInSurvey.taken_on) <= last,
        )
        .group_by(col(BuyInSurvey.id))
        .order_by(col(BuyInSurvey.taken_on), col(BuyInSurvey.created_at))
    )
    rows = []
    for (
        tool_id,
        teacher_id,
        taken_on,
        total,
        count,
        useful,
        useful_count,
        easy,
        easy_count,
    ) in session.exec(surveys):
        quarter = next((q for q in quarters if q.holds(taken_on)), quarters[-1])
        rows.append(
            SurveyMeans(
                tool_id=tool_id,
                teacher_id=teacher_id,
                quarter_number=quarter.number,
                mean=total / count if count else None,
                usefulness_mean=useful / useful_count if useful_count else None,
                ease_mean=easy / easy_count if easy_count else None,
            )
        )
    return rows


def quarter_buy_in(quarter: Quarter, surveys: list) -> QuarterBuyIn:
    """A quarter's figures from its surveys, one per teacher."""
    answered = [s for s in surveys if s.mean is not None]
    agreeing = sum(1 for s in answered if s.mean >= AGREE_SCORE)
    agree_pct = _share(agreeing, len(answered))
    return QuarterBuyIn(
        quarter=quarter,
        teachers=len(answered),
        agreeing=agreeing,
        agree_pct=agree_pct,
        usefulness_pct=_belief_share(s.usefulness_mean for s in answered),
        ease_pct=_belief_share(s.ease_mean for s in answered),
        meets_target=None if agree_pct is None else agree_pct >= BUY_IN_TARGET_PCT,
    )


def share_words(row: QuarterBuyIn) -> str:
    """The share agreeing beside the line, as a table cell: "90%, met" or "83.3%, under"."""
    if row.agree_pct is None:
        return NO_VALUE
    shown = percent_against(row.agree_pct, BUY_IN_TARGET_PCT)
    return f"{shown}, met" if row.meets_target else f"{shown}, under"


def quarter_summary(row: QuarterBuyIn) -> str:
    """One sentence on a quarter's buy-in, for the screen and the report."""
    label = row.quarter.label
    if row.agree_pct is None:
        return f"{label}: no teacher has answered the buy-in survey yet."
    teachers = "1 teacher" if row.teachers == 1 else f"{row.teachers} teachers"
    shown = percent_against(row.agree_pct, BUY_IN_TARGET_PCT)
    line = (
        f"meets the {BUY_IN_TARGET_PCT}% line"
        if row.meets_target
        else f"under the {BUY_IN_TARGET_PCT}% line"
    )
    agree = "agrees" if row.agreeing == 1 else "agree"
    return f"{label}: {row.agreeing} of {teachers} {agree} ({shown}), {line}."


@dataclass(frozen=True)
class ToolBuyIn:
    """One tool's buy-in as its tab shows it: a school year's quarters and its surveys."""

    tool_id: uuid.UUID
    school_year: str
    years: list[str]  # school years to choose from: with surveys, and this one
    current: Quarter  # the quarter holding today
    quarters: list[QuarterBuyIn]
    surveys: list[BuyInSurveyRow]  # the year's surveys, newest first


def tool_buy_in(
    store: Store, tool_id: uuid.UUID, today: date, school_year: str | None = None
) -> ToolBuyIn:
    """A tool's buy-in in `school_year` (the one holding today unless told)."""
    with store.session() as session:
        calendar = calendar_in(session)
        this_year = calendar.year_of(today)
        year = school_year or this_year
        first, last = calendar.bounds(year)
        surveys = _survey_rows(session, calendar, [tool_id], first, last)
        days = session.exec(
            select(BuyInSurvey.taken_on)
            .where(BuyInSurvey.tool_id == tool_id, col(BuyInSurvey.deleted_at).is_(None))
            .distinct()
        ).all()
        years = sorted({calendar.year_of(d) for d in days} | {this_year, year}, reverse=True)
        quarters = buy_in_for_tools(session, [tool_id], calendar, year)[tool_id]
        return ToolBuyIn(
            tool_id=tool_id,
            school_year=year,
            years=years,
            current=quarter_of(calendar, today),
            quarters=quarters,
            surveys=sorted(surveys, key=lambda s: (s.taken_on, s.teacher_name), reverse=True),
        )


def _survey_rows(
    session: Session,
    calendar: SchoolCalendar,
    tool_ids: list[uuid.UUID],
    first: date | None = None,
    last: date | None = None,
) -> list[BuyInSurveyRow]:
    """Live surveys of live teachers about these tools, with their answers, oldest first."""
    surveys_query = (
        select(
            BuyInSurvey.id,
            BuyInSurvey.tool_id,
            BuyInSurvey.teacher_id,
            BuyInSurvey.taken_on,
            Teacher.name,
        )
        .join(Teacher, col(BuyInSurvey.teacher_id) == Teacher.id)
        .where(
            col(BuyInSurvey.tool_id).in_(tool_ids),
            col(BuyInSurvey.deleted_at).is_(None),
            col(Teacher.deleted_at).is_(None),
        )
        .order_by(col(BuyInSurvey.taken_on), col(BuyInSurvey.created_at))
    )
    answers_query = (
        select(BuyInAnswer.survey_id, BuyInAnswer.belief, BuyInAnswer.item_text, BuyInAnswer.score)
        .join(BuyInSurvey, col(BuyInAnswer.survey_id) == BuyInSurvey.id)
        .where(
            col(BuyInSurvey.tool_id).in_(tool_ids),
            col(BuyInSurvey.deleted_at).is_(None),
            col(BuyInAnswer.deleted_at).is_(None),
        )
        .order_by(col(BuyInAnswer.item_index), col(BuyInAnswer.created_at))
    )
    if first is not None and last is not None:
        surveys_query = surveys_query.where(
            col(BuyInSurvey.taken_on) >= first, col(BuyInSurvey.taken_on) <= last
        )
        answers_query = answers_query.where(
            col(BuyInSurvey.taken_on) >= first, col(BuyInSurvey.taken_on) <= last
        )
    answers = defaultdict(list)
    for survey_id, belief, text, score in session.exec(answers_query):
        answers[survey_id].append((belief, text, score))
    rows = []
    for survey_id, tool_id, teacher_id, taken_on, name in session.exec(surveys_query):
        given = answers[survey_id]
        rows.append(
            BuyInSurveyRow(
                id=survey_id,
                tool_id=tool_id,
                teacher_id=teacher_id,
                teacher_name=name,
                taken_on=taken_on,
                quarter=quarter_of(calendar, taken_on),
                mean=_mean(score for _b, _t, score in given),
                usefulness_mean=_mean(s for b, _t, s in given if b == BuyInBelief.USEFULNESS),
                ease_mean=_mean(s for b, _t, s in given if b == BuyInBelief.EASE),
                answers=tuple(given),
            )
        )
    return rows


def _latest_per_teacher(surveys: list) -> list:
    """One survey per teacher: the latest, should a merge ever leave two in a quarter."""
    latest = {}
    for survey in surveys:  # oldest first
        latest[survey.teacher_id] = survey
    return list(latest.values())


def _mean(scores) -> float | None:
    values = list(scores)
    return None if not values else sum(values) / len(values)


def _share(count: int, total: int) -> float | None:
    return None if total == 0 else 100 * count / total


def _belief_share(means) -> float | None:
    answered = [m for m in means if m is not None]
    return _share(sum(1 for m in answered if m >= AGREE_SCORE), len(answered))
