"""Reading people from a roster's rows: teachers kept, students and others counted and skipped."""

import re

from app.services.rosters.headers import Header
from app.services.rosters.model import LABELS, POWERSCHOOL, Roster, RosterRow
from app.services.rosters.reading import (
    DELIMITERS,
    Member,
    RosterError,
    Source,
    cell,
    is_blank,
    text_problem,
)
from app.services.teachers import TeacherForm

_STUDENT_WORDS = {"student", "students", "learner", "learners", "pupil", "pupils"}
_INACTIVE = {"tobedeleted", "inactive", "deleted", "suspended", "archived"}
_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "edd", "esq"}
# OneRoster grades are CEDS codes; those outside K-12 (PK, TK, 13, Other) have no place here.
_CEDS_GRADES = {"KG": "K", **{f"{n:02d}": str(n) for n in range(1, 13)}}


class RowReader:
    """Turns one record into a teacher's form; knows the file's columns and school names."""

    def __init__(self, header: Header, columns: dict[str, int], external: int | None):
        self.header = header
        self.columns = columns
        self.external = external
        self.school_id: int | None = None
        self.org_lists: tuple[int | None, int | None] = (None, None)
        self.school_names: dict[str, str] | None = None
        self.school_ids: set[str] = set()
        self.teacher_orgs: dict[str, str] | None = None
        self.oneroster_grades = False
        self.ids_kept: dict[str, None] = {}
        self.last_by_id = False

    def value(self, fields: list[str], name: str) -> str:
        return cell(fields, self.columns.get(name))

    def form(self, fields: list[str], external_id: str) -> TeacherForm:
        get = self.value
        first = get(fields, "preferred_first") or get(fields, "first")
        middle = get(fields, "preferred_middle") or get(fields, "middle")
        last = get(fields, "preferred_last") or get(fields, "last")
        if first or last:
            name = " ".join(p for p in (first, middle, last) if p)
        else:
            name = flip_last_first(get(fields, "name"))
        school = get(fields, "school")
        self.last_by_id = False
        if not school:
            school = self.school(fields, external_id)
        grades = get(fields, "grades")
        if self.oneroster_grades:
            grades = ", ".join(
                _CEDS_GRADES[g] for g in re.split(r"[,\s]+", grades.upper()) if g in _CEDS_GRADES
            )
        return TeacherForm(
            name=name,
            school=school,
            grades=grades,
            subjects=get(fields, "subjects"),
            room=get(fields, "room"),
            email=get(fields, "email"),
            years_experience=get(fields, "years_experience"),
            notes=get(fields, "notes"),
        )

    def school(self, fields: list[str], external_id: str) -> str:
        ids: list[str] = []
        for index in (*self.org_lists, self.school_id):
            ids += [i.strip() for i in cell(fields, index).split(",") if i.strip()]
        if self.teacher_orgs is not None and external_id in self.teacher_orgs:
            ids.append(self.teacher_orgs[external_id])
        if not ids:
            return ""
        # A teacher's orgs may name the district too: the first that is a school is theirs.
        school_id = next((i for i in ids if i in self.school_ids), ids[0])
        if self.school_names is not None and school_id in self.school_names:
            return self.school_names[school_id]
        self.ids_kept[school_id] = None
        self.last_by_id = True
        return school_id


def read_people(
    reader: RowReader, roster: Roster, *, only_teachers: bool = False, google: bool = False
):
    """Each teacher row in turn; anyone else is counted as they pass and forgotten."""
    header = reader.header
    role_at = reader.columns.get("role")
    status_at = reader.columns.get("status")
    unit_at = reader.columns.get("org_unit")
    email_at = reader.columns.get("email")
    width = len(header.cells)
    delimiter = DELIMITERS[header.file.delimiter]
    for line, fields in header.records:
        if is_blank(fields):
            continue
        external_id = cell(fields, reader.external)
        role = cell(fields, role_at).casefold()
        unit = cell(fields, unit_at)
        if reader.teacher_orgs is not None:
            if external_id not in reader.teacher_orgs:
                roster.others_skipped += 1
                continue
        elif only_teachers and role != "teacher":
            if role in _STUDENT_WORDS:
                roster.students_skipped += 1
            else:
                roster.others_skipped += 1
            continue
        if role in _STUDENT_WORDS or _is_student_place(unit, cell(fields, email_at)):
            roster.students_skipped += 1
            continue
        if cell(fields, status_at).casefold() in _INACTIVE or (
            roster.format == POWERSCHOOL and cell(fields, status_at) == "2"
        ):
            roster.inactive_skipped += 1
            continue
        form = reader.form(fields, external_id)
        values = {k: getattr(form, k) for k in LABELS if k != "external_id"}
        problem = text_problem({**values, "external_id": external_id}, LABELS)
        if len(fields) > width:
            problem = (
                f"the row has {len(fields)} values but line {header.line} names only "
                f"{width} columns; put quotes around values that contain {delimiter}."
            )
        row = RosterRow(line, form, problem, external_id, school_by_id=reader.last_by_id)
        yield (row, unit) if google else row
    roster.schools_by_id = list(reader.ids_kept)


def _is_student_place(unit: str, email: str) -> bool:
    """A Google account in a students' organizational unit or email domain."""
    parts = {p.casefold() for p in re.split(r"[/\s_-]+", unit) if p}
    domain = email.rpartition("@")[2].casefold()
    return bool(parts & _STUDENT_WORDS) or any(w in domain.split(".") for w in _STUDENT_WORDS)


def flip_last_first(name: str) -> str:
    """ "Okafor, Ben" as people write it, "Ben Okafor"; "Ben Okafor, Jr." stays as it is."""
    if "," not in name:
        return name
    last, _, rest = name.partition(",")
    given, *suffixes = [p.strip() for p in rest.split(",")]
    if not last.strip() or not given or given.casefold().strip(".") in _NAME_SUFFIXES:
        return name
    return " ".join([given, last.strip(), *suffixes])


def read_orgs(member: Member, id_keys: tuple, name_keys: tuple, type_keys: tuple = ()):
    """(id, name, type) of each school in orgs.csv or schools.csv."""
    header = Header.read(member)
    id_at, name_at = header.first_of(id_keys), header.first_of(name_keys)
    type_at = header.first_of(type_keys) if type_keys else None
    if id_at is None or name_at is None:
        raise RosterError(
            f"“{member.name}” has no id and name columns for its schools: export it again."
        )
    for _line, fields in header.records:
        org_id, name = cell(fields, id_at), " ".join(cell(fields, name_at).split())
        if org_id and name and not text_problem({"name": name}, LABELS):
            yield org_id, name, cell(fields, type_at)


def unread_files(source: Source, read: list[str]) -> list[str]:
    done = {name.casefold() for name in read}
    return [m.name for m in source.members.values() if m.name.casefold() not in done]


def finished(roster: Roster, name: str) -> Roster:
    if not roster.rows and not (
        roster.students_skipped or roster.others_skipped or roster.inactive_skipped
    ):
        raise RosterError(
            f"“{name}” names its columns but has no teachers: add one teacher per line "
            "under the first line and import again."
        )
    if not roster.rows:
        others = roster.students_skipped + roster.others_skipped + roster.inactive_skipped
        raise RosterError(
            f"“{name}” has no teachers to import, only {others:,} other rows (students, other "
            "people or inactive accounts, skipped and not stored): export the teachers from "
            "your system."
        )
    return roster
