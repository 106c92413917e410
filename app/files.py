"""Writing files the volunteer asked for (PDFs, exports, overviews) so that a half-written file
never replaces a good one, and a failure says what to do.

Everything Wegwijs writes is created readable by its owner only (files 0600, folders it makes
0700); and no output ever lands on a file Wegwijs itself keeps (:func:`check_output`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from app.errors import WegwijsError
from app.i18n import _

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700

# What sits beside a database ``<db>`` and belongs to it: SQLite's own files, the key file
# (app.access.keyring), the slow-down count (app.access.lockout), the lock and the files of a
# restore (app.privacy.backup). Exact endings, and endings that start a longer name.
OWNED_ENDINGS = ("", "-wal", "-shm", "-journal", ".keyring", ".unlock", ".lock", ".restoring",
                 ".part")
OWNED_BEGINNINGS = (".keyring.", ".unlock.", ".lock.", ".before-restore-", ".restoring.")
BACKUP_SUFFIX = ".wegwijs-backup"  # app.privacy.backup.SUFFIX: a backup, wherever it lies
KEYRING_MARK = b"wegwijs-keyring/"  # in the first lines of every key file (backups' too)


def _open_flags() -> int:
    return os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


def make_private(path: Path) -> None:
    """Readable and writable by the owner only (a no-op where chmod means little: Windows)."""
    try:
        os.chmod(path, PRIVATE_FILE)
    except OSError:
        pass  # a file system without modes (FAT on a USB stick): nothing more to do


def open_private(path: Path, mode: str = "wb", encoding: str | None = None) -> IO:
    """Open ``path`` for writing, created (or truncated) with mode 0600 before anything is
    written to it."""
    fd = os.open(path, _open_flags(), PRIVATE_FILE)
    try:
        if hasattr(os, "fchmod"):  # an existing file keeps its old mode otherwise
            try:
                os.fchmod(fd, PRIVATE_FILE)
            except OSError:
                pass
        return os.fdopen(fd, mode, encoding=encoding)
    except BaseException:
        os.close(fd)
        raise


def create_private(path: Path) -> None:
    """Create the empty file ``path`` with mode 0600 (raises FileExistsError if it exists), so
    that what a library writes into it afterwards (SQLite and its -wal and -shm, which take
    the database's mode) is never readable by others."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                 PRIVATE_FILE)
    os.close(fd)


def private_folder(path: Path) -> None:
    """Make the folder ``path`` (and its parents) if missing; the folder Wegwijs makes is
    0700. An existing folder is left as it is."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` next to ``path`` (mode 0600) and move it into place only when complete."""
    tmp = path.with_name(path.name + ".part")
    try:
        if not path.parent.is_dir():
            private_folder(path.parent)
        with open_private(tmp) as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
    except OSError as err:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass  # the folder itself is the problem: there is no partial file
        if isinstance(err, PermissionError) and path.exists():
            # Windows refuses to replace a file another program has open (a CSV in Excel,
            # a PDF in a viewer): say so, rather than "Permission denied"
            raise WegwijsError(_("Cannot write {path}: it is open in another program, or "
                                 "read-only. Close it there (for example in Excel or the PDF "
                                 "viewer) and try again; the file was not changed.").format(
                                     path=path)) from None
        raise WegwijsError(_("Cannot write {path}: {reason}").format(
            path=path, reason=err.strerror or type(err).__name__)) from None


# Files the program owns are never an output.

def _fold(name: str) -> str:
    """A name as the file system compares it (cheaply: Windows and macOS ignore case)."""
    name = os.path.normcase(name)
    return name.casefold() if sys.platform in ("darwin", "win32") else name


def _resolved(path: Path) -> Path:
    try:
        return path.expanduser().resolve(strict=False)
    except (OSError, RuntimeError):  # a symlink loop: compare the path as it is
        return Path(os.path.abspath(path.expanduser()))


def _same_folder(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return _fold(str(a)) == _fold(str(b))


def _inside(path: Path, folder: Path) -> bool:
    """True when ``path`` lies in ``folder`` or one of its sub-folders (both resolved)."""
    return any(_same_folder(parent, folder) for parent in path.parents)


def _owned_name(name: str, database_name: str) -> bool:
    name, base = _fold(name), _fold(database_name)
    if not name.startswith(base):
        return False
    rest = name[len(base):]
    return rest in OWNED_ENDINGS or rest.startswith(OWNED_BEGINNINGS)


def _owned_siblings(database: Path) -> list[Path]:
    return [database.with_name(database.name + ending) for ending in OWNED_ENDINGS]


def _is_key_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return KEYRING_MARK in fh.read(256)
    except OSError:
        return False


def _databases(database: Path | None) -> list[Path]:
    """The database as named (its key file lies beside that name) and as resolved."""
    if database is None:
        return []
    named = Path(os.path.abspath(database.expanduser()))
    real = _resolved(database)
    return [named] if named == real else [named, real]


def default_backup_folder() -> Path:
    """Where backups go when no folder is set: the data folder's ``backups``."""
    from app.locations import data_dir

    return data_dir() / "backups"


def _backup_folders(backup_folder: Path | str | None) -> list[Path]:
    folders = [default_backup_folder()]
    if backup_folder and str(backup_folder).strip():
        folders.append(Path(str(backup_folder).strip()))
    return [_resolved(f) for f in folders]


def _refuse_owned(shown: Path) -> WegwijsError:
    return WegwijsError(_("Wegwijs will not write to {path}: it is one of the files that keep "
                          "the data (the database, its key file, its lock files or a backup). "
                          "Choose another name; nothing was written.").format(path=shown))


def check_output(path: Path, database: Path | None,
                 backup_folder: Path | str | None = None) -> Path:
    """Refuse an output ``path`` that is a file Wegwijs owns; returns ``path`` when it is not.

    Owned (after resolving symlinks and ``..``, ignoring case where the system does): the
    ``database``, its ``-wal``, ``-shm`` and ``-journal``, its key file, its lock and slow-down
    files and what a restore keeps beside it; any backup (``*.wegwijs-backup``) and any key
    file, wherever they lie; and every file in the backup folder (``backup_folder``, the
    setting, and the default one in the data folder). An existing folder is refused too.

    Raises:
        WegwijsError: naming the file; nothing may be written there.
    """
    shown = Path(path)
    target = _resolved(shown)
    named = Path(os.path.abspath(shown.expanduser()))
    if target.is_dir():
        raise WegwijsError(_("{path} is a folder; give the name of a file in it. Nothing was "
                             "written.").format(path=shown))
    for db in _databases(database):
        for candidate in {named, target}:
            if _same_folder(candidate.parent, db.parent) and _owned_name(candidate.name, db.name):
                raise _refuse_owned(shown)
        if target.exists():
            for owned in _owned_siblings(db):
                try:
                    if owned.exists() and os.path.samefile(target, owned):
                        raise _refuse_owned(shown)
                except OSError:
                    continue
    for candidate in {named, target}:
        folded = _fold(candidate.name)
        if folded.endswith(BACKUP_SUFFIX) or BACKUP_SUFFIX + "." in folded:
            raise _refuse_owned(shown)
    if target.is_file() and _is_key_file(target):
        raise _refuse_owned(shown)
    for folder in _backup_folders(backup_folder):
        if _inside(target, folder) or _inside(named, folder):
            raise WegwijsError(_("Wegwijs will not write to {path}: it is in the backup folder "
                                 "{folder}. Choose another folder; nothing was written.").format(
                                     path=shown, folder=folder))
    return shown


def check_output_folder(folder: Path, backup_folder: Path | str | None = None) -> Path:
    """Refuse a folder for outputs that is (or lies in) the backup folder; returns ``folder``."""
    shown = Path(folder)
    target = _resolved(shown)
    for owned in _backup_folders(backup_folder):
        if _same_folder(target, owned) or _inside(target, owned):
            raise WegwijsError(_("Wegwijs will not write in {folder}: it is the backup folder. "
                                 "Choose another folder; nothing was written.").format(
                                     folder=shown))
    return shown

