"""The bilingual perspective plan (A4): ``render_plan(PlanData) -> PDF bytes``.

Dutch beside the person's language (two columns) for every printed label; what volunteers
typed (goals, actions, notes) is printed once, as typed, in its own direction. A header on each
page, "page x of y" in both languages, headings kept with what follows them, evaluation dates
at least every six months, and signature lines for the person and the case manager with date
and place.
"""

from __future__ import annotations

import io
from datetime import date

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.dates import add_months
from app.documents.catalogue import Texts
from app.documents.model import PlanData
from app.documents.numbered_canvas import numbered_canvas
from app.documents.pdftext import draw_line
from app.documents.plan_flowables import GREY, OWN_COLOUR, Pair, Rule, Text, content_style
from app.documents.shaping import Style, layout

MARGIN = 18 * mm
HEADER = 16 * mm
EVALUATION_MONTHS = 6
LINE_COLOUR = HexColor("#bbbbbb")
HEAD_FILL = HexColor("#eef1f5")


def format_date(value: date | None) -> str:
    return f"{value.day:02d}-{value.month:02d}-{value.year}" if value else "—"


def evaluation_dates(data: PlanData) -> list[date]:
    """The agreed dates, with dates added where two would lie more than six months apart
    (counted from the start), up to the target date."""
    agreed = sorted(set(data.evaluation_dates))
    previous = data.start_date or (agreed[0] if agreed else None)
    if previous is None:
        return agreed
    end = data.target_date or (agreed[-1] if agreed else add_months(previous,
                                                                     EVALUATION_MONTHS))
    result: list[date] = []
    pending = list(agreed)
    while True:
        limit = add_months(previous, EVALUATION_MONTHS)
        if pending and pending[0] <= limit:
            previous = pending.pop(0)
            result.append(previous)
            continue
        if limit > end and not pending:
            break
        previous = limit
        result.append(limit)
        if len(result) > 24:
            break
    return result


class _Texts:
    """Shorthands over :class:`Texts` for the plan."""

    def __init__(self, texts: Texts) -> None:
        self.t = texts

    def pair(self, key: str, size: float, bold: bool = False, space_after: float = 2) -> Pair:
        dutch, own = self.t.pair(key)
        return Pair(dutch, own, size, self.t.lang, bold, space_after)

    def both(self, key: str, size: float, bold: bool = False) -> list[Flowable]:
        """Dutch over the person's text, for narrow table cells."""
        dutch, own = self.t.pair(key)
        out: list[Flowable] = [Text(dutch, Style(size, bold, "nl"))]
        if own:
            out.append(Text(own, Style(size, bold, self.t.lang), OWN_COLOUR))
        return out

    def value(self, text: str, size: float = 9, bold: bool = False) -> Text:
        return Text(text, content_style(text, size, bold))


def _heading(tx: _Texts, key: str) -> Pair:
    heading = tx.pair(key, 12, bold=True, space_after=5)
    heading.keepWithNext = True
    return heading


def _table(rows: list[list], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE_COLOUR),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL))
    table.setStyle(TableStyle(style))
    return table


