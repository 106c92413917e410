"""The anonymous overview as PDF (A4): each table a list of full labels with the count and a
bar beside it, so no label is cut off and counts and days never share an axis.

A suppressed count prints as "<5" with no bar (an empty bar would read as zero) and the table
says why; a table without a chart (a median in days) prints its value only. Every page names
the office, the period and the date it was made, and "page x of y".
"""

from __future__ import annotations

import io
from datetime import date
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus import Table as RLTable

from app.documents.numbered_canvas import numbered_canvas
from app.i18n import _
from app.privacy.report import Report, Table
from app.questionnaire.aggregate import SUPPRESSED

BAR = colors.HexColor("#2f6f9f")
GRID = colors.HexColor("#dddddd")
GREY = colors.HexColor("#555555")
MARGIN = 20 * mm
LABEL_W, VALUE_W, BAR_W = 88 * mm, 18 * mm, 64 * mm


def _day(value: date) -> str:
    return value.strftime("%d-%m-%Y")


def _bar(value: object, largest: int) -> Drawing:
    drawing = Drawing(BAR_W, 4.2 * mm)
    if isinstance(value, int) and value > 0 and largest > 0:
        drawing.add(Rect(0, 0.6 * mm, (BAR_W - 6 * mm) * value / largest, 3 * mm,
                         fillColor=BAR, strokeColor=None))
    elif value == SUPPRESSED:
        drawing.add(String(0, 1.2 * mm, _("not drawn: fewer than 5"), fontName="Helvetica",
                           fontSize=7, fillColor=GREY))
    return drawing


def _table(table: Table, styles: dict[str, ParagraphStyle]) -> list:
    block: list = [Paragraph(escape(table.title), styles["Heading2"])]
    rows = table.rows or [(_("Nothing in this period"), "")]
    numbers = [v for _l, v in rows if isinstance(v, int)]
    chart = table.chart and len(table.rows) > 1 and bool(numbers)
    largest = max(numbers, default=0)
    data = []
    for label, value in rows:
        cells = [Paragraph(escape(str(label)), styles["Label"]),
                 Paragraph(escape(str(value)), styles["Value"])]
        if chart:
            cells.append(_bar(value, largest))
        data.append(cells)
    grid = RLTable(data, colWidths=[LABEL_W, VALUE_W] + ([BAR_W] if chart else []),
                   hAlign="LEFT")
    grid.setStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                   ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
                   ("LEFTPADDING", (2, 0), (2, -1), 6)])
    block.append(grid)
    if any(v == SUPPRESSED for _l, v in rows):
        block.append(Paragraph(escape(_("<5: fewer than five; the exact number is not shown "
                                        "so that no one can be recognised.")),
                               styles["Note"]))
    block.append(Spacer(1, 5 * mm))
    return [KeepTogether(block)]


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "Title": base["Title"], "Heading2": base["Heading2"], "Heading3": base["Heading3"],
        "Normal": base["Normal"],
        "Label": ParagraphStyle("Label", parent=base["Normal"], fontSize=9.5, leading=12),
        "Value": ParagraphStyle("Value", parent=base["Normal"], fontSize=9.5, leading=12,
                                alignment=2),
        "Note": ParagraphStyle("Note", parent=base["Normal"], fontSize=8, leading=10,
                               textColor=GREY, spaceBefore=2),
    }


def _decorate(report: Report):  # noqa: ANN202
    width, height = A4
    period = f"{_day(report.start)} – {_day(report.end)}"
    office = report.office or _("(office name not set)")

    def decorate(canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, height - 12 * mm,
                          f"{_('Anonymous overview')} · {office} · {period}")
        canvas.setStrokeColor(GRID)
        canvas.line(MARGIN, height - 13.5 * mm, width - MARGIN, height - 13.5 * mm)
        canvas.drawString(MARGIN, 10 * mm, _("Made on {date}").format(
            date=_day(report.made_on)) + f" · {office}")
        canvas.drawRightString(width - MARGIN, 10 * mm, _("Page {page} of {pages}").format(
            page=number, pages=total))
        canvas.restoreState()

    return decorate


def render(report: Report) -> bytes:
    styles = _styles()
    story: list = [
        Paragraph(escape(_("Anonymous overview")), styles["Title"]),
        Paragraph(escape(f"{report.office} · " if report.office else "")
                  + f"{_day(report.start)} – {_day(report.end)}", styles["Heading3"]),
        Paragraph(escape(_("No names or record numbers. Counts below 5 are shown as <5 so "
                           "that no person can be recognised.")), styles["Normal"]),
        Spacer(1, 6 * mm)]
    for table in report.tables:
        story += _table(table, styles)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=_("Anonymous overview"), author="",
                      leftMargin=MARGIN, rightMargin=MARGIN, topMargin=20 * mm,
                      bottomMargin=18 * mm).build(story, canvasmaker=numbered_canvas(
                          _decorate(report)))
    return buffer.getvalue()
