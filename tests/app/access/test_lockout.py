"""Ten wrong passphrases in a row: each refused clearly, slower and slower; the right one
still opens the database afterwards and nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.access import lockout
from app.access.workspace import initialise, unlock
from app.errors import WrongPassphrase
from app.store import Target


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_delays_double_and_persist(tmp_path: Path) -> None:
    clock = Clock()
    state = tmp_path / "w.db.unlock"
    throttle = lockout.Throttle(state, clock)
    waits = []
    for _ in range(10):
        throttle.check() if throttle.remaining() == 0 else None
        throttle.failed()
        waits.append(throttle.remaining())
        clock.now += throttle.remaining()
    assert waits == [0, 0, 1, 2, 4, 8, 16, 32, 60, 60]
    clock.now -= 5
    again = lockout.Throttle(state, clock)  # a restart keeps the count
    assert again.failures == 10
    with pytest.raises(WrongPassphrase, match="Try again in 5 seconds"):
        again.check()
    clock.now += 5
    again.succeeded()
    assert not state.exists()


def test_ten_wrong_passphrases_then_the_right_one(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "w.db"
    initialise(Target(path=path), "the right passphrase").close()
    before = path.read_bytes()
    clock = Clock()
    monkeypatch.setattr(lockout.time, "time", clock)
    messages = []
    for i in range(10):
        with pytest.raises(WrongPassphrase) as err:
            unlock(Target(path=path), f"wrong {i}")
        messages.append(err.value.message)
        if i < 9:
            clock.now += 120  # wait out the delay each time
    assert all("passphrase does not open" in m for m in messages), messages
    with pytest.raises(WrongPassphrase, match="Try again in"):
        unlock(Target(path=path), "the right passphrase")  # too soon after a failure
    clock.now += 120
    unlock(Target(path=path), "the right passphrase").close()
    assert path.read_bytes()[:16] == before[:16]
    assert not (tmp_path / "w.db.unlock").exists()
