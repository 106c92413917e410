"""The bilingual perspective plan (A4): ``render_plan(PlanData) -> PDF bytes``.

Dutch beside the person's language (two columns) for every printed label; what volunteers
typed (goals, actions, notes) is printed once, as typed, in its own direction. A header on each
page, "page x of y" in both languages, headings kept with what follows them, evaluation dates
at least every six months, and signature lines for the person and the case manager with date
and place.
"""

from __future__ import annotations

from datetime import date, timedelta

from reportlab.lib.colors import HexColor
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

from app.dates import add_months
from app.documents.catalogue import Texts, canonical
from app.documents.model import PlanData, PlanGoal
from app.documents.numbered_canvas import numbered_canvas, render_a4
from app.documents.pdftext import draw_line
from app.documents.plan_flowables import (
    GREY,
    OWN_COLOUR,
    Pair,
    Rule,
    Text,
    Translated,
    content_style,
)
from app.documents.shaping import Style, layout

MARGIN = 18 * mm
HEADER = 16 * mm
EVALUATION_MONTHS = 6
LINE_COLOUR = HexColor("#bbbbbb")
HEAD_FILL = HexColor("#eef1f5")
PASSED_COLOUR = HexColor("#b00020")


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


def _translated(data: PlanData, tx: _Texts, text: str, size: float) -> list[Flowable]:
    """The interpreter's text in the person's language, under the Dutch, marked by a bar in
    the margin (the note above the goals says who typed it); nothing when the plan is printed
    in another language than the one the interpreter typed."""
    if not text.strip() or not _shows_translations(data, tx):
        return []
    return [Translated(text, Style(size, False, tx.t.lang))]


def _shows_translations(data: PlanData, tx: _Texts) -> bool:
    return tx.t.lang != "nl" and canonical(data.translation_language) == tx.t.lang


def _fields(data: PlanData, tx: _Texts, width: float) -> list[Flowable]:
    label_w = 0.22 * width
    fields: list[tuple[str, list[Flowable]]] = [
        ("plan.person", [tx.value(data.person_name, 10, bold=True)]),
    ]
    if data.person_name_original.strip():
        fields.append(("plan.name_original", [tx.value(data.person_name_original, 10)]))
    fields += [("plan.record", [tx.value(data.record_number)]),
               ("plan.case_manager", [tx.value(data.case_manager)])]
    if data.interpreter_name.strip():
        fields.append(("plan.interpreter", [tx.value(data.interpreter_name)]))
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
    return [_table(rows, [label_w, label_w, width - 2 * label_w], header=False),
            Spacer(1, 8)]


def passed_dates(data: PlanData, dates: list[date]) -> set[date]:
    """Evaluation dates that lie before the print date with no evaluation held since (a
    month's grace before the date counts as held for it)."""
    today = data.printed_on or date.today()
    held = [ev.date for ev in data.evaluations if ev.date is not None]
    return {d for d in dates if d < today
            and not any(h >= d - timedelta(days=31) for h in held)}


def _evaluation_part(data: PlanData, tx: _Texts, width: float) -> list[Flowable]:
    story: list[Flowable] = [_heading(tx, "plan.evaluation_dates"),
                             tx.pair("plan.evaluation_rule", 9)]
    dates = evaluation_dates(data)
    passed = passed_dates(data, dates)
    plain = [d for d in dates if d not in passed]
    if passed:
        mark_d, mark_o = tx.t.pair("plan.evaluation_passed")
        rows = [[Text(format_date(d), Style(10, True, "nl"), PASSED_COLOUR),
                 Text(mark_d, Style(9, True, "nl"), PASSED_COLOUR),
                 Text(mark_o or "", Style(9, True, tx.t.lang), PASSED_COLOUR)]
                for d in sorted(passed)]
        table = Table(rows, colWidths=[0.22 * width, 0.39 * width, 0.39 * width],
                      hAlign="LEFT")
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
        story.append(table)
    story.append(Text("   ".join(format_date(d) for d in plain) or ("" if passed else "—"),
                      Style(10, True, "nl"), space_after=8))

    story += [Spacer(1, 6), _heading(tx, "plan.evaluations")]
    if not data.evaluations:
        story.append(tx.pair("plan.no_evaluations", 9, space_after=8))
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
        story.append(Spacer(1, 8))
    return story


