"""Teachers the coach works with. No student names are ever stored."""

import re
import uuid

from sqlmodel import Field

from app.models.base import Record

GRADE_ORDER = ["K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>.]+$")


class Teacher(Record, table=True):
    __tablename__ = "teacher"

    name: str = Field(index=True)
    school_id: uuid.UUID | None = Field(default=None, foreign_key="school.id", index=True)
    grades: str = ""
    subjects: str = ""
    room: str = ""
    email: str = ""
    years_experience: int | None = None
    notes: str = ""
    archived: bool = Field(default=False, index=True)
    # The district's id for this teacher (OneRoster sourcedId, Clever Teacher_id), so a
    # re-import finds them even after a change of name or email; empty when added by hand.
    external_id: str = Field(default="", index=True, sa_column_kwargs={"server_default": ""})


def is_valid_email(text: str) -> bool:
    return bool(_EMAIL.fullmatch(text))


def parse_grades(text: str) -> list[str]:
    """Grades K-12 from text like "K, 1-3" or "9 10"; raises ValueError naming the bad part."""
    grades: set[str] = set()
    joined = re.sub(r"(?i)\bgrades?\b|\band\b", " ", text.strip())
    joined = re.sub(r"\s*[-–]\s*", "-", joined.strip())
    for part in re.split(r"[,;/&\s]+", joined):
        if not part:
            continue
        bounds = [_grade_token(p) for p in part.split("-")]
        if len(bounds) == 1:
            grades.add(bounds[0])
        elif len(bounds) == 2:
            low, high = (GRADE_ORDER.index(b) for b in bounds)
            if low > high:
                raise ValueError(f"“{part}” runs backwards; write the lower grade first.")
            grades.update(GRADE_ORDER[low : high + 1])
        else:
            raise ValueError(f"“{part}” is not a grade or a range like 3-5.")
    return sorted(grades, key=GRADE_ORDER.index)


def format_grades(grades: list[str]) -> str:
    """Grades as short text, with runs collapsed: ["K","1","2","5"] -> "K-2, 5"."""
    indexes = sorted({GRADE_ORDER.index(g) for g in grades})
    runs: list[list[int]] = []
    for i in indexes:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    parts = []
    for run in runs:
        first, last = GRADE_ORDER[run[0]], GRADE_ORDER[run[-1]]
        parts.append(first if len(run) == 1 else f"{first}-{last}")
    return ", ".join(parts)


def _grade_token(token: str) -> str:
    cleaned = token.strip().upper()
    if cleaned in ("K", "KG", "KINDER", "KINDERGARTEN", "0", "00"):
        return "K"
    cleaned = re.sub(r"(ST|ND|RD|TH)$", "", cleaned)
    if cleaned.isdigit() and 1 <= int(cleaned) <= 12:
        return str(int(cleaned))
    raise ValueError(f"“{token.strip()}” is not a grade from K to 12.")
