"""Merging what another laptop sent: three-way, per field, in the caller's one transaction.

For every field an incoming change touches, the value is computed again from all the changes
known for it (``change_capture.heads``): one head is the value (a fast-forward or an edit of
another field merges without asking); several heads are a conflict, kept with a provisional
value every laptop computes alike (the head with the latest clock). Known changes are skipped,
so reading the same file twice changes nothing. Tombstones win: an erased person is deleted and
nothing of theirs is taken in.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Session

from app.exchange.exchange_file import Block
from app.store import change_capture as cc
from app.store.exchange_tables import (
    ExchangeAuditOrigin,
    ExchangeChange,
    ExchangeConflict,
    ExchangeReplica,
    ExchangeTombstone,
)
from app.store.models import AuditEvent
from app.store.server_roles import erase_audit_lines

# Fields where one side always wins instead of a conflict: withdrawn consent (the earliest
# withdrawal date wins over none and over a later one).
EARLIEST_WINS = frozenset({("consents", "withdrawn_on")})
# Person fields whose change means the search keys must be made again.
_SEARCHED = frozenset({"given_names", "family_name", "name_original", "nickname", "phone",
                       "v_number", "record_number"})


@dataclass
class Summary:
    """What an import brought, in counts (never names)."""

    changes: int = 0
    people_new: int = 0
    people_changed: int = 0
    conflicts: int = 0
    erased: int = 0
    audit_lines: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # person id pairs (hex)
    new_people: list[str] = field(default_factory=list)  # person ids (hex)
    new_exchange_key: bool = False  # a sync brought the office's newer exchange key

    @property
    def nothing_new(self) -> bool:
        return not (self.changes or self.erased or self.audit_lines)


def _ms(clock: str) -> int:
    return cc.parse_clock(clock)[0]


def known_clocks(conn: Any) -> dict[str, str]:
    """The newest clock of every laptop in this log (what this laptop has of each)."""
    c = ExchangeChange.__table__
    return {laptop: hlc for laptop, hlc in conn.execute(
        select(c.c.laptop, func.max(c.c.hlc)).group_by(c.c.laptop))}


def merge_payload(db: Session, data: dict[str, Any], *, duplicates: bool = True) -> Summary:
    """Merge ``data`` (``outgoing.payload`` of another laptop) into this database.

    Runs inside the caller's transaction and writes nothing to the change log of its own: it
    only adds the changes it received. The caller commits (or, on any error, nothing happened).
    """
    cc.suspend(db, True)
    try:
        return _merge(db, data, duplicates)
    finally:
        cc.suspend(db, False)


def _merge(db: Session, data: dict[str, Any], duplicates: bool) -> Summary:
    conn = db.connection()
    summary = Summary()
    me = cc.replica(conn)
    tables = {t.name: t for t in cc.replicated_tables()}
    order = cc.table_order()
    t_tomb = ExchangeTombstone.__table__
    local_tombs = set(conn.execute(select(t_tomb.c.person_id)).scalars())
    incoming_tombs = {row[0]: row for row in data.get("tombstones", [])}
    erased = local_tombs | set(incoming_tombs)

    fresh = _unknown(conn, data.get("changes", []))
    fresh = [c for c in fresh if c["person_id"] not in erased or c["table_name"] not in tables
             or not c["person_id"]]
    # Inserts first, parents' tables before children's (the metadata's order), so rows come
    # in batches; then field changes and deletes in the order they were made.
    fresh.sort(key=lambda c: (c["field"] != cc.INSERT,
                              order.get(c["table_name"], 999) if c["field"] == cc.INSERT else 0,
                              c["hlc"], c["id"]))
    if fresh:
        for i in range(0, len(fresh), 1000):
            conn.execute(insert(ExchangeChange.__table__), fresh[i:i + 1000])
    summary.changes = len(fresh)

    deleted_rows = _deleted_rows(conn, fresh)
    rows = _Rows(conn)
    touched: dict[tuple[str, str], set[str]] = defaultdict(set)
    people_changed: set[str] = set()
    reindex: set[str] = set()
    for change in fresh:
        table = tables.get(change["table_name"])
        if table is None:
            continue  # a table this version does not have (an older laptop's file)
        key = (table.name, change["row_id"])
        if change["field"] == cc.INSERT:
            if key in deleted_rows:
                continue
            if _insert(rows, table, change):
                if table.name == cc.PERSONS:
                    summary.people_new += 1
                    summary.new_people.append(change["row_id"])
                    reindex.add(change["row_id"])
                elif change["person_id"]:
                    people_changed.add(change["person_id"])
        elif change["field"] == cc.DELETE:
            rows.gone(table, uuid.UUID(change["row_id"]))
            conn.execute(delete(table).where(table.c.id == uuid.UUID(change["row_id"])))
            if change["person_id"]:
                people_changed.add(change["person_id"])
        elif change["field"] in table.columns:
            touched[key].add(change["field"])
            if change["person_id"]:
                people_changed.add(change["person_id"])
            if table.name == cc.PERSONS and change["field"] in _SEARCHED:
                reindex.add(change["row_id"])

    rows.flush()
    summary.conflicts = _settle(conn, tables, touched, deleted_rows)
    summary.erased = _tombstones(db, conn, incoming_tombs, local_tombs)
    gone_for_good = {p for p in erased if not _merged(conn, uuid.UUID(p))}
    summary.audit_lines = _audit(conn, data.get("audit", []), me["laptop"], gone_for_good)
    summary.people_changed = len(people_changed - set(summary.new_people) - erased)

    seen = max((c["hlc"] for c in fresh), default="")
    cc.advance_clock(conn, seen)
    r = ExchangeReplica.__table__
    given = int(data.get("series_given") or 0)
    if given > int(me.get("series_given") or 0):
        conn.execute(update(r).where(r.c.id == 1).values(series_given=given))

    _reindex(db, reindex - erased)
    if duplicates:
        summary.duplicates = _duplicates(db, [p for p in summary.new_people if p not in erased])
    return summary


def _unknown(conn: Any, rows: list[list[Any]]) -> list[dict[str, Any]]:
    """The changes of the file this database does not have yet."""
    from app.exchange.outgoing import CHANGE_FIELDS

    have = known_clocks(conn)
    candidates = []
    for item in rows:
        if isinstance(item, Block):
            if item.laptop != "baseline" and item.last <= have.get(item.laptop, ""):
                continue  # a block this laptop has whole: not even unpacked
            block = item.rows()
        else:
            block = [item]
        for row in block:  # [id, table, row, field, value, laptop, hlc, ...]
            laptop, hlc = row[5], row[6]
            if laptop != "baseline" and hlc <= have.get(laptop, ""):
                continue  # each laptop's changes arrive in order: this one is here already
            candidates.append(dict(zip(CHANGE_FIELDS, row, strict=True)))
    c = ExchangeChange.__table__
    known: set[str] = set()
    ids = [ch["id"] for ch in candidates]
    for i in range(0, len(ids), 500):
        known.update(conn.execute(select(c.c.id).where(c.c.id.in_(ids[i:i + 500]))).scalars())
    out, seen = [], set()
    for ch in candidates:
        if ch["id"] not in known and ch["id"] not in seen:
            seen.add(ch["id"])
            out.append(ch)
    return out


def _deleted_rows(conn: Any, fresh: list[dict[str, Any]]) -> set[tuple[str, str]]:
    """Rows with a delete in the log (known before or just received): deleting wins."""
    c = ExchangeChange.__table__
    rows = {(ch["table_name"], ch["row_id"]) for ch in fresh if ch["field"] == cc.DELETE}
    inserted = [ch["row_id"] for ch in fresh if ch["field"] == cc.INSERT]
    for i in range(0, len(inserted), 500):
        rows.update((t, r) for t, r in conn.execute(select(c.c.table_name, c.c.row_id).where(
            c.c.field == cc.DELETE, c.c.row_id.in_(inserted[i:i + 500]))))
    return rows


def _exists(conn: Any, table: Table, row_id: uuid.UUID) -> bool:
    return conn.execute(select(table.c.id).where(table.c.id == row_id)).first() is not None


class _Rows:
    """Which rows exist, table by table (read once), and inserts written in batches."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.ids: dict[str, set[uuid.UUID]] = {}
        self.pending: list[dict[str, Any]] = []
        self.pending_table: Table | None = None

    def have(self, table: Table, row_id: uuid.UUID) -> bool:
        if table.name not in self.ids:
            self.ids[table.name] = set(self.conn.execute(select(table.c.id)).scalars())
        return row_id in self.ids[table.name]

    def add(self, table: Table, row: dict[str, Any]) -> None:
        if self.pending_table is not table or len(self.pending) >= 500:
            self.flush()
        self.pending_table = table
        self.pending.append(row)
        self.have(table, row["id"])
        self.ids[table.name].add(row["id"])

    def claim(self, table: Table, column: str, value: Any, row_id: uuid.UUID) -> Any:
        """``_claim`` for a row about to be inserted, also against rows still pending."""
        waiting = next((r for r in self.pending if self.pending_table is table
                        and r.get(column) == value), None)
        if waiting is None:
            return _claim(self.conn, table, column, value, row_id)
        if waiting["id"].hex < row_id.hex:
            return None
        waiting[column] = None
        return value

    def gone(self, table: Table, row_id: uuid.UUID) -> None:
        self.flush()
        self.ids.get(table.name, set()).discard(row_id)

    def flush(self) -> None:
        if self.pending and self.pending_table is not None:
            by_keys: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
            for row in self.pending:  # executemany needs the same columns in every row
                by_keys[tuple(sorted(row))].append(row)
            for rows in by_keys.values():
                self.conn.execute(insert(self.pending_table), rows)
        self.pending = []
        self.pending_table = None


