"""Slowing down wrong passphrases and passwords: after three wrong tries in a row each one
doubles the wait before the next, up to a minute.

Every way of trying a secret counts in one count per database: unlocking (the office
passphrase, a user's own password, the recovery key), the card command, restoring a backup
(the backup's passphrase) and logging in inside the program. A try that opens resets it.

Where the count lives, so that it holds (no personal data: a number and a time):

- in the database's key file (``<db>.keyring``, every database Wegwijs creates): deleting
  that file locks everyone out instead of resetting the count;
- in ``<db>.unlock`` for a database keyed by its passphrase alone (made by older versions);
- and always also in the lock file ``<db>.unlock.lock``. The count is the highest of these,
  so deleting ``<db>.unlock`` or putting back an older key file (a backup's) resets nothing.
  Only a database without a key file whose ``<db>.unlock`` *and* lock file are both deleted
  starts again from zero: then there is no trace left to tell a deleted count from a new
  database, and refusing it would lock out every database made before this count existed.

The count changes only under an exclusive lock on ``<db>.unlock.lock``, and a try is
counted *before* the slow key derivation (:meth:`Throttle.attempt`): processes started
together each count, and those beyond the free tries are refused with the time to wait.
What no count on this computer can stop: a copy of the files tried elsewhere. There only the
passphrase's length and Argon2id protect. In a read-only folder the count lasts as long as
the process.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.access import file_lock, keyring
from app.errors import WrongPassphrase
from app.i18n import _

BASE_SECONDS = 1.0
MAX_SECONDS = 60.0
FREE_ATTEMPTS = 3


class TooSoon(WrongPassphrase):
    """A try refused before it was made: the wait after wrong tries is not over."""


class Throttle:
    """Failure count and the time of the last failure, for one database.

    ``state_file`` is ``<db>.unlock`` (None: the count lasts as long as this object);
    ``database`` the database whose key file holds the count when it has one; ``lock_file``
    defaults to ``<state_file>.lock``.
    """

    def __init__(self, state_file: Path | None, clock: Callable[[], float] | None = None, *,
                 database: Path | None = None, lock_file: Path | None = None) -> None:
        self.state_file = state_file
        self.database = database
        self.lock_file = lock_file if lock_file is not None or state_file is None \
            else state_file.with_name(state_file.name + ".lock")
        self.clock = clock or time.time
        self.failures = 0
        self.last = 0.0
        with self._locked():
            pass

    def delay_after(self, failures: int) -> float:
        """Seconds to wait after ``failures`` wrong attempts in a row."""
        if failures < FREE_ATTEMPTS:
            return 0.0
        return min(MAX_SECONDS, BASE_SECONDS * 2 ** (failures - FREE_ATTEMPTS))

    def remaining(self) -> float:
        """Seconds before the next attempt is allowed (0 when allowed now), as last read."""
        return max(0.0, self.last + self.delay_after(self.failures) - self.clock())

    def check(self) -> None:
        """Raise WrongPassphrase with the time to wait if an attempt is not yet allowed."""
        with self._locked():
            self._refuse_if_waiting()

    @contextmanager
    def attempt(self) -> Iterator[None]:
        """One try of a secret, counted before it is made.

        Raises WrongPassphrase (with the time to wait) before the block when a try is not
        allowed yet. The block does the slow check: leaving it normally resets the count; a
        wrong secret (or an interruption) leaves the try counted; any other error (a missing
        or damaged file) gives it back.
        """
        self.begin()
        try:
            yield
        except WrongPassphrase:
            raise
        except Exception:
            self.refund()
            raise
        self.succeeded()

    def begin(self) -> None:
        """Check and count one try in one step under the lock (see :meth:`attempt`)."""
        with self._locked() as fd:
            self._refuse_if_waiting()
            self.failures += 1
            self.last = self.clock()
            self._store(fd)

    def failed(self) -> None:
        with self._locked() as fd:
            self.failures += 1
            self.last = self.clock()
            self._store(fd)

    def refund(self) -> None:
        """Give back one try counted by :meth:`begin` that tried no secret."""
        with self._locked() as fd:
            if self.failures:
                self.failures -= 1
                self._store(fd)

    def succeeded(self) -> None:
        with self._locked() as fd:
            stale = self.state_file is not None and self.state_file.exists()
            if self.failures or self.last or stale:
                self.failures, self.last = 0, 0.0
                self._store(fd)

    def _refuse_if_waiting(self) -> None:
        wait = self.remaining()
        if wait > 0:
            raise TooSoon(_("Too many wrong passphrases. Try again in {n} seconds.")
                                  .format(n=int(wait + 0.999)))

    @contextmanager
    def _locked(self) -> Iterator[int | None]:
        """Hold the lock and read the count afresh (another process may have changed it)."""
        if self.lock_file is None:
            yield None
            return
        with file_lock.exclusive(self.lock_file) as fd:
            self._load(fd)
            yield fd

    def _load(self, fd: int | None) -> None:
        found: list[tuple[int, float]] = []
        if self.database is not None:
            in_keyring = keyring.read_tries(self.database)
            if in_keyring is not None:
                found.append(in_keyring)
        if self.state_file is not None:
            try:
                found.append(_parse(self.state_file.read_bytes()))
            except (OSError, ValueError, KeyError, TypeError):
                pass
        if fd is not None:
            try:
                found.append(_parse(file_lock.read(fd)))
            except (OSError, ValueError, KeyError, TypeError):
                pass
        if found:  # else nothing readable is left: keep what this process counted
            self.failures = max(n for n, _ in found)
            self.last = max(t for _, t in found)

    def _store(self, fd: int | None) -> None:
        text = json.dumps({"failures": self.failures, "last": self.last}).encode()
        in_keyring = self.database is not None and keyring.write_tries(
            self.database, self.failures, self.last)
        if self.state_file is not None:
            try:
                if self.failures and not in_keyring:
                    _write_private(self.state_file, text)
                else:
                    self.state_file.unlink(missing_ok=True)
            except OSError:
                pass  # a read-only folder: the count then lasts as long as the process
        if fd is not None:
            try:
                file_lock.write(fd, text)
            except OSError:
                pass


def _parse(data: bytes) -> tuple[int, float]:
    parsed = json.loads(data.decode("utf-8"))
    return max(0, int(parsed["failures"])), float(parsed["last"])


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole (readable by its owner only)."""
    tmp = path.with_name(path.name + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    tmp.replace(path)


def for_database(path: Path | None, clock: Callable[[], float] | None = None) -> Throttle:
    """The count of ``path`` (a database or a backup file). Nothing is written beside a file
    that is not there (a mistyped path): its count lasts as long as the returned object."""
    if path is None or not (path.exists() or keyring.keyring_path(path).exists()):
        return Throttle(None, clock)
    return Throttle(path.with_name(path.name + ".unlock"), clock, database=path,
                    lock_file=keyring.tries_lock_path(path))
