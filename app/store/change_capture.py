"""The change log: every flush of every session writes what changed, field by field.

Listens to SQLAlchemy's ``after_flush`` for all sessions. Which tables travel is read from
the models' metadata (every table keyed by one UUID ``id``, apart from ``LOCAL_TABLES``), so
tables added later are covered without a change here. Each change names its laptop, a hybrid
logical clock and the change(s) it replaces; see docs/exchange.md. Bulk ``execute`` statements
bypass the unit of work and are not captured.
"""

from __future__ import annotations

import enum
import secrets
import time
import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Enum, Table, Uuid, delete, event, insert, select, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

from app.store.exchange_tables import (
    ExchangeAuditOrigin,
    ExchangeChange,
    ExchangeReplica,
    ExchangeTombstone,
    new_id,
)
from app.store.models import AuditEvent, Base
from app.store.types import UTCDateTime

# Tables that never travel: what a user typed and did not save stays on their laptop, and
# search keys are derived from the person (rebuilt after an exchange).
LOCAL_TABLES = frozenset({"drafts", "search_keys"})
# Columns that are local bookkeeping or derived, never merged field by field. The insert
# carries updated_at and updated_by; an applied change sets them from its own user and time.
SKIPPED_COLUMNS = frozenset({"version", "sort_name"})
BOOKKEEPING = frozenset({"updated_at", "updated_by"})
INSERT = "*"
DELETE = "-"
PERSONS = "persons"
BASELINE_CLOCK = "0000000000000.0000.baseline"
_NAMESPACE = uuid.UUID("5b0d3b55-7a39-4c29-9a53-2bb0a9e2f1c4")
_OFF = "wegwijs_capture_off"


# -- which tables, which columns ---------------------------------------------------------------

def replicated_tables() -> list[Table]:
    """The tables that travel, parents before children (the metadata's dependency order)."""
    out = []
    for table in Base.metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        if table.name in LOCAL_TABLES or table.name.startswith("exchange_"):
            continue
        if len(pk) == 1 and pk[0].name == "id" and isinstance(pk[0].type, Uuid):
            out.append(table)
    return out


def table_order() -> dict[str, int]:
    return {t.name: i for i, t in enumerate(replicated_tables())}


def travelling_columns(table: Table) -> list[str]:
    return [c.name for c in table.columns if c.name not in SKIPPED_COLUMNS]


def field_columns(table: Table) -> list[str]:
    """The columns merged one by one (all but the key and the bookkeeping)."""
    return [c for c in travelling_columns(table) if c not in BOOKKEEPING and c != "id"]


# -- values as JSON ------------------------------------------------------------------------------

def encode(value: Any) -> Any:
    """A column's value as JSON: UUIDs as hex, dates and times as ISO text, enums by value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict | list):
        return value
    return str(value)


def decode(table: Table, column: str, value: Any) -> Any:
    """A JSON value back as what the column takes."""
    if value is None:
        return None
    col_type = table.columns[column].type
    if isinstance(col_type, TypeDecorator):
        if isinstance(col_type, UTCDateTime):
            return datetime.fromisoformat(value)
        col_type = col_type.impl  # type: ignore[assignment]
    if isinstance(col_type, Uuid):
        return uuid.UUID(value)
    if isinstance(col_type, Date):
        return date.fromisoformat(value)
    if isinstance(col_type, Enum) and col_type.enum_class is not None:
        return col_type.enum_class(value)
    return value


def hex_id(value: Any) -> str | None:
    if value is None:
        return None
    return value.hex if isinstance(value, uuid.UUID) else uuid.UUID(str(value)).hex


def baseline_id(table: str, row_id: str) -> str:
    """The insert change of a row that existed before the change log: the same on every
    laptop that holds the same row."""
    return uuid.uuid5(_NAMESPACE, f"{table}:{row_id}").hex


# -- the clock and this laptop -------------------------------------------------------------------

def make_clock(ms: int, counter: int, laptop: str) -> str:
    return f"{ms:013d}.{counter:04d}.{laptop}"


def parse_clock(clock: str) -> tuple[int, int]:
    if not clock or clock == BASELINE_CLOCK:
        return 0, 0
    ms, counter, _rest = clock.split(".", 2)
    return int(ms), int(counter)


def tick(last: str, laptop: str, seen: str = "") -> str:
    """The next clock after ``last`` (and after ``seen``, a clock received from elsewhere)."""
    ms, counter = max(parse_clock(last), parse_clock(seen))
    now = int(time.time() * 1000)
    if now > ms:
        return make_clock(now, 0, laptop)
    if counter >= 9999:
        return make_clock(ms + 1, 0, laptop)
    return make_clock(ms, counter + 1, laptop)


def replica(conn: Any) -> dict[str, Any]:
    """This database's replica row (made on first use: a new laptop of a new office)."""
    table = ExchangeReplica.__table__
    row = conn.execute(select(table).where(table.c.id == 1)).mappings().first()
    if row is not None:
        return dict(row)
    values = {"id": 1, "laptop": new_id(), "office": new_id(),
              "office_key": secrets.token_hex(32), "clock": "", "series": 0, "series_given": 0}
    conn.execute(insert(table).values(**values))
    return values


