"""The teacher roster import: read a district's export, check every row, write all or none.

Reading is forgiving (OneRoster, Clever, PowerSchool, Google and simple CSVs, a folder or a
.zip, encodings, delimiters, header spellings; see app/services/rosters/); writing is
strict: one bad row and nothing is imported, each bad row named by its line. Students in a
file are skipped as it is read and never reach the notebook.
"""

import os
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, col, insert, select

from app.errors import CoachbookError
from app.models import School, Teacher, utc_now
from app.services.rosters.formats import LABELS, SIMPLE, Roster, RosterRow, read_roster
from app.services.rosters.reading import MAX_CELL_CHARS, RosterError, shown
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

__all__ = [
    "MAX_CELL_CHARS",
    "ImportPlan",
    "ImportResult",
    "MissingTeacher",
    "PlannedTeacher",
    "Roster",
    "RosterError",
    "RosterRejected",
    "RosterRow",
    "RowProblem",
    "apply_import",
    "import_roster_file",
    "import_summary",
    "plan_import",
    "read_roster",
    "result_message",
]

# The values a roster row can set, in the order the preview and updates name them.
_FIELDS = ("name", "school", "grades", "subjects", "room", "email", "years_experience", "notes")


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str
    # The row's Name as the file gives it (controls shown as "�"), so a preview can say who.
    name: str = field(default="", compare=False)


class RosterRejected(CoachbookError):
    """Some rows have problems, so nothing was imported; `problems` names each one."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        bad_rows = len({p.line for p in problems})
        counted = "1 row has a problem" if bad_rows == 1 else f"{bad_rows} rows have problems"
        super().__init__(f"Nothing was imported: {counted}. Fix them and import again.")


@dataclass
class PlannedTeacher:
    line: int
    teacher: CleanTeacher
    existing_id: uuid.UUID | None
    external_id: str = ""
    # For an update: the fields the row changes, by their labels ("School", "Email").
    changes: tuple[str, ...] = ()


@dataclass(frozen=True)
class MissingTeacher:
    """An active teacher of the notebook that the file does not list."""

    id: uuid.UUID
    name: str
    school: str


@dataclass
class ImportPlan:
    to_add: list[PlannedTeacher] = field(default_factory=list)
    to_update: list[PlannedTeacher] = field(default_factory=list)
    refused: list[RowProblem] = field(default_factory=list)
    unchanged: list[PlannedTeacher] = field(default_factory=list)
    # Offered for archiving after a full export from the district (never deleted).
    missing: list[MissingTeacher] = field(default_factory=list)
    roster: Roster | None = None

    @property
    def ok(self) -> bool:
        return not self.refused


@dataclass
class ImportResult:
    added: int
    updated: int
    unchanged: int = 0
    archived: int = 0


def import_roster_file(store: Store, path, *, archive_missing: bool = False) -> ImportResult:
    """Read, check and import a roster; raises RosterError or RosterRejected."""
    plan = plan_import(store, read_roster(path))
    return apply_import(store, plan, archive_missing=archive_missing)


@dataclass(frozen=True)
class _Known:
    """A live teacher as the notebook has it, for matching and for telling what changes."""

    id: uuid.UUID
    name: str
    school: str
    grades: str
    subjects: str
    room: str
    email: str
    years_experience: int | None
    notes: str
    external_id: str
    archived: bool


class _Notebook:
    """The notebook's live teachers, loaded in one query, matched as a roster row asks.

    A row matches by the district's id first, then by email, then by name and school (the
    teacher form's rule, TeacherMatcher). A teacher who has another district id is someone
    else, however alike the names.
    """

    def __init__(self, session: Session):
        found = session.exec(
            select(
                Teacher.id,
                Teacher.name,
                School.name,
                Teacher.grades,
                Teacher.subjects,
                Teacher.room,
                Teacher.email,
                Teacher.years_experience,
                Teacher.notes,
                Teacher.external_id,
                Teacher.archived,
            )
            .join(School, col(Teacher.school_id) == School.id, isouter=True)
            .where(col(Teacher.deleted_at).is_(None))
        ).all()
        self.known = {row[0]: _Known(*row[:2], row[2] or "", *row[3:]) for row in found}
        self._by_external: dict[str, uuid.UUID] = {}
        self._by_email: dict[str, list[uuid.UUID]] = {}
        for known in self.known.values():
            if known.external_id:
                self._by_external.setdefault(known.external_id, known.id)
            if known.email:
                self._by_email.setdefault(known.email.casefold(), []).append(known.id)
        self._by_name = TeacherMatcher(
            None, [(k.id, k.name, k.school) for k in self.known.values()]
        )

    def match(self, clean: CleanTeacher, external_id: str) -> tuple[uuid.UUID | None, str | None]:
        """The id of the teacher a row updates (None: a new one), or why it can't say."""
        if external_id and external_id in self._by_external:
            return self._by_external[external_id], None
        if clean.email:
            same = [
                i
                for i in self._by_email.get(clean.email.casefold(), [])
                if self._may_be(i, external_id)
            ]
            if len(same) == 1:
                return same[0], None
        found, problem = self._by_name.match(clean)
        if found is not None and not self._may_be(found, external_id):
            return None, None
        return found, problem

    def _may_be(self, teacher_id: uuid.UUID, external_id: str) -> bool:
        theirs = self.known[teacher_id].external_id
        return not external_id or not theirs or theirs == external_id


