"""Exports: coordinators only, logged, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from acting import acting
from openpyxl import load_workbook
from sqlalchemy import select

from app.errors import NotAllowed
from app.privacy import export
from app.services import persons, users
from app.store.models import AuditEvent
from app.vocabulary import UserRole

EVIL = ["=HYPERLINK(\"http://x\",\"y\")", "+31 6 1234", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


@pytest.fixture
def evil_person(store, user):
    with store.session() as db:
        manager = users.create_user(db, acting(db), "evil", "=cmd|' /C calc'!A0", "case_manager",
                                    "evil's password")
        persons.create_person(db, user, persons.PersonFields(
            given_names=EVIL[0], family_name="-cmd|' /C calc'!A0", name_original="@evil",
            nickname="=1+1", phone="+31 6 12345678", address="=IMPORTXML(x)\nline 2",
            case_manager_id=manager.id))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_no_formula_survives(store, user, evil_person, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    with store.session() as db:
        assert export.export(db, acting(db), fmt, out) == 1
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    else:
        sheet = load_workbook(out).active
        rows = [[c.value or "" for c in row] for row in sheet.iter_rows()]
        assert all(c.data_type == "s" for row in sheet.iter_rows(min_row=2) for c in row
                   if c.value)
    for row in rows[1:]:
        for cell in row:
            assert not str(cell).startswith(export.FORMULA_START), cell
    assert rows[1][1].startswith("'=HYPERLINK")
    with store.session() as db:
        assert db.scalar(select(AuditEvent).where(AuditEvent.action == "export")) is not None


def test_neutralise_every_start() -> None:
    for text in EVIL:
        assert export.neutralise(text).startswith("'")
    assert export.neutralise("Amina") == "Amina"
    assert export.neutralise("محمد") == "محمد"


@pytest.mark.parametrize("role", ["volunteer", "case_manager"])
def test_only_coordinators_export(store, tmp_path: Path, role: str) -> None:
    with pytest.raises(NotAllowed), store.session() as db:
        export.export(db, acting(db, UserRole(role), "not-a-coordinator"), "csv",
                      tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()
