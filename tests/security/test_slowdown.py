"""Issue 12, point 5: the slow-down after wrong passphrases holds.

Each test replays one way around it: deleting ``<db>.unlock``, putting back an older key
file, processes started together, restore as a free passphrase oracle, and wrong passwords
at login inside the program (neither slowed nor kept in the audit trail).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from app.access import keyring, lockout
from app.access.workspace import add_user, initialise, log_in, unlock
from app.errors import WrongPassphrase
from app.privacy import backup
from app.store import Target, create_store
from app.store.models import AuditEvent
from app.vocabulary import UserRole

ROOT = Path(__file__).resolve().parents[2]
OFFICE = "the office passphrase"


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(lockout.time, "time", fake)
    return fake


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "w.db"
    initialise(Target(path=path), OFFICE).close()
    return path


def _wrong_tries(path: Path, n: int, clock: Clock) -> None:
    for i in range(n):
        with pytest.raises(WrongPassphrase, match="does not open"):
            unlock(Target(path=path), f"wrong passphrase {i}")
        clock.now += 120  # wait out each delay


def _too_soon(path: Path) -> None:
    with pytest.raises(WrongPassphrase, match="Try again in"):
        unlock(Target(path=path), OFFICE)


def test_deleting_the_unlock_file_does_not_reset_the_count(database: Path, clock: Clock) -> None:
    _wrong_tries(database, 5, clock)
    clock.now -= 119  # one second after the fifth wrong try: 4 seconds to wait
    Path(str(database) + ".unlock").unlink(missing_ok=True)
    _too_soon(database)
    assert lockout.for_database(database).failures == 5
    # the count is in the key file itself: deleting that locks everyone out instead
    assert json.loads(keyring.keyring_path(database).read_text())["tries"]["failures"] == 5


def test_an_older_key_file_put_back_does_not_reset_the_count(database: Path,
                                                             clock: Clock) -> None:
    older = keyring.keyring_path(database).read_bytes()  # e.g. the copy beside a backup
    _wrong_tries(database, 5, clock)
    clock.now -= 119
    keyring.keyring_path(database).write_bytes(older)
    Path(str(database) + ".unlock").unlink(missing_ok=True)
    _too_soon(database)
    clock.now += 120
    unlock(Target(path=database), OFFICE).close()  # the right one, once the wait is over
    assert lockout.for_database(database).failures == 0


def test_a_database_without_key_file_keeps_its_count_too(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "old.db"
    create_store(Target(path=path), OFFICE).close()  # keyed by the passphrase alone
    _wrong_tries(path, 5, clock)
    clock.now -= 119
    Path(str(path) + ".unlock").unlink()
    _too_soon(path)


SCRIPT = """
import sys, time
from pathlib import Path
from app.access.workspace import unlock
from app.errors import WrongPassphrase
from app.i18n import set_interface_language
from app.store import Target

set_interface_language("en")
db, ready, go = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
ready.touch()
while not go.exists():
    time.sleep(0.005)
refused = 0
while True:
    try:
        unlock(Target(path=db), "a wrong passphrase").close()
        print("OPENED")
        break
    except WrongPassphrase as err:
        if "Try again in" in err.message:
            refused += 1
            time.sleep(0.25)
            continue
        print("WRONG", refused)
        break
"""


def test_processes_started_together_each_count(database: Path, tmp_path: Path) -> None:
    script = tmp_path / "try_once.py"
    script.write_text(SCRIPT, encoding="utf-8")
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, str(script), str(database),
                               str(tmp_path / f"ready{i}"), str(go)],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for i in range(4)]
    deadline = time.monotonic() + 120
    while not all((tmp_path / f"ready{i}").exists() for i in range(4)):
        assert time.monotonic() < deadline, "the processes did not start"
        time.sleep(0.02)
    go.touch()
    outcomes = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
        outcomes.append(out.split())
    assert all(o[0] == "WRONG" for o in outcomes), outcomes
    assert lockout.for_database(database).failures == 4  # each try counted
    assert sum(int(o[1]) > 0 for o in outcomes) >= 1, outcomes  # the fourth had to wait


def test_restore_counts_wrong_passphrases(database: Path, tmp_path: Path, clock: Clock) -> None:
    store = unlock(Target(path=database), OFFICE)
    try:
        made = backup.backup(store, tmp_path / "backups")
    finally:
        store.close()
    for i in range(3):
        with pytest.raises(WrongPassphrase, match="does not open|cannot be opened"):
            backup.restore(database, made, f"guess {i}")
    with pytest.raises(WrongPassphrase, match="Try again in"):
        backup.restore(database, made, "guess 3")
    assert lockout.for_database(database).failures == 3
    _too_soon(database)  # one count for every door
    clock.now += 5


def test_wrong_logins_are_slowed_and_audited(database: Path, clock: Clock) -> None:
    store = unlock(Target(path=database), OFFICE)
    try:
        anna = add_user(store, None, "anna", "Anna", UserRole.VOLUNTEER, "anna's password")
        for typed in ("not anna's password", "also wrong"):
            with pytest.raises(WrongPassphrase, match="do not match"):
                log_in(store, "anna", typed)
        with pytest.raises(WrongPassphrase, match="do not match"):
            log_in(store, "nobody-here", "anna's password")
        with pytest.raises(WrongPassphrase, match="Try again in"):
            log_in(store, "anna", "anna's password")  # even the right one must wait
        assert lockout.for_database(database).failures == 3
        _too_soon(database)
        clock.now += 2
        assert log_in(store, "anna", "anna's password").id == anna.id
        assert lockout.for_database(database).failures == 0
        with store.session() as db:
            lines = list(db.scalars(select(AuditEvent).where(AuditEvent.action == "login_failed")
                                    .order_by(AuditEvent.at, AuditEvent.id)))
            seen = [(e.user_id, e.entity_id, e.detail) for e in lines]
    finally:
        store.close()
    assert seen.count((anna.id, anna.id, "")) == 2
    assert (None, None, "unknown user") in seen and len(seen) == 3
    assert not any("password" in d or "nobody" in d for _u, _e, d in seen)
