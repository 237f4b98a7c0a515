"""Evidence photos and screenshots: attach, list, read back, caption, delete and restore.

Photos may show students, so each one reaches the year's portfolio only once the coach
ticks "Include in the portfolio" (`set_in_portfolio`); a new photo starts unticked.

Files are checked by their bytes, not their names: only PNG and JPEG images get in. Pillow
reads their type and pixel size from the header (no picture is decoded); sizes are never
stored.
"""

import io
import uuid
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PIL import Image
from sqlalchemy import func
from sqlmodel import col, select

from app.models import CoachingCycle, EvidenceFile, Observation, Pilot, utc_now
from app.models.evidence import MAX_EVIDENCE_BYTES
from app.services.errors import NotFound, ValidationError
from app.services.records import live, restore
from app.store import Store

# Pillow's format names for the images that get in.
IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}
# Enough of the file to reach a JPEG's frame header past a camera's EXIF block (at most 64 KiB).
HEADER_BYTES = 128 * 1024
_OWNERS = (("observation_id", Observation), ("cycle_id", CoachingCycle), ("pilot_id", Pilot))


@dataclass(frozen=True)
class EvidenceRow:
    """One attached photo, without its bytes (ask `evidence_bytes` for those)."""

    id: uuid.UUID
    filename: str
    caption: str
    in_portfolio: bool
    mime_type: str
    size_bytes: int
    width: int | None
    height: int | None
    created_at: datetime
    observation_id: uuid.UUID | None
    cycle_id: uuid.UUID | None
    pilot_id: uuid.UUID | None


def image_type(data: bytes) -> str | None:
    """ "image/png" or "image/jpeg" when the bytes start like one (Pillow's test), else None."""
    Image.preinit()
    for name, mime_type in IMAGE_TYPES.items():
        accept = Image.OPEN[name][1]
        if accept is not None and accept(data[:16]):
            return mime_type
    return None


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels from a PNG or JPEG header; None if it can't be read."""
    try:
        return _pixel_size(data)
    except Image.DecompressionBombError:
        return None


def _pixel_size(data: bytes) -> tuple[int, int] | None:
    """Raises DecompressionBombError for a picture too big for Pillow (and so any PDF)."""
    try:
        with warnings.catch_warnings():
            # Only the header is read here; the warning is about decoding the picture.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=tuple(IMAGE_TYPES)) as image:
                width, height = image.size
    except (OSError, SyntaxError, ValueError):
        return None
    return (width, height) if width and height else None