def _insert(rows: _Rows, table: Table, change: dict[str, Any]) -> bool:
    """Insert a row another laptop made (unless it is here or its parent is gone)."""
    values = change["value"] or {}
    row = {k: cc.decode(table, k, v) for k, v in values.items() if k in table.columns}
    row_id = uuid.UUID(change["row_id"])
    row["id"] = row_id
    if "version" in table.columns:
        row["version"] = 1
    if rows.have(table, row_id):
        return False
    for fk in table.foreign_keys:
        value = row.get(fk.parent.name)
        if value is not None and fk.column.table.name != "users" and not rows.have(
                fk.column.table, value):
            return False  # its parent was deleted (deleting wins)
    for column in _unique_nullable(table):
        if row.get(column) is not None:
            row[column] = rows.claim(table, column, row[column], row_id)
    if table.name == cc.PERSONS:
        row.setdefault("sort_name", "")
    rows.add(table, row)
    return True


@cache
def _unique_nullable(table: Table) -> list[str]:
    return [c.name for c in table.columns if c.unique and c.nullable and c.name != "id"]


def _claim(conn: Any, table: Table, column: str, value: Any, row_id: uuid.UUID) -> Any:
    """A unique value two rows want (the same V-number registered on two laptops): the row with
    the smaller id keeps it, the other gets none; the same on every laptop."""
    other = conn.execute(select(table.c.id).where(table.c[column] == value,
                                                  table.c.id != row_id)).scalar()
    if other is None:
        return value
    if other.hex < row_id.hex:
        return None
    conn.execute(update(table).where(table.c.id == other).values({column: None}))
    return value


