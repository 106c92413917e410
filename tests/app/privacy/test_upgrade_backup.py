"""Updates that cannot hurt data, on real encrypted files.

A newer Wegwijs opening an older database first writes a verified backup of it, then
migrates; if the backup cannot be made, nothing is migrated. An older Wegwijs refuses a
database made by a newer one with a message that says what to do, and changes nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from acting import acting
from sqlalchemy import text

from app.access import keyring, workspace
from app.errors import StoreError
from app.privacy import backup, upgrade_backup
from app.services import persons
from app.store import Target
from app.store.revisions import head_revision
from app.store.schema import downgrade

PASSPHRASE = "kantoor-geheim-2026"


def _database(tmp_path: Path) -> Path:
    """A real database of this version with one person in it."""
    path = tmp_path / "data" / "wegwijs.db"
    store = workspace.initialise(Target(path=path), PASSPHRASE)
    try:
        with store.session() as db:
            persons.create_person(db, acting(db), persons.PersonFields(
                given_names="Selam", family_name="Tesfay"))
    finally:
        store.close()
    return path


def _revision(store) -> str:  # noqa: ANN001 - a Store
    with store.engine.connect() as conn:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _made_by_the_previous_version(path: Path) -> str:
    """Take the database one migration back, as the previous Wegwijs left it; its revision."""
    store = workspace.unlock(Target(path=path), PASSPHRASE)
    try:
        downgrade(store.engine, "-1")
        return _revision(store)
    finally:
        store.close()


def test_an_older_database_is_backed_up_and_verified_before_it_is_migrated(
        tmp_path: Path) -> None:
    path = _database(tmp_path)
    old = _made_by_the_previous_version(path)
    assert old != head_revision()
    assert not upgrade_backup.folder_for(path).exists()

    store = workspace.unlock(Target(path=path), PASSPHRASE)
    try:
        assert _revision(store) == head_revision()
        assert store.upgraded_from == old
        (made,) = backup.backups_in(upgrade_backup.folder_for(path))
        assert any(str(made) in warning for warning in store.warnings)
        with store.session() as db:
            assert db.execute(text("SELECT count(*) FROM persons")).scalar() == 1
    finally:
        store.close()
    # the backup is the database as it was: the old schema, the person, intact, and it
    # opens with the office passphrase through the key file that lies beside it
    key = keyring.unlock(made, keyring.OFFICE, PASSPHRASE)
    backup.verify(made, key)
    conn = backup._keyed(made, key)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == old
        assert conn.execute("SELECT count(*) FROM persons").fetchone()[0] == 1
    finally:
        conn.close()
    # opened again at the newest schema: no second backup
    workspace.unlock(Target(path=path), PASSPHRASE).close()
    assert len(backup.backups_in(upgrade_backup.folder_for(path))) == 1


def test_no_migration_without_a_backup(tmp_path: Path) -> None:
    path = _database(tmp_path)
    old = _made_by_the_previous_version(path)
    upgrade_backup.folder_for(path).write_text("a file where the folder should be")
    with pytest.raises(StoreError, match="backup failed, so the database was not changed"):
        workspace.unlock(Target(path=path), PASSPHRASE)
    store = workspace.open_store(Target(path=path), key=keyring.database_key(
        path, PASSPHRASE, None), migrate=False)
    try:
        assert _revision(store) == old  # still as the older version left it
    finally:
        store.close()


def test_an_older_version_refuses_a_newer_database_and_changes_nothing(
        tmp_path: Path) -> None:
    path = _database(tmp_path)
    store = workspace.unlock(Target(path=path), PASSPHRASE)
    try:  # a database a later Wegwijs has migrated past every revision this one knows
        with store.engine.begin() as conn:
            conn.execute(text("CREATE TABLE later_feature (id INTEGER PRIMARY KEY)"))
            conn.execute(text("UPDATE alembic_version SET version_num = 'f00dfeedbeef'"))
    finally:
        store.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    from app import __version__

    with pytest.raises(StoreError) as refused:
        workspace.unlock(Target(path=path), PASSPHRASE)
    message = str(refused.value)
    assert "newer version of Wegwijs" in message and __version__ in message
    assert "Nothing was changed" in message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not upgrade_backup.folder_for(path).exists()
