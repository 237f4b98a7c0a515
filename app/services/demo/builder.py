"""Builds the sample district into an empty notebook, in one transaction."""

import random
import unicodedata
from datetime import date, timedelta

from sqlmodel import Session, col, func, select

from app.models import Activity, ActivityKind, EvidenceFile, School, Teacher, utc_now
from app.models.teachers import GRADE_ORDER, format_grades
from app.services.demo import images, words
from app.services.demo.buy_in import build_buy_in
from app.services.demo.coaching import ChartSource, CoachingBuilder
from app.services.demo.context import SIZES, DemoContext, TeacherInfo, story_start
from app.services.demo.pilots import build_pilots
from app.services.demo.tools import build_tools
from app.services.demo.writer import BulkWriter
from app.services.errors import Refused
from app.services.profile import default_school_year, profile_row
from app.store import Store

EMPTY_ONLY = "the sample district goes into an empty notebook so it never mixes with real data."


def build_demo(
    store: Store, size: str = "small", today: date | None = None, *, seed: int | None = None
) -> dict[str, int]:
    """Fill an empty notebook with a sample district; returns row counts by table label.

    The same size, day and seed always give the same district; another seed gives other
    teachers and records of the same size (the size's own seed by default). Raises Refused
    when the notebook already holds teachers, writing nothing.
    """
    if size not in SIZES:
        raise ValueError(f"Unknown sample size {size!r}; choose one of {', '.join(SIZES)}.")
    spec = SIZES[size]
    today = today or date.today()
    with store.session() as session:
        _refuse_unless_empty(session)
        year_start, year_end = default_school_year(today)
        profile = profile_row(session)
        profile.name = words.COACH["name"]
        profile.title = words.TEAM_TITLE if spec.years > 1 else words.COACH["title"]
        profile.district = words.COACH["district"]
        profile.school_year_start, profile.school_year_end = year_start, year_end
        profile.default_interval_minutes = 5
        profile.default_cycle_weeks = 4
        profile.is_sample = True
        writer = BulkWriter(session, utc_now())
        ctx = DemoContext(
            size=spec,
            rng=random.Random(spec.seed if seed is None else seed),
            today=today,
            writer=writer,
            year_start=year_start,
            year_end=year_end,
            story_start=story_start(year_start, today, spec.years),
        )
        _add_staff(ctx)
        coaching = CoachingBuilder(ctx)
        coaching.build()
        pilot_ids = build_pilots(ctx)
        _add_activities(ctx)
        _add_evidence(ctx, coaching.charts, pilot_ids)
        writer.flush()
        # Last, so the records before it come out as they always have for a size and day.
        return writer.counts() | build_tools(ctx, session) | build_buy_in(ctx, session)


def _refuse_unless_empty(session: Session) -> None:
    not_deleted = col(Teacher.deleted_at).is_(None)
    live = session.exec(select(func.count()).select_from(Teacher).where(not_deleted)).one()
    total = session.exec(select(func.count()).select_from(Teacher)).one()
    if live:
        plural = "teacher" if live == 1 else "teachers"
        raise Refused(f"This notebook already has {live} {plural}; {EMPTY_ONLY}")
    if total:
        raise Refused(
            f"This notebook still holds {total} deleted teacher{'s' if total != 1 else ''} "
            f"that could be restored; {EMPTY_ONLY} Try it in a new notebook file."
        )


# Staff ------------------------------------------------------------------------------------


