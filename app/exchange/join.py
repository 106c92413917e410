"""A new laptop joins the office: a coordinator makes a join file, the new laptop reads it.

The join file holds the office's data and users, the office exchange key and the new laptop's
own series of record numbers. It is sealed with a key derived (scrypt) from a one-time code
that the coordinator's screen shows once and that never travels with the file. The new laptop
gets a database of its own (its own data key and office passphrase, its own laptop id).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.orm import Session

from app.access.permissions import Permission, require_user
from app.errors import StoreError, WrongPassphrase
from app.exchange import code_seal, exchange_file, incoming, outgoing, series
from app.exchange.exchange_file import ExchangeError
from app.exchange.transfer import check_payload, office_key
from app.files import write_atomic
from app.i18n import _
from app.services import audit
from app.store import Store, Target
from app.store import change_capture as cc
from app.store.exchange_tables import ExchangeReplica, new_id

SUFFIX = ".wegwijs-join"
new_code = code_seal.new_code  # the one-time code (app.exchange.code_seal)


@dataclass
class JoinFile:
    code: str
    series: int
    people: int


def make_join_bytes(db: Session, by: uuid.UUID | None) -> tuple[bytes, JoinFile]:
    """A sealed join file for one new laptop (coordinators), and its one-time code."""
    require_user(db, by, Permission.MANAGE_USERS)
    conn = db.connection()
    me = cc.replica(conn)
    series = max(int(me["series_given"] or 0), int(me["series"] or 0)) + 1
    r = ExchangeReplica.__table__
    conn.execute(update(r).where(r.c.id == 1).values(series_given=series))
    data = outgoing.payload(db)
    office, key = office_key(db)
    sealed, code = code_seal.seal({"office": office, "office_key": key.hex(),
                                   "key_generation": int(me["key_generation"] or 0),
                                   "series": series, "exchange": data},
                                  office, exchange_file.JOIN)
    audit.record(db, by, "export", "join_file", None, detail=f"series={series}")
    return sealed, JoinFile(code, series, outgoing.counts(data)["people"])


def make_join_file(store: Store, by: uuid.UUID | None, path: Path) -> JoinFile:
    with store.session() as db:
        sealed, made = make_join_bytes(db, by)
    write_atomic(path, sealed)
    return made


def open_join(data: bytes, code: str) -> dict:
    """The join file's contents; a wrong code or a changed file is refused."""
    _fmt, kind, office, _salt = exchange_file.read_header(data)
    if kind == exchange_file.KEY:
        raise ExchangeError(_("This is a key file (the office's new exchange key), not a join "
                              "file: a coordinator takes it on a laptop of the office with "
                              "'wegwijs exchange take-key'."))
    if kind != exchange_file.JOIN:
        raise ExchangeError(_("This is an exchange file, not a join file: read it with "
                              "'wegwijs exchange import' on a laptop of the office."))
    try:
        payload = code_seal.open_sealed(data, code)
    except ExchangeError:
        raise ExchangeError(_("The code does not fit this join file (or the file was changed). "
                              "Type the code the coordinator's screen showed for this file; "
                              "nothing was created.")) from None
    if payload.get("office") != office:
        raise ExchangeError(_("This join file was changed after it was made; nothing was "
                              "created."))
    check_payload(payload["exchange"])
    return payload


def join_store(store: Store, payload: dict) -> incoming.Summary:
    """Make an empty, new database (``store``) a laptop of the office in ``payload``."""
    with store.session() as db:
        conn = db.connection()
        r = ExchangeReplica.__table__
        cc.replica(conn)  # made if missing, then set to the office's
        conn.execute(update(r).where(r.c.id == 1).values(
            laptop=new_id(), office=payload["office"], office_key=payload["office_key"],
            key_generation=int(payload.get("key_generation", 0)),
            series=int(payload["series"]), series_given=int(payload["series"]), clock=""))
        series.start_series(conn, int(payload["series"]))
        summary = incoming.merge_payload(db, payload["exchange"], duplicates=False)
    return summary


def join(target: Target, passphrase: str, data: bytes, code: str) -> tuple[Store, str | None,
                                                                          incoming.Summary]:
    """Create the new laptop's database at ``target`` from a join file.

    Returns the open store, its recovery key (to print once) and what came in. The database is
    removed again if anything fails, so a wrong step can simply be repeated.
    """
    payload = open_join(data, code)
    if target.path is not None and target.path.exists():
        raise StoreError(_("{path} already exists: a laptop joins with a new, empty database. "
                           "Choose another name with --db.").format(path=target.path))
    from app.access import keyring
    from app.store import create_store

    recovery = None
    if target.is_sqlite and target.path is not None:
        keys = keyring.create(passphrase)
        target.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        keyring.save(target.path, keys.keyring)
        try:
            store = create_store(target, key=keys.key)
        except Exception:
            keyring.keyring_path(target.path).unlink(missing_ok=True)
            raise
        recovery = keys.recovery_code
    else:
        store = create_store(target, passphrase)
    try:
        summary = join_store(store, payload)
    except BaseException:
        store.close()
        if target.is_sqlite and target.path is not None:
            for suffix in ("", "-wal", "-shm", ".keyring", ".lock"):
                Path(str(target.path) + suffix).unlink(missing_ok=True)
        raise
    return store, recovery, summary


def give_own_way_in(store: Store, username: str, password: str) -> None:
    """After joining: ``username`` (who came in the join file) opens this laptop's database with
    their own password from now on. Refused when the password is not theirs."""
    from app.access import workspace
    from app.services import users

    with store.session() as db:
        try:
            user = users.authenticate(db, username, password)
        except WrongPassphrase:
            raise WrongPassphrase(_("This is not the password of {name} (as the join file has "
                                    "it); nothing was changed.").format(name=username)) from None
        name = user.username
    workspace.set_user_passphrase(store, name, password)
