"""The teachers roster: list, add, edit, archive, delete and undo."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from app.models import School, Teacher, utc_now
from app.models.teachers import format_grades, is_valid_email, parse_grades
from app.services.errors import Refused, ValidationError, check_unchanged
from app.services.records import live, restore
from app.store import Store


@dataclass(frozen=True)
class TeacherRow:
    id: uuid.UUID
    name: str
    school: str
    grades: str
    subjects: str
    room: str
    email: str
    years_experience: int | None
    notes: str
    archived: bool
    updated_at: datetime


@dataclass
class TeacherForm:
    """What the coach typed, as text; `clean_teacher_form` turns it into values."""

    name: str = ""
    school: str = ""
    grades: str = ""
    subjects: str = ""
    room: str = ""
    email: str = ""
    years_experience: str = ""
    notes: str = ""


@dataclass
class CleanTeacher:
    name: str
    school: str
    grades: str
    subjects: str
    room: str
    email: str
    years_experience: int | None
    notes: str = ""
    problems: dict[str, str] = field(default_factory=dict)


MAX_NAME_LENGTH = 200


class DuplicateTeacher(Refused):
    """A new teacher would repeat a live one (same name, same school); `existing` is that one."""

    def __init__(self, existing: TeacherRow):
        self.existing = existing
        who = _who(existing.name, existing.school)
        super().__init__(f"{who} is already in your notebook: open it, or add a second?")


def clean_teacher_form(form: TeacherForm) -> CleanTeacher:
    """Trim and check each value; problems name the field and say what to do."""
    problems: dict[str, str] = {}
    name = " ".join(form.name.split())
    if not name:
        problems["name"] = "The name is empty. Type the teacher's name."
    elif len(name) > MAX_NAME_LENGTH:
        problems["name"] = f"The name is longer than {MAX_NAME_LENGTH} characters."
    email = form.email.strip()
    if email and not is_valid_email(email):
        problems["email"] = f"“{email}” is not an email address like name@school.org."
    grades = ""
    try:
        grades = format_grades(parse_grades(form.grades))
    except ValueError as exc:
        problems["grades"] = f"{exc} Use grades K-12, e.g. “K-2” or “9, 10”."
    years: int | None = None
    years_text = form.years_experience.strip()
    if years_text:
        if years_text.isdigit() and int(years_text) <= 60:
            years = int(years_text)
        else:
            problems["years_experience"] = "Years of experience is a whole number from 0 to 60."
    return CleanTeacher(
        name=name,
        school=" ".join(form.school.split()),
        grades=grades,
        subjects=form.subjects.strip(),
        room=form.room.strip(),
        email=email,
        years_experience=years,
        notes=form.notes,
        problems=problems,
    )


def school_named(
    session: Session, name: str, cache: dict[str, School] | None = None
) -> School | None:
    """The school of that name (case-insensitive), created when new; None for no name."""
    if not name:
        return None
    key = name.casefold()
    if cache is not None and key in cache:
        return cache[key]
    schools = session.exec(select(School).where(col(School.deleted_at).is_(None))).all()
    found = next((s for s in schools if s.name.casefold() == key), None)
    if found is None:
        found = School(name=name)
        session.add(found)
        session.flush()
    if cache is not None:
        cache[key] = found
    return found


def identity_key(text: str) -> str:
    """How names and schools compare: runs of spaces count as one, case is ignored."""
    return " ".join(text.split()).casefold()


class TeacherMatcher:
    """The notebook's live teachers, loaded in one query, matched by name and school.

    The same name at the same school is the same teacher. A blank school on either side
    means "not known", so it matches the one teacher of that name when there is only one.
    The roster import and the Add a teacher form both decide "already here" by this rule.
    """

    def __init__(self, session: Session | None, teachers=None):
        """`teachers`, (id, name, school) of the live teachers, saves a query when known."""
        found = teachers
        if found is None:
            found = session.exec(
                select(Teacher.id, Teacher.name, School.name)
                .join(School, col(Teacher.school_id) == School.id, isouter=True)
                .where(col(Teacher.deleted_at).is_(None))
            ).all()
        self._by_name: dict[str, list[tuple[uuid.UUID, str]]] = {}
        for teacher_id, name, school in found:
            self._by_name.setdefault(identity_key(name), []).append(
                (teacher_id, identity_key(school or ""))
            )

    def candidates(self, clean: CleanTeacher) -> tuple[list[uuid.UUID], bool]:
        """The teachers this one may be, and whether they are exact (same school) matches."""
        same_name = self._by_name.get(identity_key(clean.name), [])
        school = identity_key(clean.school)
        exact = [i for i, s in same_name if s == school]
        if exact:
            return exact, True
        if school:
            return [i for i, s in same_name if not s], False
        return [i for i, _ in same_name], False

    def match(self, clean: CleanTeacher) -> tuple[uuid.UUID | None, str | None]:
        """The id of the teacher a roster row updates (None: a new one), or why it can't say."""
        found, exact = self.candidates(clean)
        if len(found) <= 1:
            return (found[0] if found else None), None
        if exact:
            return None, (
                f"the notebook has {len(found)} teachers named {_quoted_who(clean)}; rename one "
                "in Coachbook so the roster matches only one."
            )
        if clean.school:
            where = "with no school"
            advice = "give them their schools in Coachbook so the roster matches only one"
        else:
            where = "at different schools"
            advice = "fill in the School on this line so the right one is updated"
        return None, (
            f"the notebook has {len(found)} teachers named “{clean.name}” {where}; {advice}."
        )


