"""Survey results statement by statement: how a pilot's teachers rated each one before and after."""

from dataclasses import dataclass

from app.models.surveys import survey_mean
from app.services.pilots.surveys import TeacherSurveys


@dataclass(frozen=True)
class StatementResult:
    statement: str  # as the teachers were asked it
    pre_mean: float | None
    post_mean: float | None


@dataclass(frozen=True)
class StatementResults:
    statements: list[StatementResult]  # in the order the survey asked them
    # How many teachers the means come from, and whether they are the ones with both surveys
    # (so before and after compare the same people) or, with no such teacher yet, everyone.
    teachers: int
    paired: bool


def statement_results(teachers: list[TeacherSurveys], answers: list) -> StatementResults:
    """Each statement's mean score before and after, over the teachers with both surveys
    (or over every surveyed teacher while nobody has both). `answers` are the pilot's, in
    the order the survey asked them, as `answer_rows` reads them; answers to surveys that
    are not counted are passed over."""
    paired = [t for t in teachers if t.pre_survey_id and t.post_survey_id]
    counted = paired or [t for t in teachers if t.pre_survey_id or t.post_survey_id]
    pre_ids = {t.pre_survey_id for t in counted if t.pre_survey_id}
    post_ids = {t.post_survey_id for t in counted if t.post_survey_id}
    scores: dict[str, dict[str, list[int]]] = {}
    for answer in answers:
        if answer.survey_id in pre_ids:
            phase = "pre"
        elif answer.survey_id in post_ids:
            phase = "post"
        else:
            continue
        scores.setdefault(answer.item_text, {"pre": [], "post": []})[phase].append(answer.score)
    return StatementResults(
        statements=[
            StatementResult(text, survey_mean(s["pre"]), survey_mean(s["post"]))
            for text, s in scores.items()
        ],
        teachers=len(counted),
        paired=bool(paired),
    )
