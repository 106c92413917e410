"""An exclusive lock between processes on a small file beside the database.

``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows. The lock file is created readable
by its owner only and never removed (removing a lock file lets two processes hold "the" lock
at once); on POSIX a lock file replaced while we waited is noticed and locked again.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                time.sleep(0.02)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def _same_file(fd: int, path: Path) -> bool:
        return True  # an open file cannot be removed on Windows

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _same_file(fd: int, path: Path) -> bool:
        try:
            return os.stat(path).st_ino == os.fstat(fd).st_ino
        except OSError:
            return False


@contextmanager
def exclusive(path: Path) -> Iterator[int | None]:
    """Hold the lock on ``path`` (created when missing); yields its open descriptor, which
    the holder may read and write, or None when the file cannot be created (a read-only
    folder: the caller then works without a lock)."""
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        except OSError:
            yield None
            return
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            yield None
            return
        if _same_file(fd, path):
            break
        _unlock(fd)
        os.close(fd)  # removed or replaced while we waited: lock the file that is there now
    try:
        yield fd
    finally:
        try:
            _unlock(fd)
        finally:
            os.close(fd)


def read(fd: int, limit: int = 4096) -> bytes:
    """What the lock file holds (only while holding its lock)."""
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, limit)


def write(fd: int, data: bytes) -> None:
    """Replace what the lock file holds (only while holding its lock)."""
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, data)