def _school_kinds(count: int) -> list[str]:
    if count <= 3:
        return ["elementary", "middle", "high"][:count]
    high, middle = max(1, count // 8), max(1, count // 5)
    return ["elementary"] * (count - high - middle) + ["middle"] * middle + ["high"] * high


def _add_staff(ctx: DemoContext) -> None:
    rng, size = ctx.rng, ctx.size
    schools = []
    for place, kind in zip(words.SCHOOL_PLACES, _school_kinds(size.schools), strict=False):
        name = f"{place} {words.SCHOOL_SUFFIX[kind]}"
        if kind == "high" and not any(k == "high" for _, k, _ in schools):
            name = "Cedar Valley High School"
        schools.append((ctx.writer.add(School, name=name), kind, name))
    weights = [{"elementary": 3, "middle": 3, "high": 4}[kind] for _, kind, _ in schools]
    archived = set(rng.sample(range(size.teachers), size.archived))
    emails: set[str] = set()
    for number, name in enumerate(_teacher_names(rng, size.teachers)):
        school_id, kind, _ = rng.choices(schools, weights)[0]
        subjects = rng.choice(words.SUBJECTS[kind])
        room = _room(rng, kind, subjects)
        left_on = None
        notes = rng.choice(words.TEACHER_NOTES) if rng.random() < 0.15 else ""
        if number in archived:
            earliest = ctx.story_start + timedelta(days=30)
            left_on = ctx.pick_day(earliest, ctx.today - timedelta(days=14))
            notes = words.ARCHIVED_NOTE
        teacher_id = ctx.writer.add(
            Teacher,
            name=name,
            school_id=school_id,
            grades=_grades(rng, kind, subjects),
            subjects=subjects,
            room=room,
            email=_email(name, emails),
            years_experience=None if rng.random() < 0.08 else round(rng.triangular(0, 34, 6)),
            notes=notes,
            archived=left_on is not None,
        )
        special = subjects == "Special Education"
        ctx.teachers.append(
            TeacherInfo(
                id=teacher_id,
                name=name,
                school_kind=kind,
                room=room,
                periods=sorted(rng.sample(words.PERIODS[kind], 3), key=lambda p: (p[1], p[2])),
                class_size=rng.randint(8, 14) if special else rng.randint(19, 33),
                on_task=rng.uniform(0.55, 0.8),
                left_on=left_on,
            )
        )
        if rng.random() < 0.08:
            body = rng.choice(words.TEACHER_NOTES_PRIVATE)
            ctx.add_note(body, private=True, teacher_id=teacher_id)


def _teacher_names(rng: random.Random, count: int) -> list[str]:
    """The featured names first, then distinct first-and-last combinations."""
    names = words.FEATURED_TEACHERS[:count]
    if count > len(names):
        combos = [f"{f} {last}" for f in words.FIRST_NAMES for last in words.LAST_NAMES]
        featured = set(names)
        fresh = [c for c in combos if c not in featured]
        names += rng.sample(fresh, count - len(names))
    return names


def _grades(rng: random.Random, kind: str, subjects: str) -> str:
    if kind == "elementary":
        if subjects not in ("Multiple subjects", "Literacy, Math"):
            return format_grades(GRADE_ORDER[:6])
        first = rng.randint(0, 5)
        span = 2 if rng.random() < 0.12 and first < 5 else 1
        return format_grades(GRADE_ORDER[first : first + span])
    if kind == "middle":
        return rng.choice(("6", "7", "8", "6", "7", "8", "6-8", "7-8"))
    options = [["9"], ["10"], ["11"], ["12"], ["9", "10"], ["11", "12"], ["9", "11"]]
    options.append(["9", "10", "11", "12"])
    return format_grades(rng.choice(options))


def _room(rng: random.Random, kind: str, subjects: str) -> str:
    special = {"Library Media": "Library", "Music": "Music room", "Band": "Band room"}
    if subjects in special:
        return special[subjects]
    if kind == "elementary":
        return f"Portable {rng.randint(1, 6)}" if rng.random() < 0.1 else str(rng.randint(1, 32))
    return f"{rng.choice('ABCS')}-{rng.randint(1, 2)}{rng.randint(1, 30):02d}"


def _ascii(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


def _email(name: str, taken: set[str]) -> str:
    parts = name.split()
    base = _ascii(parts[0])[:1] + _ascii(parts[-1])
    local, serial = base, 1
    while local in taken:
        serial += 1
        local = f"{base}{serial}"
    taken.add(local)
    return f"{local}@{words.EMAIL_DOMAIN}"


# The year around the coaching ---------------------------------------------------------------


def _add_activities(ctx: DemoContext) -> None:
    """PD sessions and informal contacts spread over the sample's school days."""
    rng = ctx.rng
    for _ in range(ctx.size.activities):
        day = ctx.pick_day(ctx.story_start, ctx.today - timedelta(days=1))
        roll = rng.random()
        if roll < 0.35:
            audience = rng.choice(words.PD_AUDIENCES)
            ctx.writer.add(
                Activity,
                kind=ActivityKind.PD_SESSION.value,
                occurred_on=day,
                topic=rng.choice(words.PD_TOPICS),
                audience=audience,
                minutes=rng.choice((30, 45, 60, 60, 90, 180)),
                attendees=rng.randint(4, 45 if audience == "Whole staff" else 18),
                feedback_score=round(rng.uniform(3.6, 4.9), 1),
                notes="Slides and handout shared in the staff drive." if roll < 0.1 else "",
            )
        elif roll < 0.55:
            ctx.writer.add(
                Activity,
                kind=ActivityKind.INFORMAL_CONTACT.value,
                occurred_on=day,
                topic=f"{words.COFFEE_TOPIC}: {rng.choice(words.COFFEE_THEMES)}",
                audience="Open drop-in before school",
                minutes=30,
                attendees=rng.randint(3, 12),
            )
        else:
            ctx.writer.add(
                Activity,
                kind=ActivityKind.INFORMAL_CONTACT.value,
                occurred_on=day,
                topic=rng.choice(words.INFORMAL_TOPICS),
                teacher_id=ctx.teacher_on(day).id,
                minutes=rng.choice((5, 10, 10, 15, 20, 30)),
                attendees=1,
            )


def _add_evidence(ctx: DemoContext, charts: list[ChartSource], pilot_ids: list) -> None:
    """A handful of pictures: sweep charts, growth charts, whiteboards, a dashboard."""
    rng = ctx.rng
    kinds = ("chart", "whiteboard", "screenshot", "growth")
    for number in range(ctx.size.evidence):
        kind = kinds[number % len(kinds)]
        source = charts[(number // len(kinds)) % len(charts)]
        links: dict = {}
        if kind == "chart":
            data = images.sweep_chart(source.final)
            links["observation_id"] = source.observation_id
        elif kind == "growth":
            data = images.growth_chart(source.baseline, source.final)
            links["cycle_id"] = source.cycle_id
        elif kind == "whiteboard":
            data = images.whiteboard(rng)
            links["cycle_id"] = source.cycle_id
        else:
            data = images.dashboard(rng)
            links["pilot_id"] = pilot_ids[(number // len(kinds)) % len(pilot_ids)]
        ctx.writer.add(
            EvidenceFile,
            filename=f"{kind}-{number + 1}.png",
            mime_type="image/png",
            caption=words.EVIDENCE_CAPTIONS[kind],
            # Charts and screenshots go in the portfolio; a classroom whiteboard photo may show
            # students, so it is left for the coach to tick.
            in_portfolio=kind != "whiteboard",
            size_bytes=len(data),
            data=data,
            **links,
        )