def _settle(conn: Any, tables: dict[str, Table], touched: dict[tuple[str, str], set[str]],
            deleted_rows: set[tuple[str, str]]) -> int:
    """Compute every touched field again from its heads; keep conflicts. Returns how many
    conflicts are new."""
    by_table: dict[str, list[str]] = defaultdict(list)
    for (name, row_id) in touched:
        by_table[name].append(row_id)
    k = ExchangeConflict.__table__
    new_conflicts = 0
    for name, row_ids in by_table.items():
        table = tables[name]
        logged = cc.row_changes(conn, name, row_ids)
        for row_id in row_ids:
            if (name, row_id) in deleted_rows or not _exists(conn, table, uuid.UUID(row_id)):
                continue
            changes = logged[row_id]
            person = _person(conn, name, row_id)
            values: dict[str, Any] = {}
            latest: dict[str, Any] | None = None
            for column in sorted(touched[(name, row_id)]):
                tops = cc.heads(changes, column)
                if not tops:
                    continue
                value, winner, conflict = _decide(name, column, tops)
                values[column] = cc.decode(table, column, value)
                if latest is None or winner["hlc"] > latest["hlc"]:
                    latest = winner
                where = (k.c.table_name == name, k.c.row_id == row_id, k.c.field == column)
                there = conn.execute(select(k.c.field).where(*where)).first() is not None
                if conflict and not there:
                    conn.execute(insert(k).values(table_name=name, row_id=row_id,
                                                  field=column, person_id=person,
                                                  found_at=datetime.now(UTC)))
                    new_conflicts += 1
                elif not conflict and there:
                    conn.execute(delete(k).where(*where))
            if not values:
                continue
            for column in _unique_nullable(table):
                if values.get(column) is not None:
                    values[column] = _claim(conn, table, column, values[column],
                                            uuid.UUID(row_id))
            if "version" in table.columns:
                values["version"] = table.c.version + 1
            if latest is not None and "updated_at" in table.columns:
                values["updated_at"] = datetime.fromtimestamp(max(_ms(latest["hlc"]), 0) / 1000,
                                                              UTC)
                if "updated_by" in table.columns and latest.get("user_id"):
                    values["updated_by"] = uuid.UUID(latest["user_id"])
            conn.execute(update(table).where(table.c.id == uuid.UUID(row_id)).values(values))
    return new_conflicts


