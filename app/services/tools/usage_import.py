"""`coachbook import usage TOOL FILE.csv`: a vendor's or the LMS's usage export, all or none.

Each row names a teacher (email or name) and a day or a week with their active use (logins,
views or active days). Teachers are matched to the notebook as the roster import matches
them: by email, then by name. One row that can't be read or matched and nothing is
imported; every such row is listed by its line. `check_usage` says the same before anything
is written (the app's preview), and `semester_usage` reads back a tool's cells, imported
and ticked by hand, for its grid.
"""

import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlmodel import col, select

from app.errors import CoachbookError
from app.models import Teacher, Tool, ToolTeacher, ToolUsage, UsageMeasure, UsageSource, UsageSpan
from app.models.base import as_utc
from app.services.calendar import week_start
from app.services.errors import NotFound, Refused
from app.services.profile import calendar_in
from app.services.rosters.headers import header_key
from app.services.rosters.reading import CsvFile, RosterError, cell, is_blank, open_source, shown
from app.services.teachers import identity_key
from app.services.tools.record import live_tool
from app.services.tools.semesters import Semester, current_semester
from app.store import Store

# Header spellings (after `header_key`) of each column, the likelier first.
EMAIL_HEADERS = (
    "email",
    "email address",
    "teacher email",
    "user email",
    "primary email",
    "login id",
    "sis login id",
)
NAME_HEADERS = ("name", "teacher", "teacher name", "user", "user name", "display name", "full name")
WEEK_HEADERS = ("week", "week of", "week start", "week starting", "week beginning")
DATE_HEADERS = ("date", "day", "activity date", "usage date", "last access", "last activity")
# A count column and what it counts.
COUNT_HEADERS = {
    "logins": UsageMeasure.LOGINS,
    "login count": UsageMeasure.LOGINS,
    "sessions": UsageMeasure.LOGINS,
    "views": UsageMeasure.LOGINS,
    "page views": UsageMeasure.LOGINS,
    "active days": UsageMeasure.ACTIVE_DAYS,
    "days active": UsageMeasure.ACTIVE_DAYS,
    "active": UsageMeasure.ACTIVE_DAYS,
}
_YES = {"yes", "y", "true", "active", "used"}
_NO = {"no", "n", "false", "inactive", "not used", "unused"}
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?: .*)?$")
_WORDS = re.compile(r"^(?:[A-Za-z]+,? )?([A-Za-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})$")
MAX_COUNT = 100_000
# Headers only one kind of export has, to name the kind in the preview.
GOOGLE_WORKSPACE_HEADERS = {"org unit", "app", "last used time"}
CANVAS_HEADERS = {"sortable name", "login id", "sis login id", "participations", "first access"}
SHAPE_LABELS = {
    "google_workspace": "a Google Workspace app usage report",
    "canvas": "a Canvas course access report",
    "vendor": "a vendor's usage export",
}


@dataclass(frozen=True)
class UsageProblem:
    line: int
    reason: str


class UsageRejected(CoachbookError):
    """Some rows can't be imported, so none were; `problems` names each by its line."""

    def __init__(self, problems: list[UsageProblem]):
        self.problems = problems
        bad = len({p.line for p in problems})
        counted = "1 row has a problem" if bad == 1 else f"{bad} rows have problems"
        super().__init__(f"Nothing was imported: {counted}. Fix them and import again.")


@dataclass(frozen=True)
class UsageRow:
    line: int
    email: str
    name: str
    day: date
    span: str
    active: int


@dataclass
class UsageFile:
    name: str
    measure: str
    span: str
    columns: list[str]  # the headers read, as the file spells them
    rows: list[UsageRow] = field(default_factory=list)
    problems: list[UsageProblem] = field(default_factory=list)

    @property
    def shape(self) -> str:
        """Whose export it looks like: google_workspace, canvas or vendor (SHAPE_LABELS)."""
        keys = {header_key(c) for c in self.columns}
        if keys & GOOGLE_WORKSPACE_HEADERS:
            return "google_workspace"
        if keys & CANVAS_HEADERS:
            return "canvas"
        return "vendor"


@dataclass(frozen=True)
class UsageCheck:
    """What importing a file would write, or the rows that stop it (nothing written yet)."""

    tool: str
    cells: int  # a teacher's day or week
    teachers: list[str]  # the names of the teachers matched
    seats_to_add: list[str]  # those of them without a seat yet
    first: date | None
    last: date | None
    problems: list[UsageProblem]


