"""The sample's coaching: cycles with their four sessions, observations and their sweeps."""

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.models import (
    ActivityFormat,
    CoachingCycle,
    CycleOutcome,
    CycleSession,
    CycleSessionKind,
    CycleStatus,
    MeasureKind,
    Observation,
    ObservationInterval,
    time_on_task_pct,
)
from app.models.cycles import SESSION_ORDER
from app.models.observations import interval_pct
from app.services.cycles.goal import goal_met_by_numbers
from app.services.demo import words
from app.services.demo.context import DemoContext, TeacherInfo, on_weekday

SESSION_MINUTES = {"goal_setting": 30, "model_lesson": 50, "co_teach": 50, "debrief": 35}
# Sessions at which the coach also observes: the baseline, the midpoint and the final lesson.
OBSERVED_AT = {"goal_setting": "baseline", "co_teach": "mid", "debrief": "final"}
FORMAT_LIFT = {
    ActivityFormat.WHOLE_GROUP: 0.0,
    ActivityFormat.SMALL_GROUP: 0.04,
    ActivityFormat.INDEPENDENT: -0.03,
    ActivityFormat.TRANSITION: -0.22,
}
PICRAT_USES = {
    "passive": (("replacement", 7), ("amplification", 3)),
    "interactive": (("replacement", 2), ("amplification", 6), ("transformation", 2)),
    "creative": (("amplification", 4), ("transformation", 6)),
}
SAMR_FOR_USE = {
    "replacement": (("substitution", 1),),
    "amplification": (("augmentation", 7), ("modification", 3)),
    "transformation": (("modification", 1), ("redefinition", 1)),
}


@dataclass
class Sweep:
    on_task: int
    present: int
    activity_format: str
    note: str = ""


@dataclass
class ChartSource:
    """Sweeps kept back to draw evidence pictures from real numbers."""

    cycle_id: uuid.UUID
    observation_id: uuid.UUID
    baseline: list[float | None]
    final: list[float | None]


@dataclass
class _Planned:
    """An observation worked out before its rows are written."""

    id: uuid.UUID
    day: date
    period: tuple[str, int, int]
    tech: str
    sweeps: list[Sweep]
    pct: float | None
    chart: list[float | None]


