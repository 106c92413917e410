"""Exports of the person list to CSV and XLSX, for coordinators, logged.

Every cell that a spreadsheet could read as a formula is neutralised with a leading
apostrophe, so a name typed as ``=HYPERLINK(...)`` stays text in Excel and LibreOffice: a cell
that starts with a formula character (= + - @, a tab, a carriage return, or their full-width
forms), and every place in a cell where one follows a separator a spreadsheet might split on
(, ; tab | or a line end), because a spreadsheet opened with another list separator (``;`` in
Dutch Excel) would split the cell there and read the rest as a formula. The CSV quotes every
cell; the XLSX writes every cell as text.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.access.permissions import Permission, require_user
from app.countries import country_name
from app.dates import PartialDate
from app.errors import InvalidInput
from app.files import write_atomic
from app.i18n import _
from app.services import audit
from app.store.models import Person, PerspectivePlan
from app.vocabulary import PlanStatus

FORMATS = ("csv", "xlsx")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Where a spreadsheet may start a new cell: list separators of every locale, and line ends
# (an address has several lines).
SEPARATORS = ",;\t|\r\n"
_AFTER_SEPARATOR = re.compile(
    "([" + re.escape(SEPARATORS) + '][ "]*)(?=[' + re.escape("".join(FORMULA_START)) + "])")
COLUMNS = ("record_number", "given_names", "family_name", "name_original", "nickname",
           "birth_date", "sex", "nationality", "status", "v_number", "phone", "address",
           "document_language", "case_manager", "perspective", "next_evaluation")


def neutralise(value: object) -> str:
    """Text for a cell that no spreadsheet will execute, whatever list separator it splits on.

    A cell starting with a formula character gets a leading apostrophe; so does every piece of
    the cell after a separator (spaces and quotes skipped) that starts with one, because a
    spreadsheet reading the file with another separator starts a new cell there.
    """
    text = "" if value is None else str(value)
    text = _AFTER_SEPARATOR.sub(r"\1'", text)
    if text.lstrip(" ").startswith(FORMULA_START):
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


def export(db: Session, by: uuid.UUID | None, fmt: str, out: Path) -> int:
    """Write all people to ``out``; returns the number of people written.

    Raises:
        NotAllowed: the role may not export.
        InvalidInput: unknown format.
        WegwijsError: the file cannot be written (nothing half-written is left behind).
    """
    require_user(db, by, Permission.EXPORT)
    if fmt not in FORMATS:
        raise InvalidInput({"format": _("Export as csv or xlsx.")})
    table = list(rows(db))
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, quoting=csv.QUOTE_ALL).writerows(table)
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
        # openpyxl reads a str starting with "=" as a formula: neutralised above, and every
        # cell is typed as text ("s") so that nothing is read as a number or a formula.
        sheet.append([_text_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text_cell(sheet, value: str):  # noqa: ANN001, ANN202
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell
