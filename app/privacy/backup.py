"""Encrypted backups with SQLite's backup API, each verified by reopening it; and restore.

A backup is a complete SQLCipher database under the same key (so the office passphrase opens
it), written next to its final name and renamed only after ``integrity_check`` and
``cipher_integrity_check`` pass. The live file is never copied. Restore checks the file's
key and integrity first and keeps the current database aside.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy.orm import Session

from app import settings
from app.access import keyring, lockout
from app.access.permissions import Permission, require_user
from app.errors import StoreError, WrongPassphrase
from app.files import create_private, private_folder
from app.i18n import _
from app.store import Store
from app.store.engine import APPLICATION_ID
from app.store.keys import DatabaseKey, key_for_file

SUFFIX = ".wegwijs-backup"
_NAME = re.compile(r"^wegwijs-(\d{8}-\d{6}(?:-\d+)?)" + re.escape(SUFFIX) + "$")


def _keyed(path: Path, key: DatabaseKey):  # noqa: ANN202 - a DB-API connection
    conn = sqlcipher.connect(str(path))
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {key.pragma_literal()}")
    return conn


def verify(path: Path, key: DatabaseKey) -> None:
    """Raise StoreError unless ``path`` is an intact Wegwijs database under ``key``."""
    if not path.is_file() or path.stat().st_size < 1024:
        raise StoreError(_("{name} is not a Wegwijs backup (empty or cut off).").format(
            name=path.name))
    conn = _keyed(path, key)
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError:
            raise WrongPassphrase(_("{name} cannot be opened with this passphrase, or it is not a "
                                    "Wegwijs backup.").format(name=path.name)) from None
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            cipher = conn.execute("PRAGMA cipher_integrity_check").fetchall()
            integrity = conn.execute("PRAGMA integrity_check").fetchall()
        except sqlcipher.DatabaseError:
            raise StoreError(_("{name} is damaged.").format(name=path.name)) from None
        if app_id != APPLICATION_ID:
            raise StoreError(_("{name} is not a Wegwijs database.").format(name=path.name))
        if cipher or integrity != [("ok",)]:
            raise StoreError(_("{name} is damaged: its integrity check failed.").format(
                name=path.name))
    finally:
        conn.close()


def backup(store: Store, folder: Path, *, generations: int = 10,
           now: datetime | None = None) -> Path:
    """Write a verified backup of ``store`` into ``folder``; keep the newest ``generations``."""
    if store.key is None or store.target.path is None:
        raise StoreError(_("A PostgreSQL database is backed up on its server (pg_dump), not by "
                           "Wegwijs."))
    now = now or datetime.now(UTC)
    try:
        private_folder(folder)
    except OSError as err:
        raise StoreError(_("The backup folder {folder} cannot be used: {reason}").format(
            folder=folder, reason=err.strerror)) from None
    stamp = now.strftime("%Y%m%d-%H%M%S")
    final = folder / f"wegwijs-{stamp}{SUFFIX}"
    n = 1
    while final.exists():
        final = folder / f"wegwijs-{stamp}-{n}{SUFFIX}"
        n += 1
    part = final.with_name(final.name + ".part")
    raw = store.engine.raw_connection()
    try:
        part.unlink(missing_ok=True)
        create_private(part)  # 0600 before SQLite writes a page into it
        dest = _keyed(part, store.key)
        try:
            raw.driver_connection.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        with part.open("rb") as fh:
            os.fsync(fh.fileno())
        verify(part, store.key)
        ring = keyring.load(store.target.path)
        if ring is not None:
            keyring.save(final, ring)  # the key file travels with its backup
        part.replace(final)
    except (OSError, sqlcipher.Error) as err:
        part.unlink(missing_ok=True)
        reason = getattr(err, "strerror", None) or str(err)
        raise StoreError(_("The backup could not be written to {folder}: {reason}. The database "
                           "itself is unchanged.").format(folder=folder, reason=reason)) from None
    except StoreError:
        part.unlink(missing_ok=True)
        raise
    finally:
        raw.close()
    prune(folder, generations)
    return final


def backups_in(folder: Path) -> list[Path]:
    """Backups in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if _NAME.match(p.name)), key=lambda p: p.name)


def prune(folder: Path, generations: int) -> None:
    for old in backups_in(folder)[:-generations] if generations > 0 else []:
        old.unlink(missing_ok=True)
        keyring.keyring_path(old).unlink(missing_ok=True)


def backup_if_due(store: Store, folder: Path, *, generations: int = 10,
                  every: timedelta = timedelta(days=1), now: datetime | None = None) -> Path | None:
    """A backup when the newest in ``folder`` is older than ``every`` (the daily backup)."""
    now = now or datetime.now(UTC)
    existing = backups_in(folder)
    if existing:
        newest = datetime.fromtimestamp(existing[-1].stat().st_mtime, UTC)
        if now - newest < every:
            return None
    return backup(store, folder, generations=generations, now=now)