def _story(data: PlanData, tx: _Texts, width: float) -> list[Flowable]:
    story: list[Flowable] = [tx.pair("plan.title", 17, bold=True, space_after=8)]
    label_w = 0.22 * width
    fields: list[tuple[str, list[Flowable]]] = [
        ("plan.person", [tx.value(data.person_name, 10, bold=True)]),
    ]
    if data.person_name_original.strip():
        fields.append(("plan.name_original", [tx.value(data.person_name_original, 10)]))
    fields += [("plan.record", [tx.value(data.record_number)]),
               ("plan.case_manager", [tx.value(data.case_manager)])]
    if data.perspective:
        fields.append(("plan.perspective", tx.both(f"perspective.{data.perspective}", 9.5,
                                                   bold=True)))
    fields += [("plan.start", [tx.value(format_date(data.start_date))]),
               ("plan.target", [tx.value(format_date(data.target_date))])]
    rows = []
    for key, value in fields:
        dutch, own = tx.t.pair(key)
        rows.append([Text(dutch, Style(8.5, False, "nl"), GREY),
                     Text(own or "", Style(8.5, False, tx.t.lang), OWN_COLOUR), value])
    story += [_table(rows, [label_w, label_w, width - 2 * label_w], header=False),
              Spacer(1, 8)]

    story.append(_heading(tx, "plan.goals"))
    if not data.goals:
        story.append(tx.pair("plan.no_goals", 9))
    col = [0.46 * width, 0.2 * width, 0.14 * width, 0.2 * width]
    for number, goal in enumerate(data.goals, 1):
        dutch, own = tx.t.pair(f"domain.{goal.domain}")
        d_goal, o_goal = tx.t.pair("plan.goal")
        title = Pair(f"{d_goal} {number} · {dutch}", f"{o_goal} {number} · {own or dutch}"
                     if tx.t.lang != "nl" else None, 10, tx.t.lang, bold=True, space_after=2)
        title.keepWithNext = True
        story.append(title)
        status_d, status_o = tx.t.pair(f"status.{goal.status}")
        when_d, when_o = tx.t.pair("plan.when")
        meta = Pair(f"{status_d} · {when_d}: {format_date(goal.due_date)}",
                    f"{status_o or status_d} · {when_o or when_d}: {format_date(goal.due_date)}"
                    if tx.t.lang != "nl" else None, 8, tx.t.lang, space_after=2)
        meta.keepWithNext = True
        story.append(meta)
        description = tx.value(goal.description, 9.5)
        description.space_after = 4
        if goal.actions:
            description.keepWithNext = True
        story.append(description)
        if goal.actions:
            head = [tx.both("plan.action", 8, True), tx.both("plan.who", 8, True),
                    tx.both("plan.when", 8, True), tx.both("plan.status", 8, True)]
            rows = [head]
            for action in goal.actions:
                who = tx.both(f"owner.{action.owner}", 8)
                if action.owner_name.strip():
                    who.append(tx.value(action.owner_name, 8))
                rows.append([tx.value(action.description, 8.5), who,
                             tx.value(format_date(action.due_date), 8.5),
                             tx.both(f"status.{action.status}", 8)])
            story.append(_table(rows, col))
        story.append(Spacer(1, 8))

    story.append(_heading(tx, "plan.evaluation_dates"))
    story.append(tx.pair("plan.evaluation_rule", 9))
    dates = evaluation_dates(data)
    story.append(Text("   ".join(format_date(d) for d in dates) or "—", Style(10, True, "nl"),
                      space_after=8))

    story.append(_heading(tx, "plan.evaluations"))
    if not data.evaluations:
        story.append(tx.pair("plan.no_evaluations", 9))
    else:
        head = [tx.both("plan.date", 8, True), tx.both("plan.judgement", 8, True),
                tx.both("plan.decision", 8, True), tx.both("plan.notes", 8, True)]
        rows = [head]
        for ev in data.evaluations:
            rows.append([tx.value(format_date(ev.date), 8.5),
                         tx.both(f"judgement.{ev.judgement}", 8) if ev.judgement else [],
                         tx.both(f"decision.{ev.decision}", 8) if ev.decision else [],
                         tx.value(ev.notes, 8.5)])
        story.append(_table(rows, [0.14 * width, 0.22 * width, 0.24 * width, 0.4 * width]))
    story.append(Spacer(1, 10))

    place_d, place_o = tx.t.pair("plan.place")
    date_d, date_o = tx.t.pair("plan.date")
    place_label = f"{place_d} / {place_o}" if place_o else place_d
    date_label = f"{date_d} / {date_o}" if date_o else date_d
    half = (width - 20) / 2

    def signer(key: str, name: str) -> list[Flowable]:
        label_d, label_o = tx.t.pair(key)
        block: list[Flowable] = [Rule(f"{label_d} / {label_o}" if label_o else label_d,
                                      Style(8, False, "nl"), space_before=34)]
        if name.strip():
            block.append(tx.value(name, 9))
        block.append(Text(f"{place_label}: {data.place}" if data.place.strip()
                          else place_label, Style(8.5, False, "nl"), space_after=2))
        block.append(Rule(date_label, Style(8, False, "nl"), 0.7, space_before=18))
        return block

    signatures = Table([[signer("plan.sign_person", data.person_name),
                         signer("plan.sign_case_manager", data.case_manager)]],
                       colWidths=[half + 10, half + 10], hAlign="LEFT")
    signatures.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                    ("RIGHTPADDING", (0, 0), (-1, -1), 20)]))
    story.append(KeepTogether([_heading(tx, "plan.signatures"),
                               tx.pair("plan.agreement", 9, space_after=4), signatures]))
    return story


