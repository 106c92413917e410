"""One keyed SQLCipher connection, and driver errors in words a volunteer can act on.

Kept free of SQLAlchemy: the engine makes its connections here, and so do the short paths that
must not pay for importing the ORM (``app.store.card_reader`` for the card command,
``app.store.people_reader`` for the People list at start-up), through ``connect_current``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from app.errors import StoreError, WrongPassphrase
from app.i18n import _
from app.store.keys import DatabaseKey
from app.store.revisions import head_revision

APPLICATION_ID = 0x57574A53  # "WWJS", set in every Wegwijs SQLite file

# cache_size: 64 MiB of decrypted pages, so a search does not decrypt the same pages again for
# every keystroke.
PRAGMAS = ("synchronous = FULL", "foreign_keys = ON", "temp_store = MEMORY", "secure_delete = ON",
           "busy_timeout = 30000", "cache_size = -65536")


def connect(path: Path, key: DatabaseKey) -> Any:
    """A connection to the encrypted file at ``path``, checked to really be SQLCipher.

    It gets WAL, ``synchronous=FULL``, foreign keys and in-memory temp storage. Raises
    WrongPassphrase when ``key`` does not open the file.
    """
    conn = sqlcipher.connect(str(path), check_same_thread=False, timeout=30)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {key.pragma_literal()}")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError as err:
            if "not a database" not in str(err):
                raise describe_error(err, str(path)) from None
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
        for pragma in PRAGMAS:
            conn.execute(f"PRAGMA {pragma}")
    except BaseException:
        conn.close()
        raise
    return conn


def connect_current(path: Path, key: DatabaseKey) -> Any | None:
    """A connection as ``connect`` makes, in autocommit mode (transactions begun explicitly),
    or None when the file must be opened through the store instead: not marked as Wegwijs's,
    or its schema is not the newest (a migration to run first).

    Raises WrongPassphrase when ``key`` does not open the file.
    """
    conn = connect(path, key)
    try:
        conn.isolation_level = None
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            conn.close()
            return None
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlcipher.DatabaseError:
            row = None
        if row is None or row[0] != head_revision():
            conn.close()
            return None
    except BaseException:
        conn.close()
        raise
    return conn


def describe_error(err: Exception, where: str) -> StoreError:
    """A message a volunteer can act on for an error from the database driver."""
    text = str(getattr(err, "orig", err)).lower()
    if "readonly" in text or "read-only" in text:
        return StoreError(_("The database {where} is read-only; ask for write access or move "
                            "it to a folder you can write.").format(where=where))
    if "disk is full" in text or "no space" in text:
        return StoreError(_("The disk is full. Free some space; nothing was saved of this last "
                            "change."))
    if "unable to open" in text:
        return StoreError(_("The database {where} cannot be opened: the folder is missing or not "
                            "writable.").format(where=where))
    if "locked" in text or "busy" in text:
        return StoreError(_("The database is busy in another window; try again in a moment."))
    if "connection" in text or "could not" in text:
        return StoreError(_("The database server {where} cannot be reached.")
                          .format(where=where))
    return StoreError(_("The database reported a problem: {reason}").format(
        reason=str(getattr(err, "orig", err)).splitlines()[0][:200]))
