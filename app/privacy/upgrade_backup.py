"""The verified backup a newer Wegwijs makes before it upgrades an older database.

``app.store.open_store`` migrates an older database when it opens it, and calls a hook first
(the store layer knows no backups). The ways in (``app.access.workspace``) pass
:func:`before_upgrade`: it writes a backup with :func:`app.privacy.backup.backup` (SQLite's
backup API, reopened and checked with both integrity checks before it counts, its key file
beside it) into ``before-upgrade/`` next to the database. Only when that succeeded does the
migration run; if it fails, the database is not touched and the message says why.

The backup is an ordinary Wegwijs backup: ``wegwijs restore`` puts it back, with the older
Wegwijs that made the database.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import StoreError
from app.i18n import _
from app.privacy import backup
from app.store import Store

FOLDER = "before-upgrade"
KEEP = 5  # upgrades are rare: the newest five are kept


def folder_for(database: Path) -> Path:
    """Where the backups made before upgrades of ``database`` go."""
    return database.parent / FOLDER


def before_upgrade(store: Store, from_revision: str) -> Path | None:
    """Make and verify a backup of ``store`` before its schema is upgraded; its path.

    A PostgreSQL database is backed up on its server (``pg_dump``), not here: None.

    Raises:
        StoreError: the backup could not be made or verified; the database is unchanged.
    """
    if store.key is None or store.target.path is None:
        return None
    try:
        made = backup.backup(store, folder_for(store.target.path), generations=KEEP)
    except StoreError as err:
        raise StoreError(_("This version of Wegwijs must update the database, and first makes "
                           "a backup of it. That backup failed, so the database was not "
                           "changed: {reason}").format(reason=err)) from None
    store.warnings.append(_("Wegwijs was updated and has updated the database. A checked "
                            "backup of the database as it was is kept in {path}.").format(
                                path=made))
    return made
