"""Who has a database open: a lock file ``<db>.lock`` beside it.

Every open ``Store`` on an SQLite file holds a *shared* ``flock`` on ``<db>.lock`` for its
lifetime (``Store.close()`` lets go); many stores, in one process or several, share it
freely. A restore needs the *exclusive* lock and asks without waiting: while any Wegwijs
process (the window or a command) has the database open it is refused, so nobody keeps
saving into a file that was moved aside.

The lock file is created readable by its owner only and never removed. On Windows an open
database cannot be moved aside at all, so the file system itself refuses there; the shared
lock is then a no-op.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.errors import StoreError
from app.i18n import _

if os.name != "nt":
    import fcntl


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def _open(database: Path) -> int | None:
    try:
        return os.open(lock_path(database), os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0),
                       0o600)
    except OSError:
        return None  # a read-only folder: the store opens without the lock


class OpenLock:
    """A shared lock held while a store is open; ``release()`` lets go (safe twice)."""

    def __init__(self, fd: int | None) -> None:
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)

    def __del__(self) -> None:  # a store never closed still lets go when it is collected
        try:
            self.release()
        except Exception:  # noqa: BLE001 - never raise from a finaliser
            pass


def hold_shared(database: Path, *, wait: float = 10.0) -> OpenLock:
    """The shared lock of an open store; waits up to ``wait`` seconds for a restore to end."""
    if os.name == "nt":  # pragma: no cover - Windows refuses to move an open file
        return OpenLock(None)
    fd = _open(database)
    if fd is None:
        return OpenLock(None)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            return OpenLock(fd)
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise StoreError(_("The database {name} is being restored from a backup; try "
                                   "again in a moment.").format(name=database.name)) from None
            time.sleep(0.05)
        except OSError:
            return OpenLock(fd)  # a file system without locks: open as before


@contextmanager
def exclusive_or_refuse(database: Path) -> Iterator[None]:
    """Hold the exclusive lock (without waiting), or raise StoreError: open elsewhere."""
    if os.name == "nt":  # pragma: no cover - Windows refuses to move an open file
        yield
        return
    fd = _open(database)
    if fd is None:
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(_("Wegwijs is open elsewhere on this computer ({name} is in use by "
                               "the window or a command); close it first.").format(
                                   name=database.name)) from None
        except OSError:
            pass  # a file system without locks: as before
        yield
    finally:
        os.close(fd)  # closing the descriptor lets go of its lock
