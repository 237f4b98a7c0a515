"""Evidence photos: only real PNG/JPEG bytes get in, listed without their bytes, soft deleted."""

import io
import re
import struct
import uuid
from datetime import date

import pytest
from PIL import Image
from sqlalchemy import event

from app.models import CoachingCycle, Observation, Pilot, Teacher, utc_now
from app.models.evidence import MAX_EVIDENCE_BYTES
from app.services.errors import NotFound, ValidationError
from app.services.evidence import (
    attach_evidence,
    delete_evidence,
    evidence_bytes,
    image_size,
    list_evidence,
    restore_evidence,
    set_caption,
)
from tests.images import jpeg_bytes, png_bytes

HOSTILE = "<b>Ms. Nguyễn</b> & “Tiếng Việt” 数学 🎉 </caption>"


@pytest.fixture
def owners(store):
    with store.session() as session:
        teacher = Teacher(name="Ms. Rivera")
        session.add(teacher)
        session.flush()
        observation = Observation(teacher_id=teacher.id, observed_on=date(2026, 11, 3))
        cycle = CoachingCycle(teacher_id=teacher.id, start_date=date(2026, 11, 2))
        pilot = Pilot(tool="Quizlet")
        session.add_all([observation, cycle, pilot])
        return {"observation_id": observation.id, "cycle_id": cycle.id, "pilot_id": pilot.id}


def test_attach_png_and_list_it_with_pixel_size(store, owners):
    evidence_id = attach_evidence(
        store,
        data=png_bytes(3, 2),
        filename="board.png",
        caption="  Exit ticket on the board  ",
        observation_id=owners["observation_id"],
    )
    [row] = list_evidence(store, observation_id=owners["observation_id"])
    assert row.id == evidence_id
    assert (row.filename, row.caption, row.mime_type) == (
        "board.png",
        "Exit ticket on the board",
        "image/png",
    )
    assert row.size_bytes == len(png_bytes(3, 2))
    assert (row.width, row.height) == (3, 2)


def test_attach_jpeg_from_a_path_reads_its_frame_size_past_exif(store, owners, tmp_path):
    photo = tmp_path / "IMG_0042.JPG"
    photo.write_bytes(jpeg_bytes(4032, 3024, exif_size=60_000))
    attach_evidence(store, path=photo, filename="IMG_0042.JPG", cycle_id=owners["cycle_id"])
    [row] = list_evidence(store, cycle_id=owners["cycle_id"])
    assert row.mime_type == "image/jpeg"
    assert (row.width, row.height) == (4032, 3024)


def test_image_type_comes_from_the_bytes_not_the_name(store, owners):
    attach_evidence(
        store, data=jpeg_bytes(), filename="really-a-jpeg.png", pilot_id=owners["pilot_id"]
    )
    [row] = list_evidence(store, pilot_id=owners["pilot_id"])
    assert row.mime_type == "image/jpeg"


def test_attach_refuses_a_pdf_renamed_png(store, owners):
    with pytest.raises(ValidationError) as caught:
        attach_evidence(
            store,
            data=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
            filename="notes.png",
            observation_id=owners["observation_id"],
        )
    assert caught.value.errors["file"] == "“notes.png” is not a photo: attach a PNG or JPEG image."
    assert list_evidence(store) == []


def test_attach_refuses_a_text_file(store, owners, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Students on task: 24 of 26", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"“notes\.txt” is not a photo"):
        attach_evidence(store, path=notes, filename="notes.txt", cycle_id=owners["cycle_id"])


def test_attach_refuses_an_empty_file(store, owners, tmp_path):
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError) as caught:
        attach_evidence(store, path=empty, filename="empty.jpg", cycle_id=owners["cycle_id"])
    assert "“empty.jpg” is empty" in caught.value.errors["file"]


def test_attach_refuses_an_oversized_photo_and_says_the_limit(store, owners, tmp_path):
    big = tmp_path / "huge.png"
    big.write_bytes(png_bytes() + b"\0" * MAX_EVIDENCE_BYTES)
    with pytest.raises(ValidationError) as caught:
        attach_evidence(store, path=big, filename="huge.png", cycle_id=owners["cycle_id"])
    message = caught.value.errors["file"]
    assert message.startswith("“huge.png” is 8.0 MB; photos up to 8 MB can be attached.")
    assert "smaller copy" in message
    with pytest.raises(ValidationError, match="photos up to 8 MB"):
        attach_evidence(
            store,
            data=b"\xff\xd8\xff" + b"\0" * MAX_EVIDENCE_BYTES,
            filename="huge.jpg",
            cycle_id=owners["cycle_id"],
        )


def test_attach_refuses_a_truncated_image(store, owners):
    with pytest.raises(ValidationError, match="looks damaged"):
        attach_evidence(
            store, data=png_bytes()[:14], filename="cut.png", cycle_id=owners["cycle_id"]
        )


