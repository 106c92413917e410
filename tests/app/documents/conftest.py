"""Shared data and PDF readers for the document tests."""

from __future__ import annotations

import io
from datetime import date
from types import SimpleNamespace

import pdfplumber
import pytest
from document_samples import NINE

from app.documents import (
    CardContact,
    CardData,
    Office,
    PlanAction,
    PlanData,
    PlanEvaluation,
    PlanGoal,
)

OFFICE = Office("Stem in de Stad", "Zijlsingel 8, 2013 DN Haarlem", "023-532 4567",
                "ma-vr 10:00-16:00", "info@stem.example", "www.stem.example")
CONTACTS = [
    CardContact("case_manager", "Stem in de Stad", "Fatima El Amrani", "06-1234 5678",
                purpose_key="purpose.case_manager"),
    CardContact("legal_aid", "ASKV Steunpunt Vluchtelingen", "mr. J. de Vries", "020-627 7131",
                "Van Ostadestraat 233, Amsterdam", "di, do 10-13", purpose_key="purpose.legal_aid"),
    CardContact("gp", "Gezondheidscentrum Schalkwijk", "", "023-533 1234",
                "Floris van Adrichemlaan 2, Haarlem", "ma-vr 8-17", purpose_key="purpose.gp"),
    CardContact("gp_post", "Huisartsenpost Kennemerland", "", "023-890 2345",
                purpose_key="purpose.gp_post"),
    CardContact("pharmacy", purpose_key="purpose.pharmacy", blank=True),
    CardContact("shelter", "Bed-bad-brood Haarlem", "", "023-542 1111", "Spaarne 1",
                "21:00-09:00", purpose_key="purpose.shelter"),
]


def nine_data(lang: str, **kw) -> CardData:  # noqa: ANN003
    """A full card: the office with its hours as data, nine contacts, the name shown in Latin
    letters and in the person's own script."""
    from app.opening_hours import parse

    office = Office(OFFICE.name, OFFICE.address, OFFICE.phone, "ma-vr 10:00-16:00; za 10-14",
                    OFFICE.email, OFFICE.website, opening=parse("ma-vr 10:00-16:00; za 10-14"))
    values = dict(lang=lang, office=office, contacts=list(NINE), person_name="Ahmad Yusuf",
                  person_name_original="أحمد يوسف", record_number="W-00042")
    values.update(kw)
    return CardData(**values)


def card_data(lang: str, **kw) -> CardData:  # noqa: ANN003
    values = dict(lang=lang, office=OFFICE, contacts=list(CONTACTS), person_name="Ahmad Yusuf",
                  record_number="W-0042")
    values.update(kw)
    return CardData(**values)


def plan_data(lang: str, goals: int = 3) -> PlanData:
    return PlanData(
        lang=lang, person_name="Ahmad Yusuf", person_name_original="أحمد يوسف",
        record_number="W-0042", case_manager="Fatima El Amrani", perspective="legal_residence",
        start_date=date(2025, 1, 15), target_date=date(2026, 7, 15),
        goals=[PlanGoal(
            domain=d, description=f"Doel {i + 1}: een lange beschrijving van wat we samen willen "
                                  f"bereiken, met de stappen die daarbij horen.",
            status="in_progress", due_date=date(2025, 6, 1),
            actions=[PlanAction(f"Actie {i + 1}.{j + 1}: afspraak maken en documenten meenemen",
                                o, "J. de Vries" if o == "legal_aid" else "",
                                date(2025, 3, j + 1), "open")
                     for j, o in enumerate(("person", "case_manager", "legal_aid"))])
            for i, d in zip(range(goals), ["legal", "language", "volunteering", "health",
                                           "course", "housing", "self_reliance", "other"] * 3,
                            strict=False)],
        evaluation_dates=[date(2025, 7, 15), date(2026, 1, 15), date(2026, 7, 15)],
        evaluations=[PlanEvaluation(date(2025, 4, 1), "yes", "continue", "Goed bezig.")],
        place="Haarlem", printed_on=date(2025, 5, 1))


def open_pdf(pdf: bytes) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(pdf))


def visual_lines(page) -> list[list[dict]]:  # noqa: ANN001
    """The page's characters as lines: same baseline, sorted left to right, and split where a
    gap wider than a few spaces separates columns."""
    chars = sorted(page.chars, key=lambda c: -c["matrix"][5])
    rows: list[list[dict]] = []
    for ch in chars:
        if rows and abs(rows[-1][0]["matrix"][5] - ch["matrix"][5]) < 1.5:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    lines: list[list[dict]] = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        current = [row[0]]
        for ch in row[1:]:
            if ch["x0"] - current[-1]["x1"] > 2.5 * ch["size"]:
                lines.append(current)
                current = [ch]
            else:
                current.append(ch)
        lines.append(current)
    return lines


def visual_text(page) -> list[str]:  # noqa: ANN001
    return ["".join(c["text"] for c in line) for line in visual_lines(page)]


@pytest.fixture
def docs() -> SimpleNamespace:
    """Helpers for the tests (test modules cannot import this conftest by name)."""
    return SimpleNamespace(card_data=card_data, nine_data=nine_data, nine=NINE,
                           plan_data=plan_data, open_pdf=open_pdf,
                           visual_lines=visual_lines, visual_text=visual_text,
                           contacts=CONTACTS, office=OFFICE)
