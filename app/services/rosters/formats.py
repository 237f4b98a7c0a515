"""The roster formats a district hands a coach, found from their files and headers.

OneRoster 1.1 and 1.2 (1EdTech; ClassLink exports it), Clever, PowerSchool and other SIS
staff exports, Google Workspace user exports, and Coachbook's own simple CSV. Each is read
into teacher rows; students (and parents, administrators) are skipped as they stream by,
counted and never kept.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from app.services.rosters.reading import (
    DELIMITERS,
    CsvFile,
    Member,
    RosterError,
    Source,
    cell,
    companion,
    empty_message,
    is_blank,
    open_source,
    text_problem,
)
from app.services.teachers import TeacherForm

ONEROSTER, CLEVER, POWERSCHOOL, GOOGLE, STAFF, SIMPLE = (
    "OneRoster",
    "Clever",
    "PowerSchool",
    "Google Workspace",
    "Staff export",
    "Coachbook CSV",
)

# Header spellings, after `header_key` (camelCase split, case folded, punctuation to
# spaces, bracketed notes such as Google's "[Required]" dropped).
_HEADERS = {
    "name": (
        "name",
        "teacher",
        "teacher name",
        "teachers name",
        "full name",
        "staff name",
        "display name",
        "last first",
    ),
    "first": (
        "first name",
        "firstname",
        "first",
        "given name",
        "givenname",
        "legal first name",
        "teacher first name",
        "staff first name",
    ),
    "middle": ("middle name", "middlename", "middle", "middle initial", "teacher middle name"),
    "last": (
        "last name",
        "lastname",
        "last",
        "family name",
        "familyname",
        "surname",
        "legal last name",
        "teacher last name",
        "staff last name",
    ),
    "preferred_first": ("preferred given name", "preferred first name"),
    "preferred_middle": ("preferred middle name",),
    "preferred_last": ("preferred family name", "preferred last name"),
    "school": ("school", "school name", "schoolname", "building", "campus", "building name"),
    "grades": ("grade", "grades", "grade s", "grade level", "grade levels"),
    "subjects": (
        "subject",
        "subjects",
        "subject s",
        "content area",
        "content areas",
        "course",
        "courses",
        "department",
    ),
    "room": ("room", "room number", "room no", "classroom", "home room", "homeroom"),
    "email": (
        "email",
        "e mail",
        "email address",
        "e mail address",
        "teacher email",
        "email addr",
        "staff email",
        "work email",
        "primary email",
    ),
    "years_experience": ("years", "years of experience", "years experience", "experience"),
    "notes": ("notes", "note", "comments"),
    "role": ("role", "user role", "user type", "person type", "employee type", "staff type"),
    "status": ("status", "user status"),
    "org_unit": ("org unit path", "org unit", "organizational unit", "organization unit"),
}
_FIELD_OF_HEADER = {
    spelling: name for name, spellings in _HEADERS.items() for spelling in spellings
}
# Several columns can name a school or a person by id: the first found in this order wins.
_SCHOOL_IDS = ("primary org sourced id", "org sourced ids", "school id", "school number")
_SCHOOL_IDS = (*_SCHOOL_IDS, "school code", "schoolid")
_EXTERNAL_IDS = ("sourced id", "teacher id", "staff id", "employee id", "teacher number")
_EXTERNAL_IDS = (*_EXTERNAL_IDS, "staff number")
_POWERSCHOOL_IDS = ("dcid", "id")
_POWERSCHOOL_SIGNS = {"email addr", "last first", "teacher number", "dcid", "home room"}
_POWERSCHOOL_SIGNS |= {"staff status", "school id"}
LABELS = {
    "name": "Name",
    "school": "School",
    "grades": "Grade",
    "subjects": "Subject",
    "room": "Room",
    "email": "Email",
    "years_experience": "Years of experience",
    "notes": "Notes",
    "external_id": "id",
}
_STUDENT_WORDS = {"student", "students", "learner", "learners", "pupil", "pupils"}
_STAFF_UNITS = {"staff", "teachers", "teacher", "faculty", "employees", "certified"}
_INACTIVE = {"tobedeleted", "inactive", "deleted", "suspended", "archived"}
_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "edd", "esq"}
# OneRoster grades are CEDS codes; those outside K-12 (PK, TK, 13, Other) have no place here.
_CEDS_GRADES = {"KG": "K", **{f"{n:02d}": str(n) for n in range(1, 13)}}


@dataclass
class RosterRow:
    line: int
    form: TeacherForm
    # Set when the row can't be taken as a teacher at all (e.g. more values than columns).
    problem: str | None = None
    # The district's id for the teacher (sourcedId, Teacher_id), "" when the file has none.
    external_id: str = ""
    # The School is an id the file gave no name for: it never replaces a school's name.
    school_by_id: bool = False


@dataclass
class Roster:
    """The teachers a roster file or bundle gives, and what was left out and why."""

    rows: list[RosterRow]
    format: str
    source: str
    teachers_file: str
    files: list[str] = field(default_factory=list)
    students_skipped: int = 0
    others_skipped: int = 0
    inactive_skipped: int = 0
    # School ids with no name to be found: kept as the school's name.
    schools_by_id: list[str] = field(default_factory=list)
    schools_file: str = ""
    # False for a OneRoster delta and a simple CSV: who is missing from them is not gone.
    full_sync: bool = True
    unread: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[RosterRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> RosterRow:
        return self.rows[index]

    def notes(self) -> list[str]:
        """What the preview says about the file beyond its rows, one sentence each."""
        notes = []
        if self.students_skipped:
            notes.append(f"{_count(self.students_skipped, 'student row')} skipped, not stored.")
        if self.others_skipped:
            notes.append(
                f"{_count(self.others_skipped, 'row')} of other people (parents, administrators, "
                "aides, other staff) skipped, not stored."
            )
        if self.inactive_skipped:
            notes.append(
                f"{_count(self.inactive_skipped, 'teacher')} marked inactive or to be deleted "
                "skipped."
            )
        if self.schools_by_id:
            shown = ", ".join(self.schools_by_id[:5]) + ("…" if len(self.schools_by_id) > 5 else "")
            if self.schools_file in self.files:
                notes.append(
                    f"Schools not named in {self.schools_file} are kept by their id ({shown})."
                )
            else:
                where = f"no {self.schools_file}" if self.schools_file else "no school names"
                notes.append(
                    f"Schools are kept by their id ({shown}): the file has {where}. Import the "
                    "whole export (the folder or .zip) to get the schools' names."
                )
        if self.unread:
            notes.append(
                f"Not read: {', '.join(self.unread)} (students and classes are never stored)."
            )
        if not self.full_sync and self.format.startswith(ONEROSTER):
            notes.append("This is a partial (delta) export: teachers missing from it stay.")
        return notes


def read_roster(path) -> Roster:
    """The teacher rows of a roster CSV, folder or .zip, its format found; raises RosterError."""
    with open_source(path) as source:
        if source.kind == "file":
            (member,) = source.members.values()
            return _read_single(source, member)
        users, teachers = source.get("users.csv"), source.get("teachers.csv")
        if users is not None:
            return _read_oneroster(source, users, _Header.read(users))
        if teachers is not None:
            return _read_clever(source, teachers, _Header.read(teachers))
        if len(source.members) == 1:
            (member,) = source.members.values()
            return _read_single(source, member)
        what = "folder" if source.kind == "folder" else ".zip file"
        if not source.members:
            raise RosterError(
                f"“{source.label}” holds no CSV files: choose the {what} your rostering system "
                "exported (with users.csv or teachers.csv in it), or the roster CSV file itself."
            )
        found = ", ".join(m.name for m in source.members.values())
        raise RosterError(
            f"“{source.label}” holds {found}, but no users.csv (OneRoster, ClassLink) or "
            f"teachers.csv (Clever): choose the {what} your rostering system exported, or the "
            "roster CSV file itself."
        )


def header_key(text: str) -> str:
    """A header as compared: "Last Name [Required]", "Teachers.Last_Name", "lastName" alike."""
    text = re.sub(r"\[[^\]]*\]", " ", text)
    if "." in text.strip(". "):
        text = text.rsplit(".", 1)[-1]
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text)
    folded = text.casefold().replace("'", "").replace("’", "")
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


def _knows(header: list[str]) -> bool:
    keys = {header_key(c) for c in header}
    return bool(keys & (set(_FIELD_OF_HEADER) | set(_EXTERNAL_IDS) | set(_SCHOOL_IDS)))


class _Header:
    """A file's header line: which column holds what, and the records after it."""

    def __init__(self, csv_file: CsvFile, records, line: int, cells: list[str]):
        self.file = csv_file
        self.records = records
        self.line = line
        self.cells = cells
        self.keys = [header_key(c) for c in cells]
        self.index = {key: i for i, key in reversed(list(enumerate(self.keys))) if key}

    @classmethod
    def read(cls, member: Member) -> "_Header":
        csv_file = CsvFile(member, _knows)
        records = csv_file.records()
        for line, fields in records:
            if not is_blank(fields):
                return cls(csv_file, records, line, fields)
        raise RosterError(empty_message(member.name))

    def has(self, *keys: str) -> bool:
        return any(k in self.index for k in keys)

    def first_of(self, keys: tuple[str, ...]) -> int | None:
        return next((self.index[k] for k in keys if k in self.index), None)

    def columns(self) -> dict[str, int]:
        """Which column holds which field; two columns for one field are refused."""
        columns: dict[str, int] = {}
        for index, key in enumerate(self.keys):
            name = _FIELD_OF_HEADER.get(key)
            if name is None:
                continue
            if name in columns:
                if name in ("role", "status", "name"):
                    continue  # LastFirst beside Name, Status beside User status: the first
                label = LABELS.get(name, self.cells[index].strip())
                raise RosterError(
                    f"The file has two {label} columns (“{self.cells[columns[name]].strip()}” "
                    f"and “{self.cells[index].strip()}”): keep one and import again."
                )
            columns[name] = index
        return columns


