"""The same person registered twice: two records made one, field by field, undoable until
confirmed.

The API (the window, the command line and the exchange import of issue 13 call it):

- ``propose(db, by, survivor_id, duplicate_id)`` → ``Preview``: every field of both records
  side by side with a suggested choice, and how many attached rows move (intakes, plans,
  consents, contacts, stays, decisions, ...).
- ``merge(db, by, survivor_id, duplicate_id, choices)`` → ``PersonMerge``: ``choices`` maps a
  field name to ``"survivor"`` or ``"duplicate"`` (fields left out take the suggestion). Every
  row of every table that points at the duplicate moves to the survivor (found from the
  models' foreign keys, so tables added later move too), the chosen values are written on the
  survivor, the duplicate's record is removed. A snapshot keeps both records and the moved rows.
- ``undo(db, by, merge_id)``: the duplicate comes back with its own number, its rows move back
  and the survivor's fields get their values before the merge (a field changed since keeps
  the newer value).
- ``confirm(db, by, merge_id)``: final; the snapshot (the duplicate's data) is emptied.

Every step is audited (``merge``, ``undo``, ``confirm``). The audit lines of the duplicate stay
under its id (the audit trail is append-only); ``merged_ids`` lets the history include them.

For the exchange between laptops (``app.store.change_capture`` logs ORM flushes): the moved
rows and the survivor's chosen fields are written through the ORM, so they travel as field
changes, and so does the ``PersonMerge`` row. Removing the duplicate's record (and putting it
back on undo) is plain SQL on purpose: a deleted person would travel as an erasure, which
always wins and would erase, on the other laptop, what was added there to the duplicate since.
The exchange applies an arriving ``PersonMerge`` by merging (or undoing) there as well.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Column, Table, delete, insert, select, update
from sqlalchemy.orm import Session

from app.access.permissions import Permission, require_user
from app.errors import InvalidInput, NotAllowed, NotFound
from app.i18n import _
from app.services import audit, search
from app.store.models import Base, Draft, Person, PersonLanguage, PersonMerge, SearchKey
from app.vocabulary import MergeStatus

SURVIVOR, DUPLICATE = "survivor", "duplicate"
# Columns that are the record itself, not a fact about the person.
_BOOKKEEPING = frozenset({"id", "record_number", "sort_name", "created_at", "created_by",
                          "updated_at", "updated_by", "version"})
LANGUAGES = "languages"
# Tables not moved row by row: the search keys are made again, languages are a field, and the
# merges themselves point at the survivor.
_NOT_MOVED = frozenset({"persons", "search_keys", "person_languages", "person_merges"})


def merge_fields() -> tuple[str, ...]:
    """The fields chosen one by one: every column of a person but the bookkeeping, and the
    languages."""
    columns = [c.name for c in Person.__table__.columns if c.name not in _BOOKKEEPING]
    return (*columns, LANGUAGES)


@dataclass(frozen=True)
class FieldChoice:
    name: str
    survivor: Any
    duplicate: Any
    suggested: str  # SURVIVOR or DUPLICATE

    @property
    def same(self) -> bool:
        return self.survivor == self.duplicate


@dataclass(frozen=True)
class Preview:
    survivor_id: uuid.UUID
    duplicate_id: uuid.UUID
    survivor_code: str
    duplicate_code: str
    survivor_name: str
    duplicate_name: str
    fields: tuple[FieldChoice, ...]
    attached: dict[str, int]  # table -> rows of the duplicate that move

    def field(self, name: str) -> FieldChoice:
        return next(f for f in self.fields if f.name == name)


def _plain(value: Any) -> Any:
    """A column value as JSON."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _typed(column: Column, value: Any) -> Any:
    """A JSON value back as the column's Python value."""
    if value is None:
        return None
    python: Any = None
    for kind in (column.type, getattr(column.type, "impl", None)):
        try:
            python = kind.python_type if kind is not None else None
        except NotImplementedError:
            python = None
        if python not in (None, object):
            break
    if python is uuid.UUID:
        return uuid.UUID(value)
    if python is datetime:
        return datetime.fromisoformat(value)
    if python is date:
        return date.fromisoformat(value)
    if isinstance(python, type) and issubclass(python, Enum):
        return python(value)
    return value


