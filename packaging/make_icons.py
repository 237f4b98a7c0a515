"""Render the icon SVGs to the PNGs, .ico and .icns in resources/icons/ (commit them all)."""

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICON_DIR / "coachbook.svg"
# The same drawing without the binding holes and written lines, which blur below 32 px.
SMALL_SVG = ICON_DIR / "coachbook-small.svg"
SMALL_SIZES = (16, 24)
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # an .ico entry is at most 256 px
# icns chunk types that hold a PNG of the given pixel size (the @2x ones are Retina sizes).
ICNS_TYPES = (
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic13", 256),
    (b"ic08", 256),
    (b"ic14", 512),
    (b"ic09", 512),
    (b"ic10", 1024),
)


def png_path(size: int) -> Path:
    return ICON_DIR / f"coachbook-{size}.png"


def render_png(svg: Path, size: int) -> bytes:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNG images (Windows Vista and later read them)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size == 256 else size  # 0 in the one-byte fields means 256
        # width, height, palette colours, reserved, colour planes, bits per pixel, length, offset
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def icns_bytes(chunks: list[tuple[bytes, bytes]]) -> bytes:
    """An ICNS file: the 'icns' magic and total length, then (type, length, PNG) chunks."""
    body = b"".join(kind + struct.pack(">I", 8 + len(png)) + png for kind, png in chunks)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    pngs: dict[int, bytes] = {}
    for size in sorted({*PNG_SIZES, *ICO_SIZES, *(s for _, s in ICNS_TYPES)}):
        pngs[size] = render_png(SMALL_SVG if size in SMALL_SIZES else SVG, size)
    for size in PNG_SIZES:
        png_path(size).write_bytes(pngs[size])
    (ICON_DIR / "coachbook.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    icns = icns_bytes([(kind, pngs[size]) for kind, size in ICNS_TYPES])
    (ICON_DIR / "coachbook.icns").write_bytes(icns)
    print(f"Wrote {len(PNG_SIZES)} PNGs, coachbook.ico and coachbook.icns to {ICON_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