def _person(conn: Any, table: str, row_id: str) -> str | None:
    c = ExchangeChange.__table__
    return conn.execute(select(c.c.person_id).where(
        c.c.table_name == table, c.c.row_id == row_id, c.c.person_id.is_not(None))
        .limit(1)).scalar()


def _decide(table: str, column: str, tops: list[dict[str, Any]]
            ) -> tuple[Any, dict[str, Any], bool]:
    """(value, the change it comes from, whether a person must decide)."""
    def value_of(change: dict[str, Any]) -> Any:
        if change["field"] == cc.INSERT:
            return (change["value"] or {}).get(column)
        return change["value"]

    ordered = sorted(tops, key=lambda c: (c["hlc"], c["id"]))
    if len(ordered) == 1:
        return value_of(ordered[0]), ordered[0], False
    if (table, column) in EARLIEST_WINS:
        dated = [c for c in ordered if value_of(c) is not None]
        if dated:
            first = min(dated, key=lambda c: (value_of(c), c["id"]))
            return value_of(first), first, False
    distinct = {repr(value_of(c)) for c in ordered}
    if len(distinct) == 1:
        return value_of(ordered[-1]), ordered[-1], False  # the same value typed twice
    return value_of(ordered[-1]), ordered[-1], True


def _tombstones(db: Session, conn: Any, incoming: dict[str, list[Any]], local: set[str]) -> int:
    """Erase, here too, every person erased elsewhere; returns how many were here."""
    from app.store.models import Person

    t = ExchangeTombstone.__table__
    p = Person.__table__
    erased = 0
    for person, row in incoming.items():
        if person in local:
            continue
        conn.execute(insert(t).values(person_id=person, laptop=row[1], hlc=row[2]))
        pid = uuid.UUID(person)
        if _exists(conn, p, pid):
            erased += 1
            conn.execute(delete(p).where(p.c.id == pid))
            if not _merged(conn, pid):  # a merged record's history stays, as on its laptop
                a, o = AuditEvent.__table__, ExchangeAuditOrigin.__table__
                lines = select(a.c.id).where((a.c.person_id == pid) | (a.c.entity_id == pid))
                conn.execute(update(o).where(o.c.audit_id.in_(lines)).values(audit_id=None))
                erase_audit_lines(db, pid)
        cc.purge_person(conn, person)
        k = ExchangeConflict.__table__
        conn.execute(delete(k).where(k.c.person_id == person))
    return erased


