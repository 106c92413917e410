"""The anonymous overview: counts only, small counts hidden, no names in the files."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pdfplumber
from openpyxl import load_workbook
from sqlalchemy import select

from app import demo
from app.privacy import report
from app.questionnaire.aggregate import SUPPRESSED
from app.services import persons, plans
from app.store.models import Person


def test_small_counts_are_hidden(store, user) -> None:
    with store.session() as db:
        for i in range(7):
            pid = persons.create_person(db, user, persons.PersonFields(given_names=f"P{i}")).id
            plans.create_plan(db, user, pid, plans.PlanFields(
                perspective="return" if i < 6 else "onward_migration", start_date="01-03-2026"))
        data = report.build(db, date(2026, 1, 1), date(2026, 12, 31))
    table = next(t for t in data.tables if t.title == "Perspectives of new plans")
    # The 1 is hidden, and so is the 6: with the total known, it would give the 1 away.
    assert dict(table.rows) == {"Return": SUPPRESSED, "Onward migration": SUPPRESSED}
    for t in data.tables:
        for _label, value in t.rows:
            assert value == SUPPRESSED or value == 0 or value >= 5 or _label.startswith("Median")


def test_files_hold_no_names(sqlite_store, tmp_path: Path) -> None:
    demo.generate(sqlite_store, 60, seed=2, today=date(2026, 11, 1))
    with sqlite_store.session() as db:
        names = {p.family_name for p in db.scalars(select(Person))}
        data = report.build(db, date(2025, 1, 1), date(2026, 11, 1))
    pdf = report.render_pdf(data)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
    assert "Intakes" in text and "Short intake: complete" in text
    out = tmp_path / "r.xlsx"
    report.write(data, out)
    cells = " ".join(str(c.value) for row in load_workbook(out).active.iter_rows() for c in row)
    for name in names:
        assert name not in text and name not in cells
    assert "W-0" not in text and "W-0" not in cells
