"""The overview's PDF read back: labels whole, bars only for counts, "<5" instead of an empty
bar, the median in days apart from the counts, Dutch in the Dutch report, and the office,
the date and "page x of y" on every page."""

from __future__ import annotations

import io
from datetime import date

import pdfplumber
import pytest

from app import demo
from app.i18n import interface_language, set_interface_language
from app.privacy import report
from app.privacy.report import Report, Table
from app.questionnaire.aggregate import SUPPRESSED

LONG = "Achterstallig aan het eind van de periode, ook als de evaluatie al gepland was"


@pytest.fixture
def dutch():  # noqa: ANN201
    before = interface_language()
    set_interface_language("nl")
    yield
    set_interface_language(before)


def _pages(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [page.extract_text() or "" for page in doc.pages]


def _bars(pdf: bytes) -> list[dict]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [r for page in doc.pages for r in page.rects
                if r["non_stroking_color"] and r["height"] < 12]


def test_long_labels_whole_and_suppressed_values_not_drawn(dutch) -> None:  # noqa: ANN001
    data = Report(date(2026, 1, 1), date(2026, 12, 31), [
        Table("Evaluaties", [("Op tijd gehouden", 12), ("Te laat gehouden", SUPPRESSED),
                             (LONG, 7)])], office="Stem in de Stad", made_on=date(2027, 1, 5))
    pdf = report.render_pdf(data)
    text = " ".join(" ".join(_pages(pdf)).split())
    assert LONG in text.replace(" 7 ", " ")  # wrapped (the value beside it), never cut off
    assert "<5" in text and "niet getekend: minder dan 5" in text
    assert "het precieze aantal staat er niet" in text
    bars = _bars(pdf)
    assert len(bars) == 2  # 12 and 7; none for "<5"
    widths = sorted(b["width"] for b in bars)
    assert widths[0] == pytest.approx(widths[1] * 7 / 12, rel=0.01)


def test_every_page_has_office_date_and_number(dutch) -> None:  # noqa: ANN001
    tables = [Table(f"Tabel {n}", [(f"Regel {i}", 5 + i) for i in range(8)]) for n in range(12)]
    pdf = report.render_pdf(Report(date(2026, 1, 1), date(2026, 6, 30), tables,
                                   office="Stem in de Stad", made_on=date(2026, 7, 2)))
    pages = _pages(pdf)
    assert len(pages) >= 2
    for number, text in enumerate(pages, 1):
        assert f"Pagina {number} van {len(pages)}" in text
        assert "Stem in de Stad" in text and "Gemaakt op 02-07-2026" in text
        assert "01-01-2026 – 30-06-2026" in text


def test_dutch_report_from_demo_data(sqlite_store, dutch) -> None:  # noqa: ANN001
    demo.generate(sqlite_store, 80, seed=3, today=date(2026, 11, 1))
    with sqlite_store.session() as db:
        data = report.build(db, date(2025, 1, 1), date(2026, 11, 1))
    median = [t for t in data.tables if any(label == "Mediaan (dagen)" for label, _v in t.rows)]
    assert median and all(len(t.rows) == 1 and not t.chart for t in median)
    text = " ".join(_pages(report.render_pdf(data)))
    assert "Short intake" not in text and ": complete" not in text
    assert "Korte intake: afgerond" in text or "Korte intake: niet afgerond" in text
    assert "Anoniem overzicht" in text