@dataclass
class CoachingBuilder:
    """Writes the cycles, then walkthroughs until the observation budget is spent."""

    ctx: DemoContext
    sweep_counts: list[int] = field(default_factory=list)
    charts: list[ChartSource] = field(default_factory=list)
    open_cycle_teachers: set[uuid.UUID] = field(default_factory=set)
    planned_observations: int = 0

    def __post_init__(self) -> None:
        pattern = self.ctx.size.sweep_pattern
        total = self.ctx.size.observations
        self.sweep_counts = [pattern[i % len(pattern)] for i in range(total)]
        self.ctx.rng.shuffle(self.sweep_counts)

    def build(self) -> None:
        plan = [s for s, n in self.ctx.size.cycles_by_status.items() for _ in range(n)]
        self.ctx.rng.shuffle(plan)
        firsts = set()
        for status in plan:
            self._cycle(status, first_of_kind=status not in firsts)
            firsts.add(status)
            self.ctx.writer.flush_if_full()
        while self.sweep_counts:
            self._walkthrough()
            self.ctx.writer.flush_if_full()

    # Cycles -------------------------------------------------------------------------

    def _start_date(self, status: str, first_of_kind: bool) -> date:
        ctx, today = self.ctx, self.ctx.today
        if status == CycleStatus.ACTIVE:
            if first_of_kind:  # two sessions passed, the second overdue
                return ctx.pick_day(today - timedelta(days=11), today - timedelta(days=8))
            return ctx.pick_day(today - timedelta(days=20), today - timedelta(days=1))
        if status == CycleStatus.PLANNED:
            if first_of_kind:  # the goal-setting conference is today
                return on_weekday(today)
            return ctx.pick_day(today + timedelta(days=1), today + timedelta(days=21))
        latest = today - timedelta(days=26 if status == CycleStatus.COMPLETED else 15)
        start = ctx.pick_day(ctx.story_start, latest)
        if start.weekday() == 0 and ctx.rng.random() < 0.3:
            start -= timedelta(days=1)  # planned on a Sunday evening; sessions move to Monday
        return start

    def _done_flags(self, status: str, dates: list[date], first_of_kind: bool) -> list[bool]:
        rng, today = self.ctx.rng, self.ctx.today
        if status == CycleStatus.COMPLETED:
            return [True] * 4
        if status == CycleStatus.PLANNED:
            return [False] * 4
        passed = sum(d < today for d in dates)
        if status == CycleStatus.ABANDONED:
            done = rng.choice((1, 2))
        elif first_of_kind:
            done = 1
        elif passed >= 2 and rng.random() < 0.35:
            done = rng.randint(1, passed - 1)  # the rest are overdue
        else:
            done = passed
        return [i < done for i in range(4)]

    def _cycle(self, status: str, first_of_kind: bool) -> None:
        ctx, rng = self.ctx, self.ctx.rng
        start = self._start_date(status, first_of_kind)
        teacher = self._teacher_for(status, start)
        focus, goal, target_text, tech, measure, measure_text = rng.choice(
            words.focuses_for(teacher.school_kind)
        )
        period = rng.choice(teacher.periods)
        dates = [on_weekday(start + timedelta(weeks=k)) for k in range(4)]
        done = self._done_flags(status, dates, first_of_kind)
        done_on = [self._done_day(d) if flag else None for d, flag in zip(dates, done, strict=True)]

        cycle_id = uuid.uuid4()
        # Most completed cycles meet their goal; the rest get part of the way there.
        gap = rng.randint(10, 16)
        gain = None
        if status == CycleStatus.COMPLETED:
            met = rng.random() < 0.7
            gain = (gap + rng.uniform(3, 7)) / 100 if met else gap * rng.uniform(0.3, 0.7) / 100
        observed = self._cycle_observations(teacher, period, tech, done_on, gain)
        values = self._measure_values(measure, status, observed, gap, gain)
        session_ids = self._add_sessions(cycle_id, teacher, period[0], dates, done_on)
        completed = status == CycleStatus.COMPLETED
        goal_met = (
            goal_met_by_numbers(
                values["baseline_value"], values["target_value"], values["final_value"]
            )
            if completed
            else None
        )
        peers = [rng.random() < 0.88 for _ in range(5)]
        held = [day for day in done_on if day is not None]
        # An abandoned cycle stops a few days after its last session; about half the teachers
        # agree to share their reflection (no new random draws: the demo stays the same).
        stopped_on = max(held) + timedelta(days=3) if status == CycleStatus.ABANDONED else None
        ctx.writer.add(
            CoachingCycle,
            row_id=cycle_id,
            teacher_id=teacher.id,
            start_date=start,
            length_weeks=4,
            status=status,
            status_overridden=status == CycleStatus.ABANDONED,
            abandoned_reason=rng.choice(words.ABANDONED_REASONS)
            if status == CycleStatus.ABANDONED
            else "",
            focus=focus,
            goal=goal,
            peers_powerful=peers[0],
            peers_easy=peers[1],
            peers_emotional=peers[2],
            peers_reachable=peers[3],
            peers_student_focused=peers[4],
            learning_target=target_text,
            measure_kind=measure.value,
            measure_description=measure_text or words.TIME_ON_TASK_MEASURE,
            goal_met=goal_met,
            teacher_reflection=rng.choice(words.REFLECTIONS) if completed else "",
            reflection_shareable=completed and gap % 2 == 0,
            stopped_on=stopped_on,
            next_steps=rng.choice(words.NEXT_STEPS) if completed else "",
            outcome=self._outcome(goal_met) if completed else None,
            **values,
        )
        for kind, obs in observed:
            session_id = session_ids[SESSION_ORDER.index(kind)]
            self._add_observation(teacher, obs, cycle_id=cycle_id, session_id=session_id)
        self._cycle_notes(cycle_id, session_ids, done_on, focus, goal)
        if completed and rng.random() < 0.3:
            before = dates[0] - timedelta(days=3 if dates[0].weekday() == 0 else 1)
            ctx.add_survey(teacher.id, "pre", before, 0.0, cycle_id=cycle_id)
            ctx.add_survey(teacher.id, "post", done_on[-1], 0.5, cycle_id=cycle_id)
        if len(self.charts) < 4 and goal_met and len(observed) == 3:
            first, last = observed[0][1], observed[-1][1]
            self.charts.append(ChartSource(cycle_id, last.id, first.chart, last.chart))

    def _add_sessions(self, cycle_id, teacher, period: str, dates, done_on) -> list[uuid.UUID]:
        """The four sessions a week apart; done ones carry a duration and next steps."""
        rng, ids = self.ctx.rng, []
        for kind, day, finished in zip(SESSION_ORDER, dates, done_on, strict=True):
            minutes = SESSION_MINUTES[kind] + rng.randint(-5, 10) if finished else None
            ids.append(
                self.ctx.writer.add(
                    CycleSession,
                    cycle_id=cycle_id,
                    kind=kind.value,
                    scheduled_date=day,
                    period=period,
                    room=teacher.room,
                    done_on=finished,
                    duration_minutes=minutes,
                    next_steps=words.SESSION_NEXT_STEPS[kind] if finished else "",
                )
            )
        return ids

    def _teacher_for(self, status: str, start: date) -> TeacherInfo:
        """Past cycles: anyone then at the district. Open cycles: one per current teacher."""
        if status in (CycleStatus.COMPLETED, CycleStatus.ABANDONED):
            return self.ctx.teacher_on(start + timedelta(weeks=4))
        teacher = next(
            t
            for t in self.ctx.current_teachers(len(self.ctx.teachers))
            if t.id not in self.open_cycle_teachers
        )
        self.open_cycle_teachers.add(teacher.id)
        return teacher

    def _done_day(self, scheduled: date) -> date:
        moved = on_weekday(scheduled + timedelta(days=1))
        return moved if self.ctx.rng.random() < 0.12 and moved < self.ctx.today else scheduled

    def _outcome(self, goal_met: bool) -> str:
        if goal_met:
            return self.ctx.rng.choice((CycleOutcome.CLOSE, CycleOutcome.NEW_CYCLE)).value
        return self.ctx.rng.choice((CycleOutcome.EXTEND, CycleOutcome.NEW_CYCLE)).value

    def _cycle_observations(self, teacher, period, tech, done_on, gain: float | None):
        """Sweeps for each observed session: the baseline, then climbing by `gain` (a share)."""
        start = max(0.35, teacher.on_task - 0.06)
        observed = []
        for kind, day in zip(SESSION_ORDER, done_on, strict=True):
            stage = OBSERVED_AT.get(kind.value)
            if stage is None or day is None or not self.sweep_counts:
                continue
            step = {"baseline": 0.0, "mid": 0.5, "final": 1.0}[stage]
            level = min(0.97, start + step * (gain or 0.08))
            observed.append((kind, self._plan_observation(teacher, day, period, level, tech)))
        return observed

    def _measure_values(self, measure, status, observed, gap, gain) -> dict[str, float | None]:
        rng = self.ctx.rng
        if status == CycleStatus.PLANNED:
            return {"baseline_value": None, "target_value": None, "final_value": None}
        by_kind = {kind: obs for kind, obs in observed}
        counted = measure == MeasureKind.TIME_ON_TASK
        if counted and CycleSessionKind.GOAL_SETTING in by_kind:
            baseline = by_kind[CycleSessionKind.GOAL_SETTING].pct
        elif measure == MeasureKind.QUIZ_SCORE:
            baseline = float(rng.randint(52, 68))
        else:
            baseline = float(rng.randint(30, 58))
        target = float(min(95, round(baseline) + gap))
        final = None
        if status == CycleStatus.COMPLETED:
            if counted and CycleSessionKind.DEBRIEF in by_kind:
                final = by_kind[CycleSessionKind.DEBRIEF].pct
            else:
                final = float(min(100, round(baseline + 100 * gain)))
        return {"baseline_value": baseline, "target_value": target, "final_value": final}

    def _cycle_notes(self, cycle_id, session_ids, done_on, focus, goal) -> None:
        ctx, rng = self.ctx, self.ctx.rng
        if rng.random() < 0.8:
            body = rng.choice(words.CYCLE_NOTES_SHARED).format(focus=focus, goal=goal)
            ctx.add_note(body, private=False, cycle_id=cycle_id)
        if rng.random() < 0.5:
            body = rng.choice(words.CYCLE_NOTES_PRIVATE).format(focus=focus)
            ctx.add_note(body, private=True, cycle_id=cycle_id)
        for kind, session_id, day in zip(SESSION_ORDER, session_ids, done_on, strict=True):
            if day is None:
                continue
            if rng.random() < 0.5:
                body = words.SESSION_NOTES_SHARED[kind].format(focus=focus)
                ctx.add_note(body, private=False, cycle_id=cycle_id, session_id=session_id)
            if rng.random() < 0.15:
                body = rng.choice(words.SESSION_NOTES_PRIVATE)
                ctx.add_note(body, private=True, cycle_id=cycle_id, session_id=session_id)

    # Observations ---------------------------------------------------------------------

    def _walkthrough(self) -> None:
        """A drop-in visit outside any cycle: this teacher's usual level, give or take."""
        ctx, rng = self.ctx, self.ctx.rng
        day = ctx.pick_day(ctx.story_start, ctx.today - timedelta(days=1))
        teacher = ctx.teacher_on(day)
        level = min(0.97, max(0.3, teacher.on_task + rng.gauss(0, 0.04)))
        focus = rng.choice(words.focuses_for(teacher.school_kind))
        tech = focus[3] if rng.random() < 0.85 else ""
        obs = self._plan_observation(teacher, day, rng.choice(teacher.periods), level, tech)
        self._add_observation(teacher, obs)

    def _plan_observation(self, teacher: TeacherInfo, day, period, level, tech) -> _Planned:
        rng = self.ctx.rng
        count = self.sweep_counts.pop()
        self.planned_observations += 1
        # Now and then the room is empty at a sweep (the class walked to the library).
        empty = self.planned_observations == 7 or rng.random() < 0.03
        sweeps = make_sweeps(rng, count, teacher.class_size, level, empty, tech)
        pct = time_on_task_pct((s.on_task, s.present) for s in sweeps)
        return _Planned(
            id=uuid.uuid4(),
            day=day,
            period=period,
            tech=tech,
            sweeps=sweeps,
            pct=None if pct is None else round(pct, 1),
            chart=[interval_pct(s.on_task, s.present) for s in sweeps],
        )

    def _add_observation(self, teacher: TeacherInfo, obs: _Planned, **links) -> None:
        ctx, rng = self.ctx, self.ctx.rng
        label, hour, minute = obs.period
        started = ctx.at(obs.day, hour, minute, rng.randint(0, 180))
        engagement = rng.choice(("passive", "interactive", "interactive", "creative"))
        use = _weighted(rng, PICRAT_USES[engagement])
        coded = bool(obs.tech) and rng.random() < 0.88
        ctx.writer.add(
            Observation,
            row_id=obs.id,
            teacher_id=teacher.id,
            cycle_id=links.get("cycle_id"),
            session_id=links.get("session_id"),
            observed_on=obs.day,
            period=label,
            lesson=rng.choice(words.LESSONS[teacher.school_kind]),
            students_present=max(s.present for s in obs.sweeps),
            interval_minutes=5,
            technology=obs.tech,
            picrat_engagement=engagement if coded else None,
            picrat_use=use if coded else None,
            samr_level=_weighted(rng, SAMR_FOR_USE[use]) if coded else None,
            notes=rng.choice(words.OBSERVATION_NOTES),
            started_at=started,
            ended_at=started + timedelta(minutes=5 * len(obs.sweeps)),
        )
        for index, sweep in enumerate(obs.sweeps):
            ctx.writer.add(
                ObservationInterval,
                observation_id=obs.id,
                index=index,
                minute=5 * index,
                on_task=sweep.on_task,
                present=sweep.present,
                activity_format=sweep.activity_format,
                note=sweep.note,
                recorded_at=started + timedelta(seconds=300 * index + rng.randint(4, 40)),
            )
        # Notes are jotted during the lesson: a shared one mid-lesson, a private one near the end.
        length = 5 * len(obs.sweeps)
        if rng.random() < 0.2:
            body = rng.choice(words.OBSERVATION_NOTES_SHARED)
            self._lesson_note(body, False, started, length // 2 + 2, obs.id, links)
        if rng.random() < 0.12:
            body = rng.choice(words.OBSERVATION_NOTES_PRIVATE)
            self._lesson_note(body, True, started, length - 3, obs.id, links)

    def _lesson_note(self, body, private, started, minute, observation_id, links) -> None:
        """A note written `minute` minutes into a lesson that had no pause."""
        self.ctx.add_note(
            body,
            private=private,
            observation_id=observation_id,
            lesson_minute=minute,
            created_at=started + timedelta(minutes=minute, seconds=20),
            **links,
        )


def _weighted(rng, choices) -> str:
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights)[0]


