"""Platypus flowables that set text through the shaping layer (ReportLab's own Paragraph
knows nothing of our bidi and font choice).

- :class:`Text`: one paragraph, wrapped, splittable across pages by lines.
- :class:`Pair`: Dutch on the left, the person's language on the right, side by side.
- :class:`Rule`: a line to sign or write on, with a small label under it.
"""

from __future__ import annotations

from bidi import get_base_level
from reportlab.lib.colors import Color, HexColor, black
from reportlab.platypus import Flowable

from app.documents.fonts import Family
from app.documents.pdftext import START, draw_line, line_x
from app.documents.shaping import Line, Style, language_family, layout

OWN_COLOUR = HexColor("#1d3557")
GREY = HexColor("#666666")


def leading(style: Style) -> float:
    family = language_family(style.lang)
    factor = 1.55 if family is Family.NASKH else 1.35 if family is Family.ETHIOPIC else 1.25
    return style.size * factor


def content_style(text: str, size: float, bold: bool = False) -> Style:
    """A style for text a volunteer typed: right to left if its first strong letter is."""
    try:
        rtl = bool(text.strip()) and get_base_level(text) == 1
    except (ValueError, TypeError):
        rtl = False
    return Style(size, bold, "ar" if rtl else "nl")


class Text(Flowable):
    """A shaped paragraph; right-to-left text is right-aligned and wraps top down."""

    def __init__(self, text: str, style: Style, colour: Color = black, align: str = START,
                 space_after: float = 0, lines: tuple[Line, ...] | None = None) -> None:
        super().__init__()
        self.text, self.style, self.colour, self.align = text, style, colour, align
        self.space_after = space_after
        self._lines = lines
        self._fixed = lines is not None  # the part of a split keeps its lines
        self._width = 0.0

    def _layout(self, width: float) -> tuple[Line, ...]:
        if self._fixed and self._lines is not None:
            return self._lines
        if self._lines is None or self._width != width:
            self._lines = layout(self.text.strip(), self.style, width) if self.text.strip() \
                else ()
            self._width = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        lines = self._layout(availWidth)
        self.width = availWidth
        self.height = len(lines) * leading(self.style) + (self.space_after if lines else 0)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        lines = self._layout(availWidth)
        fits = int(availHeight // leading(self.style))
        if fits <= 0 or fits >= len(lines):
            return []
        return [Text(self.text, self.style, self.colour, self.align, 0, lines[:fits]),
                Text(self.text, self.style, self.colour, self.align, self.space_after,
                     lines[fits:])]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(self.colour)
        y = self.height - self.space_after
        step = leading(self.style)
        for line in self._layout(self.width):
            y -= step
            baseline = y + (step - self.style.size) / 2 + self.style.size * 0.22
            draw_line(canvas, line, line_x(line, 0, self.width, self.align), baseline)


class Translated(Flowable):
    """A text an interpreter typed in the person's language: in the person's colour, with a
    bar in the margin on the side it starts from, so it reads as the translation of the
    Dutch above it."""

    BAR = 5.0

    def __init__(self, text: str, style: Style, space_after: float = 0,
                 lines: tuple[Line, ...] | None = None) -> None:
        super().__init__()
        self.text, self.style, self.space_after = text, style, space_after
        self.inner = Text(text, style, OWN_COLOUR, START, 0, lines)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        _, h = self.inner.wrap(availWidth - self.BAR, availHeight)
        self.width, self.height = availWidth, h + (self.space_after if h else 0)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        lines = self.inner._layout(availWidth - self.BAR)
        fits = int(availHeight // leading(self.style))
        if fits <= 0 or fits >= len(lines):
            return []
        return [Translated(self.text, self.style, 0, lines[:fits]),
                Translated(self.text, self.style, self.space_after, lines[fits:])]

    def draw(self) -> None:
        lines = self.inner._layout(self.width - self.BAR)
        rtl = bool(lines) and lines[0].rtl
        bottom, top = self.space_after + 1, self.height - 1
        x_bar = self.width - 1.2 if rtl else 1.2
        self.canv.setStrokeColor(OWN_COLOUR)
        self.canv.setLineWidth(1.6)
        self.canv.line(x_bar, bottom, x_bar, top)
        self.inner.drawOn(self.canv, 0 if rtl else self.BAR, self.space_after)


class Pair(Flowable):
    """Dutch beside the person's language: two columns with a gutter; one column when the
    person's text is absent (Dutch documents, or a text that fell back to Dutch)."""

    def __init__(self, dutch: str, own: str | None, size: float, lang: str, bold: bool = False,
                 space_after: float = 2, gutter: float = 14) -> None:
        super().__init__()
        self.left = Text(dutch, Style(size, bold, "nl"))
        family = language_family(lang)
        own_size = size * (1.15 if family is Family.NASKH else 1.05 if family is Family.ETHIOPIC
                           else 1.0)
        self.right = Text(own, Style(own_size, bold, lang), OWN_COLOUR) if own else None
        self.space_after, self.gutter = space_after, gutter

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        half = (availWidth - self.gutter) / 2 if self.right else availWidth
        _, h1 = self.left.wrap(half, availHeight)
        h2 = self.right.wrap(half, availHeight)[1] if self.right else 0
        self.width, self.half = availWidth, half
        self.height = max(h1, h2) + self.space_after
        return self.width, self.height

    def draw(self) -> None:
        top = self.height - self.space_after
        self.left.drawOn(self.canv, 0, top - self.left.height)
        if self.right:
            self.right.drawOn(self.canv, self.half + self.gutter, top - self.right.height)


class Rule(Flowable):
    """A line to write or sign on, with its label under it."""

    def __init__(self, label: str, style: Style, width_fraction: float = 1.0,
                 space_before: float = 26) -> None:
        super().__init__()
        self.label = Text(label, style, GREY)
        self.fraction, self.space_before = width_fraction, space_before

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        _, h = self.label.wrap(availWidth * self.fraction, availHeight)
        self.height = self.space_before + h + 2
        return self.width, self.height

    def draw(self) -> None:
        y = self.label.height + 2
        self.canv.setStrokeColor(GREY)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, y, self.width * self.fraction, y)
        self.label.drawOn(self.canv, 0, 0)