def _read_single(source: Source, member: Member) -> Roster:
    header = _Header.read(member)
    if header.has("sourced id") and header.has("given name", "family name"):
        return _read_oneroster(source, member, header)
    if header.has("teacher id") and header.has("first name", "last name"):
        return _read_clever(source, member, header)
    columns = header.columns()
    if "org_unit" in columns or any("[required]" in c.casefold() for c in header.cells):
        kind = GOOGLE
    elif not {"name", "first", "last"} & set(columns):
        raise RosterError(
            "The file has no Name column (nor First name and Last name columns); the first "
            "line should name the columns, e.g. Name, School, Grade, Subject, Room, Email."
        )
    elif set(header.keys) & _POWERSCHOOL_SIGNS:
        kind = POWERSCHOOL
    elif {"first", "last"} & set(columns):
        kind = STAFF
    else:
        kind = SIMPLE
    roster = Roster([], kind, source.label, member.name, files=[member.name])
    # A coach's own spreadsheet often lists only some teachers: its gaps mean nothing.
    roster.full_sync = kind != SIMPLE
    ids = _EXTERNAL_IDS + (_POWERSCHOOL_IDS if kind == POWERSCHOOL else ())
    reader = _RowReader(header, columns, external=header.first_of(ids))
    reader.school_id = header.first_of(_SCHOOL_IDS)
    rows = list(_people(reader, roster, google=kind == GOOGLE))
    if kind == GOOGLE:
        rows = _staff_units_only(rows, roster)
    roster.rows = [row for row, _unit in rows] if kind == GOOGLE else rows
    return _finished(roster, member.name)