def _goal(data: PlanData, tx: _Texts, number: int, goal: PlanGoal, width: float
          ) -> list[Flowable]:
    col = [0.46 * width, 0.2 * width, 0.14 * width, 0.2 * width]
    part: list[Flowable] = []
    dutch, own = tx.t.pair(f"domain.{goal.domain}")
    d_goal, o_goal = tx.t.pair("plan.goal")
    title = Pair(f"{d_goal} {number} · {dutch}", f"{o_goal} {number} · {own or dutch}"
                 if tx.t.lang != "nl" else None, 10, tx.t.lang, bold=True, space_after=2)
    title.keepWithNext = True
    part.append(title)
    status_d, status_o = tx.t.pair(f"status.{goal.status}")
    when_d, when_o = tx.t.pair("plan.when")
    meta = Pair(f"{status_d} · {when_d}: {format_date(goal.due_date)}",
                f"{status_o or status_d} · {when_o or when_d}: {format_date(goal.due_date)}"
                if tx.t.lang != "nl" else None, 8, tx.t.lang, space_after=2)
    meta.keepWithNext = True
    part.append(meta)
    description = tx.value(goal.description, 9.5)
    translated = _translated(data, tx, goal.description_translated, 9.5)
    description.space_after = 2 if translated else 4
    description.keepWithNext = True
    part.append(description)
    for flowable in translated:
        flowable.space_after = 4
        flowable.keepWithNext = bool(goal.actions)
        part.append(flowable)
    if goal.actions:
        head = [tx.both("plan.action", 8, True), tx.both("plan.who", 8, True),
                tx.both("plan.when", 8, True), tx.both("plan.status", 8, True)]
        rows = [head]
        for action in goal.actions:
            who = tx.both(f"owner.{action.owner}", 8)
            if action.owner_name.strip():
                who.append(tx.value(action.owner_name, 8))
            what: list[Flowable] = [tx.value(action.description, 8.5)]
            what += _translated(data, tx, action.description_translated, 8.5)
            rows.append([what, who, tx.value(format_date(action.due_date), 8.5),
                         tx.both(f"status.{action.status}", 8)])
        part.append(_table(rows, col))
    part += _follow_ups(tx, goal, width)
    part.append(Spacer(1, 8))
    return part


def _follow_ups(tx: _Texts, goal: PlanGoal, width: float) -> list[Flowable]:
    """The goal's appointments and reminders: when, what, who follows it up, done."""
    if not goal.follow_ups:
        return []
    rows = [[tx.both("plan.appointments", 8, True), tx.both("plan.who", 8, True),
             tx.both("plan.when", 8, True), tx.both("plan.status", 8, True)]]
    for item in goal.follow_ups:
        rows.append([tx.value(item.description, 8.5), tx.value(item.owner, 8),
                     tx.value(format_date(item.due_on), 8.5),
                     tx.both("status.done", 8) if item.done_on else []])
    table = _table(rows, [0.46 * width, 0.2 * width, 0.14 * width, 0.2 * width])
    return [Spacer(1, 4), table]


def _signatures(data: PlanData, tx: _Texts, width: float) -> list[Flowable]:
    place_d, place_o = tx.t.pair("plan.place")
    date_d, date_o = tx.t.pair("plan.date")
    place_label = f"{place_d} / {place_o}" if place_o else place_d
    date_label = f"{date_d} / {date_o}" if date_o else date_d
    interpreter = tx.t.lang != "nl" or bool(data.interpreter_name.strip())
    columns = 3 if interpreter else 2
    gap = 14
    cell = (width - gap * (columns - 1)) / columns

    def signer(key: str, name: str) -> list[Flowable]:
        label_d, label_o = tx.t.pair(key)
        block: list[Flowable] = [Rule(label_d, Style(8, False, "nl"), space_before=30)]
        if label_o:
            block.append(Text(label_o, Style(8, False, tx.t.lang), GREY))
        if name.strip():
            block.append(tx.value(name, 9))
        block.append(Text(f"{place_label}: {data.place}" if data.place.strip()
                          else place_label, Style(8, False, "nl"), space_after=2))
        block.append(Rule(date_label, Style(8, False, "nl"), 0.8, space_before=16))
        return block

    cells = [signer("plan.sign_person", data.person_name),
             signer("plan.sign_case_manager", data.case_manager)]
    if interpreter:
        cells.append(signer("plan.sign_interpreter", data.interpreter_name))
    signatures = Table([cells], colWidths=[cell + gap] * (columns - 1) + [cell],
                       hAlign="LEFT")
    signatures.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                    ("RIGHTPADDING", (0, 0), (-1, -1), gap),
                                    ("RIGHTPADDING", (-1, 0), (-1, 0), 0)]))
    return [_heading(tx, "plan.signatures"), tx.pair("plan.agreement", 9, space_after=4),
            signatures]


def _story(data: PlanData, tx: _Texts, width: float) -> list[Flowable]:
    """Title, the plan's facts, the evaluation dates, the goals, and the signatures kept on
    the page of the last goal (a signature never stands alone on a page)."""
    story: list[Flowable] = [tx.pair("plan.title", 17, bold=True, space_after=8)]
    story += _fields(data, tx, width)
    story += _evaluation_part(data, tx, width)
    story += [Spacer(1, 6), _heading(tx, "plan.goals")]
    if _shows_translations(data, tx) and any(
            g.description_translated.strip() or any(a.description_translated.strip()
                                                   for a in g.actions) for g in data.goals):
        note_d, note_o = tx.t.pair("plan.translation_note")
        name = data.interpreter_name.strip() or "—"
        note = Pair(note_d.format(name=name), (note_o or note_d).format(name=name), 8,
                    tx.t.lang, space_after=10)
        note.keepWithNext = True
        story.append(note)
    if not data.goals:
        story.append(KeepTogether([tx.pair("plan.no_goals", 9, space_after=8),
                                   *_signatures(data, tx, width)]))
        return story
    for number, goal in enumerate(data.goals[:-1], 1):
        story += _goal(data, tx, number, goal, width)
    story.append(KeepTogether(_goal(data, tx, len(data.goals), data.goals[-1], width)
                              + _signatures(data, tx, width)))
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
    pdf = render_a4(f"{texts.nl('plan.title')} ({texts.lang})",
                    lambda width: _story(data, tx, width), _canvas_class(data, texts),
                    margin=MARGIN, header=HEADER - 8,
                    on_page=lambda canvas, _doc: _header(canvas, texts, data))
    texts.report("plan")
    return pdf
