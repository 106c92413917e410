"""Slowing down wrong passphrases: each failure doubles the wait before the next attempt.

The count is kept in a small file beside the database (no personal data: a number and a
time), so restarting the program or the command line does not reset it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from app.errors import WrongPassphrase
from app.i18n import _

BASE_SECONDS = 1.0
MAX_SECONDS = 60.0
FREE_ATTEMPTS = 3


class Throttle:
    """Failure count and the time of the last failure, for one database."""

    def __init__(self, state_file: Path | None, clock: Callable[[], float] | None = None) -> None:
        self.state_file = state_file
        self.clock = clock or time.time
        self.failures = 0
        self.last = 0.0
        self._load()

    def delay_after(self, failures: int) -> float:
        """Seconds to wait after ``failures`` wrong attempts in a row."""
        if failures < FREE_ATTEMPTS:
            return 0.0
        return min(MAX_SECONDS, BASE_SECONDS * 2 ** (failures - FREE_ATTEMPTS))

    def remaining(self) -> float:
        """Seconds before the next attempt is allowed (0 when allowed now)."""
        return max(0.0, self.last + self.delay_after(self.failures) - self.clock())

    def check(self) -> None:
        """Raise WrongPassphrase with the time to wait if an attempt is not yet allowed."""
        wait = self.remaining()
        if wait > 0:
            raise WrongPassphrase(_("Too many wrong passphrases. Try again in {n} seconds.")
                                  .format(n=int(wait + 0.999)))

    def failed(self) -> None:
        self.failures += 1
        self.last = self.clock()
        self._save()

    def succeeded(self) -> None:
        self.failures = 0
        self.last = 0.0
        self._save()

    def _load(self) -> None:
        if self.state_file is None:
            return
        try:
            data = json.loads(self.state_file.read_text(encoding="utf-8"))
            self.failures = int(data["failures"])
            self.last = float(data["last"])
        except (OSError, ValueError, KeyError, TypeError):
            self.failures, self.last = 0, 0.0

    def _save(self) -> None:
        if self.state_file is None:
            return
        try:
            if self.failures:
                self.state_file.write_text(json.dumps({"failures": self.failures,
                                                       "last": self.last}), encoding="utf-8")
            else:
                self.state_file.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only folder: the throttle then lasts as long as the process


def for_database(path: Path | None) -> Throttle:
    return Throttle(path.with_name(path.name + ".unlock") if path is not None else None)
