"""The teacher roster import from CSV: read, check every row, then write all rows or none.

Reading is forgiving (encodings, delimiters, header spellings a spreadsheet produces);
writing is strict: one bad row and nothing is imported, each bad row named by its line.
"""

import codecs
import csv
import io
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, col, insert, select

from app.models import School, Teacher, utc_now
from app.services.errors import Refused
from app.services.teachers import (
    MAX_NAME_LENGTH,
    CleanTeacher,
    TeacherForm,
    clean_teacher_form,
    school_named,
)
from app.store import Store

# A roster of thousands of teachers is well under a megabyte; anything this big is not one.
MAX_FILE_BYTES = 50 * 1024 * 1024

# Header spellings, after `_header_key` (case folded, punctuation to single spaces).
_HEADERS = {
    "name": ("name", "teacher", "teacher name", "teachers name", "full name"),
    "school": ("school", "school name", "building", "campus"),
    "grades": ("grade", "grades", "grade s", "grade level", "grade levels"),
    "subjects": (
        "subject",
        "subjects",
        "subject s",
        "content area",
        "content areas",
        "course",
        "courses",
    ),
    "room": ("room", "room number", "room no", "classroom"),
    "email": ("email", "e mail", "email address", "e mail address"),
    "years_experience": ("years", "years of experience", "years experience", "experience"),
    "notes": ("notes", "note", "comments"),
}
_FIELD_OF_HEADER = {
    spelling: name for name, spellings in _HEADERS.items() for spelling in spellings
}
_LABELS = {
    "name": "Name",
    "school": "School",
    "grades": "Grade",
    "subjects": "Subject",
    "room": "Room",
    "email": "Email",
    "years_experience": "Years of experience",
    "notes": "Notes",
}
_DELIMITERS = {",": "a comma", ";": "a semicolon", "\t": "a tab"}
# Appended after the text: if a quote is never closed, the reader swallows this line too.
_END_MARK = "\ue000coachbook-end-of-file\ue000"
_WORKBOOK_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


class RosterError(Refused):
    """A problem with the whole file, in one sentence that says what to do."""


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str


class RosterRejected(Exception):
    """Some rows have problems, so nothing was imported; `problems` names each one."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        bad_rows = len({p.line for p in problems})
        counted = "1 row has a problem" if bad_rows == 1 else f"{bad_rows} rows have problems"
        super().__init__(f"Nothing was imported: {counted}. Fix them and import again.")


@dataclass
class RosterRow:
    line: int
    form: TeacherForm
    # Set when the row can't be taken as a teacher at all (e.g. more values than columns).
    problem: str | None = None


@dataclass
class PlannedTeacher:
    line: int
    teacher: CleanTeacher
    existing_id: uuid.UUID | None


@dataclass
class ImportPlan:
    to_add: list[PlannedTeacher] = field(default_factory=list)
    to_update: list[PlannedTeacher] = field(default_factory=list)
    refused: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused


@dataclass
class ImportResult:
    added: int
    updated: int


def import_roster_file(store: Store, path: Path) -> ImportResult:
    """Read, check and import a roster; raises RosterError or RosterRejected."""
    return apply_import(store, plan_import(store, read_roster(path)))


def read_roster(path: Path) -> list[RosterRow]:
    """The rows of a roster CSV as forms, with their line numbers; raises RosterError."""
    path = Path(path)
    text = _read_text(path)
    name = path.name
    delimiter = _sniff_delimiter(text)
    records = _records(text, delimiter, name)
    header_line, header = next(((n, f) for n, f in records if not _is_blank(f)), (0, []))
    if not header:
        raise RosterError(_empty_message(name))
    columns = _columns(header)
    if "name" not in columns:
        raise RosterError(
            "The file has no Name column; the first line should name the columns, "
            "e.g. Name, School, Grade, Subject, Room, Email."
        )
    rows = []
    for line, fields in records:
        if _is_blank(fields):
            continue
        values = {key: _cell(fields, index) for key, index in columns.items()}
        problem = None
        if len(fields) > len(header):
            problem = (
                f"the row has {len(fields)} values but line {header_line} names only "
                f"{len(header)} columns; put quotes around values that contain "
                f"{_DELIMITERS[delimiter]}."
            )
        rows.append(RosterRow(line=line, form=TeacherForm(**values), problem=problem))
    if not rows:
        raise RosterError(
            f"“{name}” names its columns but has no teachers: add one teacher per line "
            "under the first line and import again."
        )
    return rows


def plan_import(store: Store, rows: list[RosterRow]) -> ImportPlan:
    """Check every row and match it to the notebook's teachers; writes nothing."""
    plan = ImportPlan()
    with store.session() as session:
        matcher = _Matcher(session)
    first_line_of: dict[tuple[str, str], int] = {}
    claimed_by: dict[uuid.UUID, int] = {}
    for row in rows:
        if row.problem:
            plan.refused.append(RowProblem(row.line, row.problem))
            continue
        clean = clean_teacher_form(row.form)
        if clean.problems:
            plan.refused.extend(
                RowProblem(row.line, _reason(key, message, row.form))
                for key, message in clean.problems.items()
            )
            continue
        who = _who(clean)
        identity = (_key(clean.name), _key(clean.school))
        if identity in first_line_of:
            plan.refused.append(
                RowProblem(
                    row.line,
                    f"{who} is also on line {first_line_of[identity]}; keep one of the two lines.",
                )
            )
            continue
        first_line_of[identity] = row.line
        existing_id, problem = matcher.match(clean)
        if problem:
            plan.refused.append(RowProblem(row.line, problem))
        elif existing_id is None:
            plan.to_add.append(PlannedTeacher(row.line, clean, None))
        elif existing_id in claimed_by:
            plan.refused.append(
                RowProblem(
                    row.line,
                    f"this row and line {claimed_by[existing_id]} both match "
                    f"“{clean.name}” in the notebook; keep one of the two lines.",
                )
            )
        else:
            claimed_by[existing_id] = row.line
            plan.to_update.append(PlannedTeacher(row.line, clean, existing_id))
    return plan


