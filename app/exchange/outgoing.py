"""What this laptop sends: its whole change log, the tombstones and the audit trail.

The payload is plain JSON-able data; ``exchange_file`` encrypts it. Rows that existed before
the change log get their baseline insert first (the same id on every laptop that has them).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String, cast, exists, func, insert, select
from sqlalchemy.orm import Session

from app.store import change_capture as cc
from app.store.exchange_tables import (
    ExchangeAuditOrigin,
    ExchangeChange,
    ExchangeReplica,
    ExchangeTombstone,
)
from app.store.models import AuditEvent
from app.store.revisions import head_revision

FORMAT = 1  # the payload's format; a newer one is refused, an older one read
CHANGE_FIELDS = ("id", "table_name", "row_id", "field", "value", "laptop", "hlc", "replaces",
                 "user_id", "person_id")
AUDIT_FIELDS = ("laptop", "seq", "at", "user_id", "action", "entity", "entity_id",
                "person_id", "detail")


def ensure_baselines(db: Session) -> int:
    """Give every row that has no insert in the log (made before the log, or by a bulk
    statement) its baseline insert; returns how many."""
    conn = db.connection()
    c = ExchangeChange.__table__
    postgres = conn.dialect.name == "postgresql"
    persons: dict[str, dict[str, str | None]] = {}
    made = 0
    rows_out: list[dict[str, Any]] = []
    for table in cc.replicated_tables():
        # The key as the log writes it (32 hex digits): SQLite keeps it so; PostgreSQL as uuid.
        key = func.replace(cast(table.c.id, String), "-", "") if postgres else table.c.id
        logged = exists().where(c.c.table_name == table.name, c.c.field == cc.INSERT,
                                c.c.row_id == key)
        missing = list(conn.execute(select(table).where(~logged)).mappings())
        own: dict[str, str | None] = {}
        persons[table.name] = own
        for row in missing:
            row_id = row["id"].hex
            person = _person_of_row(conn, table, row, persons)
            own[row_id] = person
            values = {k: cc.encode(row[k]) for k in cc.travelling_columns(table)}
            rows_out.append({"id": cc.baseline_id(table.name, row_id),
                             "table_name": table.name, "row_id": row_id, "field": cc.INSERT,
                             "value": values, "laptop": "baseline", "hlc": cc.BASELINE_CLOCK,
                             "replaces": [], "user_id": None, "person_id": person})
            made += 1
    for i in range(0, len(rows_out), 1000):
        conn.execute(insert(c), rows_out[i:i + 1000])
    return made


def _person_of_row(conn: Any, table: Any, row: Any,
                   persons: dict[str, dict[str, str | None]]) -> str | None:
    if table.name == cc.PERSONS:
        return row["id"].hex
    for fk in table.foreign_keys:
        value = row[fk.parent.name]
        if value is None or fk.column.table.name == "users":
            continue
        if fk.column.table.name == cc.PERSONS:
            return cc.hex_id(value)
        parent = cc.hex_id(value) or ""
        known = persons.get(fk.column.table.name, {}).get(parent) or conn.execute(
            select(ExchangeChange.__table__.c.person_id).where(
                ExchangeChange.__table__.c.table_name == fk.column.table.name,
                ExchangeChange.__table__.c.row_id == parent,
                ExchangeChange.__table__.c.person_id.is_not(None)).limit(1)).scalar()
        if known:
            return known  # type: ignore[no-any-return]
    return None


def payload(db: Session) -> dict[str, Any]:
    """Everything this laptop knows, to send to another laptop of the office."""
    conn = db.connection()
    ensure_baselines(db)
    me = cc.replica(conn)
    changes = _changes(conn)
    t = ExchangeTombstone.__table__
    tombstones = [list(r) for r in conn.execute(select(t.c.person_id, t.c.laptop, t.c.hlc))]
    a, o = AuditEvent.__table__, ExchangeAuditOrigin.__table__
    audit = []
    stmt = (select(a, o.c.laptop.label("origin"), o.c.seq).select_from(
        a.outerjoin(o, o.c.audit_id == a.c.id)).order_by(a.c.id))
    for row in conn.execute(stmt).mappings():
        audit.append([row["origin"] or me["laptop"], row["seq"] or row["id"],
                      row["at"].isoformat(), cc.hex_id(row["user_id"]), row["action"],
                      row["entity"], cc.hex_id(row["entity_id"]), cc.hex_id(row["person_id"]),
                      row["detail"]])
    r = ExchangeReplica.__table__
    given = conn.execute(select(r.c.series_given)).scalar() or 0
    return {"format": FORMAT, "schema": head_revision(), "laptop": me["laptop"],
            "office": me["office"], "made_at": datetime.now(UTC).isoformat(),
            "series_given": max(int(given), int(me["series"])),
            "changes": changes, "tombstones": tombstones, "audit": audit}


BLOCK = 5000  # changes a block: a laptop that has a block's changes skips it unread


class RawChanges:
    """The change log as JSON text, read as stored (values are never decoded and encoded
    again: the log of 10,000 people is some 200,000 changes), in blocks of one laptop's changes
    in clock order: ``blocks`` holds (laptop, first clock, last clock, count, JSON text)."""

    def __init__(self, blocks: list[tuple[str, str, str, int, str]], people: int) -> None:
        self.blocks = blocks
        self.count = sum(b[3] for b in blocks)
        self.people = people

    def __len__(self) -> int:
        return self.count

    def rows(self) -> list[list[Any]]:
        return [row for b in self.blocks for row in json.loads(b[4])]


def _changes(conn: Any) -> RawChanges:
    def q(text: str | None) -> str:  # ids, clocks, table and column names: no quotes in them
        return "null" if text is None else f'"{text}"'

    # The driver's own cursor in this transaction: 200,000 rows without a layer per row.
    cursor = conn.connection.driver_connection.cursor()
    cursor.execute("SELECT id, table_name, row_id, field, CAST(value AS TEXT), laptop, hlc, "
                   "CAST(replaces AS TEXT), user_id, person_id FROM exchange_changes "
                   "ORDER BY laptop, hlc, id")
    blocks: list[tuple[str, str, str, int, str]] = []
    people: set[str] = set()
    parts: list[str] = []
    current, first, last = "", "", ""

    def close() -> None:
        if parts:
            blocks.append((current, first, last, len(parts), "[" + ",".join(parts) + "]"))

    for cid, table, row, field, value, laptop, hlc, replaces, user, person in cursor:
        if laptop != current or len(parts) >= BLOCK:
            close()
            parts, current, first = [], laptop, hlc
        last = hlc
        if table == cc.PERSONS:
            people.add(row)
        parts.append(f'["{cid}","{table}","{row}","{field}",{value or "null"},"{laptop}",'
                     f'"{hlc}",{replaces or "[]"},{q(user)},{q(person)}]')
    close()
    cursor.close()
    return RawChanges(blocks, len(people))


def counts(data: dict[str, Any]) -> dict[str, int]:
    """What a payload holds, in numbers (no names)."""
    changes = data["changes"]
    if isinstance(changes, RawChanges):
        n, people = changes.count, changes.people
    else:
        n, people = len(changes), len({row[2] for row in changes if row[1] == cc.PERSONS})
    return {"changes": n, "people": people, "erased": len(data["tombstones"]),
            "audit": len(data["audit"])}
