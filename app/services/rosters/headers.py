"""A roster file's header line: the spellings each system gives a column, and what each holds."""

import re

from app.services.rosters.model import LABELS
from app.services.rosters.reading import CsvFile, Member, RosterError, empty_message, is_blank

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
SCHOOL_IDS = ("primary org sourced id", "org sourced ids", "school id", "school number")
SCHOOL_IDS = (*SCHOOL_IDS, "school code", "schoolid")
EXTERNAL_IDS = ("sourced id", "teacher id", "staff id", "employee id", "teacher number")
EXTERNAL_IDS = (*EXTERNAL_IDS, "staff number")
POWERSCHOOL_IDS = ("dcid", "id")
POWERSCHOOL_SIGNS = {"email addr", "last first", "teacher number", "dcid", "home room"}
POWERSCHOOL_SIGNS |= {"staff status", "school id"}


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
    return bool(keys & (set(_FIELD_OF_HEADER) | set(EXTERNAL_IDS) | set(SCHOOL_IDS)))


class Header:
    """A file's header line: which column holds what, and the records after it."""

    def __init__(self, csv_file: CsvFile, records, line: int, cells: list[str]):
        self.file = csv_file
        self.records = records
        self.line = line
        self.cells = cells
        self.keys = [header_key(c) for c in cells]
        self.index = {key: i for i, key in reversed(list(enumerate(self.keys))) if key}

    @classmethod
    def read(cls, member: Member) -> "Header":
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
