"""Creating and opening a Wegwijs database: ``create_store`` makes a new one, ``open_store``
opens an existing one (upgrading its schema); both return a ``Store``."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import inspect, text

from app.errors import StoreError
from app.files import create_private, private_folder
from app.i18n import _
from app.store import identity
from app.store.engine import APPLICATION_ID, Store, Target, make_engine
from app.store.keys import DatabaseKey, key_for_file, new_key
from app.store.open_lock import hold_shared
from app.store.revisions import current_revision, head_revision, known_revisions


def create_store(target: Target, passphrase: str | None = None, *,
                 key: DatabaseKey | None = None) -> Store:
    """Create a new, empty Wegwijs database at ``target`` and return it open.

    Raises:
        StoreError: something already exists there, or the folder cannot be written.
    """
    if target.is_sqlite:
        path = target.path
        assert path is not None
        if path.exists():
            raise StoreError(_("{path} already exists; open it instead, or choose another name.")
                             .format(path=path))
        if key is None:
            if passphrase is None:
                raise StoreError(_("A new database needs a passphrase."))
            key = new_key(passphrase)
        try:
            private_folder(path.parent)
            create_private(path)  # 0600 from the start; SQLite gives -wal and -shm its mode
        except OSError as err:
            raise StoreError(_("The folder {folder} cannot be created: {reason}")
                             .format(folder=path.parent, reason=err.strerror)) from None
    held = hold_shared(target.path) if target.is_sqlite and target.path is not None else None
    engine = make_engine(target, key)
    store = Store(engine, target, key)
    store.open_lock = held
    try:
        with engine.begin() as conn:
            if inspect(conn).get_table_names():
                raise StoreError(_("{where} already holds tables; Wegwijs creates its own database "
                                   "only in an empty one.").format(where=target.describe()))
            if target.is_sqlite:
                conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        from app.store.schema import upgrade

        upgrade(engine)
        if target.is_sqlite:
            identity.ensure(store)
    except Exception as err:
        store.close()
        if target.is_sqlite and target.path is not None and not isinstance(err, StoreError):
            _remove_new_file(target.path)
        if isinstance(err, StoreError):
            raise
        from app.store.engine import translate_error

        raise translate_error(err, target) from err
    return store


def _remove_new_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


BeforeMigrate = Callable[[Store, str], None]
"""Called with the open store and its old revision before a migration changes anything."""


def open_store(target: Target, passphrase: str | None = None, *,
               key: DatabaseKey | None = None, migrate: bool = True,
               before_migrate: BeforeMigrate | None = None) -> Store:
    """Open an existing Wegwijs database, upgrading its schema if it is older than the app.

    ``before_migrate`` runs before an upgrade changes the file (the layers above make a
    verified backup there: the store does not know backups); if it raises, nothing is
    migrated and the store is closed. ``store.upgraded_from`` names the revision an upgrade
    started from.

    Raises:
        WrongPassphrase: the passphrase does not open the file.
        StoreError: the file is missing, not a Wegwijs database, or from a newer Wegwijs.
    """
    if target.is_sqlite:
        path = target.path
        assert path is not None
        if not path.is_file():
            raise StoreError(_("There is no database at {path}. Create one with 'wegwijs init'.")
                             .format(path=path))
        if key is None:
            if passphrase is None:
                raise StoreError(_("This database is encrypted; give its passphrase."))
            key = key_for_file(path, passphrase)
        wal_missing = Path(str(path) + "-shm").exists() and not Path(str(path) + "-wal").exists()
        if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            raise StoreError(_("The database {path} is in a read-only place; Wegwijs needs to "
                               "write there. Ask for write access, or copy the file to a folder "
                               "you can write.").format(path=path))
        held = hold_shared(path)
    engine = make_engine(target, key)
    store = Store(engine, target, key)
    if target.is_sqlite:
        store.open_lock = held
    if target.is_sqlite and wal_missing:
        store.warnings.append(_(
            "The database's write-ahead log (the file ending in -wal) was missing: changes "
            "saved just before the last crash may be lost. Check the most recent records, or "
            "restore the latest backup."))
    try:
        with engine.connect().execution_options(wegwijs_read_only=True) as conn:
            if target.is_sqlite:
                app_id = conn.exec_driver_sql("PRAGMA application_id").scalar()
                if app_id != APPLICATION_ID:
                    raise StoreError(_("{where} is an SQLCipher database, but not one of Wegwijs.")
                                     .format(where=target.describe()))
            revision = current_revision(conn)
            if revision is None:
                raise StoreError(_("{where} holds no Wegwijs data. Create a database with "
                                   "'wegwijs init'.").format(where=target.describe()))
            if revision not in known_revisions():
                from app import __version__

                raise StoreError(_("This database was made by a newer version of Wegwijs than "
                                   "this one ({version}). Nothing was changed. Install the newer "
                                   "version of Wegwijs to open it (ask whoever installed the "
                                   "other laptops which version they have).").format(
                                       version=__version__))
            conn.execute(text("SELECT 1"))
        if migrate and revision != head_revision():
            from app.store.schema import upgrade  # Alembic is loaded only to migrate

            if before_migrate is not None:
                before_migrate(store, revision)
            store.upgraded_from = revision
            try:
                upgrade(engine)
            except Exception as err:
                if not target.is_sqlite and _lacks_rights(err):
                    raise StoreError(_(
                        "The database on {where} must be upgraded for this version of Wegwijs, "
                        "and this login may not change its tables. Ask the server's "
                        "administrator to run 'wegwijs server setup' as the owner of the "
                        "database.").format(where=target.describe())) from None
                raise
        if target.is_sqlite and (migrate or revision == head_revision()):
            identity.ensure(store)  # an older database gets its identity the first time
    except StoreError:
        store.close()
        raise
    except Exception as err:
        store.close()
        from app.store.engine import translate_error

        raise translate_error(err, target) from err
    return store


def _lacks_rights(err: BaseException) -> bool:
    """True for PostgreSQL's "permission denied" or "must be owner" (SQLSTATE 42501)."""
    orig = getattr(err, "orig", err)
    return getattr(orig, "sqlstate", None) == "42501"
