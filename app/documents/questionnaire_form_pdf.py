"""A blank intake questionnaire on paper (A4): ``render_form(FormData) -> PDF bytes``.

Each question is numbered as on the screen, Dutch beside the person's language, with a box
to tick for each answer (on both sides when the person's language is written right to left)
and lines to write on; a question that applies only after a certain answer says so. Every
page carries the title, "page x of y" and a line for the record number, so loose pages can be
matched and typed in later.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
)

from app.documents.catalogue import Texts
from app.documents.model import Both, FormData, FormQuestion
from app.documents.numbered_canvas import numbered_canvas, render_a4
from app.documents.pdftext import draw_line
from app.documents.plan_flowables import GREY, OWN_COLOUR, Pair, Text
from app.documents.shaping import Style, layout

MARGIN = 16 * mm
HEADER = 14 * mm
BOX = 4.2 * mm
LINE_COLOUR = HexColor("#888888")
RTL = frozenset({"ar", "fa", "ps", "ckb"})


def _pair(text: Both, lang: str, size: float, bold: bool = False,
          space_after: float = 2) -> Pair:
    return Pair(text.dutch, text.own if lang != "nl" else None, size, lang, bold, space_after)


class Indented(Flowable):
    """A flowable moved right by ``indent`` (the answers under their question)."""

    def __init__(self, inner: Flowable, indent: float) -> None:
        super().__init__()
        self.inner, self.indent = inner, indent

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        _, h = self.inner.wrap(availWidth - self.indent, availHeight)
        self.width, self.height = availWidth, h
        return self.width, self.height

    def draw(self) -> None:
        self.inner.drawOn(self.canv, self.indent, 0)


class Choice(Flowable):
    """A box to tick and the answer in both languages (a second box at the right edge when
    the person's language runs right to left)."""

    def __init__(self, text: Both, lang: str, size: float = 9.5) -> None:
        super().__init__()
        self.lang = lang
        self.both = lang in RTL and bool(text.own)
        self.pair = _pair(text, lang, size, space_after=0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        gap = BOX + 2.5 * mm
        inner = availWidth - gap - (gap if self.both else 0)
        _, h = self.pair.wrap(inner, availHeight)
        self.width, self.height = availWidth, max(h, BOX + 1) + 3
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        top = self.height - 3
        canvas.setStrokeColor(LINE_COLOUR)
        canvas.setLineWidth(0.8)
        y = top - BOX - 0.5
        canvas.rect(0, y, BOX, BOX)
        if self.both:
            canvas.rect(self.width - BOX, y, BOX, BOX)
        self.pair.drawOn(canvas, BOX + 2.5 * mm, top - self.pair.height)


class WriteLine(Flowable):
    """A line to write on; ``width_fraction`` of the width, ``before`` the text in front."""

    def __init__(self, before: str = "", width_fraction: float = 1.0, height: float = 22,
                 lang: str = "nl") -> None:
        super().__init__()
        self.before = Text(before, Style(9, False, lang), GREY) if before else None
        self.fraction, self.line_height = width_fraction, height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width, self.height = availWidth, self.line_height
        if self.before:
            _, h = self.before.wrap(availWidth * 0.45, availHeight)
            self.height = max(self.line_height, h + 4)
        return self.width, self.height

    def draw(self) -> None:
        start = 0.0
        if self.before:
            self.before.drawOn(self.canv, 0, 2)
            start = max(line.width for line in self.before._layout(self.width * 0.45)) + 4
        self.canv.setStrokeColor(LINE_COLOUR)
        self.canv.setLineWidth(0.6)
        self.canv.line(start, 2, self.width * self.fraction, 2)


def _answers(q: FormQuestion, form: FormData, words: Texts) -> list[Flowable]:
    lang = form.lang
    out: list[Flowable] = []
    hint = {"choose_one": "form.choose_one", "choose_more": "form.choose_more",
            "date": "form.date_hint"}.get(q.kind)
    if hint:
        d, o = words.pair(hint)
        pair = _pair(Both(d, o), lang, 7.5, space_after=2)
        pair.left.colour = GREY
        if pair.right:
            pair.right.colour = GREY
        out.append(pair)
    if q.kind in ("choose_one", "choose_more"):
        out += [Choice(c, lang) for c in q.choices]
    elif q.kind == "line":
        out.append(WriteLine())
    elif q.kind == "lines":
        out += [WriteLine() for _ in range(4)]
    elif q.kind == "date":
        out.append(WriteLine("__ - __ - ____", 0.45))
    elif q.kind == "number":
        out.append(WriteLine("", 0.25))
    elif q.kind == "languages":
        d, o = words.pair("form.language")
        for _n in range(3):
            out.append(WriteLine(f"{d} / {o}" if o else d, 0.6, 20))
            out += [Indented(Choice(level, lang, 8.5), 12 * mm) for level in form.reading_levels]
    return out


def _question(q: FormQuestion, form: FormData, words: Texts, width: float) -> list[Flowable]:
    lang = form.lang
    number = Text(f"{q.number}.", Style(10.5, True, "nl"))
    parts: list[Flowable] = [_pair(q.text, lang, 10.5, bold=True, space_after=2)]
    if q.only_if:
        pair = _pair(q.only_if, lang, 8, space_after=2)
        pair.left.colour = OWN_COLOUR
        parts.insert(0, pair)
    if q.help:
        pair = _pair(q.help, lang, 8, space_after=2)
        pair.left.colour = GREY
        parts.append(pair)
    parts += _answers(q, form, words)
    indent = 9 * mm
    return [Numbered(number, parts, indent), Spacer(1, 7)]


class Numbered(Flowable):
    """The question's number in the margin, its parts beside it."""

    def __init__(self, number: Text, parts: list[Flowable], indent: float) -> None:
        super().__init__()
        self.number, self.parts, self.indent = number, parts, indent

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = sum(p.wrap(availWidth - self.indent, availHeight)[1] for p in self.parts)
        self.number.wrap(self.indent, availHeight)
        return self.width, self.height

    def draw(self) -> None:
        y = self.height
        self.number.drawOn(self.canv, 0, y - self.number.height - 0.5)
        for part in self.parts:
            y -= part.height
            part.drawOn(self.canv, self.indent, y)


def _story(form: FormData, words: Texts, width: float) -> list[Flowable]:
    lang = form.lang
    story: list[Flowable] = [_pair(form.title, lang, 17, True, 4)]
    d, o = words.pair("form.intro")
    story.append(_pair(Both(d, o), lang, 9, space_after=8))
    for key in ("plan.person", "plan.record", "plan.date", "form.volunteer", "plan.interpreter"):
        d, o = words.pair(key)
        story.append(WriteLine(f"{d} / {o}" if o else d, 1.0, 22))
    story.append(Spacer(1, 10))
    for section in form.sections:
        head: list[Flowable] = [_pair(section.title, lang, 13, True, 3)]
        if section.only_if:
            head.append(_pair(section.only_if, lang, 8.5, space_after=2))
        if section.help:
            head.append(_pair(section.help, lang, 8.5, space_after=2))
        first = section.questions[0] if section.questions else None
        story.append(KeepTogether([*head, Spacer(1, 4)] + (
            _question(first, form, words, width) if first else [])))
        story += [KeepTogether(_question(q, form, words, width))
                  for q in section.questions[1:]]
        story.append(Spacer(1, 8))
    return story


def _decorate(form: FormData, words: Texts):  # noqa: ANN202
    width, height = A4
    left, right = MARGIN, width - MARGIN

    def decorate(canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setFillColor(GREY)
        y = height - MARGIN + 2
        page = words.nl("plan.page").format(page=number, pages=total)
        line = layout(f"{form.title.dutch} · {page}", Style(8, False, "nl"),
                      (right - left) * 0.55)[0]
        draw_line(canvas, line, left, y)
        if form.lang != "nl":
            own = f"{form.title.own or form.title.dutch} · " \
                  f"{words.own('plan.page').format(page=number, pages=total)}"
            line = layout(own, Style(8, False, form.lang), (right - left) * 0.42)[0]
            draw_line(canvas, line, right - line.width, y)
        canvas.setStrokeColor(LINE_COLOUR)
        canvas.setLineWidth(0.5)
        canvas.line(left, y - 4, right, y - 4)
        record = words.nl("plan.record")
        line = layout(f"{record}: ____________   ·   {form.questionnaire_id} v{form.version}",
                      Style(8, False, "nl"), right - left)[0]
        draw_line(canvas, line, left, MARGIN - 8)
        canvas.restoreState()

    return decorate


def render_form(form: FormData) -> bytes:
    """The blank questionnaire as PDF bytes (A4, as many pages as it takes)."""
    words = Texts(form.lang)
    pdf = render_a4(f"{form.title.dutch} ({form.lang})", lambda width: _story(form, words, width),
                    numbered_canvas(_decorate(form, words)), margin=MARGIN, header=HEADER - 6)
    words.report("blank questionnaire")
    return pdf
