"""The encrypted store: encryption really on, keys, errors, migrations."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from acting import acting
from sqlalchemy import text

from app.errors import StoreError, WrongPassphrase
from app.services import persons
from app.store import Target, create_store, open_store
from app.store.schema import downgrade, head_revision, upgrade

NAME = "Zerihun Tesfamariam"


def _add_person(store, name: str = NAME) -> None:
    given, family = name.split(" ", 1)
    with store.session() as db:
        persons.create_person(db, acting(db), persons.PersonFields(given_names=given, family_name=family,
                                                             name_original="ዘርሁን ተስፋማርያም"))


def test_no_plaintext_in_file_wal_or_journal(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    store = create_store(Target(path=path), "a good passphrase")
    _add_person(store)
    # Read the files while the connection is still open, so the WAL is there too.
    blobs = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    store.close()
    blobs.update({p.name + "(closed)": p.read_bytes() for p in tmp_path.iterdir() if p.is_file()})
    assert "w.db-wal" in blobs
    for name, data in blobs.items():
        for needle in (NAME, "Zerihun", "Tesfamariam", "ዘርሁን", "zerihun"):
            assert needle.encode() not in data, f"{needle!r} in {name}"
    assert not blobs["w.db"].startswith(b"SQLite format 3")


@pytest.mark.parametrize("passphrase", [
    "with \" double ' single ; semicolon",
    "één passphrase with ümlauts and ሰላም and مرحبا",
    "'; DROP TABLE persons; --",
    "x" * 1000,
    "nul\x00inside it",
    "emoji 🔐🗝️ key",
])
def test_unusual_passphrases_work(tmp_path: Path, passphrase: str) -> None:
    path = tmp_path / "w.db"
    create_store(Target(path=path), passphrase).close()
    store = open_store(Target(path=path), passphrase)
    _add_person(store)
    store.close()
    with pytest.raises(WrongPassphrase):
        open_store(Target(path=path), passphrase + "x")


def test_wrong_passphrase_is_clear_and_changes_nothing(tmp_path: Path, capfd) -> None:
    path = tmp_path / "w.db"
    store = create_store(Target(path=path), "right passphrase")
    _add_person(store)
    store.close()
    before = path.read_bytes()
    for _ in range(3):
        with pytest.raises(WrongPassphrase, match="passphrase does not open"):
            open_store(Target(path=path), "wrong passphrase")
    assert path.read_bytes() == before
    assert "hmac" not in capfd.readouterr().err.lower()
    store = open_store(Target(path=path), "right passphrase")
    with store.session() as db:
        assert db.execute(text("select count(*) from persons")).scalar() == 1
    store.close()


def test_each_connection_is_sqlcipher_with_safe_pragmas(sqlite_store) -> None:
    with sqlite_store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA cipher_version").scalar()
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA temp_store").scalar() == 2  # MEMORY


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        open_store(Target(path=tmp_path / "nothing.db"), "whatever passphrase")


def test_plain_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    conn = sqlite3.connect(path)
    conn.execute("create table t(x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="unencrypted SQLite"):
        open_store(Target(path=path), "whatever passphrase")


@pytest.mark.parametrize("content", [b"", b"hello", b"\x00" * 4096, b"%PDF-1.7\n" * 100])
def test_not_a_database(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(content)
    with pytest.raises(StoreError):
        open_store(Target(path=path), "whatever passphrase")
    assert path.read_bytes() == content


def test_create_refuses_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    path.write_bytes(b"keep me")
    with pytest.raises(StoreError, match="already exists"):
        create_store(Target(path=path), "a good passphrase")
    assert path.read_bytes() == b"keep me"


def test_short_new_passphrase_refused(tmp_path: Path) -> None:
    with pytest.raises(WrongPassphrase, match="at least 8"):
        create_store(Target(path=tmp_path / "w.db"), "short")
    assert not (tmp_path / "w.db").exists()


def test_migrations_upgrade_empty_and_populated(store) -> None:
    assert head_revision()
    _add_person(store)
    downgrade(store.engine, "base")
    with store.engine.connect() as conn:
        assert "persons" not in conn.dialect.get_table_names(conn)
    upgrade(store.engine)
    _add_person(store, "Second Person")
    with store.session() as db:
        assert db.execute(text("select count(*) from persons")).scalar() == 1


def test_reopen_upgrades_populated_database(sqlite_template, tmp_path: Path) -> None:
    src, key = sqlite_template
    path = tmp_path / "w.db"
    shutil.copyfile(src, path)
    store = open_store(Target(path=path), key=key)
    _add_person(store)
    store.close()
    store = open_store(Target(path=path), key=key)
    with store.session() as db:
        assert db.execute(text("select count(*) from persons")).scalar() == 1
    store.close()