def apply_import(store: Store, plan: ImportPlan) -> ImportResult:
    """Back up, then write every planned teacher in one transaction; all or nothing."""
    if plan.refused:
        raise RosterRejected(plan.refused)
    if not plan.to_add and not plan.to_update:
        return ImportResult(added=0, updated=0)
    store.backup()
    with store.session() as session:
        schools: dict[str, School] = {}
        for planned in (*plan.to_add, *plan.to_update):
            school_named(session, planned.teacher.school, schools)
        if plan.to_add:
            # One bulk INSERT: building thousands of ORM objects costs seconds, this doesn't.
            now = utc_now()
            session.execute(
                insert(Teacher), [_new_teacher(p.teacher, schools, now) for p in plan.to_add]
            )
        live = _live_teachers(session) if plan.to_update else {}
        for planned in plan.to_update:
            teacher = live.get(planned.existing_id)
            if teacher is None:
                raise RosterError(
                    f"A teacher on line {planned.line} was deleted while the roster was "
                    "being checked: import the file again."
                )
            _update(teacher, planned.teacher, schools)
    return ImportResult(added=len(plan.to_add), updated=len(plan.to_update))


class _Matcher:
    """The notebook's live teachers, loaded in one query, matched by name and school.

    The same name at the same school is the same teacher. A blank school on either side
    means "not known", so it matches the one teacher of that name when there is only one.
    """

    def __init__(self, session: Session):
        found = session.exec(
            select(Teacher.id, Teacher.name, School.name)
            .join(School, col(Teacher.school_id) == School.id, isouter=True)
            .where(col(Teacher.deleted_at).is_(None))
        ).all()
        self._by_name: dict[str, list[tuple[uuid.UUID, str]]] = {}
        for teacher_id, name, school in found:
            self._by_name.setdefault(_key(name), []).append((teacher_id, _key(school or "")))

    def match(self, clean: CleanTeacher) -> tuple[uuid.UUID | None, str | None]:
        """The id of the teacher this row updates (None: a new one), or why it can't say."""
        same_name = self._by_name.get(_key(clean.name), [])
        school = _key(clean.school)
        exact = [i for i, s in same_name if s == school]
        if len(exact) > 1:
            return None, (
                f"the notebook has {len(exact)} teachers named {_who(clean)}; rename one "
                "in Coachbook so the roster matches only one."
            )
        if exact:
            return exact[0], None
        if school:
            unknown_school = [i for i, s in same_name if not s]
            advice = "give them their schools in Coachbook so the roster matches only one"
        else:
            unknown_school = [i for i, _ in same_name]
            advice = "fill in the School on this line so the right one is updated"
        if len(unknown_school) > 1:
            return None, (
                f"the notebook has {len(unknown_school)} teachers named “{clean.name}” "
                f"{'with no school' if school else 'at different schools'}; {advice}."
            )
        return (unknown_school[0] if unknown_school else None), None


def _update(teacher: Teacher, clean: CleanTeacher, schools: dict[str, School]) -> None:
    """Copy the values the row gives; a blank cell keeps what the notebook has."""
    values: dict[str, object] = {"name": clean.name}
    if clean.school:
        values["school_id"] = _school_id(clean, schools)
    for name in ("grades", "subjects", "room", "email", "notes"):
        if getattr(clean, name):
            values[name] = getattr(clean, name)
    if clean.years_experience is not None:
        values["years_experience"] = clean.years_experience
    # Only real changes: an unchanged teacher keeps its `updated_at` and costs no UPDATE.
    for name, value in values.items():
        if getattr(teacher, name) != value:
            setattr(teacher, name, value)


def _live_teachers(session: Session) -> dict[uuid.UUID, Teacher]:
    found = session.exec(select(Teacher).where(col(Teacher.deleted_at).is_(None)))
    return {teacher.id: teacher for teacher in found}


