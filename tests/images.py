"""Real PNG and JPEG images for tests, made with Pillow."""

import io

from PIL import Image


def png_bytes(
    width: int = 3, height: int = 2, colour: tuple[int, int, int] = (128, 64, 32)
) -> bytes:
    """A solid-colour RGB PNG."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes(width: int = 640, height: int = 480, exif_size: int = 0) -> bytes:
    """A solid-grey JPEG; `exif_size` bytes of EXIF come before its frame, as cameras write."""
    buffer = io.BytesIO()
    exif = Image.Exif()
    if exif_size:
        exif[0x010E] = "E" * exif_size  # ImageDescription
    Image.new("L", (width, height), 128).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()
