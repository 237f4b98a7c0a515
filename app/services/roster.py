"""The teacher roster import from CSV: read, check every row, then write all rows or none.

Reading is forgiving (encodings, delimiters, header spellings a spreadsheet produces);
writing is strict: one bad row and nothing is imported, each bad row named by its line.
"""

import codecs
import csv
import io
import os
import re
import stat
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
    TeacherMatcher,
    clean_teacher_form,
    identity_key,
    school_named,
)
from app.store import Store

# A roster of thousands of teachers is well under a megabyte; anything this big is not one.
MAX_FILE_BYTES = 50 * 1024 * 1024
# Five 20,000-character notes' worth: anything longer is a pasted document, not a cell.
MAX_CELL_CHARS = 100_000
_READ_CHUNK = 1024 * 1024

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
_PICTURE_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"\x7fELF")
# C0 and C1 controls and DEL: invisible, and some (ESC) drive a terminal. Notes may keep
# tabs and line breaks; every other field may keep neither.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NOTE_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_WORDS = {"\t": "a tab", "\n": "a line break"}


class RosterError(Refused):
    """A problem with the whole file, in one sentence that says what to do."""


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str
    # The row's Name as the file gives it (controls shown as "�"), so a preview can say who.
    name: str = field(default="", compare=False)


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
        problem = _text_problem(values)
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
        matcher = TeacherMatcher(session)
    first_line_of: dict[tuple[str, str], int] = {}
    claimed_by: dict[uuid.UUID, int] = {}
    for row in rows:
        shown_name = _shown(row.form.name)
        if row.problem:
            plan.refused.append(RowProblem(row.line, row.problem, shown_name))
            continue
        clean = clean_teacher_form(row.form)
        if clean.problems:
            plan.refused.extend(
                RowProblem(row.line, _reason(key, message, row.form), shown_name)
                for key, message in clean.problems.items()
            )
            continue
        who = _who(clean)
        identity = (identity_key(clean.name), identity_key(clean.school))
        if identity in first_line_of:
            plan.refused.append(
                RowProblem(
                    row.line,
                    f"{who} is also on line {first_line_of[identity]}; keep one of the two lines.",
                    clean.name,
                )
            )
            continue
        first_line_of[identity] = row.line
        existing_id, problem = matcher.match(clean)
        if problem:
            plan.refused.append(RowProblem(row.line, problem, clean.name))
        elif existing_id is None:
            plan.to_add.append(PlannedTeacher(row.line, clean, None))
        elif existing_id in claimed_by:
            plan.refused.append(
                RowProblem(
                    row.line,
                    f"this row and line {claimed_by[existing_id]} both match "
                    f"“{clean.name}” in the notebook; keep one of the two lines.",
                    clean.name,
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
        # The preview was read before this transaction took the write lock: if another
        # import or window changed who is on the roster since, the plan no longer holds.
        _check_plan_still_holds(session, plan)
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
            _update(live[planned.existing_id], planned.teacher, schools)
    return ImportResult(added=len(plan.to_add), updated=len(plan.to_update))


def _check_plan_still_holds(session: Session, plan: ImportPlan) -> None:
    matcher = TeacherMatcher(session)
    live = _live_teachers(session) if plan.to_update else {}
    for planned in (*plan.to_add, *plan.to_update):
        if planned.existing_id is not None and planned.existing_id not in live:
            raise RosterError(
                f"A teacher on line {planned.line} was deleted while the roster was "
                "being checked: import the file again."
            )
        existing_id, _problem = matcher.match(planned.teacher)
        if existing_id != planned.existing_id:
            raise RosterError(
                f"The notebook changed while the roster was being checked (line {planned.line}, "
                f"{_who(planned.teacher)}, was added, changed or deleted meanwhile): import the "
                "file again to see what it would change now. Nothing was imported."
            )


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
        raw = _read_regular_file(path)
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        raise RosterError(f"“{name}” couldn't be opened ({reason}): check the file.") from exc
    return _decode(raw, name)


def _read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file, counted as they are read (a reported size can lie).

    Opened without blocking, so a pipe with no writer is refused instead of waiting forever.
    """
    name = path.name
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb", buffering=0) as stream:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise RosterError(
                f"“{name}” is not a file but a device or a pipe: choose the CSV file "
                "exported from your spreadsheet."
            )
        chunks, size = [], 0
        while chunk := stream.read(_READ_CHUNK):
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                raise RosterError(
                    f"“{name}” is too big to be a roster (over {MAX_FILE_BYTES // 2**20} MB): "
                    "choose the CSV file exported from your spreadsheet."
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _decode(raw: bytes, name: str) -> str:
    """UTF-8 (BOM or not), UTF-16 with a BOM (Excel's "Unicode text"), else Windows-1252."""
    if raw.startswith(_WORKBOOK_SIGNATURES):
        raise RosterError(
            f"“{name}” is a spreadsheet workbook, not a CSV file: in your spreadsheet choose "
            "Save As (or Download) ▸ CSV and import that file."
        )
    if raw.startswith(_PICTURE_SIGNATURES):
        raise RosterError(_not_text_message(name))
    text = _decoded(raw)
    if text is None or _looks_binary(text):
        raise RosterError(_not_text_message(name))
    return text


def _decoded(raw: bytes) -> str | None:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return None
    raw = raw.removeprefix(codecs.BOM_UTF8)
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _looks_binary(text: str) -> bool:
    """Controls in the header line, or everywhere: a picture or program, not a roster.

    A stray control in a row is the row's problem, refused by its line (`_text_problem`).
    """
    start = text[:4096]
    header = next((line for line in start.splitlines() if line.strip()), "")
    controls = len(_NOTE_CONTROLS.findall(start.replace("\r", "")))
    return bool(_NOTE_CONTROLS.search(header)) or controls > len(start) // 10


def _text_problem(values: dict[str, str]) -> str | None:
    """Why a row's text can't go into the notebook: a control character or a huge cell."""
    for key, value in values.items():
        label = _LABELS[key]
        if len(value) > MAX_CELL_CHARS:
            return (
                f"the {label} is {len(value):,} characters long, more than a roster cell "
                f"holds ({MAX_CELL_CHARS:,}); shorten it."
            )
        found = (_NOTE_CONTROLS if key == "notes" else _CONTROLS).search(value)
        if found:
            char = found.group()
            if char in _CONTROL_WORDS:
                what = f"{_CONTROL_WORDS[char]}, which only Notes may hold"
            else:
                what = f"an invisible control character (U+{ord(char):04X})"
            return (
                f"the {label} holds {what}; retype the {label} in your spreadsheet "
                "and import again."
            )
    return None


def _shown(text: str) -> str:
    """A value safe to show: controls replaced, spaces collapsed, kept short."""
    shown = " ".join(_CONTROLS.sub("\ufffd", text).split())
    return shown if len(shown) <= 80 else shown[:79] + "…"


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
    # Cells are measured after reading (`_text_problem`), to name the row and field; the
    # reader's own limit (128 KB) would stop at the first long cell and blame the quotes.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
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