@dataclass(frozen=True)
class UsageImportReceipt:
    """What an import wrote, so it can be taken back and put back exactly."""

    added: tuple[uuid.UUID, ...] = ()  # usage cells it created
    # Cells it replaced: id, active and measure before, active and measure after.
    replaced: tuple[tuple[uuid.UUID, int, str, int, str], ...] = ()
    seats: tuple[uuid.UUID, ...] = ()  # seats it gave


@dataclass(frozen=True)
class UsageImportResult:
    tool: str
    rows: int  # usage cells written (a teacher's day or week)
    teachers: int
    seats_added: int  # teachers in the file who had no seat yet
    first: date | None
    last: date | None
    measure: str
    receipt: UsageImportReceipt = field(default_factory=UsageImportReceipt)


def read_usage_file(path: Path) -> UsageFile:
    """The rows of a usage CSV; the rows that can't be read are kept as problems."""
    source = open_source(Path(path))
    with source:
        if source.kind != "file" or len(source.members) != 1:
            raise RosterError("Choose one usage file (.csv), not a folder or a .zip bundle.")
        (member,) = source.members.values()
        csv_file = CsvFile(member, _knows)
        records = csv_file.records()
        for _line, header in records:
            if not is_blank(header):
                break
        else:
            raise RosterError(f"“{member.name}” is empty: export the usage report again as CSV.")
        keys = [header_key(h) for h in header]
        index = {key: i for i, key in reversed(list(enumerate(keys))) if key}
        email_at = _first(index, EMAIL_HEADERS)
        name_at = _first(index, NAME_HEADERS)
        week_at, date_at = _first(index, WEEK_HEADERS), _first(index, DATE_HEADERS)
        count_key = next((k for k in COUNT_HEADERS if k in index), None)
        missing = []
        if email_at is None and name_at is None:
            missing.append("the teacher (an Email or a Name column)")
        if week_at is None and date_at is None:
            missing.append("when (a Week or a Date column)")
        if count_key is None:
            missing.append("the use (a Logins, Views, Active days or Active column)")
        if missing:
            raise RosterError(
                f"“{member.name}” has no column for {' or '.join(missing)}: export the "
                "usage report with them, or rename its headers, and import again."
            )
        span = UsageSpan.WEEK if week_at is not None else UsageSpan.DAY
        found = UsageFile(
            member.name,
            COUNT_HEADERS[count_key].value,
            span.value,
            [h.strip() for h in header if h.strip()],
        )
        for line, fields in records:
            if is_blank(fields):
                continue
            _read_row(found, line, fields, email_at, name_at, week_at or date_at, index[count_key])
    return found


def check_usage(store: Store, tool_ref: str, usage: UsageFile) -> UsageCheck:
    """Match a read file to the tool and the notebook's teachers without writing anything."""
    with store.session() as session:
        tool = find_tool(session, tool_ref)
        cells, problems = _cells(session, usage)
        teachers = {teacher_id for teacher_id, _ in cells}
        seated = _seated(session, tool.id)
        names = dict(
            session.exec(
                select(Teacher.id, Teacher.name).where(col(Teacher.id).in_(teachers))
            ).all()
        )
        days = [day for _, day in cells]
        return UsageCheck(
            tool=tool.name,
            cells=len(cells),
            teachers=sorted((names[t] for t in teachers), key=identity_key),
            seats_to_add=sorted((names[t] for t in teachers - seated), key=identity_key),
            first=min(days, default=None),
            last=max(days, default=None),
            problems=problems,
        )


def import_usage(store: Store, tool_ref: str, usage: UsageFile) -> UsageImportResult:
    """Write every row or none; raises UsageRejected naming each row that can't go in.

    A teacher in the file without a seat gets one (the export lists who has the tool). A
    day or week imported before is replaced, so importing the same file twice counts once.
    """
    with store.session() as session:
        tool = find_tool(session, tool_ref)
        cells, problems = _cells(session, usage)
        if problems:
            raise UsageRejected(problems)
        seated = _seated(session, tool.id)
        earlier = {
            (u.teacher_id, u.starts_on): u
            for u in session.exec(
                select(ToolUsage).where(
                    ToolUsage.tool_id == tool.id,
                    ToolUsage.span == usage.span,
                    ToolUsage.source == UsageSource.IMPORT.value,
                    col(ToolUsage.deleted_at).is_(None),
                )
            )
        }
        teachers = {teacher_id for teacher_id, _ in cells}
        seats, added, replaced = [], [], []
        for teacher_id in teachers - seated:
            seat = ToolTeacher(tool_id=tool.id, teacher_id=teacher_id)
            session.add(seat)
            seats.append(seat.id)
        for (teacher_id, day), active in cells.items():
            row = earlier.get((teacher_id, day))
            if row is None:
                cell_row = ToolUsage(
                    tool_id=tool.id,
                    teacher_id=teacher_id,
                    starts_on=day,
                    span=usage.span,
                    active=active,
                    measure=usage.measure,
                    source=UsageSource.IMPORT.value,
                )
                session.add(cell_row)
                added.append(cell_row.id)
            else:
                replaced.append((row.id, row.active, row.measure, active, usage.measure))
                row.active, row.measure = active, usage.measure
        days = [day for _, day in cells]
        return UsageImportResult(
            tool=tool.name,
            rows=len(cells),
            teachers=len(teachers),
            seats_added=len(teachers - seated),
            first=min(days, default=None),
            last=max(days, default=None),
            measure=usage.measure,
            receipt=UsageImportReceipt(tuple(added), tuple(replaced), tuple(seats)),
        )


