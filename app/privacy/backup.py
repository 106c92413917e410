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
from app.store import Store, identity, open_lock
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
            foreign: bool = False, current_passphrase: str | None = None,
            current_name: str | None = None, now: datetime | None = None) -> Path:
    """Put ``backup_file`` in place of ``database``; returns where the old database was kept.

    Nothing is changed unless no Wegwijs process has ``database`` open (its lock), the backup
    opens with ``passphrase`` (of the office, or of the user ``name``, through the key file
    that travels with the backup), passes both integrity checks, and is a backup of this same
    database (its identity, or failing that its key). A backup of another database is put in
    place only with ``foreign`` and ``current_passphrase``, the passphrase (or ``name``'s own
    password, ``current_name`` or else ``name``) that opens the live database now.
    """
    if not backup_file.is_file():
        raise StoreError(_("There is no file {path}.").format(path=backup_file))
    with open_lock.exclusive_or_refuse(database):
        return _restore_locked(database, backup_file, passphrase, name=name, foreign=foreign,
                               current_passphrase=current_passphrase,
                               current_name=current_name if current_name else name, now=now)


def _restore_locked(database: Path, backup_file: Path, passphrase: str, *, name: str | None,
                    foreign: bool, current_passphrase: str | None, current_name: str | None,
                    now: datetime | None) -> Path:
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
    if database.exists():
        _same_database_or_refuse(database, backup_file, key, name=name, foreign=foreign,
                                 current_passphrase=current_passphrase, passphrase=passphrase,
                                 current_name=current_name)
    now = now or datetime.now(UTC)
    kept = _free_name(database, "before-restore", now)
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


def _free_name(database: Path, what: str, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    kept = database.with_name(f"{database.name}.{what}-{stamp}")
    n = 1
    while kept.exists() or keyring.keyring_path(kept).exists():
        kept = database.with_name(f"{database.name}.{what}-{stamp}-{n}")
        n += 1
    return kept


def _live_key(database: Path, name: str | None, secret: str) -> DatabaseKey:
    """The live database's key from ``secret``, counted as a try; WrongPassphrase if not."""
    with lockout.for_database(database).attempt():
        if keyring.load(database) is not None:
            return keyring.unlock(database, keyring.user_entry(name) if name
                                  else keyring.OFFICE, secret)
        return key_for_file(database, secret)


def _identity_with(path: Path, key: DatabaseKey) -> tuple[bool, str | None]:
    """(opens, identity) of the database at ``path`` under ``key``."""
    try:
        conn = _keyed(path, key)
    except sqlcipher.Error:
        return False, None
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError:
            return False, None
        return True, identity.read(conn)
    finally:
        conn.close()


def _same_database_or_refuse(database: Path, backup_file: Path, key: DatabaseKey, *,
                             name: str | None, foreign: bool, current_passphrase: str | None,
                             passphrase: str, current_name: str | None) -> None:
    """Return when ``backup_file`` is a backup of ``database`` or a foreign restore was
    confirmed with the live database's own passphrase; else raise."""
    backup_id = _identity_with(backup_file, key)[1]
    same_key, live_id = _identity_with(database, key)
    if same_key and (backup_id is None or live_id is None or backup_id == live_id):
        return  # the office's own data key; the same identity (or an older backup without)
    if not same_key and not foreign and backup_id is not None:
        # The data key changed since the backup (a rotation): the typed secret opens both.
        try:
            opens, live_id = _identity_with(database, _live_key(database, name, passphrase))
        except StoreError:
            opens = False
        if opens and live_id == backup_id:
            return
    if not foreign:
        raise StoreError(_("{name} is a backup of another database, not of this office's. "
                           "Nothing was changed. To put it in place all the same, a coordinator "
                           "uses --foreign and gives the current database's passphrase (or their "
                           "own password).").format(
                               name=backup_file.name))
    if not current_passphrase:
        raise WrongPassphrase(_("A foreign restore needs the current database's passphrase. "
                                "Nothing was changed."))
    try:
        live_key = _live_key(database, current_name, current_passphrase)
    except lockout.TooSoon:
        raise
    except WrongPassphrase:
        raise WrongPassphrase(_("This is not the current database's passphrase. Nothing was "
                                "changed.")) from None
    if not _identity_with(database, live_key)[0]:
        lockout.for_database(database).failed()
        raise WrongPassphrase(_("This is not the current database's passphrase. Nothing was "
                                "changed."))


def put_back(database: Path, *, now: datetime | None = None) -> tuple[Path, Path | None]:
    """Undo the last restore: the newest ``<db>.before-restore-*`` back in place, with its key
    file; the database it replaces is kept as ``<db>.undone-restore-*``. Returns (what was put
    back, where the replaced database was kept or None)."""
    with open_lock.exclusive_or_refuse(database):
        candidates = kept_before_restore(database)
        if not candidates:
            raise StoreError(_("There is no database kept by an earlier restore beside {name}.")
                             .format(name=database.name))
        previous = candidates[-1]
        now = now or datetime.now(UTC)
        aside: Path | None = None
        try:
            if database.exists():
                aside = _free_name(database, "undone-restore", now)
                _move_with_sides(database, aside)
            current_ring = keyring.keyring_path(database)
            if current_ring.exists():
                current_ring.replace(keyring.keyring_path(aside or _free_name(
                    database, "undone-restore", now)))
            kept_ring = keyring.keyring_path(previous)
            if kept_ring.exists():
                kept_ring.replace(current_ring)
            _move_with_sides(previous, database)
        except OSError as err:
            raise StoreError(_("The previous database could not be put back: {reason}.").format(
                reason=err.strerror)) from None
        return previous, aside


_KEPT = re.compile(r"\.before-restore-(\d{8}-\d{6})(?:-(\d+))?$")


def kept_before_restore(database: Path) -> list[Path]:
    """The databases earlier restores kept aside, oldest first."""
    found = []
    for path in database.parent.glob(database.name + ".before-restore-*"):
        match = _KEPT.fullmatch(path.name[len(database.name):])
        if match and path.is_file():
            found.append(((match[1], int(match[2] or 0)), path))
    return [path for _key, path in sorted(found)]


def _move_with_sides(source: Path, dest: Path) -> None:
    source.replace(dest)
    for suffix in ("-wal", "-shm"):
        side = Path(str(source) + suffix)
        if side.exists():
            side.replace(Path(str(dest) + suffix))


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
