"""Clever's export: teachers.csv, with school names from schools.csv beside it."""

from app.services.rosters.headers import Header
from app.services.rosters.model import CLEVER, Roster
from app.services.rosters.people import RowReader, finished, read_orgs, read_people, unread_files
from app.services.rosters.reading import Member, Source, companion


def read_clever(source: Source, member: Member, header: Header) -> Roster:
    roster = Roster([], CLEVER, source.label, member.name, files=[member.name])
    roster.schools_file = "schools.csv"
    schools = companion(source, "schools.csv")
    names: dict[str, str] | None = None
    if schools is not None:
        roster.files.append(schools.name)
        names = {i: name for i, name, _type in read_orgs(schools, ("school id",), ("school name",))}
    roster.unread = unread_files(source, roster.files)
    reader = RowReader(header, header.columns(), external=header.first_of(("teacher id",)))
    reader.school_id = header.first_of(("school id",))
    reader.school_names = names
    roster.rows = list(read_people(reader, roster))
    return finished(roster, member.name)
