"""Every character prints in an embedded font and reads back as typed: Chinese, Japanese,
Korean and emoji through the fallback fonts, and no page leans on a Helvetica the PDF leaves
out."""

import importlib
import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.fonts import FALLBACK_FONTS, FONT_DIR, FallbackCanvas, runs, to_unicode_cmap
from app.reports.catalogue import BY_KEY, DOCUMENTS
from app.reports.styles import fonts
from app.services.cycles import CycleStart, GoalInput, save_goal, start_cycle
from app.services.teachers import TeacherForm, save_teacher
from tests.reports.test_catalogue import TODAY, subjects

NAME = "陈 Chen 😀 Nguyễn"
KOREAN_AND_JAPANESE = "김민준 先生 さくら 🚀"


@pytest.fixture
def build_info(monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2] / "packaging"))
    return importlib.import_module("build_info")


def _fonts_in(resources, seen: dict) -> None:
    """Every font in a /Resources dictionary and the forms it draws, by base font name."""
    resources = resources.get_object() if resources is not None else {}
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        seen[str(font["/BaseFont"])] = font
    for form in (resources.get("/XObject") or {}).values():
        form = form.get_object()
        if form.get("/Subtype") == "/Form":
            _fonts_in(form.get("/Resources"), seen)


def fonts_of(data: bytes) -> dict:
    seen: dict = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        _fonts_in(page.get("/Resources"), seen)
    return seen


def is_embedded(font) -> bool:
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.fixture
def chen(store):
    """A teacher whose name mixes Chinese, an emoji and Vietnamese, with one cycle."""
    teacher = save_teacher(store, TeacherForm(name=NAME, school="Oak")).id
    cycle = start_cycle(store, CycleStart(teacher, date(2026, 10, 5), focus="Padlet 😀"))
    save_goal(
        store,
        cycle,
        GoalInput(
            goal=f"Students explain {KOREAN_AND_JAPANESE}", baseline_value=50, target_value=80
        ),
    )
    return store, teacher, cycle


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_teacher_report_reads_back_chinese_emoji_and_vietnamese_as_typed(
    chen, paper, tmp_path, pdf_text
):
    store, teacher, cycle = chen
    document = BY_KEY["teacher"]
    data = document.gather(store, (teacher, cycle), TODAY)
    data = replace(data, byline=replace(data.byline, paper_size=paper))
    out = tmp_path / "teacher.pdf"
    document.write(data, out)
    text = pdf_text(out)
    assert NAME in text
    assert KOREAN_AND_JAPANESE in text
    assert "ὠ" not in text.text
    used = fonts_of(out.read_bytes())
    assert any(name.endswith("+DroidSansFallback") for name in used)
    assert any(name.endswith("+Symbola") for name in used)


def test_the_portfolio_reads_back_the_name_as_typed(chen, tmp_path, pdf_text):
    store, _, _ = chen
    document = BY_KEY["portfolio"]
    out = tmp_path / "portfolio.pdf"
    document.write(document.gather(store, "2026-2027", TODAY), out)
    assert NAME in pdf_text(out)


@pytest.mark.parametrize("key", [d.key for d in DOCUMENTS if d.is_pdf])
def test_every_font_on_every_page_is_embedded(key, demo_store, tmp_path):
    document = BY_KEY[key]
    out = tmp_path / f"{key}.pdf"
    document.write(document.gather(demo_store, subjects(demo_store)[key], TODAY), out)
    used = fonts_of(out.read_bytes())
    assert used
    assert not [name for name in used if "Helvetica" in name]
    assert [name for name, font in used.items() if not is_embedded(font)] == []


def test_the_to_unicode_map_writes_characters_past_the_first_plane_as_utf16():
    cmap = to_unicode_cmap("AAAAAA+Symbola", [ord("😀"), ord("陈")])
    assert "<00> <D83DDE00>" in cmap
    assert "<01> <9648>" in cmap


def test_each_character_goes_to_a_font_that_has_it():
    regular, _ = fonts()
    assert runs("Nguyễn Chen", regular) == [(regular, "Nguyễn Chen")]
    assert runs("陈 🚀", regular) == [
        ("DroidSansFallback", "陈"),
        (regular, " "),
        ("Symbola", "🚀"),
    ]


def test_the_fallback_fonts_ship_with_their_licences_and_go_into_the_build(build_info):
    targets = {(source.rsplit("/", 1)[-1], folder) for source, folder in build_info.data_files()}
    for _, filename in FALLBACK_FONTS:
        licence = filename.replace(".ttf", "-LICENSE.txt")
        assert (FONT_DIR / filename).is_file() and (FONT_DIR / licence).is_file()
        assert (filename, "resources/fonts") in targets
        assert (licence, "resources/fonts") in targets


def test_table_cells_and_lines_drawn_on_the_canvas_read_back_as_typed(tmp_path, pdf_text):
    regular, _ = fonts()
    out = tmp_path / "canvas.pdf"
    canvas = FallbackCanvas(str(out))
    canvas.setFont(regular, 9)
    canvas.drawString(72, 700, f"Left {NAME}")
    canvas.drawRightString(500, 680, f"Right {NAME}")
    canvas.drawCentredString(300, 660, f"Centre {NAME}")
    canvas.drawString(72, 640, "Still DejaVu after the runs")
    canvas.save()
    text = pdf_text(out)
    for line in (f"Left {NAME}", f"Right {NAME}", f"Centre {NAME}", "Still DejaVu after"):
        assert line in text
    assert "DroidSansFallback" in "".join(fonts_of(out.read_bytes()))


def test_the_header_contents_and_table_cells_read_back_the_name(chen, tmp_path, pdf_text):
    store, teacher, cycle = chen
    document = BY_KEY["teacher"]
    out = tmp_path / "teacher.pdf"
    document.write(document.gather(store, (teacher, cycle), TODAY), out)
    assert f"Teacher coaching report: {NAME}" in pdf_text(out)