def undo_usage_import(store: Store, receipt: UsageImportReceipt, now: datetime) -> None:
    """Take an import back: the cells and seats it added leave, the cells it replaced hold
    what they held before."""
    with store.session() as session:
        for model, ids in ((ToolUsage, receipt.added), (ToolTeacher, receipt.seats)):
            for row in session.exec(select(model).where(col(model.id).in_(ids))):
                row.deleted_at = as_utc(now)
        before = {cell_id: (a, m) for cell_id, a, m, _a, _m in receipt.replaced}
        for row in session.exec(select(ToolUsage).where(col(ToolUsage.id).in_(before))):
            row.active, row.measure = before[row.id]


def redo_usage_import(store: Store, receipt: UsageImportReceipt) -> None:
    """Put a taken-back import back exactly as it was written."""
    with store.session() as session:
        for model, ids in ((ToolUsage, receipt.added), (ToolTeacher, receipt.seats)):
            for row in session.exec(select(model).where(col(model.id).in_(ids))):
                row.deleted_at = None
        after = {cell_id: (a, m) for cell_id, _a, _m, a, m in receipt.replaced}
        for row in session.exec(select(ToolUsage).where(col(ToolUsage.id).in_(after))):
            row.active, row.measure = after[row.id]


def _cells(
    session, usage: UsageFile
) -> tuple[dict[tuple[uuid.UUID, date], int], list[UsageProblem]]:
    """Each matched teacher's day or week with its use, and every row that can't go in."""
    matcher = _Matcher(session)
    problems = list(usage.problems)
    cells: dict[tuple[uuid.UUID, date], int] = {}
    for row in usage.rows:
        teacher_id, reason = matcher.match(row)
        if teacher_id is None:
            problems.append(UsageProblem(row.line, reason))
            continue
        key = (teacher_id, row.day)
        cells[key] = cells.get(key, 0) + row.active  # two rows for one day add up
    return cells, sorted(problems, key=lambda p: p.line)


def _seated(session, tool_id: uuid.UUID) -> set[uuid.UUID]:
    return set(
        session.exec(
            select(ToolTeacher.teacher_id).where(
                ToolTeacher.tool_id == tool_id, col(ToolTeacher.deleted_at).is_(None)
            )
        ).all()
    )


@dataclass(frozen=True)
class UsageCell:
    """One row of use as stored: a day or a week, imported or ticked by hand."""

    teacher_id: uuid.UUID
    starts_on: date
    span: str
    active: int
    measure: str
    source: str


@dataclass(frozen=True)
class SemesterUsage:
    """A tool's seated teachers (by name) and its cells around the current semester."""

    semester: Semester
    teachers: list[tuple[uuid.UUID, str]]
    cells: list[UsageCell]


def semester_usage(store: Store, tool_id: uuid.UUID, today: date) -> SemesterUsage:
    """The current semester's usage of a tool, from the Monday of its first week."""
    with store.session() as session:
        tool = live_tool(session, tool_id)
        semester = current_semester(calendar_in(session), today)
        teachers = session.exec(
            select(Teacher.id, Teacher.name)
            .join(ToolTeacher, col(ToolTeacher.teacher_id) == Teacher.id)
            .where(
                ToolTeacher.tool_id == tool.id,
                col(ToolTeacher.deleted_at).is_(None),
                col(Teacher.deleted_at).is_(None),
            )
        ).all()
        rows = session.exec(
            select(ToolUsage).where(
                ToolUsage.tool_id == tool.id,
                col(ToolUsage.deleted_at).is_(None),
                col(ToolUsage.starts_on) >= week_start(semester.first_day),
                col(ToolUsage.starts_on) <= semester.last_day,
            )
        ).all()
        return SemesterUsage(
            semester=semester,
            teachers=sorted(dict(teachers).items(), key=lambda t: identity_key(t[1])),
            cells=[
                UsageCell(r.teacher_id, r.starts_on, r.span, r.active, r.measure, r.source)
                for r in rows
            ],
        )


