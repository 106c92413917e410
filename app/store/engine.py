"""Opening the store: an encrypted SQLite file (SQLCipher) or a PostgreSQL server.

SQLite connections are made and keyed in SQLAlchemy's ``do_connect`` event with the raw key
from ``app.keys``; the passphrase never reaches SQL text or a URL. Each connection is checked
to really be SQLCipher and gets WAL, ``synchronous=FULL``, foreign keys and in-memory temp
storage.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import StoreError, WrongPassphrase
from app.i18n import _
from app.keys import DatabaseKey

APPLICATION_ID = 0x57574A53  # "WWJS", set in every Wegwijs SQLite file


@dataclass(frozen=True)
class Target:
    """Where the data lives: a SQLite file path or a PostgreSQL URL."""

    path: Path | None = None
    url: str | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    def describe(self) -> str:
        """Human description without secrets."""
        if self.path is not None:
            return str(self.path)
        return make_url(self.url or "").render_as_string(hide_password=True)


def parse_target(value: str | Path) -> Target:
    """Read ``--db``: a file path, or a ``postgresql+psycopg://`` URL."""
    text = str(value).strip()
    if not text:
        raise StoreError(_("Name a database file or a postgresql+psycopg:// address."))
    if "://" in text:
        try:
            url = make_url(text)
        except ArgumentError:
            raise StoreError(_("This database address cannot be read: {value}")
                             .format(value=text.split("@")[-1])) from None
        if url.drivername in {"postgresql", "postgresql+psycopg"}:
            return Target(url=url.set(drivername="postgresql+psycopg").render_as_string(False))
        if url.drivername == "sqlite" and url.database:
            return Target(path=Path(url.database).expanduser())
        raise StoreError(_("Wegwijs stores data in an encrypted file or in PostgreSQL, "
                           "not in {kind}.").format(kind=url.drivername))
    return Target(path=Path(text).expanduser())


def _connect_sqlcipher(path: Path, key: DatabaseKey) -> Any:
    conn = sqlcipher.connect(str(path), check_same_thread=False, timeout=30)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {key.pragma_literal()}")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError as err:
            if "not a database" not in str(err):
                raise translate_error(err, Target(path=path)) from None
            raise WrongPassphrase(_(
                "The passphrase does not open this database. Check it (and Caps Lock) and try "
                "again."
            )) from None
        version = conn.execute("PRAGMA cipher_version").fetchone()
        if not version or not version[0]:
            raise StoreError(_("This build has no SQLCipher encryption; refusing to store data."))
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
        if not mode or str(mode[0]).lower() != "wal":
            raise StoreError(_("The database folder does not allow a write-ahead log."))
        # cache_size: 64 MiB of decrypted pages, so a search does not decrypt the same pages
        # again for every keystroke.
        for pragma in ("synchronous = FULL", "foreign_keys = ON", "temp_store = MEMORY",
                       "secure_delete = ON", "busy_timeout = 30000", "cache_size = -65536"):
            conn.execute(f"PRAGMA {pragma}")
    except BaseException:
        conn.close()
        raise
    return conn


def make_engine(target: Target, key: DatabaseKey | None = None) -> Engine:
    """An engine for ``target``; SQLite needs the database ``key``."""
    if target.url is not None:
        return create_engine(target.url, pool_pre_ping=True, hide_parameters=True)
    if key is None:
        raise StoreError(_("An encrypted database needs its passphrase."))
    path = target.path
    assert path is not None
    engine = create_engine("sqlite:///" + str(path), module=sqlcipher, hide_parameters=True)

    @event.listens_for(engine, "do_connect")
    def _do_connect(dialect: Any, conn_rec: Any, cargs: Any, cparams: Any) -> Any:
        return _connect_sqlcipher(path, key)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # pysqlite's own implicit BEGIN is off; start transactions ourselves (SQLAlchemy docs).
        options = conn.get_execution_options()
        if options.get("isolation_level") == "AUTOCOMMIT":
            return
        # A write session takes the write lock at once (waiting up to busy_timeout for another
        # writer); a deferred one could only fail with "database is busy" once it tries to
        # write after reading. Read-only sessions stay deferred and never wait for writers.
        conn.exec_driver_sql("BEGIN" if options.get("wegwijs_read_only") else "BEGIN IMMEDIATE")

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, conn_rec: Any) -> None:
        dbapi_conn.isolation_level = None

    return engine


def translate_error(err: Exception, target: Target) -> StoreError:
    """A message a volunteer can act on for an error from the database driver."""
    text = str(getattr(err, "orig", err)).lower()
    if "readonly" in text or "read-only" in text:
        return StoreError(_("The database {where} is read-only; ask for write access or move "
                            "it to a folder you can write.").format(where=target.describe()))
    if "disk is full" in text or "no space" in text:
        return StoreError(_("The disk is full. Free some space; nothing was saved of this last "
                            "change."))
    if "unable to open" in text:
        return StoreError(_("The database {where} cannot be opened: the folder is missing or not "
                            "writable.").format(where=target.describe()))
    if "locked" in text or "busy" in text:
        return StoreError(_("The database is busy in another window; try again in a moment."))
    if "connection" in text or "could not" in text:
        return StoreError(_("The database server {where} cannot be reached.")
                          .format(where=target.describe()))
    return StoreError(_("The database reported a problem: {reason}").format(
        reason=str(getattr(err, "orig", err)).splitlines()[0][:200]))


class Store:
    """An open store: an engine and a factory of sessions."""

    def __init__(self, engine: Engine, target: Target, key: DatabaseKey | None = None) -> None:
        self.engine = engine
        self.target = target
        self.key = key  # kept for backups of an SQLite store; None on PostgreSQL
        self.warnings: list[str] = []  # found on opening; the window shows them
        self.recovery_code: str | None = None  # only right after set-up, to print once
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(engine.execution_options(wegwijs_read_only=True),
                                           expire_on_commit=False)

    @contextmanager
    def session(self, *, read_only: bool = False) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error.

        ``read_only`` sessions (searches, lists) never wait for a writer; write sessions take
        the write lock when they begin, so two writers queue instead of failing.
        """
        session = (self._read_sessions if read_only else self._sessions)()
        try:
            yield session
            session.commit()
        except (OperationalError, sqlite3.OperationalError, sqlcipher.OperationalError) as err:
            session.rollback()
            raise translate_error(err, self.target) from err
        except DBAPIError as err:
            session.rollback()
            if err.connection_invalidated:
                raise translate_error(err, self.target) from err
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()
