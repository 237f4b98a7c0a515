"""A roster as read: its teacher rows, its format's name, and what was left out and why."""

from collections.abc import Iterator
from dataclasses import dataclass, field

from app.services.teachers import TeacherForm

ONEROSTER, CLEVER, POWERSCHOOL, GOOGLE, STAFF, SIMPLE = (
    "OneRoster",
    "Clever",
    "PowerSchool",
    "Google Workspace",
    "Staff export",
    "Coachbook CSV",
)
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
            notes.append(f"{count_of(self.students_skipped, 'student row')} skipped, not stored.")
        if self.others_skipped:
            notes.append(
                f"{count_of(self.others_skipped, 'row')} of other people (parents, administrators, "
                "aides, other staff) skipped, not stored."
            )
        if self.inactive_skipped:
            notes.append(
                f"{count_of(self.inactive_skipped, 'teacher')} marked inactive or to be deleted "
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


def count_of(n: int, what: str) -> str:
    return f"{n:,} {what}{'' if n == 1 else 's'}"