def _languages(db: Session, person_id: uuid.UUID) -> list[list[Any]]:
    rows = db.scalars(select(PersonLanguage).where(PersonLanguage.person_id == person_id)
                      .order_by(PersonLanguage.position))
    return [[r.language, r.reading.value, r.position] for r in rows]


def _row(db: Session, person: Person) -> dict[str, Any]:
    """Every column of a person as JSON, and the languages."""
    out = {c.name: _plain(getattr(person, c.key)) for c in Person.__table__.columns}
    out[LANGUAGES] = _languages(db, person.id)
    return out


def _empty(value: Any) -> bool:
    return value in (None, "", [], "unknown")


def _suggest(name: str, survivor: Any, duplicate: Any) -> str:
    if name == "last_contact_on":  # the latest contact of either record
        return DUPLICATE if duplicate and (not survivor or duplicate > survivor) else SURVIVOR
    return DUPLICATE if _empty(survivor) and not _empty(duplicate) else SURVIVOR


def _person_columns() -> list[tuple[Table, Column]]:
    """Every column of another table that points at a person, except those not moved."""
    out = []
    for table in Base.metadata.sorted_tables:
        if table.name in _NOT_MOVED:
            continue
        for column in table.columns:
            if any(fk.column.table.name == "persons" for fk in column.foreign_keys):
                out.append((table, column))
    return out


def _pk(table: Table) -> Column:
    (key,) = table.primary_key.columns
    return key


def _attached(db: Session, person_id: uuid.UUID) -> dict[str, list[str]]:
    moved: dict[str, list[str]] = {}
    for table, column in _person_columns():
        ids = [str(i) for i in db.scalars(select(_pk(table)).where(column == person_id))]
        if ids:
            moved[f"{table.name}.{column.name}"] = ids
    return moved


def _move(db: Session, table: Table, column: Column, ids: list[str], to: uuid.UUID, *,
          only_from: uuid.UUID | None = None) -> None:
    """Point the rows ``ids`` of ``table`` at another person, through the ORM where the table
    is mapped (so the exchange's change log sees each move as a field change), else in SQL."""
    key = _pk(table)
    keys = [_typed(key, i) for i in ids]
    mapper = next((m for m in Base.registry.mappers if m.local_table is table), None)
    if mapper is None:
        stmt = update(table).where(key.in_(keys))
        if only_from is not None:
            stmt = stmt.where(column == only_from)
        db.execute(stmt.values({column.name: to}))
        return
    attr = mapper.get_property_by_column(column).key
    pk_attr = mapper.get_property_by_column(key).key
    cls = mapper.class_
    stmt = select(cls).where(getattr(cls, pk_attr).in_(keys))
    if only_from is not None:
        stmt = stmt.where(getattr(cls, attr) == only_from)
    for row in db.scalars(stmt):
        setattr(row, attr, to)


def _people(db: Session, survivor_id: uuid.UUID, duplicate_id: uuid.UUID
            ) -> tuple[Person, Person]:
    if survivor_id == duplicate_id:
        raise InvalidInput({"duplicate": _("Choose two different records.")})
    survivor, duplicate = db.get(Person, survivor_id), db.get(Person, duplicate_id)
    if survivor is None or duplicate is None:
        raise NotFound(_("This person is no longer in the database."))
    return survivor, duplicate


def propose(db: Session, by: uuid.UUID | None, survivor_id: uuid.UUID,
            duplicate_id: uuid.UUID) -> Preview:
    """Both records side by side with a suggested value for each field, and what moves."""
    require_user(db, by, Permission.MERGE_PERSONS)
    survivor, duplicate = _people(db, survivor_id, duplicate_id)
    db.flush()
    a, b = _row(db, survivor), _row(db, duplicate)
    fields = tuple(FieldChoice(n, a[n], b[n], _suggest(n, a[n], b[n])) for n in merge_fields())
    counts = {}
    for key, ids in _attached(db, duplicate.id).items():
        table = key.split(".")[0]
        counts[table] = counts.get(table, 0) + len(ids)
    return Preview(survivor.id, duplicate.id, survivor.record_code, duplicate.record_code,
                   survivor.display_name, duplicate.display_name, fields, counts)