def _read_clever(source: Source, member: Member, header: _Header) -> Roster:
    roster = Roster([], CLEVER, source.label, member.name, files=[member.name])
    roster.schools_file = "schools.csv"
    schools = companion(source, "schools.csv")
    names: dict[str, str] | None = None
    if schools is not None:
        roster.files.append(schools.name)
        names = {i: name for i, name, _type in _orgs(schools, ("school id",), ("school name",))}
    roster.unread = _unread(source, roster.files)
    reader = _RowReader(header, header.columns(), external=header.first_of(("teacher id",)))
    reader.school_id = header.first_of(("school id",))
    reader.school_names = names
    roster.rows = list(_people(reader, roster))
    return _finished(roster, member.name)


def _read_oneroster(source: Source, member: Member, header: _Header) -> Roster:
    manifest = _manifest(companion(source, "manifest.csv"))
    roles = companion(source, "roles.csv")
    if not header.has("sourced id") or not header.has("given name", "family name"):
        raise RosterError(
            f"“{member.name}” is not a OneRoster users file (it has no sourcedId, givenName "
            "and familyName columns): export the roster again from your rostering system."
        )
    has_role = header.has("role")
    version = manifest.get("oneroster.version") or (
        "1.1" if has_role and not header.has("primary org sourced id") else "1.2"
    )
    roster = Roster([], f"{ONEROSTER} {version}", source.label, member.name, files=[member.name])
    roster.schools_file = "orgs.csv"
    roster.full_sync = manifest.get("file.users", "bulk").casefold() != "delta"
    if manifest:
        roster.files.append("manifest.csv")
    teacher_orgs: dict[str, str] | None = None
    students_in_roles = 0
    # OneRoster 1.2 keeps roles in roles.csv; where it is there, it decides who teaches.
    if not has_role or (roles is not None and version.startswith("1.2")):
        if roles is None:
            raise RosterError(
                f"“{member.name}” says nobody's role (OneRoster 1.2 keeps roles in roles.csv, "
                "which is missing): import the whole bundle, the folder or .zip with users.csv "
                "and roles.csv."
            )
        roster.files.append(roles.name)
        teacher_orgs, students_in_roles = _teacher_roles(roles)
    orgs = companion(source, "orgs.csv")
    org_names: dict[str, str] | None = None
    school_ids: set[str] = set()
    if orgs is not None:
        roster.files.append(orgs.name)
        org_names = {}
        for org_id, name, kind in _orgs(orgs, ("sourced id",), ("name",), ("type",)):
            org_names[org_id] = name
            if kind.casefold() == "school":
                school_ids.add(org_id)
    roster.unread = _unread(source, roster.files)
    reader = _RowReader(header, header.columns(), external=header.first_of(("sourced id",)))
    reader.org_lists = (
        header.first_of(("primary org sourced id",)),
        header.first_of(("org sourced ids",)),
    )
    reader.school_names = org_names
    reader.school_ids = school_ids
    reader.teacher_orgs = teacher_orgs
    reader.oneroster_grades = True
    roster.rows = list(_people(reader, roster, only_teachers=True))
    if teacher_orgs is not None:
        roster.students_skipped = students_in_roles
        roster.others_skipped = max(0, roster.others_skipped - students_in_roles)
    return _finished(roster, member.name)


