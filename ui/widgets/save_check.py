"""What every save dialog asks before it writes: is the chosen file one Wegwijs owns?

The database, its key file, its lock files and the backups are never an output
(``app.files.check_output``); a dialog that gets such a path shows the message and writes
nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from app import settings
from app.files import check_output, check_output_folder
from ui.session.operations import Operations

log = logging.getLogger("wegwijs")


def _database(ops: Operations | None) -> Path | None:
    store = getattr(ops, "store", None)
    target = getattr(store, "target", None)
    return getattr(target, "path", None)


def backup_folder(ops: Operations | None) -> str | None:
    """The backup folder in the settings; None without an open SQLite store (PostgreSQL is
    backed up on its server). One small read of the local file."""
    store = getattr(ops, "store", None)
    if store is None or _database(ops) is None:
        return None
    try:
        with store.session(read_only=True) as db:
            return str(settings.get(db, "backup_folder") or "") or None
    except Exception:  # the owned files are still refused without the setting
        log.warning("the backup folder setting could not be read for the save check")
        return None


def check_save_path(ops: Operations | None, path: Path,
                    database: Path | None = None) -> Path:
    """Raise ``WegwijsError`` (naming the file) when ``path`` is a file Wegwijs owns."""
    return check_output(path, database or _database(ops), backup_folder(ops))


def check_save_folder(ops: Operations | None, folder: Path) -> Path:
    """Raise ``WegwijsError`` when ``folder`` is the backup folder."""
    return check_output_folder(folder, backup_folder(ops))
