"""Faults from the environment: full disk, read-only folder, a deleted write-ahead log.

Each is detected with a message a volunteer can act on, and the data saved before is intact.
The disk and folder faults use a small tmpfs mounted for the test (needs root, as in CI).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from acting import acting
from sqlalchemy import func, select

from app.errors import StoreError
from app.services import persons
from app.store import Target, create_store, open_store
from app.store.models import Person

PASS = "fault passphrase"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
            capture_output=True).returncode != 0:
        if os.environ.get("CI"):
            pytest.fail("CI runs as root and must be able to mount a tmpfs")
        pytest.skip("needs root to mount a small tmpfs")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _count(path: Path) -> int:
    store = open_store(Target(path=path), PASS)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        with store.session() as db:
            return db.scalar(select(func.count()).select_from(Person))
    finally:
        store.close()


def test_disk_full(small_disk: Path) -> None:
    path = small_disk / "w.db"
    store = create_store(Target(path=path), PASS)
    saved = 0
    with pytest.raises(StoreError, match="disk is full"):
        for i in range(100_000):
            with store.session() as db:
                persons.create_person(db, acting(db), persons.PersonFields(
                    given_names=f"Person {i}", address="x" * 400))
            saved += 1
    store.close()
    assert saved > 0
    assert _count(path) == saved


def test_read_only_folder(small_disk: Path) -> None:
    path = small_disk / "w.db"
    store = create_store(Target(path=path), PASS)
    with store.session() as db:
        persons.create_person(db, acting(db), persons.PersonFields(given_names="Before"))
    store.close()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        with pytest.raises(StoreError, match="read-only|cannot be opened"):
            s = open_store(Target(path=path), PASS)
            with s.session() as db:
                persons.create_person(db, acting(db), persons.PersonFields(given_names="During"))
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert _count(path) == 1


def test_deleted_wal_file(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    store = create_store(Target(path=path), PASS)
    with store.session() as db:
        persons.create_person(db, acting(db), persons.PersonFields(given_names="Checkpointed"))
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    with store.session() as db:
        persons.create_person(db, acting(db), persons.PersonFields(given_names="Only in the log"))
    # Simulate a crash (the log is not folded in) and someone deleting the -wal file.
    wal = Path(str(path) + "-wal")
    assert wal.stat().st_size > 0
    copy = tmp_path / "crashed.db"
    copy.write_bytes(path.read_bytes())
    Path(str(copy) + "-shm").write_bytes(Path(str(path) + "-shm").read_bytes())
    store.close()
    reopened = open_store(Target(path=copy), PASS)
    try:
        assert any("write-ahead log" in w for w in reopened.warnings)
        with reopened.session() as db:
            names = set(db.scalars(select(Person.given_names)))
        assert "Checkpointed" in names  # the data saved before the log is intact
    finally:
        reopened.close()
