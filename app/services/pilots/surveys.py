"""Pre and post surveys of a pilot's teachers, and the coach's own list of survey items."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, func, select

from app.models import Survey, SurveyAnswer, SurveyItem, SurveyPhase, Teacher, utc_now
from app.models.base import as_utc
from app.models.surveys import DEFAULT_SURVEY_ITEMS, LIKERT_LABELS, survey_mean
from app.services.errors import NotFound, Refused, ValidationError
from app.services.pilots.common import PilotState, check_enrolled, load_state
from app.services.records import live
from app.store import Store
from app.text import PHASE_LABELS as PHASE_LABELS
from app.text import shown_survey_average, survey_average, survey_average_change

MAX_ITEM_LENGTH = 300


@dataclass(frozen=True)
class SurveyItemRow:
    id: uuid.UUID
    position: int  # 0 is the first item
    text: str


@dataclass
class AnswerInput:
    item_text: str
    score: int | None = None  # Likert 1 (strongly disagree) to 5 (strongly agree)


@dataclass
class SurveyForm:
    teacher_id: uuid.UUID
    phase: str
    taken_on: date | None
    answers: list[AnswerInput]


@dataclass(frozen=True)
class TeacherSurveys:
    """One teacher's pre and post survey in a pilot, and the change between their means."""

    teacher_id: uuid.UUID
    teacher_name: str
    enrolled: bool  # False: taken out of the pilot after surveying
    pre_survey_id: uuid.UUID | None
    pre_taken_on: date | None
    pre_mean: float | None
    post_survey_id: uuid.UUID | None
    post_taken_on: date | None
    post_mean: float | None

    @property
    def change(self) -> float | None:
        """Post minus pre as both are shown, so the table's columns add up."""
        if self.pre_mean is None or self.post_mean is None:
            return None
        return shown_survey_average(self.post_mean) - shown_survey_average(self.pre_mean)


@dataclass(frozen=True)
class SurveyResults:
    pilot_id: uuid.UUID
    teachers: list[TeacherSurveys]
    pre_mean: float | None  # the mean of the teachers' pre means
    post_mean: float | None  # the mean of the teachers' post means
    # The mean of each teacher's own change, over teachers with both surveys, so a teacher
    # with only one survey does not tilt it.
    change: float | None
    paired: int
    summary: str


# The coach's survey items ------------------------------------------------------------------


def survey_items(store: Store) -> list[SurveyItemRow]:
    """The coach's survey, in order; a new notebook starts with the default items."""
    with store.session() as session:
        return [SurveyItemRow(i.id, i.position, i.text) for i in items_of(session)]


def add_survey_item(store: Store, text: str) -> uuid.UUID:
    """A new item at the end of the survey; returns its id."""
    text = _checked_item_text(text)
    with store.session() as session:
        items = items_of(session)
        item = SurveyItem(position=len(items), text=text)
        session.add(item)
        return item.id


def update_survey_item(store: Store, item_id: uuid.UUID, text: str) -> None:
    """Reword an item; surveys already taken keep the words they were asked."""
    text = _checked_item_text(text)
    with store.session() as session:
        live(session, SurveyItem, item_id, "survey item").text = text


def delete_survey_item(store: Store, item_id: uuid.UUID, now: datetime) -> None:
    """Soft delete (undo with `restore_survey_item`); the survey keeps at least one item."""
    with store.session() as session:
        item = live(session, SurveyItem, item_id, "survey item")
        remaining = [i for i in items_of(session) if i.id != item.id]
        if not remaining:
            raise Refused("The survey needs at least one item; add another before removing this.")
        item.deleted_at = as_utc(now)
        _renumber(remaining)


def restore_survey_item(store: Store, item_id: uuid.UUID) -> None:
    """Undo a delete: the item goes back where it was."""
    with store.session() as session:
        item = session.get(SurveyItem, item_id)
        if item is None:
            raise NotFound("That survey item is no longer in the notebook.")
        others = [i for i in items_of(session) if i.id != item.id]
        item.deleted_at = None
        others.insert(min(item.position, len(others)), item)
        _renumber(others)


