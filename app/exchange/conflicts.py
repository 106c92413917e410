"""Conflicts waiting for a person: the same field changed differently on two laptops.

``waiting`` lists them with every value side by side (who, when, on which laptop); ``resolve``
keeps the value a case manager or coordinator picks, as a new change that replaces all the
values the field had, so the choice travels to every laptop and settles it there too. The
values not chosen stay in the change log (the record's history).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from app.access.permissions import Permission, require_user
from app.errors import NotFound
from app.i18n import _
from app.records import format_record_number
from app.services import audit
from app.store import change_capture as cc
from app.store.exchange_tables import ExchangeChange, ExchangeConflict, new_id
from app.store.models import Person, User


@dataclass(frozen=True)
class Side:
    """One value a field has: what, who typed it, when, on which laptop."""

    change_id: str
    value: Any
    user: str
    at: datetime | None
    laptop: str
    here: bool  # typed on this laptop


@dataclass(frozen=True)
class FieldConflict:
    table: str
    row_id: str
    field: str
    person_id: uuid.UUID | None
    record_code: str
    person_name: str
    shown: Any  # the provisional value the record shows until someone decides
    sides: tuple[Side, ...]


def count_waiting(db: Session, by: uuid.UUID | None) -> int:
    """How many fields wait for a decision (Today shows it; no values, no names)."""
    require_user(db, by)
    return int(db.scalar(select(func.count()).select_from(ExchangeConflict)) or 0)


def _when(clock: str) -> datetime | None:
    ms = cc.parse_clock(clock)[0]
    return datetime.fromtimestamp(ms / 1000, UTC) if ms else None


def _value(change: dict[str, Any], field: str) -> Any:
    if change["field"] == cc.INSERT:
        return (change["value"] or {}).get(field)
    return change["value"]


def waiting(db: Session, by: uuid.UUID | None, *, person_id: uuid.UUID | None = None
            ) -> list[FieldConflict]:
    """Every conflict (or one person's), for case managers and coordinators."""
    require_user(db, by, Permission.SEE_SENSITIVE)
    conn = db.connection()
    me = cc.replica(conn)["laptop"]
    k = ExchangeConflict.__table__
    stmt = select(k).order_by(k.c.person_id, k.c.table_name, k.c.row_id, k.c.field)
    if person_id is not None:
        stmt = stmt.where(k.c.person_id == person_id.hex)
    rows = list(conn.execute(stmt).mappings())
    names = {u.id.hex: u.display_name for u in db.scalars(select(User))}
    out: list[FieldConflict] = []
    people: dict[str, Person | None] = {}
    tables = {t.name: t for t in cc.replicated_tables()}
    for row in rows:
        table = tables.get(row["table_name"])
        if table is None:
            continue
        logged = cc.row_changes(conn, row["table_name"], [row["row_id"]])[row["row_id"]]
        tops = sorted(cc.heads(logged, row["field"]), key=lambda c: (c["hlc"], c["id"]))
        if len(tops) < 2:
            continue
        sides = tuple(Side(c["id"], _value(c, row["field"]),
                           names.get(c.get("user_id") or "", _("unknown")), _when(c["hlc"]),
                           c["laptop"][:6], c["laptop"] == me) for c in tops)
        pid = row["person_id"]
        if pid not in people:
            people[pid] = db.get(Person, uuid.UUID(pid)) if pid else None
        person = people[pid]
        current = conn.execute(select(table.c[row["field"]]).where(
            table.c.id == uuid.UUID(row["row_id"]))).scalar()
        out.append(FieldConflict(
            row["table_name"], row["row_id"], row["field"],
            person.id if person else None,
            format_record_number(person.record_number) if person else "",
            person.display_name if person else "", cc.encode(current), sides))
    return out


def resolve(db: Session, by: uuid.UUID | None, table_name: str, row_id: str, field: str,
            change_id: str) -> None:
    """Keep the value of ``change_id`` for this field; the choice travels as a change."""
    require_user(db, by, Permission.SEE_SENSITIVE)
    conn = db.connection()
    tables = {t.name: t for t in cc.replicated_tables()}
    table = tables.get(table_name)
    if table is None or field not in table.columns:
        raise NotFound(_("This conflict is no longer waiting."))
    logged = cc.row_changes(conn, table_name, [row_id])[row_id]
    tops = cc.heads(logged, field)
    chosen = next((c for c in tops if c["id"] == change_id), None)
    if chosen is None or len(tops) < 2:
        raise NotFound(_("This conflict was settled meanwhile (perhaps on another laptop); "
                         "nothing was changed."))
    value = _value(chosen, field)
    laptop, clock = cc.advance_clock(conn)
    person = next((c.get("person_id") for c in logged if c.get("person_id")), None) or \
        conn.execute(select(ExchangeChange.__table__.c.person_id).where(
            ExchangeChange.__table__.c.table_name == table_name,
            ExchangeChange.__table__.c.row_id == row_id).limit(1)).scalar()
    conn.execute(insert(ExchangeChange.__table__).values(
        id=new_id(), table_name=table_name, row_id=row_id, field=field, value=value,
        laptop=laptop, hlc=clock, replaces=[c["id"] for c in tops],
        user_id=by.hex if by else None, person_id=person))
    values: dict[str, Any] = {field: cc.decode(table, field, value)}
    if "version" in table.columns:
        values["version"] = table.c.version + 1
    if "updated_by" in table.columns:
        values["updated_by"] = by
    conn.execute(update(table).where(table.c.id == uuid.UUID(row_id)).values(values))
    k = ExchangeConflict.__table__
    conn.execute(delete(k).where(k.c.table_name == table_name, k.c.row_id == row_id,
                                 k.c.field == field))
    audit.record(db, by, "update", table_name[:32], uuid.UUID(row_id),
                 person_id=uuid.UUID(person) if person else None, detail=f"conflict:{field}")
    db.expire_all()


# -- the same newcomer registered on two laptops ----------------------------------------------

DUPLICATES_KEY = "exchange_duplicates"  # a local settings row: pairs found at an import


@dataclass(frozen=True)
class PossibleDuplicate:
    """Two records that came together at an exchange and look like one person."""

    first_id: uuid.UUID
    second_id: uuid.UUID
    first: str  # "W-00042 Name"
    second: str


def remember_duplicates(db: Session, pairs: list[tuple[str, str]]) -> None:
    """Keep the pairs an import found, for the conflicts screen (local to this laptop)."""
    if not pairs:
        return
    from app.store.models import Setting

    row = db.get(Setting, DUPLICATES_KEY)
    known = [tuple(p) for p in (row.value if row is not None and row.value else [])]
    merged = sorted(set(known) | {tuple(p) for p in pairs})
    if row is None:
        db.add(Setting(key=DUPLICATES_KEY, value=[list(p) for p in merged]))
    else:
        row.value = [list(p) for p in merged]
    db.flush()


def possible_duplicates(db: Session, by: uuid.UUID | None) -> list[PossibleDuplicate]:
    """Pairs found at imports whose records both still exist (merging or erasing one removes
    the pair); for case managers and coordinators, who open the merge from here."""
    require_user(db, by, Permission.SEE_SENSITIVE)
    from app.store.models import Setting

    row = db.get(Setting, DUPLICATES_KEY)
    out = []
    for first, second in (row.value if row is not None and row.value else []):
        a, b = db.get(Person, uuid.UUID(first)), db.get(Person, uuid.UUID(second))
        if a is None or b is None:
            continue
        out.append(PossibleDuplicate(a.id, b.id, f"{a.record_code} {a.display_name}",
                                     f"{b.record_code} {b.display_name}"))
    return out


def dismiss_duplicate(db: Session, by: uuid.UUID | None, first_id: uuid.UUID,
                      second_id: uuid.UUID) -> None:
    """Not the same person: the pair is no longer shown on this laptop."""
    require_user(db, by, Permission.SEE_SENSITIVE)
    from app.store.models import Setting

    row = db.get(Setting, DUPLICATES_KEY)
    if row is None or not row.value:
        return
    gone = {first_id.hex, second_id.hex}
    row.value = [p for p in row.value if set(p) != gone]
    db.flush()