def restore(database: Path, backup_file: Path, passphrase: str, *, name: str | None = None,
            now: datetime | None = None) -> Path:
    """Put ``backup_file`` in place of ``database``; returns where the old database was kept.

    Nothing is changed unless the backup opens with ``passphrase`` (of the office, or of the
    user ``name``, through the key file that travels with the backup) and passes both
    integrity checks.
    """
    if not backup_file.is_file():
        raise StoreError(_("There is no file {path}.").format(path=backup_file))
    ring = keyring.load(backup_file)
    # A try of a passphrase like any other: counted (before the slow derivation) with the
    # database's own wrong tries, or the backup's when there is no database yet.
    counted = database if database.exists() or keyring.keyring_path(database).exists() \
        else backup_file
    with lockout.for_database(counted).attempt():
        if ring is not None:
            key = keyring.unlock(backup_file, keyring.user_entry(name) if name
                                 else keyring.OFFICE, passphrase)
        else:
            key = key_for_file(backup_file, passphrase)
        verify(backup_file, key)
    now = now or datetime.now(UTC)
    kept = database.with_name(f"{database.name}.before-restore-{now.strftime('%Y%m%d-%H%M%S')}")
    part = database.with_name(database.name + ".restoring")
    try:
        part.unlink(missing_ok=True)
        create_private(part)  # copyfile keeps the mode of the file it writes into
        shutil.copyfile(backup_file, part)
        verify(part, key)
        if database.exists():
            _checkpoint_and_move(database, key, kept)
        current_ring = keyring.keyring_path(database)
        if current_ring.exists():
            current_ring.replace(keyring.keyring_path(kept))
        if ring is not None:
            keyring.save(database, ring)
        part.replace(database)
    except OSError as err:
        part.unlink(missing_ok=True)
        raise StoreError(_("The restore failed: {reason}. The current database was not "
                           "changed.").format(reason=err.strerror)) from None
    return kept


def _checkpoint_and_move(database: Path, key: DatabaseKey, kept: Path) -> None:
    """Fold the WAL into the current file, then move it aside whole."""
    try:
        conn = _keyed(database, key)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlcipher.Error:
        pass  # a different key or a damaged file: keep its -wal beside it as it is
    database.replace(kept)
    for suffix in ("-wal", "-shm"):
        side = Path(str(database) + suffix)
        if side.exists():
            side.replace(Path(str(kept) + suffix))


# The backups the window makes: a folder from the settings, checked first, on close and daily.

def usable_folder(text: str) -> Path:
    """The backup folder ``text`` names, if Wegwijs can write there; else a StoreError.

    The folder must exist already: when a USB stick is pulled out, its path must not quietly
    become a folder on this computer's own disk.
    """
    text = text.strip()
    if not text:
        raise StoreError(_("Choose a backup folder first."), field="backup_folder")
    folder = Path(text).expanduser()
    if not folder.is_absolute():
        raise StoreError(_("Give the whole path of the folder (or use Choose…)."),
                         field="backup_folder")
    try:
        exists, is_dir = folder.exists(), folder.is_dir()
    except OSError:
        exists = is_dir = False
    if not exists:
        raise StoreError(_("The folder {folder} is not there. Is the USB stick plugged in, or "
                           "the network share connected?").format(folder=folder),
                         field="backup_folder")
    if not is_dir:
        raise StoreError(_("{folder} is a file, not a folder. Choose a folder.").format(
            folder=folder), field="backup_folder")
    try:
        _probe(folder)
    except OSError:
        raise StoreError(_("Wegwijs may not write in {folder} (it is read-only or full). "
                           "Choose another folder, or ask whoever manages it.").format(
                               folder=folder), field="backup_folder") from None
    return folder


def _probe(folder: Path) -> None:
    """Write and remove a small file: the only sure test on USB sticks and network shares."""
    probe = folder / f".wegwijs-probe-{os.getpid()}"
    try:
        probe.write_bytes(b"wegwijs")
    finally:
        probe.unlink(missing_ok=True)


def automatic(store: Store, *, every: timedelta | None = timedelta(days=1),
              now: datetime | None = None) -> Path | None:
    """The automatic backup to the folder in the settings; None when none was due or set.

    ``every`` None always makes one (when the window closes); otherwise only when the newest
    backup is older than ``every`` (the daily backup). A PostgreSQL store is left to its server.
    """
    if store.key is None or store.target.path is None:
        return None
    with store.session() as db:
        text = str(settings.get(db, "backup_folder") or "")
        generations = int(settings.get(db, "backup_generations"))
    if not text.strip():
        return None
    folder = usable_folder(text)
    if every is None:
        return backup(store, folder, generations=generations, now=now)
    return backup_if_due(store, folder, generations=generations, every=every, now=now)


def save_settings(db: Session, by: uuid.UUID | None, folder_text: str, generations: int) -> str:
    """Store the backup folder (checked; empty turns automatic backups off) and how many
    generations to keep. Only a coordinator may change where the data goes."""
    require_user(db, by, Permission.BACKUP_SETTINGS)
    folder = str(usable_folder(folder_text)) if folder_text.strip() else ""
    settings.set_value(db, by, "backup_generations", generations)
    settings.set_value(db, by, "backup_folder", folder)
    return folder