def test_attach_needs_exactly_one_owner(store, owners):
    with pytest.raises(ValidationError) as two:
        attach_evidence(
            store,
            data=png_bytes(),
            filename="a.png",
            observation_id=owners["observation_id"],
            cycle_id=owners["cycle_id"],
        )
    assert two.value.errors["owner"] == (
        "Attach the photo to one thing only: an observation, a cycle or a pilot."
    )
    with pytest.raises(ValidationError, match="Choose the observation, cycle or pilot"):
        attach_evidence(store, data=png_bytes(), filename="a.png")
    assert list_evidence(store) == []


def test_attach_to_a_deleted_owner_is_not_found(store, owners):
    with store.session() as session:
        session.get(Pilot, owners["pilot_id"]).deleted_at = utc_now()
    with pytest.raises(NotFound, match=r"That pilot is no longer in the notebook\."):
        attach_evidence(store, data=png_bytes(), filename="a.png", pilot_id=owners["pilot_id"])


def test_listing_does_not_load_the_image_bytes(store, owners):
    attach_evidence(store, data=png_bytes(), filename="a.png", cycle_id=owners["cycle_id"])
    statements = []

    def remember(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", remember)
    try:
        [row] = list_evidence(store, cycle_id=owners["cycle_id"])
    finally:
        event.remove(store.engine, "before_cursor_execute", remember)
    assert not hasattr(row, "data")
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert selects
    for statement in selects:
        # Only a bounded prefix of the blob (for the pixel size) is ever read.
        bare = re.sub(r"substr\(evidence_file\.data, \?, \?\)", "", statement)
        assert "evidence_file.data" not in bare


def test_bytes_round_trip_exactly(store, owners):
    original = png_bytes(5, 7)
    evidence_id = attach_evidence(
        store, data=original, filename="p.png", observation_id=owners["observation_id"]
    )
    assert evidence_bytes(store, evidence_id) == original


def test_hostile_caption_and_filename_are_kept_as_written(store, owners):
    evidence_id = attach_evidence(
        store,
        data=png_bytes(),
        filename="<script>&.png",
        caption=HOSTILE,
        observation_id=owners["observation_id"],
    )
    [row] = list_evidence(store)
    assert (row.filename, row.caption) == ("<script>&.png", HOSTILE)
    set_caption(store, evidence_id, "Ngữ văn & <i>toán</i>")
    assert list_evidence(store)[0].caption == "Ngữ văn & <i>toán</i>"


def test_listing_filters_by_owner(store, owners):
    attach_evidence(
        store, data=png_bytes(), filename="o.png", observation_id=owners["observation_id"]
    )
    attach_evidence(store, data=jpeg_bytes(), filename="c.jpg", cycle_id=owners["cycle_id"])
    assert [r.filename for r in list_evidence(store, cycle_id=owners["cycle_id"])] == ["c.jpg"]
    assert {r.filename for r in list_evidence(store)} == {"o.png", "c.jpg"}


def test_soft_delete_hides_the_photo_and_restore_brings_it_back(store, owners):
    evidence_id = attach_evidence(
        store, data=png_bytes(), filename="a.png", cycle_id=owners["cycle_id"]
    )
    delete_evidence(store, evidence_id)
    assert list_evidence(store, cycle_id=owners["cycle_id"]) == []
    with pytest.raises(NotFound):
        evidence_bytes(store, evidence_id)
    with pytest.raises(NotFound):
        set_caption(store, evidence_id, "late")
    restore_evidence(store, evidence_id)
    assert [r.id for r in list_evidence(store, cycle_id=owners["cycle_id"])] == [evidence_id]
    assert evidence_bytes(store, evidence_id) == png_bytes()


def test_unknown_photo_is_not_found(store):
    with pytest.raises(NotFound, match=r"That photo is no longer in the notebook\."):
        restore_evidence(store, uuid.uuid4())


def _jpeg_header(width: int, height: int) -> bytes:
    """A JPEG that is only its start, frame header (SOF0) and end markers."""
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + sof0 + b"\xff\xd9"


@pytest.mark.parametrize(
    ("data", "size"),
    [
        (b"\xff\xd8\xff\xd9", None),
        (b"\xff\xd8\xff\xda\x00\x08", None),
        (b"GIF89a\x01\x00\x01\x00", None),
        (_jpeg_header(1, 65535), (1, 65535)),  # taller than Pillow writes, not than it reads
    ],
)
def test_image_size_of_odd_headers(data, size):
    assert image_size(data) == size


def test_attach_refuses_a_picture_with_more_pixels_than_a_report_can_show(store, owners):
    huge = io.BytesIO()
    Image.new("1", (13_500, 13_500)).save(huge, "PNG")  # a blank page compresses to a little

    with pytest.raises(ValidationError) as caught:
        attach_evidence(
            store, data=huge.getvalue(), filename="scan.png", cycle_id=owners["cycle_id"]
        )

    assert caught.value.errors["file"].startswith("“scan.png” has too many pixels")
    assert list_evidence(store) == []
