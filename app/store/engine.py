"""Opening the store: an encrypted SQLite file (SQLCipher) or a PostgreSQL server.

SQLite connections are made and keyed (``app.store.sqlcipher``) in SQLAlchemy's ``do_connect``
event with the raw key from ``app.store.keys``; the passphrase never reaches SQL text or a URL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import StoreError
from app.i18n import _
from app.store.keys import DatabaseKey
from app.store.open_lock import OpenLock
from app.store.sqlcipher import APPLICATION_ID, connect, describe_error
from app.store.target import Target, parse_target

__all__ = ["APPLICATION_ID", "Store", "Target", "make_engine", "parse_target", "translate_error"]


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
        return connect(path, key)

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
    return describe_error(err, target.describe())


class Store:
    """An open store: an engine and a factory of sessions."""

    def __init__(self, engine: Engine, target: Target, key: DatabaseKey | None = None) -> None:
        self.engine = engine
        self.target = target
        self.key = key  # kept for backups of an SQLite store; None on PostgreSQL
        self.warnings: list[str] = []  # found on opening; the window shows them
        self.recovery_code: str | None = None  # only right after set-up, to print once
        self.open_lock: OpenLock | None = None  # shared lock on <db>.lock while open (SQLite)
        self.upgraded_from: str | None = None  # the schema revision an upgrade at open began at
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

    def rekey(self, key: DatabaseKey) -> None:
        """Go on with ``key`` after the database was re-encrypted (``app.access.rotation``):
        pooled connections under the old key are closed, new ones use the new key."""
        self.engine.dispose()
        self.key = key
        self.engine = make_engine(self.target, key)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(self.engine.execution_options(wegwijs_read_only=True),
                                           expire_on_commit=False)

    def close(self) -> None:
        try:
            self.engine.dispose()
        finally:
            if self.open_lock is not None:
                self.open_lock.release()