def advance_clock(conn: Any, seen: str = "") -> tuple[str, str]:
    """Tick this laptop's clock (past ``seen``); returns (laptop, new clock)."""
    me = replica(conn)
    clock = tick(me["clock"], me["laptop"], seen)
    table = ExchangeReplica.__table__
    conn.execute(update(table).where(table.c.id == 1).values(clock=clock))
    return me["laptop"], clock


# -- capture -------------------------------------------------------------------------------------

def suspended(session: Session) -> bool:
    return bool(session.info.get(_OFF))


def suspend(session: Session, off: bool = True) -> None:
    """Stop (or restart) capturing in ``session``: the exchange applies changes it already has."""
    session.info[_OFF] = off


def heads(changes: Iterable[dict[str, Any]], field: str) -> list[dict[str, Any]]:
    """The changes of ``field`` (the row's insert counting as its first) that no other
    replaces; more than one is a conflict."""
    relevant = [c for c in changes if c["field"] in (field, INSERT)]
    replaced: set[str] = set()
    for c in relevant:
        if c["field"] == field:
            replaced.update(c["replaces"] or ())
    return [c for c in relevant if c["id"] not in replaced]


class _Flush:
    """What one flush writes into the log."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.conn = session.connection()
        self.rows: list[dict[str, Any]] = []
        self.laptop = ""
        self.clock = ""
        self.user: str | None = None
        self.persons: dict[tuple[str, str], str | None] = {}
        self.erased: list[str] = []

    def start(self) -> None:
        self.laptop, self.clock = advance_clock(self.conn)

    def add(self, table: str, row_id: str, field: str, value: Any, replaces: list[str],
            person: str | None, *, change_id: str | None = None, clock: str | None = None,
            user: str | None = None) -> str:
        cid = change_id or new_id()
        self.rows.append({"id": cid, "table_name": table, "row_id": row_id, "field": field,
                          "value": value, "laptop": self.laptop if clock is None else "baseline",
                          "hlc": clock or self.clock, "replaces": replaces,
                          "user_id": user if clock is not None else self.user,
                          "person_id": person})
        return cid

    def person_of(self, obj: Any) -> str | None:
        """The person a row belongs to, following its foreign keys (plan → person, ...)."""
        table = obj.__table__
        key = (table.name, hex_id(obj.id) or "")
        if key in self.persons:
            return self.persons[key]
        self.persons[key] = None  # guards against cycles
        found: str | None = None
        if table.name == PERSONS:
            found = key[1]
        else:
            for fk in table.foreign_keys:
                target = fk.column.table
                value = getattr(obj, _attr(obj, fk.parent.name), None)
                if value is None or target.name in ("users",):
                    continue
                if target.name == PERSONS:
                    found = hex_id(value)
                    break
                cached = (target.name, hex_id(value) or "")
                if cached in self.persons and self.persons[cached]:
                    found = self.persons[cached]
                    break
                parent_cls = _class_of(target.name)
                if parent_cls is None:
                    continue
                parent = self.session.get(parent_cls, value)
                if parent is not None:
                    found = self.person_of(parent)
                    if found:
                        break
        self.persons[key] = found
        return found


_classes: dict[str, type] = {}


def _class_of(table_name: str) -> type | None:
    if not _classes:
        for mapper in Base.registry.mappers:
            _classes[mapper.local_table.name] = mapper.class_  # type: ignore[union-attr]
    return _classes.get(table_name)


def _attr(obj: Any, column: str) -> str:
    mapper = sa_inspect(obj).mapper
    return mapper.get_property_by_column(mapper.local_table.columns[column]).key


def _values(obj: Any, table: Table) -> dict[str, Any]:
    return {c: encode(getattr(obj, _attr(obj, c))) for c in travelling_columns(table)}


def _replicated(obj: Any) -> Table | None:
    table = getattr(obj, "__table__", None)
    if table is None or table.name in LOCAL_TABLES or table.name.startswith("exchange_"):
        return None
    pk = list(table.primary_key.columns)
    if len(pk) == 1 and pk[0].name == "id" and isinstance(pk[0].type, Uuid):
        return table
    return None


def row_changes(conn: Any, table: str, row_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """All logged changes of these rows, by row."""
    t = ExchangeChange.__table__
    out: dict[str, list[dict[str, Any]]] = {r: [] for r in row_ids}
    for i in range(0, len(row_ids), 500):
        chunk = row_ids[i:i + 500]
        stmt = select(t.c.id, t.c.row_id, t.c.field, t.c.replaces, t.c.value, t.c.hlc,
                      t.c.laptop, t.c.user_id, t.c.person_id).where(t.c.table_name == table,
                                                     t.c.row_id.in_(chunk))
        for row in conn.execute(stmt).mappings():
            out[row["row_id"]].append(dict(row))
    return out


_DELETED = "wegwijs_capture_deleted"


@event.listens_for(Base, "after_delete", propagate=True)
def _after_delete(_mapper: Any, _connection: Any, obj: Any) -> None:
    """Rows deleted in a flush, orphans of a cascade too (``session.deleted`` misses those)."""
    session = sa_inspect(obj).session
    if session is not None:
        session.info.setdefault(_DELETED, []).append(obj)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    deleted = session.info.pop(_DELETED, [])
    if suspended(session):
        return
    new = [(o, t) for o in session.new if (t := _replicated(o)) is not None]
    dirty = [(o, t) for o in session.dirty if (t := _replicated(o)) is not None
             and session.is_modified(o, include_collections=False)]
    seen: set[int] = set()
    gone = []
    for o in [*session.deleted, *deleted]:
        if id(o) not in seen and (t := _replicated(o)) is not None:
            seen.add(id(o))
            gone.append((o, t))
    if not (new or dirty or gone):
        return
    flush = _Flush(session)
    flush.start()
    flush.user = _acting_user(new, dirty)
    for obj, table in new:
        flush.add(table.name, hex_id(obj.id) or "", INSERT, _values(obj, table), [],
                  flush.person_of(obj))
    by_table: dict[str, list[tuple[Any, Table]]] = {}
    for obj, table in dirty:
        by_table.setdefault(table.name, []).append((obj, table))
    for name, items in by_table.items():
        logged = row_changes(flush.conn, name, [hex_id(o.id) or "" for o, _t in items])
        for obj, table in items:
            _capture_update(flush, obj, table, logged[hex_id(obj.id) or ""])
    order = table_order()
    gone.sort(key=lambda item: order.get(item[1].name, 0))
    for obj, table in gone:
        flush.person_of(obj)  # parents first, so children find them in the cache
        if table.name == PERSONS:
            flush.erased.append(hex_id(obj.id) or "")
    erased = set(flush.erased)
    for obj, table in gone:
        if table.name != PERSONS and flush.person_of(obj) not in erased:
            flush.add(table.name, hex_id(obj.id) or "", DELETE, None, [], flush.person_of(obj))
    if flush.rows:
        flush.conn.execute(insert(ExchangeChange.__table__), flush.rows)
    for person in flush.erased:
        erase_person(flush.conn, person, flush.laptop, flush.clock)


def _acting_user(new: list[tuple[Any, Table]], dirty: list[tuple[Any, Table]]) -> str | None:
    for obj, _table in (*dirty, *new):
        who = getattr(obj, "updated_by", None) or getattr(obj, "created_by", None)
        if isinstance(who, uuid.UUID):
            return who.hex
    return None


def _capture_update(flush: _Flush, obj: Any, table: Table, logged: list[dict[str, Any]]) -> None:
    state = sa_inspect(obj)
    row_id = hex_id(obj.id) or ""
    changed: dict[str, tuple[Any, Any]] = {}
    for column in field_columns(table):
        hist = state.attrs[_attr(obj, column)].history
        if not hist.has_changes():
            continue
        old = encode(hist.deleted[0]) if hist.deleted else None
        new = encode(hist.added[0]) if hist.added else None
        if hist.deleted and old == new:
            continue
        changed[column] = (old, new)
    if not changed:
        return
    _log_fields(flush, table, row_id, flush.person_of(obj), changed, _values(obj, table), logged)


def _log_fields(flush: _Flush, table: Table, row_id: str, person: str | None,
                changed: dict[str, tuple[Any, Any]], values_now: dict[str, Any],
                logged: list[dict[str, Any]]) -> None:
    """One change per changed field, replacing the field's heads here."""
    if "person_id" in changed and table.name != PERSONS and changed["person_id"][1]:
        person = changed["person_id"][1]  # moved to another person (a merge): it is theirs now
    if not any(c["field"] == INSERT for c in logged):
        # A row from before the change log: its baseline first, with the values it had.
        values = dict(values_now)
        for column, (old, _new) in changed.items():
            values[column] = old
        base = flush.add(table.name, row_id, INSERT, values, [], person,
                         change_id=baseline_id(table.name, row_id), clock=BASELINE_CLOCK)
        logged = [*logged, {"id": base, "field": INSERT, "replaces": []}]
    for column, (_old, new) in changed.items():
        replaces = [c["id"] for c in heads(logged, column)]
        flush.add(table.name, row_id, column, new, replaces, person)
    _settle_conflicts(flush.conn, table.name, row_id, list(changed))