def find_tool(session, ref: str) -> Tool:
    """A live tool by its id or its name (any case); NotFound or Refused in words."""
    try:
        return live_tool(session, uuid.UUID(ref.strip()))
    except (ValueError, NotFound):
        pass
    wanted = identity_key(ref)
    tools = [
        t
        for t in session.exec(select(Tool).where(col(Tool.deleted_at).is_(None)))
        if identity_key(t.name) == wanted
    ]
    if not tools:
        raise NotFound(
            f"No tool named “{shown(ref)}” is in the inventory: check `coachbook list tools`."
        )
    if len(tools) > 1:
        raise Refused(
            f"{len(tools)} tools are named “{shown(ref)}”: give the tool's id from "
            "`coachbook list tools` instead."
        )
    return tools[0]


class _Matcher:
    """Live teachers by email, then by name (the one teacher of that name)."""

    def __init__(self, session):
        self._by_email: dict[str, list[uuid.UUID]] = {}
        self._by_name: dict[str, list[uuid.UUID]] = {}
        for teacher_id, name, email in session.exec(
            select(Teacher.id, Teacher.name, Teacher.email).where(col(Teacher.deleted_at).is_(None))
        ):
            if email:
                self._by_email.setdefault(email.casefold(), []).append(teacher_id)
            self._by_name.setdefault(identity_key(name), []).append(teacher_id)

    def match(self, row: UsageRow) -> tuple[uuid.UUID | None, str]:
        if row.email:
            same = self._by_email.get(row.email.casefold(), [])
            if len(same) == 1:
                return same[0], ""
        if row.name:
            same = self._by_name.get(identity_key(row.name), [])
            if len(same) == 1:
                return same[0], ""
            if len(same) > 1:
                return None, (
                    f"the notebook has {len(same)} teachers named “{shown(row.name)}”; give "
                    "them their emails in Coachbook so the row matches only one."
                )
        who = " or ".join(f"“{shown(v)}”" for v in (row.email, row.name) if v)
        return None, (
            f"no teacher in the notebook matches {who}; add them to the roster (or fix "
            "their email) and import again."
        )


def _read_row(found: UsageFile, line: int, fields, email_at, name_at, when_at, count_at) -> None:
    email, name = cell(fields, email_at), cell(fields, name_at)
    if not email and "@" in name:  # Google's User column holds the address
        email, name = name, ""
    when, count = cell(fields, when_at), cell(fields, count_at)
    reasons = []
    if not email and not name:
        reasons.append("the teacher is empty: give their email or name.")
    day = _parse_date(when)
    if day is None:
        reasons.append(
            f"“{shown(when)}” is not a date; write it as 2026-09-14 or 9/14/2026."
            if when
            else "the date is empty."
        )
    active = _parse_count(count)
    if active is None:
        reasons.append(
            f"“{shown(count)}” is not a count of use; write a whole number (0 for none)."
            if count
            else "the use is empty: write 0 for no use."
        )
    if reasons:
        found.problems.extend(UsageProblem(line, r) for r in reasons)
        return
    if found.span == UsageSpan.WEEK:
        day = week_start(day)
    found.rows.append(UsageRow(line, email, name, day, found.span, active))


def _parse_date(text: str) -> date | None:
    text = text.strip()
    try:
        if match := _ISO.match(text):
            year, month, day = (int(g) for g in match.groups())
        elif match := _US.match(text):
            month, day, year = (int(g) for g in match.groups())
        elif match := _WORDS.match(text):
            month = _MONTHS.get(match.group(1).casefold())
            if month is None:
                return None
            day, year = int(match.group(2)), int(match.group(3))
        else:
            return None
        return datetime(year, month, day).date()
    except ValueError:
        return None


def _parse_count(text: str) -> int | None:
    value = text.strip().replace(",", "")
    if value.casefold() in _YES:
        return 1
    if value.casefold() in _NO:
        return 0
    if value.isdigit() and int(value) <= MAX_COUNT:
        return int(value)
    return None


def _first(index: dict[str, int], keys: tuple[str, ...]) -> int | None:
    return next((index[k] for k in keys if k in index), None)


def _knows(header: list[str]) -> bool:
    keys = {header_key(h) for h in header}
    known = set(EMAIL_HEADERS) | set(NAME_HEADERS) | set(WEEK_HEADERS) | set(DATE_HEADERS)
    return bool(keys & (known | set(COUNT_HEADERS)))