def items_of(session: Session) -> list[SurveyItem]:
    """Live items in order, writing the default set the first time the notebook needs one."""
    items = session.exec(
        select(SurveyItem)
        .where(col(SurveyItem.deleted_at).is_(None))
        .order_by(col(SurveyItem.position), col(SurveyItem.created_at))
    ).all()
    if items:
        return list(items)
    # Only a notebook that never had items gets the defaults; one whose items were all
    # deleted (there is always one left, so only by merging) keeps what the coach chose.
    if session.exec(select(func.count()).select_from(SurveyItem)).one():
        return []
    defaults = [SurveyItem(position=n, text=text) for n, text in enumerate(DEFAULT_SURVEY_ITEMS)]
    session.add_all(defaults)
    session.flush()
    return defaults


# Surveys -------------------------------------------------------------------------------------


def blank_survey_form(
    store: Store, teacher_id: uuid.UUID, phase: str, taken_on: date | None
) -> SurveyForm:
    """A new survey with the coach's current items, no scores yet."""
    items = survey_items(store)
    return SurveyForm(teacher_id, phase, taken_on, [AnswerInput(i.text) for i in items])


def survey_form(store: Store, survey_id: uuid.UUID) -> SurveyForm:
    """A saved survey with the items as they were asked, for reading or correcting."""
    with store.session() as session:
        survey = live(session, Survey, survey_id, "survey")
        answers = _answers_of(session, survey.id)
        return SurveyForm(
            survey.teacher_id,
            survey.phase,
            survey.taken_on,
            [AnswerInput(a.item_text, a.score) for a in answers],
        )


def validate_survey(form: SurveyForm) -> dict[str, str]:
    problems = {}
    if form.teacher_id is None:
        problems["teacher_id"] = "Pick the teacher who took the survey."
    if form.phase not in PHASE_LABELS:
        problems["phase"] = "Choose pre (before the pilot) or post (after it)."
    if form.taken_on is None:
        problems["taken_on"] = "Pick the day the survey was taken."
    if not form.answers:
        problems["answers"] = "The survey has no items; add items to the survey first."
    for number, answer in enumerate(form.answers, start=1):
        if not answer.item_text.strip():
            problems[f"answers.{number - 1}.item_text"] = f"Item {number} has no statement."
        if answer.score not in LIKERT_LABELS:
            problems[f"answers.{number - 1}.score"] = (
                f"Item {number}: choose a score from 1 (strongly disagree) to 5 (strongly agree)."
            )
    return problems


def save_survey(store: Store, pilot_id: uuid.UUID, form: SurveyForm) -> uuid.UUID:
    """Save a teacher's pre or post survey; saving again corrects it. Returns its id."""
    problems = validate_survey(form)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        state = load_state(session, pilot_id)
        survey = _live_survey(session, pilot_id, form.teacher_id, form.phase)
        if survey is None:
            # A survey already taken can be corrected after the teacher left the pilot.
            check_enrolled(state, form.teacher_id)
            survey = Survey(pilot_id=pilot_id, teacher_id=form.teacher_id, phase=form.phase)
            session.add(survey)
        survey.taken_on = form.taken_on
        old = _answers_of(session, survey.id)
        # Corrected in place, item by item, so each answer keeps its id.
        for index, answer in enumerate(form.answers):
            row = old[index] if index < len(old) else None
            if row is None:
                row = SurveyAnswer(survey_id=survey.id, item_index=index + 1, score=answer.score)
                session.add(row)
            row.item_text = answer.item_text.strip()
            row.score = answer.score
        for extra in old[len(form.answers) :]:
            extra.deleted_at = utc_now()
        return survey.id


def survey_rows(session: Session, pilot_ids: list[uuid.UUID]) -> dict[uuid.UUID, list]:
    """The live surveys of each pilot's live teachers, oldest first, as plain values."""
    query = (
        select(
            Survey.id,
            Survey.pilot_id,
            Survey.teacher_id,
            Survey.phase,
            Survey.taken_on,
            col(Teacher.name).label("teacher_name"),
        )
        .join(Teacher, col(Survey.teacher_id) == Teacher.id)
        .where(
            col(Survey.pilot_id).in_(pilot_ids),
            col(Survey.deleted_at).is_(None),
            col(Teacher.deleted_at).is_(None),
        )
        .order_by(col(Survey.created_at))
    )
    surveys: dict[uuid.UUID, list] = {pilot_id: [] for pilot_id in pilot_ids}
    for survey in session.exec(query):
        surveys[survey.pilot_id].append(survey)
    return surveys


