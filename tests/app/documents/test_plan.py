"""The perspective plan read back from its PDF."""

from __future__ import annotations

import re
from datetime import date

from app.dates import add_months
from app.documents import PlanData, render_plan
from app.documents.plan import evaluation_dates


def test_arabic_plan_over_several_pages_with_header_and_numbers(docs) -> None:  # noqa: ANN001
    pdf = render_plan(docs.plan_data("ar", goals=8))
    with docs.open_pdf(pdf) as doc:
        pages = [docs.visual_text(page) for page in doc.pages]
        assert all((round(p.width), round(p.height)) == (595, 842) for p in doc.pages)
    total = len(pages)
    assert total >= 3
    for number, lines in enumerate(pages, 1):
        text = "\n".join(lines)
        assert "Perspectiefplan · Ahmad Yusuf · W-0042" in text  # header on every page
        assert "لبقتسملا ةطخ" in text  # خطة المستقبل, in visual order
        assert f"Pagina {number} van {total}" in text
        assert f"{total} نم {number} ةحفص" in text  # صفحة n من N, right to left
    everything = "\n".join("\n".join(p) for p in pages)
    assert "ءاقللا" not in everything  # no stray reversed Latin; sanity
    assert "Handtekening deelnemer" in everything and "Handtekening casemanager" in everything
    assert "Plaats" in everything and "Haarlem" in everything
    assert "15-01-2025" in everything and "15-07-2026" in everything


def test_no_heading_is_left_at_the_bottom_of_a_page(docs) -> None:  # noqa: ANN001
    pdf = render_plan(docs.plan_data("nl", goals=8))
    with docs.open_pdf(pdf) as doc:
        pages = [docs.visual_text(page) for page in doc.pages]
    assert len(pages) >= 3
    for lines in pages[:-1]:
        body = [line for line in lines if not line.startswith("Pagina")]
        assert not re.match(r"^Doel \d+ · ", body[-1]), body[-3:]
        assert body[-1] not in ("Doelen en acties", "Handtekeningen", "Laatste evaluaties",
                                "Afgesproken evaluatiedata")


def test_evaluation_dates_at_least_every_six_months() -> None:
    data = PlanData(lang="nl", person_name="X", start_date=date(2025, 1, 1),
                    target_date=date(2027, 1, 1), evaluation_dates=[date(2025, 4, 1)])
    dates = evaluation_dates(data)
    assert dates[0] == date(2025, 4, 1)
    previous = data.start_date
    for d in dates:
        assert d <= add_months(previous, 6)
        previous = d
    assert add_months(dates[-1], 6) > data.target_date


def test_plan_in_tigrinya_and_persian(docs) -> None:  # noqa: ANN001
    for lang, phrase in (("ti", "መደብ መጻኢ"), ("fa", "زادنا‌مشچ همانرب")):
        with docs.open_pdf(render_plan(docs.plan_data(lang, goals=2))) as doc:
            text = "\n".join(docs.visual_text(doc.pages[0]))
        assert phrase.replace("\u200c", "") in text.replace("\u200c", ""), lang