def _merged(conn: Any, person_id: uuid.UUID) -> bool:
    """Whether ``person_id`` went away by a merge into another record (not an erasure)."""
    from app.store.models import Base

    merges = Base.metadata.tables.get("person_merges")
    if merges is None or "duplicate_id" not in merges.columns:
        return False
    return conn.execute(select(merges.c.id).where(merges.c.duplicate_id == person_id)
                        .limit(1)).first() is not None


def _audit(conn: Any, lines: list[list[Any]], me: str, erased: set[str]) -> int:
    """Add the audit lines of other laptops this database does not have yet."""
    from app.exchange.outgoing import AUDIT_FIELDS

    o, a = ExchangeAuditOrigin.__table__, AuditEvent.__table__
    have = {(lap, seq) for lap, seq in conn.execute(select(o.c.laptop, o.c.seq))}
    added = 0
    for raw in lines:
        line = dict(zip(AUDIT_FIELDS, raw, strict=True))
        key = (line["laptop"], int(line["seq"]))
        if line["laptop"] == me or key in have or (line["person_id"] in erased):
            continue
        have.add(key)
        result = conn.execute(insert(a).values(
            at=datetime.fromisoformat(line["at"]),
            user_id=_uuid(line["user_id"]), action=line["action"], entity=line["entity"],
            entity_id=_uuid(line["entity_id"]), person_id=_uuid(line["person_id"]),
            detail=line["detail"] or ""))
        conn.execute(insert(o).values(laptop=key[0], seq=key[1],
                                      audit_id=result.inserted_primary_key[0]))
        added += 1
    return added


def _uuid(value: str | None) -> uuid.UUID | None:
    return uuid.UUID(value) if value else None


def _reindex(db: Session, person_ids: set[str]) -> None:
    """Search keys and sort names of people who came in or whose names changed, in bulk (the
    same keys ``search.index_person`` makes)."""
    if not person_ids:
        return
    from sqlalchemy import bindparam

    from app.services import search
    from app.store.models import Person, SearchKey

    conn = db.connection()
    p, k = Person.__table__, SearchKey.__table__
    ids = [uuid.UUID(x) for x in sorted(person_ids)]
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        people = list(conn.execute(select(p).where(p.c.id.in_(chunk))))
        if not people:
            continue
        names = [{"pid": r.id, "name": search.sort_name(r)} for r in people]  # type: ignore[arg-type]
        conn.execute(update(p).where(p.c.id == bindparam("pid")).values(
            sort_name=bindparam("name")), names)
        conn.execute(delete(k).where(k.c.person_id.in_([r.id for r in people])))
        keys = [{"person_id": r.id, "key": key, "sort_name": n["name"]}
                for r, n in zip(people, names, strict=True)
                for key in sorted(search.person_keys(r))]  # type: ignore[arg-type]
        if keys:
            conn.execute(insert(k), keys)
    db.expire_all()


def _duplicates(db: Session, new_people: list[str]) -> list[tuple[str, str]]:
    """People who came in and resemble someone already here (the existing duplicate rules)."""
    if not new_people:
        return []
    from app.dates import PartialDate
    from app.services import search
    from app.store.models import Person

    pairs: set[tuple[str, str]] = set()
    for pid in new_people:
        person = db.get(Person, uuid.UUID(pid))
        if person is None:
            continue
        names = [person.given_names, person.family_name, person.name_original, person.nickname]
        born = PartialDate.from_iso(person.birth_date)
        # No acting user here: import_bytes checked its user, and joining an office fills a
        # database that has none yet.
        for cand in search._likely_duplicates(db, names, born, exclude=person.id):
            other = cand.row.id.hex
            pairs.add(tuple(sorted((pid, other))))  # type: ignore[arg-type]
    return sorted(pairs)
