"""The app icon: every PNG size, the .ico and .icns containers, and renders that match the SVG."""

import struct
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk, which always comes first."""
    assert data.startswith(PNG_SIGNATURE)
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_svgs_are_valid(make_icons):
    from PySide6.QtSvg import QSvgRenderer

    for svg in (make_icons.SVG, make_icons.SMALL_SVG):
        assert QSvgRenderer(str(svg)).isValid(), svg


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_png_is_square_rgba_and_its_corners_clear(make_icons, size):
    path = make_icons.png_path(size)
    data = path.read_bytes()
    assert png_size(data) == (size, size)
    assert data[25] == 6, "colour type 6: RGBA"
    image = QImage(str(path))
    assert not image.isNull()
    for x, y in ((0, 0), (size - 1, 0), (0, size - 1), (size - 1, size - 1)):
        assert image.pixelColor(x, y).alpha() == 0, (x, y)


def test_the_sizes_the_build_and_desktop_need_are_all_rendered(make_icons):
    assert set(make_icons.ICO_SIZES) <= set(make_icons.PNG_SIZES)
    assert {16, 32, 48, 64, 128, 256, 512} <= set(make_icons.PNG_SIZES)
    on_disk = {int(p.stem.rpartition("-")[2]) for p in make_icons.ICON_DIR.glob("coachbook-*.png")}
    assert on_disk == set(make_icons.PNG_SIZES)


def test_ico_holds_one_png_per_size(make_icons):
    data = (make_icons.ICON_DIR / "coachbook.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    sizes = []
    for index in range(count):
        width, height, _, _, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        side = width or 256
        assert (height or 256) == side and (planes, bits) == (1, 32)
        assert offset + length <= len(data)
        assert png_size(data[offset : offset + length]) == (side, side)
        sizes.append(side)
    assert sizes == sorted(make_icons.ICO_SIZES)


def test_icns_chunks_cover_the_file_and_hold_the_right_sizes(make_icons):
    data = (make_icons.ICON_DIR / "coachbook.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    chunks, at = [], 8
    while at < len(data):
        kind, length = data[at : at + 4], struct.unpack(">I", data[at + 4 : at + 8])[0]
        assert length > 8 and at + length <= len(data)
        chunks.append((kind, png_size(data[at + 8 : at + length])[0]))
        at += length
    assert at == len(data)
    assert chunks == list(make_icons.ICNS_TYPES)
    assert {b"ic07", b"ic08", b"ic09", b"ic10"} <= {kind for kind, _ in chunks}


@pytest.mark.parametrize("size", [16, 48, 256])
def test_committed_pngs_match_the_svg(qapp, make_icons, size):
    """Catches an SVG edited without running packaging/make_icons.py."""
    svg = make_icons.SMALL_SVG if size in make_icons.SMALL_SIZES else make_icons.SVG
    fresh = QImage.fromData(make_icons.render_png(svg, size))
    committed = QImage(str(make_icons.png_path(size)))
    assert fresh.size() == committed.size()
    # A little slack for antialiasing differences between Qt versions.
    worst = max(
        max(
            abs(a - b)
            for a, b in zip(
                fresh.pixelColor(x, y).getRgb(), committed.pixelColor(x, y).getRgb(), strict=True
            )
        )
        for x in range(size)
        for y in range(size)
    )
    assert worst <= 24, f"{Path(svg).name} changed: run packaging/make_icons.py"