def candidates(db: Session, by: uuid.UUID | None, person_id: uuid.UUID) -> list:
    """Who may be the same person (names that sound alike, a date of birth that fits): the
    rows of ``search.likely_duplicates``, best first."""
    from app.services import persons

    require_user(db, by, Permission.MERGE_PERSONS)
    person = persons._person(db, person_id)
    fields = persons.PersonFields(given_names=person.given_names, family_name=person.family_name,
                                  name_original=person.name_original, nickname=person.nickname,
                                  birth_date=person.birth_date)
    return [c.row for c in persons._duplicates(db, fields, exclude=person_id)]


def _draft_clashes(db: Session, survivor_id: uuid.UUID, duplicate_id: uuid.UUID) -> bool:
    mine = {(d.user_id, d.form) for d in db.scalars(select(Draft)
                                                    .where(Draft.person_id == survivor_id))}
    return any((d.user_id, d.form) in mine
               for d in db.scalars(select(Draft).where(Draft.person_id == duplicate_id)))


def merge(db: Session, by: uuid.UUID | None, survivor_id: uuid.UUID, duplicate_id: uuid.UUID,
          choices: Mapping[str, str] | None = None) -> PersonMerge:
    """Make the duplicate part of the survivor (see the module's description)."""
    require_user(db, by, Permission.MERGE_PERSONS)
    survivor, duplicate = _people(db, survivor_id, duplicate_id)
    choices = dict(choices or {})
    known = set(merge_fields())
    bad = {k: _("Choose the value of one of the two records.") for k, v in choices.items()
           if k not in known or v not in (SURVIVOR, DUPLICATE)}
    if bad:
        raise InvalidInput(bad)
    if _draft_clashes(db, survivor.id, duplicate.id):
        raise NotAllowed(_("Both records have a form typed but not saved by the same user; "
                           "save or discard it first (Today lists them)."))
    db.flush()
    before, other = _row(db, survivor), _row(db, duplicate)
    chosen = {n: (other if choices.get(n, _suggest(n, before[n], other[n])) == DUPLICATE
                  else before)[n] for n in merge_fields()}
    moved = _attached(db, duplicate.id)
    number = duplicate.record_number
    # Move every attached row, then take the duplicate's record away (Core statements: the
    # ORM's cascades must not touch the rows that moved).
    for table, column in _person_columns():
        ids = moved.get(f"{table.name}.{column.name}")
        if ids:
            _move(db, table, column, ids, survivor.id)
    db.flush()
    db.expire_all()
    db.execute(delete(SearchKey).where(SearchKey.person_id == duplicate.id))
    db.execute(delete(PersonLanguage).where(PersonLanguage.person_id == duplicate.id))
    db.execute(delete(Person.__table__).where(Person.__table__.c.id == duplicate.id))
    db.expire_all()
    survivor = db.get(Person, survivor_id)
    assert survivor is not None
    _write_fields(db, survivor, chosen, by)
    row = PersonMerge(survivor_id=survivor.id, duplicate_id=duplicate_id,
                      duplicate_record_number=number, status=MergeStatus.PENDING,
                      snapshot={"survivor": before, "duplicate": other, "merged": chosen,
                                "moved": moved},
                      merged_by=by)
    db.add(row)
    db.flush()
    audit.record(db, by, "merge", "person", survivor.id, person_id=survivor.id,
                 detail=f"from {duplicate_id}")
    audit.record(db, by, "merge", "person", duplicate_id, person_id=duplicate_id,
                 detail=f"into {survivor.id}")
    return row


def _write_fields(db: Session, person: Person, values: Mapping[str, Any],
                  by: uuid.UUID | None) -> None:
    columns = Person.__table__.columns
    for name, value in values.items():
        if name == LANGUAGES:
            continue
        setattr(person, columns[name].key, _typed(columns[name], value))
    if LANGUAGES in values:
        db.execute(delete(PersonLanguage).where(PersonLanguage.person_id == person.id))
        db.expire(person, ["languages"])
        for language, reading, position in values[LANGUAGES]:
            db.add(PersonLanguage(person_id=person.id, language=language,
                                  reading=reading, position=position))
    person.updated_by = by
    db.flush()
    db.expire(person, ["languages"])
    search.index_person(db, person)
    db.flush()


