"""One roster CSV on its own: Coachbook's simple CSV, SIS staff exports (PowerSchool and
others) and Google Workspace user exports; a lone OneRoster or Clever file goes to its reader."""

from app.services.rosters.clever import read_clever
from app.services.rosters.headers import (
    EXTERNAL_IDS,
    POWERSCHOOL_IDS,
    POWERSCHOOL_SIGNS,
    SCHOOL_IDS,
    Header,
)
from app.services.rosters.model import GOOGLE, POWERSCHOOL, SIMPLE, STAFF, Roster
from app.services.rosters.oneroster import read_oneroster
from app.services.rosters.people import RowReader, finished, read_people
from app.services.rosters.reading import Member, RosterError, Source

_STAFF_UNITS = {"staff", "teachers", "teacher", "faculty", "employees", "certified"}


def read_single(source: Source, member: Member) -> Roster:
    header = Header.read(member)
    if header.has("sourced id") and header.has("given name", "family name"):
        return read_oneroster(source, member, header)
    if header.has("teacher id") and header.has("first name", "last name"):
        return read_clever(source, member, header)
    columns = header.columns()
    if "org_unit" in columns or any("[required]" in c.casefold() for c in header.cells):
        kind = GOOGLE
    elif not {"name", "first", "last"} & set(columns):
        raise RosterError(
            "The file has no Name column (nor First name and Last name columns); the first "
            "line should name the columns, e.g. Name, School, Grade, Subject, Room, Email."
        )
    elif set(header.keys) & POWERSCHOOL_SIGNS:
        kind = POWERSCHOOL
    elif {"first", "last"} & set(columns):
        kind = STAFF
    else:
        kind = SIMPLE
    roster = Roster([], kind, source.label, member.name, files=[member.name])
    # A coach's own spreadsheet often lists only some teachers: its gaps mean nothing.
    roster.full_sync = kind != SIMPLE
    ids = EXTERNAL_IDS + (POWERSCHOOL_IDS if kind == POWERSCHOOL else ())
    reader = RowReader(header, columns, external=header.first_of(ids))
    reader.school_id = header.first_of(SCHOOL_IDS)
    rows = list(read_people(reader, roster, google=kind == GOOGLE))
    if kind == GOOGLE:
        rows = _staff_units_only(rows, roster)
    roster.rows = [row for row, _unit in rows] if kind == GOOGLE else rows
    return finished(roster, member.name)


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