def attach_evidence(
    store: Store,
    *,
    path: Path | None = None,
    data: bytes | None = None,
    filename: str,
    caption: str = "",
    observation_id: uuid.UUID | None = None,
    cycle_id: uuid.UUID | None = None,
    pilot_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Store a PNG or JPEG (from a file or bytes) with its caption on one owner; its id."""
    owners = {"observation_id": observation_id, "cycle_id": cycle_id, "pilot_id": pilot_id}
    _check_one_owner(owners)
    name = (filename or (path.name if path is not None else "")).strip() or "photo"
    data = _read(path, data, name)
    mime_type = _check_image(data, name)
    with store.session() as session:
        for field, model in _OWNERS:
            if owners[field] is not None:
                live(session, model, owners[field], _what(field))
        row = EvidenceFile(
            filename=name,
            mime_type=mime_type,
            caption=caption.strip(),
            size_bytes=len(data),
            data=data,
            **owners,
        )
        session.add(row)
        return row.id


def list_evidence(
    store: Store,
    *,
    observation_id: uuid.UUID | None = None,
    cycle_id: uuid.UUID | None = None,
    pilot_id: uuid.UUID | None = None,
    in_portfolio: bool | None = None,
) -> list[EvidenceRow]:
    """Photos on an owner (or every photo when none is named), oldest first, without bytes.

    `in_portfolio=True` keeps only the photos the coach ticked for the portfolio.
    """
    header = func.substr(EvidenceFile.data, 1, HEADER_BYTES)
    query = (
        select(
            EvidenceFile.id,
            EvidenceFile.filename,
            EvidenceFile.caption,
            EvidenceFile.in_portfolio,
            EvidenceFile.mime_type,
            EvidenceFile.size_bytes,
            EvidenceFile.created_at,
            EvidenceFile.observation_id,
            EvidenceFile.cycle_id,
            EvidenceFile.pilot_id,
            header,
        )
        .where(col(EvidenceFile.deleted_at).is_(None))
        .order_by(col(EvidenceFile.created_at), col(EvidenceFile.id))
    )
    for column, value in (
        (EvidenceFile.observation_id, observation_id),
        (EvidenceFile.cycle_id, cycle_id),
        (EvidenceFile.pilot_id, pilot_id),
        (EvidenceFile.in_portfolio, in_portfolio),
    ):
        if value is not None:
            query = query.where(column == value)
    with store.session() as session:
        rows = []
        for *fields, head in session.exec(query):
            size = image_size(bytes(head or b""))
            rows.append(
                EvidenceRow(
                    id=fields[0],
                    filename=fields[1],
                    caption=fields[2],
                    in_portfolio=fields[3],
                    mime_type=fields[4],
                    size_bytes=fields[5],
                    width=size[0] if size else None,
                    height=size[1] if size else None,
                    created_at=fields[6],
                    observation_id=fields[7],
                    cycle_id=fields[8],
                    pilot_id=fields[9],
                )
            )
        return rows


def evidence_bytes(store: Store, evidence_id: uuid.UUID) -> bytes:
    """The image file exactly as it was attached."""
    with store.session() as session:
        data = session.exec(
            select(EvidenceFile.data).where(
                EvidenceFile.id == evidence_id, col(EvidenceFile.deleted_at).is_(None)
            )
        ).first()
        if data is None:
            raise NotFound("That photo is no longer in the notebook.")
        return bytes(data)


def set_caption(store: Store, evidence_id: uuid.UUID, caption: str) -> None:
    with store.session() as session:
        live(session, EvidenceFile, evidence_id, "photo").caption = caption.strip()


def set_in_portfolio(store: Store, evidence_id: uuid.UUID, in_portfolio: bool) -> None:
    """Tick or untick "Include in the portfolio" on one photo, committed at once."""
    with store.session() as session:
        live(session, EvidenceFile, evidence_id, "photo").in_portfolio = in_portfolio


def delete_evidence(store: Store, evidence_id: uuid.UUID) -> None:
    """Soft delete: the photo leaves every list and report but can be restored."""
    with store.session() as session:
        live(session, EvidenceFile, evidence_id, "photo").deleted_at = utc_now()


def restore_evidence(store: Store, evidence_id: uuid.UUID) -> None:
    """Undo of `delete_evidence`."""
    restore(store, EvidenceFile, evidence_id, "photo")


def _check_one_owner(owners: dict[str, uuid.UUID | None]) -> None:
    named = [field for field, value in owners.items() if value is not None]
    if not named:
        raise ValidationError(
            {"owner": "Choose the observation, cycle or pilot this photo belongs to."}
        )
    if len(named) > 1:
        raise ValidationError(
            {"owner": "Attach the photo to one thing only: an observation, a cycle or a pilot."}
        )


def _read(path: Path | None, data: bytes | None, name: str) -> bytes:
    if (path is None) == (data is None):
        raise ValidationError({"file": "Choose one photo to attach."})
    if data is not None:
        return bytes(data)
    try:
        # Checked before reading, so a huge file is refused without loading it.
        size = path.stat().st_size
        if size > MAX_EVIDENCE_BYTES:
            raise ValidationError({"file": _too_big(name, size)})
        return path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise ValidationError(
            {"file": f"Couldn't read “{name}” ({reason}). Check the file and try again."}
        ) from exc


def _check_image(data: bytes, name: str) -> str:
    if not data:
        raise ValidationError(
            {"file": f"“{name}” is empty (0 bytes): choose the photo again or take a new one."}
        )
    if len(data) > MAX_EVIDENCE_BYTES:
        raise ValidationError({"file": _too_big(name, len(data))})
    mime_type = image_type(data)
    if mime_type is None:
        raise ValidationError({"file": f"“{name}” is not a photo: attach a PNG or JPEG image."})
    try:
        size = _pixel_size(data)
    except Image.DecompressionBombError:
        raise ValidationError(
            {
                "file": f"“{name}” has too many pixels to show in a report. "
                "Attach a smaller copy, such as a resized photo or a screenshot."
            }
        ) from None
    if size is None:
        raise ValidationError(
            {
                "file": f"“{name}” looks damaged: its picture size can't be read. "
                "Open it in another program, save a new copy and attach that."
            }
        )
    return mime_type


def _too_big(name: str, size: int) -> str:
    return (
        f"“{name}” is {_megabytes(size)}; photos up to {_megabytes(MAX_EVIDENCE_BYTES)} "
        "can be attached. Attach a smaller copy, such as a resized photo or a screenshot."
    )


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f} MB" if value == int(value) else f"{value:.1f} MB"


def _what(field: str) -> str:
    return field.removesuffix("_id")
