"""Issue 12, point 4: restore is an act on the same office's data.

Replayed: a backup of another database, made with its own passphrase, put in place of the
office's; a foreign restore without the current passphrase; a restore while another process
still has the database open (and keeps saving into the file moved aside); and the one
command that puts the moved-aside database back.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from acting import acting, acting_in

from app import cli
from app.access import keyring
from app.access.workspace import add_user, initialise, unlock
from app.errors import StoreError, WrongPassphrase
from app.privacy import backup
from app.services import persons
from app.store import Target, open_store
from app.store import identity as db_identity
from app.vocabulary import UserRole

ROOT = Path(__file__).resolve().parents[2]
OFFICE = "the office passphrase"
ATTACKER = "the attacker's own passphrase"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _names(path: Path, passphrase: str = OFFICE) -> set[str]:
    store = unlock(Target(path=path), passphrase)
    try:
        with store.session() as db:
            from sqlalchemy import select

            from app.store.models import Person
            return {p.family_name for p in db.scalars(select(Person))}
    finally:
        store.close()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "office" / "w.db"
    store = initialise(Target(path=path), OFFICE)
    with store.session() as db:
        persons.create_person(db, acting(db), persons.PersonFields(given_names="A", family_name="Office"))
    store.close()
    return path


@pytest.fixture
def foreign(tmp_path: Path) -> Path:
    """Another database, with its own passphrase, backed up like any other."""
    path = tmp_path / "attacker" / "w.db"
    store = initialise(Target(path=path), ATTACKER)
    with store.session() as db:
        persons.create_person(db, acting(db), persons.PersonFields(given_names="B", family_name="Forged"))
    made = backup.backup(store, tmp_path / "attacker" / "backups")
    store.close()
    return made


def _own_backup(database: Path, tmp_path: Path) -> Path:
    store = unlock(Target(path=database), OFFICE)
    try:
        return backup.backup(store, tmp_path / "backups")
    finally:
        store.close()


def test_each_database_has_its_own_identity_and_backups_carry_it(database: Path,
                                                                 tmp_path: Path) -> None:
    store = unlock(Target(path=database), OFFICE)
    first = db_identity.ensure(store)
    store.close()
    store = open_store(Target(path=database), key=keyring.database_key(database, OFFICE))
    assert db_identity.ensure(store) == first  # kept, not made anew on each open
    store.close()
    other = tmp_path / "other.db"
    other_store = initialise(Target(path=other), OFFICE)
    assert db_identity.ensure(other_store) != first
    other_store.close()


def test_foreign_backup_with_its_own_passphrase_is_refused(database: Path, foreign: Path) -> None:
    before = _digest(database)
    with pytest.raises(StoreError, match="another database"):
        backup.restore(database, foreign, ATTACKER)
    assert _digest(database) == before
    assert not backup.kept_before_restore(database)
    assert _names(database) == {"Office"}


def test_foreign_restore_needs_the_current_passphrase(database: Path, foreign: Path) -> None:
    before = _digest(database)
    with pytest.raises(WrongPassphrase):
        backup.restore(database, foreign, ATTACKER, foreign=True)
    with pytest.raises(WrongPassphrase, match="not the current"):
        backup.restore(database, foreign, ATTACKER, foreign=True,
                       current_passphrase="a guess")
    with pytest.raises(WrongPassphrase, match="not the current"):
        backup.restore(database, foreign, ATTACKER, foreign=True,
                       current_passphrase=ATTACKER)
    assert _digest(database) == before


def test_foreign_restore_with_the_current_passphrase_is_accepted(database: Path,
                                                                 foreign: Path) -> None:
    kept = backup.restore(database, foreign, ATTACKER, foreign=True,
                          current_passphrase=OFFICE)
    assert _names(database, ATTACKER) == {"Forged"}
    assert _names(kept) == {"Office"}


def test_own_backup_is_restored_without_more_questions(database: Path, tmp_path: Path) -> None:
    made = _own_backup(database, tmp_path)
    store = unlock(Target(path=database), OFFICE)
    with store.session() as db:
        persons.create_person(db, acting(db), persons.PersonFields(given_names="C", family_name="Later"))
    store.close()
    backup.restore(database, made, OFFICE)
    assert _names(database) == {"Office"}


def test_cli_foreign_restore(database: Path, foreign: Path, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    store = unlock(Target(path=database), OFFICE)
    add_user(store, acting_in(store), "carla", "Carla", UserRole.COORDINATOR, "carla's password")
    store.close()
    files = {}
    for label, text in (("attacker", ATTACKER), ("wrong", "a guess"),
                        ("carla", "carla's password")):
        files[label] = tmp_path / f"{label}.txt"
        files[label].write_text(text + "\n")

    def run(own: str, *extra: str) -> int:
        return cli.main(["--db", str(database), "--user", "carla", "--passphrase-file",
                         str(files[own]), "restore", str(foreign), "--backup-passphrase-file",
                         str(files["attacker"]), *extra])

    before = _digest(database)
    assert run("carla") == 1
    assert "another database" in capsys.readouterr().err
    assert run("wrong", "--foreign") == 1
    assert _digest(database) == before and _names(database) == {"Office"}
    assert run("carla", "--foreign") == 0
    assert _names(database, ATTACKER) == {"Forged"}


HOLDER = """
import sys, time
from pathlib import Path
from app.access.workspace import unlock
from app.store import Target
store = unlock(Target(path=Path(sys.argv[1])), sys.argv[2])
print("open", flush=True)
sys.stdin.readline()
store.close()
"""


def test_restore_refused_while_another_process_has_the_database_open(database: Path,
                                                                      tmp_path: Path) -> None:
    made = _own_backup(database, tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(database), OFFICE], cwd=ROOT,
                             env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "open"
        before = _digest(database)
        with pytest.raises(StoreError, match="open elsewhere"):
            backup.restore(database, made, OFFICE)
        with pytest.raises(StoreError, match="open elsewhere"):
            backup.put_back(database)
        assert _digest(database) == before and not backup.kept_before_restore(database)
    finally:
        child.communicate("\n", timeout=60)  # the child closes its store and ends
    backup.restore(database, made, OFFICE)
    assert len(backup.kept_before_restore(database)) == 1


def test_stores_in_one_process_share_the_lock(database: Path) -> None:
    first = unlock(Target(path=database), OFFICE)
    second = unlock(Target(path=database), OFFICE)
    second.close()
    with pytest.raises(StoreError, match="open elsewhere"):
        backup.put_back(database)  # first is still open
    first.close()
    with pytest.raises(StoreError, match="no database kept"):
        backup.put_back(database)  # now only the missing kept file stops it


def test_put_back_undoes_the_last_restore(database: Path, foreign: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    before = _digest(database)
    ring_before = keyring.keyring_path(database).read_bytes()
    backup.restore(database, foreign, ATTACKER, foreign=True, current_passphrase=OFFICE)
    assert _names(database, ATTACKER) == {"Forged"}
    time.sleep(0)  # names carry the second; a counter keeps them apart
    assert backup.put_back(database)[0].name.startswith("w.db.before-restore-")
    assert _digest(database) == before
    assert keyring.keyring_path(database).read_bytes() == ring_before
    assert _names(database) == {"Office"}
    assert not backup.kept_before_restore(database)
    undone = list(database.parent.glob("w.db.undone-restore-*"))
    assert len([p for p in undone if not p.name.endswith(".keyring")]) == 1
