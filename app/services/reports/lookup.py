"""Finding what the coach named on the command line: a teacher by name or id, a record by id."""

import unicodedata
import uuid

from sqlmodel import SQLModel, col, select

from app.models import CoachingCycle, Observation, Pilot, Teacher
from app.services.errors import NotFound, Refused
from app.store import Store


def resolve_teacher(store: Store, name_or_id: str) -> uuid.UUID:
    """The teacher with this id, full name, or (when only one matches) part of a name.

    Case and accents are ignored, so "nguyen thi huong" finds "Nguyễn Thị Hương".
    Raises NotFound when none matches and Refused, naming the matches, when several do.
    """
    text = name_or_id.strip()
    with store.session() as session:
        rows = session.exec(
            select(Teacher.id, Teacher.name)
            .where(col(Teacher.deleted_at).is_(None))
            .order_by(Teacher.name)
        ).all()
    by_id = match_id(text, [r[0] for r in rows])
    if by_id is not None:
        return by_id
    for fold in (str.casefold, _plain):
        exact = [r for r in rows if fold(r[1].strip()) == fold(text)]
        if len(exact) == 1:
            return exact[0][0]
        if len(exact) > 1:
            raise Refused(_ambiguous(text, exact, "are called"))
    wanted = _plain(text)
    partial = [r for r in rows if wanted and wanted in _plain(r[1])]
    if len(partial) == 1:
        return partial[0][0]
    if partial:
        raise Refused(_ambiguous(text, partial, "match"))
    raise NotFound(
        f"No teacher called “{text}” is in the notebook. Check the spelling, or give the "
        "teacher's id (coachbook list teachers --json shows both)."
    )


def resolve_id(store: Store, model: type[SQLModel], text: str, what: str) -> uuid.UUID:
    """A live record's id from its full id, or from the first 6 or more of its characters."""
    with store.session() as session:
        ids = session.exec(select(model.id).where(col(model.deleted_at).is_(None))).all()
    found = match_id(text.strip(), ids, what=what)
    if found is None:
        raise NotFound(
            f"No {what} has the id “{text.strip()}”. "
            f"coachbook list {what}s shows the ids of every {what}."
        )
    return found


def resolve_observation(store: Store, text: str) -> uuid.UUID:
    return resolve_id(store, Observation, text, "observation")


def resolve_pilot(store: Store, text: str) -> uuid.UUID:
    return resolve_id(store, Pilot, text, "pilot")


def resolve_cycle(store: Store, text: str) -> uuid.UUID:
    return resolve_id(store, CoachingCycle, text, "cycle")


def match_id(text: str, ids, *, what: str = "teacher") -> uuid.UUID | None:
    """The id `text` names in full, or by a unique start of 6 or more characters."""
    try:
        wanted = uuid.UUID(text)
    except ValueError:
        wanted = None
    if wanted is not None:
        return wanted if wanted in set(ids) else None
    prefix = text.replace("-", "").lower()
    if len(prefix) < 6 or any(ch not in "0123456789abcdef" for ch in prefix):
        return None
    found = [i for i in ids if i.hex.startswith(prefix)]
    if len(found) > 1:
        raise Refused(
            f"“{text}” is the start of {len(found)} {what} ids; give a few more characters."
        )
    return found[0] if found else None


def _plain(text: str) -> str:
    """Case and accents folded away: "Nguyễn" and "nguyen" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("đ", "d")


def _ambiguous(text: str, rows, verb: str) -> str:
    shown = "; ".join(f"{name} ({teacher_id})" for teacher_id, name in rows[:8])
    more = f" and {len(rows) - 8} more" if len(rows) > 8 else ""
    return (
        f"{len(rows)} teachers {verb} “{text}”: {shown}{more}. "
        "Give the full name, or the id in brackets."
    )
