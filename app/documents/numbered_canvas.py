"""A canvas that keeps its pages until the end, so each page can say "page x of y"; and the
A4 document the plan, the record, the access letter and the blank questionnaire flow into."""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from app.documents.fonts import Family, face

PageDecoration = Callable[[Canvas, int, int], None]


def numbered_canvas(decorate: PageDecoration) -> type[Canvas]:
    """A canvas class whose pages get ``decorate(canvas, number, total)`` before saving."""
    sans = face(Family.SANS).name

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            kwargs.setdefault("initialFontName", sans)
            kwargs.setdefault("initialFontSize", 8)
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                decorate(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def render_a4(title: str, story: Callable[[float], list[Flowable]],
              canvasmaker: type[Canvas], *, margin: float, header: float,
              on_page: Callable[[Canvas, BaseDocTemplate], None] | None = None) -> bytes:
    """PDF bytes: ``story(width)`` flowed through one body frame per A4 page, inside ``margin``
    and below a band ``header`` high; ``canvasmaker`` (a :func:`numbered_canvas`) draws what
    every page carries, ``on_page`` what is drawn before the body."""
    buffer = io.BytesIO()
    width, height = A4
    frame = Frame(margin, margin + 4, width - 2 * margin, height - 2 * margin - header,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc = BaseDocTemplate(buffer, pagesize=A4, title=title, creator="Wegwijs", author="",
                          subject="", pageCompression=1)
    template = (PageTemplate("page", [frame]) if on_page is None
                else PageTemplate("page", [frame], onPage=on_page))
    doc.addPageTemplates([template])
    doc.build(story(frame._width), canvasmaker=canvasmaker)
    return buffer.getvalue()