# -- bulk statements run through a session ---------------------------------------------------

def _table_named(name: str) -> Table | None:
    return next((t for t in replicated_tables() if t.name == name), None)


def _row_person(conn: Any, table: Table, row: Any, logged: list[dict[str, Any]]) -> str | None:
    """The person of a row read with Core: from its log, else through its foreign keys."""
    known = next((c.get("person_id") for c in logged if c.get("person_id")), None)
    if known or table.name == PERSONS:
        return known or hex_id(row["id"])
    for fk in table.foreign_keys:
        value = row.get(fk.parent.name)
        target = fk.column.table
        if value is None or target.name == "users":
            continue
        if target.name == PERSONS:
            return hex_id(value)
        parent = conn.execute(select(target).where(target.c.id == value)).mappings().first()
        if parent is not None and (found := _row_person(conn, target, parent, [])):
            return found
    return None


def _audit_lines_deleted(session: Session, state: Any) -> Any:
    """Audit lines removed (erasure): an origin that pointed to one must not claim the number,
    which SQLite may give to the next line. A merge keeps the lines, and their origins."""
    a, o = AuditEvent.__table__, ExchangeAuditOrigin.__table__
    conn = session.connection()
    where = state.statement.whereclause
    gone = list(conn.execute(select(a.c.id) if where is None else select(a.c.id).where(where),
                             state.parameters or {}).scalars())
    result = state.invoke_statement()
    for i in range(0, len(gone), 500):
        conn.execute(update(o).where(o.c.audit_id.in_(gone[i:i + 500])).values(audit_id=None))
    return result


