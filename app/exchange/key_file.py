"""The office's exchange key changes with the data key; a key file brings it to the other laptops.

A data key rotation (``app.access.rotation``: deactivating a user, a password that may be
known) gives the office a new random exchange key, one *generation* on, so that a copy of the
database opened with a secret valid before holds only the old key: it reads no exchange file
made afterwards, and the files it makes are refused. The other laptops get the new key from a
**key file** a coordinator makes here: sealed like a join file with a key derived (scrypt) from
a one-time code shown once on the screen (``app.exchange.code_seal``), never with the old
exchange key. A coordinator takes it in on each laptop with the code. A laptop takes only a
newer key than it has (generation, then the key itself as a tie-break, so two laptops that
changed the key at once end up with the same one), so an old key file cannot roll it back. A
laptop's own changes wait in its change log meanwhile and go out in its next exchange file.
A sync (``app.exchange.sync``) carries the newer key to the other side too.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.access.permissions import Permission, require_user
from app.exchange import code_seal, exchange_file
from app.exchange.exchange_file import ExchangeError
from app.files import write_atomic
from app.i18n import _
from app.services import audit
from app.store import Store
from app.store import change_capture as cc
from app.store.exchange_tables import ExchangeReplica

SUFFIX = ".wegwijs-key"


@dataclass
class KeyFile:
    """A key file made: its one-time code (shown once) and the key's generation."""

    code: str
    generation: int


@dataclass
class TakenKey:
    """A key file taken: the key's generation, and whether it was new to this laptop."""

    generation: int
    changed: bool


def _newer(generation: int, key: str, than_generation: int, than_key: str) -> bool:
    return (generation, key) > (than_generation, than_key)


def renew(conn: Any) -> int | None:
    """Give this database a new random exchange key, one generation on; its generation, or None
    when the database has no exchange row yet (its first use makes a key never shared)."""
    table = ExchangeReplica.__table__
    row = conn.execute(select(table.c.key_generation).where(table.c.id == 1)).first()
    if row is None:
        return None
    generation = int(row[0] or 0) + 1
    conn.execute(update(table).where(table.c.id == 1).values(
        office_key=secrets.token_hex(32), key_generation=generation))
    return generation


def shared(conn: Any) -> bool:
    """Whether this database exchanges with others of the office (it made a join file or came
    from one): they need a key file after the key changed."""
    table = ExchangeReplica.__table__
    row = conn.execute(select(table.c.series, table.c.series_given)
                       .where(table.c.id == 1)).first()
    return row is not None and bool(row[0] or row[1])


def adopt(conn: Any, generation: int, key: str) -> bool:
    """Take the office exchange key ``key`` (hex) of ``generation`` when it is newer than this
    laptop's; never an older one. Whether it was taken."""
    me = cc.replica(conn)
    if not _newer(generation, key, int(me["key_generation"] or 0), me["office_key"]):
        return False
    table = ExchangeReplica.__table__
    conn.execute(update(table).where(table.c.id == 1).values(office_key=key,
                                                             key_generation=generation))
    return True


def make_key_bytes(db: Session, by: uuid.UUID | None) -> tuple[bytes, KeyFile]:
    """The sealed key file with this laptop's exchange key (coordinators), and its code."""
    require_user(db, by, Permission.MANAGE_USERS)
    me = cc.replica(db.connection())
    generation = int(me["key_generation"] or 0)
    sealed, code = code_seal.seal({"office": me["office"], "office_key": me["office_key"],
                                   "key_generation": generation},
                                  me["office"], exchange_file.KEY)
    audit.record(db, by, "export", "exchange_key", None, detail=f"generation={generation}")
    return sealed, KeyFile(code, generation)


def make_key_file(store: Store, by: uuid.UUID | None, path: Path) -> KeyFile:
    with store.session() as db:
        sealed, made = make_key_bytes(db, by)
        write_atomic(path, sealed)  # inside the transaction: a failure keeps no audit line
    return made


def check_key_file(db: Session, data: bytes) -> str:
    """The office id of a key file of this office, before any code is asked; refused with a
    message: another kind of file, another office."""
    _fmt, kind, office, _salt = exchange_file.read_header(data)
    if kind != exchange_file.KEY:
        raise ExchangeError(_("This is not a key file (it is an exchange or join file). A key "
                              "file is made with Exchange → Key file for the other laptops… "
                              "(or 'wegwijs exchange key-file'). Nothing was changed."))
    if office != cc.replica(db.connection())["office"]:
        raise ExchangeError(_("This key file belongs to another office (or to a laptop that "
                              "has not joined this office); nothing was changed."))
    return office


def open_key_file(db: Session, data: bytes, code: str) -> tuple[int, str]:
    """(generation, key hex) of a key file of this office; refused with a message saying why:
    another kind of file, another office, a wrong code, a changed file."""
    office = check_key_file(db, data)
    try:
        payload = code_seal.open_sealed(data, code)
    except ExchangeError:
        raise ExchangeError(_("The code does not fit this key file (or the file was changed). "
                              "Type the code the coordinator's screen showed for this file; "
                              "nothing was changed.")) from None
    key = payload.get("office_key")
    generation = payload.get("key_generation")
    if payload.get("office") != office or not isinstance(generation, int) or \
            not isinstance(key, str) or len(key) != 64:
        raise ExchangeError(_("This key file was changed after it was made; nothing was "
                              "changed."))
    return generation, key


def take_key_bytes(db: Session, by: uuid.UUID | None, data: bytes, code: str) -> TakenKey:
    """Take the office's exchange key from a key file (coordinators). Refused: another office's
    file, a wrong code, an older key than this laptop has (no roll-back)."""
    require_user(db, by, Permission.MANAGE_USERS)
    generation, key = open_key_file(db, data, code)
    me = cc.replica(db.connection())
    mine = int(me["key_generation"] or 0)
    if (generation, key) == (mine, me["office_key"]):
        return TakenKey(generation, False)
    if generation == mine and not _newer(generation, key, mine, me["office_key"]):
        raise ExchangeError(_("This laptop's exchange key was changed too, apart from the "
                              "laptop that made this key file. Make a key file on this laptop "
                              "and take it on the other laptops instead; nothing was changed."))
    if not adopt(db.connection(), generation, key):
        raise ExchangeError(_("This key file holds an older exchange key than this laptop has "
                              "(the key was changed again after the file was made); nothing "
                              "was changed. Make a new key file on the laptop where the key "
                              "was changed last."))
    audit.record(db, by, "update", "exchange_key", None, detail=f"generation={generation}")
    return TakenKey(generation, True)


def take_key_file(store: Store, by: uuid.UUID | None, path: Path, code: str) -> TakenKey:
    data = exchange_file.read_file(path)
    with store.session() as db:
        return take_key_bytes(db, by, data, code)
