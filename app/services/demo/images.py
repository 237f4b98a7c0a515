"""Small evidence pictures for the sample district, drawn as PNG bytes without Qt."""

import io
import itertools
import random
from collections.abc import Sequence

from PIL import Image

WIDTH, HEIGHT = 200, 150

Colour = tuple[int, int, int]
WHITE: Colour = (255, 255, 255)
BOARD: Colour = (244, 245, 240)
INK: Colour = (60, 64, 72)
GRID: Colour = (222, 226, 232)
TEAL: Colour = (24, 128, 140)
ORANGE: Colour = (230, 126, 34)
BLUE: Colour = (52, 101, 164)
GREEN: Colour = (80, 160, 90)
RED: Colour = (200, 70, 60)
STICKIES: list[Colour] = [(255, 236, 130), (255, 190, 200), (180, 225, 250), (200, 240, 190)]


class Canvas:
    """An RGB raster with just enough drawing for charts and whiteboards."""

    def __init__(self, width: int = WIDTH, height: int = HEIGHT, background: Colour = WHITE):
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(background) * (width * height))

    def rect(self, x0: int, y0: int, x1: int, y1: int, colour: Colour) -> None:
        """Fill the rectangle from (x0, y0) up to, not including, (x1, y1)."""
        x0, x1 = max(0, min(x0, x1)), min(self.width, max(x0, x1))
        y0, y1 = max(0, min(y0, y1)), min(self.height, max(y0, y1))
        if x0 >= x1:
            return
        run = bytes(colour) * (x1 - x0)
        for y in range(y0, y1):
            start = (y * self.width + x0) * 3
            self.pixels[start : start + len(run)] = run

    def line(self, x0: int, y0: int, x1: int, y1: int, colour: Colour, width: int = 2) -> None:
        steps = max(abs(x1 - x0), abs(y1 - y0), 1)
        for i in range(steps + 1):
            x = round(x0 + (x1 - x0) * i / steps)
            y = round(y0 + (y1 - y0) * i / steps)
            self.rect(x, y, x + width, y + width, colour)

    def png(self) -> bytes:
        buffer = io.BytesIO()
        image = Image.frombytes("RGB", (self.width, self.height), bytes(self.pixels))
        image.save(buffer, "PNG", compress_level=9)
        return buffer.getvalue()


def _axes(canvas: Canvas) -> None:
    for pct in (25, 50, 75, 100):
        y = 130 - pct
        canvas.rect(20, y, 190, y + 1, GRID)
    canvas.rect(20, 20, 22, 131, INK)
    canvas.rect(20, 130, 190, 132, INK)


def sweep_chart(percentages: Sequence[float | None]) -> bytes:
    """Bars of time on task (0-100%) per sweep; an empty sweep leaves a gap."""
    canvas = Canvas()
    _axes(canvas)
    count = max(1, len(percentages))
    slot = 165 // count
    for i, pct in enumerate(percentages):
        if pct is None:
            continue
        x = 26 + i * slot
        canvas.rect(x, 130 - round(pct), x + max(2, slot - 3), 130, TEAL)
    return canvas.png()


def growth_chart(before: Sequence[float | None], after: Sequence[float | None]) -> bytes:
    """Two lines of time on task per sweep: the baseline and the final observation."""
    canvas = Canvas()
    _axes(canvas)
    for series, colour in ((before, ORANGE), (after, BLUE)):
        points = [(i, p) for i, p in enumerate(series) if p is not None]
        step = 165 / max(1, len(series) - 1)
        for (i0, p0), (i1, p1) in itertools.pairwise(points):
            canvas.line(
                24 + round(i0 * step),
                130 - round(p0),
                24 + round(i1 * step),
                130 - round(p1),
                colour,
            )
    return canvas.png()


def whiteboard(rng: random.Random) -> bytes:
    """A whiteboard with marker scribbles and sticky notes, like a photo of an anchor chart."""
    canvas = Canvas(background=BOARD)
    canvas.rect(0, 0, WIDTH, 4, INK)
    canvas.rect(0, HEIGHT - 4, WIDTH, HEIGHT, INK)
    for row in range(5):
        y = 16 + row * 14
        x = 10
        while x < 110:
            length = rng.randint(8, 22)
            colour = BLUE if row == 0 else rng.choice((INK, BLUE, RED, GREEN))
            canvas.line(x, y + rng.randint(-1, 1), x + length, y + rng.randint(-1, 1), colour)
            x += length + rng.randint(4, 8)
    for i in range(6):
        x, y = 120 + (i % 2) * 38, 12 + (i // 2) * 44
        canvas.rect(x + 2, y + 2, x + 34, y + 36, GRID)
        canvas.rect(x, y, x + 32, y + 34, rng.choice(STICKIES))
        for line in range(3):
            canvas.line(
                x + 4, y + 8 + line * 8, x + 4 + rng.randint(12, 24), y + 8 + line * 8, INK, 1
            )
    for _ in range(3):
        x = rng.randint(12, 90)
        canvas.line(x, 100, x + 14, 100 + rng.randint(10, 30), RED)
    return canvas.png()


def dashboard(rng: random.Random) -> bytes:
    """A screenshot-like picture of a tool's teacher dashboard."""
    canvas = Canvas()
    canvas.rect(0, 0, WIDTH, 18, TEAL)
    canvas.rect(6, 6, 40, 11, WHITE)
    canvas.rect(0, 18, 40, HEIGHT, GRID)
    for i in range(6):
        canvas.rect(6, 28 + i * 16, 34, 34 + i * 16, WHITE)
    for i in range(3):
        x = 48 + i * 50
        canvas.rect(x, 26, x + 44, 62, (236, 244, 246))
        canvas.rect(x + 4, 32, x + 4 + rng.randint(14, 34), 38, TEAL)
        canvas.rect(x + 4, 46, x + 24, 56, rng.choice((ORANGE, BLUE, GREEN)))
    for row in range(5):
        y = 74 + row * 14
        canvas.rect(48, y, 194, y + 10, (248, 248, 250))
        canvas.rect(52, y + 3, 52 + rng.randint(30, 90), y + 7, INK)
        canvas.rect(160, y + 2, 160 + rng.randint(10, 30), y + 8, rng.choice((GREEN, ORANGE, RED)))
    return canvas.png()
