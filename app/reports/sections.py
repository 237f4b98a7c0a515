"""Sections more than one report prints the same way: shareable notes and evidence photos."""

from reportlab.platypus import Flowable, Spacer

from app.reports.document import frame_height
from app.reports.flowables import empty, photo
from app.reports.styles import styles
from app.reports.text import para, text_block
from app.services.reports.shared import Photo, SharedNote
from app.text import full_date


def note_blocks(notes: list[SharedNote], none_sentence: str) -> list[Flowable]:
    """Each note under its day (and what it is about), or `none_sentence` when there are none."""
    if not notes:
        return [empty(none_sentence)]
    s = styles()
    blocks: list[Flowable] = []
    for note in notes:
        meta = full_date(note.written_on) + (f" · {note.about}" if note.about else "")
        blocks.append(para(meta, s.note_meta))
        blocks += text_block(note.body)
        blocks.append(Spacer(1, 4))
    return blocks


def photo_blocks(photos: list[Photo], width: float, paper_size: str) -> list[Flowable]:
    """Each photo scaled to the page with its caption (saying what it shows, when known)."""
    if not photos:
        return [empty("No photos are attached.")]
    blocks: list[Flowable] = []
    max_height = frame_height(paper_size) * 0.45
    for item in photos:
        caption = item.caption or item.filename
        if item.about:
            caption = f"{item.about}: {caption}"
        blocks += photo(item.data, item.width, item.height, caption, width, max_height)
    return blocks
