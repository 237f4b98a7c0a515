"""The sample's buy-in: quarterly Technology Acceptance Model surveys of each tool's teachers,
some tools well over the 85% line, some under it, one liked but found hard to use."""

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import insert
from sqlmodel import Session, col, select

from app.models import BuyInAnswer, BuyInBelief, BuyInSurvey, Tool, ToolStatus, ToolTeacher
from app.services.demo.context import DemoContext
from app.services.profile import calendar_in
from app.services.tools.buy_in import Quarter, buy_in_items, quarters_of

# The quarter under way has surveys from this many days into it.
SURVEYED_AFTER_DAYS = 21


@dataclass(frozen=True)
class Leaning:
    """How a tool's teachers answer: the share who agree (a mean of 4 or more, on both
    beliefs), how much that share moves each quarter, and the share of the others who
    still find it useful though not easy."""

    agree: float
    drift: float = 0.0
    useful_only: float = 0.2


# Tools added by hand (see demo/tools.py), by name; an adopted pilot leans like ADOPTED.
LEANINGS = {
    "Nearpod": Leaning(0.8, 0.05),  # growing: under the 85% line at first, then over it
    "Flocabulary": Leaning(0.35, -0.03, 0.3),
    "Pear Deck": Leaning(0.55, -0.1, 0.8),  # liked, but students keep getting signed out
    "Quizizz": Leaning(0.5),
    "Edpuzzle": Leaning(0.3, -0.05),
}
ADOPTED = Leaning(0.93)
AGREEING_SCORES = (4, 4, 5, 5, 4, 3)
DISAGREEING_SCORES = (2, 3, 3, 4, 2, 1, 3)


def build_buy_in(ctx: DemoContext, session: Session) -> dict[str, int]:
    """After the tools are written: surveys in every quarter each tool was in the inventory
    for, up to today. Returns row counts by plural label."""
    # Its own generator, seeded from the district's without drawing from it, so the records
    # written before and after it come out as they would without it.
    rng = random.Random(str(ctx.rng.getstate()))
    calendar = calendar_in(session)
    items = [(item.belief, item.text) for item in buy_in_items(session)]
    this_year = calendar.year_of(ctx.today)
    last_year = calendar.year_of(calendar.bounds(this_year)[0] - timedelta(days=1))
    quarters = [*quarters_of(calendar, last_year), *quarters_of(calendar, this_year)]
    tools = session.exec(
        select(Tool)
        .where(col(Tool.deleted_at).is_(None), Tool.status != ToolStatus.RETIRED.value)
        .order_by(col(Tool.name))
    ).all()
    seats = {}
    for tool_id, teacher_id in session.exec(
        select(ToolTeacher.tool_id, ToolTeacher.teacher_id)
        .where(col(ToolTeacher.deleted_at).is_(None))
        .order_by(col(ToolTeacher.created_at))
    ):
        seats.setdefault(tool_id, []).append(teacher_id)
    surveys, answers = [], []
    for tool in tools:
        leaning = LEANINGS.get(tool.name, ADOPTED)
        teachers = sorted(seats.get(tool.id, []))
        surveyed = [(q, _window(q, tool.added_on, ctx.today)) for q in quarters]
        surveyed = [(q, window) for q, window in surveyed if window is not None]
        for step, (quarter, (first, last)) in enumerate(surveyed):
            in_progress = quarter.last_day >= ctx.today
            share = rng.uniform(0.4, 0.6) if in_progress else rng.uniform(0.75, 1.0)
            answering = rng.sample(teachers, round(share * len(teachers)))
            # The first so many of them agree, so a quarter's share is the leaning's.
            agreeing = round(_moved(leaning.agree, leaning.drift, step) * len(answering))
            useful_only = round(leaning.useful_only * (len(answering) - agreeing))
            for place, teacher_id in enumerate(answering):
                survey_id = uuid.uuid4()
                surveys.append(
                    _row(
                        ctx,
                        id=survey_id,
                        tool_id=tool.id,
                        teacher_id=teacher_id,
                        taken_on=_school_day(rng, first, last),
                    )
                )
                if place < agreeing:
                    scores = _scores(rng, items, useful=True, easy=True)
                else:
                    useful = place < agreeing + useful_only
                    scores = _scores(rng, items, useful=useful, easy=False)
                answered = zip(items, scores, strict=True)
                for number, ((belief, text), score) in enumerate(answered, start=1):
                    answers.append(
                        _row(
                            ctx,
                            survey_id=survey_id,
                            item_index=number,
                            belief=belief,
                            item_text=text,
                            score=score,
                        )
                    )
    if surveys:
        session.execute(insert(BuyInSurvey), surveys)
        session.execute(insert(BuyInAnswer), answers)
    return {"buy-in surveys": len(surveys), "buy-in answers": len(answers)}


def _window(quarter: Quarter, added_on: date, today: date) -> tuple[date, date] | None:
    """The days the quarter's surveys are taken: its last three weeks, or in the quarter
    under way from its third week to today; never in the tool's first two weeks. None when
    no day is left."""
    if quarter.last_day < today:
        first, last = quarter.last_day - timedelta(days=20), quarter.last_day
    else:
        first, last = quarter.first_day + timedelta(days=SURVEYED_AFTER_DAYS), today
    first = max(first, quarter.first_day, added_on + timedelta(days=14))
    return (first, last) if first <= last else None


def _moved(share: float, drift: float, step: int) -> float:
    return min(1.0, max(0.0, share + drift * step))


def _scores(
    rng: random.Random, items: list[tuple[str, str]], *, useful: bool, easy: bool
) -> list[int]:
    """A score per statement: for each belief, a mean of 4 or more when the teacher agrees
    with it, under 4 when they don't; over all the statements, under 4 unless both."""
    wanted = {BuyInBelief.USEFULNESS: useful, BuyInBelief.EASE: easy}
    while True:
        scores = [
            rng.choice(AGREEING_SCORES if wanted.get(belief, useful) else DISAGREEING_SCORES)
            for belief, _text in items
        ]
        if _agrees(scores) == (useful and easy) and all(
            _agrees([s for s, (b, _t) in zip(scores, items, strict=True) if b == belief])
            in (agreeing, None)
            for belief, agreeing in wanted.items()
        ):
            return scores


def _agrees(scores: list[int]) -> bool | None:
    return None if not scores else sum(scores) >= 4 * len(scores)


def _school_day(rng: random.Random, first: date, last: date) -> date:
    """A weekday from first to last (the last day itself when the span has none)."""
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    weekdays = [d for d in days if d.weekday() < 5] or [last]
    return rng.choice(weekdays)


def _row(ctx: DemoContext, **values) -> dict:
    values.setdefault("id", uuid.uuid4())
    return values | {
        "created_at": ctx.writer.stamp,
        "updated_at": ctx.writer.stamp,
        "deleted_at": None,
    }
