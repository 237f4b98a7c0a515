"""User text in a PDF: escaped, shortened to fit, and drawn as one line when it fits one."""

import re
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags

from app.fonts import runs, string_width
from app.reports.styles import fonts, styles

# C0 control characters (but tab and newline) would break the paragraph parser.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def printable(text: str) -> str:
    """The text without the control characters a PDF can't show."""
    return _CONTROL.sub("", text)


# Runs of ordinary white space; a no-break space (as in "32 min") is not one of them.
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def one_line(text: str) -> str:
    """The text on one line, runs of spaces squeezed to one; no-break spaces stay."""
    return _SPACES.sub(" ", text).strip(" ")


def esc(text: object, font: str | None = None) -> str:
    """User text made safe for a Paragraph: `<b>` and `&` print exactly as typed.

    Characters the paragraph's font (`font`, else the regular face) has no glyph for, such as
    陈 or 😀, go in a <font> run of the embedded fallback that has them.
    """
    cleaned = printable(str(text)).replace("\t", " ")
    return in_fonts(cleaned, font or fonts()[0]).replace("\n", "<br/>")


def in_fonts(text: str, font: str) -> str:
    """`text` escaped, each run its font lacks wrapped in <font name=...> of a font that has it."""
    return "".join(
        escape(piece) if run_font == font else f'<font name="{run_font}">{escape(piece)}</font>'
        for run_font, piece in runs(text, font)
    )


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, ending in an ellipsis when shortened."""
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def clip_to_width(text: str, width: float, font: str, size: float) -> str:
    """The longest start of `text` (with an ellipsis if cut) that fits `width` points."""
    text = one_line(printable(text))
    if string_width(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # binary search: a 20,000-character name stays quick
        middle = (low + high + 1) // 2
        if string_width(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def para(text: object, style: ParagraphStyle | None = None) -> Flowable:
    """One paragraph of user text; it prints exactly as typed, markup characters and all."""
    return Text(str(text), style or styles().body)


def markup(html: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of our own markup; every user value in it must have gone through `esc`."""
    return Paragraph(html, style or styles().body)


def labelled(label: str, value: object, style: ParagraphStyle | None = None) -> Flowable:
    """ "Label: value" with the label in bold."""
    return Text(str(value), style or styles().body, label=f"{label}: ")


