"""Exports of the person list to CSV and XLSX, for coordinators, logged.

Every cell that a spreadsheet could read as a formula (starting with = + - @, a tab or a
carriage return) is neutralised with a leading apostrophe, so a name typed as
``=HYPERLINK(...)`` stays text in Excel and LibreOffice.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.access.permissions import Permission, require
from app.countries import country_name
from app.dates import PartialDate
from app.errors import InvalidInput
from app.files import write_atomic
from app.i18n import _
from app.services import audit
from app.store.models import Person, PerspectivePlan
from app.vocabulary import PlanStatus, UserRole

FORMATS = ("csv", "xlsx")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ("record_number", "given_names", "family_name", "name_original", "nickname",
           "birth_date", "sex", "nationality", "status", "v_number", "phone", "address",
           "document_language", "case_manager", "perspective", "next_evaluation")


def neutralise(value: object) -> str:
    """Text for a cell that no spreadsheet will execute."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def rows(db: Session) -> Iterator[list[str]]:
    """The header, then one row per person, every cell neutralised."""
    yield list(COLUMNS)
    stmt = (select(Person).order_by(Person.record_number)
            .options(selectinload(Person.case_manager), selectinload(Person.plans)))
    for person in db.scalars(stmt).yield_per(500):
        plan: PerspectivePlan | None = next(
            (p for p in reversed(person.plans) if p.status != PlanStatus.ENDED), None)
        born = PartialDate.from_iso(person.birth_date)
        values = [person.record_code, person.given_names, person.family_name,
                  person.name_original, person.nickname, born.display() if born else "",
                  person.sex.value, country_name(person.nationality, "en"), person.status.value,
                  person.v_number or "", person.phone, person.address, person.document_language,
                  person.case_manager.display_name if person.case_manager else "",
                  plan.perspective.value if plan else "",
                  plan.evaluation_due_on.isoformat() if plan and plan.evaluation_due_on else ""]
        yield [neutralise(v) for v in values]


def export(db: Session, by: uuid.UUID | None, role: UserRole | None, fmt: str, out: Path) -> int:
    """Write all people to ``out``; returns the number of people written.

    Raises:
        NotAllowed: the role may not export.
        InvalidInput: unknown format.
        WegwijsError: the file cannot be written (nothing half-written is left behind).
    """
    require(role, Permission.EXPORT)
    if fmt not in FORMATS:
        raise InvalidInput({"format": _("Export as csv or xlsx.")})
    table = list(rows(db))
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows(table)
        data = buffer.getvalue().encode("utf-8-sig")
    else:
        data = _xlsx(table)
    write_atomic(out, data)
    audit.record(db, by, "export", "persons", None, detail=f"{fmt}:{len(table) - 1}")
    return len(table) - 1


def _xlsx(table: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Wegwijs")
    for row in table:
        sheet.append(row)  # all str: openpyxl would still read "=..." as a formula, hence neutralise
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
