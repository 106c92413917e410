"""Laptops of one office for exchange tests: the first made like an office's first laptop,
the others joined from it through real join files."""

from __future__ import annotations

import uuid
from pathlib import Path

from acting import acting
from sqlalchemy import select

from app.exchange import join, transfer
from app.store import Store, Target, open_store
from app.store.keys import key_for_file
from app.store.models import Person

PASSPHRASE = "laptop passphrase, long enough"


def first_laptop(path: Path) -> Store:
    from app.access.workspace import initialise

    store = initialise(Target(path=path), PASSPHRASE)
    with store.session() as db:
        acting(db)
    return store


def join_from(source: Store, path: Path) -> Store:
    with source.session() as db:
        sealed, made = join.make_join_bytes(db, acting(db))
    store, _recovery, _summary = join.join(Target(path=path), PASSPHRASE, sealed, made.code)
    return store


def exchange(sender: Store, receiver: Store):  # noqa: ANN201 - a Summary
    """One file from ``sender`` read by ``receiver``."""
    with sender.session() as db:
        sealed, _counts = transfer.export_bytes(db, acting(db))
    with receiver.session() as db:
        return transfer.import_bytes(db, acting(db), sealed)


def reopen(path: Path) -> Store:
    return open_store(Target(path=path), key=key_for_file(path, PASSPHRASE))


def person_ids(store: Store) -> set[uuid.UUID]:
    with store.session(read_only=True) as db:
        return set(db.scalars(select(Person.id)))


def snapshot(store: Store) -> dict[str, list[tuple]]:
    """Every travelling row of every table, without the local bookkeeping (version, when and
    by whom last written here), to compare laptops."""
    from app.store import change_capture as cc

    out: dict[str, list[tuple]] = {}
    with store.engine.connect() as conn:
        for table in cc.replicated_tables():
            cols = [c for c in table.columns
                    if c.name not in cc.SKIPPED_COLUMNS | cc.BOOKKEEPING]
            out[table.name] = sorted(tuple(str(v) for v in row)
                                     for row in conn.execute(select(*cols)))
    return out


def conflicts(store: Store) -> set[tuple[str, str, str]]:
    from app.store.exchange_tables import ExchangeConflict

    with store.session(read_only=True) as db:
        return {(c.table_name, c.row_id, c.field) for c in db.scalars(select(ExchangeConflict))}


def erase(store: Store, by: uuid.UUID, person_id: uuid.UUID) -> None:
    """Erase a person as ``by`` (a coordinator: erase_person looks the role up)."""
    from app.privacy import erasure

    erasure.erase_person(store, by, person_id)