class Text(Flowable):
    """User text as a paragraph, drawn as a single line when it fits one.

    Most report text (labels, dates, names, short notes) is one line; drawing it directly
    skips ReportLab's markup parser and line breaker, the slowest part of a long portfolio.
    Text that needs more room becomes an escaped Paragraph, so it wraps and splits as usual.
    """

    def __init__(self, text: str, style: ParagraphStyle, label: str = ""):
        super().__init__()
        self.text = one_line(printable(text))
        self.label = label
        self.style = style
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self.keepWithNext = getattr(style, "keepWithNext", 0)
        self._paragraph: Paragraph | None = None
        self._width: float | None = None
        self._wrapped_at: float | None = None  # the width the paragraph's lines were broken for
        self._wrapped = (0.0, 0.0)

    def wrap(self, available_width, available_height):
        if self._paragraph is None and self._fits(available_width):
            self.width, self.height = available_width, self.style.leading
            return self.width, self.height
        paragraph = self._as_paragraph()
        # A paragraph's lines depend on the width alone, and a table or a look ahead asks
        # again at the same width: its lines are broken once for it.
        if self._wrapped_at != available_width:
            self._wrapped = paragraph.wrap(available_width, available_height)
            self._wrapped_at = available_width
        return self._wrapped

    def split(self, available_width, available_height):
        if self._paragraph is None and self._fits(available_width):
            return []
        self._wrapped_at = None  # splitting may break the lines again, at its own width
        return self._as_paragraph().split(available_width, available_height)

    def drawOn(self, canvas, x, y, _sW=0):
        # Drawn where it goes, without the moved origin ReportLab gives every flowable (one
        # more matrix to write out, thousands of times in a portfolio).
        x = self._hAlignAdjust(x, _sW)
        if self._paragraph is not None:
            self._paragraph.drawOn(canvas, x, y)
            return
        canvas.saveState()
        self._draw_line(canvas, x, y)
        canvas.restoreState()

    def draw(self):
        self.drawOn(self.canv, 0, 0)

    def _draw_line(self, canvas, x: float, y: float) -> None:
        """The label and the text as one line of text, each run in a font that has it."""
        style = self.style
        _, bold = fonts()
        if style.alignment == TA_RIGHT:
            x += self.width - self._text_width()
        # Where a one-line Paragraph puts its baseline, so both kinds line up.
        line = canvas.beginText(x, y + style.leading - style.fontSize)
        canvas.setFillColor(style.textColor)
        for font, piece in [*runs(self.label, bold), *runs(self.text, style.fontName)]:
            if (line._fontname, line._fontsize) != (font, style.fontSize):
                line.setFont(font, style.fontSize)
            line.textOut(piece)
        canvas.drawText(line)

    def _fits(self, width: float) -> bool:
        return len(self.text) + len(self.label) <= 160 and self._text_width() <= width

    def _text_width(self) -> float:
        if self._width is None:
            _, bold = fonts()
            size = self.style.fontSize
            label = string_width(self.label, bold, size) if self.label else 0
            self._width = label + string_width(self.text, self.style.fontName, size)
        return self._width

    def _as_paragraph(self) -> Paragraph:
        if self._paragraph is None:
            _, bold = fonts()
            label = f"<b>{in_fonts(self.label, bold)}</b>" if self.label else ""
            text = in_fonts(self.text, self.style.fontName)
            plain = self.label + self.text
            if cleanBlockQuotedText(plain) != plain:  # spaces the parser squeezes: let it
                self._paragraph = Paragraph(label + text, self.style)
            else:
                self._paragraph = Paragraph(label + text, self.style, frags=self._frags())
        return self._paragraph

    def _frags(self) -> list:
        """The fragments ReportLab's markup parser makes of this text, made without it (the
        parser is the slowest part of a paragraph): one per run of a font, each entity its
        own, cut from a fragment the parser made once for that style, font and weight."""
        _, bold = fonts()
        frags = []
        for in_label, text, font in (
            (True, self.label, bold),
            (False, self.text, self.style.fontName),
        ):
            for run_font, piece in runs(text, font):
                template = _template_frag(self.style, in_label, run_font != font and run_font)
                frags += [template.clone(text=part) for part in _ENTITIES.split(piece) if part]
        textTransformFrags(frags, self.style)
        return frags


# The parser starts a new fragment at each character `escape` turns into an entity.
_ENTITIES = re.compile(r"([&<>])")
_TEMPLATES: dict[tuple, tuple[ParagraphStyle, object]] = {}


def _template_frag(style: ParagraphStyle, in_label: bool, fallback: str | bool) -> object:
    """The parser's fragment for text in `style`, bold (a label) or not, in a fallback font
    or the style's own; the style is kept with it, so its id stays its own."""
    key = (id(style), in_label, fallback)
    if key not in _TEMPLATES:
        html = f'<font name="{fallback}">x</font>' if fallback else "x"
        if in_label:
            html = f"<b>{html}</b>"
        _TEMPLATES[key] = (style, Paragraph(html, style).frags[0])
    return _TEMPLATES[key][1]


def text_block(text: str, style: ParagraphStyle | None = None) -> list[Flowable]:
    """Long user text as one paragraph per line, so a 20,000-character note flows over pages."""
    style = style or styles().body
    blocks: list[Flowable] = []
    for line in text.strip().splitlines():
        if line.strip():
            blocks.append(para(line, style))
        elif blocks and not isinstance(blocks[-1], Spacer):
            blocks.append(Spacer(1, style.leading / 2))
    return blocks