class _RowReader:
    """Turns one record into a teacher's form; knows the file's columns and school names."""

    def __init__(self, header: _Header, columns: dict[str, int], external: int | None):
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


def _people(
    reader: _RowReader, roster: Roster, *, only_teachers: bool = False, google: bool = False
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


def _staff_units_only(rows: list, roster: Roster) -> list:
    """When some accounts sit in a staff unit, only those are teachers; the rest are others."""

    def is_staff(unit: str) -> bool:
        return bool({p.casefold() for p in unit.split("/") if p} & _STAFF_UNITS)

    kept = rows
    if any(is_staff(unit) for _row, unit in rows):
        kept = [(row, unit) for row, unit in rows if is_staff(unit)]
        roster.others_skipped += len(rows) - len(kept)
    for row, unit in kept:
        if not row.form.school:
            row.form.school = _school_of_unit(unit)
    return kept


def _school_of_unit(unit: str) -> str:
    """The school in an org unit path like /Staff/Lincoln Elementary: its last specific part."""
    parts = [p.strip() for p in unit.split("/") if p.strip()]
    specific = [p for p in parts if p.casefold() not in _STAFF_UNITS]
    return specific[-1] if specific else ""


def flip_last_first(name: str) -> str:
    """ "Okafor, Ben" as people write it, "Ben Okafor"; "Ben Okafor, Jr." stays as it is."""
    if "," not in name:
        return name
    last, _, rest = name.partition(",")
    given, *suffixes = [p.strip() for p in rest.split(",")]
    if not last.strip() or not given or given.casefold().strip(".") in _NAME_SUFFIXES:
        return name
    return " ".join([given, last.strip(), *suffixes])


def _teacher_roles(roles: Member) -> tuple[dict[str, str], int]:
    """From OneRoster 1.2's roles.csv: each teacher's org (primary first), and how many students."""
    header = _Header.read(roles)
    user_at = header.first_of(("user sourced id",))
    role_at = header.first_of(("role",))
    if user_at is None or role_at is None:
        raise RosterError(
            f"“{roles.name}” has no userSourcedId and role columns: export the bundle again."
        )
    type_at, org_at = header.first_of(("role type",)), header.first_of(("org sourced id",))
    status_at = header.first_of(("status",))
    teachers: dict[str, str] = {}
    students = 0
    for _line, fields in header.records:
        role = cell(fields, role_at).casefold()
        primary = cell(fields, type_at).casefold() in ("primary", "")
        if role == "student":
            students += primary
        elif role == "teacher" and cell(fields, status_at).casefold() != "tobedeleted":
            user = cell(fields, user_at)
            if user not in teachers or primary:
                teachers[user] = cell(fields, org_at)
    return teachers, students


def _orgs(member: Member, id_keys: tuple, name_keys: tuple, type_keys: tuple = ()):
    """(id, name, type) of each school in orgs.csv or schools.csv."""
    header = _Header.read(member)
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


def _manifest(member: Member | None) -> dict[str, str]:
    if member is None:
        return {}
    header = _Header.read(member)
    values = {header.cells[0].strip().casefold(): cell(header.cells, 1)}
    for _line, fields in header.records:
        values[cell(fields, 0).casefold()] = cell(fields, 1)
    return values


def _unread(source: Source, read: list[str]) -> list[str]:
    done = {name.casefold() for name in read}
    return [m.name for m in source.members.values() if m.name.casefold() not in done]


def _finished(roster: Roster, name: str) -> Roster:
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


def _count(n: int, what: str) -> str:
    return f"{n:,} {what}{'' if n == 1 else 's'}"