def _merge(db: Session, merge_id: uuid.UUID) -> PersonMerge:
    row = db.get(PersonMerge, merge_id)
    if row is None:
        raise NotFound(_("This merge is no longer in the database."))
    if row.status != MergeStatus.PENDING:
        raise NotAllowed(_("This merge was already confirmed or undone."))
    return row


def undo(db: Session, by: uuid.UUID | None, merge_id: uuid.UUID) -> PersonMerge:
    """Split the records again, as they were before the merge (see the module)."""
    require_user(db, by, Permission.MERGE_PERSONS)
    row = _merge(db, merge_id)
    snap = row.snapshot
    survivor = db.get(Person, row.survivor_id)
    assert survivor is not None  # the merge goes with the survivor when it is erased
    db.flush()
    now = _row(db, survivor)
    # The survivor's own values back, where nobody changed them since the merge.
    restore = {n: snap["survivor"][n] for n in merge_fields()
               if now.get(n) == snap["merged"][n] and n in snap["survivor"]}
    _write_fields(db, survivor, restore, by)
    dup = snap["duplicate"]
    columns = Person.__table__.columns
    db.execute(insert(Person.__table__).values(
        {c.name: _typed(c, dup[c.name]) for c in columns if c.name in dup}))
    duplicate_id = uuid.UUID(dup["id"])
    for language, reading, position in dup[LANGUAGES]:
        db.add(PersonLanguage(person_id=duplicate_id, language=language, reading=reading,
                              position=position))
    db.flush()
    for table, column in _person_columns():
        ids = snap["moved"].get(f"{table.name}.{column.name}")
        if ids:
            _move(db, table, column, ids, duplicate_id, only_from=survivor.id)
    db.flush()
    db.expire_all()
    duplicate = db.get(Person, duplicate_id)
    assert duplicate is not None
    search.index_person(db, duplicate)
    row.status = MergeStatus.UNDONE
    row.snapshot = {}
    row.settled_by = by
    row.settled_at = datetime.now(UTC)
    db.flush()
    audit.record(db, by, "undo", "person", row.survivor_id, person_id=row.survivor_id,
                 detail=f"merge {row.id}")
    audit.record(db, by, "undo", "person", duplicate_id, person_id=duplicate_id,
                 detail=f"merge {row.id}")
    return row


def confirm(db: Session, by: uuid.UUID | None, merge_id: uuid.UUID) -> PersonMerge:
    """Make the merge final: the duplicate's data kept for undoing is removed."""
    require_user(db, by, Permission.MERGE_PERSONS)
    row = _merge(db, merge_id)
    row.status = MergeStatus.CONFIRMED
    row.snapshot = {}
    row.settled_by = by
    row.settled_at = datetime.now(UTC)
    db.flush()
    audit.record(db, by, "confirm", "person", row.survivor_id, person_id=row.survivor_id,
                 detail=f"merge {row.id}")
    return row


def pending_merges(db: Session, by: uuid.UUID | None,
                   person_id: uuid.UUID | None = None) -> list[PersonMerge]:
    """Merges not yet confirmed (of one survivor, or all), newest first."""
    require_user(db, by, Permission.MERGE_PERSONS)
    stmt = select(PersonMerge).where(PersonMerge.status == MergeStatus.PENDING)
    if person_id is not None:
        stmt = stmt.where(PersonMerge.survivor_id == person_id)
    return list(db.scalars(stmt.order_by(PersonMerge.merged_at.desc())))


def merged_ids(db: Session, by: uuid.UUID | None, person_id: uuid.UUID) -> list[uuid.UUID]:
    """The ids of records merged into this person (pending or confirmed): their audit lines
    are part of the person's history."""
    require_user(db, by)
    return _merged_ids(db, person_id)


def _merged_ids(db: Session, person_id: uuid.UUID) -> list[uuid.UUID]:
    """``merged_ids`` for a caller that has checked its user already."""
    return list(db.scalars(select(PersonMerge.duplicate_id)
                           .where(PersonMerge.survivor_id == person_id,
                                  PersonMerge.status != MergeStatus.UNDONE)))
