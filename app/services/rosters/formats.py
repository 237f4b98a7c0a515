"""The roster formats a district hands a coach, found from their files and headers.

OneRoster 1.1 and 1.2 (1EdTech; ClassLink exports it), Clever, PowerSchool and other SIS
staff exports, Google Workspace user exports, and Coachbook's own simple CSV. Each is read
into teacher rows; students (and parents, administrators) are skipped as they stream by,
counted and never kept.
"""

from app.services.rosters.clever import read_clever
from app.services.rosters.headers import Header
from app.services.rosters.model import LABELS, SIMPLE, Roster, RosterRow
from app.services.rosters.oneroster import read_oneroster
from app.services.rosters.reading import RosterError, open_source
from app.services.rosters.single import read_single

__all__ = ["LABELS", "SIMPLE", "Roster", "RosterRow", "read_roster"]


def read_roster(path) -> Roster:
    """The teacher rows of a roster CSV, folder or .zip, its format found; raises RosterError."""
    with open_source(path) as source:
        if source.kind == "file":
            (member,) = source.members.values()
            return read_single(source, member)
        users, teachers = source.get("users.csv"), source.get("teachers.csv")
        if users is not None:
            return read_oneroster(source, users, Header.read(users))
        if teachers is not None:
            return read_clever(source, teachers, Header.read(teachers))
        if len(source.members) == 1:
            (member,) = source.members.values()
            return read_single(source, member)
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
