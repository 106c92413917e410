"""Subject access a person can read, as PDF (A4): ``render_access_letter(AccessLetter)``.

Dutch beside the person's language for every printed text (two columns), facts in a table of
label and value, what was typed printed once in its own direction. A header with the record
number and the date, and "page x of y" with the office's name on every page. No codes, no
internal ids, no ISO dates: the letter holds only what :mod:`app.privacy.access_letter` put in.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from app.documents.catalogue import Texts
from app.documents.model import AccessLetter, AccessRow, Both
from app.documents.numbered_canvas import numbered_canvas, render_a4
from app.documents.pdftext import draw_line
from app.documents.plan_flowables import GREY, OWN_COLOUR, Pair, Text, content_style
from app.documents.shaping import Style, layout

MARGIN = 18 * mm
HEADER = 16 * mm
LINE_COLOUR = HexColor("#bbbbbb")


def _pair(text: Both, lang: str, size: float, bold: bool = False,
          space_after: float = 3) -> Pair:
    return Pair(text.dutch, text.own if lang != "nl" else None, size, lang, bold, space_after)


def _value(row: AccessRow, lang: str) -> list[Flowable]:
    if row.words is not None:
        out: list[Flowable] = [Text(row.words.dutch, content_style(row.words.dutch, 9))]
        if row.words.own and lang != "nl":
            out.append(Text(row.words.own, Style(9, False, lang), OWN_COLOUR))
        return out
    # each typed line in its own direction (a Dutch goal over the interpreter's Arabic)
    lines = [line for line in (row.value or "—").splitlines() if line.strip()] or ["—"]
    return [Text(line, content_style(line, 9.5), OWN_COLOUR if n else black)
            for n, line in enumerate(lines)]


def _rows(rows: list[AccessRow], lang: str, width: float) -> Table:
    bilingual = lang != "nl"
    data = []
    for row in rows:
        label = [Text(row.label.dutch, content_style(row.label.dutch, 8.5), GREY)]
        if bilingual:
            own = row.label.own
            label_own = [Text(own, Style(8.5, False, lang), OWN_COLOUR)] if own else []
            data.append([label, label_own, _value(row, lang)])
        else:
            data.append([label, _value(row, lang)])
    widths = ([0.24 * width, 0.24 * width, 0.52 * width] if bilingual
              else [0.34 * width, 0.66 * width])
    table = Table(data, colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE_COLOUR),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return table


def _story(letter: AccessLetter, width: float) -> list[Flowable]:
    lang = letter.lang
    story: list[Flowable] = [_pair(letter.title, lang, 17, True, 8)]
    for line in letter.intro:
        story.append(_pair(line, lang, 9.5, space_after=4))
    story.append(Spacer(1, 6))
    for section in letter.sections:
        head: list[Flowable] = [_pair(section.title, lang, 12, True, 5)]
        head += [_pair(p, lang, 9, space_after=4) for p in section.paragraphs]
        if section.rows:
            table = _rows(section.rows, lang, width)
            story.append(KeepTogether([*head, table]) if len(section.rows) <= 4 else
                         KeepTogether(head))
            if len(section.rows) > 4:
                table.repeatRows = 0
                story.append(table)
        else:
            story.append(KeepTogether(head))
        story.append(Spacer(1, 10))
    return story


def _decorate(letter: AccessLetter, texts: Texts):  # noqa: ANN202
    width, height = A4
    left, right = MARGIN, width - MARGIN
    made = f"{letter.made_on.day:02d}-{letter.made_on.month:02d}-{letter.made_on.year}"

    def decorate(canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setFillColor(GREY)
        y = height - MARGIN + 2
        head = " · ".join(p for p in (letter.title.dutch, letter.record_number, made) if p)
        line = layout(head, Style(8, False, "nl"), (right - left) * 0.6)[0]
        draw_line(canvas, line, left, y)
        if letter.title.own and letter.lang != "nl":
            line = layout(letter.title.own, Style(8, False, letter.lang),
                          (right - left) * 0.38)[0]
            draw_line(canvas, line, right - line.width, y)
        canvas.setStrokeColor(LINE_COLOUR)
        canvas.setLineWidth(0.5)
        canvas.line(left, y - 4, right, y - 4)
        page = texts.nl("plan.page").format(page=number, pages=total)
        foot = f"{page} · {letter.office_name} · {made}"
        line = layout(foot, Style(8, False, "nl"), (right - left) * 0.6)[0]
        draw_line(canvas, line, left, MARGIN - 8)
        if letter.lang != "nl":
            own = texts.own("plan.page").format(page=number, pages=total)
            line = layout(own, Style(8, False, letter.lang), (right - left) * 0.38)[0]
            draw_line(canvas, line, right - line.width, MARGIN - 8)
        canvas.restoreState()

    return decorate


def render_access_letter(letter: AccessLetter) -> bytes:
    """The letter as PDF bytes (A4, as many pages as it takes)."""
    texts = Texts(letter.lang)
    return render_a4(f"{letter.title.dutch} ({letter.lang})",
                     lambda width: _story(letter, width),
                     numbered_canvas(_decorate(letter, texts)), margin=MARGIN, header=HEADER - 8)
