"""Backups through the SQLite backup API, verified; restore only after checks pass."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from acting import acting
from sqlalchemy import func, select

from app.errors import StoreError, WrongPassphrase
from app.privacy import backup
from app.services import persons
from app.store import Target, create_store, open_store
from app.store.models import Person

PASS = "office passphrase"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "wegwijs.db"
    store = create_store(Target(path=path), PASS)
    with store.session() as db:
        persons.create_person(db, acting(db), persons.PersonFields(given_names="Kept", family_name="Safe"))
    store.close()
    return path


def _count(path: Path) -> int:
    store = open_store(Target(path=path), PASS)
    with store.session() as db:
        n = db.scalar(select(func.count()).select_from(Person))
    store.close()
    return n


def test_backup_verify_and_generations(db_path: Path, tmp_path: Path) -> None:
    store = open_store(Target(path=db_path), PASS)
    folder = tmp_path / "usb"
    start = datetime(2026, 11, 1, tzinfo=UTC)
    made = [backup.backup(store, folder, generations=3, now=start + timedelta(hours=i))
            for i in range(5)]
    store.close()
    assert backup.backups_in(folder) == made[2:]
    data = made[-1].read_bytes()
    assert not data.startswith(b"SQLite format 3") and b"Kept" not in data
    assert _count(made[-1]) == 1  # a backup is a database the office passphrase opens


def test_daily_backup_only_when_due(db_path: Path, tmp_path: Path) -> None:
    store = open_store(Target(path=db_path), PASS)
    folder = tmp_path / "b"
    assert backup.backup_if_due(store, folder) is not None
    assert backup.backup_if_due(store, folder) is None
    store.close()


def test_restore_keeps_current_aside(db_path: Path, tmp_path: Path) -> None:
    store = open_store(Target(path=db_path), PASS)
    made = backup.backup(store, tmp_path / "b")
    with store.session() as db:
        persons.create_person(db, acting(db), persons.PersonFields(given_names="After", family_name="Backup"))
    store.close()
    assert _count(db_path) == 2
    kept = backup.restore(db_path, made, PASS)
    assert _count(db_path) == 1
    assert _count(kept) == 2


def test_truncated_backup_is_refused_and_nothing_changes(db_path: Path, tmp_path: Path) -> None:
    store = open_store(Target(path=db_path), PASS)
    made = backup.backup(store, tmp_path / "b")
    store.close()
    cut = tmp_path / "cut.wegwijs-backup"
    cut.write_bytes(made.read_bytes()[: made.stat().st_size // 2])
    before = db_path.read_bytes()
    with pytest.raises(StoreError):
        backup.restore(db_path, cut, PASS)
    assert db_path.read_bytes() == before and _count(db_path) == 1


@pytest.mark.parametrize("content", [b"not a database at all" * 100, b"SQLite format 3\x00" + b"\0" * 5000])
def test_restore_of_foreign_files_refused(db_path: Path, tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    with pytest.raises(StoreError):
        backup.restore(db_path, bad, PASS)
    assert _count(db_path) == 1


def test_restore_of_other_key_refused(db_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    create_store(Target(path=other), "another office's passphrase").close()
    with pytest.raises(WrongPassphrase):
        backup.restore(db_path, other, PASS)
    assert _count(db_path) == 1


def test_corrupted_backup_refused(db_path: Path, tmp_path: Path) -> None:
    store = open_store(Target(path=db_path), PASS)
    made = backup.backup(store, tmp_path / "b")
    store.close()
    data = bytearray(made.read_bytes())
    data[5000:5100] = b"\xff" * 100  # flip bytes inside a page: the HMAC no longer matches
    made.write_bytes(bytes(data))
    with pytest.raises(StoreError):
        backup.restore(db_path, made, PASS)
    assert _count(db_path) == 1