def plan_import(store: Store, rows: Roster | Iterable[RosterRow]) -> ImportPlan:
    """Check every row and match it to the notebook's teachers; writes nothing."""
    plan = ImportPlan(roster=rows if isinstance(rows, Roster) else None)
    with store.session() as session:
        notebook = _Notebook(session)
    first_line_of: dict[tuple[str, str], tuple[int, str]] = {}
    line_of_external: dict[str, int] = {}
    claimed_by: dict[uuid.UUID, int] = {}
    for row in rows:
        shown_name = shown(row.form.name)
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
        external_id = row.external_id
        if external_id and external_id in line_of_external:
            plan.refused.append(
                RowProblem(
                    row.line,
                    f"its id “{shown(external_id)}” is also on line "
                    f"{line_of_external[external_id]}; keep one of the two lines.",
                    clean.name,
                )
            )
            continue
        identity = (identity_key(clean.name), identity_key(clean.school))
        earlier = first_line_of.get(identity)
        if earlier and not (external_id and earlier[1] and external_id != earlier[1]):
            plan.refused.append(
                RowProblem(
                    row.line,
                    f"{_who(clean)} is also on line {earlier[0]}; keep one of the two lines.",
                    clean.name,
                )
            )
            continue
        first_line_of.setdefault(identity, (row.line, external_id))
        if external_id:
            line_of_external[external_id] = row.line
        existing_id, problem = notebook.match(clean, external_id)
        if existing_id is not None and row.school_by_id:
            # An id the file gave no name for keeps the school the notebook knows by name.
            clean.school = notebook.known[existing_id].school or clean.school
        if problem:
            plan.refused.append(RowProblem(row.line, problem, clean.name))
        elif existing_id is None:
            plan.to_add.append(PlannedTeacher(row.line, clean, None, external_id))
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
            changes = _changes(notebook.known[existing_id], clean, external_id)
            planned = PlannedTeacher(row.line, clean, existing_id, external_id, changes)
            (plan.to_update if changes else plan.unchanged).append(planned)
    if plan.roster is not None and plan.roster.full_sync:
        plan.missing = sorted(
            (
                MissingTeacher(k.id, k.name, k.school)
                for k in notebook.known.values()
                if not k.archived and k.id not in claimed_by
            ),
            key=lambda m: (m.name.casefold(), m.school.casefold()),
        )
    return plan


def apply_import(store: Store, plan: ImportPlan, *, archive_missing: bool = False) -> ImportResult:
    """Back up, then write every planned teacher in one transaction; all or nothing.

    With `archive_missing`, the active teachers the file does not list are archived (never
    deleted). A plan that changes nothing writes nothing, not even a backup.
    """
    if plan.refused:
        raise RosterRejected(plan.refused)
    to_archive = plan.missing if archive_missing else []
    if not plan.to_add and not plan.to_update and not to_archive:
        return ImportResult(added=0, updated=0, unchanged=len(plan.unchanged))
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
            session.execute(insert(Teacher), [_new_teacher(p, schools, now) for p in plan.to_add])
        wanted = {p.existing_id for p in plan.to_update} | {m.id for m in to_archive}
        live = _live_teachers(session, wanted) if wanted else {}
        for planned in plan.to_update:
            _update(live[planned.existing_id], planned, schools)
        archived = 0
        for missing in to_archive:
            teacher = live.get(missing.id)
            if teacher is not None and not teacher.archived:
                teacher.archived = True
                archived += 1
        _pause_for_kill_test(session)
    return ImportResult(
        added=len(plan.to_add),
        updated=len(plan.to_update),
        unchanged=len(plan.unchanged),
        archived=archived,
    )


# Test-only fault injection (tests/reliability/test_import_kill.py): set to a file's path,
# the import writes its rows, creates that file and waits inside the transaction while the
# file exists, so the test's kill lands there every time.
PAUSE_MARKER_ENV = "COACHBOOK_TEST_PAUSE_INSIDE_IMPORT"


def _pause_for_kill_test(session: Session) -> None:
    marker = os.environ.get(PAUSE_MARKER_ENV)
    if not marker:
        return
    session.flush()
    Path(marker).touch()
    deadline = time.monotonic() + 60
    while Path(marker).exists() and time.monotonic() < deadline:
        time.sleep(0.01)