def lesson_formats(count: int) -> list[ActivityFormat]:
    """Open whole-group, move to groups or independent work, close together."""
    opening = 1 if count <= 6 else 2
    middle = count - opening - 2
    return (
        [ActivityFormat.WHOLE_GROUP] * opening
        + [ActivityFormat.TRANSITION]
        + [ActivityFormat.SMALL_GROUP] * (middle // 2)
        + [ActivityFormat.INDEPENDENT] * (middle - middle // 2)
        + [ActivityFormat.WHOLE_GROUP]
    )


def make_sweeps(rng, count: int, class_size: int, level: float, empty: bool, tech: str):
    """Whole-class sweeps: on_task never above present, one empty room when asked."""
    enrolled = class_size - rng.randint(0, 3)
    empty_at = rng.randint(2, count - 2) if empty and count >= 5 else None
    sweeps = []
    for index, fmt in enumerate(lesson_formats(count)):
        if index == empty_at:
            sweeps.append(Sweep(0, 0, ActivityFormat.TRANSITION.value, words.SWEEP_NOTES["empty"]))
            continue
        present = enrolled - (rng.randint(1, 2) if index == 0 and rng.random() < 0.4 else 0)
        if index > count // 2 and rng.random() < 0.15:
            present -= 1  # a student left for a pull-out service
        share = level + FORMAT_LIFT[fmt] + rng.gauss(0, 0.05) - (0.05 if index == 0 else 0)
        on_task = min(present, max(0, round(present * share)))
        note = ""
        if index == 0 and tech and rng.random() < 0.15:
            note = words.SWEEP_NOTES["login"]
        elif fmt == ActivityFormat.TRANSITION and tech and rng.random() < 0.1:
            note = words.SWEEP_NOTES["headphones"]
        sweeps.append(Sweep(on_task, present, fmt.value, note))
    return sweeps