@event.listens_for(Session, "do_orm_execute")
def _bulk_statement(state: Any) -> Any:
    """``session.execute(update(...))`` and ``delete(...)`` bypass the unit of work: compare the
    rows they touch before and after, and log what changed (``last_contact.touch``, the merge
    of two person records, ...). Bulk inserts are not captured (the export's baseline covers
    rows without an insert)."""
    session = state.session
    if suspended(session) or not (state.is_update or state.is_delete):
        return None
    stmt = state.statement
    name = getattr(getattr(stmt, "table", None), "name", "")
    if name == AuditEvent.__tablename__ and state.is_delete:
        return _audit_lines_deleted(session, state)
    table = _table_named(name)
    if table is None:
        return None
    conn = session.connection()
    where = stmt.whereclause
    params = state.parameters
    if isinstance(params, list):  # an update by primary keys, one parameter set a row
        keys = [p.get("id") for p in params if isinstance(p, dict)]
        query = select(table).where(table.c.id.in_([k for k in keys if k is not None]))
        params = {}
    else:
        query = select(table) if where is None else select(table).where(where)
    before = {r["id"]: dict(r) for r in conn.execute(query, params or {}).mappings()}
    result = state.invoke_statement()
    if not before:
        return result
    ids = list(before)
    after: dict[Any, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        after.update((r["id"], dict(r)) for r in conn.execute(
            select(table).where(table.c.id.in_(ids[i:i + 500]))).mappings())
    flush = _Flush(session)
    flush.start()
    logged = row_changes(conn, table.name, [hex_id(i) or "" for i in ids])
    erased = []
    for row_id, old in before.items():
        rid = hex_id(row_id) or ""
        person = _row_person(conn, table, old, logged[rid])
        new = after.get(row_id)
        if new is None:
            if table.name == PERSONS:
                erased.append(rid)
            else:
                flush.add(table.name, rid, DELETE, None, [], person)
            continue
        changed = {}
        for column in field_columns(table):
            o, n = encode(old[column]), encode(new[column])
            if o != n:
                changed[column] = (o, n)
        if changed:
            values_now = {c: encode(new[c]) for c in travelling_columns(table)}
            _log_fields(flush, table, rid, person, changed, values_now, logged[rid])
    if flush.rows:
        conn.execute(insert(ExchangeChange.__table__), flush.rows)
    for person in erased:
        erase_person(conn, person, flush.laptop, flush.clock)
    return result


def _settle_conflicts(conn: Any, table: str, row_id: str, fields: list[str]) -> None:
    """An edit here replaced every value the field had: no conflict waits any longer."""
    from app.store.exchange_tables import ExchangeConflict

    t = ExchangeConflict.__table__
    conn.execute(delete(t).where(t.c.table_name == table, t.c.row_id == row_id,
                                 t.c.field.in_(fields)))


def erase_person(conn: Any, person: str, laptop: str, clock: str) -> None:
    """A tombstone for ``person`` (id only), and their rows gone from the change log."""
    t = ExchangeTombstone.__table__
    if conn.execute(select(t.c.person_id).where(t.c.person_id == person)).first() is None:
        conn.execute(insert(t).values(person_id=person, laptop=laptop, hlc=clock))
    purge_person(conn, person)


def purge_person(conn: Any, person: str) -> None:
    """Remove from the log the changes of ``person``'s rows that no longer exist (rows moved
    to another person stay)."""
    c = ExchangeChange.__table__
    rows = conn.execute(select(c.c.table_name, c.c.row_id).where(c.c.person_id == person)
                        .distinct()).all()
    by_table: dict[str, list[str]] = {}
    for table, row_id in rows:
        by_table.setdefault(table, []).append(row_id)
    tables = {t.name: t for t in replicated_tables()}
    for name, ids in by_table.items():
        table = tables.get(name)
        alive: set[str] = set()
        if table is not None:
            for i in range(0, len(ids), 500):
                chunk = [uuid.UUID(x) for x in ids[i:i + 500]]
                alive.update(r.hex for r in conn.execute(
                    select(table.c.id).where(table.c.id.in_(chunk))).scalars())
        dead = [x for x in ids if x not in alive]
        for i in range(0, len(dead), 500):
            conn.execute(delete(c).where(c.c.table_name == name,
                                         c.c.row_id.in_(dead[i:i + 500])))
