"""A plain Dutch A4 record document: a title, lines of text and label/value tables, a header on
every page and "pagina x van y" in the footer. The warm handover and the subject access
document are made of it; every text goes through the shaping layer, so a name in Arabic or
Ethiopic script is shaped, right-to-left values are right-aligned and numbers keep their order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Spacer,
    Table,
    TableStyle,
)

from app.documents.numbered_canvas import numbered_canvas, render_a4
from app.documents.pdftext import draw_line
from app.documents.plan_flowables import GREY, Text, content_style
from app.documents.shaping import Style, layout

MARGIN = 18 * mm
LINE_COLOUR = HexColor("#bbbbbb")
HEAD_FILL = HexColor("#eef1f5")


@dataclass
class Block:
    """A part of the document: a heading, paragraphs and a label/value table."""

    title: str = ""
    paragraphs: list[str] = field(default_factory=list)
    rows: list[tuple[str, str]] = field(default_factory=list)
    large: list[str] = field(default_factory=list)  # lines to read from a distance (a key)


def value_text(text: str, size: float = 9.5, bold: bool = False) -> Text:
    """What was typed, in its own direction (an Arabic name right-aligned, shaped)."""
    return Text(text, content_style(text, size, bold))


def _table(rows: Sequence[tuple[str, str]], width: float) -> Table:
    data = [[Text(label, Style(8.5, False, "nl"), GREY), value_text(value or "—")]
            for label, value in rows]
    table = Table(data, colWidths=[0.32 * width, 0.68 * width], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE_COLOUR),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return table


def _story(title: str, intro: Sequence[str], blocks: Sequence[Block],
           width: float) -> list[Flowable]:
    story: list[Flowable] = [Text(title, content_style(title, 16, True), space_after=6)]
    for line in intro:
        story.append(Text(line, Style(9.5, False, "nl"), space_after=3))
    story.append(Spacer(1, 6))
    for block in blocks:
        if block.title:
            heading = Text(block.title, Style(11.5, True, "nl"), space_after=4)
            heading.keepWithNext = True
            story.append(heading)
        for line in block.large:
            story.append(Text(line, Style(18, True, "nl"), space_after=8))
        for paragraph in block.paragraphs:
            story.append(Text(paragraph, content_style(paragraph, 9), space_after=3))
        if block.rows:
            story.append(_table(block.rows, width))
        story.append(Spacer(1, 8))
    return story


def _canvas_class(header: str, footer: str) -> type[Canvas]:
    def decorate(canvas: Canvas, number: int, total: int) -> None:
        width, height = A4
        canvas.saveState()
        canvas.setFillColor(GREY)
        line = layout(header, Style(8, False, "nl"), width - 2 * MARGIN)[0]
        draw_line(canvas, line, MARGIN, height - MARGIN + 2)
        canvas.setStrokeColor(LINE_COLOUR)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, height - MARGIN - 2, width - MARGIN, height - MARGIN - 2)
        text = f"{footer} · pagina {number} van {total}"
        line = layout(text, Style(8, False, "nl"), width - 2 * MARGIN)[0]
        draw_line(canvas, line, MARGIN, MARGIN - 8)
        canvas.restoreState()

    return numbered_canvas(decorate)


def render(title: str, header: str, footer: str, intro: Sequence[str],
           blocks: Sequence[Block]) -> bytes:
    """The document as PDF bytes (A4, as many pages as it takes)."""
    return render_a4(title, lambda width: _story(title, intro, blocks, width),
                     _canvas_class(header, footer), margin=MARGIN, header=10 * mm)
