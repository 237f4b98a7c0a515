"""The teachers roster: list, add, edit, archive, delete and undo."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from app.models import School, Teacher, utc_now
from app.models.teachers import format_grades, is_valid_email, parse_grades
from app.services.errors import ValidationError
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
    store: Store, form: TeacherForm, teacher_id: uuid.UUID | None = None
) -> TeacherRow:
    """Add a teacher, or update one; raises ValidationError with a message per field."""
    clean = clean_teacher_form(form)
    if clean.problems:
        raise ValidationError(clean.problems)
    with store.session() as session:
        teacher = (
            live(session, Teacher, teacher_id, "teacher")
            if teacher_id
            else Teacher(name=clean.name)
        )
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
