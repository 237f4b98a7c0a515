"""OneRoster 1.1 and 1.2 bundles (1EdTech; ClassLink exports them): users, roles, orgs, manifest."""

from app.services.rosters.headers import Header
from app.services.rosters.model import ONEROSTER, Roster
from app.services.rosters.people import RowReader, finished, read_orgs, read_people, unread_files
from app.services.rosters.reading import Member, RosterError, Source, cell, companion


def read_oneroster(source: Source, member: Member, header: Header) -> Roster:
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
        for org_id, name, kind in read_orgs(orgs, ("sourced id",), ("name",), ("type",)):
            org_names[org_id] = name
            if kind.casefold() == "school":
                school_ids.add(org_id)
    roster.unread = unread_files(source, roster.files)
    reader = RowReader(header, header.columns(), external=header.first_of(("sourced id",)))
    reader.org_lists = (
        header.first_of(("primary org sourced id",)),
        header.first_of(("org sourced ids",)),
    )
    reader.school_names = org_names
    reader.school_ids = school_ids
    reader.teacher_orgs = teacher_orgs
    reader.oneroster_grades = True
    roster.rows = list(read_people(reader, roster, only_teachers=True))
    if teacher_orgs is not None:
        roster.students_skipped = students_in_roles
        roster.others_skipped = max(0, roster.others_skipped - students_in_roles)
    return finished(roster, member.name)


def _teacher_roles(roles: Member) -> tuple[dict[str, str], int]:
    """From OneRoster 1.2's roles.csv: each teacher's org (primary first), and how many students."""
    header = Header.read(roles)
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


def _manifest(member: Member | None) -> dict[str, str]:
    if member is None:
        return {}
    header = Header.read(member)
    values = {header.cells[0].strip().casefold(): cell(header.cells, 1)}
    for _line, fields in header.records:
        values[cell(fields, 0).casefold()] = cell(fields, 1)
    return values
