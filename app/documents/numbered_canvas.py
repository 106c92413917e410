"""A canvas that keeps its pages until the end, so each page can say "page x of y"."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas

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