def _who(name: str, school: str) -> str:
    return f"{name} at {school}" if school else name


def _quoted_who(clean: CleanTeacher) -> str:
    if clean.school:
        return f"“{clean.name}” at “{clean.school}”"
    return f"“{clean.name}”"


def list_teachers(store: Store) -> list[TeacherRow]:
    """Every teacher not deleted, archived ones included, by name."""
    with store.session() as session:
        rows = session.exec(
            select(Teacher, School.name)
            .join(School, col(Teacher.school_id) == School.id, isouter=True)
            .where(col(Teacher.deleted_at).is_(None))
            .order_by(Teacher.name)
        ).all()
        return [_row(teacher, school or "") for teacher, school in rows]


def get_teacher(store: Store, teacher_id: uuid.UUID) -> TeacherRow:
    with store.session() as session:
        teacher = live(session, Teacher, teacher_id, "teacher")
        school = session.get(School, teacher.school_id) if teacher.school_id else None
        return _row(teacher, school.name if school else "")


def save_teacher(
    store: Store,
    form: TeacherForm,
    teacher_id: uuid.UUID | None = None,
    *,
    allow_duplicate: bool = False,
    loaded_at: datetime | None = None,
) -> TeacherRow:
    """Add a teacher, or update one; raises ValidationError with a message per field.

    A new teacher who matches a live one (see TeacherMatcher) raises DuplicateTeacher
    unless `allow_duplicate`: the coach chose to add a second. An edit whose teacher
    changed after `loaded_at` (the `updated_at` the form showed) raises ChangedSinceOpened.
    """
    clean = clean_teacher_form(form)
    if clean.problems:
        raise ValidationError(clean.problems)
    with store.session() as session:
        if teacher_id is None and not allow_duplicate:
            found, _exact = TeacherMatcher(session).candidates(clean)
            if found:
                existing = session.get(Teacher, found[0])
                school = session.get(School, existing.school_id) if existing.school_id else None
                raise DuplicateTeacher(_row(existing, school.name if school else ""))
        if teacher_id:
            teacher = live(session, Teacher, teacher_id, "teacher")
            check_unchanged(teacher, loaded_at, "teacher")
        else:
            teacher = Teacher(name=clean.name)
        school = school_named(session, clean.school)
        teacher.name = clean.name
        teacher.school_id = school.id if school else None
        teacher.grades = clean.grades
        teacher.subjects = clean.subjects
        teacher.room = clean.room
        teacher.email = clean.email
        teacher.years_experience = clean.years_experience
        teacher.notes = clean.notes
        session.add(teacher)
        session.flush()
        return _row(teacher, school.name if school else "")


def set_archived(store: Store, teacher_id: uuid.UUID, archived: bool) -> None:
    with store.session() as session:
        live(session, Teacher, teacher_id, "teacher").archived = archived


def delete_teacher(store: Store, teacher_id: uuid.UUID) -> None:
    """Soft delete: the teacher disappears from every list until `restore_teacher`."""
    with store.session() as session:
        live(session, Teacher, teacher_id, "teacher").deleted_at = utc_now()


def restore_teacher(store: Store, teacher_id: uuid.UUID) -> None:
    restore(store, Teacher, teacher_id, "teacher")


def form_for(row: TeacherRow) -> TeacherForm:
    return TeacherForm(
        name=row.name,
        school=row.school,
        grades=row.grades,
        subjects=row.subjects,
        room=row.room,
        email=row.email,
        years_experience="" if row.years_experience is None else str(row.years_experience),
        notes=row.notes,
    )


def list_school_names(store: Store) -> list[str]:
    with store.session() as session:
        names = session.exec(select(School.name).where(col(School.deleted_at).is_(None))).all()
        return sorted(names, key=str.casefold)


def _row(teacher: Teacher, school: str) -> TeacherRow:
    return TeacherRow(
        id=teacher.id,
        name=teacher.name,
        school=school,
        grades=teacher.grades,
        subjects=teacher.subjects,
        room=teacher.room,
        email=teacher.email,
        years_experience=teacher.years_experience,
        notes=teacher.notes,
        archived=teacher.archived,
        updated_at=teacher.updated_at,
    )