def _new_teacher(clean: CleanTeacher, schools: dict[str, School], now: datetime) -> dict:
    """A new teacher's row; every column is given, since a bulk INSERT skips model defaults."""
    return {
        "id": uuid.uuid4(),
        "created_at": now,
        "updated_at": now,
        "deleted_at": None,
        "name": clean.name,
        "school_id": _school_id(clean, schools),
        "grades": clean.grades,
        "subjects": clean.subjects,
        "room": clean.room,
        "email": clean.email,
        "years_experience": clean.years_experience,
        "notes": clean.notes,
        "archived": False,
    }


def _school_id(clean: CleanTeacher, schools: dict[str, School]) -> uuid.UUID | None:
    return schools[clean.school.casefold()].id if clean.school else None


def _read_text(path: Path) -> str:
    name = path.name
    if not path.exists():
        raise RosterError(f"“{name}” was not found: check the file's name and folder.")
    if path.is_dir():
        raise RosterError(f"“{name}” is a folder, not a CSV file: choose the roster file in it.")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise RosterError(
                f"“{name}” is too big to be a roster (over {MAX_FILE_BYTES // 2**20} MB): "
                "choose the CSV file exported from your spreadsheet."
            )
        raw = path.read_bytes()
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        raise RosterError(f"“{name}” couldn't be opened ({reason}): check the file.") from exc
    return _decode(raw, name)


def _decode(raw: bytes, name: str) -> str:
    """UTF-8 (BOM or not), UTF-16 with a BOM (Excel's "Unicode text"), else Windows-1252."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise RosterError(_not_text_message(name)) from None
    if raw.startswith(_WORKBOOK_SIGNATURES):
        raise RosterError(
            f"“{name}” is a spreadsheet workbook, not a CSV file: in your spreadsheet choose "
            "Save As (or Download) ▸ CSV and import that file."
        )
    if b"\x00" in raw:
        raise RosterError(_not_text_message(name))
    raw = raw.removeprefix(codecs.BOM_UTF8)
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterError(_not_text_message(name))


def _not_text_message(name: str) -> str:
    return (
        f"“{name}” is not a CSV file (it holds something else, like a picture): "
        "export the roster from your spreadsheet as CSV and import that file."
    )


def _empty_message(name: str) -> str:
    return f"“{name}” is empty: export the roster again from your spreadsheet as CSV."


def _sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: the most used one that finds a Name column."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    candidates = sorted(_DELIMITERS, key=lambda d: -first_line.count(d))
    for delimiter in candidates:
        header = next(csv.reader([first_line], delimiter=delimiter, skipinitialspace=True), [])
        if any(_FIELD_OF_HEADER.get(_header_key(cell)) == "name" for cell in header):
            return delimiter
    return candidates[0]


def _records(text: str, delimiter: str, name: str):
    """(line where the record starts, its fields) for each record, blank ones included."""
    reader = csv.reader(
        io.StringIO(f"{text}\n{_END_MARK}\n", newline=""),
        delimiter=delimiter,
        skipinitialspace=True,
    )
    line = 1
    try:
        for fields in reader:
            if fields == [_END_MARK]:
                return
            if any(_END_MARK in f for f in fields):
                raise RosterError(
                    f'Line {line} of “{name}” opens a quote (") that is never closed, so '
                    "the rest of the file can't be read: close the quote and import again."
                )
            yield line, fields
            line = reader.line_num + 1
    except csv.Error as exc:
        raise RosterError(
            f"Line {line} of “{name}” couldn't be read ({exc}): check its quotes (\") and "
            "import again."
        ) from exc


def _columns(header: list[str]) -> dict[str, int]:
    """Which column holds which field; unknown columns are left out."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = _FIELD_OF_HEADER.get(_header_key(cell))
        if key is None:
            continue
        if key in columns:
            raise RosterError(
                f"The file has two {_LABELS[key]} columns (“{header[columns[key]].strip()}” "
                f"and “{cell.strip()}”): keep one and import again."
            )
        columns[key] = index
    return columns


def _header_key(cell: str) -> str:
    folded = cell.casefold().replace("'", "").replace("’", "")
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


def _cell(fields: list[str], index: int) -> str:
    if index >= len(fields):
        return ""
    return fields[index].replace("\r\n", "\n").replace("\r", "\n").strip()


def _is_blank(fields: list[str]) -> bool:
    return all(not f.strip() for f in fields)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _who(clean: CleanTeacher) -> str:
    if clean.school:
        return f"“{clean.name}” at “{clean.school}”"
    return f"“{clean.name}”"


def _reason(key: str, message: str, form: TeacherForm) -> str:
    """A form problem reworded for a line of a file (the form's words suit a text box)."""
    if key == "name":
        if not form.name.strip():
            return "the Name is empty; fill it in or delete the line."
        return f"the Name is longer than {MAX_NAME_LENGTH} characters; shorten it."
    if key == "years_experience":
        return (
            f"the Years of experience “{form.years_experience.strip()}” is not a whole "
            "number from 0 to 60."
        )
    label = _LABELS.get(key, key)
    if message.startswith("“"):
        return f"the {label} {message}"
    return f"the {label} is not right: {message}"
