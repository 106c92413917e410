"""The office's exchange key changes with the data key, and reaches the other laptops only by a
key file and its one-time code (app.exchange.key_file). Real SQLCipher databases, real files.

Laptop A (the coordinator's) and laptop B joined from it. A's data key is rotated (say after
deactivating someone); a copy of A's database taken before, opened with a secret valid then,
holds only the old exchange key: what it makes is refused, what A makes it cannot read.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from acting import acting
from exchange_replicas import PASSPHRASE, exchange, first_laptop, join_from, person_ids, snapshot
from sqlalchemy import select

from app.access import rotation
from app.errors import NotAllowed
from app.exchange import exchange_file, key_file, sync, transfer
from app.exchange.exchange_file import ExchangeError
from app.services import persons
from app.store import Store, Target
from app.store.models import AuditEvent
from app.vocabulary import UserRole


@pytest.fixture
def laptops(tmp_path: Path):  # noqa: ANN201
    a = first_laptop(tmp_path / "a.db")
    _person(a, "Zainab")
    b = join_from(a, tmp_path / "b.db")
    yield a, b
    a.close()
    b.close()


def _person(store: Store, name: str) -> uuid.UUID:
    with store.session() as db:
        return persons.create_person(db, acting(db), persons.PersonFields(
            given_names=name, family_name="Testperson")).id


def _export(store: Store) -> bytes:
    with store.session() as db:
        return transfer.export_bytes(db, acting(db))[0]


def _import(store: Store, data: bytes):  # noqa: ANN202 - a Summary
    with store.session() as db:
        return transfer.import_bytes(db, acting(db), data)


def _copy(store: Store, to: Path) -> Path:
    """A copy of the database and its key file as they are now (what a thief takes away)."""
    source = store.target.path
    assert source is not None
    for suffix in ("", "-wal", ".keyring"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{to}{suffix}")
    return to


def _key(store: Store) -> tuple[int, bytes]:
    with store.session(read_only=True) as db:
        return transfer.key_generation(db), transfer.office_key(db)[1]


def _rotate(store: Store, **options: object) -> rotation.Rotated:
    with store.session() as db:
        by = acting(db)
    return rotation.rotate(store, by, **options)  # type: ignore[arg-type]


def _make_key(store: Store) -> tuple[bytes, key_file.KeyFile]:
    with store.session() as db:
        return key_file.make_key_bytes(db, acting(db))


def _take(store: Store, data: bytes, code: str) -> key_file.TakenKey:
    with store.session() as db:
        return key_file.take_key_bytes(db, acting(db), data, code)


def test_rotation_changes_the_exchange_key_and_old_key_files_are_refused(
        laptops, tmp_path: Path) -> None:
    a, b = laptops
    from app.access.workspace import unlock

    old_copy = unlock(Target(path=_copy(a, tmp_path / "stolen.db")), PASSPHRASE)
    try:
        before = _key(a)
        result = _rotate(a)
        assert result.exchange_key and result.other_laptops
        after = _key(a)
        assert after[0] == before[0] + 1 and after[1] != before[1]
        with a.session(read_only=True) as db:  # audited, without the key
            line = db.scalars(select(AuditEvent).where(AuditEvent.entity == "data_key")).one()
        assert "exchange_key=new" in line.detail
        assert before[1].hex() not in line.detail and after[1].hex() not in line.detail
        new_file = _export(a)
        assert exchange_file.generation_of(exchange_file.read_header(new_file)[3]) == 1

        # The copy made before: its own files (old key) are refused, nothing changes on A.
        _person(old_copy, "Forged")
        forged = _export(old_copy)
        people, rows = person_ids(a), snapshot(a)
        with pytest.raises(ExchangeError, match="older exchange key.*has not taken the "
                                                "office's new key"):
            _import(a, forged)
        assert person_ids(a) == people and snapshot(a) == rows
        # ... and it cannot read what A makes now.
        with pytest.raises(ExchangeError, match="newer exchange key"):
            _import(old_copy, new_file)
    finally:
        old_copy.close()


def test_a_laptop_without_the_new_key_refuses_the_new_files_with_a_clear_message(
        laptops) -> None:
    a, b = laptops
    _rotate(a)
    _person(a, "Amal")
    people = person_ids(b)
    with pytest.raises(ExchangeError) as refused:
        _import(b, _export(a))
    message = refused.value.message
    assert "newer exchange key" in message and "key file" in message
    assert "Nothing was read" in message
    assert person_ids(b) == people
    with pytest.raises(ExchangeError, match="has not taken the office's new key"):
        _import(a, _export(b))


def test_after_the_key_file_both_exchange_again_and_no_change_is_lost(laptops) -> None:
    a, b = laptops
    exchange(a, b)
    waiting = _person(b, "Before the rotation")  # B's work, not yet sent
    _rotate(a)
    on_a = _person(a, "After the rotation")
    with pytest.raises(ExchangeError):
        exchange(b, a)
    later = _person(b, "While B waits for the key")

    data, made = _make_key(a)
    assert made.generation == 1 and len(made.code) == 14
    with pytest.raises(ExchangeError, match="key file"):  # a key file is no exchange file
        _import(b, data)
    taken = _take(b, data, made.code.lower().replace("-", " "))
    assert taken.changed and taken.generation == 1
    assert _key(b) == _key(a)
    assert not _take(b, data, made.code).changed  # the same file again: nothing changes

    exchange(b, a)
    exchange(a, b)
    assert {waiting, later, on_a} <= person_ids(a)
    assert person_ids(a) == person_ids(b)
    assert snapshot(a) == snapshot(b)
    with b.session(read_only=True) as db:
        line = db.scalars(select(AuditEvent).where(AuditEvent.entity == "exchange_key",
                                                   AuditEvent.action == "update")).one()
    assert line.detail == "generation=1"


def test_a_wrong_code_another_office_and_an_older_key_file_are_refused(
        laptops, tmp_path: Path) -> None:
    a, b = laptops
    _rotate(a)
    first, first_made = _make_key(a)
    with pytest.raises(ExchangeError, match="code does not fit this key file"):
        _take(b, first, "AAAA-BBBB-CCCC")
    damaged = bytearray(first)
    damaged[-3] ^= 1
    with pytest.raises(ExchangeError, match="code does not fit"):
        _take(b, bytes(damaged), first_made.code)
    other = first_laptop(tmp_path / "other.db")
    try:
        foreign, foreign_made = _make_key(other)
        with pytest.raises(ExchangeError, match="another office"):
            _take(b, foreign, foreign_made.code)
    finally:
        other.close()
    with pytest.raises(ExchangeError, match="not a key file"):
        _take(b, _export(a), first_made.code)
    assert _key(b)[0] == 0

    # Roll-back: A changes the key again; B takes the newer one, then the older file.
    _rotate(a)
    second, second_made = _make_key(a)
    assert _take(b, second, second_made.code).generation == 2
    with pytest.raises(ExchangeError, match="older exchange key than this laptop has"):
        _take(b, first, first_made.code)
    assert _key(b) == _key(a)
    exchange(a, b)


def test_two_laptops_that_changed_the_key_at_once_settle_on_one(laptops) -> None:
    a, b = laptops
    _rotate(a)
    _rotate(b)
    (from_a, made_a), (from_b, made_b) = _make_key(a), _make_key(b)
    newer, older = (a, b) if _key(a) > _key(b) else (b, a)
    newer_file, newer_made = (from_a, made_a) if newer is a else (from_b, made_b)
    older_file, older_made = (from_b, made_b) if newer is a else (from_a, made_a)
    with pytest.raises(ExchangeError, match="changed too"):
        _take(newer, older_file, older_made.code)
    assert _take(older, newer_file, newer_made.code).changed
    exchange(a, b)
    exchange(b, a)


def test_only_coordinators_make_or_take_key_files(laptops) -> None:
    a, b = laptops
    data, made = _make_key(a)
    for store in (a, b):
        with store.session() as db:
            volunteer = acting(db, UserRole.VOLUNTEER, "vera")
            manager = acting(db, UserRole.CASE_MANAGER, "bram")
        for who in (volunteer, manager, None, uuid.uuid4()):
            with store.session() as db, pytest.raises(NotAllowed):
                key_file.make_key_bytes(db, who)
            with store.session() as db, pytest.raises(NotAllowed):
                key_file.take_key_bytes(db, who, data, made.code)


def test_keeping_the_exchange_key_is_explicit(laptops) -> None:
    a, b = laptops
    before = _key(a)
    result = _rotate(a, keep_exchange_key=True)
    assert not result.exchange_key and _key(a) == before
    exchange(a, b)
    with a.session(read_only=True) as db:
        line = db.scalars(select(AuditEvent).where(AuditEvent.entity == "data_key")).one()
    assert "exchange_key=kept" in line.detail


def test_a_join_file_made_after_the_rotation_carries_the_new_key(laptops, tmp_path: Path) -> None:
    a, _b = laptops
    _rotate(a)
    c = join_from(a, tmp_path / "c.db")
    try:
        assert _key(c) == _key(a)
        _person(c, "New laptop")
        exchange(c, a)
        exchange(a, c)
    finally:
        c.close()


def test_a_sync_carries_the_newer_key_to_the_other_side(laptops) -> None:
    a, b = laptops
    exchange(a, b)
    _rotate(a)
    with a.session() as db:
        by = acting(db)
    there, here = sync.sync(b, a, by)  # B syncs with A (as with the office's server)
    assert here.new_exchange_key and not there.new_exchange_key
    assert _key(b) == _key(a)
    _rotate(a)
    there, here = sync.sync(b, a, by)  # the other way round: nothing older comes back
    assert not there.new_exchange_key and here.new_exchange_key
    assert _key(b) == _key(a) and _key(a)[0] == 2
    exchange(a, b)
    exchange(b, a)