def _canvas_class(data: PlanData, texts: Texts) -> type[Canvas]:
    """Pages held until the end, to print "page x of y" in both languages on each."""
    return numbered_canvas(lambda canvas, number, total: _footer(canvas, texts, data, number,
                                                                 total))


def _header(canvas: Canvas, texts: Texts, data: PlanData) -> None:
    width, height = A4
    left, right = MARGIN, width - MARGIN
    y = height - MARGIN + 2
    dutch, own = texts.pair("plan.title")
    canvas.saveState()
    canvas.setFillColor(GREY)
    who = " · ".join(p for p in (data.person_name, data.record_number) if p.strip())
    line = layout(f"{dutch} · {who}", Style(8, False, "nl"), (right - left) * 0.6)[0]
    draw_line(canvas, line, left, y)
    if own:
        line = layout(own, Style(8, False, texts.lang), (right - left) * 0.38)[0]
        draw_line(canvas, line, right - line.width, y)
    canvas.setStrokeColor(LINE_COLOUR)
    canvas.setLineWidth(0.5)
    canvas.line(left, y - 4, right, y - 4)
    canvas.restoreState()


def _footer(canvas: Canvas, texts: Texts, data: PlanData, number: int, total: int) -> None:
    width, _ = A4
    left, right = MARGIN, width - MARGIN
    y = MARGIN - 8
    dutch = texts.nl("plan.page").format(page=number, pages=total)
    printed = texts.nl("plan.printed").format(date=format_date(data.printed_on or date.today()))
    canvas.saveState()
    canvas.setFillColor(GREY)
    line = layout(f"{dutch} · {printed}", Style(8, False, "nl"), right - left)[0]
    draw_line(canvas, line, left, y)
    if texts.lang != "nl":
        own = texts.own("plan.page").format(page=number, pages=total)
        line = layout(own, Style(8, False, texts.lang), (right - left) / 2)[0]
        draw_line(canvas, line, right - line.width, y)
    canvas.restoreState()


def render_plan(data: PlanData) -> bytes:
    """The perspective plan as PDF bytes (A4, as many pages as it takes)."""
    texts = Texts(data.lang)
    tx = _Texts(texts)
    buffer = io.BytesIO()
    width, height = A4
    frame = Frame(MARGIN, MARGIN + 4, width - 2 * MARGIN, height - 2 * MARGIN - HEADER + 8,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc = BaseDocTemplate(buffer, pagesize=A4, title=f"{texts.nl('plan.title')} ({texts.lang})",
                          creator="Wegwijs", author="", subject="", pageCompression=1)
    doc.addPageTemplates([PageTemplate("page", [frame],
                                       onPage=lambda c, _d: _header(c, texts, data))])
    doc.build(_story(data, tx, frame._width), canvasmaker=_canvas_class(data, texts))
    texts.report("plan")
    return buffer.getvalue()