def result_message(result: ImportResult) -> str:
    """What an import did, in one line: "Imported teachers: 3 added, 0 updated, 9 unchanged."."""
    parts = [
        f"{result.added:,} added",
        f"{result.updated:,} updated",
        f"{result.unchanged:,} unchanged",
    ]
    if result.archived:
        parts.append(f"{result.archived:,} archived")
    return f"Imported teachers: {', '.join(parts)}."


def import_summary(plan: ImportPlan, result: ImportResult | None) -> dict:
    """The summary `coachbook import teachers --json` prints; `result` None when refused."""
    roster = plan.roster
    return {
        "format": roster.format if roster else SIMPLE,
        "source": roster.source if roster else "",
        "files": list(roster.files) if roster else [],
        "imported": result is not None,
        "added": result.added if result else 0,
        "updated": result.updated if result else 0,
        "unchanged": result.unchanged if result else 0,
        "archived": result.archived if result else 0,
        "skipped_students": roster.students_skipped if roster else 0,
        "skipped_others": roster.others_skipped if roster else 0,
        "skipped_inactive": roster.inactive_skipped if roster else 0,
        "schools_by_id": list(roster.schools_by_id) if roster else [],
        "missing_from_file": len(plan.missing),
        "refused_rows": [
            {"line": line, "name": problems[0].name, "reasons": [p.reason for p in problems]}
            for line, problems in refused_by_line(plan).items()
        ],
    }


def refused_by_line(plan: ImportPlan) -> dict[int, list[RowProblem]]:
    """Each refused row's problems, by its line: a row with two problems is one row."""
    by_line: dict[int, list[RowProblem]] = {}
    for problem in plan.refused:
        by_line.setdefault(problem.line, []).append(problem)
    return by_line


def _check_plan_still_holds(session: Session, plan: ImportPlan) -> None:
    notebook = _Notebook(session)
    for planned in (*plan.to_add, *plan.to_update, *plan.unchanged):
        if planned.existing_id is not None and planned.existing_id not in notebook.known:
            raise RosterError(
                f"A teacher on line {planned.line} was deleted while the roster was "
                "being checked: import the file again."
            )
        existing_id, _problem = notebook.match(planned.teacher, planned.external_id)
        if existing_id != planned.existing_id:
            raise RosterError(
                f"The notebook changed while the roster was being checked (line {planned.line}, "
                f"{_who(planned.teacher)}, was added, changed or deleted meanwhile): import the "
                "file again to see what it would change now. Nothing was imported."
            )


def _values(clean: CleanTeacher, external_id: str) -> dict[str, object]:
    """The values a row sets: a blank cell keeps what the notebook has."""
    values: dict[str, object] = {"name": clean.name}
    for name in _FIELDS[1:]:
        value = getattr(clean, name)
        if value not in ("", None):
            values[name] = value
    if external_id:
        values["external_id"] = external_id
    return values


def _changes(known: _Known, clean: CleanTeacher, external_id: str) -> tuple[str, ...]:
    changed = []
    for name, value in _values(clean, external_id).items():
        old = getattr(known, name)
        same = old.casefold() == value.casefold() if name == "school" else old == value
        if not same:
            changed.append(LABELS[name])
    return tuple(changed)


def _update(teacher: Teacher, planned: PlannedTeacher, schools: dict[str, School]) -> None:
    """Copy the values the row gives; only real changes, so `updated_at` tells the truth."""
    for name, value in _values(planned.teacher, planned.external_id).items():
        if name == "school":
            name, value = "school_id", schools[str(value).casefold()].id
        if getattr(teacher, name) != value:
            setattr(teacher, name, value)


def _live_teachers(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, Teacher]:
    found = session.exec(select(Teacher).where(col(Teacher.deleted_at).is_(None)))
    return {teacher.id: teacher for teacher in found if teacher.id in ids}


def _new_teacher(planned: PlannedTeacher, schools: dict[str, School], now: datetime) -> dict:
    """A new teacher's row; every column is given, since a bulk INSERT skips model defaults."""
    clean = planned.teacher
    return {
        "id": uuid.uuid4(),
        "created_at": now,
        "updated_at": now,
        "deleted_at": None,
        "name": clean.name,
        "school_id": schools[clean.school.casefold()].id if clean.school else None,
        "grades": clean.grades,
        "subjects": clean.subjects,
        "room": clean.room,
        "email": clean.email,
        "years_experience": clean.years_experience,
        "notes": clean.notes,
        "archived": False,
        "external_id": planned.external_id,
    }


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
    label = LABELS.get(key, key)
    if message.startswith("“"):
        return f"the {label} {message}"
    return f"the {label} is not right: {message}"