def answer_rows(session: Session, pilot_ids: list[uuid.UUID]) -> dict[uuid.UUID, list]:
    """The live answers of each pilot's live surveys (survey_id, item_text and score), in
    the order the survey asked them."""
    query = (
        select(Survey.pilot_id, SurveyAnswer.survey_id, SurveyAnswer.item_text, SurveyAnswer.score)
        .join(Survey, col(SurveyAnswer.survey_id) == Survey.id)
        .where(
            col(Survey.pilot_id).in_(pilot_ids),
            col(Survey.deleted_at).is_(None),
            col(SurveyAnswer.deleted_at).is_(None),
        )
        .order_by(col(SurveyAnswer.item_index), col(SurveyAnswer.created_at))
    )
    answers: dict[uuid.UUID, list] = {pilot_id: [] for pilot_id in pilot_ids}
    for answer in session.exec(query):
        answers[answer.pilot_id].append(answer)
    return answers


def results_of(
    state: PilotState, surveys: list, scores: dict[uuid.UUID, list[int]]
) -> SurveyResults:
    """A pilot's survey results from its `survey_rows` and every survey's scores by id."""
    pilot_id = state.pilot.id
    names = {t.id: t.name for t in state.teachers}
    by_teacher: dict[uuid.UUID, dict[str, object]] = {t.id: {} for t in state.teachers}
    for survey in surveys:
        names.setdefault(survey.teacher_id, survey.teacher_name)
        # The latest survey of a phase counts, should a merge ever leave two.
        by_teacher.setdefault(survey.teacher_id, {})[survey.phase] = survey
    rows = []
    for teacher_id, phases in by_teacher.items():
        pre, post = phases.get(SurveyPhase.PRE), phases.get(SurveyPhase.POST)
        rows.append(
            TeacherSurveys(
                teacher_id=teacher_id,
                teacher_name=names[teacher_id],
                enrolled=teacher_id in state.teacher_ids,
                pre_survey_id=pre.id if pre else None,
                pre_taken_on=pre.taken_on if pre else None,
                pre_mean=survey_mean(scores.get(pre.id, [])) if pre else None,
                post_survey_id=post.id if post else None,
                post_taken_on=post.taken_on if post else None,
                post_mean=survey_mean(scores.get(post.id, [])) if post else None,
            )
        )
    rows.sort(key=lambda r: (not r.enrolled, r.teacher_name.casefold()))
    changes = [r.change for r in rows if r.change is not None]
    pre_mean = survey_mean(r.pre_mean for r in rows if r.pre_mean is not None)
    post_mean = survey_mean(r.post_mean for r in rows if r.post_mean is not None)
    change = survey_mean(changes)
    return SurveyResults(
        pilot_id=pilot_id,
        teachers=rows,
        pre_mean=pre_mean,
        post_mean=post_mean,
        change=change,
        paired=len(changes),
        summary=results_summary(pre_mean, post_mean, change, len(changes)),
    )


def results_summary(
    pre_mean: float | None, post_mean: float | None, change: float | None, paired: int
) -> str:
    if change is not None:
        teachers = "1 teacher" if paired == 1 else f"{paired} teachers"
        return (
            f"Mean change {survey_average_change(change)} on the 1-5 scale across {teachers} "
            "with both a pre and a post survey."
        )
    if pre_mean is not None and post_mean is None:
        average = survey_average(pre_mean)
        return f"Pre surveys average {average} of 5; the post surveys come after the pilot."
    if pre_mean is None and post_mean is None:
        return "No surveys yet: each teacher takes one before the pilot and one after it."
    return "No teacher has both a pre and a post survey yet, so there is no change to show."


def _checked_item_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write the statement teachers will rate from 1 to 5."})
    if len(text) > MAX_ITEM_LENGTH:
        raise ValidationError(
            {"text": f"Keep the statement under {MAX_ITEM_LENGTH} characters; short is clearer."}
        )
    return text


def _renumber(items: list[SurveyItem]) -> None:
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position


def _live_survey(
    session: Session, pilot_id: uuid.UUID | None, teacher_id: uuid.UUID, phase: str
) -> Survey | None:
    return session.exec(
        select(Survey)
        .where(
            Survey.pilot_id == pilot_id,
            Survey.teacher_id == teacher_id,
            Survey.phase == phase,
            col(Survey.deleted_at).is_(None),
        )
        .order_by(col(Survey.created_at).desc())
    ).first()


def _answers_of(session: Session, survey_id: uuid.UUID) -> list[SurveyAnswer]:
    return list(
        session.exec(
            select(SurveyAnswer)
            .where(SurveyAnswer.survey_id == survey_id, col(SurveyAnswer.deleted_at).is_(None))
            .order_by(col(SurveyAnswer.item_index))
        ).all()
    )
